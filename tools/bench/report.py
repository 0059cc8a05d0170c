"""What `make bench` measures, as plain values and Markdown: wrk's summary line, statistics,
verdicts against the targets, and the block it writes into docs/performance.md. Nothing here
starts a process or times anything (tests/tools/bench/test_report.py); ``harness`` does.
"""

from __future__ import annotations

import platform
import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from indicators.formatting import number

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"

# Targets (issue 18), on the 2-core reference machine.
FLOOR_FACTOR = 10.0  # a reading page's median ≤ 10 × the login page's, in the same run
COLD_TARGET_MS = 150.0  # the first request after a write
LOAD_P95_TARGET_MS = 50.0  # the dashboard under wrk -c8 while two clients approve reports
IMPORT_RATIO_TARGET = 2.0
PEAK_TARGET_MB = 300.0

WORKERS = 2
WRK_THREADS = 1
WRK_CONNECTIONS = 2
WRK_TIMEOUT = "30s"
WARMUP_REQUESTS = 20
WARMUP_BUDGET_SECONDS = 20.0
LOAD_WORKERS = 4
LOAD_CONNECTIONS = 8
LOAD_CLIENTS = 2
COLD_RUNS = 3
SUMMARY_PREFIX = "PEP-BENCH"

# wrk has no p95 in --latency: this done() prints one machine-readable line instead.
WRK_SCRIPT = f"""\
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "{SUMMARY_PREFIX} p50=%.1f p95=%.1f p99=%.1f rps=%.3f requests=%d duration=%d "
    .. "connect=%d read=%d write=%d status=%d timeout=%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests / summary.duration * 1e6, summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""

INTRO = f"""\
# Rendimiento

`make bench` mide, en una sola corrida y lado a lado, en SQLite y en PostgreSQL:

1. el tiempo de servidor de cada página de lectura (tablero, objetivo, indicador, plan,
   indicadores, calidad, pendientes, mi trabajo, historial, calendario, reprogramaciones,
   portal de transparencia, API de lectura) con el plan semilla (libro 2020) y con un plan
   generado de 40 objetivos × 4.000 vínculos indicador–objetivo, servidas por gunicorn en
   127.0.0.1 y medidas con wrk (p50, p95 y peticiones por segundo), junto a la página de
   ingreso de la propia aplicación como piso del framework;
2. la primera petición tras una escritura que cambia cifras (en frío) del tablero, un objetivo
   y la lista de indicadores del plan generado;
3. la carga: PostgreSQL, gunicorn con {LOAD_WORKERS} workers, dos clientes que aprueban
   reportes sin pausa mientras `wrk -c{LOAD_CONNECTIONS}` lee el tablero;
4. `import_book` de un libro generado de 10.000 filas frente a una lectura desnuda del mismo
   archivo con openpyxl, y la memoria máxima (RSS) de la importación y de la exportación.

Todo corre en un directorio temporal con sus propias bases SQLite y, para PostgreSQL, en la
base que se le indique (`--postgres`, que se vacía); la base del desarrollador no se toca.
Son mediciones, no pruebas cronometradas: dependen de la máquina.

Umbrales, en la máquina de referencia de 2 núcleos:

- cada página de lectura del plan de 4.000 vínculos: mediana ≤ {FLOOR_FACTOR:.0f} × la del
  ingreso medida en la misma corrida y la misma base;
- la primera petición tras una escritura (tablero, objetivo, lista) ≤ {COLD_TARGET_MS:.0f} ms;
- carga: p95 del tablero ≤ {LOAD_P95_TARGET_MS:.0f} ms y ninguna petición fallida;
- `import_book` de 10.000 filas ≤ 2 × la lectura desnuda con openpyxl;
- memoria máxima de importación y exportación ≤ {PEAK_TARGET_MB:.0f} MB.

Reproducir: `make bench` (instala wrk de Debian si falta); con PostgreSQL,
`make bench BENCH_ARGS="--postgres postgres://usuario@servidor/base_que_se_vacia"`. Opciones:
`.venv/bin/python -m tools.bench --help`.

Lo que está entre los marcadores de abajo lo reescribe `make bench` en cada corrida; el resto
del archivo se escribe a mano.

"""


# --- Pure parts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    """wrk's summary of one URL: latencies in microseconds, throughput in requests per second."""

    p50_us: float
    p95_us: float
    p99_us: float
    rps: float
    requests: int
    errors: dict[str, int]

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def p50_ms(self) -> float:
        return self.p50_us / 1000

    @property
    def p95_ms(self) -> float:
        return self.p95_us / 1000


ERROR_KINDS = ("connect", "read", "write", "status", "timeout")


def parse_wrk(output: str) -> WrkResult:
    """The result in wrk's output: the line our Lua ``done()`` printed. ValueError if absent."""
    for line in output.splitlines():
        if line.startswith(SUMMARY_PREFIX + " "):
            fields = dict(part.split("=", 1) for part in line.split()[1:])
            try:
                return WrkResult(
                    p50_us=float(fields["p50"]),
                    p95_us=float(fields["p95"]),
                    p99_us=float(fields["p99"]),
                    rps=float(fields["rps"]),
                    requests=int(fields["requests"]),
                    errors={kind: int(fields[kind]) for kind in ERROR_KINDS},
                )
            except (KeyError, ValueError) as error:
                raise ValueError(f"línea de resumen de wrk ilegible: {line!r}") from error
    raise ValueError("wrk no imprimió la línea de resumen")


def parse_dashboard_path(line: str) -> tuple[int, int]:
    """generate_plan's last line, ``/?plan=7&vigencia=2024`` → (7, 2024)."""
    match = re.fullmatch(r"/\?plan=(\d+)&vigencia=(\d{4})", line.strip())
    if not match:
        raise ValueError(f"generate_plan no terminó con la URL del tablero: {line!r}")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Stats:
    median: float
    low: float
    high: float


def stats(values: list[float]) -> Stats:
    if not values:
        raise ValueError("no values")
    return Stats(statistics.median(values), min(values), max(values))


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.reasons

    def __str__(self) -> str:
        return "cumple" if self.ok else f"no cumple ({'; '.join(self.reasons)})"


def fmt(value: float, places: int) -> str:
    """A float in Colombian style: 1234.5 → "1.234,5"."""
    return number(Decimal(str(value)), places)


def web_verdict(target: WrkResult, login: WrkResult) -> Verdict:
    """A reading page's median against the login page's, measured in the same run."""
    if not target.requests:
        return Verdict(("ninguna respuesta en la corrida de wrk",))
    factor = target.p50_us / login.p50_us if login.p50_us else float("inf")
    if factor <= FLOOR_FACTOR:
        return Verdict()
    return Verdict((f"{fmt(factor, 1)} × el ingreso > {fmt(FLOOR_FACTOR, 0)} ×",))


def cold_verdict(ms: float) -> Verdict:
    if ms <= COLD_TARGET_MS:
        return Verdict()
    return Verdict((f"{fmt(ms, 1)} ms > {fmt(COLD_TARGET_MS, 0)} ms",))


def load_verdict(load: LoadResult) -> Verdict:
    reasons = []
    if load.wrk.p95_ms > LOAD_P95_TARGET_MS:
        reasons.append(f"p95 {fmt(load.wrk.p95_ms, 1)} ms > {fmt(LOAD_P95_TARGET_MS, 0)} ms")
    failed = load.wrk.error_count + load.failed
    if failed:
        reasons.append(f"{fmt(failed, 0)} peticiones fallidas")
    return Verdict(tuple(reasons))


def import_verdict(ratio: float) -> Verdict:
    if ratio <= IMPORT_RATIO_TARGET:
        return Verdict()
    return Verdict((f"{fmt(ratio, 2)}× > {fmt(IMPORT_RATIO_TARGET, 1)}×",))


def memory_verdict(peak_mb: float) -> Verdict:
    if peak_mb <= PEAK_TARGET_MB:
        return Verdict()
    return Verdict((f"{fmt(peak_mb, 1)} MB > {fmt(PEAK_TARGET_MB, 0)} MB",))


@dataclass(frozen=True)
class Target:
    """A URL to measure and a text its page must contain (else it is not the page we think)."""

    page: str
    plan: str
    url: str
    expected: str
    measured: bool = False  # the page the web target applies to


LOGIN = Target("Ingreso (piso)", "—", "/cuenta/login/", 'name="password"')


def plan_targets(plan: dict, label: str, *, measured: bool) -> list[Target]:
    """Every reading page of a plan, in its vigencia: ``plan`` as the session script prints it
    (id, name, year, first objective and indicator)."""
    pk, year, indicator, objective = plan["id"], plan["year"], plan["indicator"], plan["objective"]
    pages = [
        ("Tablero", f"/?plan={pk}&vigencia={year}", escape(plan["name"])),
        ("Objetivo", f"/objetivos/{objective}/?vigencia={year}", 'id="suma-aportes"'),
        ("Indicador", f"/indicadores/{indicator}/", 'id="grafico-programacion"'),
        ("Plan (sunburst)", f"/plan/?plan={pk}&vigencia={year}", 'id="grafico-plan"'),
        ("Indicadores", f"/indicadores/?plan={pk}&vigencia={year}", 'id="filtros"'),
        ("Calidad", f"/calidad/?plan={pk}", "<h1"),
        ("Pendientes", f"/pendientes/?plan={pk}&vigencia={year}&corte=12", "tabla-pendientes"),
        ("Mi trabajo", f"/mi-trabajo/?plan={pk}", "<h1"),
        ("Historial", f"/indicadores/{indicator}/historial/", "<h1"),
        ("Calendario", f"/calendario/?plan={pk}&vigencia={year}", "<h1"),
        ("Reprogramaciones", f"/reprogramaciones/?plan={pk}", "<h1"),
        ("Tablero al 30 de junio", f"/?plan={pk}&vigencia={year}&corte=6", 'id="vamos-bien"'),
        ("Objetivo al 30 de junio", f"/objetivos/{objective}/?vigencia={year}&corte=6", "<h1"),
        ("Programación por corte", f"/indicadores/{indicator}/programacion/{year}/cortes/", "<h1"),
        ("Acciones de mejora", f"/acciones/?plan={pk}&ver=todas", "<h1"),
        ("Acción de mejora", f"/acciones/{plan['action']}/", "<h1"),
        ("Portal", f"/transparencia/{pk}/", escape(plan["name"])),
        ("API: cifras vivas", f"/api/v1/live-figures/?plan={pk}&year={year}", '"objectives"'),
        ("API: indicadores", f"/api/v1/indicators/?plan={pk}", '"results"'),
    ]
    return [Target(page, label, url, expected, measured) for page, url, expected in pages]


@dataclass(frozen=True)
class PageResult:
    page: str
    plan: str
    url: str
    wrk: WrkResult
    is_target: bool = False
    database: str = "SQLite"


@dataclass(frozen=True)
class ColdResult:
    """The first request after a write to the plan's figures, a few times (milliseconds)."""

    page: str
    database: str
    url: str
    times_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times_ms)


@dataclass(frozen=True)
class LoadResult:
    """wrk on the dashboard while clients approve reports: their counts and latencies."""

    url: str
    database: str
    workers: int
    cache: str
    wrk: WrkResult
    approved: int
    failed: int
    approve_p50_ms: float
    approve_p95_ms: float


@dataclass(frozen=True)
class BookResult:
    rows: int
    sheet_rows: int
    runs: int
    openpyxl: Stats
    import_: Stats
    reimport_seconds: float
    import_peak_mb: float
    reimport_peak_mb: float
    export_seconds: float
    export_peak_mb: float

    @property
    def ratio(self) -> float:
        return self.import_.median / self.openpyxl.median


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gb: float
    os: str
    versions: dict[str, str]


@dataclass(frozen=True)
class Report:
    date: str
    commit: str
    machine: Machine
    duration: int
    links: int
    objectives: int
    login: PageResult | None = None
    pages: list[PageResult] = field(default_factory=list)
    book: BookResult | None = None
    logins: dict[str, PageResult] = field(default_factory=dict)  # per database
    cold: list[ColdResult] = field(default_factory=list)
    load: LoadResult | None = None


def web_table(login: PageResult, pages: list[PageResult]) -> str:
    lines = [
        "| Página | Plan | URL | Peticiones | p50 (ms) | p95 (ms) | req/s | × ingreso (p50) "
        "| Veredicto |",
        "|---|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for result in [login, *pages]:
        factor = result.wrk.p50_us / login.wrk.p50_us if login.wrk.p50_us else 0.0
        verdict = str(web_verdict(result.wrk, login.wrk)) if result.is_target else ""
        lines.append(
            f"| {result.page} | {result.plan} | `{result.url}` | {fmt(result.wrk.requests, 0)} "
            f"| {fmt(result.wrk.p50_ms, 1)} | {fmt(result.wrk.p95_ms, 1)} "
            f"| {fmt(result.wrk.rps, 1)} | {fmt(factor, 1)} | {verdict} |"
        )
    return "\n".join(lines)


def side_by_side(logins: dict[str, PageResult], pages: list[PageResult]) -> str:
    """The plan of 4.000 links, page by page, in each database: × the login page's median."""
    databases = list(logins)
    lines = [
        "| Página | " + " | ".join(f"{d}: p50 (ms) | {d}: × ingreso" for d in databases) + " |",
        "|---|" + "--:|--:|" * len(databases),
        "| Ingreso (piso) | "
        + " | ".join(f"{fmt(logins[d].wrk.p50_ms, 1)} | 1,0" for d in databases)
        + " |",
    ]
    found = {(p.page, p.database): p for p in pages if p.is_target}
    for page in dict.fromkeys(p.page for p in pages if p.is_target):
        cells = []
        for d in databases:
            result = found.get((page, d))
            if result is None:
                cells.append("— | —")
                continue
            factor = result.wrk.p50_us / logins[d].wrk.p50_us
            mark = "" if web_verdict(result.wrk, logins[d].wrk).ok else " ✗"
            cells.append(f"{fmt(result.wrk.p50_ms, 1)} | {fmt(factor, 1)}{mark}")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cold_table(cold: list[ColdResult]) -> str:
    lines = [
        f"| Página | Base | URL | Primeras peticiones (ms) | Mediana (ms) "
        f"| Veredicto (≤ {fmt(COLD_TARGET_MS, 0)} ms) |",
        "|---|---|---|---|--:|---|",
    ]
    for c in cold:
        times = ", ".join(fmt(t, 1) for t in c.times_ms)
        lines.append(
            f"| {c.page} | {c.database} | `{c.url}` | {times} | {fmt(c.median_ms, 1)} "
            f"| {cold_verdict(c.median_ms)} |"
        )
    return "\n".join(lines)


def load_table(load: LoadResult) -> str:
    return "\n".join(
        [
            f"{load.database}, gunicorn con {load.workers} workers, caché {load.cache}; "
            f"`wrk -t2 -c{LOAD_CONNECTIONS}` lee `{load.url}` mientras {LOAD_CLIENTS} clientes "
            "aprueban reportes enviados, uno tras otro y sin pausa (cada aprobación cambia las "
            "cifras del plan y renueva su revisión).",
            "",
            "| Medición | Valor |",
            "|---|--:|",
            f"| Tablero: peticiones | {fmt(load.wrk.requests, 0)} |",
            f"| Tablero: p50 (ms) | {fmt(load.wrk.p50_ms, 1)} |",
            f"| Tablero: p95 (ms) | {fmt(load.wrk.p95_ms, 1)} |",
            f"| Tablero: req/s | {fmt(load.wrk.rps, 1)} |",
            f"| Tablero: peticiones fallidas | {fmt(load.wrk.error_count, 0)} |",
            f"| Aprobaciones hechas | {fmt(load.approved, 0)} |",
            f"| Aprobaciones fallidas | {fmt(load.failed, 0)} |",
            f"| Aprobación: p50 / p95 (ms) | {fmt(load.approve_p50_ms, 1)} / "
            f"{fmt(load.approve_p95_ms, 1)} |",
            "",
            f"Carga: {load_verdict(load)} (p95 ≤ {fmt(LOAD_P95_TARGET_MS, 0)} ms, ninguna "
            "petición fallida).",
        ]
    )


def import_table(book: BookResult) -> str:
    def seconds(value: Stats) -> str:
        return f"{fmt(value.median, 2)} ({fmt(value.low, 2)}–{fmt(value.high, 2)})"

    return "\n".join(
        [
            f"Libro generado: {fmt(book.rows, 0)} filas de datos ({fmt(book.sheet_rows, 0)} filas "
            "en todas sus hojas), exportado por `export_book` y guardado de nuevo con textos "
            "compartidos, como lo guarda una hoja de cálculo; mediana (mínimo–máximo) de "
            f"{book.runs} corrida(s), en segundos.",
            "",
            "| Medición | Segundos |",
            "|---|--:|",
            f"| Lectura desnuda con openpyxl (read_only) | {seconds(book.openpyxl)} |",
            f"| `import_book` en base vacía | {seconds(book.import_)} |",
            f"| `import_book` otra vez (sin cambios) | {fmt(book.reimport_seconds, 2)} |",
            f"| `export_book` | {fmt(book.export_seconds, 2)} |",
            "",
            f"Importación / lectura openpyxl: **{fmt(book.ratio, 2)}×** "
            f"(límite ≤ {fmt(IMPORT_RATIO_TARGET, 1)}×): {import_verdict(book.ratio)}.",
        ]
    )


def memory_table(book: BookResult) -> str:
    rows = [
        ("`import_book` en base vacía (máximo de las corridas)", book.import_peak_mb),
        ("`import_book` otra vez (sin cambios)", book.reimport_peak_mb),
        ("`export_book`", book.export_peak_mb),
    ]
    lines = [
        f"| Proceso | Memoria máxima (MB) | Veredicto (≤ {fmt(PEAK_TARGET_MB, 0)} MB) |",
        "|---|--:|---|",
    ]
    lines += [f"| {name} | {fmt(mb, 1)} | {memory_verdict(mb)} |" for name, mb in rows]
    return "\n".join(lines)


def machine_lines(report: Report) -> list[str]:
    machine = report.machine
    versions = ", ".join(f"{name} {version}" for name, version in machine.versions.items())
    return [
        f"- Fecha: {report.date}",
        f"- Commit: `{report.commit}`",
        f"- Máquina: {machine.cpu}, {machine.cores} núcleos, {fmt(machine.ram_gb, 1)} GB de RAM, "
        f"{machine.os}",
        f"- Versiones: {versions}",
        f"- Servidor: gunicorn con {WORKERS} workers síncronos en 127.0.0.1, DEBUG=false, SQLite "
        "(archivo en un directorio temporal) y PostgreSQL, caché en memoria local",
        f"- Carga: `wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} -d{report.duration}s "
        f"--timeout {WRK_TIMEOUT}` por URL, con la cookie de sesión de un superusuario, tras "
        f"{WARMUP_REQUESTS} peticiones de calentamiento (o {fmt(WARMUP_BUDGET_SECONDS, 0)} s)",
        f"- Plan generado: `generate_plan --objectives {report.objectives} "
        f"--indicators {report.links}`",
        "- Reproducir: `make bench` (o `.venv/bin/python -m tools.bench --output "
        "docs/performance.md`)",
    ]


def render_block(report: Report) -> str:
    parts = [
        f"## Última corrida de `make bench` ({report.date[:10]})",
        "",
        *machine_lines(report),
    ]
    logins = report.logins or ({"SQLite": report.login} if report.login is not None else {})
    if logins:
        parts += [
            "",
            "### Plan de 4.000 vínculos, lado a lado",
            "",
            f"Mediana de cada página frente a la del ingreso en la misma base (✗: más de "
            f"{fmt(FLOOR_FACTOR, 0)} ×).",
            "",
            side_by_side(logins, report.pages),
        ]
        for database, login in logins.items():
            pages = [p for p in report.pages if p.database == database]
            parts += ["", f"### Páginas en {database} (tiempo de servidor)", ""]
            parts.append(web_table(login, pages))
    if report.cold:
        parts += ["", "### Primera petición tras una escritura (en frío)", ""]
        parts.append(cold_table(report.cold))
    if report.load is not None:
        parts += ["", "### Carga con escrituras", "", load_table(report.load)]
    if report.book is not None:
        parts += [
            "",
            "### Importación del libro",
            "",
            import_table(report.book),
            "",
            "### Memoria máxima (RSS del proceso)",
            "",
            memory_table(report.book),
        ]
    return "\n".join(parts)


def replace_block(document: str, block: str) -> str:
    """The document with ``block`` between the markers; markers appended when missing."""
    start, end = document.find(START), document.find(END)
    if start == -1 or end == -1 or end < start:
        separator = "" if document.endswith("\n") or not document else "\n"
        return f"{document}{separator}{START}\n{block}\n{END}\n"
    return f"{document[: start + len(START)]}\n{block}\n{document[end:]}"


def cpu_model(cpuinfo: str) -> str:
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name":
            return value.strip()
    return platform.processor() or platform.machine()


def ram_gb(meminfo: str) -> float:
    match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE)
    return int(match.group(1)) * 1024 / 1e9 if match else 0.0


def os_name(os_release: str) -> str:
    match = re.search(r'^PRETTY_NAME="?([^"\n]*)"?', os_release, re.MULTILINE)
    return match.group(1) if match else platform.platform()


def tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


# --- Running things ---------------------------------------------------------------------------
