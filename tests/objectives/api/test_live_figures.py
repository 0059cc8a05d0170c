import pytest
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.choices import Corte
from tests.objectives.transparency.conftest import approved, first_indicator

pytestmark = pytest.mark.django_db


def test_live_figures_are_for_roles_and_count_approved_reports(public_plan, staff, role_api, api):
    plan = public_plan(objectives=1, indicators=2)
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.JUNIO, 9)
    url = f"/api/v1/live-figures/?plan={plan.pk}&year=2021"
    refused = api.get(url)
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Token"
    assert "personas con un rol" in refused.json()["detail"]
    assert role_api(None).get(url).status_code == 403  # an account without a role
    data = role_api("Directivo").get(url).json()
    assert data["kind"] == "en_vivo" and data["corte"] is None
    assert data["objectives"][0]["compliance"] == 45.0  # June, approved but not published


def test_a_personal_token_works_and_stops_when_revoked(public_plan, make_user):
    plan = public_plan(objectives=1, indicators=2)
    user = make_user("Planeación")
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/live-figures/?plan={plan.pk}&year=2020"
    assert client.get(url).json()["plan_compliance"] == 50.0
    token.delete()
    assert client.get(url).status_code == 401
    assert Group.objects.filter(name="Planeación").exists()


def test_the_query_is_checked(public_plan, role_api):
    public_plan()
    response = role_api("Directivo").get("/api/v1/live-figures/?plan=1")
    assert response.status_code == 400
    assert response.json()["year"] == ["Este campo es obligatorio."]
