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
    response = clients[role].post(url, {"value": "90", "reason": "Ajuste", "version": 1})
    weight.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and weight.weight == D(90)
    else:
        assert response.status_code == 403 and weight.weight == D(100)
