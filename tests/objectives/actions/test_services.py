import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.models import Indicator
from objectives.actions import selectors, services
from objectives.actions.models import ImprovementAction
from objectives.reporting import services as reporting
from tests.objectives.reporting.cycle import CORP

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2021, 7, 15)


@pytest.fixture
def people(make_user):
    return {
        "planeacion": make_user("Planeación"),
        "responsable": make_user("Responsable", dependencies=[CORP]),
        "otro": make_user("Responsable", dependencies=["Otra dependencia"]),
        "admin": make_user("Administrador"),
    }


@pytest.fixture
def budget(seed_plan):
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def open_action(user, plan, indicator, due=datetime.date(2021, 9, 30)):
    data = services.ActionInput(
        cause="La contratación empezó en abril",
        action="Adelantar los compromisos del segundo semestre",
        responsible=user,
        dependency=CORP,
        starts_on=datetime.date(2021, 7, 1),
        due_on=due,
    )
    return services.action_open(
        user=user, plan=plan, indicator=indicator, year=2021, corte=6, data=data
    )


def test_planeacion_opens_follows_up_and_closes_an_action(
    people, seed_plan, budget, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    action = open_action(people["planeacion"], seed_plan, budget)
    assert (action.status, action.version) == ("abierta", 1)
    assert selectors.counts(seed_plan, TODAY) == selectors.ActionCounts(open=1, overdue=0)
    evidence = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta")
    services.follow_up(
        user=people["responsable"],
        action=action,
        version=1,
        note="Se firmó el contrato",
        evidence=evidence,
    )
    action.refresh_from_db()
    assert (action.status, action.version) == ("en_curso", 2)
    assert action.follow_ups.get().evidence.name.endswith(".pdf")
    closed = services.action_close(
        user=people["planeacion"], action=action, version=2, note="Compromisos al día"
    )
    assert (closed.status, closed.closing_note) == ("cumplida", "Compromisos al día")
    assert selectors.counts(seed_plan, TODAY) == selectors.ActionCounts(open=0, overdue=0)
    reasons = [h.history_change_reason for h in closed.history.order_by("history_date")]
    assert reasons == ["Acción abierta", "Seguimiento registrado", "Compromisos al día"]


def test_a_responsable_of_another_dependency_cannot(people, seed_plan, budget):
    with pytest.raises(PermissionDenied):
        open_action(people["otro"], seed_plan, budget)
    action = open_action(people["responsable"], seed_plan, budget)
    with pytest.raises(PermissionDenied):
        services.action_close(user=people["otro"], action=action, version=1, note="Listo")


def test_due_before_start_and_a_blank_closing_note_are_refused(people, seed_plan, budget):
    with pytest.raises(ValidationError, match="no puede ser anterior al inicio"):
        open_action(people["planeacion"], seed_plan, budget, due=datetime.date(2021, 6, 1))
    action = open_action(people["planeacion"], seed_plan, budget)
    with pytest.raises(ValidationError, match="nota de cierre"):
        services.action_close(user=people["planeacion"], action=action, version=1, note="  ")
    with pytest.raises(ValidationError, match="Otra persona"):
        services.action_close(user=people["planeacion"], action=action, version=7, note="x")


def test_past_due_is_vencida_until_closed(people, seed_plan, budget):
    action = open_action(people["planeacion"], seed_plan, budget, due=datetime.date(2021, 7, 10))
    assert action.shown_status(TODAY) == "vencida"
    assert action.shown_status(datetime.date(2021, 7, 10)) == "abierta"
    assert selectors.counts(seed_plan, TODAY) == selectors.ActionCounts(open=1, overdue=1)
    listed = selectors.action_list(seed_plan, TODAY, None, None, "vencidas")
    assert [row.status for row in listed.rows] == ["vencida"]


def test_lists_per_objective_and_per_dependency(people, seed_plan, budget):
    open_action(people["planeacion"], seed_plan, budget)
    objective_7 = budget.weights.get().objective
    other = seed_plan.objectives.exclude(pk=objective_7.pk).first()
    by_objective = selectors.action_list(seed_plan, TODAY, str(objective_7.pk), None, None)
    assert len(by_objective.rows) == 1
    assert selectors.action_list(seed_plan, TODAY, str(other.pk), None, None).rows == []
    assert len(selectors.action_list(seed_plan, TODAY, None, CORP, None).rows) == 1
    assert selectors.action_list(seed_plan, TODAY, None, "Otra", None).rows == []
    assert by_objective.dependencies == [CORP]


def test_closing_the_vigencia_keeps_its_actions_open(people, seed_plan, budget):
    action = open_action(people["planeacion"], seed_plan, budget)
    reporting.vigencia_close(user=people["admin"], plan=seed_plan, year=2021)
    action.refresh_from_db()
    assert action.status == "abierta"
    assert ImprovementAction.objects.still_open().count() == 1
