import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_clients_see_the_public_plans_with_their_platform(public_seed, private_plan, api):
    data = api.get("/api/v1/plans/").json()
    assert data["count"] == 1
    [plan] = data["results"]
    assert plan["id"] == public_seed.pk and plan["public"] is True
    assert plan["name"] == "Plan Estratégico Institucional 2020-2024"
    assert plan["adoption_act"].startswith("Resolución No. 277 de 2020")
    assert (plan["first_year"], plan["last_year"], plan["policy"]) == (2020, 2024, "libro")
    assert plan["red_max"] == 50 and plan["portal_url"] == f"/transparencia/{public_seed.pk}/"
    assert api.get(f"/api/v1/plans/{private_plan.pk}/").status_code == 404


def test_a_person_with_a_role_sees_every_plan(public_seed, private_plan, role_api):
    data = role_api("Directivo").get("/api/v1/plans/?public=false").json()
    assert [p["name"] for p in data["results"]] == ["Plan interno"]
    assert data["results"][0]["portal_url"] is None


def test_an_account_without_a_role_sees_what_anonymous_clients_see(
    public_seed, private_plan, role_api
):
    data = role_api(None).get("/api/v1/plans/").json()
    assert [p["id"] for p in data["results"]] == [public_seed.pk]


def test_details_of_public_objects_for_anonymous_clients(public_seed, api):
    from indicators.models import Indicator

    plan = api.get(f"/api/v1/plans/{public_seed.pk}/").json()
    assert plan["vision"].startswith("En 2030 la Secretaría General")
    objective = public_seed.objectives.get(number=3)
    detail = api.get(f"/api/v1/objectives/{objective.pk}/").json()
    assert (detail["number"], detail["plan"]) == (3, public_seed.pk)
    i545 = Indicator.objects.get(code="545")
    indicator = api.get(f"/api/v1/indicators/{i545.pk}/").json()
    assert indicator["name"] == i545.name and indicator["goal"]["code"] == i545.goal.code
    assert indicator["programming"][0] == {"year": 2020, "value": 2000000.0}
    programming = i545.programming.get(year=2021)
    row = api.get(f"/api/v1/programming/{programming.pk}/").json()
    assert (row["indicator"], row["year"], row["value"]) == (
        i545.pk,
        2021,
        float(programming.value),
    )
