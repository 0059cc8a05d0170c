from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from tests.factories import make_plan
from tests.objectives.reporting.cycle import (
    CORP,
    client_for,
    sent_report,
)

pytestmark = pytest.mark.django_db


def test_my_work_lists_what_a_responsable_must_report(clients, seed_plan):
    page = clients["Responsable"].get(reverse("objectives:my_work")).context["page"]
    assert (page.year, page.corte) == (2024, Corte.DICIEMBRE)  # the plan ended in 2024
    assert sorted(item.indicator.dependency for item in page.to_report) == [CORP] * 3
    assert page.to_review == []


def test_my_work_lists_reports_to_review_for_planning(clients, budget):
    report = sent_report(clients["users"], budget)
    page = clients["Planeación"].get(reverse("objectives:my_work")).context["page"]
    assert page.to_review == [report]


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_query_count_is_fixed(make_user, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    Indicator.objects.update(dependency=CORP)
    client = client_for(make_user("Responsable", dependencies=[CORP]))
    # session, user, roles, plan, the plan's open window, the person's dependencies,
    # indicators, their programming and their reports of the corte, the person's reminders,
    # and the reports they sent that wait for review; ¿vamos bien? at the latest corte with
    # reports (the plan's five shared figures give the vigencia and its cortes; the
    # programming per corte)
    with django_assert_num_queries(17):
        response = client.get(f"{reverse('objectives:my_work')}?plan={plan.pk}")
    assert response.status_code == 200
    assert len(response.context["page"].to_report) == objectives * indicators


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_a_reviewers_query_count_is_fixed(
    make_user, django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    Report.objects.filter(corte=Corte.JUNIO).update(status=ReportStatus.ENVIADO)
    client = client_for(make_user("Planeación"))
    # session, user, roles, plan, the plan's open window, the reports sent for review, the
    # person's reminders, and ¿vamos bien? (six)
    with django_assert_num_queries(13):
        response = client.get(f"{reverse('objectives:my_work')}?plan={plan.pk}")
    assert len(response.context["page"].to_review) == objectives * indicators


def test_a_responsable_sees_the_return_note_and_what_waits_for_review(clients, budget, seed_plan):
    from objectives.reporting import services

    users = clients["users"]
    report = sent_report(users, budget, year=2024, corte=Corte.DICIEMBRE)
    page = clients["Responsable"].get(reverse("objectives:my_work")).context["page"]
    assert page.sent == [report]
    services.report_return(
        user=users["Planeación"], report=report, version=report.version, note="Falta el acta"
    )
    response = clients["Responsable"].get(reverse("objectives:my_work"))
    assert response.context["page"].sent == []
    returned = [item for item in response.context["page"].to_report if item.report]
    assert [item.report.review_note for item in returned] == ["Falta el acta"]
    assert "Falta el acta" in response.content.decode()


def test_a_directivo_reads_what_is_pending_in_the_corte(clients, seed_plan):
    response = clients["Directivo"].get(reverse("objectives:my_work"))
    page = response.context["page"]
    assert (page.to_report, page.to_review, page.sent) == ([], [], [])
    assert (page.pending.year, page.pending.corte) == (2024, Corte.DICIEMBRE)
    assert page.pending.missing == 14
    html = response.content.decode()
    assert "Qué falta en este corte" in html
    assert "14 sin reporte y 0 sin aprobar en este corte." in html


def test_an_account_without_a_role_is_told_to_ask_for_one(clients, seed_plan):
    html = clients[None].get(reverse("objectives:my_work")).content.decode()
    assert "todavía no tiene un rol" in html


def test_the_reminders_a_responsable_got_are_notices_in_my_work(clients, budget, seed_plan):
    from datetime import timedelta

    from django.utils import timezone

    from objectives.calendar.models import ReportingWindow
    from objectives.calendar.services import reminders_send

    today = timezone.localdate()
    ReportingWindow.objects.create(  # a 2024 window running today, due today
        plan=seed_plan,
        year=2024,
        corte=Corte.SEPTIEMBRE,
        opens_on=today - timedelta(days=10),
        due_on=today,
        locks_on=today + timedelta(days=7),
    )
    reminders_send(day=today)
    response = clients["Responsable"].get(reverse("objectives:my_work"))
    page = response.context["page"]
    assert (page.year, page.corte) == (2024, Corte.SEPTIEMBRE)  # the corte whose window runs
    [notice] = page.notices
    assert (notice.kind, notice.corte) == ("El reporte vence hoy", "30 de septiembre de 2024")
    assert sorted(i.dependency for i in notice.indicators) == [CORP] * 3
    html = response.content.decode()
    assert "Abierto · vence hoy" in html.split('id="ventana"')[1].split("</p>")[0]
    link = reverse("objectives:report_edit", args=[budget.pk, 2024, Corte.SEPTIEMBRE])
    assert f'href="{link}"' in html.split('id="avisos"')[1].split("</section>")[0]
    planner = clients["Planeación"].get(reverse("objectives:my_work")).context["page"]
    assert planner.notices == []


def test_a_responsable_sees_his_indicators_behind_and_planeacion_all(make_user, seed_plan):

    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    Report.objects.create(indicator=budget, year=2021, corte=Corte.JUNIO, executed=40)
    Report.objects.create(
        indicator=Indicator.objects.get(code="545"), year=2021, corte=Corte.JUNIO, executed=1
    )
    responsable = client_for(make_user("Responsable", dependencies=[CORP]))
    page = responsable.get(reverse("objectives:my_work")).context["page"]
    assert (page.on_track.year, page.on_track.corte) == (2021, 6)
    assert {row.indicator.dependency for row in page.behind} == {CORP}
    assert budget in [row.indicator for row in page.behind]
    row = next(row for row in page.behind if row.indicator == budget)
    # 99 % in 2020 to 100 % in 2021: 99,5 % expected by 30 June; 40 is far behind.
    assert (row.expected, row.executed, row.status) == (D("99.5"), D(40), "atrasado")
    planeacion = client_for(make_user("Planeación"))
    everyone = planeacion.get(reverse("objectives:my_work")).context["page"].behind
    assert "545" in [row.indicator.code for row in everyone]
    assert len(everyone) > len(page.behind)
    html = responsable.get(reverse("objectives:my_work")).content.decode()
    assert "Atrasados o en riesgo a 30 de junio de 2021" in html


def _behind_links(client) -> str:
    html = client.get(reverse("objectives:my_work")).content.decode()
    return html.split('id="tabla-mis-atrasados"')[1].split("</table>")[0]


def test_the_table_behind_is_drawn_per_scope_and_again_after_a_write(make_user, seed_plan):
    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    low = Report.objects.create(indicator=budget, year=2021, corte=Corte.JUNIO, executed=40)
    other = Indicator.objects.get(code="545")
    Report.objects.create(indicator=other, year=2021, corte=Corte.JUNIO, executed=1)
    planeacion = client_for(make_user("Planeación"))
    responsable = client_for(make_user("Responsable", dependencies=[CORP]))
    budget_link = f'href="{reverse("objectives:indicator", args=[budget.pk])}"'
    other_link = f'href="{reverse("objectives:indicator", args=[other.pk])}"'
    everyone = _behind_links(planeacion)  # drawn and kept first: it must not reach the other
    assert budget_link in everyone and other_link in everyone
    theirs = _behind_links(responsable)
    assert budget_link in theirs and other_link not in theirs
    low.executed = D("99.5")  # now on schedule: the write renews the plan's revision
    low.save()
    assert budget_link not in _behind_links(planeacion)
    assert other_link in _behind_links(planeacion)


def test_vamos_bien_is_computed_once_per_revision_for_everyone(make_user, seed_plan, monkeypatch):
    from objectives.reporting import selectors

    computed = []
    real = selectors.plan_on_track
    monkeypatch.setattr(
        selectors, "plan_on_track", lambda *a, **k: computed.append(a[1:3]) or real(*a, **k)
    )
    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    low = Report.objects.create(indicator=budget, year=2021, corte=Corte.JUNIO, executed=40)
    planeacion = client_for(make_user("Planeación"))
    responsable = client_for(make_user("Responsable", dependencies=[CORP]))
    for client in (planeacion, responsable, planeacion):
        client.get(reverse("objectives:my_work"))
    assert computed == [(2021, Corte.JUNIO)]
    low.executed = D("99.5")
    low.save()  # a new revision: computed again, once
    responsable.get(reverse("objectives:my_work"))
    planeacion.get(reverse("objectives:my_work"))
    assert computed == [(2021, Corte.JUNIO)] * 2
