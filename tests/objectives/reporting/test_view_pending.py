import pytest
from django.urls import reverse

from tests.factories import make_plan
from tests.objectives.reporting.cycle import (
    ALLOWED_TO_REVIEW,
    CORP,
    ROLES,
    client_for,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_pending_page_is_for_reviewers(clients, seed_plan, role):
    response = clients[role].get(reverse("objectives:pending"))
    assert response.status_code == (200 if role in ALLOWED_TO_REVIEW else 403)


def test_pending_groups_by_dependency_with_counts(clients, seed_plan):
    response = clients["Planeación"].get(reverse("objectives:pending") + "?vigencia=2020&corte=12")
    page = response.context["page"]
    assert (page.missing, page.unapproved) == (0, 0)  # the 2020 book reported every programmed one
    response = clients["Planeación"].get(reverse("objectives:pending") + "?vigencia=2021&corte=3")
    page = response.context["page"]
    groups = {g.dependency: len(g.missing) for g in page.groups}
    assert groups == {CORP: 3, "Sin dependencia asignada": 16}  # all 19 programmed in 2021
    assert "19 sin reporte y 0 sin aprobar" in response.content.decode()


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_query_count_is_fixed(make_user, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    client = client_for(make_user("Planeación"))
    url = f"{reverse('objectives:pending')}?plan={plan.pk}&vigencia=2020&corte=12"
    # session, user, roles, plan, indicators, their programming and their reports of the corte
    with django_assert_num_queries(7):
        response = client.get(url)
    page = response.context["page"]
    assert (page.year, page.corte, page.missing, page.unapproved) == (2020, 12, 0, 0)
    assert sum(group.approved for group in page.groups) == objectives * indicators


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (8, 12)])
def test_query_count_is_fixed_when_it_lists_indicators(
    make_user, django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    client = client_for(make_user("Planeación"))
    url = f"{reverse('objectives:pending')}?plan={plan.pk}&vigencia=2021&corte=3"
    # as above, + the listed indicators and their reports
    with django_assert_num_queries(9):
        response = client.get(url)
    page = response.context["page"]
    assert (page.missing, page.unapproved) == (objectives * indicators, 0)
    assert response.content.decode().count("sin reporte</span>") == objectives * indicators


def test_a_draft_shows_on_the_cached_page_at_once(make_user):
    from indicators.choices import ReportStatus
    from indicators.models import Report

    plan = make_plan(1, 2)
    client = client_for(make_user("Planeación"))
    url = f"{reverse('objectives:pending')}?plan={plan.pk}&vigencia=2021&corte=3"
    assert "2 sin reporte y 0 sin aprobar" in client.get(url).content.decode()
    assert "2 sin reporte y 0 sin aprobar" in client.get(url).content.decode()  # cached
    indicator = plan.objectives.get().weights.order_by("id").first().indicator
    Report.objects.create(
        indicator=indicator, year=2021, corte=3, executed=1, status=ReportStatus.BORRADOR
    )
    assert "1 sin reporte y 1 sin aprobar" in client.get(url).content.decode()
