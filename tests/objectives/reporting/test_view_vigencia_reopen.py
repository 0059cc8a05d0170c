import pytest
from django.urls import reverse

from objectives.models import Closure
from objectives.reporting import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def closure(clients, seed_plan):
    return services.vigencia_close(
        user=clients["users"]["Administrador"], plan=seed_plan, year=2020
    )


@pytest.mark.parametrize("role", ["Planeación", "Responsable", "Directivo"])
def test_only_an_administrador_reopens(clients, closure, role):
    url = reverse("objectives:vigencia_reopen", args=[closure.pk])
    assert clients[role].get(url).status_code == 403


def test_reopening_needs_a_reason_and_says_so_next_to_the_field(clients, closure):
    url = reverse("objectives:vigencia_reopen", args=[closure.pk])
    response = clients["Administrador"].post(url, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Este campo es obligatorio."]
    assert Closure.objects.get().is_closed


def test_reopening_goes_back_to_the_vigencias_dashboard(clients, closure):
    url = reverse("objectives:vigencia_reopen", args=[closure.pk])
    response = clients["Administrador"].post(url, {"reason": "Corrección de 545"})
    dashboard = reverse("objectives:dashboard")
    assert response.url == f"{dashboard}?plan={closure.plan_id}&vigencia=2020"
    closure.refresh_from_db()
    assert not closure.is_closed and closure.reason == "Corrección de 545"
