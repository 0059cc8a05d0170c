import pytest

from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_it_shows_the_platform(user_client, seed_plan):
    html = user_client.get("/plan/").content.decode()
    platform = html.split('id="plataforma"')[1]
    assert (
        "La Secretaría General de la Alcaldía Mayor de Bogotá D.C. es la entidad líder" in platform
    )
    assert "En 2030 la Secretaría General" in platform
    assert "Resolución No. 277 de 2020" in platform
    assert "Fortalecer la prestación del servicio a la ciudadanía" in platform


def test_the_sunburst_goes_plan_objectives_metas_indicators(user_client, seed_plan):
    response = user_client.get("/plan/?vigencia=2020")
    nodes = response.context["page"].nodes
    root = nodes[0]
    assert root.parent == "" and root.label == seed_plan.name
    objective_5 = next(n for n in nodes if n.label == "Objetivo 5")
    goal = next(n for n in nodes if n.parent == objective_5.id)
    assert goal.label == "Meta 498"
    leaves = [n for n in nodes if n.parent == goal.id]
    assert [(n.label, str(n.value), n.semaforo) for n in leaves] == [
        ("544", "33.3300", "no_aplica"),
        ("545", "33.3300", "naranja"),
        ("546", "33.3300", "naranja"),
    ]
    assert objective_5.semaforo == "verde"
    html = response.content.decode()
    assert '"branchvalues":"total"' in html
    assert '"type":"sunburst"' in html


def test_every_node_value_covers_its_children(user_client, seed_plan):
    nodes = user_client.get("/plan/").context["page"].nodes
    for node in nodes:
        children = [n.value for n in nodes if n.parent == node.id]
        if children:
            assert sum(children) <= node.value


def test_the_tree_is_also_a_table(user_client, seed_plan):
    html = user_client.get("/plan/").content.decode()
    table = html.split('id="tabla-arbol"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 8 + 13 + 20  # header, objectives, meta nodes, links


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (6, 9)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    with django_assert_num_queries(11):  # + the closure (issue 11)
        response = user_client.get(f"/plan/?plan={plan.pk}")
    assert len(response.context["page"].rows) == objectives


def test_the_plan_figure_says_how_many_objectives_it_averages(user_client, seed_plan):
    html = user_client.get("/plan/?vigencia=2020").content.decode()
    assert 'id="cumplimiento-plan">59,71 %' in html
    assert (
        'id="promedio-plan">Promedio simple de 8 de 8 objetivos: los que tienen ejecución. '
        "Datos al 31 de diciembre · 15 de 19 indicadores con reporte aprobado · 4 N/A (sin meta "
        "en la vigencia).</p>"
    ) in html
