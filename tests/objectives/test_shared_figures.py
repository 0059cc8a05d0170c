"""Shared figures renewed after a write (objectives.shared, objectives.revisions): after every
kind of write they equal a from-scratch computation, figures, scores, ¿vamos bien? and the
dashboard alike, and only the objectives the write touched are new objects."""

import dataclasses
import uuid
from decimal import Decimal

import pytest

from indicators.choices import Corte, ReportStatus
from indicators.models import CorteProgramming, Indicator, Programming, PublishedProgress, Report
from objectives.choices import Policy
from objectives.dashboard import selectors
from objectives.dashboard.indicator_selectors import indicator_rows, rows_by_indicator
from objectives.figures import (
    cortes_in,
    cortes_with_reports,
    latest_year_in,
    latest_year_with_execution,
    plan_figures,
)
from objectives.models import Plan, Weight
from objectives.on_track import on_track_json, plan_on_track
from objectives.revisions import MAX_CHANGED, RevisionStep, chained
from objectives.shared import forget_shared, shared_plan_figures
from tests.factories import make_plan

pytestmark = pytest.mark.django_db
POLICIES = tuple(Policy)


def fresh_plan(plan: Plan) -> Plan:
    return Plan.objects.get(pk=plan.pk)


def dump(figures) -> list:
    """Everything a page reads from the figures, as plain values: each link's weight,
    indicator and figures, and each objective's score in every vigencia and at every corte."""
    found = []
    for f in figures:
        links = [
            (lf.weight.pk, lf.weight.weight, lf.weight.indicator.name, lf.series, lf.figures)
            for lf in f.links
        ]
        scores = [
            f.score(year, policy, corte)
            for year in range(2020, 2025)
            for policy in POLICIES
            for corte in (None, *Corte.values)
        ]
        found.append((f.objective.pk, f.objective.number, links, scores))
    return found


def assert_same_as_from_scratch(plan: Plan) -> None:
    """Shared figures (renewed or not), approved and pending, equal a full read; so do
    ¿vamos bien? and the dashboard at every corte, read through them."""
    plan = fresh_plan(plan)
    for pending in (False, True):
        assert dump(shared_plan_figures(plan, pending)) == dump(plan_figures(plan, pending))
        for corte in Corte.values:
            shared = plan_on_track(plan, 2020, corte, pending=pending, read=shared_plan_figures)
            assert on_track_json(shared) == on_track_json(
                plan_on_track(plan, 2020, corte, pending=pending)
            )
            args = (plan, "2020", pending, str(corte))
            assert selectors.dashboard(*args, read=shared_plan_figures) == selectors.dashboard(
                *args
            )
    figures = shared_plan_figures(plan)
    assert latest_year_in(plan, figures) == latest_year_with_execution(plan)
    for year in plan.years:
        assert cortes_in(figures, year) == cortes_with_reports(plan, year)
        listed = indicator_rows(plan, year, Indicator.objects.of_plan(plan))
        rows = rows_by_indicator(plan, year, shared_plan_figures(plan))
        assert rows == {row.indicator.pk: row for row in listed}
    for objective in plan.objectives.all():
        for corte in ("", *map(str, Corte.values)):
            args = (objective.pk, "2020", None, corte)
            shared = selectors.objective_page(*args, read=shared_plan_figures)
            assert shared == selectors.objective_page(*args)


def objects(plan: Plan, pending: bool = False) -> list:
    return list(shared_plan_figures(fresh_plan(plan), pending))


def test_every_kind_of_write_renews_the_shared_figures_as_a_full_read_would():
    plan = make_plan(3, 3)
    indicators = list(Indicator.objects.filter(weights__objective__plan=plan).order_by("id"))
    assert_same_as_from_scratch(plan)
    before = objects(plan)
    # a report sent, then approved: only its objective's figures are read again
    report = Report.objects.create(
        indicator=indicators[0],
        year=2020,
        corte=Corte.SEPTIEMBRE,
        executed=Decimal("3.5"),
        status=ReportStatus.ENVIADO,
    )
    assert_same_as_from_scratch(plan)
    report.status = ReportStatus.APROBADO
    report.save()
    assert_same_as_from_scratch(plan)
    after = objects(plan)
    assert after[0] is not before[0] and after[1] is before[1] and after[2] is before[2]
    # an approved report returned, one deleted, a published value, programming, a corte's
    # programming, the indicator itself
    report.status = ReportStatus.DEVUELTO
    report.save()
    assert_same_as_from_scratch(plan)
    Report.objects.filter(indicator=indicators[4], corte=Corte.JUNIO).get().delete()
    assert_same_as_from_scratch(plan)
    PublishedProgress.objects.create(indicator=indicators[5], year=2020, percent=Decimal("42"))
    programming = Programming.objects.get(indicator=indicators[7], year=2020)
    programming.value = Decimal("12.25")
    programming.save()
    assert_same_as_from_scratch(plan)
    CorteProgramming.objects.create(
        indicator=indicators[8], year=2020, corte=Corte.JUNIO, value=Decimal(1)
    )
    indicators[8].name = "Otro nombre"
    indicators[8].save()
    assert_same_as_from_scratch(plan)
    assert objects(plan)[0] is objects(plan)[0]


def test_a_structural_write_reads_the_plan_in_full():
    plan = make_plan(3, 2)
    before = objects(plan)
    weight = Weight.objects.filter(objective__plan=plan).order_by("id").first()
    weight.weight = Decimal(80)
    weight.save()
    assert_same_as_from_scratch(plan)
    after = objects(plan)
    assert all(a is not b for a, b in zip(after, before, strict=True))


def test_a_process_that_missed_writes_chains_them_and_one_that_missed_a_structural_one_reads_all():
    plan = make_plan(4, 2)
    before = objects(plan)
    for report in Report.objects.filter(indicator__weights__objective__number__in=[1, 3]):
        report.executed += 1
        report.save()
    after = objects(plan)
    assert (after[1], after[3]) == (before[1], before[3]) and after[1] is before[1]
    assert after[0] is not before[0] and after[2] is not before[2]
    assert_same_as_from_scratch(plan)
    Plan.objects.filter(pk=plan.pk).get().save()  # the plan itself: everything
    Report.objects.filter(indicator__weights__objective__number=2).first().save()
    assert all(a is not b for a, b in zip(objects(plan), after, strict=True))


def test_another_plan_sharing_an_indicator_renews_it_too():
    plan, other = make_plan(2, 2), make_plan(1, 1, name="Otro")
    shared = Indicator.objects.filter(weights__objective__plan=plan).first()
    Weight.objects.create(objective=other.objectives.get(), indicator=shared, weight=Decimal(50))
    objects(plan), objects(other)
    Report.objects.create(indicator=shared, year=2021, corte=Corte.MARZO, executed=7)
    assert_same_as_from_scratch(plan)
    assert_same_as_from_scratch(other)


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (6, 5)])
def test_renewing_after_a_one_indicator_write_takes_fixed_queries(
    django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    objects(plan), objects(plan, pending=True)
    Programming.objects.filter(indicator__weights__objective__plan=plan).first().save()
    plan = fresh_plan(plan)
    # the steps since the figures held, the changed links, their programming, reports and
    # published values
    with django_assert_num_queries(5):
        shared_plan_figures(plan)
    # the preview follows the preview's steps too (programming renews both revisions)
    with django_assert_num_queries(6):
        shared_plan_figures(plan, pending=True)
    # a process that holds nothing reads the plan in full: the five of plan_figures
    forget_shared()
    with django_assert_num_queries(5):
        shared_plan_figures(plan)


def test_each_write_records_its_step_in_its_own_transaction():
    plan = make_plan(1, 2)
    indicator = Indicator.objects.filter(weights__objective__plan=plan).first()
    Programming.objects.filter(indicator=indicator, year=2021).get().save()
    plan = fresh_plan(plan)
    steps = RevisionStep.objects.filter(plan=plan).order_by("-pk")[:2]
    assert {(s.field, s.revision, tuple(s.indicators)) for s in steps} == {
        ("revision", plan.revision, (indicator.pk,)),
        ("preview_revision", plan.preview_revision, (indicator.pk,)),
    }
    plan.save()
    assert RevisionStep.objects.filter(plan=plan).order_by("-pk").first().indicators is None


def test_figures_replaced_by_a_what_if_do_not_share_what_was_remembered():
    """A copy with other links (the effect of a proposed reprogramming) scores its own."""
    plan = make_plan(1, 2)
    f = objects(plan)[0]
    before = f.score(2020, Policy.LIBRO)
    twice = tuple(
        dataclasses.replace(lf, series=dataclasses.replace(lf.series, programmed={2020: 20}))
        for lf in f.links
    )
    after = dataclasses.replace(f, links=twice).score(2020, Policy.LIBRO)
    assert (before.compliance, after.compliance) == (Decimal(50), Decimal(25))


def test_the_chain_of_steps():
    a, b, c, d = (uuid.uuid4() for _ in range(4))
    assert chained([(a, None), (b, [1]), (c, [2, 3])], a, c) == {1, 2, 3}
    assert chained([(a, None), (b, [1]), (c, [2])], a, b) == {1}
    assert chained([(a, [5]), (b, None), (c, [2])], a, c) is None  # structural on the way
    assert chained([(b, [1]), (c, [2])], a, c) is None  # the held revision's step is gone
    assert chained([(a, None), (b, [1])], a, d) is None  # the current one not yet seen
    assert chained([], a, b) is None
    many = [(a, None), (b, list(range(MAX_CHANGED + 1)))]
    assert chained(many, a, b) is None
