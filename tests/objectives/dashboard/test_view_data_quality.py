from decimal import Decimal as D

import pytest

from indicators.choices import Annualization
from indicators.models import Indicator
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_it_recomputes_the_imports_warnings_from_current_data(user_client, seed_plan):
    response = user_client.get("/calidad/")
    messages = [item.message for item in response.context["items"]]
    assert any("128" in m and "Suma" in m for m in messages)  # 555
    assert any(
        "La meta 503 repite palabra por palabra el enunciado de la meta 498" in m for m in messages
    )
    inferred = [m for m in messages if "se dedujo" in m]
    assert len(inferred) == 15  # the 2020 book states the annualization of only 4 of 19
    table = response.content.decode().split('id="tabla-calidad"')[1]
    assert len(messages) == 17
    assert table.count('href="/indicadores/') == len(messages)


def test_a_change_in_the_data_shows_up_at_once(user_client, seed_plan):
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 90
    weight.save()
    messages = [i.message for i in user_client.get("/calidad/").context["items"]]
    assert "Las ponderaciones del objetivo 8 suman 90,00 %, no 100 %." in messages


def test_clean_data_says_so(user_client):
    make_plan(1, 2)
    response = user_client.get("/calidad/")
    assert response.context["items"] == []
    assert "Sin advertencias" in response.content.decode()


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (5, 10)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(10):  # + published figures (issue 11)
        assert user_client.get(f"/calidad/?plan={plan.pk}").status_code == 200


def test_execution_that_moved_away_and_a_disagreeing_published_figure_are_listed(
    user_client, seed_plan
):
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50
    weight.save()
    indicator = Indicator.objects.get(code="546")  # 90.000 programmed, 114.279 executed
    indicator.annualization, indicator.baseline = Annualization.DECRECIENTE, D(100000)
    indicator.save()
    response = user_client.get("/calidad/")
    items = {item.message: item for item in response.context["items"]}
    away = items[
        "La ejecución de 2020 (114.279) se alejó de la meta: el avance calculado es -142,79 % "
        "y cuenta 0 %."
    ]
    assert away.indicator.code == "546"
    published = items[
        "El cumplimiento publicado del objetivo 8 para 2020 es 74,00 % y el calculado es 37,00 %."
    ]
    assert published.objective.number == 8
    # Objective 5 changed too: its book figure (96,53 %) no longer matches.
    assert any(m.startswith("El cumplimiento publicado del objetivo 5") for m in items)
