from decimal import Decimal as D

import pytest

from indicators.choices import Annualization as A
from objectives.choices import Policy
from objectives.dashboard.explain import (
    averaged_text,
    contribution_text,
    coverage_text,
    progress_text,
)
from objectives.scoring import Coverage, Link, score_objective


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


def test_unreported_with_a_baseline_says_it_counts_zero_without_a_formula_on_zero():
    ln = line(annualization=A.CRECIENTE, programmed=D(60), executed=None, baseline=D(40))
    assert progress_text(ln, "numero", 2021) == (
        "Creciente: meta 60 · 0,00 % (sin reporte: cuenta 0)"
    )


def test_moved_away_shows_the_raw_figure_and_that_it_counts_zero():
    ln = line(annualization=A.DECRECIENTE, programmed=D(8), executed=D(12), baseline=D(10))
    assert progress_text(ln, "numero", 2021) == (
        "Decreciente: (12 − 10) / (8 − 10) = -100,00 % → cuenta 0,00 % (la ejecución se alejó "
        "de la meta)"
    )
    assert contribution_text(ln) == "33,33 % × 0,00 % = 0,00 %"


@pytest.mark.parametrize(
    ("coverage", "pending", "text"),
    [
        (
            Coverage(indicators=19, reported=12, na=0, corte=6),
            False,
            "datos al 30 de junio · 12 de 19 indicadores con reporte aprobado",
        ),
        (
            Coverage(indicators=19, reported=15, na=4, corte=12),
            False,
            "datos al 31 de diciembre · 15 de 19 indicadores con reporte aprobado · 4 N/A (sin "
            "meta en la vigencia)",
        ),
        (
            Coverage(indicators=3, reported=1, na=0, corte=3),
            True,
            "datos al 31 de marzo · 1 de 3 indicadores con reporte aprobado o enviado",
        ),
        (
            Coverage(indicators=3, reported=0, na=0, corte=None),
            False,
            "sin reportes en la vigencia · 0 de 3 indicadores con reporte aprobado",
        ),
        (None, False, ""),  # a snapshot taken before coverage was recorded
    ],
)
def test_coverage_says_what_a_figure_rests_on(coverage, pending, text):
    assert coverage_text(coverage, pending) == text


def test_the_plan_says_how_many_objectives_it_averages():
    assert averaged_text(7, 8) == "Promedio simple de 7 de 8 objetivos: los que tienen ejecución."
