from decimal import Decimal as D

import pytest

from indicators.formatting import (
    NumberError,
    file_size,
    is_na,
    number,
    parse_number,
    percent,
    ratio_percent,
    round_half_up,
    too_long,
    value_text,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (D("2000000"), None, "2.000.000"),
        (D("13200000"), 2, "13.200.000,00"),
        (D("114279"), None, "114.279"),
        (D("7.000000"), None, "7"),
        (D("2.370000"), None, "2,37"),
        (D("-1234.5"), 2, "-1.234,50"),
        (D("0.005"), 2, "0,01"),
        (0, None, "0"),
        (None, None, "N/A"),
    ],
)
def test_number_in_colombian_style(value, places, expected):
    assert number(value, places) == expected


def test_percent_and_ratio_percent():
    assert percent(D("49.0188")) == "49,02 %"
    assert percent(D("162.65")) == "162,65 %"
    assert percent(None) == "N/A"
    assert ratio_percent(D("0.474")) == "47,40 %"
    assert ratio_percent(None) == "N/A"


def test_round_half_up_rounds_five_away_from_zero():
    assert round_half_up(D("144.815")) == D("144.82")
    assert round_half_up(D("82.48495")) == D("82.48")
    assert round_half_up(D("2.5"), 0) == D("3")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.000.000", (D("2000000"), False)),
        ("13.200.000,00", (D("13200000.00"), False)),
        ("89,35%", (D("89.35"), True)),
        ("89,35 %", (D("89.35"), True)),
        ("1.234,5", (D("1234.5"), False)),
        ("1234.5", (D("1234.5"), False)),
        ("7,00", (D("7.00"), False)),
        ("0", (D("0"), False)),
        ("N/A", (None, False)),
        ("", (None, False)),
    ],
)
def test_parse_number_accepts_colombian_and_plain(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "Infinity", "12 unidades"])
def test_parse_number_refuses_text(text):
    with pytest.raises(ValueError):
        parse_number(text)


MAGNITUDE = (D(0), D(10) ** 14)
RANGE = "Escriba un valor entre 0 y 100.000.000.000.000."


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1e309", f"«1e309» está fuera del rango permitido. {RANGE}"),
        ("9" * 400, f"«{'9' * 30}…» es demasiado grande. {RANGE}"),
        ("1" + "0" * 29, f"«{'1' + '0' * 29}» está fuera del rango permitido. {RANGE}"),
        ("nan", f"«nan» no es un número finito. {RANGE}"),
        ("-Infinity", f"«-Infinity» no es un número finito. {RANGE}"),
        (float("nan"), f"La celda no tiene un número finito. {RANGE}"),
        (float("inf"), f"La celda no tiene un número finito. {RANGE}"),
        (10**30, f"«{str(10**30)[:30]}…» está fuera del rango permitido. {RANGE}"),
        ("-5", "El valor no puede ser negativo (-5)."),
        ("-1e400", f"«-1e400» está fuera del rango permitido. {RANGE}"),
        (
            "1,000.5",
            "«1,000.5» es ambiguo: escriba los miles con punto y los decimales con coma "
            "(1.000,5), o solo los decimales con punto (1000.5).",
        ),
        ("1,000,000", "«1,000,000» es ambiguo"),
        ("1.2.3", "«1.2.3» no es un número. Escriba por ejemplo 2.000.000, 1.234,5 o 89,35 %."),
    ],
)
def test_the_one_parser_refuses_with_the_range_before_formatting_anything(raw, message):
    """Issue 12: 29 digits and more crashed while the "too large" message was being written."""
    with pytest.raises(NumberError) as refused:
        parse_number(raw, MAGNITUDE)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize(
    ("raw", "scale", "expected"),
    [(0.3134, 100, D("31.3400")), (5, 1, D(5)), (D("2.5"), 1, D("2.5")), ("1e5", 1, D(100000))],
)
def test_cells_and_text_are_read_by_the_same_parser(raw, scale, expected):
    assert parse_number(raw, MAGNITUDE, scale) == (expected, False)


def test_a_scaled_cell_is_checked_after_scaling():
    with pytest.raises(NumberError, match="Escriba un valor entre 0 y 100"):
        parse_number(1.5, (D(0), D(100)), 100)


@pytest.mark.parametrize("text", ["No aplica", "no programado", " N/A ", "—"])
def test_parse_number_reads_na_words(text):
    assert parse_number(text) == (None, False)


@pytest.mark.parametrize("text", ["N/A", "n.a.", " No aplica ", "NO PROGRAMADO", "-", "—", "N / A"])
def test_the_ways_to_write_not_applicable(text):
    assert is_na(text)
    assert parse_number(text) == (None, False)


def test_a_code_is_not_na():
    assert not is_na("NA1") and not is_na("")


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (10 * 1024 * 1024, "10 MB"),
        (5 * 1024 * 1024 + 1, "5,1 MB"),
        (1536, "1,5 KB"),
        (9, "9 bytes"),
    ],
)
def test_file_sizes_round_up(size, text):
    assert file_size(size) == text


@pytest.mark.parametrize(
    ("value", "choices", "text"),
    [
        (None, None, "—"),
        ("", None, "—"),
        ([], None, "—"),
        (D("2000000.50"), None, "2.000.000,5"),
        ("enviado", {"enviado": "Enviado"}, "Enviado"),
        (True, None, "sí"),
        (["a.pdf", "b.pdf"], None, "a.pdf, b.pdf"),
        ("texto", None, "texto"),
    ],
)
def test_a_value_in_a_list_of_changes(value, choices, text):
    assert value_text(value, choices) == text


def test_a_text_over_its_limit_says_the_limit():
    assert too_long(2500, 2000) == "El texto tiene 2.500 caracteres y el máximo es 2.000: acórtelo."


def test_an_indicator_without_a_code_reads_sin_codigo():
    from indicators.formatting import code_text

    assert (code_text("545"), code_text("")) == ("545", "sin código")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (250000, "250.000"),
        (1_000_000, "1 millón"),
        (1_500_000, "1,5 millones"),
        (2_000_000, "2 millones"),
        (12.5, "12,5"),
    ],
)
def test_axis_ticks_read_as_a_person_says_them(value, text):
    from indicators.formatting import compact_number

    assert compact_number(value) == text


def test_long_statements_are_cut_between_words_never_inside_one():
    from indicators.formatting import short_text

    text = "Fortalecer la prestación del servicio a la ciudadanía con oportunidad"
    assert short_text(text, 34) == "Fortalecer la prestación del…"
    assert short_text("Corto", 34) == "Corto"


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [(D("2000000.000000"), None, "2000000"), (D("162.6500"), 2, "162,65"), (None, None, "")],
)
def test_csv_numbers_have_a_decimal_comma_and_no_thousands_separator(value, places, text):
    from indicators.formatting import plain_number

    assert plain_number(value, places) == text
