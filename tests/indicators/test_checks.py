from decimal import Decimal as D

import pytest

from indicators.checks import figure_findings, inferred_annualization_finding
from indicators.choices import Annualization as A
from indicators.progress import Series


def test_a_clean_series_has_no_finding():
    series = Series(A.SUMA, None, {2020: D(10), 2021: D(10)}, {2020: D(5)})
    assert figure_findings(series, D(20), {2020: D(50)}) == []


def test_a_stated_total_against_the_annualization_rule():
    series = Series(A.SUMA, None, {2020: D(10), 2021: D(10)}, {})
    [finding] = figure_findings(series, D(25), {})
    assert finding.key == "stated_total" and finding.year is None
    assert finding.message == (
        "La programación total dice 25, pero con anualización Suma debería ser 20."
    )


def test_execution_without_programming():
    series = Series(A.SUMA, None, {2020: D(0)}, {2020: D(3)})
    [finding] = figure_findings(series, None, {})
    assert (finding.key, finding.year) == ("executed", 2020)
    assert finding.message == "Hay ejecución en 2020 (3) sin programación ese año."


def test_a_published_progress_more_than_a_hundredth_away():
    series = Series(A.SUMA, None, {2020: D(10)}, {2020: D(5)})
    assert figure_findings(series, None, {2020: D("50.01")}) == []
    [finding] = figure_findings(series, None, {2020: D("50.02")})
    assert (finding.key, finding.year) == ("published", 2020)
    assert finding.message == (
        "El avance publicado para 2020 es 50,02 % y el calculado es 50,00 %."
    )


def test_an_inferred_annualization_asks_for_confirmation():
    finding = inferred_annualization_finding(A.CONSTANTE)
    assert finding.key == "annualization"
    assert "«Constante» se dedujo" in finding.message


@pytest.mark.parametrize(
    ("series", "message"),
    [
        (
            Series(A.CRECIENTE, D(40), {2021: D(60)}, {2021: D(30)}),
            "La ejecución de 2021 (30) se alejó de la meta: el avance calculado es -50,00 % y "
            "cuenta 0 %.",
        ),
        (
            Series(A.DECRECIENTE, D(10), {2021: D(8)}, {2021: D(12)}),
            "La ejecución de 2021 (12) se alejó de la meta: el avance calculado es -100,00 % y "
            "cuenta 0 %.",
        ),
    ],
)
def test_execution_that_moved_away_from_the_target_is_a_finding(series, message):
    [finding] = figure_findings(series, None, {})
    assert (finding.key, finding.year, finding.message) == ("executed", 2021, message)


def test_a_decreciente_programmed_zero_is_a_target_not_a_missing_programming():
    series = Series(A.DECRECIENTE, D(10), {2023: D(2), 2024: D(0)}, {2024: D(1)})
    assert figure_findings(series, D(0), {2024: D(90)}) == []
