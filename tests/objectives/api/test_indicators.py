import pytest

pytestmark = pytest.mark.django_db


def test_an_indicator_with_its_meta_weights_and_programming(public_seed, api):
    data = api.get(f"/api/v1/indicators/?plan={public_seed.pk}&code=543").json()
    [indicator] = data["results"]
    assert indicator["goal"]["code"] == "497" and indicator["goal"]["kind"] == "sectorial"
    weights = {(w["objective_number"], w["weight"]) for w in indicator["weights"]}
    assert weights == {(2, 31.34), (3, 100.0)}
    assert indicator["programming"][0] == {"year": 2020, "value": 9.0}
    assert (indicator["annualization"], indicator["unit"]) == ("suma", "porcentaje")


def test_indicators_filter_by_objective_and_text_and_paginate(public_seed, api):
    objective = public_seed.objectives.get(number=2)
    data = api.get(f"/api/v1/indicators/?objective={objective.pk}&page_size=3").json()
    assert (
        data["count"] == 7
        and len(data["results"]) == 3
        and data["next"].endswith("page=2&page_size=3")
    )
    found = api.get("/api/v1/indicators/?q=discapacidad").json()["results"]
    assert [i["code"] for i in found] == ["644"]
    assert api.get("/api/v1/indicators/?annualization=nada").status_code == 400


def test_private_plans_indicators_are_for_roles(private_plan, api, role_api):
    assert api.get("/api/v1/indicators/").json()["count"] == 0
    assert role_api("Directivo").get("/api/v1/indicators/").json()["count"] == 2


def test_a_cached_list_changes_right_after_a_write_to_its_plan(private_plan, role_api):
    from indicators.models import Programming

    client = role_api("Directivo")
    url = f"/api/v1/indicators/?plan={private_plan.pk}"
    first = client.get(url).json()["results"][0]
    assert first["programming"][0]["value"] == 10.0
    assert client.get(url).json()["results"][0] == first  # from the cache
    row = Programming.objects.get(indicator_id=first["id"], year=2020)
    row.value = 12
    row.save()  # the plan's revision changes, so does the key
    assert client.get(url).json()["results"][0]["programming"][0]["value"] == 12.0
