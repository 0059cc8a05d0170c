from decimal import Decimal as D

import pytest

from indicators.choices import Annualization as A
from objectives.choices import Policy, Semaforo
from objectives.scoring import (
    Coverage,
    Link,
    averaged,
    plan_compliance,
    plan_coverage,
    score_objective,
    semaforo,
)


def link(weight, programmed, executed, annualization=A.SUMA, code="1", baseline=None):
    return Link(
        code=code,
        name=f"Indicador {code}",
        weight=D(weight),
        annualization=annualization,
        programmed=None if programmed is None else D(programmed),
        executed=None if executed is None else D(executed),
        baseline=None if baseline is None else D(baseline),
    )


# Objective 5 of the 2020 book: 544 not programmed, 545 and 546 over-achieved.
OBJECTIVE_5 = [
    link("33.33", "0", None, code="544"),
    link("33.33", "2000000", "3253000", code="545"),
    link("33.33", "90000", "114279", code="546"),
]
# Objective 4: the weights sum 99,99 and the progress is used unrounded (82,48, not 82,49).
OBJECTIVE_4 = [
    link("47.57", "16", "16", A.CONSTANTE, code="512"),
    link("47.57", "5", "3.33", A.CRECIENTE_SIN_LB, code="513"),
    link("4.85", "30", "20", A.CRECIENTE_SIN_LB, code="514"),
]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [(Policy.LIBRO, "96.53"), (Policy.TOPE, "66.66"), (Policy.RENORMALIZADO, "144.82")],
)
def test_objective_5_under_each_policy(policy, expected):
    assert score_objective(OBJECTIVE_5, policy).compliance == D(expected)


def test_it_counts_na_as_zero_with_its_weight():
    score = score_objective(OBJECTIVE_5, Policy.LIBRO)
    na = score.lines[0]
    assert na.is_na and na.progress is None
    assert na.weight == D("33.33") and na.contribution == 0
    assert na.formula.startswith("N/A")


def test_renormalizado_leaves_na_out_and_rescales_the_rest_to_100():
    score = score_objective(OBJECTIVE_5, Policy.RENORMALIZADO)
    assert [line.weight for line in score.lines] == [D(0), D(50), D(50)]
    assert [line.contribution for line in score.lines] == [D(0), D("81.33"), D("63.49")]


def test_tope_caps_each_progress_at_100_before_weighting():
    score = score_objective(OBJECTIVE_5, Policy.TOPE)
    assert [line.counted_progress for line in score.lines] == [D(0), D(1), D(1)]
    assert score.lines[1].progress == D("1.6265")  # the real figure is kept
    assert score.lines[1].formula == "mín(E / P; 100 %)"


def test_libro_does_not_cap_over_achievement():
    score = score_objective(OBJECTIVE_5, Policy.LIBRO)
    assert score.lines[1].contribution == D("54.21")  # 33,33 % × 162,65 %


def test_contributions_add_up_to_the_compliance():
    for links in (OBJECTIVE_4, OBJECTIVE_5):
        for policy in Policy:
            score = score_objective(links, policy)
            assert sum(line.contribution for line in score.lines) == score.compliance


def test_objective_4_uses_the_weights_as_stated():
    score = score_objective(OBJECTIVE_4, Policy.LIBRO)
    assert score.weight_total == D("99.99")
    assert score.compliance == D("82.48")


def test_nothing_reported_in_the_vigencia_has_no_compliance_instead_of_zero():
    links = [link("50", "10", None, code="1"), link("50", "10", None, code="2")]
    assert score_objective(links, Policy.LIBRO).compliance is None


def test_an_unreported_indicator_counts_zero_when_others_reported():
    links = [link("50", "10", "10", code="1"), link("50", "10", None, code="2")]
    assert score_objective(links, Policy.LIBRO).compliance == D(50)


def test_renormalizado_with_every_link_na_has_no_figure():
    links = [link("100", "0", "0")]
    assert score_objective(links, Policy.RENORMALIZADO).compliance is None
    assert score_objective(links, Policy.LIBRO).compliance == D(0)


def test_decreciente_link_scores_with_its_baseline():
    links = [link("100", "60", "80", A.DECRECIENTE, baseline="100")]
    assert score_objective(links, Policy.LIBRO).compliance == D(50)


def test_plan_compliance_is_the_mean_of_objectives_with_figures():
    assert plan_compliance([D("49.02"), D("34.26"), None]) == D("41.64")
    assert plan_compliance([None, None]) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Semaforo.SIN_DATO),
        (D("0"), Semaforo.ROJO),
        (D("50"), Semaforo.ROJO),
        (D("50.004"), Semaforo.ROJO),  # judged on the figure shown: 50,00 %
        (D("50.01"), Semaforo.AMARILLO),
        (D("75"), Semaforo.AMARILLO),
        (D("96.53"), Semaforo.VERDE),
        (D("125"), Semaforo.VERDE),
        (D("144.82"), Semaforo.NARANJA),
    ],
)
def test_semaforo_default_thresholds(value, expected):
    assert semaforo(value, D(50), D(75), D(125)) == expected


def test_semaforo_uses_the_plans_thresholds():
    assert semaforo(D(60), D(70), D(90), D(110)) == Semaforo.ROJO
    assert semaforo(D(115), D(70), D(90), D(110)) == Semaforo.NARANJA


# --- Issue 11: figures you can trust on every real book ------------------------------------
# One objective seen in the field came out at 295 %: an unreported Creciente with LB 40
# scored −200 % and a Decreciente with LB 20 scored +1.000 %.


@pytest.mark.parametrize("policy", list(Policy))
@pytest.mark.parametrize(
    ("annualization", "programmed", "baseline"),
    [(A.CRECIENTE, "60", "40"), (A.DECRECIENTE, "19", "20"), (A.SUMA, "10", None)],
)
def test_unreported_with_a_target_counts_zero_with_its_weight_in_every_policy(
    policy, annualization, programmed, baseline
):
    links = [
        link("50", "10", "10", code="1"),
        link("50", programmed, None, annualization, code="2", baseline=baseline),
    ]
    score = score_objective(links, policy)
    unreported = score.lines[1]
    assert (unreported.progress, unreported.contribution) == (0, 0)
    assert unreported.weight == 50  # kept, also when renormalizing: it is not N/A
    assert unreported.formula == "sin reporte: cuenta 0 %"
    assert score.compliance == 50


@pytest.mark.parametrize("policy", list(Policy))
@pytest.mark.parametrize(
    ("annualization", "programmed", "executed", "baseline", "raw", "formula"),
    [
        (A.CRECIENTE, "60", "30", "40", "-0.5", "máx((E − LB) / (P − LB); 0 %)"),
        (A.DECRECIENTE, "8", "12", "10", "-1", "máx((E − LB) / (P − LB); 0 %)"),
        (A.CONSTANTE, "16", "-4", None, "-0.25", "máx(E / P; 0 %)"),
        (A.CRECIENTE_SIN_LB, "10", "-1", None, "-0.1", "máx(E / P; 0 %)"),
    ],
)
def test_execution_that_moved_away_counts_zero_in_every_policy_and_level_type(
    policy, annualization, programmed, executed, baseline, raw, formula
):
    links = [
        link("50", "10", "10", code="1"),
        link("50", programmed, executed, annualization, code="2", baseline=baseline),
    ]
    score = score_objective(links, policy)
    away = score.lines[1]
    assert away.raw_progress == D(raw) and away.moved_away
    assert (away.progress, away.counted_progress, away.contribution) == (0, 0, 0)
    assert away.formula == formula
    assert score.compliance == 50  # it cancels nothing


def test_tope_holds_each_progress_between_0_and_100():
    links = [
        link("50", "10", "20", code="over"),
        link("50", "60", "30", A.CRECIENTE, code="away", baseline="40"),
    ]
    score = score_objective(links, Policy.TOPE)
    assert [line.counted_progress for line in score.lines] == [1, 0]
    assert score.compliance == 50


def test_decreciente_to_zero_is_scored_not_na():
    links = [link("100", "0", "2", A.DECRECIENTE, baseline="10")]
    score = score_objective(links, Policy.LIBRO)
    assert not score.lines[0].is_na
    assert score.compliance == 80  # (2 − 10) / (0 − 10)


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        # Objective 5 of 2020: 544 N/A and unreported, 545 and 546 reported at 31 December.
        (OBJECTIVE_5, Coverage(indicators=3, reported=2, na=1, corte=None)),
        (
            [
                Link("1", "a", D(50), A.SUMA, D(10), D(4), corte=3),
                Link("2", "b", D(25), A.SUMA, D(10), D(6), corte=6),
                Link("3", "c", D(25), A.SUMA, D(10), None),
            ],
            Coverage(indicators=3, reported=2, na=0, corte=6),  # the latest corte reported
        ),
        ([link("100", "10", None)], Coverage(indicators=1, reported=0, na=0, corte=None)),
    ],
)
def test_each_score_carries_its_coverage(links, expected):
    assert score_objective(links, Policy.LIBRO).coverage == expected


def test_the_plan_coverage_counts_each_indicator_once():
    # 543 feeds objectives 2 and 3: one indicator, with the same figures in both.
    in_two = Link("543", "x", D("31.34"), A.SUMA, D(9), D(0), indicator_id=7, corte=12)
    in_three = Link("543", "x", D(100), A.SUMA, D(9), D(0), indicator_id=7, corte=12)
    two = score_objective([in_two])
    one = score_objective([in_three, link("10", "0", None, code="544")])
    assert plan_coverage([two, one]) == Coverage(indicators=2, reported=1, na=1, corte=12)


def test_the_plan_says_how_many_objectives_it_averages():
    assert averaged([D("49.02"), None, D(0)]) == 2
    assert averaged([None]) == 0
