from decimal import Decimal as D

import pytest

from indicators.choices import Corte, ReportStatus
from indicators.formatting import round_half_up
from indicators.models import Report
from objectives.figures import Headline, compliance_snapshot, headlines, plan_scores
from objectives.scoring import Coverage
from tests.factories import close, make_plan

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


def test_the_snapshot_carries_each_figures_coverage_under_new_keys(seed_plan):
    data = compliance_snapshot(seed_plan, 2020)
    assert data["objectives_averaged"] == 8
    assert data["coverage"] == {"indicators": 19, "reported": 15, "na": 4, "corte": 12}
    objective_2 = data["objectives"][1]
    assert objective_2["coverage"] == {"indicators": 7, "reported": 4, "na": 3, "corte": 12}
    # The first shape's keys are all still there, unchanged.
    assert set(data) >= {"plan", "plan_id", "year", "policy", "plan_compliance", "objectives"}
    assert set(objective_2) >= {"number", "name", "compliance", "indicators"}


def test_an_open_vigencia_headlines_its_live_figures(seed_plan):
    scores = plan_scores(seed_plan, 2020)
    shown = headlines(None, scores.objectives)
    assert shown.objectives[7] == Headline(
        D("69.92"), D("69.92"), False, Coverage(indicators=2, reported=2, na=0, corte=12)
    )
    assert (shown.plan.compliance, shown.averaged, shown.differs) == (scores.compliance, 8, False)


def test_a_closed_vigencia_headlines_its_snapshot_and_keeps_live_beside(seed_plan, closer):
    closure = close(seed_plan, 2020, closer)
    closure.snapshot = compliance_snapshot(seed_plan, 2020)
    weight = seed_plan.objectives.get(number=7).weights.order_by("id").first()
    weight.weight = 60
    weight.save()
    shown = headlines(closure, plan_scores(seed_plan, 2020).objectives)
    o7 = shown.objectives[7]
    assert (o7.compliance, round_half_up(o7.live), o7.official, o7.differs) == (
        D("69.92"),
        D("78.41"),
        True,
        True,
    )
    assert not shown.objectives[6].differs
    assert shown.plan.compliance == D("59.71") and shown.differs


def test_a_snapshot_taken_before_coverage_existed_still_headlines(seed_plan, closer):
    closure = close(seed_plan, 2020, closer)
    closure.snapshot = {
        "plan_compliance": 59.71,
        "objectives": [{"number": n, "compliance": 50.0} for n in range(1, 8)]
        + [{"number": 8, "compliance": None}],
    }
    shown = headlines(closure, plan_scores(seed_plan, 2020).objectives)
    assert shown.objectives[1] == Headline(D("50.0"), D("49.02"), True, None)
    assert shown.objectives[8].compliance is None
    assert (shown.plan.compliance, shown.plan.coverage, shown.averaged) == (D("59.71"), None, 7)


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


def test_a_score_at_a_corte_is_the_score_from_the_reports_up_to_that_corte(seed_plan):
    from objectives.figures import cortes_with_reports, plan_figures

    checked = 0
    for plan in (seed_plan, make_plan(2, 3, name="Otro")):  # June and December 2020
        figures = plan_figures(plan)
        for year in plan.years:
            for corte in cortes_with_reports(plan, year):
                checked += 1
                read = plan_scores(plan, year, corte=corte)
                shared = [f.score(year, plan.policy, corte) for f in figures]
                assert [s.compliance for _, s in read.objectives] == [s.compliance for s in shared]
                assert [s.coverage for _, s in read.objectives] == [s.coverage for s in shared]
    assert checked >= 3
