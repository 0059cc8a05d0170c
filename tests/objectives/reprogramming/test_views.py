import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.choices import VersionStatus
from indicators.models import Indicator, Programming
from indicators.targets import TargetVersion
from objectives.figures import plan_scores
from objectives.reprogramming.services import reprogramming_approve
from tests.factories import make_plan
from tests.objectives.reporting.cycle import client_for
from tests.objectives.reprogramming.test_services import propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {"admin": make_user("Administrador"), "planeacion": make_user("Planeación")}


@pytest.fixture
def budget(seed_plan):
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def form_data(**changes):
    data = {f"p{year}": "100" for year in range(2020, 2025)} | {"p2020": "99"}
    data |= {
        "baseline": "",
        "stated_total": "100",
        "reason": "Recorte presupuestal",
        "act_kind": "resolucion",
        "act_number": "045",
        "act_date": "2021-03-15",
    }
    return data | changes


def test_planeacion_proposes_and_the_page_shows_old_new_and_the_effect(people, budget):
    client = client_for(people["planeacion"])
    url = reverse("objectives:reprogramming_new", args=[budget.pk])
    assert "Programación 2020" in client.get(url).content.decode()
    response = client.post(url, form_data(p2020="120"), follow=True)
    html = response.content.decode()
    version = TargetVersion.objects.get(number=2)
    assert version.status == VersionStatus.PROPUESTA
    assert "Reprogramación propuesta: un administrador debe aprobarla." in html
    changes = [(c.label, c.old, c.new) for c in response.context["page"].changes]
    assert changes == [("Programación 2020", D(99), D(120))]
    effects = [
        (e.objective.number, e.year, e.before, e.after) for e in response.context["page"].effects
    ]
    assert effects == [(7, 2020, D("69.92"), D("62.50"))]
    assert "69,92 %" in html and "62,50 %" in html
    assert "principio de los cuatro ojos" in html  # the proposer cannot decide
    assert Programming.objects.get(indicator=budget, year=2020).value == D(99)


def test_an_administrador_approves_from_the_page(people, budget):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    client = client_for(people["admin"])
    page = reverse("objectives:reprogramming", args=[proposal.pk])
    assert 'id="form-decision"' in client.get(page).content.decode()
    decide = reverse("objectives:reprogramming_decide", args=[proposal.pk])
    html = client.post(decide, {"aprobar": "1"}, follow=True).content.decode()
    assert "Reprogramación aprobada" in html
    assert Programming.objects.get(indicator=budget, year=2020).value == D(120)


def test_the_proposer_cannot_approve_through_the_page(make_user, budget):
    both = make_user("Administrador")
    proposal = propose(both, budget, {2020: D(120)})
    decide = reverse("objectives:reprogramming_decide", args=[proposal.pk])
    response = client_for(both).post(decide, {"aprobar": "1"})
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == VersionStatus.PROPUESTA


def test_a_bad_form_says_what_to_fix_and_writes_nothing(people, budget):
    client = client_for(people["planeacion"])
    url = reverse("objectives:reprogramming_new", args=[budget.pk])
    response = client.post(url, form_data(act_number="", p2021="mucho"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"act_number", "p2021"}
    assert not TargetVersion.objects.exists()


def test_a_responsable_cannot_reprogram(make_user, budget):
    client = client_for(make_user("Responsable"))
    url = reverse("objectives:reprogramming_new", args=[budget.pk])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (6, 10)])
def test_the_proposal_page_query_count_is_fixed(
    people, django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    indicator = plan.objectives.first().weights.first().indicator
    proposal = propose(people["planeacion"], indicator, {2020: D(20)})
    client = client_for(people["admin"])
    # session, user, roles; the version, the current programming, the objectives it feeds
    # and their figures (four)
    with django_assert_num_queries(10):
        response = client.get(reverse("objectives:reprogramming", args=[proposal.pk]))
    assert [(e.year, e.before, e.after) for e in response.context["page"].effects] == [
        (2020, D(50), D(50) - D(100) / indicators / 4)
    ]


def test_the_pending_list_names_each_proposal(people, budget, seed_plan):
    propose(people["planeacion"], budget, {2020: D(120)})
    html = client_for(people["admin"]).get(reverse("objectives:reprogrammings")).content.decode()
    assert "Resolución 045 del 15 de marzo de 2021" in html
    assert "Porcentaje de presupuesto comprometido" in html


def test_the_history_page_shows_each_version_and_approval_with_reason_and_act(people, budget):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    reprogramming_approve(user=people["admin"], version=proposal)
    html = client_for(people["admin"]).get(reverse("objectives:history", args=[budget.pk]))
    rows = html.content.decode().split('id="tabla-historial"')[1].split("</tr>")
    versions = [row for row in rows if "Versión 2 de las metas" in row]
    act = "Recorte presupuestal (Resolución 045 del 15 de marzo de 2021)"
    assert len(versions) == 2  # proposed, then approved
    assert f"Aprobada: {act}" in versions[0] and "Propuesta → Aprobada" in versions[0]
    assert people["admin"].username in versions[0]
    assert f"Propuesta: {act}" in versions[1] and people["planeacion"].username in versions[1]
    programming = next(row for row in rows if "Programación 2020" in row)
    assert "99 → 120" in programming and act in programming


def test_the_objective_page_shows_a_vigencia_against_original_or_current_targets(
    people, budget, seed_plan, user_client
):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    reprogramming_approve(user=people["admin"], version=proposal)
    objective = seed_plan.objectives.get(number=7)
    url = reverse("objectives:objective", args=[objective.pk])
    current = user_client.get(f"{url}?vigencia=2020")
    assert current.context["page"].compliance == D("62.50")
    assert 'id="metas-originales"' not in current.content.decode()
    original = user_client.get(f"{url}?vigencia=2020&metas=originales")
    assert original.context["page"].compliance == D("69.92")
    html = original.content.decode()
    assert 'id="cumplimiento">69,92 %' in html
    assert "calculadas con las metas originales" in html
    assert 'href="?vigencia=2021&amp;metas=originales"' in html  # the switch keeps them
    assert 'href="?vigencia=2021"' in current.content.decode()


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (3, 15)])
def test_the_objective_page_against_original_targets_takes_one_query_more(
    user_client, django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    url = reverse("objectives:objective", args=[plan.objectives.get(number=1).pk])
    # the objective page's eleven, the originals, and ¿vamos bien? at the latest corte (six)
    with django_assert_num_queries(18):
        response = user_client.get(f"{url}?vigencia=2020&metas=originales")
    # nothing was reprogrammed: the original targets are the current ones
    assert (
        response.context["page"].compliance == plan_scores(plan, 2020).objectives[0][1].compliance
    )


def test_the_compliance_json_says_it_is_against_the_original_targets(people, budget):
    proposal = propose(people["planeacion"], budget, {2020: D(120)})
    reprogramming_approve(user=people["admin"], version=proposal)
    out = StringIO()
    call_command(
        "compliance", "--year", "2020", "--targets", "original", "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    assert data["targets"] == "originales" and data["objectives"][6]["compliance"] == 69.92
    out = StringIO()
    call_command("compliance", "--year", "2020", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert "targets" not in data and data["objectives"][6]["compliance"] == 62.5
