from objectives.choices import SEMAFORO_COLORS, Semaforo
from objectives.templatetags.pep import code, palette_css, status_badge, status_label


def test_the_semaforo_css_is_written_from_its_one_home():
    css = palette_css()
    for value in Semaforo.values:
        assert f".semaforo-{value}{{background-color:{SEMAFORO_COLORS[value]};" in css
        assert f".semaforo-border-{value}{{border-left-color:{SEMAFORO_COLORS[value]}" in css


def test_each_report_status_has_one_colour_and_its_label():
    assert [status_badge(s) for s in ("borrador", "enviado", "devuelto", "aprobado")] == [
        "secondary",
        "info",
        "warning",
        "success",
    ]
    assert status_label("devuelto") == "Devuelto"


def test_codes_never_read_na():
    assert (code("321"), code("")) == ("321", "sin código")
