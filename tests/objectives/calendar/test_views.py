from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from indicators.models import Indicator
from objectives.calendar.models import Dependency, Reopening, ReportingWindow
from objectives.calendar.services import calendar_publish
from tests.factories import make_plan

pytestmark = pytest.mark.django_db
CALENDAR = reverse("objectives:calendar")
CORP = "Subsecretaría Corporativa"


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(user)
    return client


def texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_vigencia_without_calendar_says_so_and_shows_the_dates_publishing_gives(
    seed_plan, people
):
    response = client_for(people["planeacion"]).get(f"{CALENDAR}?vigencia=2024")
    html = response.content.decode()
    assert "La vigencia 2024 no tiene calendario publicado" in html
    table = html.split('id="tabla-por-defecto"')[1].split("</table>")[0]
    september = (
        '<th scope="row">30 de septiembre de 2024</th>'
        "<td>23 sep 2024</td><td>15 oct 2024</td><td>22 oct 2024</td>"
    )
    assert september in table
    assert 'id="publicar"' in html


def test_planning_publishes_the_calendar_from_the_page(seed_plan, people):
    url = reverse("objectives:calendar_publish", args=[seed_plan.pk, 2024])
    response = client_for(people["planeacion"]).post(url)
    assert response.url == f"{CALENDAR}?plan={seed_plan.pk}&vigencia=2024"
    assert texts(response) == [
        "Calendario de 2024 publicado: desde hoy sus cortes se reportan en sus fechas."
    ]
    assert ReportingWindow.objects.filter(plan=seed_plan, year=2024).count() == 4


@pytest.mark.parametrize("who", ["responsable", "directivo"])
def test_others_read_the_calendar_but_cannot_publish_or_change_it(seed_plan, people, who):
    client = client_for(people[who])
    url = reverse("objectives:calendar_publish", args=[seed_plan.pk, 2024])
    assert client.post(url).status_code == 403
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    html = client.get(f"{CALENDAR}?vigencia=2024").content.decode()
    assert 'id="tabla-calendario"' in html and "Cambiar fechas" not in html
    assert client.get(reverse("objectives:window_edit", args=[window.pk])).status_code == 403
    assert client.get(reverse("objectives:reopening_new", args=[window.pk])).status_code == 403


def test_an_account_without_a_role_cannot_see_it(seed_plan, make_user):
    assert client_for(make_user(None)).get(CALENDAR).status_code == 403


def test_the_published_calendar_shows_each_corte_its_dates_and_state(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    Dependency.objects.create(name=CORP, head_name="Jefa", head_email="jefa@entidad.gov.co")
    html = client_for(people["planeacion"]).get(f"{CALENDAR}?vigencia=2024").content.decode()
    row = html.split('id="corte-12"')[1].split("</tr>")[0]
    assert "31 de diciembre de 2024" in row
    assert "24 dic 2024" in row and "16 ene 2025" in row and "23 ene 2025" in row
    assert "Bloqueado" in row  # today is after 23 January 2025
    assert f"{CORP}: Jefa &lt;jefa@entidad.gov.co&gt;" in html


def test_planning_changes_the_dates_of_a_window(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    url = reverse("objectives:window_edit", args=[window.pk])
    client = client_for(people["planeacion"])
    form = client.get(url).content.decode()
    assert 'type="date"' in form and 'value="2025-01-16"' in form
    data = {
        "opens_on": "2024-12-20",
        "due_on": "2025-01-20",
        "locks_on": "2025-01-27",
        "reason": "Acordado en el comité",
        "version": "1",
    }
    response = client.post(url, data)
    assert response.url == f"{CALENDAR}?plan={seed_plan.pk}&vigencia=2024"
    window.refresh_from_db()
    assert (window.opens_on, window.due_on, window.locks_on) == (
        date(2024, 12, 20),
        date(2025, 1, 20),
        date(2025, 1, 27),
    )


def test_dates_out_of_order_come_back_with_the_reason_and_nothing_saved(seed_plan, people):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    url = reverse("objectives:window_edit", args=[window.pk])
    data = {
        "opens_on": "2025-01-20",
        "due_on": "2025-01-16",
        "locks_on": "2025-01-27",
        "reason": "x",
        "version": "1",
    }
    response = client_for(people["planeacion"]).post(url, data)
    assert response.status_code == 200
    assert "Las fechas deben ir en orden" in response.content.decode()
    window.refresh_from_db()
    assert window.due_on == date(2025, 1, 16)


def test_planning_reopens_a_corte_for_one_indicator(seed_plan, people, budget):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    url = reverse("objectives:reopening_new", args=[window.pk])
    client = client_for(people["planeacion"])
    form = client.get(url).content.decode()
    assert f'<option value="{CORP}">{CORP}</option>' in form
    until = timezone.localdate() + timedelta(days=3)
    response = client.post(
        url, {"indicator": budget.pk, "until": until.isoformat(), "reason": "Acta del comité"}
    )
    assert response.status_code == 302
    reopening = Reopening.objects.get()
    assert (reopening.indicator, reopening.dependency, reopening.until) == (budget, "", until)
    html = client.get(f"{CALENDAR}?vigencia=2024").content.decode()
    assert "Acta del comité" in html.split('id="tabla-reaperturas"')[1]


def test_a_reopening_for_both_a_dependency_and_an_indicator_is_refused(seed_plan, people, budget):
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    response = client_for(people["planeacion"]).post(
        reverse("objectives:reopening_new", args=[window.pk]),
        {"indicator": budget.pk, "dependency": CORP, "until": "2030-01-01", "reason": "x"},
    )
    assert "Elija una dependencia o un indicador, no los dos." in response.content.decode()
    assert not Reopening.objects.exists()


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_query_count_is_fixed(make_user, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    Indicator.objects.update(dependency=CORP)
    planner = make_user("Planeación")
    calendar_publish(user=planner, plan=plan, year=2024)
    window = ReportingWindow.objects.get(corte=12)
    for indicator in Indicator.objects.all()[:3]:
        Reopening.objects.create(
            window=window,
            indicator=indicator,
            until=date(2030, 1, 1),
            reason="r",
            created_by=planner,
        )
    client = client_for(planner)
    # session, user, roles, plan, windows, their reopenings, the reopenings' indicators and
    # authors, the plan's dependencies, their heads
    with django_assert_num_queries(10):
        response = client.get(f"{CALENDAR}?plan={plan.pk}&vigencia=2024")
    assert len(response.context["page"].reopenings) == 3
