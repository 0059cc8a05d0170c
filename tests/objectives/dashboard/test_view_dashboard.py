import re
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.formatting import round_half_up
from indicators.models import Indicator
from objectives.book.importer import book_import
from objectives.book.reader import read_book
from objectives.reporting import services
from objectives.reprogramming import services as reprogramming
from tests.books import indicator_row, simple_book
from tests.factories import make_plan

pytestmark = pytest.mark.django_db
SEED_2020 = ["49,02 %", "34,26 %", "0,00 %", "82,48 %", "96,53 %", "71,43 %", "69,92 %", "74,00 %"]


def test_anonymous_visitors_are_sent_to_login(client, seed_plan):
    response = client.get(reverse("objectives:dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_it_shows_the_seeds_2020_figures_in_colombian_format(user_client, seed_plan):
    response = user_client.get("/?vigencia=2020")
    data = response.context["data"]
    assert [str(row.compliance) for row in data.rows] == [
        "49.02", "34.26", "0.00", "82.48", "96.53", "71.43", "69.92", "74.00",
    ]  # fmt: skip
    html = response.content.decode()
    for number, figure in enumerate(SEED_2020, 1):
        card = html.split(f'id="objetivo-{number}"')[1][:400]
        assert figure in card
    assert '<p class="figure-big mb-1" id="cumplimiento-plan">59,71 %</p>' in html


def test_each_figure_carries_its_semaforo_label(user_client, seed_plan):
    data = user_client.get("/?vigencia=2020").context["data"]
    assert [row.semaforo for row in data.rows] == [
        "rojo", "rojo", "rojo", "verde", "verde", "amarillo", "amarillo", "amarillo",
    ]  # fmt: skip
    html = user_client.get("/?vigencia=2020").content.decode()
    assert 'class="badge semaforo semaforo-verde">Verde</span>' in html


def test_the_charts_carry_the_figures_and_the_100_line(user_client, seed_plan):
    html = user_client.get("/?vigencia=2020").content.decode()
    assert '"x":[49.02,34.26,0.0,82.48,96.53,71.43,69.92,74.0]' in html
    assert '"text":["49,02 %","34,26 %","0,00 %","82,48 %"' in html
    assert '"x0":100,"x1":100' in html  # the 100 % line, under the bars
    assert '"O5 \\u00b7 Fortalecer la prestaci\\u00f3n del\\u2026"' in html  # named bars
    assert '"separators":",."' in html
    assert 'id="grafico-tendencia"' in html


def test_plotly_comes_from_our_static_files_not_a_cdn(user_client, seed_plan):
    html = user_client.get("/").content.decode()
    assert '<script src="/static/plotly/plotly.min.js"></script>' in html
    # no script from another host (a random CSRF token may well contain the letters "cdn")
    assert not re.search(r'<script[^>]*src="(https?:)?//', html)
    assert "cdn.plot.ly" not in html.lower()


def test_the_default_vigencia_is_the_latest_with_execution(user_client, seed_plan):
    assert user_client.get("/").context["data"].year == 2020


def test_a_vigencia_without_execution_says_so_instead_of_zero(user_client, seed_plan):
    response = user_client.get("/?vigencia=2022")
    data = response.context["data"]
    assert data.year == 2022 and not data.has_execution
    html = response.content.decode()
    assert "todavía no tiene ejecución reportada" in html
    assert 'id="cumplimiento-plan">N/A</p>' in html


def test_the_trend_table_shows_every_vigencia(user_client, seed_plan):
    html = user_client.get("/").content.decode()
    table = html.split('id="tabla-tendencia"')[1].split("</table>")[0]
    assert table.count("sin ejecución") == 8 * 4  # 2021–2024 for each objective
    assert "96,53 %" in table


def test_a_vigencia_outside_the_plan_falls_back_to_the_default(user_client, seed_plan):
    assert user_client.get("/?vigencia=1999").context["data"].year == 2020
    assert user_client.get("/?vigencia=abc").context["data"].year == 2020


def test_without_a_plan_it_is_a_404(user_client):
    assert user_client.get("/").status_code == 404


def test_the_plan_is_chosen_by_the_query_string(user_client, seed_plan):
    other = make_plan(2, 2, name="Otro plan")
    data = user_client.get(f"/?plan={other.pk}").context["data"]
    assert data.plan == other and len(data.rows) == 2


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    # session, user, roles, plan, the five of the plan's figures, closures; the cortes with
    # reports (June and December) and each objective as it stood at them, from the same
    # figures; ¿vamos bien? at the latest corte (its corte programming: one, the figures are
    # the same) and the improvement actions' counts (one, never cached)
    with django_assert_num_queries(12):
        response = user_client.get(f"/?plan={plan.pk}&vigencia=2020")
    assert len(response.context["data"].rows) == objectives
    # the same page again comes from the cache: session, user, roles, plan, actions' counts
    with django_assert_num_queries(5):
        response = user_client.get(f"/?plan={plan.pk}&vigencia=2020")
    assert len(response.context["data"].rows) == objectives
    # without a vigencia, one more finds the latest with execution
    with django_assert_num_queries(6):
        response = user_client.get(f"/?plan={plan.pk}")
    assert response.context["data"].year == 2020


# --- The cache follows every write ------------------------------------------------------------


def change_programming(users, plan, tmp_path):
    """2020 has approved reports: Planeación proposes, an Administrador approves."""
    indicator = Indicator.objects.get(code="545")
    before = reprogramming.current_targets(indicator)
    proposal = reprogramming.reprogramming_propose(
        user=users["Planeación"],
        indicator=indicator,
        targets=reprogramming.Targets(
            before.programming | {2020: D(4000000)}, before.baseline, before.stated_total
        ),
        reason="Reprogramación",
        act=reprogramming.Act("resolucion", "12", date(2020, 11, 3)),
    )
    reprogramming.reprogramming_approve(user=users["Administrador"], version=proposal)


def change_weight(users, plan, tmp_path):
    weight = plan.objectives.get(number=5).weights.get(indicator__code="545")
    services.weight_save(
        user=users["Planeación"],
        weight=weight,
        value=D(1),
        reason="Ajuste",
        version=1,
        confirmed=True,
    )


def import_a_book_sharing_an_indicator(users, plan, tmp_path):
    path = simple_book(tmp_path / "otro.xlsx", [indicator_row(code="545", executed=5)])
    book_import(book=read_book(path), user=users["Administrador"])


@pytest.mark.parametrize(
    "write", [change_programming, change_weight, import_a_book_sharing_an_indicator]
)
def test_the_cached_dashboard_shows_a_write_at_once(
    user_client, make_user, seed_plan, tmp_path, write
):
    users = {role: make_user(role) for role in ("Administrador", "Planeación")}
    before = user_client.get("/?vigencia=2020").context["data"].rows[4].compliance
    assert user_client.get("/?vigencia=2020").context["data"].rows[4].compliance == before
    write(users, seed_plan, tmp_path)
    after = user_client.get("/?vigencia=2020").context["data"].rows[4].compliance
    assert after != before


def test_the_cached_dashboard_shows_a_closing_at_once(user_client, make_user, seed_plan):
    assert user_client.get("/?vigencia=2020").context["data"].closure is None
    services.vigencia_close(user=make_user("Administrador"), plan=seed_plan, year=2020)
    assert user_client.get("/?vigencia=2020").context["data"].closure is not None


def test_the_evolution_reads_corte_by_corte_and_by_vigencia(user_client, seed_plan):
    response = user_client.get("/?vigencia=2020")
    data = response.context["data"]
    assert [point.corte for point in data.by_corte] == [12]
    assert round_half_up(data.by_corte[0].compliance) == D("59.71")
    assert data.trend_years == [2020]  # no empty vigencias after the last with execution
    html = response.content.decode()
    assert 'id="grafico-cortes"' in html and 'id="tabla-cortes"' in html
    assert '"name":"Plan"' in html
    assert "#dc3545" not in html.split('id="grafico-tendencia"')[1][:20000]


def test_the_plan_figure_says_what_it_rests_on_and_how_many_objectives_it_averages(
    user_client, seed_plan
):
    html = user_client.get("/?vigencia=2020").content.decode()
    assert (
        '<p class="coverage text-muted small" id="cobertura">Datos al 31 de diciembre · 15 de '
        "19 indicadores con reporte aprobado · 4 N/A (sin meta en la vigencia)</p>"
    ) in html
    assert (
        'id="promedio-plan">Promedio simple de 8 de 8 objetivos: los que tienen ejecución.</p>'
    ) in html


def test_the_coverage_follows_the_latest_corte_reported(user_client, seed_plan):
    services_report = Indicator.objects.get(code="545").reports.get()
    services_report.pk, services_report.year, services_report.corte = None, 2021, 6
    services_report.save()
    html = user_client.get("/?vigencia=2021").content.decode()
    assert "Datos al 30 de junio · 1 de 19 indicadores con reporte aprobado" in html
    assert "Promedio simple de 1 de 8 objetivos" in html


# --- ¿Vamos bien? (issue 14) ----------------------------------------------------------------


def _june_2021(seed_plan, executed):
    from indicators.models import Report

    for weight in seed_plan.objectives.get(number=5).weights.select_related("indicator"):
        Report.objects.create(
            indicator=weight.indicator, year=2021, corte=6, executed=executed[weight.indicator.code]
        )


def test_at_mid_year_an_objective_on_schedule_is_a_tiempo_not_rojo(user_client, seed_plan):
    # 544, 545 and 546 exactly at half their 2021 targets by 30 June.
    _june_2021(seed_plan, {"544": 1, "545": 1750000, "546": 75000})
    response = user_client.get(f"/?plan={seed_plan.pk}&vigencia=2021")
    data = response.context["data"]
    assert data.mid_year and data.on_track.corte == 6
    five = data.rows[4]
    # Against the whole year, 33,33 × 50 % three times (16,67 each): what used to headline.
    assert (five.compliance, five.semaforo) == (D("50.01"), "amarillo")
    assert (five.on_track.on_track, five.on_track.status) == (D("99.99"), "a_tiempo")
    card = response.content.decode().split('id="objetivo-5"')[1][:900]
    assert "99,99 %" in card and "A tiempo" in card
    assert "Rojo" not in card and "Amarillo" not in card
    assert "50,01 % de la meta del año" in card


def test_behind_indicators_are_listed_by_dependency_with_their_gap(user_client, seed_plan):
    _june_2021(seed_plan, {"544": 0, "545": 1000000, "546": 75000})
    html = user_client.get(f"/?plan={seed_plan.pk}&vigencia=2021").content.decode()
    table = html.split('id="tabla-atrasados"')[1].split("</table>")[0]
    row_545 = table.split(">545<")[1].split("</tr>")[0]
    # expected 1.750.000, executed 1.000.000: 57,14 % of expected, 750.000 behind.
    for text in ("1.750.000", "1.000.000", "57,14 %", "750.000", "Atrasado"):
        assert text in row_545
    assert ">546<" not in table


def test_a_chosen_corte_and_december_show_the_semaforo(user_client, seed_plan):
    data = user_client.get(f"/?plan={seed_plan.pk}&vigencia=2020&corte=12").context["data"]
    assert not data.mid_year and data.on_track.corte == 12
    assert data.rows[0].on_track.on_track == data.rows[0].compliance == D("49.02")
    data = user_client.get(f"/?plan={seed_plan.pk}&vigencia=2020&corte=9").context["data"]
    assert data.on_track.corte == 9 and data.mid_year


def test_the_dashboard_counts_open_and_overdue_actions(user_client, seed_plan, make_user):
    import datetime

    from objectives.actions.models import ImprovementAction

    user = make_user("Planeación")
    indicator = seed_plan.objectives.get(number=5).weights.first().indicator
    past, future = datetime.date(2000, 1, 1), datetime.date(2999, 1, 1)
    for due, status in ((past, "abierta"), (future, "en_curso"), (past, "cumplida")):
        ImprovementAction.objects.create(
            plan=seed_plan, indicator=indicator, year=2021, corte=6, cause="c", action="a",
            responsible=user, dependency="D", starts_on=datetime.date(2000, 1, 1), due_on=due,
            status=status, created_by=user,
        )  # fmt: skip
    html = user_client.get(f"/?plan={seed_plan.pk}").content.decode()
    assert '<strong id="acciones-abiertas">2 abiertas</strong>' in html
    assert "1 vencida</a>" in html
