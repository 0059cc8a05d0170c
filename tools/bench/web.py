"""The web half of `make bench`: every reading page under gunicorn + wrk in SQLite and in
PostgreSQL, the first request after a write (cold), and the load run (PostgreSQL, four
workers, two clients approving reports while wrk reads the dashboard). ``harness.Command``
runs the processes; this module says what to run and reads what comes back.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import CommandError

from tools.bench.report import (
    COLD_RUNS,
    LOAD_CLIENTS,
    LOAD_CONNECTIONS,
    LOAD_WORKERS,
    LOGIN,
    WARMUP_BUDGET_SECONDS,
    WARMUP_REQUESTS,
    ColdResult,
    LoadResult,
    PageResult,
    Target,
    fmt,
    parse_dashboard_path,
    plan_targets,
    tail,
)

# Run in the web database: a superuser, a session for it (ModelBackend, since django-axes'
# backend comes first in AUTHENTICATION_BACKENDS), every plan public (the portal) and what
# the measured URLs need.
SESSION_SCRIPT = """\
import json, secrets
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.db.models import Q
from datetime import date, timedelta
from indicators.models import Indicator
from objectives.actions.models import ImprovementAction
from objectives.choices import ActionStatus
from objectives.models import Plan
from objectives.figures import vigencia
from objectives.signals import plans_changed

def session_for(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

# One improvement action for every 20th indicator of the plan (a third of them past due, a
# third cumplidas): what the actions list shows at a mid-year comité. Returns the first.
def improvement_actions(plan, year, user):
    today = date.today()
    indicators = list(Indicator.objects.of_plan(plan.pk).values_list("pk", flat=True))[::20]
    statuses = (ActionStatus.ABIERTA, ActionStatus.EN_CURSO, ActionStatus.CUMPLIDA)
    ImprovementAction.objects.bulk_create(
        ImprovementAction(
            plan=plan, indicator_id=pk, year=year, corte=6, cause="Retraso en la contratación.",
            action="Acelerar el proceso de contratación.", responsible=user, created_by=user,
            dependency=f"Dependencia {n % 7}", starts_on=today - timedelta(days=90),
            due_on=today + timedelta(days=30 if n % 3 else -10), status=statuses[n % 3],
        )
        for n, pk in enumerate(indicators)
    )
    return ImprovementAction.objects.filter(plan=plan).order_by("pk").first().pk

user = get_user_model().objects.create_superuser(
    "bench", "bench@example.invalid", secrets.token_urlsafe(24)
)
Plan.objects.update(public=True)
plans_changed(Q())
plans = []
for plan in Plan.objects.order_by("pk"):
    first = plan.objectives.order_by("number").first()
    indicator = first.weights.order_by("id").first().indicator_id
    year = vigencia(plan, None)
    action = improvement_actions(plan, year, user)
    plans.append({"id": plan.pk, "name": plan.name, "objective": first.pk,
                  "statement": first.statement, "objectives": plan.objectives.count(),
                  "indicator": indicator, "year": year, "action": action})
print(json.dumps({"session": session_for(user), "cookie": settings.SESSION_COOKIE_NAME,
                  "plans": plans}))
"""

# PostgreSQL plans queries with the statistics of tables it has analysed: right after a bulk
# load they say the tables are nearly empty (a plan of 40 objectives estimated at 2), and a
# page is planned as if they were. Autovacuum analyses a table soon after that many changes;
# the bench does it at once so it measures the pages, not stale statistics.
ANALYZE_SCRIPT = """\
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
"""

# A write that changes the plan's figures (a programmed value), as a service would make it:
# the signal gives the plan a new revision.
WRITE_SCRIPT = """\
from indicators.models import Programming
row = Programming.objects.filter(indicator__weights__objective__plan={plan}).order_by("id")[{n}]
row.value = row.value + 1
row.save()
"""

# Reports sent for review on the plan's indicators (in corte slots nobody used), each to be
# approved by one of two reviewers who did not send it (four eyes), with their sessions.
LOAD_SCRIPT = """\
import itertools, json, secrets
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.db.models import Q
from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from objectives.signals import plans_changed

def session_for(user):
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

group, _ = Group.objects.get_or_create(name="Planeación")
sender = User.objects.create_user("bench-sender", password=secrets.token_urlsafe(24))
reviewers = []
for n in range({clients}):
    user = User.objects.create_user(f"bench-reviewer-{{n}}", password=secrets.token_urlsafe(24))
    user.groups.add(group)
    reviewers.append(user)
indicators = list(Indicator.objects.of_plan({plan}).values_list("pk", flat=True))
used = set(Report.objects.filter(indicator_id__in=indicators).values_list(
    "indicator_id", "year", "corte"))
free = (
    (i, y, c) for y in range(2020, 2100) for c in Corte.values for i in indicators
    if (i, y, c) not in used
)
rows = [
    Report(indicator_id=i, year=y, corte=c, executed=1, status=ReportStatus.ENVIADO,
           reported_by=sender, sent_by=sender)
    for i, y, c in itertools.islice(free, {count})
]
Report.objects.bulk_create(rows)
plans_changed(Q(pk={plan}))
sent = list(Report.objects.filter(status=ReportStatus.ENVIADO, sent_by=sender)
            .order_by("pk").values_list("pk", "version"))
print(json.dumps({{"sessions": [session_for(u) for u in reviewers],
                  "cookie": settings.SESSION_COOKIE_NAME,
                  "reports": [sent[n::{clients}] for n in range({clients})]}}))
"""

APPROVED_SCRIPT = """\
from indicators.choices import ReportStatus
from indicators.models import Report
print(Report.objects.filter(sent_by__username="bench-sender", status=ReportStatus.APROBADO)
      .count())
"""

LOAD_REPORTS = 3000  # more than two clients approve in the load run on the reference machine
CSRF = "benchcsrfsecretbenchcsrfsecret00"  # a 32-character CSRF secret, cookie and form


@dataclass(frozen=True)
class Site:
    """A prepared database: its environment, the session cookie and the plans' facts."""

    database: str
    env: dict[str, str]
    cookie: str
    seed: dict
    generated: dict


def prepare(cmd, database: str, env: dict[str, str], objectives: int, links: int) -> Site:
    cmd.step(f"{database}: migrate")
    cmd.manage(env, "migrate", "migrate", "--noinput")
    cmd.step(f"{database}: import_book del libro semilla")
    cmd.manage(env, "seed", "import_book", "fixtures/libro_seguimiento_2020.xlsx")
    cmd.step(f"{database}: generate_plan --objectives {objectives} --indicators {links}")
    generated = cmd.manage(
        env,
        "generate",
        "generate_plan",
        "--objectives",
        str(objectives),
        "--indicators",
        str(links),
    )
    plan_id, year = parse_dashboard_path(generated.stdout.strip().splitlines()[-1])
    cmd.step(f"{database}: superusuario, sesión, planes públicos")
    session = cmd.manage(env, "session", "shell", "-c", SESSION_SCRIPT)
    info = json.loads(session.stdout.strip().splitlines()[-1])
    plans = {plan["id"]: plan for plan in info["plans"]}
    seeds = [plan for plan in info["plans"] if plan["id"] != plan_id]
    if not seeds:
        raise CommandError("El plan semilla no quedó en la base.")
    if database == "PostgreSQL":  # what autovacuum does within a minute of a bulk load
        cmd.step(f"{database}: ANALYZE (estadísticas del planificador tras la carga)")
        cmd.manage(env, "analyze", "shell", "-c", ANALYZE_SCRIPT)
    cmd.step(f"{database}: collectstatic")
    cmd.manage(env, "collectstatic", "collectstatic", "--noinput")
    cookie = f"{info['cookie']}={info['session']}"
    return Site(database, env, cookie, seeds[0], {**plans[plan_id], "year": year})


def targets(site: Site, objectives: int, links: int) -> list[Target]:
    seed_label = f"semilla ({site.seed['objectives']} objetivos)"
    gen_label = f"generado ({objectives} × {fmt(links, 0)})"
    return [
        *plan_targets(site.seed, seed_label, measured=False),
        *plan_targets(site.generated, gen_label, measured=True),
    ]


def measure_pages(
    cmd, site: Site, objectives: int, links: int, duration: int
) -> tuple[PageResult, list[PageResult], list[ColdResult]]:
    """Every page of both plans under gunicorn, then the cold first requests."""
    lua = cmd.tmp / "summary.lua"
    all_targets = targets(site, objectives, links)
    with Server(cmd, site.env, f"{site.database}-gunicorn", workers=cmd.workers) as port:
        for target in [LOGIN, *all_targets]:
            check(cmd, port, target, None if target is LOGIN else site.cookie)
        results = []
        for target in [LOGIN, *all_targets]:
            cookie = None if target is LOGIN else site.cookie
            cmd.step(f"{site.database} · wrk {duration} s: {target.page}, {target.plan}")
            warmup(port, target.url, cookie)
            result = cmd.wrk(port, target.url, cookie, duration, lua)
            cmd.say(
                f"    p50 {fmt(result.p50_ms, 1)} ms · p95 {fmt(result.p95_ms, 1)} ms · "
                f"{fmt(result.rps, 1)} req/s · {result.requests} peticiones"
            )
            results.append(
                PageResult(
                    target.page, target.plan, target.url, result, target.measured, site.database
                )
            )
        cold = measure_cold(cmd, site, port, all_targets)
    return results[0], results[1:], cold


def measure_cold(cmd, site: Site, port: int, all_targets: list[Target]) -> list[ColdResult]:
    """Dashboard, objective and list of the generated plan: a write to its figures, then one
    request, COLD_RUNS times each."""
    wanted = ("Tablero", "Objetivo", "Indicadores")
    found = []
    for target in all_targets:
        if not target.measured or target.page not in wanted:
            continue
        times = []
        for n in range(COLD_RUNS):
            cmd.step(f"{site.database} · en frío {n + 1}/{COLD_RUNS}: {target.page}")
            script = WRITE_SCRIPT.format(plan=site.generated["id"], n=n)
            cmd.manage(site.env, "write", "shell", "-c", script)
            began = time.perf_counter()
            status, _ = get(port, target.url, site.cookie)
            times.append((time.perf_counter() - began) * 1000)
            if status != 200:
                raise CommandError(f"{target.url} respondió {status} tras la escritura.")
            cmd.say(f"    {fmt(times[-1], 1)} ms")
        found.append(ColdResult(target.page, site.database, target.url, tuple(times)))
    return found


def measure_load(cmd, site: Site, duration: int, redis_url: str) -> LoadResult:
    """The seed dashboard under wrk -c8 while two reviewers approve sent reports in a loop."""
    cmd.step(f"{site.database} · carga: {LOAD_REPORTS} reportes enviados para aprobar")
    script = LOAD_SCRIPT.format(plan=site.seed["id"], clients=LOAD_CLIENTS, count=LOAD_REPORTS)
    info = json.loads(cmd.manage(site.env, "load", "shell", "-c", script).stdout.splitlines()[-1])
    env = {**site.env, "REDIS_URL": redis_url}
    url = f"/?plan={site.seed['id']}&vigencia={site.seed['year']}"
    with Server(cmd, env, "load-gunicorn", workers=LOAD_WORKERS) as port:
        warmup(port, url, site.cookie)
        clients = [
            Approver(port, f"{info['cookie']}={session}", reports)
            for session, reports in zip(info["sessions"], info["reports"], strict=True)
        ]
        cmd.step(
            f"{site.database} · carga: wrk -c{LOAD_CONNECTIONS} {duration} s en el tablero "
            f"y {LOAD_CLIENTS} clientes aprobando"
        )
        for client in clients:
            client.start()
        try:
            result = cmd.wrk(port, url, site.cookie, duration, cmd.tmp / "summary.lua", load=True)
        finally:
            for client in clients:
                client.stop()
    counted = cmd.manage(site.env, "approved", "shell", "-c", APPROVED_SCRIPT)
    approved = int(counted.stdout.strip().splitlines()[-1])
    tried = sum(client.tried for client in clients)
    latencies = sorted(t for client in clients for t in client.times_ms) or [0.0]
    failed = sum(client.failed for client in clients) + max(0, tried - approved)
    cmd.say(
        f"    p95 {fmt(result.p95_ms, 1)} ms · {result.requests} peticiones · "
        f"{approved} aprobaciones, {failed} fallidas"
    )
    return LoadResult(
        url=url,
        database=site.database,
        workers=LOAD_WORKERS,
        cache="Redis" if redis_url else "en memoria local de cada worker",
        wrk=result,
        approved=approved,
        failed=failed,
        approve_p50_ms=statistics.median(latencies),
        approve_p95_ms=latencies[int(0.95 * (len(latencies) - 1))],
    )


class Approver(threading.Thread):
    """A reviewer who approves the given sent reports one after another, without pause."""

    def __init__(self, port: int, cookie: str, reports: list[list[int]]) -> None:
        super().__init__(daemon=True)
        self.port, self.cookie, self.reports = port, cookie, reports
        self.stopping = threading.Event()
        self.tried = self.failed = 0
        self.times_ms: list[float] = []

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=60)

    def run(self) -> None:
        for pk, version in self.reports:
            if self.stopping.is_set():
                return
            body = urllib.parse.urlencode(
                {"version": version, "aprobar": "1", "note": "", "csrfmiddlewaretoken": CSRF}
            )
            headers = {
                "Cookie": f"{self.cookie}; csrftoken={CSRF}",
                "Content-Type": "application/x-www-form-urlencoded",
            }
            began = time.perf_counter()
            status = post(self.port, f"/reportes/{pk}/revisar/", body, headers)
            self.times_ms.append((time.perf_counter() - began) * 1000)
            self.tried += 1
            if status != 302:
                self.failed += 1


class Server:
    """gunicorn on a free port for the ``with`` block."""

    def __init__(self, cmd, env: dict[str, str], name: str, workers: int) -> None:
        self.cmd, self.env, self.name, self.workers = cmd, env, name, workers

    def __enter__(self) -> int:
        self.port = free_port()
        self.cmd.step(f"gunicorn con {self.workers} workers en 127.0.0.1:{self.port}")
        self.log_path = self.cmd.logs / f"{self.name}.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "pep.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "120",
            ],
            cwd=self.cmd.base,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_ready(self.process, self.port, self.log_path)
        return self.port

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        self.cmd.say("    gunicorn detenido")


def wait_ready(server: subprocess.Popen, port: int, log: Path) -> None:
    import socket

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(
                f"gunicorn terminó al arrancar ({server.returncode}):\n" + tail(read(log))
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn no respondió en 60 s:\n" + tail(read(log)))


def check(cmd, port: int, target: Target, cookie: str | None) -> None:
    status, body = get(port, target.url, cookie)
    if status != 200:
        raise CommandError(
            f"{target.url} respondió {status}, no 200: medir redirecciones o errores no sirve."
        )
    if target.expected not in body:
        raise CommandError(f"{target.url} respondió 200 pero sin «{target.expected}».")


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, url: str, cookie: str | None) -> tuple[int, str]:
    """One GET without following redirects: (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", url, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


def post(port: int, url: str, body: str, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", url, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return 0
    finally:
        connection.close()


def warmup(port: int, url: str, cookie: str | None) -> None:
    """WARMUP_REQUESTS requests, or as many as fit in WARMUP_BUDGET_SECONDS (at least one)."""
    deadline = time.monotonic() + WARMUP_BUDGET_SECONDS
    for _ in range(WARMUP_REQUESTS):
        get(port, url, cookie)
        if time.monotonic() > deadline:
            break


def environ() -> dict[str, str]:
    return dict(os.environ)
