import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "current"),
    [("objectives:dashboard", "Tablero"), ("objectives:indicators", "Indicadores")],
)
def test_the_menu_marks_the_page_the_person_is_on(user_client, seed_plan, url, current):
    html = user_client.get(reverse(url)).content.decode()
    marked = (
        html.split('aria-current="page"')[0].rsplit("<a", 1)[1]
        + html.split('aria-current="page"')[1][:40]
    )
    assert current in marked
    assert html.count('class="nav-link active"') == 1


def test_pages_under_a_section_mark_it(user_client, seed_plan):
    indicator = seed_plan.objectives.get(number=5).weights.first().indicator
    html = user_client.get(reverse("objectives:indicator", args=[indicator.pk])).content.decode()
    assert 'href="/indicadores/" aria-current="page">Indicadores<' in html


def test_every_page_has_a_skip_link_to_its_content(user_client, seed_plan):
    html = user_client.get("/").content.decode()
    assert 'href="#contenido">Saltar al contenido</a>' in html
    assert '<main id="contenido"' in html
