"""Real-browser journeys: Debian's Chromium driven by pytest-playwright against live_server."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from tests.conftest import SEED_BOOK

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make to
# prepare data are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    """Locally, no Chromium means the journeys are skipped; in CI they must run."""
    if os.path.exists(CHROMIUM) or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason="Chromium no está instalado (apt-get install chromium)")
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "es-CO", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def seeded(transactional_db, make_user):
    """The 2020 book loaded and one account per role (password clave-de-prueba-123)."""
    call_command("import_book", str(SEED_BOOK), stdout=StringIO())
    return {
        "admin": make_user("Administrador", username="admin"),
        "planeacion": make_user("Planeación", username="planeacion"),
        "responsable": make_user(
            "Responsable", username="responsable", dependencies=["Subsecretaría Corporativa"]
        ),
        "directivo": make_user("Directivo", username="directivo"),
    }


@pytest.fixture
def login(live_server):
    def log_in(page, username: str) -> None:
        page.goto(f"{live_server.url}/cuenta/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "clave-de-prueba-123")
        page.click("main button[type=submit], main form button.btn-primary")
        page.wait_for_url(f"{live_server.url}/")

    return log_in
