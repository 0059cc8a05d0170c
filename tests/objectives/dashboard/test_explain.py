from decimal import Decimal as D

from indicators.choices import Annualization as A
from objectives.choices import Policy
from objectives.dashboard.explain import contribution_text, progress_text
from objectives.scoring import Link, score_objective


def line(policy=Policy.LIBRO, **link):
    defaults = {"code": "1", "name": "x", "weight": D("33.33"), "annualization": A.SUMA}
    return score_objective([Link(**(defaults | link))], policy).lines[0]


def test_suma_with_counts():
    ln = line(programmed=D(2000000), executed=D(3253000))
    assert progress_text(ln, "numero", 2020) == "Suma: 3.253.000 / 2.000.000 = 162,65 %"
    assert contribution_text(ln) == "33,33 % × 162,65 % = 54,21 %"


def test_baseline_types_show_the_baseline():
    ln = line(annualization=A.DECRECIENTE, programmed=D(60), executed=D(80), baseline=D(100))
    assert progress_text(ln, "numero", 2020) == "Decreciente: (80 − 100) / (60 − 100) = 50,00 %"


def test_na_and_unreported():
    assert progress_text(line(programmed=D(0), executed=None), "numero", 2021) == (
        "N/A: sin programación en 2021"
    )
    unreported = line(programmed=D(10), executed=None)
    assert progress_text(unreported, "numero", 2021).endswith("(sin reporte: cuenta 0)")


def test_tope_says_it_capped():
    ln = line(Policy.TOPE, programmed=D(90000), executed=D(114279))
    assert progress_text(ln, "numero", 2020).endswith("→ con tope: 100,00 %")
    assert contribution_text(ln) == "33,33 % × 100,00 % = 33,33 %"
