from decimal import Decimal as D

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
