import pytest
from django.urls import reverse

from indicators.choices import ReportStatus
from indicators.models import Report
from objectives.reporting import services
from tests.objectives.reporting.cycle import report_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(clients, budget):
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso"}
    )
    return Report.objects.get(indicator=budget, year=2021)


def test_the_reporter_sends_a_draft_to_review(clients, draft):
    url = reverse("objectives:report_send", args=[draft.pk])
    response = clients["Responsable"].post(url, {"version": draft.version}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "objectives:indicator", args=[draft.indicator_id]
    )
    assert "Reporte enviado a revisión." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ReportStatus.ENVIADO


def test_a_directivo_cannot_send(clients, draft):
    url = reverse("objectives:report_send", args=[draft.pk])
    assert clients["Directivo"].post(url, {"version": draft.version}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == ReportStatus.BORRADOR


def test_a_stale_version_is_a_conflict_and_a_malformed_one_a_404(clients, draft):
    url = reverse("objectives:report_send", args=[draft.pk])
    services.report_send(user=clients["users"]["Planeación"], report=draft, version=1)
    response = clients["Responsable"].post(url, {"version": 1})
    assert response.status_code == 409
    assert "El reporte cambió después de que usted lo abrió" in response.content.decode()
    assert clients["Responsable"].post(url, {"version": "x"}).status_code == 404


def test_sending_twice_gives_the_conflict_page_the_second_time(clients, draft):
    url = reverse("objectives:report_send", args=[draft.pk])
    first = clients["Responsable"].post(url, {"version": draft.version})
    second = clients["Responsable"].post(url, {"version": draft.version})
    assert (first.status_code, second.status_code) == (302, 409)
    draft.refresh_from_db()
    assert (draft.status, draft.version) == (ReportStatus.ENVIADO, 2)
