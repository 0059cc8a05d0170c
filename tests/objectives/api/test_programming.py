import pytest

pytestmark = pytest.mark.django_db


def test_programming_by_indicator_and_year(public_seed, api):
    from indicators.models import Indicator

    i545 = Indicator.objects.get(code="545")
    data = api.get(f"/api/v1/programming/?indicator={i545.pk}&year=2020").json()
    assert [(r["indicator"], r["year"], r["value"]) for r in data["results"]] == [
        (i545.pk, 2020, 2000000.0)
    ]
    every = api.get(f"/api/v1/programming/?plan={public_seed.pk}&page_size=500").json()
    assert every["count"] == len(every["results"]) > 50


def test_private_programming_is_for_roles(private_plan, api, role_api):
    assert api.get("/api/v1/programming/").json()["count"] == 0
    data = role_api("Planeación").get("/api/v1/programming/?year=2021").json()
    assert data["count"] == 2 and {r["value"] for r in data["results"]} == {10.0}
