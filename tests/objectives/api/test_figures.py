import pytest

from indicators.choices import Corte
from objectives.transparency import services
from tests.objectives.transparency.conftest import approved, first_indicator

pytestmark = pytest.mark.django_db
SEED_2020 = {1: 49.02, 2: 34.26, 3: 0.0, 4: 82.48, 5: 96.53, 6: 71.43, 7: 69.92, 8: 74.0}


def test_the_closed_2020_figures_with_their_coverage(public_seed, api):
    data = api.get(f"/api/v1/figures/?plan={public_seed.pk}&year=2020").json()
    [figures] = data["results"]
    assert {o["number"]: o["compliance"] for o in figures["objectives"]} == SEED_2020
    assert figures["plan_compliance"] == 59.71 and figures["kind"] == "cierre"
    assert (figures["corte"], figures["corte_date"]) == (12, "2020-12-31")
    assert (figures["objectives_counted"], figures["objectives_averaged"]) == (8, 8)
    two = figures["objectives"][1]
    assert two["coverage"] == {"counted": 7, "not_applicable": 3, "programmed": 4, "reported": None}
    five = next(o for o in figures["objectives"] if o["number"] == 5)
    assert [i["progress"] for i in five["indicators"]] == [None, 162.65, 126.98]


def test_published_cortes_filter_by_kind_and_corte(public_plan, staff, api):
    plan = public_plan(objectives=1, indicators=2)
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.JUNIO, 8)
    services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.JUNIO)
    cortes = api.get(f"/api/v1/figures/?plan={plan.pk}&kind=corte").json()["results"]
    assert [(f["year"], f["corte"], f["objectives"][0]["compliance"]) for f in cortes] == [
        (2021, 3, 20.0),
        (2021, 6, 40.0),
    ]
    june = api.get(f"/api/v1/figures/?plan={plan.pk}&year=2021&corte=6").json()["results"]
    assert len(june) == 1 and june[0]["published_at"]
    assert api.get("/api/v1/figures/?kind=cierre").json()["count"] == 1


def test_bad_filters_get_a_clear_message(public_seed, api):
    response = api.get("/api/v1/figures/?year=dos-mil&corte=5")
    assert response.status_code == 400
    body = response.json()
    assert body["year"] == ["Introduzca un número entero válido."]
    assert "5" in body["corte"][0]


def test_a_private_plan_s_closure_is_for_roles(private_plan, staff, api, role_api):
    from objectives.reporting import services as workflow

    workflow.vigencia_close(user=staff["admin"], plan=private_plan, year=2020)
    assert api.get("/api/v1/figures/").json()["count"] == 0
    data = role_api("Directivo").get("/api/v1/figures/").json()
    assert data["results"][0]["plan_compliance"] == 50.0
