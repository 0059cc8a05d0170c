"""A real SMTP server on loopback (aiosmtpd, delivering into a maildir) and real worker
processes (`manage.py db_worker`) against the test database, for the end-to-end tests of the
background jobs. On SQLite the test database is a file (tests/conftest.py), so a second
process sees what the test commits; on PostgreSQL the worker connects to the test database."""

import mailbox
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

PORTS = range(8600, 8650)  # the range this project's servers may use on the machine
QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TIMEOUT = 90  # seconds a test waits for the worker before it fails
SMTPD = [sys.executable, "-m", "aiosmtpd", "-n"]
WORKER = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
WORKER += ["--no-reload"]


def wait_for(condition, what: str, timeout: float = TIMEOUT):
    """Poll ``condition`` until it returns something true; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"Timed out after {timeout} s waiting for {what}")


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"No free port in {PORTS.start}–{PORTS.stop - 1}")


def database_url() -> str:
    """The test database, as DATABASE_URL for a second process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        assert Path(db["NAME"]).is_file(), "the SQLite test database must be a file"
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def smtp(tmp_path):
    """`python -m aiosmtpd` on a loopback port, storing what it receives in a maildir."""
    port, maildir = free_port(), tmp_path / "maildir"
    server = subprocess.Popen(
        [*SMTPD, "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def accepting():
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    wait_for(accepting, "the SMTP server", timeout=20)
    inbox = lambda: list(mailbox.Maildir(maildir, create=False))  # noqa: E731
    yield {"port": port, "inbox": inbox}
    server.terminate()
    server.wait(10)


@pytest.fixture
def workers(transactional_db, smtp, settings, tmp_path):
    """start(n=1): n worker processes on the test database, sending mail to ``smtp``. The test
    process queues its jobs in the database too, as production does."""
    settings.TASKS = QUEUED
    started = []
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "database",
        "DEBUG": "true",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp["port"]),
        "SITE_URL": "https://pep.entidad.gov.co",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }

    def start(count: int = 1) -> list[subprocess.Popen]:
        for number in range(count):
            log = open(tmp_path / f"worker-{number}.log", "w")  # noqa: SIM115
            started.append(
                subprocess.Popen(
                    [*WORKER, "--worker-id", f"prueba-{number}"],
                    cwd=settings.BASE_DIR,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        return started

    start.env = env
    yield start
    for process in started:
        process.terminate()
    for process in started:
        process.wait(10)
