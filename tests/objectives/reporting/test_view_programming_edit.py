from decimal import Decimal as D

import pytest
from django.urls import reverse

from tests.objectives.reporting.cycle import (
    ALLOWED_TO_REVIEW,
    ROLES,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_editing_programming(clients, budget, role):
    url = reverse("objectives:programming_edit", args=[budget.pk, 2022])
    response = clients[role].post(url, {"value": "97,5", "reason": "Ajuste", "version": 1})
    value = budget.programming.get(year=2022).value
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and value == D("97.5")
    else:
        assert response.status_code == 403 and value == D(100)
