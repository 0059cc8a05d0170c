from decimal import Decimal as D

import pytest

from indicators.choices import Annualization as A
from objectives.choices import Policy, Semaforo
from objectives.scoring import Link, plan_compliance, score_objective, semaforo


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
