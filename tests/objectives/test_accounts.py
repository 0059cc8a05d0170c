"""Signing in behind the documented nginx proxy: throttling keyed on username and real client
address, a limit per address against password spraying, and password reset only with e-mail."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from objectives.accounts import client_address

LOGIN = reverse("login")
RESET = "/cuenta/password_reset/"
PROXY = "127.0.0.1"  # nginx on the same host, as docs/operations.md sets it up


def through_proxy(client_ip: str, forwarded_for: str = "") -> Client:
    """A browser at ``client_ip`` reaching PEP through nginx, which appends the address it saw
    to whatever X-Forwarded-For the browser sent."""
    chain = f"{forwarded_for}, {client_ip}" if forwarded_for else client_ip
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=chain)


def log_in(client: Client, username: str, password: str = "clave-de-prueba-123"):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [PROXY]


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        ([], "203.0.113.9", "6.6.6.6", "203.0.113.9"),  # no proxy: the header is anyone's
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # forged left
        (["127.0.0.1"], "198.51.100.7", "6.6.6.6", "198.51.100.7"),  # not through the proxy
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "203.0.113.9, 10.1.2.3", "203.0.113.9"),
        (["127.0.0.1"], "127.0.0.1", "", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", "<script>", "127.0.0.1"),
        (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_address_is_read_from_a_trusted_proxy_only(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_someone_elsewhere_cannot_lock_a_person_out(db, make_user, behind_nginx):
    make_user("Administrador", username="jefa")
    attacker = through_proxy("198.51.100.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(attacker, "jefa", "adivinanza")
    assert log_in(attacker, "jefa").status_code == 429  # the attacker's address is locked
    response = log_in(through_proxy("203.0.113.9"), "jefa")
    assert response.status_code == 302 and response.url == "/"


def test_a_forged_forwarded_header_does_not_escape_the_lock(db, make_user, behind_nginx):
    make_user("Directivo", username="directora")
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(through_proxy("198.51.100.7", forwarded_for=f"10.0.0.{number}"), "directora", "x")
    response = log_in(through_proxy("198.51.100.7", forwarded_for="10.0.0.99"), "directora")
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()


def test_spraying_passwords_across_usernames_locks_the_address(
    db, make_user, behind_nginx, settings
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for number in range(6):
        make_user("Responsable", username=f"persona{number}")
        log_in(through_proxy("198.51.100.7"), f"persona{number}", "Bogota2020")
    assert log_in(through_proxy("198.51.100.7"), "persona0").status_code == 429
    assert log_in(through_proxy("203.0.113.9"), "persona0").status_code == 302


def test_without_email_there_is_no_password_reset(db, client, settings):
    settings.EMAIL_HOST = ""
    assert "¿Olvidó su clave?" not in client.get(LOGIN).content.decode()
    assert client.get(RESET).status_code == 404
    assert client.post(RESET, {"email": "jefa@entidad.gov.co"}).status_code == 404
    assert mail.outbox == []


def test_with_email_a_forgotten_password_is_reset_by_a_link(db, client, make_user, settings):
    settings.EMAIL_HOST = "smtp.entidad.gov.co"
    user = make_user("Directivo", username="directora")
    user.email = "directora@entidad.gov.co"
    user.save()
    assert "¿Olvidó su clave?" in client.get(LOGIN).content.decode()
    response = client.post(RESET, {"email": "directora@entidad.gov.co"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["directora@entidad.gov.co"]
    assert message.subject == "PEP: recuperar la clave"
    link = re.search(r"http://testserver(/cuenta/reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    new = {"new_password1": "Una-clave-nueva-2024", "new_password2": "Una-clave-nueva-2024"}
    done = client.post(form.redirect_chain[-1][0], new)
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert log_in(Client(), "directora", "Una-clave-nueva-2024").status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_message(db, client, settings):
    settings.EMAIL_HOST = "smtp.entidad.gov.co"
    response = client.post(RESET, {"email": "nadie@entidad.gov.co"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def settings_value(expression: str, **env: str) -> str:
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return (result.stdout.strip().splitlines() or [""])[-1] + result.stderr


@pytest.mark.parametrize(
    ("host", "backend"),
    [
        ("", "django.core.mail.backends.console.EmailBackend"),
        ("smtp.entidad.gov.co", "django.core.mail.backends.smtp.EmailBackend"),
    ],
)
def test_mail_goes_by_smtp_only_when_a_host_is_set(host, backend):
    assert settings_value("settings.EMAIL_BACKEND", EMAIL_HOST=host) == backend


def test_a_malformed_trusted_proxy_stops_the_start():
    assert "TRUSTED_PROXIES must list addresses" in settings_value(
        "settings.TRUSTED_PROXIES", TRUSTED_PROXIES="127.0.0.1,nginx"
    )
