from decimal import Decimal as D

import pytest

from indicators.choices import Corte, ReportStatus
from indicators.models import Report
from objectives.figures import compliance_snapshot, plan_scores
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


def test_a_corte_counts_approved_reports_up_to_it_and_nothing_else(django_assert_num_queries):
    plan = make_plan(objectives=1, indicators=2)
    one, two = plan.objectives.get().weights.order_by("id")
    Report.objects.create(indicator=one.indicator, year=2021, corte=Corte.MARZO, executed=4)
    Report.objects.create(indicator=one.indicator, year=2021, corte=Corte.JUNIO, executed=9)
    Report.objects.create(
        indicator=two.indicator,
        year=2021,
        corte=Corte.MARZO,
        executed=7,
        status=ReportStatus.BORRADOR,
    )
    with django_assert_num_queries(5):
        march = compliance_snapshot(plan, 2021, Corte.MARZO)
    june = compliance_snapshot(plan, 2021, Corte.JUNIO)
    # 50 % × 4/10 = 20; the draft of the second indicator counts nothing.
    assert march["objectives"][0]["compliance"] == 20.0
    assert [line["progress"] for line in march["objectives"][0]["indicators"]] == [40.0, 0.0]
    assert june["objectives"][0]["compliance"] == 45.0
    assert march["year"] == 2021 and march["policy"] == plan.policy


def test_the_december_corte_of_a_finished_vigencia_equals_its_closing_figures(seed_plan):
    assert compliance_snapshot(seed_plan, 2020, Corte.DICIEMBRE) == compliance_snapshot(
        seed_plan, 2020
    )
    march = compliance_snapshot(seed_plan, 2020, Corte.MARZO)
    assert march["plan_compliance"] is None  # the book's reports are at 31 December


def test_scores_at_a_corte_count_the_vigencias_reports_up_to_that_corte_only_and_pending():
    from indicators.choices import Corte
    from objectives.figures import cortes_with_reports

    plan = make_plan(objectives=1, indicators=2)  # executed 2 at June, 5 at December of 10
    assert cortes_with_reports(plan, 2020) == [Corte.JUNIO, Corte.DICIEMBRE]
    assert plan_scores(plan, 2020, corte=Corte.MARZO).compliance is None  # nothing reported yet
    assert plan_scores(plan, 2020, corte=Corte.JUNIO).compliance == D(20)
    assert plan_scores(plan, 2020, corte=Corte.SEPTIEMBRE).compliance == D(20)
    assert plan_scores(plan, 2020, corte=Corte.DICIEMBRE).compliance == D(50)


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (4, 10)])
def test_scores_at_a_corte_take_five_queries_whatever_the_plan_size(
    django_assert_num_queries, objectives, indicators
):
    from indicators.choices import Corte

    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(5):
        scores = plan_scores(plan, 2020, corte=Corte.JUNIO)
    assert len(scores.objectives) == objectives
