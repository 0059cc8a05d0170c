"""Beyond one machine (docs/operations.md, section 15): two app servers (gunicorn on two ports)
sharing one PostgreSQL, one Redis and one MEDIA_ROOT. Whatever is written through one is seen
at once through the other: the session, the figures of a cached page, a login lock and an
evidence file. Runs on PostgreSQL with Redis reachable; skipped, saying why, otherwise."""

import http.client
import os
import socket
import subprocess
import sys
import urllib.parse
import uuid
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Report
from tests.factories import make_plan
from tests.worker.conftest import database_url, free_port, wait_for

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")
PASSWORD = "clave-de-prueba-123"  # make_user's
CSRF = "dosservidorescsrfsecreto00000000"  # 32 characters: a CSRF secret, cookie and form
GUNICORN = [sys.executable, "-m", "gunicorn", "pep.wsgi:application"]


def with_password(user):
    """The servers know the production hashers, not the fast one the tests use."""
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "sal-de-prueba")
    user.save(update_fields=["password"])
    return user


def reachable(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=1):
            return True
    except OSError:
        return False


class Browser:
    """A person's browser against one server: its cookies travel with it to the other."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = {"csrftoken": CSRF, **(cookies or {})}

    def on(self, port: int) -> "Browser":
        return Browser(port, self.cookies)

    def request(self, method: str, url: str, body: bytes = b"", content_type: str = ""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, url, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, content
        finally:
            connection.close()

    def get(self, url: str):
        return self.request("GET", url)

    def post(self, url: str, data: dict, files: dict[str, tuple[str, bytes]] | None = None):
        data = {**data, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        if not files:
            body = urllib.parse.urlencode(data).encode()
            return self.request("POST", url, body, "application/x-www-form-urlencoded")
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in data.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            )
        for name, (filename, content) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
            )
            parts.append(content)
            parts.append("\r\n")
        parts.append(f"--{boundary}--\r\n")
        body = b"".join(p if isinstance(p, bytes) else p.encode() for p in parts)
        return self.request("POST", url, body, f"multipart/form-data; boundary={boundary}")

    def login(self, username: str, password: str = PASSWORD) -> int:
        status, _ = self.post("/cuenta/login/", {"username": username, "password": password})
        return status


@pytest.fixture
def servers(transactional_db, tmp_path, settings):
    """Two gunicorn servers on the test database, one Redis and one shared MEDIA_ROOT."""
    if connection.vendor != "postgresql":
        pytest.skip("Dos servidores de aplicación comparten PostgreSQL: corra con DATABASE_URL")
    if not reachable(REDIS_URL):
        pytest.skip(f"Redis no responde en {REDIS_URL} (TEST_REDIS_URL)")
    media = tmp_path / "media-compartido"
    settings.MEDIA_ROOT = media
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "REDIS_URL": REDIS_URL,
        "DEBUG": "true",
        "MEDIA_ROOT": str(media),
        "TASKS_BACKEND": "immediate",
    }
    started = []
    for name in ("a", "b"):
        port = free_port()
        log = open(tmp_path / f"gunicorn-{name}.log", "w")  # noqa: SIM115
        process = subprocess.Popen(
            [*GUNICORN, "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((port, process))

        def accepting(port=port):
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        wait_for(accepting, f"gunicorn {name} on port {port}", timeout=60)
    yield [port for port, _ in started]
    for _, process in started:
        process.terminate()
    for _, process in started:
        process.wait(10)


def compliance(html: bytes) -> str:
    return html.decode().split('id="cumplimiento-plan"')[1].split(">", 1)[1].split("<", 1)[0]


def test_a_write_through_one_server_is_seen_at_once_through_the_other(servers, make_user):
    a_port, b_port = servers
    plan = make_plan(1, 2)
    admin, sender = with_password(make_user("Administrador")), make_user("Planeación")
    indicator = plan.objectives.get().weights.order_by("id").first().indicator
    report = Report.objects.create(
        indicator=indicator,
        year=2021,
        corte=Corte.MARZO,
        executed=10,
        status=ReportStatus.ENVIADO,
        reported_by=sender,
        sent_by=sender,
    )
    on_a = Browser(a_port)
    assert on_a.login(admin.username) == 302
    on_b = on_a.on(b_port)  # the same session cookie, the other server
    dashboard = f"/?plan={plan.pk}&vigencia=2021"
    status, before = on_b.get(dashboard)
    assert status == 200 and compliance(before) == "N/A"  # no execution yet; cached by b
    status, _ = on_b.post(
        f"/reportes/{report.pk}/revisar/", {"version": report.version, "aprobar": "1", "note": ""}
    )
    assert status == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.APROBADO
    status, after = on_a.get(dashboard)
    assert status == 200 and "50,00 %" in compliance(after)  # one of two indicators at 100 %


def test_a_login_lock_and_an_evidence_file_are_shared(servers, make_user, settings):
    a_port, b_port = servers
    locked = with_password(make_user("Planeación"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        Browser(a_port).login(locked.username, "clave-equivocada")
    status, _ = Browser(b_port).post(
        "/cuenta/login/", {"username": locked.username, "password": PASSWORD}
    )
    assert status != 302  # locked through b by the failures through a

    plan = make_plan(1, 1)
    indicator = plan.objectives.get().weights.get().indicator
    admin = with_password(make_user("Administrador"))
    on_a = Browser(a_port)
    assert on_a.login(admin.username) == 302
    content = b"%PDF-1.4 acta de prueba"
    status, _ = on_a.post(
        f"/indicadores/{indicator.pk}/reportes/2021/{Corte.MARZO}/",
        {"executed": "4"},
        files={"files": ("acta.pdf", content)},
    )
    assert status == 302
    evidence = Evidence.objects.get(report__indicator=indicator)
    assert Path(settings.MEDIA_ROOT, evidence.file.name).is_file()
    status, body = on_a.on(b_port).get(f"/evidencias/{evidence.pk}/")
    assert (status, body) == (200, content)
