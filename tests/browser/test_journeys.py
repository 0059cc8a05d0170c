"""The user journeys of the issue, in a real Chromium against the live server."""

import os
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import SEED_BOOK

SEED_2020 = ["49,02 %", "34,26 %", "0,00 %", "82,48 %", "96,53 %", "71,43 %", "69,92 %", "74,00 %"]
BUDGET = "Porcentaje de presupuesto comprometido"


def open_indicator(page, live_server, name: str) -> None:
    page.goto(f"{live_server.url}/indicadores/?q={name[:20]}")
    page.locator("table tbody a").first.click()
    expect(page.locator("h1")).to_contain_text(name)


def test_a_director_reads_the_dashboard_and_objective_5(page, live_server, seeded, login):
    errors = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    login(page, "directivo")
    page.goto(f"{live_server.url}/?vigencia=2020")
    for number, figure in enumerate(SEED_2020, 1):
        expect(page.locator(f"#objetivo-{number} .figure-big")).to_have_text(figure)
    expect(page.locator("#grafico-cumplimiento svg.main-svg").first).to_be_visible()
    expect(page.locator("#grafico-cumplimiento .bars path")).to_have_count(8)
    page.click("#objetivo-5")
    expect(page.locator("#cumplimiento")).to_have_text("96,53 %")
    calc = page.locator("#tabla-calculo")
    expect(calc).to_contain_text("Suma: 3.253.000 / 2.000.000 = 162,65 %")
    expect(calc).to_contain_text("N/A: sin programación en 2020")
    expect(page.locator("#politica-renormalizado")).to_have_text("144,82 %")
    assert errors == []  # no script or style refused by the Content-Security-Policy


def test_a_corte_is_reported_returned_fixed_and_approved(
    browser, live_server, seeded, login, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    evidence = tmp_path / "acta.pdf"
    evidence.write_bytes(b"%PDF-1.4 acta de comite")
    reporter = browser.new_context(locale="es-CO").new_page()
    planner = browser.new_context(locale="es-CO").new_page()
    login(reporter, "responsable")
    login(planner, "planeacion")

    open_indicator(reporter, live_server, BUDGET)
    reporter.select_option("#r-vigencia", "2021")
    reporter.select_option("#r-corte", "3")
    reporter.click("#nuevo-reporte button")
    form_url = reporter.url
    # Beside the input: the unit, the vigencia's target and the cortes of the vigencia.
    expect(reporter.locator("#unidad")).to_have_text("Porcentaje (puntos porcentuales)")
    expect(reporter.locator("#meta-vigencia")).to_have_text("100,00 %")
    expect(reporter.locator("#cortes-anteriores")).to_contain_text("31 de marzo")
    reporter.fill("#id_executed", "24,5")
    reporter.fill("#id_achievements", "Compromisos del primer trimestre")
    reporter.fill("#id_delays", "La contratación empezó tarde")
    reporter.set_input_files("#id_files", str(evidence))
    reporter.click("button[name=enviar]")
    expect(reporter.locator(".alert-success")).to_contain_text("enviado a revisión")

    open_indicator(planner, live_server, BUDGET)
    row = planner.locator("#tabla-reportes tbody tr").first
    expect(row).to_contain_text("Enviado")
    expect(row.get_by_role("link", name="acta.pdf")).to_be_visible()
    row.get_by_role("link", name="Revisar").click()
    planner.locator("#acciones textarea").fill("Falta el soporte de la Subdirección Financiera")
    planner.click("#acciones button[name=devolver]")
    expect(planner.locator(".alert-success")).to_contain_text("devuelto")

    reporter.goto(form_url)
    expect(reporter.locator("#nota-devolucion")).to_contain_text("Falta el soporte")
    expect(reporter.locator("#seguimiento")).to_contain_text("Falta el soporte")
    reporter.fill("#id_executed", "25,3")
    reporter.click("button[name=enviar]")

    planner.goto(f"{live_server.url}/?vigencia=2021")
    expect(planner.locator("#objetivo-7 .figure-big")).to_have_text("N/A")
    planner.goto(form_url)
    planner.locator("#acciones textarea").fill("Conforme con el acta del comité")
    planner.click("#acciones button[name=aprobar]")
    planner.goto(f"{live_server.url}/?vigencia=2021")
    expect(planner.locator("#objetivo-7 .figure-year")).to_contain_text("12,65 %")
    # The approval note is the reason of that step in the indicator's history.
    open_indicator(planner, live_server, BUDGET)
    planner.get_by_role("link", name="Historial de cambios").click()
    approval = planner.locator("#tabla-historial tr", has_text="Aprobado").first
    expect(approval.locator(".motivo")).to_have_text("Conforme con el acta del comité")


def test_the_sender_sees_a_sent_report_read_only_and_withdraws_it(page, live_server, seeded, login):
    login(page, "responsable")
    url = f"{live_server.url}/indicadores/{_budget_pk()}/reportes/2021/6/"
    page.goto(url)
    page.fill("#id_executed", "40")
    page.fill("#id_delays", "La contratación empezó tarde")
    page.click("button[name=enviar]")
    page.goto(url)
    expect(page.locator("#estado")).to_have_text("Enviado")
    expect(page.locator("#id_executed")).to_have_count(0)  # read-only: no form
    expect(page.locator("#ejecutado")).to_have_text("40,00 %")
    expect(page.locator("button[name=enviar]")).to_have_count(0)
    page.locator("#acciones textarea").fill("Me faltó una evidencia")
    page.get_by_role("button", name="Retirar envío").click()
    expect(page.locator(".alert-success")).to_contain_text("Envío retirado")
    page.goto(url)
    expect(page.locator("#estado")).to_have_text("Borrador")
    expect(page.locator("#id_executed")).to_have_value("40")
    expect(page.locator("#seguimiento")).to_contain_text("Me faltó una evidencia")


def test_a_refusal_is_a_spanish_page_with_the_menu_and_the_reason(page, live_server, seeded, login):
    login(page, "directivo")
    response = page.goto(f"{live_server.url}/importar/")
    assert response.status == 403
    expect(page.locator("h1")).to_have_text("No tiene permiso para esto")
    expect(page.locator("#motivo")).to_have_text("Solo un administrador puede importar libros.")
    expect(page.locator("nav.navbar")).to_contain_text("Tablero")
    expect(page.locator("nav.navbar")).to_contain_text("Mi trabajo")


def test_two_browsers_edit_the_same_report_and_nothing_is_lost(browser, live_server, seeded, login):
    first = browser.new_context(locale="es-CO").new_page()
    second = browser.new_context(locale="es-CO").new_page()
    login(first, "responsable")
    login(second, "planeacion")
    url = f"{live_server.url}/indicadores/{_budget_pk()}/reportes/2021/3/"
    first.goto(url)
    first.fill("#id_executed", "20")
    first.click("button[name=guardar]")
    first.goto(url)
    second.goto(url)
    first.fill("#id_executed", "21")
    first.click("button[name=guardar]")
    second.fill("#id_executed", "30")
    second.fill("#id_achievements", "Mi análisis de la Oficina de Planeación")
    second.click("button[name=guardar]")
    expect(second.locator("h1")).to_contain_text("Otra persona guardó este reporte")
    expect(second.locator("#su-version")).to_contain_text("Mi análisis de la Oficina de Planeación")
    expect(second.locator("#su-version")).to_contain_text("30")
    expect(second.locator("#version-actual")).to_contain_text("21")


def _budget_pk() -> int:
    from indicators.models import Indicator

    return Indicator.objects.get(name__startswith=BUDGET).pk


def test_an_administrator_uploads_a_book_previews_and_confirms(
    page, live_server, seeded, login, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    book = load_workbook(SEED_BOOK)
    book["Objetivo 5"]["L7"] = 3500000  # 545 executed in 2020
    path = tmp_path / "libro-corregido.xlsx"
    book.save(path)
    login(page, "admin")
    page.goto(f"{live_server.url}/importar/")
    page.set_input_files("input[type=file]", str(path))
    page.click("main form button.btn-primary")
    change = page.locator("tr", has_text="Ejecución 545")
    expect(change).to_contain_text("3.253.000")
    expect(change).to_contain_text("3.500.000")
    page.click("#confirmar")
    expect(page.locator(".alert-success").first).to_be_visible()
    page.goto(f"{live_server.url}/?vigencia=2020")
    expect(page.locator("#objetivo-5 .figure-big")).to_have_text("100,65 %")


def test_switching_the_language_to_english_changes_the_ui(page, live_server, seeded, login):
    login(page, "directivo")
    expect(page.locator("nav.navbar")).to_contain_text("Tablero")
    page.select_option("#idioma", "en")
    page.wait_for_load_state()
    expect(page.locator("nav.navbar")).to_contain_text("Dashboard")
    expect(page.locator("main")).to_contain_text("Plan compliance")
    expect(page.locator("#cumplimiento-plan")).to_have_text(re.compile(r"59,71 %"))


SHOTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_readme_screenshots(browser, live_server, seeded, login, pytestconfig):
    """`make screenshots` refreshes docs/img from here; otherwise they go to test-results/:
    the report page, the dashboard and the indicators list, on a desktop and on a phone."""
    folder = os.environ.get("PEP_SCREENSHOTS") or str(pytestconfig.rootpath / "test-results")
    os.makedirs(folder, exist_ok=True)
    _march_approved(seeded)
    report = f"/indicadores/{_budget_pk()}/reportes/2021/6/"
    for size, viewport in SHOTS.items():
        page = browser.new_context(locale="es-CO", viewport=viewport).new_page()
        login(page, "responsable")
        page.goto(f"{live_server.url}{report}")
        page.fill("#id_executed", "51,2")
        page.fill("#id_achievements", "Compromisos del semestre según el acta del comité.")
        _shot(page, folder, f"reporte-{size}.png")
        login(page, "directivo")
        page.goto(f"{live_server.url}/?vigencia=2020")
        expect(page.locator("#grafico-tendencia svg.main-svg").first).to_be_visible()
        _shot(page, folder, f"tablero-{size}.png")
        page.goto(f"{live_server.url}/indicadores/?vigencia=2020")
        _shot(page, folder, f"indicadores-{size}.png")
        page.context.close()


def _march_approved(users) -> None:
    """The budget indicator's 31 March 2021 report, sent and approved with a note."""
    from decimal import Decimal

    from indicators.models import Indicator
    from objectives.reporting import services

    budget = Indicator.objects.get(pk=_budget_pk())
    report = services.report_save(
        user=users["responsable"],
        indicator=budget,
        year=2021,
        corte=3,
        data=services.ReportInput(executed=Decimal("24.5"), delays="Causa del retraso"),
        version=None,
    )
    report = services.report_send(user=users["responsable"], report=report, version=report.version)
    services.report_approve(
        user=users["planeacion"],
        report=report,
        version=report.version,
        note="Conforme con el acta del comité.",
    )


def _shot(page, folder: str, name: str) -> None:
    path = os.path.join(folder, name)
    page.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 30_000
