import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

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


def test_tried_as_a_new_user_a_weight_edited_after_closing_leaves_every_2020_headline(
    clients, seed_plan, tmp_path
):
    """Issue 11: close 2020, then edit a weight of objective 7 (50 → 60 %, which gives 78,41 %
    Verde live): every page, command and export that shows 2020 headlines the official
    69,92 % Amarillo, and says beside it what live data would give."""
    admin = clients["Administrador"]
    admin.post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    objective = seed_plan.objectives.get(number=7)
    weight = objective.weights.order_by("id").first()
    edit = reverse("objectives:weight_edit", args=[weight.pk])
    assert admin.post(edit, {"value": "60", "reason": "Ajuste", "version": 1}).status_code == 302

    dashboard = admin.get("/?vigencia=2020")
    assert dashboard.context["data"].rows[6].compliance == D("69.92")
    card = dashboard.content.decode().split('id="objetivo-7"')[1].split("</div>")[0]
    assert "69,92 %" in card and "Amarillo" in card

    page = admin.get(f"/objetivos/{objective.pk}/?vigencia=2020").content.decode()
    assert 'id="cumplimiento">69,92 %' in page
    assert "darían 78,41 %" in page.split('id="cifras-difieren"')[1]

    plan = admin.get("/plan/?vigencia=2020")
    row = plan.context["page"].rows[6]
    assert (row.compliance, row.semaforo) == (D("69.92"), "amarillo")
    assert 'id="cifras-difieren"' in plan.content.decode()

    out = StringIO()
    call_command("compliance", "--year", "2020", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[7].split() == ["Objetivo", "7:", "69,92", "%", "Amarillo"]
    assert lines[-1] == "Nota: con los datos actuales, el objetivo 7 daría 78,41 %."
    out = StringIO()
    call_command("compliance", "--year", "2020", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["objectives"][6]["compliance"] == 69.92 and data["official"] is True
    assert data["live_differences"] == [{"number": 7, "official": 69.92, "live": 78.41}]

    PublishedCompliance.objects.all().delete()  # so the export writes the official figure
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    sheet = load_workbook(path)["Objetivo 7"]
    summary = next(
        row for row in sheet.iter_rows(values_only=True) if row[0] == "Avance vigencia 2020:"
    )
    assert summary[1] == pytest.approx(0.6992)
