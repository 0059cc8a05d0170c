"""Issue 14's journey in a real Chromium: ¿vamos bien? at 30 June, the cause a report far
behind must give, and an improvement action from opening to closing."""

import re
from decimal import Decimal

from playwright.sync_api import expect

from tests.browser.test_journeys import BUDGET


def _approved(code: str, executed: str, by, reviewer) -> None:
    from indicators.models import Indicator
    from objectives.reporting import services

    indicator = Indicator.objects.get(code=code)
    report = services.report_save(
        user=by, indicator=indicator, year=2021, corte=6,
        data=services.ReportInput(executed=Decimal(executed)), version=None,
    )  # fmt: skip
    sent = services.report_send(user=by, report=report, version=report.version)
    services.report_approve(user=reviewer, report=sent, version=sent.version)


def _pk(code: str = "", name: str = "") -> int:
    from indicators.models import Indicator

    if name:
        return Indicator.objects.get(name__startswith=name).pk
    return Indicator.objects.get(code=code).pk


def test_on_schedule_at_june_is_a_tiempo_and_behind_gets_an_action(
    browser, live_server, seeded, login
):
    planner = browser.new_context(locale="es-CO").new_page()
    admin = browser.new_context(locale="es-CO").new_page()
    reporter = browser.new_context(locale="es-CO").new_page()
    login(planner, "planeacion")
    login(admin, "admin")
    login(reporter, "responsable")
    # Objective 5 exactly on schedule at 30 June 2021: half of each 2021 target.
    _approved("544", "1", seeded["planeacion"], seeded["admin"])
    _approved("546", "75000", seeded["planeacion"], seeded["admin"])
    report_545 = f"{live_server.url}/indicadores/{_pk('545')}/reportes/2021/6/"
    planner.goto(report_545)
    planner.fill("#id_executed", "1.750.000")
    planner.click("button[name=enviar]")
    expect(planner.locator(".alert-success")).to_contain_text("enviado a revisión")
    admin.goto(report_545)
    admin.click("#acciones button[name=aprobar]")
    admin.goto(f"{live_server.url}/?vigencia=2021")
    card = admin.locator("#objetivo-5")
    expect(card.locator(".figure-big")).to_have_text("99,99 %")
    expect(card).to_contain_text("A tiempo")
    expect(card).not_to_contain_text("Rojo")
    expect(card).to_contain_text("50,01 % de la meta del año")

    # Far behind: the report asks for the cause before it can be sent.
    budget = f"{live_server.url}/indicadores/{_pk(name=BUDGET)}/reportes/2021/6/"
    reporter.goto(budget)
    reporter.fill("#id_executed", "40")
    reporter.click("button[name=enviar]")
    expect(reporter.locator("#id_delays")).to_have_class(re.compile("is-invalid"))
    expect(reporter.locator("#form-reporte")).to_contain_text("queda atrasado")
    reporter.fill("#id_executed", "40")
    reporter.fill("#id_delays", "La contratación del segundo semestre se firmó tarde")
    reporter.click("button[name=enviar]")
    expect(reporter.locator(".alert-success")).to_contain_text("enviado a revisión")
    admin.goto(budget)
    admin.click("#acciones button[name=aprobar]")

    # Planeación opens an improvement action from the dashboard's list of indicators behind.
    planner.goto(f"{live_server.url}/?vigencia=2021")
    expect(planner.locator("#acciones-abiertas")).to_have_text("0 abiertas")
    row = planner.locator("#tabla-atrasados tr", has_text=BUDGET)
    expect(row).to_contain_text("Atrasado")
    row.get_by_role("link", name="Abrir acción de mejora").click()
    expect(planner.locator("#id_cause")).to_have_value(
        "La contratación del segundo semestre se firmó tarde"
    )
    planner.fill("#id_action", "Comprometer el presupuesto del segundo semestre en julio")
    planner.fill("#id_due_on", "2099-07-31")
    planner.click("#form-accion button[type=submit]")
    expect(planner.locator("#estado-accion")).to_have_text("Abierta")
    action_url = planner.url
    planner.goto(f"{live_server.url}/?vigencia=2021")
    expect(planner.locator("#acciones-abiertas")).to_have_text("1 abierta")

    # Closing it removes it from the open list.
    planner.goto(action_url)
    planner.fill("#form-cierre textarea", "Presupuesto comprometido al 31 de julio")
    planner.click("#form-cierre button[type=submit]")
    expect(planner.locator(".alert-success")).to_contain_text("quedó cumplida")
    expect(planner.locator("#estado-accion")).to_have_text("Cumplida")
    planner.goto(f"{live_server.url}/acciones/")
    expect(planner.locator("#sin-acciones")).to_be_visible()
    planner.goto(f"{live_server.url}/?vigencia=2021")
    expect(planner.locator("#acciones-abiertas")).to_have_text("0 abiertas")
