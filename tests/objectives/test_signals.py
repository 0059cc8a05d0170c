import pytest
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Goal, Programming, PublishedProgress, Report
from objectives.models import Closure, Plan, Weight
from objectives.signals import plans_changed
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def revision(plan: Plan):
    return Plan.objects.values_list("revision", flat=True).get(pk=plan.pk)


def edit_programming(plan):
    programming = Programming.objects.filter(indicator__weights__objective__plan=plan).first()
    programming.value = 99
    programming.save()


def approve_report(plan):
    report = Report.objects.filter(indicator__weights__objective__plan=plan).first()
    report.executed = 7
    report.save()


def delete_report(plan):
    Report.objects.filter(indicator__weights__objective__plan=plan).first().delete()


def publish(plan):
    indicator = plan.objectives.first().weights.first().indicator
    PublishedProgress.objects.create(indicator=indicator, year=2020, percent=50)


def edit_weight(plan):
    weight = Weight.objects.filter(objective__plan=plan).first()
    weight.weight = 1
    weight.save()


def edit_indicator(plan):
    indicator = plan.objectives.first().weights.first().indicator
    indicator.baseline = 3
    indicator.save()


def edit_goal(plan):
    goal = Goal.objects.filter(indicators__weights__objective__plan=plan).first()
    goal.statement = "Otra meta"
    goal.save()


def edit_objective(plan):
    objective = plan.objectives.first()
    objective.statement = "Otro enunciado"
    objective.save()


def close_vigencia(plan):
    user = User.objects.create(username="cierra")
    Closure.objects.create(
        plan=plan, year=2020, snapshot={}, closed_by=user, closed_at=timezone.now()
    )


def edit_plan(plan):
    plan.red_max = 40
    plan.save()


@pytest.mark.parametrize(
    "write",
    [
        edit_programming,
        approve_report,
        delete_report,
        publish,
        edit_weight,
        edit_indicator,
        edit_goal,
        edit_objective,
        close_vigencia,
        edit_plan,
    ],
)
def test_every_write_to_a_plans_figures_renews_its_revision_and_only_its(write):
    plan, other = make_plan(2, 2), make_plan(1, 1, name="Otro")
    before, other_before = revision(plan), revision(other)
    write(plan)
    assert revision(plan) != before
    assert revision(other) == other_before


def test_an_indicator_in_two_plans_renews_both():
    plan, other = make_plan(1, 1), make_plan(1, 1, name="Otro")
    indicator = plan.objectives.get().weights.get().indicator
    Weight.objects.create(objective=other.objectives.get(), indicator=indicator, weight=0)
    before = revision(other)
    Report.objects.create(indicator=indicator, year=2021, corte=Corte.MARZO, executed=1)
    assert revision(other) != before


def test_bulk_writers_renew_the_revision_themselves():
    plan = make_plan(1, 1)
    before = revision(plan)
    Programming.objects.filter(indicator__weights__objective__plan=plan).update(value=1)
    assert revision(plan) == before  # a queryset update sends no signal…
    plans_changed(Q(pk=plan.pk))
    assert revision(plan) != before  # …so the writer calls this


def revisions(plan: Plan) -> tuple:
    return Plan.objects.values_list("revision", "preview_revision").get(pk=plan.pk)


def a_report(plan: Plan, status: str) -> Report:
    indicator = plan.objectives.first().weights.first().indicator
    return Report.objects.create(
        indicator=indicator, year=2021, corte=Corte.MARZO, executed=3, status=status
    )


def test_a_draft_saved_again_and_again_changes_no_revision():
    plan = make_plan(1, 1)
    before = revisions(plan)
    draft = a_report(plan, ReportStatus.BORRADOR)
    draft.executed = 4
    draft.save()
    user = User.objects.create(username="responsable")
    Evidence.objects.create(
        report=draft, link="https://example.org/acta", name="acta", uploaded_by=user
    )
    draft.delete()
    assert revisions(plan) == before


def test_sending_and_returning_renew_only_the_preview():
    plan = make_plan(1, 1)
    revision_before, preview_before = revisions(plan)
    report = a_report(plan, ReportStatus.ENVIADO)
    revision_sent, preview_sent = revisions(plan)
    assert (revision_sent, preview_sent != preview_before) == (revision_before, True)
    report.status = ReportStatus.DEVUELTO
    report.save()
    assert revisions(plan)[0] == revision_before
    assert revisions(plan)[1] != preview_sent
    returned = revisions(plan)
    Report.objects.get(pk=report.pk).save()  # a returned report saved again: nothing
    assert revisions(plan) == returned


def test_approving_renews_the_figures_and_so_the_preview_too():
    plan = make_plan(1, 1)
    report = a_report(plan, ReportStatus.ENVIADO)
    before = revisions(plan)
    report = Report.objects.get(pk=report.pk)
    report.status = ReportStatus.APROBADO
    report.save()
    assert revisions(plan)[0] != before[0]  # the preview's key names both revisions


def test_evidence_of_an_approved_report_renews_the_revision():
    plan = make_plan(1, 1)
    report = Report.objects.filter(indicator__weights__objective__plan=plan).first()
    before = revision(plan)
    user = User.objects.create(username="responsable")
    Evidence.objects.create(
        report=report, link="https://example.org/acta", name="acta", uploaded_by=user
    )
    assert revision(plan) != before


def test_every_report_write_renews_the_cycle_revision_only_drafts_nothing_else():
    plan = make_plan(1, 1)
    cycle = lambda: Plan.objects.values_list("cycle_revision", flat=True).get(pk=plan.pk)  # noqa: E731
    before, figures = cycle(), revisions(plan)
    draft = a_report(plan, ReportStatus.BORRADOR)
    assert cycle() != before and revisions(plan) == figures  # Pendientes changes, figures not
    before = cycle()
    draft.delete()
    assert cycle() != before
