import pytest
from django.urls import reverse

from indicators.choices import ReportStatus
from indicators.models import Report
from tests.objectives.reporting.cycle import report_url, sent_report

pytestmark = pytest.mark.django_db


def _withdraw(client, report, **extra):
    url = reverse("objectives:report_withdraw", args=[report.pk])
    return client.post(url, {"version": report.version, **extra})


def test_the_sender_withdraws_a_sent_report_to_borrador_with_a_note(clients, budget):
    report = sent_report(clients["users"], budget, by="Responsable")
    response = _withdraw(clients["Responsable"], report, note="Me faltó una evidencia")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.BORRADOR
    assert report.history.first().history_change_reason == "Me faltó una evidencia"


def test_it_returns_to_the_page_it_was_taken_from(clients, budget):
    report = sent_report(clients["users"], budget, by="Responsable")
    response = _withdraw(clients["Responsable"], report, next=report_url(budget))
    assert response["Location"] == report_url(budget)
    report.refresh_from_db()
    response = _withdraw(clients["Responsable"], report, next="https://example.com/")
    assert response["Location"] == reverse("objectives:indicator", args=[budget.pk])


@pytest.mark.parametrize("role", ["Planeación", "Directivo", "Administrador"])
def test_no_one_but_the_sender_withdraws_it(clients, budget, role):
    report = sent_report(clients["users"], budget, by="Responsable")
    response = _withdraw(clients[role], report)
    assert response.status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ENVIADO


def test_an_approved_report_cannot_be_withdrawn(clients, budget):
    from objectives.reporting import services

    report = sent_report(clients["users"], budget, by="Responsable")
    report = services.report_approve(
        user=clients["users"]["Planeación"], report=report, version=report.version
    )
    response = _withdraw(clients["Responsable"], report, note="tarde")
    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).status == ReportStatus.APROBADO
