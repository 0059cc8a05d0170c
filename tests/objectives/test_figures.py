from decimal import Decimal as D

import pytest

from objectives.figures import plan_scores
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (6, 10)])
def test_plan_scores_take_five_queries_whatever_the_plan_size(
    django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(5):
        scores = plan_scores(plan, 2020)
    assert len(scores.objectives) == objectives
    assert all(score.compliance == D(50) for _, score in scores.objectives)


def test_the_latest_corte_is_the_vigencias_execution():
    scores = plan_scores(make_plan(1, 1), 2020)  # 2 at 30 June, 5 at 31 December, of 10
    line = scores.objectives[0][1].lines[0]
    assert line.link.executed == D(5)
    assert line.progress == D("0.5")


def test_scores_at_a_corte_count_the_vigencias_reports_up_to_that_corte_only():
    from indicators.choices import Corte
    from objectives.figures import cortes_with_reports, scores_at_corte

    plan = make_plan(objectives=1, indicators=2)  # executed 2 at June, 5 at December of 10
    assert cortes_with_reports(plan, 2020) == [Corte.JUNIO, Corte.DICIEMBRE]
    assert scores_at_corte(plan, 2020, Corte.MARZO).compliance is None  # nothing reported yet
    assert scores_at_corte(plan, 2020, Corte.JUNIO).compliance == D(20)
    assert scores_at_corte(plan, 2020, Corte.SEPTIEMBRE).compliance == D(20)
    assert scores_at_corte(plan, 2020, Corte.DICIEMBRE).compliance == D(50)


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (4, 10)])
def test_scores_at_a_corte_take_five_queries(django_assert_num_queries, objectives, indicators):
    from indicators.choices import Corte
    from objectives.figures import scores_at_corte

    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(5):
        scores = scores_at_corte(plan, 2020, Corte.JUNIO)
    assert len(scores.objectives) == objectives
