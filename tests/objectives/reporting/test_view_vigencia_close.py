import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from objectives.figures import plan_scores
from objectives.models import Closure, PublishedCompliance
from tests.objectives.reporting.cycle import (
    ROLES,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_closing_and_reopening(clients, seed_plan, role):
    close = reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020])
    response = clients[role].post(close)
    if role == "Administrador":
        closure = Closure.objects.get()
        assert closure.is_closed and response.status_code == 302
        reopen = reverse("objectives:vigencia_reopen", args=[closure.pk])
        assert clients[role].post(reopen, {"reason": "Corrección"}).status_code == 302
        closure.refresh_from_db()
        assert not closure.is_closed
    else:
        assert response.status_code == 403
        assert not Closure.objects.exists()


def test_a_closed_vigencia_shows_its_snapshot_and_says_when_live_data_differ(clients, seed_plan):
    admin = clients["Administrador"]
    admin.post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    html = admin.get("/?vigencia=2020").content.decode()
    assert "cerrada" in html and 'id="cifras-difieren"' not in html
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50  # changed after closing (weights are not per vigencia)
    weight.save()
    response = admin.get("/?vigencia=2020")
    assert response.context["data"].rows[7].compliance == D("74.00")  # the official figure
    assert 'id="cifras-difieren"' in response.content.decode()


def test_a_closed_objective_page_shows_the_official_figure(clients, seed_plan):
    clients["Administrador"].post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50
    weight.save()
    url = reverse("objectives:objective", args=[weight.objective_id]) + "?vigencia=2020"
    html = clients["Directivo"].get(url).content.decode()
    banner = html.split('id="vigencia-cerrada"')[1].split("</div>")[0]
    assert "el cumplimiento oficial de este objetivo es 74,00 %" in banner
    assert "darían 37,00 %" in banner


def test_closing_twice_keeps_the_first_closing_and_says_so(clients, seed_plan):
    """A double click on «Cerrar vigencia»: the second is told, nothing changes."""
    url = reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020])
    clients["Administrador"].post(url)
    first = Closure.objects.get()
    response = clients["Administrador"].post(url, follow=True)
    assert "La vigencia 2020 ya está cerrada." in response.content.decode()
    assert Closure.objects.get().closed_at == first.closed_at


def test_tried_as_a_new_user_weights_changed_from_2021_leave_every_2020_figure(
    clients, seed_plan, tmp_path
):
    """Issues 11 and 15: close 2020, then change objective 7's weights from 2021 with a reason
    (50/50 → 60/40): 2020 keeps its own weights, so every page, command and export that shows
    2020 gives 69,92 % Amarillo, official and live alike, with no note of a difference."""
    admin = clients["Administrador"]
    admin.post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    objective = seed_plan.objectives.get(number=7)
    budget, strategy = objective.weights.order_by("id")
    reason = "Actualización del PEI (Acta 3 del comité)"
    refused = admin.post(
        reverse("objectives:weight_edit", args=[budget.pk]),
        {"value": "60", "from_year": "2020", "reason": reason, "version": 1, "confirmar": "1"},
    )
    assert "La vigencia 2020 está cerrada: sus ponderaciones" in refused.content.decode()
    for weight, value in ((budget, "60"), (strategy, "40")):
        data = {"value": value, "from_year": "2021", "reason": reason, "version": 1}
        edit = reverse("objectives:weight_edit", args=[weight.pk])
        assert admin.post(edit, data | {"confirmar": "1"}).status_code == 302
    budget.refresh_from_db()
    assert (budget.weight_in(2020), budget.weight_in(2021)) == (D(50), D(60))
    assert budget.history.latest("history_date").history_change_reason == reason
    assert plan_scores(seed_plan, 2020).objectives[6][1].compliance == D("69.92")  # live

    dashboard = admin.get("/?vigencia=2020")
    assert dashboard.context["data"].rows[6].compliance == D("69.92")
    card = dashboard.content.decode().split('id="objetivo-7"')[1].split("</div>")[0]
    assert "69,92 %" in card and "Amarillo" in card

    for query in ("?vigencia=2020", "?vigencia=2020&metas=originales"):
        page = admin.get(f"/objetivos/{objective.pk}/{query}").content.decode()
        assert 'id="cumplimiento">69,92 %' in page and 'id="cifras-difieren"' not in page

    plan = admin.get("/plan/?vigencia=2020")
    row = plan.context["page"].rows[6]
    assert (row.compliance, row.semaforo) == (D("69.92"), "amarillo")
    assert 'id="cifras-difieren"' not in plan.content.decode()

    out = StringIO()
    call_command("compliance", "--year", "2020", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[7].split() == ["Objetivo", "7:", "69,92", "%", "Amarillo"]
    assert not any(line.startswith("Nota:") for line in lines)
    out = StringIO()
    call_command("compliance", "--year", "2020", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["objectives"][6]["compliance"] == 69.92 and data["official"] is True
    assert data["live_differences"] == []

    PublishedCompliance.objects.all().delete()  # so the export writes the official figure
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    sheet = load_workbook(path)["Objetivo 7"]
    summary = next(
        row for row in sheet.iter_rows(values_only=True) if row[0] == "Avance vigencia 2020:"
    )
    assert summary[1] == pytest.approx(0.6992)
