"""Every page as each role, on a phone (390 px wide): nothing scrolls sideways and axe-core (its
bundled axe.min.js, no network) finds no serious or critical WCAG violation."""

from decimal import Decimal as D

import pytest
from axe_playwright_python.sync_playwright import Axe

from indicators.choices import Corte
from indicators.models import Indicator
from objectives.models import Objective, Weight
from objectives.reporting import services

PHONE = {"width": 390, "height": 844}
ROLES = ["admin", "planeacion", "responsable", "directivo"]
BUDGET = "Porcentaje de presupuesto comprometido"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pages() -> list[str]:
    """Every page of PEP, with ids of the 2020 book and a report sent by the Responsable."""
    budget = Indicator.objects.get(name__startswith=BUDGET)
    objective = Objective.objects.get(number=5)
    weight = Weight.objects.filter(objective=objective).first()
    inferred = Indicator.objects.filter(annualization_inferred=True).first()
    return [
        "/?vigencia=2020",
        "/?vigencia=2020&corte=6",
        "/plan/?vigencia=2020",
        f"/objetivos/{objective.pk}/?vigencia=2020",
        "/indicadores/?vigencia=2020",
        "/indicadores/?vigencia=2020&semaforo=naranja&q=PQRS",
        f"/indicadores/{budget.pk}/",
        f"/indicadores/{budget.pk}/historial/",
        f"/indicadores/{budget.pk}/reportes/2021/3/",
        f"/indicadores/{budget.pk}/reportes/2021/6/",
        f"/indicadores/{budget.pk}/programacion/2022/",
        f"/ponderaciones/{weight.pk}/",
        f"/indicadores/{inferred.pk}/anualizacion/",
        "/calidad/",
        "/mi-trabajo/",
        "/pendientes/",
        "/importar/",
        "/publicacion/",
        "/calendario/",
        "/trabajos/",
        "/acciones/",
        "/no-existe/",
    ]


@pytest.fixture
def sent(seeded):
    """The budget indicator's March 2021 report, sent by the Responsable."""
    user = seeded["responsable"]
    budget = Indicator.objects.get(name__startswith=BUDGET)
    report = services.report_save(
        user=user,
        indicator=budget,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(
            executed=D("24.5"), achievements="Compromisos del trimestre", delays="Causa del retraso"
        ),
        version=None,
    )
    services.report_send(user=user, report=report, version=report.version, note="Listo")
    return report


def serious(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_a_phone_and_passes_axe(browser, live_server, seeded, sent, login, role):
    context = browser.new_context(locale="es-CO", viewport=PHONE)
    page = context.new_page()
    login(page, role)
    problems = {}
    for path in pages():
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
        width = page.evaluate("document.documentElement.scrollWidth")
        found = serious(page)
        if width > PHONE["width"]:
            found.append(f"scrolls sideways: {width} px")
        if found:
            problems[path] = found
    context.close()
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_the_login_page_fits_a_phone_and_passes_axe(browser, live_server, seeded):
    page = browser.new_context(locale="es-CO", viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/cuenta/login/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert serious(page) == []
