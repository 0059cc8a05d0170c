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


@pytest.mark.parametrize("year", [2019, 2025, 3000])
def test_a_year_outside_the_plans_of_the_indicator_is_not_found(clients, budget, year):
    """Issue 12: rows for 3000–3029 were created through this page."""
    url = reverse("objectives:programming_edit", args=[budget.pk, year])
    assert clients["Planeación"].get(url).status_code == 404
    assert clients["Planeación"].post(url, {"value": "5", "reason": "x"}).status_code == 404
    assert not budget.programming.filter(year=year).exists()


def test_the_service_refuses_a_year_outside_the_plans_too(clients, budget):
    from django.core.exceptions import ValidationError

    from objectives.reporting import services

    with pytest.raises(ValidationError, match="3000 no es una vigencia de los planes"):
        services.programming_save(
            user=clients["users"]["Planeación"],
            indicator=budget,
            year=3000,
            value=D(5),
            reason="x",
            version=None,
        )


def test_creating_a_missing_year_twice_gives_the_conflict_page_the_second_time(clients, budget):
    budget.programming.filter(year=2023).delete()
    url = reverse("objectives:programming_edit", args=[budget.pk, 2023])
    first = clients["Planeación"].post(url, {"value": "70", "reason": "Nueva meta"})
    second = clients["Administrador"].post(url, {"value": "80", "reason": "Otra meta"})
    assert (first.status_code, second.status_code) == (302, 409)
    assert budget.programming.get(year=2023).value == D(70)
