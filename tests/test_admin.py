import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_es(admin_client):
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es-co"
    return admin_client


def test_the_admin_lists_the_2020_indicators_in_spanish(seed_plan, admin_client_es):
    response = admin_client_es.get(reverse("admin:indicators_indicator_changelist"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Escoja indicador a modificar</h1>" in html
    assert "Número de PQRS recibidas por otros canales" in html


def test_an_objective_shows_its_weights_inline(seed_plan, admin_client_es):
    objective = seed_plan.objectives.get(number=2)
    response = admin_client_es.get(
        reverse("admin:objectives_objective_change", args=[objective.pk])
    )
    html = response.content.decode()
    assert "Ponderaciones" in html
    assert 'value="31.3400"' in html  # HTML number inputs always use a decimal point


def test_an_indicator_shows_programming_and_execution_inline(seed_plan, admin_client_es):
    from indicators.models import Indicator

    indicator = Indicator.objects.get(code="545")
    response = admin_client_es.get(
        reverse("admin:indicators_indicator_change", args=[indicator.pk])
    )
    html = response.content.decode()
    assert "Programación" in html and "Reportes de avance" in html
    assert 'value="3253000.000000"' in html


def test_the_root_redirects_to_the_admin_for_now(client):
    response = client.get("/")
    assert response.status_code == 302
