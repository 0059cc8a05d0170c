from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.choices import ReportStatus
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
    planeacion.post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": report.version, "aprobar": "1"},
    )
    assert figure() == D("16.67")


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
