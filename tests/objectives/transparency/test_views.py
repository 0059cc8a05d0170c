"""The public pages of the portal: values, query counts at two plan sizes, the cache."""

import pytest
from django.test import Client
from django.urls import reverse

from indicators.choices import Corte
from objectives.transparency import services
from tests.objectives.transparency.conftest import approved, first_indicator

pytestmark = pytest.mark.django_db
SEED_2020 = ["49,02 %", "34,26 %", "0,00 %", "82,48 %", "96,53 %", "71,43 %", "69,92 %", "74,00 %"]


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_index_shows_each_public_plan_with_its_latest_official_figures(public_seed, client):
    page = html(client.get(reverse("transparency:index")))
    assert "Vigencia 2020: cifras oficiales del cierre" in page
    for number, figure in enumerate(SEED_2020, 1):
        row = page.split(f'id="resumen-{public_seed.pk}-o{number}"')[1].split("</tr>")[0]
        assert figure in row
    assert f'id="resumen-{public_seed.pk}-plan">59,71 %<' in page
    assert "Promedio simple de 8 de 8 objetivos con cifra" in page


def test_a_plan_off_the_portal_is_nowhere(public_seed, client):
    services.plan_portal_set(
        user=public_seed.closures.get().closed_by, plan=public_seed, public=False
    )
    assert "Todavía no hay planes publicados" in html(client.get(reverse("transparency:index")))
    for name, args in (
        ("transparency:plan", [public_seed.pk]),
        ("transparency:objective", [public_seed.pk, 1]),
        ("transparency:indicators", [public_seed.pk]),
        ("transparency:data", [public_seed.pk]),
        ("transparency:data_compliance", [public_seed.pk, 2020, "csv"]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_the_plan_page_shows_the_platform_the_figures_and_their_coverage(public_seed, client):
    page = html(client.get(reverse("transparency:plan", args=[public_seed.pk])))
    assert "Resolución No. 277 de 2020" in page
    heading = page.split("<h1")[1].split("</h1>")[0]
    assert (
        heading.endswith(">Plan Estratégico Institucional 2020-2024")
        and "Vigencias 2020–2024" in page
    )
    assert "La Secretaría General de la Alcaldía Mayor de Bogotá D.C. es la entidad líder" in page
    row = page.split(f'id="cifras-{public_seed.pk}-o2"')[1].split("</tr>")[0]
    assert "34,26 %" in row and "7 indicadores" in row and "3 N/A (sin meta en la vigencia)" in row
    assert "Amarillo" not in row and "Rojo" in row
    assert "Política de cálculo: Libro" in page


def test_the_plan_page_picks_a_published_corte_and_compares_every_set(public_plan, client):
    plan = public_plan(objectives=2, indicators=2)
    url = reverse("transparency:plan", args=[plan.pk])
    latest = html(client.get(url))
    assert "Vigencia 2021: corte al 31 de marzo" in latest
    # objective 1: 50 % × 4/10 = 20; objective 2 has nothing reported in 2021.
    row = latest.split(f'id="cifras-{plan.pk}-o1"')[1].split("</tr>")[0]
    assert "20,00 %" in row
    evolution = latest.split('id="tabla-evolucion"')[1]
    assert evolution.count("50,00 %") == 3  # O1, O2 and the plan in 2020 (closed)
    closed = html(client.get(url + "?vigencia=2020"))
    assert "Vigencia 2020: cifras oficiales del cierre" in closed
    assert html(client.get(url + "?vigencia=2021&corte=6")).count("corte al 31 de marzo") == 1


def test_the_objective_page_adds_up_the_contributions(public_seed, client):
    number = 5
    page = html(client.get(reverse("transparency:objective", args=[public_seed.pk, number])))
    assert 'id="cumplimiento">96,53 %<' in page
    table = page.split('id="tabla-aportes"')[1].split("</table>")[0]
    assert "162,65 %" in table and "54,21 %" in table and "N/A" in table
    programming = page.split('id="tabla-programacion"')[1].split("</table>")[0]
    assert "545" in programming and "2.000.000" in programming
    missing = client.get(reverse("transparency:objective", args=[public_seed.pk, 99]))
    assert missing.status_code == 404


def test_the_indicators_page_lists_metas_weights_and_programming(public_seed, client):
    page = html(client.get(reverse("transparency:indicators", args=[public_seed.pk])))
    assert "Meta 431" in page and "Objetivo 2 (31,34 %)" in page and "Objetivo 3 (100,00 %)" in page
    assert page.count("<tbody>") == page.count('scope="rowgroup"')


def test_the_data_page_lists_the_files_and_the_dictionary(public_plan, client, settings):
    settings.OPEN_DATA_LICENSE = "CC0 1.0"
    plan = public_plan()
    page = html(client.get(reverse("transparency:data", args=[plan.pk])))
    for year in (2020, 2021):
        assert reverse("transparency:data_compliance", args=[plan.pk, year, "csv"]) in page
        assert reverse("transparency:data_indicators", args=[plan.pk, year, "json"]) in page
    assert reverse("transparency:data_programming", args=[plan.pk, "csv"]) in page
    assert "<code>cumplimiento_objetivo</code>" in page and 'id="licencia">CC0 1.0<' in page


@pytest.mark.parametrize("size", [(2, 3), (6, 10)])
def test_each_page_costs_a_fixed_number_of_queries(public_plan, django_assert_num_queries, size):
    plan = public_plan(*size)
    client = Client()
    pages = [
        (reverse("transparency:index"), 3),
        (reverse("transparency:plan", args=[plan.pk]), 3),
        (reverse("transparency:objective", args=[plan.pk, 1]), 7),
        (reverse("transparency:indicators", args=[plan.pk]), 3),
        (reverse("transparency:data", args=[plan.pk]), 3),
        (reverse("transparency:data_compliance", args=[plan.pk, 2020, "csv"]), 3),
        (reverse("transparency:data_programming", args=[plan.pk, "json"]), 3),
    ]
    for url, queries in pages:
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
        with django_assert_num_queries(1):  # cached: only the plans, for their revision
            assert client.get(url).status_code == 200


def test_publishing_a_corte_shows_at_once_in_the_cached_pages(public_plan, staff, client):
    plan = public_plan()
    url = reverse("transparency:plan", args=[plan.pk])
    assert "corte al 30 de junio" not in html(client.get(url))
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.JUNIO, 8)
    assert "corte al 30 de junio" not in html(client.get(url))
    services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.JUNIO)
    assert "Vigencia 2021: corte al 30 de junio" in html(client.get(url))
