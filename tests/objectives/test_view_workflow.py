from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Indicator, Report
from objectives.models import Closure
from objectives.reporting import services

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"
ROLES = ["Administrador", "Planeación", "Responsable", "Directivo", None]


@pytest.fixture
def budget(seed_plan):
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(user)
    return client


@pytest.fixture
def clients(make_user):
    users = {
        "Administrador": make_user("Administrador"),
        "Planeación": make_user("Planeación"),
        "Responsable": make_user("Responsable", dependencies=[CORP]),
        "Directivo": make_user("Directivo"),
        None: make_user(None),
    }
    return {role: client_for(user) for role, user in users.items()} | {"users": users}


def report_url(indicator, year=2021, corte=Corte.MARZO):
    return reverse("objectives:report_edit", args=[indicator.pk, year, corte])


def sent_report(users, indicator):
    report = services.report_save(
        user=users["Planeación"],
        indicator=indicator,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=D(40)),
        version=None,
    )
    return services.report_send(user=users["Planeación"], report=report, version=1)


# --- Who may do what -----------------------------------------------------------------------

ALLOWED_TO_REPORT = {"Administrador", "Planeación", "Responsable"}
ALLOWED_TO_REVIEW = {"Administrador", "Planeación"}


@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_corte(clients, budget, role):
    response = clients[role].post(report_url(budget), {"executed": "40"})
    if role in ALLOWED_TO_REPORT:
        assert response.status_code == 302
        assert Report.objects.get(indicator=budget, year=2021).executed == D(40)
    else:
        assert response.status_code == 403
        assert not Report.objects.filter(year=2021).exists()


def test_a_responsable_cannot_report_for_another_dependency(clients, seed_plan):
    i545 = Indicator.objects.get(code="545")  # no dependency assigned
    assert clients["Responsable"].get(report_url(i545)).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_approving(clients, budget, role):
    report = sent_report(clients["users"], budget)
    response = clients[role].post(
        reverse("objectives:report_review", args=[report.pk]), {"version": 2, "aprobar": "1"}
    )
    report.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and report.status == ReportStatus.APROBADO
    else:
        assert response.status_code == 403 and report.status == ReportStatus.ENVIADO


@pytest.mark.parametrize("role", ROLES)
def test_returning(clients, budget, role):
    report = sent_report(clients["users"], budget)
    response = clients[role].post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": 2, "devolver": "1", "note": "Falta el soporte"},
    )
    report.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert report.status == ReportStatus.DEVUELTO and report.review_note == "Falta el soporte"
    else:
        assert response.status_code == 403 and report.status == ReportStatus.ENVIADO


@pytest.mark.parametrize("role", ROLES)
def test_editing_programming(clients, budget, role):
    url = reverse("objectives:programming_edit", args=[budget.pk, 2022])
    response = clients[role].post(url, {"value": "97,5", "reason": "Ajuste", "version": 1})
    value = budget.programming.get(year=2022).value
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and value == D("97.5")
    else:
        assert response.status_code == 403 and value == D(100)


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_weight(clients, seed_plan, role):
    weight = seed_plan.objectives.get(number=8).weights.get()
    url = reverse("objectives:weight_edit", args=[weight.pk])
    response = clients[role].post(url, {"value": "90", "reason": "Ajuste", "version": 1})
    weight.refresh_from_db()
    if role in ALLOWED_TO_REVIEW:
        assert response.status_code == 302 and weight.weight == D(90)
    else:
        assert response.status_code == 403 and weight.weight == D(100)


@pytest.mark.parametrize("role", ROLES)
def test_closing_and_reopening(clients, seed_plan, role):
    close = reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020])
    response = clients[role].post(close)
    if role == "Administrador":
        closure = Closure.objects.get()
        assert closure.is_closed and response.status_code == 302
        reopen = reverse("objectives:vigencia_reopen", args=[closure.pk])
        assert clients[role].post(reopen, {"reason": "Corrección"}).status_code == 302
        closure.refresh_from_db()
        assert not closure.is_closed
    else:
        assert response.status_code == 403
        assert not Closure.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_pending_page_is_for_reviewers(clients, seed_plan, role):
    response = clients[role].get(reverse("objectives:pending"))
    assert response.status_code == (200 if role in ALLOWED_TO_REVIEW else 403)


@pytest.mark.parametrize(
    "name",
    ["objectives:my_work", "objectives:pending", "objectives:dashboard", "objectives:indicators"],
)
def test_anonymous_visitors_go_to_login(client, seed_plan, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- Forms ---------------------------------------------------------------------------------


def test_colombian_numbers_are_accepted(clients, seed_plan):
    i545 = Indicator.objects.get(code="545")
    clients["Planeación"].post(report_url(i545), {"executed": "1.750.000,5"})
    assert Report.objects.get(indicator=i545, year=2021).executed == D("1750000.5")


def test_errors_show_next_to_the_field_and_keep_what_was_typed(clients, budget):
    response = clients["Responsable"].post(
        report_url(budget), {"executed": "130", "achievements": "Pagamos todo en marzo"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "más de 125 %" in html.split('id="id_justification"')[1][:800]
    assert "Pagamos todo en marzo</textarea>" in html
    assert 'value="130"' in html
    assert not Report.objects.filter(year=2021).exists()


def test_a_vigencia_without_programming_is_refused_with_a_message(clients, seed_plan):
    i464 = Indicator.objects.get(code="464")
    response = clients["Planeación"].post(
        report_url(i464, year=2020, corte=Corte.DICIEMBRE), {"executed": "1"}
    )
    assert "no tiene programación" in response.content.decode()


def test_save_and_send_in_one_step(clients, budget):
    clients["Responsable"].post(report_url(budget), {"executed": "40", "enviar": "1"})
    assert Report.objects.get(year=2021).status == ReportStatus.ENVIADO


# --- Never lose or overwrite a figure -------------------------------------------------------


def test_two_people_editing_the_same_report_the_second_gets_the_conflict_page(clients, budget):
    clients["Responsable"].post(report_url(budget), {"executed": "40"})
    first, second = clients["Responsable"], clients["Planeación"]
    form_a = first.get(report_url(budget)).context["form"]
    form_b = second.get(report_url(budget)).context["form"]
    assert form_a.initial["version"] == form_b.initial["version"] == 1
    first.post(report_url(budget), {"executed": "45", "version": 1})
    response = second.post(
        report_url(budget), {"executed": "50", "achievements": "Mi análisis", "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    yours = html.split('id="su-version"')[1].split("</dl>")[0]
    theirs = html.split('id="version-actual"')[1].split("</dl>")[0]
    assert "50" in yours and "Mi análisis" in yours
    assert "45" in theirs
    assert Report.objects.get(year=2021).executed == D(45)


def test_a_review_on_a_changed_report_is_a_conflict(clients, budget):
    report = sent_report(clients["users"], budget)
    services.report_return(
        user=clients["users"]["Administrador"], report=report, version=2, note="x"
    )
    response = clients["Planeación"].post(
        reverse("objectives:report_review", args=[report.pk]), {"version": 2, "aprobar": "1"}
    )
    assert response.status_code == 409
    report.refresh_from_db()
    assert report.status == ReportStatus.DEVUELTO


def test_the_history_page_shows_who_when_old_new_and_reason(clients, budget):
    clients["Planeación"].post(
        reverse("objectives:programming_edit", args=[budget.pk, 2022]),
        {"value": "97,5", "reason": "Recorte presupuestal", "version": 1},
    )
    response = clients["Directivo"].get(reverse("objectives:history", args=[budget.pk]))
    html = response.content.decode()
    row = html.split('id="tabla-historial"')[1].split("</tr>")[1]
    assert "Programación 2022" in row and "100 → 97,5" in row
    assert "Recorte presupuestal" in row
    assert clients["users"]["Planeación"].username in row


# --- Dashboards follow approvals --------------------------------------------------------------


def test_the_dashboard_changes_right_after_approval_and_not_before(clients, seed_plan):
    i545 = Indicator.objects.get(code="545")
    planeacion = clients["Planeación"]
    figure = lambda: planeacion.get("/?vigencia=2021").context["data"].rows[4].compliance  # noqa: E731
    planeacion.post(report_url(i545), {"executed": "1.750.000", "enviar": "1"})
    assert figure() is None
    preview = planeacion.get("/?vigencia=2021&preliminar=1")
    assert preview.context["data"].rows[4].compliance == D("16.67")
    assert "Vista preliminar" in preview.content.decode()
    report = Report.objects.get(indicator=i545, year=2021)
    planeacion.post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": report.version, "aprobar": "1"},
    )
    assert figure() == D("16.67")


def test_a_closed_vigencia_shows_its_snapshot_and_says_when_live_data_differ(clients, seed_plan):
    admin = clients["Administrador"]
    admin.post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    html = admin.get("/?vigencia=2020").content.decode()
    assert "cerrada" in html and 'id="cifras-difieren"' not in html
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50  # changed after closing (weights are not per vigencia)
    weight.save()
    response = admin.get("/?vigencia=2020")
    assert response.context["data"].rows[7].compliance == D("74.00")  # the official figure
    assert 'id="cifras-difieren"' in response.content.decode()


def test_a_closed_vigencia_accepts_no_report(clients, seed_plan, budget):
    clients["Administrador"].post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    response = clients["Responsable"].post(
        report_url(budget, year=2020, corte=Corte.JUNIO), {"executed": "50"}
    )
    assert "está cerrada" in response.content.decode()
    assert not Report.objects.filter(year=2020, corte=Corte.JUNIO).exists()


# --- Evidence --------------------------------------------------------------------------------


@pytest.fixture
def evidence(clients, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clients["Responsable"].post(
        report_url(budget),
        {"executed": "40", "files": [SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta")]},
    )
    return Evidence.objects.get()


@pytest.mark.parametrize("role", ["Administrador", "Planeación", "Responsable", "Directivo"])
def test_evidence_is_served_to_people_with_a_role(clients, evidence, role):
    response = clients[role].get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 acta"
    assert 'filename="acta.pdf"' in response["Content-Disposition"]


def test_evidence_is_never_served_without_login_or_role(client, clients, evidence):
    url = reverse("objectives:evidence", args=[evidence.pk])
    assert client.get(url).status_code == 302
    assert clients[None].get(url).status_code == 403


def test_evidence_is_not_under_a_public_url(evidence, settings):
    assert not evidence.file.url.startswith(settings.STATIC_URL)
    assert evidence.file.name.startswith("evidencias/")


def test_an_unsupported_file_type_is_refused_with_a_message(clients, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = clients["Responsable"].post(
        report_url(budget), {"executed": "40", "files": [SimpleUploadedFile("x.exe", b"MZ")]}
    )
    assert "no es un tipo de evidencia admitido" in response.content.decode()
    assert not Report.objects.filter(year=2021).exists()


# --- Mi trabajo and Pendientes -----------------------------------------------------------------


def test_my_work_lists_what_a_responsable_must_report(clients, seed_plan):
    page = clients["Responsable"].get(reverse("objectives:my_work")).context["page"]
    assert (page.year, page.corte) == (2024, Corte.DICIEMBRE)  # the plan ended in 2024
    assert sorted(item.indicator.dependency for item in page.to_report) == [CORP] * 3
    assert page.to_review == []


def test_my_work_lists_reports_to_review_for_planning(clients, budget):
    report = sent_report(clients["users"], budget)
    page = clients["Planeación"].get(reverse("objectives:my_work")).context["page"]
    assert page.to_review == [report]


def test_pending_groups_by_dependency_with_counts(clients, seed_plan):
    response = clients["Planeación"].get(reverse("objectives:pending") + "?vigencia=2020&corte=12")
    page = response.context["page"]
    assert (page.missing, page.unapproved) == (0, 0)  # the 2020 book reported every programmed one
    response = clients["Planeación"].get(reverse("objectives:pending") + "?vigencia=2021&corte=3")
    page = response.context["page"]
    groups = {g.dependency: len(g.missing) for g in page.groups}
    assert groups == {CORP: 3, "Sin dependencia asignada": 16}  # all 19 programmed in 2021
    assert "19 sin reporte y 0 sin aprobar" in response.content.decode()


def test_a_closed_objective_page_shows_the_official_figure(clients, seed_plan):
    clients["Administrador"].post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50
    weight.save()
    url = reverse("objectives:objective", args=[weight.objective_id]) + "?vigencia=2020"
    html = clients["Directivo"].get(url).content.decode()
    banner = html.split('id="vigencia-cerrada"')[1].split("</div>")[0]
    assert "el cumplimiento oficial de este objetivo es 74,00 %" in banner
    assert "darían 37,00 %" in banner
