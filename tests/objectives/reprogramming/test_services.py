from datetime import date
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from indicators.choices import ActKind, Targets, VersionStatus
from indicators.models import Indicator, Programming
from indicators.targets import TargetVersion
from objectives.figures import plan_scores
from objectives.reporting.services import vigencia_close
from objectives.reprogramming import services
from objectives.reprogramming.services import Act, current_targets

pytestmark = pytest.mark.django_db

ACT = Act(ActKind.RESOLUCION, "045", date(2021, 3, 15))


@pytest.fixture
def people(make_user):
    both = make_user("Planeación")
    both.groups.add(make_user("Administrador").groups.get())
    return {
        "admin": make_user("Administrador"),
        "planeacion": make_user("Planeación"),
        "both": both,
    }


@pytest.fixture
def budget(seed_plan):
    """Objective 7's budget indicator: 99 programmed in 2020, 84 executed and approved."""
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def objective_7(plan, year, targets=Targets.CURRENT):
    scores = plan_scores(plan, year, targets=targets)
    return dict((o.number, s.compliance) for o, s in scores.objectives)[7]


def propose(user, indicator, changes, act=ACT, reason="Recorte presupuestal"):
    before = current_targets(indicator)
    targets = services.Targets(before.programming | changes, before.baseline, before.stated_total)
    return services.reprogramming_propose(
        user=user, indicator=indicator, targets=targets, reason=reason, act=act
    )


def test_a_reprogrammed_target_changes_the_current_figures_not_the_original_ones(
    people, seed_plan, budget
):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    assert proposal.status == VersionStatus.PROPUESTA  # 2020 has approved reports
    assert objective_7(seed_plan, 2020) == D("69.92")  # nothing in force before approval
    services.reprogramming_approve(user=people["admin"], version=proposal)
    # 50 % × 84 / 120 + 50 % × 55 % = 35,00 + 27,50
    assert objective_7(seed_plan, 2020) == D("62.50")
    assert objective_7(seed_plan, 2020, Targets.ORIGINAL) == D("69.92")
    versions = list(budget.target_versions.values_list("number", "status", "programming"))
    assert [(n, s, p["2020"]) for n, s, p in versions] == [
        (1, VersionStatus.APROBADA, "99.000000"),
        (2, VersionStatus.APROBADA, "120"),
    ]
    assert Programming.objects.get(indicator=budget, year=2020).value == D(120)
    out = StringIO()
    call_command("compliance", "--year", "2020", "--targets", "original", stdout=out)
    assert "Objetivo 7:    69,92 %" in out.getvalue()
    assert "metas originales" in out.getvalue().splitlines()[0]
    out = StringIO()
    call_command("compliance", "--year", "2020", stdout=out)
    assert "Objetivo 7:    62,50 %" in out.getvalue()


def test_a_proposal_approved_by_the_person_who_proposed_it_is_refused(people, budget):
    proposal = propose(people["both"], budget, {2020: D(120)})
    with pytest.raises(PermissionDenied, match="cuatro ojos"):
        services.reprogramming_approve(user=people["both"], version=proposal)
    with pytest.raises(PermissionDenied, match="Solo un administrador"):
        services.reprogramming_approve(user=people["planeacion"], version=proposal)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.approved_by) == (VersionStatus.PROPUESTA, None)
    assert Programming.objects.get(indicator=budget, year=2020).value == D(99)


def test_a_vigencia_without_approved_reports_is_reprogrammed_at_once(people, budget):
    version = propose(people["planeacion"], budget, {2022: D(90)})
    assert (version.number, version.status, version.approved_by) == (
        2,
        VersionStatus.APROBADA,
        people["planeacion"],
    )
    assert version.act == "Resolución 045 del 15 de marzo de 2021"
    assert Programming.objects.get(indicator=budget, year=2022).value == D(90)
    latest = Programming.history.filter(indicator_id=budget.pk, year=2022).latest("history_date")
    assert latest.history_change_reason == (
        "Recorte presupuestal (Resolución 045 del 15 de marzo de 2021)"
    )


def test_a_closed_vigencia_is_not_reprogrammed(people, seed_plan, budget):
    vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    with pytest.raises(ValidationError, match="La vigencia 2020 está cerrada"):
        propose(people["planeacion"], budget, {2020: D(120)})
    assert not TargetVersion.objects.exists()


def test_a_reprogramming_needs_its_act_and_a_reason(people, budget):
    with pytest.raises(ValidationError) as refused:
        propose(people["planeacion"], budget, {2022: D(90)}, act=Act(), reason=" ")
    assert set(refused.value.message_dict) == {"reason", "act_number"}
    with pytest.raises(ValidationError, match="no cambia nada"):
        propose(people["planeacion"], budget, {2022: D(100)})


def test_a_rejected_proposal_changes_nothing_and_says_why(people, budget):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    with pytest.raises(ValidationError):
        services.reprogramming_reject(user=people["admin"], version=proposal, note="")
    services.reprogramming_reject(user=people["admin"], version=proposal, note="Sin soporte")
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decision_note) == (VersionStatus.RECHAZADA, "Sin soporte")
    assert Programming.objects.get(indicator=budget, year=2020).value == D(99)
    with pytest.raises(ValidationError, match="ya fue decidida"):
        services.reprogramming_approve(user=people["admin"], version=proposal)
