from decimal import Decimal as D

import pytest

from indicators.choices import Annualization as A
from indicators.progress import (
    Series,
    annualization_by_shape,
    infer_annualization,
    is_programmed,
    plan_formula,
    plan_progress,
    raw_vigencia_progress,
    rule_total,
    total_breaks_rule,
    vigencia_formula,
    vigencia_progress,
)

YEARS = (2020, 2021, 2022, 2023, 2024)


def by_year(*values):
    return {year: D(str(v)) for year, v in zip(YEARS, values, strict=False) if v is not None}


@pytest.mark.parametrize(
    ("annualization", "programmed", "executed", "baseline", "expected"),
    [
        # Suma: deliveries (644: 28 of 50 people).
        (A.SUMA, "50", "28", None, "0.56"),
        # Constante: the same level every year (512: 16 of 16 agendas).
        (A.CONSTANTE, "16", "16", None, "1"),
        # Creciente sin línea base: a cumulative level (321: 2,37 % of 5 %).
        (A.CRECIENTE_SIN_LB, "5", "2.37", None, "0.474"),
        # Creciente with a baseline: (E − LB) / (P − LB).
        (A.CRECIENTE, "60", "50", "40", "0.5"),
        # Creciente with baseline 0 behaves like sin línea base.
        (A.CRECIENTE, "10", "7", "0", "0.7"),
        # Decreciente: falling from LB 100 towards 60; at 80 half the way is done.
        (A.DECRECIENTE, "60", "80", "100", "0.5"),
        # Decreciente beyond the target is over-achievement, not capped.
        (A.DECRECIENTE, "60", "40", "100", "1.5"),
        # Over-achievement is never capped (545: 3.253.000 of 2.000.000).
        (A.SUMA, "2000000", "3253000", None, "1.6265"),
        # Nothing executed against a target is 0 %, not N/A.
        (A.SUMA, "9", "0", None, "0"),
    ],
)
def test_vigencia_progress_follows_each_annualization(
    annualization, programmed, executed, baseline, expected
):
    lb = None if baseline is None else D(baseline)
    assert vigencia_progress(annualization, D(programmed), D(executed), lb) == D(expected)


# Issue 11 changed one case: in Decreciente a programmed 0 is a real target (below).
@pytest.mark.parametrize(
    ("annualization", "programmed"),
    [(a, p) for a in A for p in (D(0), None) if (a, p) != (A.DECRECIENTE, D(0))],
)
def test_zero_or_blank_programming_is_na_not_zero(annualization, programmed):
    assert vigencia_progress(annualization, programmed, D(5), D(1)) is None


def test_target_equal_to_baseline_has_no_progress_figure():
    assert vigencia_progress(A.CRECIENTE, D(40), D(50), D(40)) is None


def test_decreciente_without_baseline_is_refused():
    with pytest.raises(ValueError, match="línea base"):
        vigencia_progress(A.DECRECIENTE, D(60), D(80), None)


@pytest.mark.parametrize(
    ("annualization", "programmed", "expected"),
    [
        (A.SUMA, by_year(25, 50, 25, 0, 0), "100"),
        (A.CONSTANTE, by_year(16, 16, 16, 16, 16), "16"),
        (A.CRECIENTE_SIN_LB, by_year(30, 60, 100, 0, 0), "100"),
        (A.CRECIENTE, by_year(5, 20, 55, 90, 100), "100"),
        (A.DECRECIENTE, by_year(90, 80, 70), "70"),
    ],
)
def test_rule_total(annualization, programmed, expected):
    assert rule_total(annualization, programmed) == D(expected)


def test_rule_total_without_programming_is_none():
    assert rule_total(A.SUMA, {}) is None
    assert rule_total(A.CONSTANTE, by_year(0, 0)) is None


def test_a_stated_total_that_breaks_the_suma_rule_is_detected():
    # 555: 25 % + 50 % + 25 % = 100 %, but the book states 128 %.
    assert total_breaks_rule(A.SUMA, by_year(25, 50, 25, 0, 0), D(128))
    assert not total_breaks_rule(A.SUMA, by_year(25, 50, 25, 0, 0), D(100))
    assert not total_breaks_rule(A.SUMA, by_year(25, 50, 25, 0, 0), None)


@pytest.mark.parametrize(
    ("series", "year", "expected"),
    [
        # Suma: executed so far over the cuatrienio's total (28 + 40 of 250).
        (Series(A.SUMA, None, by_year(50, 50, 50, 50, 50), by_year(28, 40)), 2021, "0.272"),
        (Series(A.SUMA, None, by_year(50, 50, 50, 50, 50), by_year(28, 40)), 2020, "0.112"),
        # Constante: the level reached over the constant target.
        (Series(A.CONSTANTE, None, by_year(16, 16, 16), by_year(16, 8)), 2021, "0.5"),
        # Creciente sin línea base: the level reached over the final level.
        (
            Series(A.CRECIENTE_SIN_LB, None, by_year(5, 20, 55, 90, 100), by_year(2.37)),
            2020,
            "0.0237",
        ),
        # Creciente: (E_k − LB) / (M − LB).
        (Series(A.CRECIENTE, D(20), by_year(40, 60, 80), by_year(35, 50)), 2021, "0.5"),
        # Decreciente: (LB − E_k) / (LB − M).
        (Series(A.DECRECIENTE, D(100), by_year(90, 80, 60), by_year(95, 80)), 2021, "0.5"),
        # A year without a report keeps the latest level reported before it.
        (Series(A.CRECIENTE_SIN_LB, None, by_year(10, 20, 40), by_year(10, 20)), 2022, "0.5"),
    ],
)
def test_plan_progress_to_date(series, year, expected):
    assert plan_progress(series, year) == D(expected)


def test_plan_progress_before_any_report_is_none():
    series = Series(A.SUMA, None, by_year(10, 10), {})
    assert plan_progress(series, 2024) is None
    assert plan_progress(Series(A.SUMA, None, by_year(10), by_year(None, 5)), 2020) is None


@pytest.mark.parametrize(
    ("programmed", "total", "baseline", "expected"),
    [
        (by_year(0, 1, 1, 1, 0), "3", None, A.SUMA),  # 464
        (by_year(16, 16, 16, 16, 16), "16", None, A.CONSTANTE),  # 512
        (by_year(5, 20, 55, 90, 100), "100", None, A.CRECIENTE_SIN_LB),  # 321
        (by_year(30, 60, 100, 0, 0), "100", None, A.CRECIENTE_SIN_LB),  # 514
        (by_year(99, 100, 100, 100, 100), "100", None, A.CRECIENTE_SIN_LB),  # objective 7
        (by_year(5, 20, 55), "55", "2", A.CRECIENTE),
        (by_year(90, 80, 70), "70", "100", A.DECRECIENTE),
        (by_year(90, 80, 70), "70", None, None),  # falling needs a baseline
        (by_year(25, 50, 25, 0, 0), "128", None, None),  # 555: no rule gives 128
        (by_year(10, 20), None, None, None),
    ],
)
def test_infer_annualization(programmed, total, baseline, expected):
    lb = None if baseline is None else D(baseline)
    total = None if total is None else D(total)
    assert infer_annualization(programmed, total, lb) == expected


def test_formulas_name_the_rule_used():
    assert vigencia_formula(A.SUMA) == "E / P"
    assert vigencia_formula(A.DECRECIENTE) == "(E − LB) / (P − LB)"
    assert plan_formula(A.SUMA) == "ΣE / M"
    assert plan_formula(A.DECRECIENTE) == "(LB − E) / (LB − M)"


# --- Issue 11: figures you can trust on every real book ------------------------------------


@pytest.mark.parametrize(
    ("annualization", "programmed", "baseline"),
    [
        # With a baseline the formula on E = 0 would give −200 % (Creciente LB 40 → 60)…
        (A.CRECIENTE, "60", "40"),
        # …or +1.000 % (Decreciente LB 20 → 19).
        (A.DECRECIENTE, "19", "20"),
        (A.SUMA, "50", None),
        (A.CONSTANTE, "16", None),
        (A.CRECIENTE_SIN_LB, "5", None),
        # Decreciente down to 0: a real target, and unreported is 0 %, not N/A.
        (A.DECRECIENTE, "0", "10"),
    ],
)
def test_programmed_but_unreported_is_zero_never_a_formula_on_e_zero(
    annualization, programmed, baseline
):
    lb = None if baseline is None else D(baseline)
    assert raw_vigencia_progress(annualization, D(programmed), None, lb) == 0
    assert vigencia_progress(annualization, D(programmed), None, lb) == 0


@pytest.mark.parametrize(
    ("annualization", "programmed", "executed", "baseline", "raw"),
    [
        # Creciente: below the baseline is away from the target.
        (A.CRECIENTE, "60", "30", "40", "-0.5"),
        # Decreciente: above the baseline is away from the target.
        (A.DECRECIENTE, "8", "12", "10", "-1"),
        (A.DECRECIENTE, "0", "15", "10", "-0.5"),
        # The types without baseline only go negative with a negative execution.
        (A.CONSTANTE, "16", "-4", None, "-0.25"),
        (A.CRECIENTE_SIN_LB, "10", "-1", None, "-0.1"),
        (A.SUMA, "10", "-2", None, "-0.2"),
    ],
)
def test_execution_that_moved_away_counts_zero_and_keeps_its_raw_figure(
    annualization, programmed, executed, baseline, raw
):
    lb = None if baseline is None else D(baseline)
    args = (annualization, D(programmed), D(executed), lb)
    assert raw_vigencia_progress(*args) == D(raw)
    assert vigencia_progress(*args) == 0


# LB 10 falling to 0 in 2024: every vigencia has a target, the last one 0.
TO_ZERO = by_year(8, 6, 4, 2, 0)


@pytest.mark.parametrize(
    ("executed", "year", "expected"),
    [("2", 2024, "0.8"), ("0", 2024, "1"), ("7", 2021, "0.75"), ("10", 2024, "0")],
)
def test_decreciente_to_zero_scores_every_vigencia(executed, year, expected):
    assert vigencia_progress(A.DECRECIENTE, TO_ZERO[year], D(executed), D(10)) == D(expected)


def test_decreciente_to_zero_has_total_zero_and_plan_progress_to_match():
    assert is_programmed(D(0), A.DECRECIENTE)
    assert not is_programmed(D(0), A.SUMA)
    assert not is_programmed(None, A.DECRECIENTE)
    assert rule_total(A.DECRECIENTE, TO_ZERO) == 0  # not 2
    series = Series(A.DECRECIENTE, D(10), TO_ZERO, by_year(8, 6, 4, 2, 0))
    assert plan_progress(series, 2024) == 1  # not 125 %
    assert plan_progress(Series(A.DECRECIENTE, D(10), TO_ZERO, by_year(9)), 2020) == D("0.1")
    assert not total_breaks_rule(A.DECRECIENTE, TO_ZERO, D(0))
    assert infer_annualization(TO_ZERO, D(0), D(10)) == A.DECRECIENTE


def test_plan_progress_never_goes_below_zero():
    series = Series(A.CRECIENTE, D(40), by_year(50, 60), by_year(35))
    assert plan_progress(series, 2020) == 0
    series = Series(A.DECRECIENTE, D(20), by_year(18, 16), by_year(25))
    assert plan_progress(series, 2020) == 0


@pytest.mark.parametrize(
    ("programmed", "baseline", "expected"),
    [
        (by_year(16, 16, 16), None, A.CONSTANTE),  # equal levels
        (by_year(5, 20, 55, 90, 100), None, A.CRECIENTE_SIN_LB),  # never falling
        (by_year(5, 20, 55), "2", A.CRECIENTE),  # never falling, with a baseline
        (by_year(25, 50, 25, 0, 0), None, A.SUMA),  # 555: anything else
        (by_year(90, 80, 70), "100", A.SUMA),  # falling: only a stated total says Decreciente
        ({}, None, A.SUMA),
    ],
)
def test_annualization_by_shape_never_refuses(programmed, baseline, expected):
    lb = None if baseline is None else D(baseline)
    assert annualization_by_shape(programmed, lb) == expected
