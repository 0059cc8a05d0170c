from decimal import Decimal as D

import pytest

from indicators.models import Indicator
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def page_of(client, code):
    response = client.get(f"/indicadores/{Indicator.objects.get(code=code).pk}/")
    return response, response.context["page"]


def test_it_shows_the_indicator_card(user_client, seed_plan):
    response, _ = page_of(user_client, "545")
    html = response.content.decode()
    assert "Meta sectorial 498" in html
    assert "Suma" in html and "deducida" in html  # the 2020 book states no annualization
    assert "Número (cantidad)" in html
    assert "13.200.000" in html


def test_programming_against_execution_per_vigencia(user_client, seed_plan):
    response, page = page_of(user_client, "545")
    first = page.years[0]
    assert (first.year, first.programmed, first.executed) == (2020, D(2000000), D(3253000))
    assert first.progress == D("1.6265") and first.published == D("162.65")
    assert [y.year for y in page.years] == [2020, 2021, 2022, 2023, 2024]
    html = response.content.decode()
    table = html.split('id="tabla-vigencias"')[1].split("</table>")[0]
    assert "3.253.000" in table and "162,65 %" in table and "3.500.000" in table
    assert '"y":[2000000.0,3500000.0,3100000.0,3100000.0,1500000.0]' in html
    assert '"y":[3253000.0,null,null,null,null]' in html


def test_plan_to_date_progress(user_client, seed_plan):
    _, page = page_of(user_client, "545")
    assert page.latest_year == 2020
    assert page.plan_progress == D(3253000) / D(13200000)  # Suma: ΣE / M


def test_the_objectives_it_feeds_with_their_weights(user_client, seed_plan):
    response, page = page_of(user_client, "543")
    assert [(w.objective.number, w.weight) for w in page.weights] == [
        (2, D("31.34")),
        (3, D("100")),
    ]
    table = response.content.decode().split('id="tabla-objetivos"')[1].split("</table>")[0]
    assert "31,34 %" in table and "100,00 %" in table


def test_its_data_quality_warnings(user_client, seed_plan):
    response, page = page_of(user_client, "555")
    assert [f.key for f in page.findings] == ["stated_total"]
    assert "La programación total dice 128, pero con anualización Suma debería ser 100." in (
        response.content.decode()
    )


def test_a_not_programmed_vigencia_shows_na(user_client, seed_plan):
    response, page = page_of(user_client, "544")
    assert page.years[0].semaforo == "no_aplica"
    row = response.content.decode().split('id="tabla-vigencias"')[1].split("</tr>")[1]
    assert "N/A" in row


def test_an_unknown_indicator_is_a_404(user_client, seed_plan):
    assert user_client.get("/indicadores/99999/").status_code == 404


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 1), (4, 6)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    url = f"/indicadores/{plan.objectives.first().weights.first().indicator_id}/"
    with django_assert_num_queries(13):  # the versions of its targets; the programming per corte
        assert user_client.get(url).status_code == 200


def test_expected_against_executed_at_each_corte(user_client, seed_plan):
    from decimal import Decimal as D

    from indicators.models import CorteProgramming, Indicator, Report

    i545 = Indicator.objects.get(code="545")
    Report.objects.create(indicator=i545, year=2021, corte=6, executed=1800000)
    CorteProgramming.objects.create(indicator=i545, year=2021, corte=9, value=3000000)
    response = user_client.get(f"/indicadores/{i545.pk}/")
    page = response.context["page"]
    assert page.corte_year == 2021
    rows = [(r.corte, r.expected, r.executed, r.status) for r in page.cortes]
    assert rows == [
        (3, D(875000), None, "sin_reporte"),
        (6, D(1750000), D(1800000), "a_tiempo"),
        (9, D(3000000), None, "sin_reporte"),  # the explicit programming of 30 September
        (12, D(3500000), None, "sin_reporte"),
    ]
    table = response.content.decode().split('id="tabla-esperado"')[1].split("</table>")[0]
    assert "1.750.000" in table and "102,86 %" in table and "A tiempo" in table
    assert 'id="grafico-esperado"' in response.content.decode()


def test_the_report_picker_offers_the_open_vigencias_only(make_user, seed_plan):
    from django.urls import reverse

    from tests.factories import close
    from tests.objectives.reporting.cycle import CORP, client_for

    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    url = reverse("objectives:indicator", args=[budget.pk])
    reporter = client_for(make_user("Responsable", dependencies=[CORP]))
    picker = reporter.get(url).content.decode().split('id="nuevo-reporte"')[1].split("</form>")[0]
    assert '<option value="2020"' in picker and '<option value="2024"' in picker
    close(seed_plan, 2020, make_user("Administrador"))
    picker = reporter.get(url).content.decode().split('id="nuevo-reporte"')[1].split("</form>")[0]
    assert '<option value="2020"' not in picker and '<option value="2021"' in picker
    other = client_for(make_user("Responsable", dependencies=["Otra dependencia"]))
    assert 'id="nuevo-reporte"' not in other.get(url).content.decode()
