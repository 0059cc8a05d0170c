"""The Spanish error pages: the navigation, the reason, and no traceback in the console."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_403_says_why_in_spanish_with_the_menu(make_user, seed_plan):
    client = Client(HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(make_user("Directivo"))
    response = client.get(reverse("objectives:import"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "No tiene permiso para esto" in html
    assert 'id="motivo">Solo un administrador puede importar libros.<' in html
    assert 'href="/mi-trabajo/"' in html and "navbar" in html


def test_a_404_is_spanish_with_the_menu(user_client):
    response = user_client.get("/no-existe/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "No encontramos esa página" in html and 'class="navbar' in html


def test_a_form_refused_for_its_token_gets_a_spanish_page(user_client):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(user_client.session and _user())
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "El formulario venció o no se pudo verificar" in response.content.decode()


def _user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="directora")


@pytest.mark.parametrize("template", ["400.html", "500.html"])
def test_the_pages_django_renders_without_a_request_still_render(template):
    from django.template.loader import render_to_string

    html = render_to_string(template)
    assert "Ir al tablero" in html and "<nav" in html


def test_a_refusal_logs_one_line_without_a_traceback(make_user, seed_plan, caplog):
    client = Client(HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(make_user("Directivo"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(reverse("objectives:import"))
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.getMessage() == "Forbidden (Permission denied): /importar/"
    assert record.exc_info is None  # Django attached the PermissionDenied; the filter drops it


def test_the_filter_keeps_the_traceback_of_a_real_error():
    from pep.settings import _refusals_without_traceback

    record = logging.LogRecord("django.request", logging.ERROR, "", 0, "boom", (), None)
    record.status_code, record.exc_info = 500, (ValueError, ValueError("x"), None)
    assert _refusals_without_traceback(record) is True
    assert record.exc_info is not None
