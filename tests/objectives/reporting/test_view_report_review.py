from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from objectives.reporting import services
from tests.objectives.reporting.cycle import (
    ALLOWED_TO_REVIEW,
    ROLES,
    report_url,
    sent_report,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_approving(clients, budget, role):
    report = sent_report(clients["users"], budget)
    response = clients[role].post(
        reverse("objectives:report_review", args=[report.pk]), {"version": 2, "aprobar": "1"}
    )
    report.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and report.status == ReportStatus.APROBADO
    else:
        assert response.status_code == 403 and report.status == ReportStatus.ENVIADO


@pytest.mark.parametrize("role", ROLES)
def test_returning(clients, budget, role):
    report = sent_report(clients["users"], budget)
    response = clients[role].post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": 2, "devolver": "1", "note": "Falta el soporte"},
    )
    report.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert report.status == ReportStatus.DEVUELTO and report.review_note == "Falta el soporte"
    else:
        assert response.status_code == 403 and report.status == ReportStatus.ENVIADO


def test_a_review_on_a_changed_report_is_a_conflict(clients, budget):
    report = sent_report(clients["users"], budget)
    services.report_return(
        user=clients["users"]["Administrador"], report=report, version=2, note="x"
    )
    response = clients["Planeación"].post(
        reverse("objectives:report_review", args=[report.pk]), {"version": 2, "aprobar": "1"}
    )
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.status == ReportStatus.DEVUELTO


def test_the_dashboard_changes_right_after_approval_and_not_before(clients, seed_plan):
    i545 = Indicator.objects.get(code="545")
    planeacion = clients["Planeación"]
    figure = lambda: planeacion.get("/?vigencia=2021").context["data"].rows[4].compliance  # noqa: E731
    planeacion.post(report_url(i545), {"executed": "1.750.000", "enviar": "1"})
    assert figure() is None
    preview = planeacion.get("/?vigencia=2021&preliminar=1")
    assert preview.context["data"].rows[4].compliance == D("16.67")
    assert "Vista preliminar" in preview.content.decode()
    report = Report.objects.get(indicator=i545, year=2021)
    clients["Administrador"].post(  # four eyes: not the person who sent it
        reverse("objectives:report_review", args=[report.pk]),
        {"version": report.version, "aprobar": "1"},
    )
    assert figure() == D("16.67")


def review(client, report, **data):
    return client.post(reverse("objectives:report_review", args=[report.pk]), data, follow=True)


@pytest.mark.parametrize("role", ["Planeación", "Administrador"])
def test_nobody_approves_or_returns_a_report_they_sent(clients, budget, role):
    """Four eyes, administrators included (issue 12: reported_by was reviewed_by)."""
    reporter = clients["users"][role]
    report = services.report_save(
        user=reporter,
        indicator=budget,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=D(40), delays="Causa del retraso"),
        version=None,
    )
    services.report_send(user=reporter, report=report, version=1)
    page = clients[role].get(reverse("objectives:indicator", args=[budget.pk])).content.decode()
    row = page.split(f'id="reporte-{report.pk}"')[1].split("</tr>")[0]
    assert "Aprobar" not in row and "Devolver" not in row
    assert "principio de los cuatro ojos" in row
    for action in ({"aprobar": "1"}, {"devolver": "1", "note": "Corrija"}):
        response = review(clients[role], report, version=2, **action)
        assert "Usted envió este reporte o cambió su valor" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ENVIADO and report.reviewed_by is None


def test_nobody_approves_a_report_whose_value_they_changed(clients, budget):
    """Planeación corrects the value of a returned report; the Responsable sends it again:
    Planeación may not approve it, the administrator may."""
    users = clients["users"]
    report = sent_report(users, budget)
    report = services.report_return(user=users["Planeación"], report=report, version=2, note="x")
    report = services.report_save(
        user=users["Planeación"],
        indicator=budget,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=D(45), delays="Causa del retraso"),
        version=report.version,
    )
    report = services.report_send(user=users["Responsable"], report=report, version=report.version)
    refused = review(clients["Planeación"], report, version=report.version, aprobar="1")
    assert "Usted envió este reporte o cambió su valor" in refused.content.decode()
    review(clients["Administrador"], report, version=report.version, aprobar="1")
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (ReportStatus.APROBADO, users["Administrador"])


def test_approving_twice_gives_the_conflict_page_the_second_time(clients, budget):
    """A double click on «Aprobar»: the second POST carries the old version."""
    report = sent_report(clients["users"], budget)
    url = reverse("objectives:report_review", args=[report.pk])
    first = clients["Planeación"].post(url, {"version": 2, "aprobar": "1"})
    second = clients["Planeación"].post(url, {"version": 2, "aprobar": "1"})
    assert (first.status_code, second.status_code) == (302, 409)
    report.refresh_from_db()
    assert (report.status, report.version) == (ReportStatus.APROBADO, 3)


def test_returning_twice_gives_the_conflict_page_the_second_time(clients, budget):
    report = sent_report(clients["users"], budget)
    url = reverse("objectives:report_review", args=[report.pk])
    data = {"version": 2, "devolver": "1", "note": "Falta el acta"}
    assert clients["Planeación"].post(url, data).status_code == 302
    assert clients["Planeación"].post(url, data).status_code == 409
    report.refresh_from_db()
    assert (report.status, report.version) == (ReportStatus.DEVUELTO, 3)


def test_the_approval_note_is_kept_and_shown_as_the_reason_in_the_history(clients, budget):
    report = sent_report(clients["users"], budget)
    long_note = "Conforme con el acta del comité. " * 8  # longer than 100 characters
    clients["Planeación"].post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": report.version, "aprobar": "1", "note": long_note},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.APROBADO
    assert report.review_note == long_note.strip()
    history = clients["Directivo"].get(reverse("objectives:history", args=[budget.pk]))
    approved = [e for e in history.context["page"][1] if "Aprobado" in str(e.changes)]
    assert approved[0].reason == long_note.strip()
    assert "Conforme con el acta del comité." in history.content.decode()


def test_a_returned_report_leaves_the_preview_at_once_and_keeps_the_cached_dashboard(
    clients, seed_plan
):
    i545 = Indicator.objects.get(code="545")
    planeacion = clients["Planeación"]
    preview = lambda: planeacion.get("/?vigencia=2021&preliminar=1").context["data"]  # noqa: E731
    planeacion.post(report_url(i545), {"executed": "1.750.000"})  # a draft
    revision = type(seed_plan).objects.values_list("revision", flat=True).get(pk=seed_plan.pk)
    planeacion.post(report_url(i545), {"executed": "1.750.000", "version": 1, "enviar": "1"})
    assert preview().rows[4].compliance == D("16.67")
    report = Report.objects.get(indicator=i545, year=2021)
    review(clients["Administrador"], report, version=report.version, devolver="1", note="No")
    assert preview().rows[4].compliance is None
    seed_plan.refresh_from_db()
    assert seed_plan.revision == revision  # draft, send, return: the dashboard stays cached
