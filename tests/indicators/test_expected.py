from decimal import Decimal as D

import pytest

from indicators.choices import Annualization as A
from indicators.choices import OnTrack
from indicators.expected import (
    expected_to_date,
    gap,
    months_elapsed,
    on_track_points,
    on_track_status,
    previous_level,
    progress_vs_expected,
    share_of_year,
)
from indicators.formatting import ratio_percent, round_half_up

CORTES = (3, 6, 9, 12)
JUNE_2020 = (2020, 6)


def years(**values):
    return {int(year[1:]): D(str(value)) for year, value in values.items()}


# Every annualization at each corte, linear in the months elapsed (m/12).
LINEAR = [
    # Suma: P_t × m/12, whatever came before.
    (A.SUMA, years(y2020=700, y2021=1200), None, 2021, ("300", "600", "900", "1200")),
    (A.SUMA, years(y2020=700, y2021=1200), None, 2020, ("175", "350", "525", "700")),
    # Constante: the level is held from the second year on ...
    (A.CONSTANTE, years(y2020=16, y2021=16), None, 2021, ("16", "16", "16", "16")),
    # ... and built from 0 in the plan's first year (no baseline in Constante).
    (A.CONSTANTE, years(y2020=16, y2021=16), None, 2020, ("4", "8", "12", "16")),
    # Creciente: from the baseline in the first year, from P_{t−1} after.
    (A.CRECIENTE, years(y2020=60, y2021=80), "40", 2020, ("45", "50", "55", "60")),
    (A.CRECIENTE, years(y2020=60, y2021=80), "40", 2021, ("65", "70", "75", "80")),
    # Decreciente: falling from the baseline, then from the year before's level.
    (A.DECRECIENTE, years(y2020=80, y2021=60), "100", 2020, ("95", "90", "85", "80")),
    (A.DECRECIENTE, years(y2020=80, y2021=60), "100", 2021, ("75", "70", "65", "60")),
    # Decreciente down to 0: a programmed 0 is a level.
    (A.DECRECIENTE, years(y2020=4, y2021=0), "8", 2021, ("3", "2", "1", "0")),
    # Creciente sin línea base: from 0 in the first year (513: 5 % in 2020, 15 % in 2021).
    (A.CRECIENTE_SIN_LB, years(y2020=5, y2021=15), None, 2020, ("1.25", "2.5", "3.75", "5")),
    (A.CRECIENTE_SIN_LB, years(y2020=5, y2021=15), None, 2021, ("7.5", "10", "12.5", "15")),
    # A year with nothing programmed is skipped: P_{t−1} is the latest programmed level.
    (A.CRECIENTE_SIN_LB, years(y2020=4, y2021=0, y2022=16), None, 2022, ("7", "10", "13", "16")),
]


@pytest.mark.parametrize(("annualization", "programmed", "baseline", "year", "by_corte"), LINEAR)
def test_expected_is_linear_in_the_months_elapsed(
    annualization, programmed, baseline, year, by_corte
):
    lb = None if baseline is None else D(baseline)
    found = [expected_to_date(annualization, year, c, programmed, lb) for c in CORTES]
    assert found == [D(value) for value in by_corte]


# The 2020–2024 plan began in June 2020: 2020 has 7 months, from 1 June.
MID_YEAR = [
    (A.SUMA, years(y2020=700, y2021=1200), None, 2020, ("0", "100", "400", "700")),
    (A.SUMA, years(y2020=700, y2021=1200), None, 2021, ("300", "600", "900", "1200")),
    (A.CRECIENTE, years(y2020=54, y2021=80), "40", 2020, ("40", "42", "48", "54")),
    (A.DECRECIENTE, years(y2020=93, y2021=60), "100", 2020, ("100", "99", "96", "93")),
    (A.CONSTANTE, years(y2020=7, y2021=7), None, 2020, ("0", "1", "4", "7")),
    (A.CRECIENTE_SIN_LB, years(y2020=7, y2021=15), None, 2020, ("0", "1", "4", "7")),
    (A.CRECIENTE_SIN_LB, years(y2020=7, y2021=15), None, 2021, ("9", "11", "13", "15")),
]


@pytest.mark.parametrize(("annualization", "programmed", "baseline", "year", "by_corte"), MID_YEAR)
def test_a_plan_that_starts_mid_year_counts_months_from_its_start(
    annualization, programmed, baseline, year, by_corte
):
    lb = None if baseline is None else D(baseline)
    found = [
        expected_to_date(annualization, year, c, programmed, lb, start=JUNE_2020) for c in CORTES
    ]
    assert found == [D(value) for value in by_corte]


@pytest.mark.parametrize(
    ("year", "corte", "start", "elapsed"),
    [
        (2021, 6, None, (6, 12)),
        (2020, 3, JUNE_2020, (0, 7)),
        (2020, 6, JUNE_2020, (1, 7)),
        (2020, 9, JUNE_2020, (4, 7)),
        (2020, 12, JUNE_2020, (7, 7)),
        (2021, 3, JUNE_2020, (3, 12)),
        (2019, 12, JUNE_2020, (0, 7)),
        (2020, 12, (2020, 1), (12, 12)),
    ],
)
def test_months_elapsed(year, corte, start, elapsed):
    assert months_elapsed(year, corte, start) == elapsed


# An explicit programming per corte (10/30/60/100 % of P_t) wins over the linear rule.
@pytest.mark.parametrize(
    ("annualization", "programmed", "baseline", "profile", "by_corte"),
    [
        (
            A.SUMA,
            years(y2021=1000),
            None,
            {3: 100, 6: 300, 9: 600, 12: 1000},
            (100, 300, 600, 1000),
        ),
        (A.CRECIENTE, years(y2020=50, y2021=60), "40", {6: 51}, (52.5, 51, 57.5, 60)),
        (A.DECRECIENTE, years(y2021=60), "100", {3: 99, 6: 95, 9: 80, 12: 60}, (99, 95, 80, 60)),
        (A.CONSTANTE, years(y2021=16), None, {3: 16}, (16, 8, 12, 16)),
        (A.CRECIENTE_SIN_LB, years(y2020=5, y2021=15), None, {9: 11}, (7.5, 10, 11, 15)),
    ],
)
def test_an_explicit_profile_is_the_expected_magnitude(
    annualization, programmed, baseline, profile, by_corte
):
    lb = None if baseline is None else D(baseline)
    profile = {corte: D(str(value)) for corte, value in profile.items()}
    found = [
        expected_to_date(annualization, 2021, c, programmed, lb, profile=profile) for c in CORTES
    ]
    assert found == [D(str(value)) for value in by_corte]


@pytest.mark.parametrize("annualization", list(A))
def test_nothing_is_expected_without_a_target(annualization):
    programmed = years(y2020=5)
    assert expected_to_date(annualization, 2021, 6, programmed, D(1)) is None
    zero = expected_to_date(annualization, 2020, 6, years(y2020=0), D(1))
    # In Decreciente a programmed 0 is a target: LB 1 → 0 expects 0,5 at 30 June.
    assert zero == (D("0.5") if annualization == A.DECRECIENTE else None)


def test_previous_level_is_baseline_then_zero():
    assert previous_level(A.CRECIENTE, 2020, years(y2020=60), D(40)) == D(40)
    assert previous_level(A.CRECIENTE_SIN_LB, 2020, years(y2020=60), None) == D(0)
    assert previous_level(A.CRECIENTE, 2021, years(y2020=60, y2021=70), D(40)) == D(60)


def test_worked_example_545_in_2021_at_june():
    """545 (Suma): P 3.500.000 in 2021, 1.800.000 executed at 30 June."""
    expected = expected_to_date(A.SUMA, 2021, 6, years(y2020=2000000, y2021=3500000))
    assert expected == D(1750000)
    progress = progress_vs_expected(A.SUMA, expected, D(1800000))
    assert ratio_percent(progress) == "102,86 %"
    assert ratio_percent(share_of_year(D(1800000), D(3500000))) == "51,43 %"
    assert on_track_status(progress) == OnTrack.A_TIEMPO
    assert gap(expected, D(1800000), A.SUMA) == D(0)


def test_worked_example_513_at_june_2021():
    """513 (Creciente sin línea base): 5 % in 2020, 15 % in 2021, 9 % at 30 June 2021."""
    expected = expected_to_date(A.CRECIENTE_SIN_LB, 2021, 6, years(y2020=5, y2021=15))
    assert expected == D(10)
    progress = progress_vs_expected(A.CRECIENTE_SIN_LB, expected, D(9))
    assert ratio_percent(progress) == "90,00 %"
    assert on_track_status(progress) == OnTrack.A_TIEMPO
    assert gap(expected, D(9), A.CRECIENTE_SIN_LB) == D(1)


@pytest.mark.parametrize(
    ("annualization", "expected", "executed", "baseline", "progress"),
    [
        (A.SUMA, "600", "540", None, "0.9"),
        (A.SUMA, "600", None, None, "0"),  # not reported counts 0
        (A.CRECIENTE, "50", "45", "40", "0.5"),
        (A.CRECIENTE, "50", "30", "40", "0"),  # moved away: never below 0
        (A.DECRECIENTE, "90", "95", "100", "0.5"),
        (A.DECRECIENTE, "90", "85", "100", "1.5"),
        (A.CRECIENTE_SIN_LB, "10", "12", None, "1.2"),  # no cap
        (A.SUMA, "0", "5", None, None),  # nothing expected yet: N/A
        (A.CRECIENTE, "40", "45", "40", None),  # expected = baseline: N/A
        (A.SUMA, None, "5", None, None),
    ],
)
def test_progress_vs_expected(annualization, expected, executed, baseline, progress):
    as_d = lambda v: None if v is None else D(v)  # noqa: E731
    found = progress_vs_expected(annualization, as_d(expected), as_d(executed), as_d(baseline))
    assert found == as_d(progress)


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        ("1.5", OnTrack.A_TIEMPO),
        ("0.9", OnTrack.A_TIEMPO),
        ("0.89995", OnTrack.A_TIEMPO),  # 90,00 % shown is a tiempo
        ("0.8999", OnTrack.EN_RIESGO),
        ("0.7", OnTrack.EN_RIESGO),
        ("0.6999", OnTrack.ATRASADO),
        ("0", OnTrack.ATRASADO),
        (None, OnTrack.NO_APLICA),
    ],
)
def test_default_status_thresholds(progress, status):
    assert on_track_status(None if progress is None else D(progress)) == status


def test_a_plan_sets_its_own_thresholds():
    assert on_track_status(D("0.85"), (D(80), D(60))) == OnTrack.A_TIEMPO
    assert on_track_status(D("0.65"), (D(80), D(60))) == OnTrack.EN_RIESGO
    assert on_track_points(D("59.995"), (D(80), D(60))) == OnTrack.EN_RIESGO
    assert on_track_points(D("59.99"), (D(80), D(60))) == OnTrack.ATRASADO


def test_status_labels_are_text():
    assert [OnTrack(s).label for s in OnTrack] == [
        "A tiempo",
        "En riesgo",
        "Atrasado",
        "Sin reporte al corte",
        "N/A: nada esperado aún",
    ]


def test_gap_in_the_indicator_unit():
    assert gap(D(600), D(450), A.SUMA) == D(150)
    assert gap(D(600), None, A.SUMA) == D(600)
    assert gap(D(90), D(95), A.DECRECIENTE) == D(5)
    assert gap(D(90), D(85), A.DECRECIENTE) == D(0)
    assert gap(None, D(5), A.SUMA) is None
    assert round_half_up(gap(D(10), D("9.5"), A.CRECIENTE_SIN_LB)) == D("0.50")
