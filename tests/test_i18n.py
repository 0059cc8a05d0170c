import pytest

pytestmark = pytest.mark.django_db


def test_spanish_is_the_default(user_client, seed_plan):
    user_client.defaults.pop("HTTP_ACCEPT_LANGUAGE")
    html = user_client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert "Cumplimiento del plan" in html


def test_the_user_switches_to_english(user_client, seed_plan):
    response = user_client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Plan compliance" in html
    assert "Dashboard" in html
    assert "59,71 %" in html  # figures keep the Colombian format in any language


def test_english_translates_the_objective_breakdown(user_client, seed_plan):
    user_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    objective = seed_plan.objectives.get(number=5)
    html = user_client.get(f"/objetivos/{objective.pk}/?vigencia=2020").content.decode()
    assert "How it is calculated" in html
    assert "Sum: 3.253.000 / 2.000.000 = 162,65 %" in html


def test_each_language_is_named_in_its_own_language(user_client, seed_plan):
    html = user_client.get("/").content.decode()
    assert '<option value="en" lang="en">English</option>' in html  # never «Inglés»
    assert '<option value="es-co" lang="es-co" selected>Español</option>' in html
