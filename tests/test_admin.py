import json
from decimal import Decimal

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


def _weight_form(link, **changes):
    from objectives.admin import WeightForm

    data = {
        "objective": link.objective_id,
        "indicator": link.indicator_id,
        "weight": link.weight,
        "by_year": json.dumps(link.by_year),
        "first_year": link.first_year or "",
        "last_year": link.last_year or "",
        **changes,
    }
    return WeightForm(data, instance=link)


@pytest.fixture
def closed_2020(seed_plan, admin_user):
    from tests.factories import close

    close(seed_plan, 2020, admin_user)
    return seed_plan.objectives.get(number=7).weights.order_by("id").first()


def test_the_admin_refuses_a_weight_that_would_change_a_closed_vigencia(closed_2020):
    form = _weight_form(closed_2020, weight="12.5")
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "La vigencia 2020 está cerrada: sus ponderaciones y vínculos no cambian. "
        "Cambie la ponderación desde una vigencia abierta (la primera es 2021)."
    ]


def test_the_admin_refuses_a_link_leaving_a_closed_vigencia(closed_2020):
    form = _weight_form(closed_2020, first_year="2021")
    assert not form.is_valid()
    assert "La vigencia 2020 está cerrada: el indicador no puede entrar ni salir" in str(
        form.non_field_errors()
    )


def test_the_admin_keeps_a_closed_vigencia_and_changes_the_open_ones(closed_2020):
    kept = str(closed_2020.weight_in(2020))
    form = _weight_form(closed_2020, by_year=json.dumps({"2021": "12.5000"}))
    assert form.is_valid(), form.errors
    form.save()
    closed_2020.refresh_from_db()
    assert str(closed_2020.weight_in(2020)) == kept
    assert closed_2020.weight_in(2021) == Decimal("12.5")


def test_the_weight_admin_page_says_why_and_saves_nothing(closed_2020, admin_client_es):
    before = closed_2020.weight
    url = reverse("admin:objectives_weight_change", args=[closed_2020.pk])
    data = _weight_form(closed_2020, weight="12.5").data
    response = admin_client_es.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    assert "La vigencia 2020 está cerrada" in response.content.decode()
    closed_2020.refresh_from_db()
    assert closed_2020.weight == before


def test_a_link_that_counts_in_a_closed_vigencia_cannot_be_deleted(closed_2020, admin_client_es):
    url = reverse("admin:objectives_weight_delete", args=[closed_2020.pk])
    assert admin_client_es.post(url, {"post": "yes"}).status_code == 403
    assert type(closed_2020).objects.filter(pk=closed_2020.pk).exists()


def test_the_plan_admin_refuses_a_start_outside_the_first_vigencia(seed_plan):
    from datetime import date

    from django.core.exceptions import ValidationError

    seed_plan.starts_on = date(2021, 6, 1)
    with pytest.raises(ValidationError) as refused:
        seed_plan.full_clean()
    assert refused.value.message_dict["starts_on"] == [
        "El inicio del plan (01/06/2021) debe caer en la vigencia inicial, 2020: corrija la "
        "fecha o la vigencia inicial."
    ]
    seed_plan.starts_on = date(2020, 6, 1)
    seed_plan.full_clean()
