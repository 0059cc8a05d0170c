import pytest
from django.core.exceptions import ImproperlyConfigured

from pep.settings import env_bool, env_list


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("Off", False), ("no", False), ("", True)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", True) is expected


def test_env_bool_rejects_malformed_values(monkeypatch):
    monkeypatch.setenv("FLAG", "quizás")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " pep.local, 10.0.0.1 ,")
    assert env_list("HOSTS", []) == ["pep.local", "10.0.0.1"]
    monkeypatch.delenv("HOSTS")
    assert env_list("HOSTS", ["x"]) == ["x"]


def test_locale_and_number_format(settings):
    assert settings.LANGUAGE_CODE == "es-co"
    assert settings.TIME_ZONE == "America/Bogota"
    assert settings.USE_THOUSAND_SEPARATOR is False  # years stay 2020, not 2.020


def test_sqlite_queues_concurrent_writes_instead_of_failing(tmp_path):
    """Issue 12: a double «Aprobar» on the default SQLite was a 500 "database is locked". On a
    file database with PEP's settings, two clicks give one approval and one conflict page, and
    approving while closing ends as one serial order or the other."""
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = os.environ | {"DATABASE_URL": f"sqlite:///{tmp_path / 'carreras.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_races", "8"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["not_serial"] == []
    assert {tuple(codes) for codes in outcome["statuses"]} <= {(302, 409), (302, 302)}
    assert "database is locked" not in result.stderr


def test_sqlite_takes_the_write_lock_when_a_transaction_begins(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite options apply to SQLite only")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 10
    assert "journal_mode=WAL" in options["init_command"]
