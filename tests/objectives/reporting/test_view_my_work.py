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
    # indicators, their programming and their reports of the corte, the person's reminders
    with django_assert_num_queries(10):
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
    # person's reminders
    with django_assert_num_queries(7):
        response = client.get(f"{reverse('objectives:my_work')}?plan={plan.pk}")
    assert len(response.context["page"].to_review) == objectives * indicators
