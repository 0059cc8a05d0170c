from decimal import Decimal as D

import pytest
from django.urls import reverse

from tests.objectives.reporting.cycle import (
    ALLOWED_TO_REVIEW,
    ROLES,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_weight(clients, seed_plan, role):
    weight = seed_plan.objectives.get(number=8).weights.get()
    url = reverse("objectives:weight_edit", args=[weight.pk])
    data = {"value": "90", "reason": "Ajuste", "version": 1, "confirmar": "1"}
    response = clients[role].post(url, data)
    weight.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and weight.weight == D(90)
    else:
        assert response.status_code == 403 and weight.weight == D(100)


def weight_page(client, weight, **data):
    url = reverse("objectives:weight_edit", args=[weight.pk])
    return client.post(url, {"reason": "Ajuste", "version": weight.version, **data})


@pytest.mark.parametrize(
    ("total", "message"),
    [
        (D(110), "Las ponderaciones del objetivo 7 suman 110,00 %, no 100 %. ¿Guardar de todos"),
        (D(90), "Las ponderaciones del objetivo 7 suman 90,00 %, no 100 %."),
        (None, "Con 0 % el indicador deja de contar en el objetivo 7, cuyas ponderaciones "),
    ],
)
def test_a_weight_that_leaves_its_objective_off_100_asks_for_confirmation(
    clients, seed_plan, total, message
):
    """Issue 12: 0 % or a total of 110 % saved with «Ponderación guardada.» and nothing else."""
    weight, other = seed_plan.objectives.get(number=7).weights.all()
    value = str(total - other.weight) if total else "0"
    asked = weight_page(clients["Planeación"], weight, value=value)
    html = asked.content.decode()
    assert asked.status_code == 200 and message in html
    assert 'name="confirmar"' in html.split('id="confirmar-ponderacion"')[1]
    before = weight.weight
    weight.refresh_from_db()
    assert (weight.weight, weight.version) == (before, 1)
    confirmed = weight_page(clients["Planeación"], weight, value=value, confirmar="1")
    weight.refresh_from_db()
    assert confirmed.status_code == 302 and weight.weight == D(value)


def test_a_weight_that_keeps_its_objective_at_100_saves_at_once(clients, seed_plan):
    weight = seed_plan.objectives.get(number=7).weights.first()
    other = seed_plan.objectives.get(number=7).weights.exclude(pk=weight.pk).get()
    value = D(100) - other.weight
    response = weight_page(clients["Planeación"], weight, value=str(value).replace(".", ","))
    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["150", "-1", "1e309"])
def test_a_weight_out_of_range_is_refused_with_the_range(clients, seed_plan, typed):
    weight = seed_plan.objectives.get(number=8).weights.get()
    html = weight_page(clients["Planeación"], weight, value=typed, confirmar="1").content.decode()
    assert "0 y 100" in html or "no puede ser negativo" in html
    weight.refresh_from_db()
    assert weight.weight == D(100)
