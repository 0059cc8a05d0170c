from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from tests.objectives.reporting.cycle import (
    ALLOWED_TO_REPORT,
    ROLES,
    report_url,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_reporting_a_corte(clients, budget, role):
    response = clients[role].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso"}
    )
    if role in ALLOWED_TO_REPORT:
        assert response.status_code == 302
        assert Report.objects.get(indicator=budget, year=2021).executed == D(40)
    else:
        assert response.status_code == 403
        assert not Report.objects.filter(year=2021).exists()


def test_a_responsable_cannot_report_for_another_dependency(clients, seed_plan):
    i545 = Indicator.objects.get(code="545")  # no dependency assigned
    assert clients["Responsable"].get(report_url(i545)).status_code == 403


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
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso", "enviar": "1"}
    )
    assert Report.objects.get(year=2021).status == ReportStatus.ENVIADO


def test_two_people_editing_the_same_report_the_second_gets_the_conflict_page(clients, budget):
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso"}
    )
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


def test_a_closed_vigencia_accepts_no_report(clients, seed_plan, budget):
    clients["Administrador"].post(reverse("objectives:vigencia_close", args=[seed_plan.pk, 2020]))
    response = clients["Responsable"].post(
        report_url(budget, year=2020, corte=Corte.JUNIO), {"executed": "50"}
    )
    assert "está cerrada" in response.content.decode()
    assert not Report.objects.filter(year=2020, corte=Corte.JUNIO).exists()


def test_an_unsupported_file_type_is_refused_with_a_message(clients, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = clients["Responsable"].post(
        report_url(budget), {"executed": "40", "files": [SimpleUploadedFile("x.exe", b"MZ")]}
    )
    assert "no es un tipo de evidencia admitido" in response.content.decode()
    assert not Report.objects.filter(year=2021).exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e309", "está fuera del rango permitido. Escriba un valor entre 0 y 100.000.000"),
        ("9" * 40, "está fuera del rango permitido"),
        ("nan", "no es un número finito"),
        ("1,000.5", "es ambiguo: escriba los miles con punto y los decimales con coma (1.000,5)"),
    ],
)
def test_a_number_no_column_holds_is_refused_next_to_its_field_and_kept(
    clients, budget, typed, message
):
    """Issue 12: 1e309 was a 500 with the input lost; 1,000.5 was stored as 1,0005."""
    response = clients["Responsable"].post(
        report_url(budget), {"executed": typed, "achievements": "Lo escrito se conserva"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html.split('id="id_executed"')[1][:800]
    assert f'value="{typed}"' in html and "Lo escrito se conserva</textarea>" in html
    assert not Report.objects.filter(year=2021).exists()


def test_a_text_over_its_limit_is_refused_with_the_limit(clients, budget):
    response = clients["Responsable"].post(
        report_url(budget), {"executed": "40", "achievements": "x" * 5001}
    )
    assert "tenga como máximo 5000 caracteres" in response.content.decode()
    assert not Report.objects.filter(year=2021).exists()


def test_saving_a_new_report_twice_gives_the_conflict_page_the_second_time(clients, budget):
    """A double click on «Guardar borrador» of a new report: the first saves, the second
    (still without a version) is told someone created it, with both versions shown."""
    first = clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso"}
    )
    second = clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso"}
    )
    assert (first.status_code, second.status_code) == (302, 409)
    assert Report.objects.get(year=2021).version == 1


def test_an_exe_renamed_pdf_is_refused(clients, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = clients["Responsable"].post(report_url(budget), {"executed": "40", "files": [fake]})
    assert "«informe.pdf» no es un tipo de evidencia admitido" in response.content.decode()
    assert not Report.objects.filter(year=2021).exists()


def test_the_page_shows_the_unit_target_and_earlier_cortes_beside_the_input(clients, budget):
    clients["Responsable"].post(report_url(budget), {"executed": "24,5"})
    response = clients["Responsable"].get(report_url(budget, corte=Corte.JUNIO))
    page = response.context["page"]
    assert page.programmed == D(100) and page.editable
    assert [(line.corte, line.current) for line in page.cortes] == [(3, False), (6, True)]
    assert page.cortes[0].report.executed == D("24.5")
    assert page.cortes[0].progress == D("0.245")
    html = response.content.decode()
    assert 'id="unidad">Porcentaje (puntos porcentuales)<' in html
    assert 'id="meta-vigencia">100,00 %<' in html
    assert "24,50 %" in html and 'id="id_executed"' in html
    assert "Acumulada dentro del año, en la unidad del indicador: Porcentaje" in html


def test_a_sent_report_opens_read_only_for_its_sender_with_retirar_envio(clients, budget):
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso", "enviar": "1"}
    )
    response = clients["Responsable"].get(report_url(budget))
    page = response.context["page"]
    assert not page.editable
    assert set(page.actions) == {"withdraw"}
    html = response.content.decode()
    assert 'id="id_executed"' not in html and 'name="enviar"' not in html
    assert "Retirar envío" in html and 'id="ejecutado">40,00 %<' in html
    refused = clients["Responsable"].post(report_url(budget), {"executed": "41"})
    assert refused.status_code == 403
    assert "El reporte está enviado: ya no se puede editar." in refused.content.decode()
    assert Report.objects.get(indicator=budget, year=2021).executed == D(40)


def test_a_reviewer_reads_a_sent_report_with_approve_and_return_only(clients, budget):
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso", "enviar": "1"}
    )
    response = clients["Planeación"].get(report_url(budget))
    assert set(response.context["page"].actions) == {"approve", "return"}
    html = response.content.decode()
    assert 'name="aprobar"' in html and 'name="devolver"' in html
    assert "Retirar envío" not in html
    # the step's note is a crispy-rendered form field, labelled for this step
    assert 'for="paso-revisar-note"' in html and "Nota de revisión" in html
    assert 'id="paso-revisar-version" value="' in html or 'id="paso-revisar-version"' in html


def test_the_steps_show_each_status_with_its_note(clients, budget):
    clients["Responsable"].post(
        report_url(budget), {"executed": "40", "delays": "Causa del retraso", "enviar": "1"}
    )
    report = Report.objects.get(indicator=budget, year=2021)
    clients["Planeación"].post(
        reverse("objectives:report_review", args=[report.pk]),
        {"version": report.version, "devolver": "1", "note": "Falta el acta"},
    )
    steps = clients["Responsable"].get(report_url(budget)).context["page"].steps
    assert [(step.status, step.note) for step in steps] == [
        ("borrador", ""),
        ("enviado", ""),
        ("devuelto", "Falta el acta"),
    ]


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (3, 12)])
def test_query_count_is_fixed(make_user, django_assert_num_queries, objectives, indicators):
    from tests.factories import make_plan
    from tests.objectives.reporting.cycle import CORP, client_for

    plan = make_plan(objectives, indicators)
    Indicator.objects.update(dependency=CORP)
    indicator = Indicator.objects.filter(weights__objective__plan=plan).first()
    client = client_for(make_user("Responsable", dependencies=[CORP]))
    url = report_url(indicator, year=2020, corte=Corte.DICIEMBRE)
    # session, user; the indicator, its programming, its reports with their evidence, the
    # report's history, the closures; the reader's roles and dependencies; the corte's window
    with django_assert_num_queries(11):
        response = client.get(url)
    assert [line.corte for line in response.context["page"].cortes] == [3, 6, 9, 12]


def test_outside_its_window_the_page_says_so_and_a_post_is_refused_keeping_the_input(
    clients, budget, seed_plan
):
    from objectives.calendar.services import calendar_publish

    calendar_publish(user=clients["users"]["Planeación"], plan=seed_plan, year=2024)
    url = report_url(budget, year=2024, corte=Corte.DICIEMBRE)
    page = clients["Responsable"].get(url).content.decode()
    banner = page.split('id="ventana"')[1].split("</div>")[0]
    assert "se cerró el 23 de enero de 2025" in banner
    assert "pida a la Oficina de Planeación que lo reabra" in banner
    response = clients["Responsable"].post(url, {"executed": "77"})
    assert response.status_code == 200
    refusal = response.context["window"].refusal
    assert refusal.startswith("El reporte del corte al 31 de diciembre de 2024 se cerró el")
    assert response.context["form"].non_field_errors() == [refusal]
    assert 'value="77"' in response.content.decode()
    assert not Report.objects.filter(year=2024).exists()


def test_inside_its_window_the_page_says_until_when(clients, budget, seed_plan):
    from datetime import timedelta

    from django.utils import timezone

    from objectives.calendar.models import ReportingWindow

    today = timezone.localdate()
    ReportingWindow.objects.create(
        plan=seed_plan,
        year=2024,
        corte=Corte.DICIEMBRE,
        opens_on=today,
        due_on=today + timedelta(days=1),
        locks_on=today + timedelta(days=3),
    )
    page = clients["Responsable"].get(report_url(budget, year=2024, corte=Corte.DICIEMBRE))
    assert page.context["window"].refusal is None
    assert page.context["window"].text.startswith("Reporte abierto hasta el ")
