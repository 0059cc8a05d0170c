"""`make bench`: server time of the main pages under gunicorn + wrk, import_book against a bare
openpyxl read, and peak memory of import and export, written into docs/performance.md.

Everything runs as subprocesses of ``manage.py`` against SQLite databases in a temporary
directory, so the developer's database is never touched. Development tooling, outside the
installed package: run it as ``python -m tools.bench`` (``make bench``). The figures and their
Markdown are ``tools.bench.report``.
"""

from __future__ import annotations

import importlib.metadata
import os
import platform
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tools.bench import web
from tools.bench.report import (
    INTRO,
    LOAD_CONNECTIONS,
    WORKERS,
    WRK_CONNECTIONS,
    WRK_SCRIPT,
    WRK_THREADS,
    WRK_TIMEOUT,
    BookResult,
    Machine,
    Report,
    WrkResult,
    cold_table,
    cpu_model,
    fmt,
    import_table,
    load_table,
    memory_table,
    os_name,
    parse_wrk,
    ram_gb,
    render_block,
    replace_block,
    stats,
    tail,
    web_table,
)

# The bare read import_book is compared with: every cell of every sheet, nothing else.
OPENPYXL_SCRIPT = """\
import sys
from openpyxl import load_workbook

workbook = load_workbook(sys.argv[1], read_only=True, data_only=True)
rows = 0
for sheet in workbook.worksheets:
    for _ in sheet.iter_rows(values_only=True):
        rows += 1
workbook.close()
print(rows)
"""

# export_book streams its rows (openpyxl's write-only mode), which stores each text in its
# cell. Excel, LibreOffice and openpyxl's normal mode store them once, in a shared table: the
# books people upload. Both reads are measured on that kind of file.
RESAVE_SCRIPT = """\
import sys
from openpyxl import load_workbook

load_workbook(sys.argv[1]).save(sys.argv[1])
"""

ROWS_SCRIPT = """\
from objectives.book.reader import read_book
book = read_book({path!r})
assert not book.errors, [str(p) for p in book.errors]
print(sum(1 for _ in book.rows))
"""


@dataclass(frozen=True)
class Ran:
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


class Command(BaseCommand):
    help = (
        "Mide el tiempo de servidor de las páginas principales (gunicorn + wrk), import_book "
        "frente a una lectura desnuda con openpyxl y la memoria máxima de importar y exportar; "
        "escribe las cifras en docs/performance.md."
    )
    requires_system_checks = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="Archivo Markdown a actualizar")
        parser.add_argument("--duration", type=int, default=5, help="Segundos de wrk por URL")
        parser.add_argument(
            "--postgres",
            default=os.environ.get("BENCH_POSTGRES_URL", ""),
            help="URL de una base PostgreSQL que la corrida VACÍA y usa (o BENCH_POSTGRES_URL)",
        )
        parser.add_argument(
            "--redis",
            default=os.environ.get("BENCH_REDIS_URL", ""),
            help="URL de Redis para la caché de la corrida de carga (o BENCH_REDIS_URL)",
        )
        parser.add_argument("--load-duration", type=int, default=20, help="Segundos de carga")
        parser.add_argument("--skip-load", action="store_true", help="Sin la corrida de carga")
        parser.add_argument("--skip-sqlite", action="store_true", help="Solo PostgreSQL")
        parser.add_argument("--workers", type=int, default=WORKERS, help="Workers de gunicorn")
        parser.add_argument("--objectives", type=int, default=40, help="Objetivos del plan")
        parser.add_argument("--links", type=int, default=4000, help="Vínculos del plan web")
        parser.add_argument("--book-rows", type=int, default=10000, help="Filas del libro")
        parser.add_argument("--runs", type=int, default=3, help="Corridas de la importación")
        parser.add_argument("--keep", action="store_true", help="No borrar el directorio temporal")
        parser.add_argument("--skip-web", action="store_true", help="Sin la parte web")
        parser.add_argument("--skip-import", action="store_true", help="Sin la importación")

    def handle(self, *args, **options) -> None:
        if options["runs"] < 1 or options["duration"] < 1:
            raise CommandError("--runs y --duration deben ser al menos 1.")
        if not options["skip_web"] and shutil.which("wrk") is None:
            raise CommandError("Falta wrk: instálelo con «apt-get install wrk».")
        self.base = Path(settings.BASE_DIR)
        self.tmp = Path(tempfile.mkdtemp(prefix="pep-bench-"))
        self.logs = self.tmp / "logs"
        self.logs.mkdir()
        self.secret = secrets.token_urlsafe(50)
        self.steps = 0
        self.workers = options["workers"]
        started = time.perf_counter()
        self.say(f"Directorio temporal: {self.tmp}")
        try:
            report = self.measure(options)
        finally:
            if options["keep"]:
                self.say(f"Se conserva {self.tmp}")
            else:
                shutil.rmtree(self.tmp, ignore_errors=True)
        block = render_block(report)
        if options["output"]:
            path: Path = options["output"]
            document = path.read_text(encoding="utf-8") if path.exists() else INTRO
            path.write_text(replace_block(document, block), encoding="utf-8")
            self.say(f"Cifras escritas en {path}")
        minutes = (time.perf_counter() - started) / 60
        self.say(f"Listo en {fmt(minutes, 1)} min.")

    def measure(self, options) -> Report:
        objectives = options["objectives"]
        report = Report(
            date=datetime.now().astimezone().isoformat(timespec="seconds"),
            commit=self.commit(),
            machine=self.machine(),
            duration=options["duration"],
            links=options["links"],
            objectives=objectives,
        )
        if not options["skip_web"]:
            (self.tmp / "summary.lua").write_text(WRK_SCRIPT, encoding="utf-8")
            report = self.web(options, report)
        if not options["skip_import"]:
            book = self.book(objectives, options["book_rows"], options["runs"])
            report = replace(report, book=book)
            self.stdout.write("\n" + import_table(book) + "\n\n" + memory_table(book) + "\n")
        return report

    # --- output and subprocesses

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    def step(self, text: str) -> None:
        self.steps += 1
        self.say(f"[{self.steps}] {text}…")

    def env(self, database: str = "", url: str = "") -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=url or f"sqlite:///{self.tmp / database}",
            DEBUG="false",
            SECRET_KEY=self.secret,
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS="",
            SECURE_SSL_REDIRECT="false",
            SECURE_PROXY_SSL_HEADER="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
            REDIS_URL="",
            STATIC_ROOT=str(self.tmp / "static"),
            MEDIA_ROOT=str(self.tmp / "media"),
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def run(self, args: list[str], env: dict[str, str], name: str) -> Ran:
        """Run a child to completion: its output, wall time and own peak RSS (wait4)."""
        out, err = (
            self.logs / f"{self.steps:02d}-{name}.out",
            self.logs / f"{self.steps:02d}-{name}.err",
        )
        with out.open("wb") as stdout, err.open("wb") as stderr:
            began = time.perf_counter()
            process = subprocess.Popen(
                args, cwd=self.base, env=env, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr
            )
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        ran = Ran(_read(out), _read(err), seconds, usage.ru_maxrss * 1024 / 1e6)
        if process.returncode != 0:
            raise CommandError(
                f"Falló ({process.returncode}): {' '.join(args)}\n"
                f"{tail(ran.stderr) or tail(ran.stdout)}"
            )
        return ran

    def manage(self, env: dict[str, str], name: str, *args: str) -> Ran:
        return self.run([sys.executable, str(self.base / "manage.py"), *args], env, name)

    def commit(self) -> str:
        try:
            sha = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],
                cwd=self.base,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            dirty = subprocess.run(
                ["git", "status", "--porcelain", "--untracked-files=no"],
                cwd=self.base,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "desconocido"
        return f"{sha} (con cambios sin confirmar)" if dirty else sha

    def machine(self) -> Machine:
        def read(path: str) -> str:
            try:
                return Path(path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                return ""

        versions = {
            "Python": platform.python_version(),
            "Django": django.get_version(),
            "SQLite": sqlite3.sqlite_version,
        }
        for package in ("gunicorn", "openpyxl", "python-calamine"):
            try:
                versions[package] = importlib.metadata.version(package)
            except importlib.metadata.PackageNotFoundError:
                versions[package] = "?"
        if shutil.which("wrk"):
            first = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
            versions["wrk"] = first.split()[1] if len(first.split()) > 1 else "?"
        return Machine(
            cpu=cpu_model(read("/proc/cpuinfo")),
            cores=os.cpu_count() or 0,
            ram_gb=ram_gb(read("/proc/meminfo")),
            os=os_name(read("/etc/os-release")),
            versions=versions,
        )

    # --- web

    def web(self, options, report: Report) -> Report:
        """Every page in SQLite and, with --postgres, in PostgreSQL; then the load run."""
        objectives, links, duration = options["objectives"], options["links"], options["duration"]
        databases = [] if options["skip_sqlite"] else [("SQLite", self.env("web.sqlite3"))]
        if options["postgres"]:
            self.empty_postgres(options["postgres"])
            databases.append(("PostgreSQL", self.env(url=options["postgres"])))
        logins, pages, cold, load = {}, [], [], None
        for database, env in databases:
            site = web.prepare(self, database, env, objectives, links)
            login, found, colds = web.measure_pages(self, site, objectives, links, duration)
            logins[database] = login
            pages += found
            cold += colds
            self.stdout.write("\n" + web_table(login, found) + "\n")
            if database == "PostgreSQL" and not options["skip_load"]:
                load = web.measure_load(self, site, options["load_duration"], options["redis"])
        if cold:
            self.stdout.write("\n" + cold_table(cold) + "\n")
        if load is not None:
            self.stdout.write("\n" + load_table(load) + "\n")
        return replace(
            report,
            login=next(iter(logins.values()), None),
            logins=logins,
            pages=pages,
            cold=cold,
            load=load,
        )

    def empty_postgres(self, url: str) -> None:
        """The PostgreSQL database given for the bench starts empty (its tables are dropped)."""
        import psycopg

        self.step(f"PostgreSQL: vaciar {url.rsplit('/', 1)[-1]}")
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")

    def wrk(
        self, port: int, url: str, cookie: str | None, duration: int, lua: Path, load=False
    ) -> WrkResult:
        threads, connections = (2, LOAD_CONNECTIONS) if load else (WRK_THREADS, WRK_CONNECTIONS)
        args = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            WRK_TIMEOUT,
            "-s",
            str(lua),
        ]
        if cookie:
            args += ["-H", f"Cookie: {cookie}"]
        ran = self.run([*args, f"http://127.0.0.1:{port}{url}"], dict(os.environ), "wrk")
        try:
            result = parse_wrk(ran.stdout)
        except ValueError as error:
            raise CommandError(f"{error}:\n{tail(ran.stdout)}\n{tail(ran.stderr)}") from None
        if result.error_count and not load:
            raise CommandError(
                f"wrk contó errores en {url} ({result.errors}, {result.requests} peticiones):\n"
                + tail(ran.stdout)
            )
        return result

    # --- book

    def book(self, objectives: int, rows: int, runs: int) -> BookResult:
        gen_env = self.env("gen.sqlite3")
        path = self.tmp / "book.xlsx"
        self.step("Libro: migrate")
        self.manage(gen_env, "gen-migrate", "migrate", "--noinput")
        self.step(f"Libro: generate_plan --objectives {objectives} --indicators {rows}")
        self.manage(
            gen_env,
            "gen-plan",
            "generate_plan",
            "--objectives",
            str(objectives),
            "--indicators",
            str(rows),
        )
        self.step("Libro: export_book (tiempo y memoria)")
        export = self.manage(gen_env, "export", "export_book", str(path))
        self.say(f"    {fmt(export.seconds, 2)} s · {fmt(export.peak_mb, 1)} MB")
        self.step("Libro: guardarlo como lo guarda una hoja de cálculo (textos compartidos)")
        self.run([sys.executable, "-c", RESAVE_SCRIPT, str(path)], gen_env, "resave")
        self.step("Libro: contar sus filas de datos (read_book)")
        counted = self.manage(gen_env, "rows", "shell", "-c", ROWS_SCRIPT.format(path=str(path)))
        data_rows = int(counted.stdout.strip().splitlines()[-1])

        import_env = self.env("import.sqlite3")
        database = self.tmp / "import.sqlite3"
        bare, imports, peaks = [], [], []
        sheet_rows = 0
        for run in range(1, runs + 1):
            self.step(f"Corrida {run}/{runs}: lectura desnuda con openpyxl")
            read = self.run(
                [sys.executable, "-c", OPENPYXL_SCRIPT, str(path)], import_env, "openpyxl"
            )
            sheet_rows = int(read.stdout.strip().splitlines()[-1])
            bare.append(read.seconds)
            self.say(f"    {fmt(read.seconds, 2)} s · {fmt(read.peak_mb, 1)} MB")
            database.unlink(missing_ok=True)
            self.manage(import_env, "import-migrate", "migrate", "--noinput")
            self.step(f"Corrida {run}/{runs}: import_book en base vacía")
            imported = self.manage(import_env, "import", "import_book", str(path))
            imports.append(imported.seconds)
            peaks.append(imported.peak_mb)
            self.say(f"    {fmt(imported.seconds, 2)} s · {fmt(imported.peak_mb, 1)} MB")
        self.step("import_book otra vez, sobre la base ya importada")
        again = self.manage(import_env, "reimport", "import_book", str(path))
        if "Sin cambios" not in again.stdout:
            raise CommandError("La segunda importación cambió algo:\n" + tail(again.stdout))
        self.say(f"    {fmt(again.seconds, 2)} s · {fmt(again.peak_mb, 1)} MB")
        return BookResult(
            rows=data_rows,
            sheet_rows=sheet_rows,
            runs=runs,
            openpyxl=stats(bare),
            import_=stats(imports),
            reimport_seconds=again.seconds,
            import_peak_mb=max(peaks),
            reimport_peak_mb=again.peak_mb,
            export_seconds=export.seconds,
            export_peak_mb=export.peak_mb,
        )
