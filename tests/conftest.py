import os
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db.backends.signals import connection_created
from django.utils import translation

from objectives.shared import forget_shared

SEED_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"


def pytest_configure(config):
    # Tests create many accounts: a deliberately slow password hash only costs time here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The SQLite test database is a file, not memory: the worker tests (tests/worker) run
    # `db_worker` in a second process, which must see what the test commits.
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = Path(tempfile.gettempdir()) / f"pep-test-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
        connection_created.connect(_unsynced)


def _unsynced(sender, connection, **kwargs) -> None:
    """A test database need not survive a power cut: without waiting for the disk at every
    commit, the file runs about as fast as memory."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")


@pytest.fixture(autouse=True)
def spanish():
    """Every test starts in the default language, whatever a previous request activated."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """A page cached by one test must not answer another's, whose database reuses the ids."""
    cache.clear()
    forget_shared()
    yield
    cache.clear()
    forget_shared()


@pytest.fixture
def seed_book() -> Path:
    return SEED_BOOK


@pytest.fixture
def seed_plan(db):
    """The 2020 plan of the Secretaría General, imported from the fixture book."""
    from objectives.models import Plan

    call_command("import_book", str(SEED_BOOK), stdout=StringIO())
    return Plan.objects.get()


@pytest.fixture
def user_client(client, django_user_model):
    """A client logged in as an ordinary (non-staff) user, in Spanish."""
    user = django_user_model.objects.create_user("directora", password="clave-de-prueba-123")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es-co"
    return client


@pytest.fixture
def make_user(db, django_user_model):
    """make_user("Responsable", dependencies=["Subsecretaría Corporativa"]): a user in a role."""
    from django.contrib.auth.models import Group

    from indicators.models import Assignment

    def make(role: str | None, dependencies=(), username: str | None = None):
        name = username or f"{(role or 'sinrol').lower()}-{django_user_model.objects.count()}"
        user = django_user_model.objects.create_user(name, password="clave-de-prueba-123")
        if role:
            # get_or_create: a transactional test (the browser journeys) flushes migration data.
            user.groups.add(Group.objects.get_or_create(name=role)[0])
        for dependency in dependencies:
            Assignment.objects.create(user=user, dependency=dependency)
        return user

    return make


@pytest.fixture
def closer(django_user_model):
    """The account that closes vigencias in tests of closed figures."""
    return django_user_model.objects.create_user("cierre", password="clave-de-prueba-123")


@pytest.fixture
def run_queued(monkeypatch):
    """run_queued(): run the tasks waiting in the database in this process, as
    `db_worker --batch` does. The worker's connection cleanup is skipped: inside a test's
    transaction it would close the test's own connection."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run() -> None:
        args = ("--batch", "--no-startup-delay", "--no-reload")
        call_command("db_worker", *args, stdout=StringIO())

    return run
