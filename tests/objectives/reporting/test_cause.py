"""A report that leaves its indicator atrasado at its corte asks for the cause before it is
sent (issue 14); one on schedule does not."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from indicators.choices import Corte, ReportStatus
from indicators.models import Report
from objectives.reporting import services
from tests.objectives.reporting.cycle import report_url

pytestmark = pytest.mark.django_db


def draft(user, indicator, executed, corte=Corte.MARZO, delays=""):
    return services.report_save(
        user=user,
        indicator=indicator,
        year=2021,
        corte=corte,
        data=services.ReportInput(executed=D(executed), delays=delays),
        version=None,
    )


def test_far_behind_needs_the_cause_before_sending(clients, budget):
    user = clients["users"]["Responsable"]
    report = draft(user, budget, "40")
    with pytest.raises(ValidationError) as refused:
        services.report_send(user=user, report=report, version=report.version)
    message = refused.value.message_dict["delays"][0]
    # 99 % in 2020, 100 % in 2021: 99,25 % expected by 31 March; 40 is 40,30 % of it.
    assert message.startswith(
        "Con este reporte el indicador queda atrasado: 40,30 % de lo esperado a 31 de marzo "
        "(99,25 %)."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.BORRADOR


def test_with_the_cause_it_is_sent(clients, budget):
    user = clients["users"]["Responsable"]
    report = draft(user, budget, "40", delays="La contratación empezó en abril")
    sent = services.report_send(user=user, report=report, version=report.version)
    assert sent.status == ReportStatus.ENVIADO


def test_on_schedule_needs_no_cause(clients, budget):
    user = clients["users"]["Responsable"]
    report = draft(user, budget, "99,25".replace(",", "."))
    assert services.report_send(user=user, report=report, version=1).status == "enviado"


def test_the_form_asks_for_the_cause_beside_its_field(clients, budget):
    response = clients["Responsable"].post(report_url(budget), {"executed": "40", "enviar": "1"})
    form = response.context["form"]
    assert form.errors["delays"][0].startswith("Con este reporte el indicador queda atrasado")
    # Nothing was written: the draft is not saved either, so the form's version stays valid.
    assert not Report.objects.filter(indicator=budget, year=2021).exists()


def test_saving_a_draft_far_behind_is_allowed(clients, budget):
    clients["Responsable"].post(report_url(budget), {"executed": "40"})
    assert Report.objects.get(indicator=budget, year=2021).status == ReportStatus.BORRADOR
