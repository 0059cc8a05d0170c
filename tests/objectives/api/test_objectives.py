import pytest

pytestmark = pytest.mark.django_db


def test_objectives_of_public_plans_filtered_by_plan_and_number(public_seed, private_plan, api):
    data = api.get("/api/v1/objectives/").json()
    assert data["count"] == 8
    assert [o["number"] for o in data["results"]] == list(range(1, 9))
    one = api.get(f"/api/v1/objectives/?plan={public_seed.pk}&number=5").json()["results"]
    assert one[0]["statement"].startswith("Fortalecer la prestación del servicio a la ciudadanía")
    assert api.get(f"/api/v1/objectives/?plan={private_plan.pk}").json()["count"] == 0


def test_a_role_sees_the_objectives_of_a_private_plan(private_plan, role_api):
    data = role_api("Responsable").get(f"/api/v1/objectives/?plan={private_plan.pk}").json()
    assert [o["statement"] for o in data["results"]] == ["Obj 1"]
