"""Security: who reaches what, CSRF, login throttling, hostile files, escaping, headers."""

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from indicators.choices import Corte
from indicators.models import Evidence, Indicator
from objectives.book.reader import read_book
from objectives.models import Plan
from objectives.reporting import services

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"
ROLES = ["Administrador", "Planeación", "Responsable", "Directivo"]


@pytest.fixture
def world(seed_plan, make_user, settings, tmp_path):
    """The seed plan with one evidence file and a closed vigencia, and a user per role."""
    settings.MEDIA_ROOT = tmp_path
    users = {
        role: make_user(role, dependencies=[CORP] if role == "Responsable" else [])
        for role in ROLES
    }
    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    report = services.report_save(
        user=users["Planeación"],
        indicator=budget,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=40, delays="Causa del retraso"),
        version=None,
        files=[SimpleUploadedFile("acta.pdf", b"%PDF-1.4")],
    )
    closure = services.vigencia_close(user=users["Administrador"], plan=seed_plan, year=2020)
    i545 = Indicator.objects.get(code="545")
    weight = seed_plan.objectives.get(number=5).weights.first()
    return {
        "users": users,
        "urls": {
            "dashboard": reverse("objectives:dashboard"),
            "plan": reverse("objectives:plan"),
            "objective": reverse("objectives:objective", args=[weight.objective_id]),
            "indicators": reverse("objectives:indicators"),
            "indicator": reverse("objectives:indicator", args=[i545.pk]),
            "quality": reverse("objectives:quality"),
            "my_work": reverse("objectives:my_work"),
            "history": reverse("objectives:history", args=[i545.pk]),
            "evidence": reverse(
                "objectives:evidence", args=[Evidence.objects.get(report=report).pk]
            ),
            "report_own": reverse("objectives:report_edit", args=[budget.pk, 2021, Corte.JUNIO]),
            "report_other": reverse("objectives:report_edit", args=[i545.pk, 2021, Corte.JUNIO]),
            "pending": reverse("objectives:pending"),
            "programming": reverse("objectives:programming_edit", args=[i545.pk, 2022]),
            "weight": reverse("objectives:weight_edit", args=[weight.pk]),
            "reopen": reverse("objectives:vigencia_reopen", args=[closure.pk]),
            "import": reverse("objectives:import"),
        },
    }


READ = {
    "dashboard",
    "plan",
    "objective",
    "indicators",
    "indicator",
    "quality",
    "my_work",
    "history",
    "evidence",
}
EXPECTED = {
    "Directivo": READ,
    "Responsable": READ | {"report_own"},
    "Planeación": READ | {"report_own", "report_other", "pending", "programming", "weight"},
    "Administrador": READ
    | {"report_own", "report_other", "pending", "programming", "weight", "reopen", "import"},
}


def test_every_url_for_every_role(world):
    for role in ROLES:
        client = Client()
        client.force_login(world["users"][role])
        for name, url in world["urls"].items():
            status = client.get(url).status_code
            expected = 200 if name in EXPECTED[role] else 403
            assert status == expected, (role, name, status)


def test_nothing_of_the_plan_is_readable_without_login(world, client):
    for name, url in world["urls"].items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("login")), name
    assert client.get("/admin/").status_code == 302


def test_forms_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["Planeación"])
    response = client.post(world["urls"]["report_own"], {"executed": "40"})
    assert response.status_code == 403
    assert (
        Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x"}).status_code
        == 403
    )


def test_login_is_throttled_after_five_failures(db, make_user):
    user = make_user("Directivo", username="directora")
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": "directora", "password": "mala"})
    response = client.post(
        reverse("login"), {"username": "directora", "password": "clave-de-prueba-123"}
    )
    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_a_good_login_works(db, make_user):
    make_user("Directivo", username="directora")
    response = Client().post(
        reverse("login"), {"username": "directora", "password": "clave-de-prueba-123"}
    )
    assert response.status_code == 302 and response.url == "/"


@pytest.mark.parametrize("password", ["123", "password", "directora2024"])
def test_weak_passwords_are_refused(password, django_user_model):
    with pytest.raises(ValidationError):
        validate_password(password, django_user_model(username="directora2024"))


# --- Hostile books ---


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path):
    path = tmp_path / "bomba.xlsx"
    path.write_bytes(zipped({"xl/worksheets/sheet1.xml": b"0" * (200 * 2**20)}))
    assert path.stat().st_size < 1_000_000
    [error] = read_book(path).errors
    assert "descomprimido ocupa 200 MB y el máximo es 25 MB" in error.message


def test_a_sheet_with_a_million_rows_is_refused_quickly(tmp_path):
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><dimension ref="A1:B1000000"/><sheetData/></worksheet>'
    )
    path = tmp_path / "millon.xlsx"
    path.write_bytes(zipped({"xl/worksheets/sheet1.xml": sheet}))
    [error] = read_book(path).errors
    assert "tiene 1.000.000 filas y el máximo es 20.000" in error.message


def test_a_corrupt_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "roto.xlsx"
    path.write_bytes(zipped({"x": b"1"})[:40])
    assert [e.message for e in read_book(path).errors] == [
        "El archivo no es un libro de Excel (.xlsx) válido. Guárdelo como «Libro de Excel "
        "(.xlsx)» y vuelva a cargarlo."
    ]


def test_the_web_upload_refuses_a_bomb_and_writes_nothing(world, settings):
    client = Client()
    client.force_login(world["users"]["Administrador"])
    bomb = zipped({"xl/worksheets/sheet1.xml": b"0" * (100 * 2**20)})
    before = Plan.objects.count(), Indicator.objects.count()
    response = client.post(
        reverse("objectives:import"), {"book": SimpleUploadedFile("bomba.xlsx", bomb)}
    )
    assert response.status_code == 200
    assert "descomprimido ocupa 100 MB" in response.content.decode()
    assert (Plan.objects.count(), Indicator.objects.count()) == before


# --- Escaping ---

SCRIPT = "<script>alert(1)</script>"


def test_text_from_books_and_forms_is_escaped_in_pages_and_charts(world):
    indicator = Indicator.objects.get(code="545")
    indicator.name = SCRIPT
    indicator.save()
    objective = indicator.objectives.get()
    objective.statement = SCRIPT
    objective.save()
    client = Client()
    client.force_login(world["users"]["Directivo"])
    for name in ("dashboard", "plan", "objective", "indicators", "indicator", "quality"):
        html = client.get(world["urls"][name]).content.decode()
        assert SCRIPT not in html, name
    html = client.get(world["urls"]["plan"]).content.decode()
    assert "\\u003cscript\\u003ealert(1)\\u003c\\u002fscript\\u003e" in html  # chart hover text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the table beside it


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_exports_neutralise_formulas(world, dangerous, tmp_path):
    from django.core.management import call_command
    from openpyxl import load_workbook

    indicator = Indicator.objects.get(code="545")
    indicator.name = dangerous
    indicator.save()
    client = Client()
    client.force_login(world["users"]["Directivo"])
    export = client.get(world["urls"]["indicators"] + "?q=545&_export=csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1] == f"'{dangerous}"
    sheet = load_workbook(
        io.BytesIO(client.get(world["urls"]["indicators"] + "?q=545&_export=xlsx").content)
    ).active
    header = [cell.value for cell in sheet[8]]  # below the heading block and a blank row
    assert sheet.cell(9, header.index("Indicador") + 1).value == f"'{dangerous}"
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=io.StringIO())
    names = [c.value for c in load_workbook(path)["Objetivo 5"]["D"]]
    assert f"'{dangerous}" in names


# --- Headers and settings ---


def test_security_headers(world):
    client = Client()
    client.force_login(world["users"]["Directivo"])
    response = client.get(world["urls"]["dashboard"])
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html  # the charts' inline scripts
    assert "onchange=" not in html and "onsubmit=" not in html
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DEBUG": "false",
        "SECRET_KEY": "x7" * 30 + "-production-like-secret-key-for-the-check",
        "ALLOWED_HOSTS": "pep.example.gov.co",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEBUG": "false", "ALLOWED_HOSTS": "pep.example.gov.co"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_every_setting_read_from_the_environment_is_documented():
    source = (Path(settings.BASE_DIR) / "pep" / "settings.py").read_text()
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    import re

    names = set(re.findall(r'env_(?:bool|list|int|choice|rate)\(\s*"(\w+)"', source))
    names |= set(re.findall(r'os\.environ\.get\("(\w+)"', source))
    assert names and all(f"{name}=" in example for name in names), names - {
        n for n in names if f"{n}=" in example
    }


def test_no_secret_key_is_committed():
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    assert "SECRET_KEY=\n" in example


@pytest.mark.parametrize(
    ("redis_url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_redis_only_when_redis_url_is_set(redis_url, backend):
    env = {"PATH": "/usr/bin:/bin", "REDIS_URL": redis_url}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == backend


# --- What answers without login ---

PUBLIC_PREFIXES = ("/transparencia/", "/api/")
# Signing in, and the pages around it, answer without login by nature.
ACCOUNT_PAGES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "admin:login",
    "admin:logout",
}
SAMPLES = {"IntConverter": "1", "FormatConverter": "csv"}
GUESSES = ("1", "x", "indicators")


def _named_urls(patterns=None, namespace=""):
    """(name, url) of every named URL, with made-up arguments."""
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace) if n)
            yield from _named_urls(pattern.url_patterns, inner)
        elif pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, _some_url(name, pattern)


def _some_url(name: str, pattern) -> str:
    from django.urls import NoReverseMatch

    converters = getattr(pattern.pattern, "converters", {})
    params = list(pattern.pattern.regex.groupindex)
    positional = pattern.pattern.regex.groups - len(params)
    for guess in GUESSES:
        kwargs = {p: SAMPLES.get(type(converters.get(p)).__name__, guess) for p in params}
        try:
            if positional:
                return reverse(name, args=[guess] * positional)
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"no URL for {name}")


def _needs_login(response) -> bool:
    login = (reverse("login"), reverse("admin:login"))
    return response.status_code == 302 and response.url.startswith(login)


def test_only_the_public_prefixes_answer_without_login(world, client):
    open_names = set()
    for name, url in _named_urls():
        answers = [client.get(url), client.post(url)]
        if all(_needs_login(r) for r in answers):
            continue
        open_names.add(name)
        if name not in ACCOUNT_PAGES:
            assert url.startswith(PUBLIC_PREFIXES), (name, url)
    public = {n for n in open_names if n not in ACCOUNT_PAGES}
    assert {n.split(":")[0] for n in public} == {"transparency", "api"}
    assert "transparency:desk" not in public and "transparency:publish" not in public
    assert "api:v1:live-figures" in public  # answers itself: 401 without a role
    assert open_names >= {"transparency:index", "transparency:plan", "api:v1:figures-list"}
