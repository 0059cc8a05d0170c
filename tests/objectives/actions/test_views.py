import datetime

import pytest
from django.urls import reverse

from indicators.models import Indicator
from objectives.actions.models import ImprovementAction
from tests.factories import make_plan
from tests.objectives.reporting.cycle import CORP, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(seed_plan):
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def new_url(plan, indicator):
    return (
        f"{reverse('objectives:action_new')}?plan={plan.pk}&indicador={indicator.pk}"
        "&vigencia=2021&corte=6"
    )


def test_planeacion_opens_an_action_from_the_form(make_user, seed_plan, budget):
    user = make_user("Planeación")
    client = client_for(user)
    form = client.get(new_url(seed_plan, budget)).context["form"]
    assert form.initial["dependency"] == CORP
    response = client.post(
        new_url(seed_plan, budget),
        {
            "cause": "Contratación tardía",
            "action": "Plan de choque",
            "responsible": user.pk,
            "dependency": CORP,
            "starts_on": "2021-07-01",
            "due_on": "2021-09-30",
        },
        follow=True,
    )
    action = ImprovementAction.objects.get()
    assert response.redirect_chain[-1][0] == reverse("objectives:action", args=[action.pk])
    assert "Acción de mejora abierta." in response.content.decode()
    assert (action.year, action.corte, action.cause) == (2021, 6, "Contratación tardía")


def test_a_bad_date_is_said_beside_its_field(make_user, seed_plan, budget):
    user = make_user("Planeación")
    response = client_for(user).post(
        new_url(seed_plan, budget),
        {
            "cause": "c",
            "action": "a",
            "responsible": user.pk,
            "dependency": CORP,
            "starts_on": "2021-07-01",
            "due_on": "2021-06-30",
        },
    )
    assert response.context["form"].errors["due_on"] == [
        "La fecha límite no puede ser anterior al inicio."
    ]
    assert not ImprovementAction.objects.exists()


def test_a_directivo_cannot_open_one(make_user, seed_plan, budget):
    response = client_for(make_user("Directivo")).get(new_url(seed_plan, budget))
    assert response.status_code == 403


def test_closing_from_the_page_removes_it_from_the_open_list(make_user, seed_plan, budget):
    user = make_user("Planeación")
    action = ImprovementAction.objects.create(
        plan=seed_plan,
        indicator=budget,
        year=2021,
        corte=6,
        cause="c",
        action="Plan de choque",
        responsible=user,
        dependency=CORP,
        starts_on=datetime.date(2021, 7, 1),
        due_on=datetime.date(2099, 9, 30),
        created_by=user,
    )
    client = client_for(user)
    listing = reverse("objectives:actions") + f"?plan={seed_plan.pk}"
    assert "Plan de choque" in client.get(listing).content.decode()
    response = client.post(
        reverse("objectives:action_close", args=[action.pk]),
        {"note": "Hecho", "version": 1},
        follow=True,
    )
    assert "Acción cerrada: quedó cumplida." in response.content.decode()
    html = client.get(listing).content.decode()
    assert "Plan de choque" not in html and "No hay acciones de mejora" in html
    assert "Plan de choque" in client.get(listing + "&ver=todas").content.decode()


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (4, 6)])
def test_list_query_count_is_fixed(make_user, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    user = make_user("Planeación")
    for indicator in Indicator.objects.all()[:3]:
        ImprovementAction.objects.create(
            plan=plan,
            indicator=indicator,
            year=2020,
            corte=6,
            cause="c",
            action="a",
            responsible=user,
            dependency="D",
            starts_on=datetime.date(2020, 7, 1),
            due_on=datetime.date(2020, 9, 30),
            created_by=user,
        )
    client = client_for(user)
    with django_assert_num_queries(9):  # session, user, roles, plan + the selector's five
        response = client.get(reverse("objectives:actions") + f"?plan={plan.pk}&ver=todas")
    assert len(response.context["data"].rows) == 3


def test_the_list_goes_by_pages_of_fifty_keeping_its_filters(make_user):
    plan = make_plan(1, 2)
    user = make_user("Planeación")
    indicator = Indicator.objects.first()
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            plan=plan,
            indicator=indicator,
            year=2020,
            corte=6,
            cause="c",
            action=f"Acción {n:02}",
            responsible=user,
            dependency="Dependencia Ñ",
            starts_on=datetime.date(2020, 7, 1),
            due_on=datetime.date(2020, 9, 30) + datetime.timedelta(days=n),
            created_by=user,
        )
        for n in range(60)
    )
    client = client_for(user)
    url = reverse("objectives:actions") + f"?plan={plan.pk}&ver=todas&dependencia=Dependencia+Ñ"
    first = client.get(url)
    assert [r.action.action for r in first.context["data"].rows][::49] == ["Acción 00", "Acción 49"]
    html = first.content.decode()
    assert "Acciones 1 a 50 de 60" in html
    link = f"?plan={plan.pk}&amp;dependencia=Dependencia%20%C3%91&amp;ver=todas&amp;pagina=2"
    assert link in html
    second = client.get(url + "&pagina=2").context["data"]
    assert [r.action.action for r in second.rows] == [f"Acción {n}" for n in range(50, 60)]
    assert client.get(url + "&pagina=9").context["data"].page.number == 2  # past the end: last
