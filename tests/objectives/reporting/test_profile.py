"""Planeación's programming per corte, edited with a reason (issue 14)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import CorteProgramming, Indicator
from objectives.on_track import plan_on_track
from tests.objectives.reporting.cycle import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def i545(seed_plan):
    return Indicator.objects.get(code="545")


def url(indicator, year=2021):
    return reverse("objectives:profile_edit", args=[indicator.pk, year])


def test_planeacion_sets_a_profile_with_a_reason(make_user, seed_plan, i545):
    client = client_for(make_user("Planeación"))
    data = {"c3": "350.000", "c6": "1.050.000", "c9": "2.100.000", "c12": "3.500.000"}
    response = client.post(url(i545), data | {"reason": "Perfil del comité de julio"})
    assert response.status_code == 302
    stored = {r.corte: r.value for r in CorteProgramming.objects.filter(indicator=i545)}
    assert stored == {3: D(350000), 6: D(1050000), 9: D(2100000), 12: D(3500000)}
    history = CorteProgramming.history.filter(corte=6).get()
    assert history.history_change_reason == "Perfil del comité de julio"
    rows = {r.indicator.code: r for r in plan_on_track(seed_plan, 2021, 6).indicators()}
    assert rows["545"].expected == D(1050000)  # 30 % of the year, not the linear 50 %
    # A blank corte goes back to the linear rule, and the deletion keeps its reason too.
    client.post(url(i545), data | {"c6": "", "reason": "Se vuelve a la regla lineal"})
    assert not CorteProgramming.objects.filter(indicator=i545, corte=6).exists()
    deleted = CorteProgramming.history.filter(corte=6, history_type="-").get()
    assert deleted.history_change_reason == "Se vuelve a la regla lineal"


def test_without_a_reason_nothing_is_saved(make_user, seed_plan, i545):
    response = client_for(make_user("Planeación")).post(url(i545), {"c6": "1", "reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not CorteProgramming.objects.exists()


def test_a_bad_number_is_said_beside_its_corte(make_user, seed_plan, i545):
    response = client_for(make_user("Planeación")).post(url(i545), {"c6": "mil", "reason": "x"})
    assert "c6" in response.context["form"].errors
    assert not CorteProgramming.objects.exists()


def test_only_planeacion_edits_it(make_user, seed_plan, i545):
    assert client_for(make_user("Responsable")).get(url(i545)).status_code == 403
    assert client_for(make_user("Planeación")).get(url(i545, 2030)).status_code == 404
