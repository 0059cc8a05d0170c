import pytest

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from objectives.reporting import services as workflow
from objectives.transparency import services
from tests.factories import make_plan, second_reviewer

MARZO, JUNIO = Corte.MARZO, Corte.JUNIO


@pytest.fixture
def staff(make_user):
    return {
        "admin": make_user("Administrador", username="admin"),
        "planeacion": make_user("Planeación", username="planeacion"),
    }


@pytest.fixture
def public_seed(seed_plan, staff):
    """The seed plan on the portal with vigencia 2020 closed."""
    services.plan_portal_set(user=staff["planeacion"], plan=seed_plan, public=True)
    workflow.vigencia_close(user=staff["admin"], plan=seed_plan, year=2020)
    seed_plan.refresh_from_db()
    return seed_plan


@pytest.fixture
def public_plan(staff):
    """make_public_plan(objectives, indicators): a factory plan on the portal, 2020 closed
    (every objective 50 %), 2021 with its first indicator approved at 4 of 10 in March and
    March published."""

    def make(objectives: int = 2, indicators: int = 3, name: str = "Plan"):
        plan = make_plan(objectives, indicators, name=name)
        services.plan_portal_set(user=staff["planeacion"], plan=plan, public=True)
        workflow.vigencia_close(user=staff["admin"], plan=plan, year=2020)
        first = first_indicator(plan)
        Report.objects.create(indicator=first, year=2021, corte=MARZO, executed=4)
        services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=MARZO)
        plan.refresh_from_db()
        return plan

    return make


def first_indicator(plan) -> Indicator:
    return Indicator.objects.filter(weights__objective__plan=plan).order_by("id").first()


def approved(user, indicator, year, corte, executed) -> Report:
    """A report ``user`` saved and sent, approved by another reviewer through the workflow."""
    report = workflow.report_save(
        user=user,
        indicator=indicator,
        year=year,
        corte=corte,
        data=workflow.ReportInput(executed=executed, delays="Causa del retraso"),
        version=None,
    )
    report = workflow.report_send(user=user, report=report, version=report.version)
    report = workflow.report_approve(user=second_reviewer(), report=report, version=report.version)
    assert report.status == ReportStatus.APROBADO
    return report
