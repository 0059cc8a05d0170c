"""The transparency portal in a real Chromium: the citizen's journey, the phone and
accessibility checks of every portal page, and the API docs under the Content-Security-Policy."""

import csv
import io
import os
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from indicators.choices import Corte
from indicators.models import Indicator
from objectives.models import Plan
from objectives.reporting import services as workflow
from objectives.transparency import services

SEED_2020 = ["49,02 %", "34,26 %", "0,00 %", "82,48 %", "96,53 %", "71,43 %", "69,92 %", "74,00 %"]
API_2020 = [49.02, 34.26, 0.0, 82.48, 96.53, 71.43, 69.92, 74.0]
DRAFT = Decimal("43.219")  # of 100 programmed: 43,22 % if it ever showed


def _draft_2024(user) -> None:
    indicator = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    workflow.report_save(
        user=user,
        indicator=indicator,
        year=2024,
        corte=Corte.MARZO,
        data=workflow.ReportInput(executed=DRAFT, delays="Causa del retraso"),
        version=None,
    )


def test_a_citizen_reads_the_2020_figures_downloads_them_and_gets_them_from_the_api(
    browser, live_server, seeded, login, tmp_path
):
    _draft_2024(seeded["admin"])
    admin = browser.new_context(locale="es-CO").new_page()
    admin.on("dialog", lambda dialog: dialog.accept())
    login(admin, "admin")
    admin.goto(f"{live_server.url}/?vigencia=2020")
    admin.get_by_role("button", name="Cerrar la vigencia 2020").click()
    expect(admin.locator("#vigencia-cerrada")).to_be_visible()
    admin.get_by_role("link", name="Transparencia", exact=True).click()
    admin.get_by_role("button", name="Publicar el plan en el portal").click()
    expect(admin.locator(".alert-success")).to_contain_text("publicado en el portal")

    citizen = browser.new_context(locale="es-CO", accept_downloads=True).new_page()
    citizen.goto(f"{live_server.url}/transparencia/")
    plan = Plan.objects.get()
    for number, figure in enumerate(SEED_2020, 1):
        expect(citizen.locator(f"#resumen-{plan.pk}-o{number} .cifra")).to_have_text(figure)
    expect(citizen.locator(f"#resumen-{plan.pk}-plan")).to_have_text("59,71 %")
    citizen.get_by_role("link", name="Datos abiertos (CSV y JSON)").click()
    with citizen.expect_download() as download:
        citizen.locator("#tabla-archivos a", has_text="CSV").first.click()
    path = tmp_path / "2020.csv"
    download.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["objetivo_numero"] == "1" and rows[0]["cumplimiento_objetivo"] == "49.02"

    root = citizen.request.get(f"{live_server.url}/api/v1/").json()
    figures = citizen.request.get(f"{root['figures']}?year=2020").json()["results"][0]
    assert [o["compliance"] for o in figures["objectives"]] == API_2020
    assert figures["plan_compliance"] == 59.71

    pages = [citizen.content(), text, str(figures)]
    for url in (f"/transparencia/{plan.pk}/", f"/transparencia/{plan.pk}/objetivos/7/"):
        citizen.goto(live_server.url + url)
        pages.append(citizen.content())
    pages.append(citizen.request.get(f"{live_server.url}/api/v1/figures/").text())
    assert all("43,22" not in page and "43.22" not in page for page in pages)


@pytest.fixture
def portal(seeded):
    plan = Plan.objects.get()
    services.plan_portal_set(user=seeded["planeacion"], plan=plan, public=True)
    workflow.vigencia_close(user=seeded["admin"], plan=plan, year=2020)
    indicator = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    report = workflow.report_save(
        user=seeded["planeacion"],
        indicator=indicator,
        year=2021,
        corte=Corte.MARZO,
        data=workflow.ReportInput(executed=Decimal(25), delays="Causa del retraso"),
        version=None,
    )
    report = workflow.report_send(user=seeded["planeacion"], report=report, version=report.version)
    workflow.report_approve(user=seeded["admin"], report=report, version=report.version)
    services.corte_publish(user=seeded["planeacion"], plan=plan, year=2021, corte=Corte.MARZO)
    return [
        "/transparencia/",
        f"/transparencia/{plan.pk}/",
        f"/transparencia/{plan.pk}/?vigencia=2020",
        f"/transparencia/{plan.pk}/objetivos/5/?vigencia=2020",
        f"/transparencia/{plan.pk}/indicadores/",
        f"/transparencia/{plan.pk}/datos/",
    ]


@pytest.mark.parametrize("width", [390, 1366])
def test_every_portal_page_fits_a_phone_and_passes_axe(browser, live_server, portal, width):
    page = browser.new_context(locale="es-CO", viewport={"width": width, "height": 900}).new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    axe = Axe()
    for url in portal:
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        violations = axe.run(page).response["violations"]
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], url
    assert errors == []


def test_the_skip_link_takes_the_keyboard_to_the_content(page, live_server, portal):
    page.goto(live_server.url + portal[1])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#contenido"


def test_the_api_docs_render_under_the_content_security_policy(page, live_server, seeded):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("PEP")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/figures/")).to_be_visible()
    assert errors == []


def test_readme_screenshots_of_the_portal(browser, live_server, portal, pytestconfig):
    """`make screenshots` writes docs/img/transparencia.png; otherwise test-results/."""
    folder = os.environ.get("PEP_SCREENSHOTS") or str(pytestconfig.rootpath / "test-results")
    os.makedirs(folder, exist_ok=True)
    page = browser.new_context(locale="es-CO", viewport={"width": 1366, "height": 900}).new_page()
    page.goto(live_server.url + portal[2])
    path = os.path.join(folder, "transparencia.png")
    page.screenshot(path=path, full_page=True)
    assert os.path.getsize(path) > 50_000
