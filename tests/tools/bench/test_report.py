"""The pure parts of `make bench`: nothing here starts gunicorn or times anything."""

import pytest

from tools.bench.report import (
    END,
    LOGIN,
    START,
    SUMMARY_PREFIX,
    WRK_SCRIPT,
    BookResult,
    ColdResult,
    LoadResult,
    Machine,
    PageResult,
    Report,
    Stats,
    WrkResult,
    cold_verdict,
    cpu_model,
    fmt,
    import_verdict,
    load_verdict,
    memory_verdict,
    os_name,
    parse_dashboard_path,
    parse_wrk,
    plan_targets,
    ram_gb,
    render_block,
    replace_block,
    stats,
    web_verdict,
)

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:8123/?plan=2&vigencia=2024
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    41.20ms    5.10ms  80.00ms   90.00%
    Req/Sec    48.50      6.20    60.00     70.00%
  485 requests in 10.01s, 12.34MB read
Requests/sec:     48.45
Transfer/sec:      1.23MB
PEP-BENCH p50=40125.0 p95=52010.5 p99=79001.0 rps=48.452 requests=485 duration=10010000 \
connect=0 read=0 write=0 status=0 timeout=0
"""


def wrk(p50_ms=10.0, p95_ms=20.0, rps=100.0, **errors) -> WrkResult:
    counts = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0, **errors}
    return WrkResult(p50_ms * 1000, p95_ms * 1000, p95_ms * 1000, rps, 100, counts)


def book(**changes) -> BookResult:
    values = {
        "rows": 10_000,
        "sheet_rows": 10_250,
        "runs": 3,
        "openpyxl": Stats(2.0, 1.9, 2.2),
        "import_": Stats(2.9, 2.8, 3.1),
        "reimport_seconds": 1.25,
        "import_peak_mb": 180.4,
        "reimport_peak_mb": 170.0,
        "export_seconds": 4.5,
        "export_peak_mb": 320.55,
    }
    return BookResult(**{**values, **changes})


def report(**changes) -> Report:
    login = PageResult("Ingreso (piso)", "—", "/cuenta/login/", wrk(2.0, 4.0, 800.0))
    pages = [
        PageResult("Tablero", "semilla", "/?plan=1&vigencia=2020", wrk(30.0, 45.0, 60.0)),
        PageResult("Tablero", "generado", "/?plan=2&vigencia=2024", wrk(90.0, 140.0, 250.5), True),
    ]
    values = {
        "cold": [ColdResult("Tablero", "PostgreSQL", "/", (120.0, 160.0, 140.0))],
        "load": LoadResult("/", "PostgreSQL", 4, "Redis", wrk(20.0, 45.0, 300.0), 250, 0, 30, 60),
        "date": "2026-11-24T19:47:03-05:00",
        "commit": "abc1234",
        "machine": Machine("Xeon", 2, 25.3, "Debian GNU/Linux 12 (bookworm)", {"Python": "3.11"}),
        "duration": 10,
        "links": 4000,
        "objectives": 40,
        "login": login,
        "pages": pages,
        "book": book(),
    }
    return Report(**{**values, **changes})


def test_parse_wrk_reads_the_lua_summary_line():
    result = parse_wrk(WRK_OUTPUT.replace("\\\n", ""))
    assert result.p50_us == 40125.0
    assert result.p95_ms == pytest.approx(52.0105)
    assert result.p99_us == 79001.0
    assert result.rps == pytest.approx(48.452)
    assert result.requests == 485
    assert result.error_count == 0


def test_parse_wrk_counts_every_kind_of_error():
    line = (
        f"{SUMMARY_PREFIX} p50=1.0 p95=2.0 p99=3.0 rps=4.0 requests=5 duration=6 "
        "connect=1 read=0 write=0 status=3 timeout=2"
    )
    result = parse_wrk(line)
    assert result.errors["status"] == 3
    assert result.error_count == 6


def test_parse_wrk_without_the_line_or_with_a_broken_one_is_an_error():
    with pytest.raises(ValueError, match="no imprimió"):
        parse_wrk("Running 10s test @ http://127.0.0.1/\nRequests/sec: 1.0\n")
    with pytest.raises(ValueError, match="ilegible"):
        parse_wrk(f"{SUMMARY_PREFIX} p50=1.0 p95=nan-ish")


def test_the_lua_script_prints_what_parse_wrk_reads():
    assert SUMMARY_PREFIX in WRK_SCRIPT
    for piece in ("percentile(50)", "percentile(95)", "percentile(99)", "e.status", "e.timeout"):
        assert piece in WRK_SCRIPT


def test_parse_dashboard_path():
    assert parse_dashboard_path("/?plan=7&vigencia=2024\n") == (7, 2024)
    with pytest.raises(ValueError):
        parse_dashboard_path("Plan «X»: 40 objetivos, 4000 vínculos.")


def test_plan_targets_are_every_reading_page_in_the_vigencia():
    plan = {
        "id": 7,
        "year": 2024,
        "name": "Plan «A & B»",
        "objective": 31,
        "indicator": 5,
        "action": 12,
    }
    targets = plan_targets(plan, "generado", measured=True)
    urls = {t.page: t.url for t in targets}
    assert urls["Tablero"] == "/?plan=7&vigencia=2024"
    assert urls["Objetivo"] == "/objetivos/31/?vigencia=2024"
    assert urls["Indicador"] == "/indicadores/5/"
    assert urls["Indicadores"] == "/indicadores/?plan=7&vigencia=2024"
    assert urls["Portal"] == "/transparencia/7/"
    assert urls["API: cifras vivas"] == "/api/v1/live-figures/?plan=7&year=2024"
    assert {"Plan (sunburst)", "Calidad", "Pendientes", "Mi trabajo", "Calendario"} <= set(urls)
    assert urls["Reprogramaciones"] == "/reprogramaciones/?plan=7"
    assert urls["Tablero al 30 de junio"] == "/?plan=7&vigencia=2024&corte=6"
    assert urls["Objetivo al 30 de junio"] == "/objetivos/31/?vigencia=2024&corte=6"
    assert urls["Programación por corte"] == "/indicadores/5/programacion/2024/cortes/"
    assert urls["Acciones de mejora"] == "/acciones/?plan=7&ver=todas"
    assert urls["Acción de mejora"] == "/acciones/12/"
    assert targets[0].expected == "Plan «A &amp; B»"  # as the template escapes it
    assert all(t.measured for t in targets)
    assert not any(t.measured for t in plan_targets(plan, "semilla", measured=False))
    assert LOGIN.url == "/cuenta/login/"


def test_stats_median_low_high():
    assert stats([3.0, 1.0, 2.0]) == Stats(2.0, 1.0, 3.0)
    assert stats([4.0, 1.0]).median == 2.5
    with pytest.raises(ValueError):
        stats([])


def test_fmt_is_colombian():
    assert fmt(1234.5, 1) == "1.234,5"
    assert fmt(0.125, 2) == "0,13"  # half-up, as everywhere in PEP
    assert fmt(4000, 0) == "4.000"


def test_web_verdict_is_the_median_against_ten_times_the_login_pages():
    login = wrk(p50_ms=2.0)
    assert web_verdict(wrk(p50_ms=20.0), login).ok  # exactly on the limit
    assert str(web_verdict(wrk(p50_ms=45.0), login)) == "no cumple (22,5 × el ingreso > 10 ×)"
    assert str(web_verdict(wrk(p50_ms=3.0), login)) == "cumple"
    silent = WrkResult(0, 0, 0, 0.0, 0, {"timeout": 0})
    assert str(web_verdict(silent, login)) == "no cumple (ninguna respuesta en la corrida de wrk)"


def test_cold_and_load_verdicts():
    assert cold_verdict(150.0).ok
    assert str(cold_verdict(450.25)) == "no cumple (450,3 ms > 150 ms)"
    load = LoadResult("/", "PostgreSQL", 4, "Redis", wrk(p95_ms=50.0), 300, 0, 40.0, 80.0)
    assert load_verdict(load).ok
    slow = LoadResult("/", "PostgreSQL", 4, "Redis", wrk(p95_ms=134.9, status=2), 300, 1, 1, 2)
    assert str(load_verdict(slow)) == "no cumple (p95 134,9 ms > 50 ms; 3 peticiones fallidas)"


def test_import_and_memory_verdicts():
    assert import_verdict(2.0).ok
    assert str(import_verdict(12.345)) == "no cumple (12,35× > 2,0×)"
    assert memory_verdict(300.0).ok
    assert str(memory_verdict(412.06)) == "no cumple (412,1 MB > 300 MB)"


def test_render_block_has_the_machine_the_tables_and_the_verdicts():
    block = render_block(report())
    assert "- Commit: `abc1234`" in block
    assert "Xeon, 2 núcleos, 25,3 GB de RAM, Debian GNU/Linux 12 (bookworm)" in block
    assert "`wrk -t1 -c2 -d10s --timeout 30s`" in block
    assert "`make bench`" in block
    assert "| Ingreso (piso) | — | `/cuenta/login/` | 100 | 2,0 | 4,0 | 800,0 | 1,0 |  |" in block
    assert (
        "| Tablero | semilla | `/?plan=1&vigencia=2020` | 100 | 30,0 | 45,0 | 60,0 | 15,0 |  |"
        in block
    )
    assert "| 90,0 | 140,0 | 250,5 | 45,0 | no cumple (45,0 × el ingreso > 10 ×) |" in block
    assert "| Tablero | 90,0 | 45,0 ✗ |" in block  # side by side
    assert "| Tablero | PostgreSQL | `/` | 120,0, 160,0, 140,0 | 140,0 | cumple |" in block
    assert "Carga: cumple" in block
    assert "10.000 filas de datos" in block
    assert "| Lectura desnuda con openpyxl (read_only) | 2,00 (1,90–2,20) |" in block
    assert "**1,45×** (límite ≤ 2,0×): cumple." in block
    assert "| `import_book` en base vacía (máximo de las corridas) | 180,4 | cumple |" in block
    assert "| `export_book` | 320,6 | no cumple (320,6 MB > 300 MB) |" in block
    assert START not in block and END not in block


def test_render_block_leaves_out_the_parts_not_measured():
    block = render_block(report(login=None, pages=[], book=None))
    assert "Páginas" not in block and "Importación" not in block
    assert "- Fecha: 2026-11-24T19:47:03-05:00" in block


def test_replace_block_keeps_the_hand_written_text_around_the_markers():
    document = f"# Rendimiento\n\nIntro.\n\n{START}\nviejo\n{END}\n\n## Antes\n\n| a |\n"
    updated = replace_block(document, "nuevo\nbloque")
    assert (
        updated
        == f"# Rendimiento\n\nIntro.\n\n{START}\nnuevo\nbloque\n{END}\n\n## Antes\n\n| a |\n"
    )
    assert replace_block(updated, "nuevo\nbloque") == updated


def test_replace_block_appends_the_markers_when_missing():
    assert replace_block("# Rendimiento\n", "x") == f"# Rendimiento\n{START}\nx\n{END}\n"
    assert replace_block("# Sin salto", "x") == f"# Sin salto\n{START}\nx\n{END}\n"
    assert replace_block(f"{END} antes de {START}", "x").endswith(f"{START}\nx\n{END}\n")


def test_machine_facts_from_proc_and_os_release():
    cpuinfo = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t: fpu\n"
    assert cpu_model(cpuinfo) == "Intel(R) Xeon(R) Processor"
    assert ram_gb("MemTotal:       24683520 kB\nMemFree: 1 kB\n") == pytest.approx(25.276, 1e-3)
    assert ram_gb("") == 0.0
    assert os_name('NAME="Debian"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n') == (
        "Debian GNU/Linux 12 (bookworm)"
    )
