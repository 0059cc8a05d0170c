from decimal import Decimal as D

import pytest
from django.urls import reverse

from objectives.models import Closure
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
