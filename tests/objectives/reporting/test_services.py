from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Indicator, Programming, Report
from objectives.figures import plan_scores
from objectives.models import Closure
from objectives.reporting import services

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"


@pytest.fixture
def people(make_user):
    return {
        "admin": make_user("Administrador"),
        "planeacion": make_user("Planeación"),
        "responsable": make_user("Responsable", dependencies=[CORP]),
        "otro": make_user("Responsable", dependencies=["Otra dependencia"]),
        "directivo": make_user("Directivo"),
    }


@pytest.fixture
def budget(seed_plan):
    """Objective 7's budget indicator (Subsecretaría Corporativa): 99 % programmed in 2020."""
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def save(user, indicator, executed, year=2021, corte=Corte.MARZO, version=None, **data):
    return services.report_save(
        user=user,
        indicator=indicator,
        year=year,
        corte=corte,
        data=services.ReportInput(executed=D(executed), **({"delays": "Causa del retraso"} | data)),
        version=version,
    )


def test_a_responsable_reports_a_corte_of_their_dependency(people, budget):
    report = save(people["responsable"], budget, "40", achievements="Avance del primer trimestre")
    assert (report.status, report.executed, report.version) == (ReportStatus.BORRADOR, D(40), 1)
    assert report.reported_by == people["responsable"]


@pytest.mark.parametrize("who", ["otro", "directivo"])
def test_others_cannot_report_it(people, budget, who):
    with pytest.raises(PermissionDenied):
        save(people[who], budget, "40")


@pytest.mark.parametrize("who", ["admin", "planeacion"])
def test_planning_and_admin_report_any_indicator(people, budget, who):
    assert save(people[who], budget, "40").status == ReportStatus.BORRADOR


def test_execution_without_programming_is_refused_with_the_reason(people, seed_plan):
    i464 = Indicator.objects.get(code="464")  # 0 programmed in 2020
    with pytest.raises(ValidationError) as error:
        save(people["planeacion"], i464, "1", year=2020)
    assert "no tiene programación" in error.value.message_dict["executed"][0]


def test_over_125_percent_needs_a_justification(people, budget):
    with pytest.raises(ValidationError) as error:
        save(people["responsable"], budget, "130")
    assert "más de 125 %" in error.value.message_dict["justification"][0]
    report = save(people["responsable"], budget, "130", justification="Se adelantó el pago")
    assert report.justification == "Se adelantó el pago"


def test_the_full_cycle_send_return_fix_send_approve(people, budget):
    report = save(people["responsable"], budget, "40")
    report = services.report_send(user=people["responsable"], report=report, version=1)
    assert report.status == ReportStatus.ENVIADO
    with pytest.raises(ValidationError):
        services.report_return(user=people["planeacion"], report=report, version=2, note=" ")
    report = services.report_return(
        user=people["planeacion"], report=report, version=2, note="Falta la evidencia"
    )
    assert (report.status, report.review_note) == (ReportStatus.DEVUELTO, "Falta la evidencia")
    report = save(people["responsable"], budget, "42", version=3)
    assert report.status == ReportStatus.DEVUELTO and report.executed == D(42)
    report = services.report_send(user=people["responsable"], report=report, version=4)
    report = services.report_approve(user=people["planeacion"], report=report, version=5)
    assert (report.status, report.reviewed_by) == (ReportStatus.APROBADO, people["planeacion"])
    assert report.review_note == ""


@pytest.mark.parametrize("who", ["responsable", "directivo", "otro"])
def test_only_reviewers_approve_or_return(people, budget, who):
    report = save(people["responsable"], budget, "40")
    report = services.report_send(user=people["responsable"], report=report, version=1)
    with pytest.raises(PermissionDenied):
        services.report_approve(user=people[who], report=report, version=2)
    with pytest.raises(PermissionDenied):
        services.report_return(user=people[who], report=report, version=2, note="x")


def test_transitions_out_of_order_are_refused(people, budget):
    report = save(people["responsable"], budget, "40")
    with pytest.raises(ValidationError, match="esa acción no aplica"):
        services.report_approve(user=people["planeacion"], report=report, version=1)
    report = services.report_send(user=people["responsable"], report=report, version=1)
    report = services.report_approve(user=people["planeacion"], report=report, version=2)
    with pytest.raises(ValidationError, match="ya no se puede editar"):
        save(people["responsable"], budget, "50", version=3)


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(people, budget):
    save(people["responsable"], budget, "40")
    save(people["planeacion"], budget, "45", version=1)  # saved first
    with pytest.raises(services.Conflict) as conflict:
        save(people["responsable"], budget, "41", version=1)  # opened before that save
    assert conflict.value.current.executed == D(45)
    assert Report.objects.get(indicator=budget, year=2021).executed == D(45)


def test_creating_a_corte_someone_just_created_is_a_conflict(people, budget):
    save(people["planeacion"], budget, "45")
    with pytest.raises(services.Conflict):
        save(people["responsable"], budget, "41", version=None)


def test_figures_count_approved_reports_only(people, seed_plan):
    i545 = Indicator.objects.get(code="545")
    objective_5 = lambda: plan_scores(seed_plan, 2021).objectives[4][1].compliance  # noqa: E731
    assert objective_5() is None
    report = save(people["planeacion"], i545, "1750000")
    report = services.report_send(user=people["planeacion"], report=report, version=1)
    assert objective_5() is None  # sent, not approved
    services.report_approve(user=people["admin"], report=report, version=2)
    assert objective_5() == D("16.67")  # 33,33 % × 1.750.000 / 3.500.000


def test_evidence_files_are_checked(people, budget):
    bad = SimpleUploadedFile("virus.exe", b"MZ")
    with pytest.raises(ValidationError, match="no es un tipo de evidencia admitido"):
        services.report_save(
            user=people["responsable"],
            indicator=budget,
            year=2021,
            corte=Corte.MARZO,
            data=services.ReportInput(executed=D(40), delays="Causa del retraso"),
            version=None,
            files=[bad],
        )
    assert Report.objects.filter(year=2021).count() == 0


def test_evidence_files_and_links_are_kept(people, budget, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = services.report_save(
        user=people["responsable"],
        indicator=budget,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=D(40), delays="Causa del retraso"),
        version=None,
        files=[SimpleUploadedFile("acta.pdf", b"%PDF-1.4")],
        links=["https://example.org/informe"],
    )
    names = sorted(e.name for e in Evidence.objects.filter(report=report))
    assert names == ["acta.pdf", "https://example.org/informe"]


def test_programming_changes_need_a_reason_and_are_audited(people, budget):
    with pytest.raises(ValidationError):
        services.programming_save(
            user=people["planeacion"],
            indicator=budget,
            year=2021,
            value=D(95),
            reason="",
            version=1,
        )
    current = Programming.objects.get(indicator=budget, year=2021)
    services.programming_save(
        user=people["planeacion"],
        indicator=budget,
        year=2021,
        value=D(95),
        reason="Recorte presupuestal",
        version=current.version,
    )
    latest = Programming.history.filter(indicator_id=budget.pk, year=2021).latest("history_date")
    assert (latest.value, latest.history_change_reason) == (D(95), "Recorte presupuestal")
    assert latest.history_user == people["planeacion"]
    with pytest.raises(PermissionDenied):
        services.programming_save(
            user=people["responsable"],
            indicator=budget,
            year=2021,
            value=D(1),
            reason="x",
            version=2,
        )


def test_weight_changes_are_versioned_and_audited(people, seed_plan):
    weight = seed_plan.objectives.get(number=8).weights.get()
    services.weight_save(
        user=people["planeacion"],
        weight=weight,
        value=D(90),
        reason="Ajuste",
        version=1,
        confirmed=True,
    )
    with pytest.raises(services.Conflict):
        services.weight_save(
            user=people["admin"],
            weight=weight,
            value=D(80),
            reason="Otro",
            version=1,
            confirmed=True,
        )
    assert weight.history.latest("history_date").history_change_reason == "Ajuste"


def test_closing_freezes_the_official_figures_and_blocks_edits(people, seed_plan, budget):
    closure = services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    snapshot = {o["number"]: o["compliance"] for o in closure.snapshot["objectives"]}
    assert snapshot[1] == 49.02 and snapshot[5] == 96.53
    with pytest.raises(ValidationError, match="está cerrada"):
        save(people["responsable"], budget, "90", year=2020)
    with pytest.raises(ValidationError, match="está cerrada"):
        services.programming_save(
            user=people["planeacion"],
            indicator=budget,
            year=2020,
            value=D(1),
            reason="x",
            version=1,
        )
    with pytest.raises(ValidationError, match="ya está cerrada"):
        services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)


@pytest.mark.parametrize("who", ["planeacion", "responsable", "directivo"])
def test_only_administrators_close_and_reopen(people, seed_plan, who):
    with pytest.raises(PermissionDenied):
        services.vigencia_close(user=people[who], plan=seed_plan, year=2020)
    closure = services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    with pytest.raises(PermissionDenied):
        services.vigencia_reopen(user=people[who], closure=closure, reason="x")


def test_reopening_needs_a_reason_and_is_audited(people, seed_plan, budget):
    closure = services.vigencia_close(user=people["admin"], plan=seed_plan, year=2020)
    with pytest.raises(ValidationError):
        services.vigencia_reopen(user=people["admin"], closure=closure, reason="  ")
    services.vigencia_reopen(user=people["admin"], closure=closure, reason="Error en 546")
    closure.refresh_from_db()
    assert not closure.is_closed
    last = closure.history.latest("history_date")
    assert (last.is_closed, last.history_change_reason, last.history_user) == (
        False,
        "Error en 546",
        people["admin"],
    )
    assert save(people["responsable"], budget, "80", year=2020, corte=Corte.JUNIO)
    assert Closure.objects.get().reason == "Error en 546"


def test_an_approved_report_can_be_returned_for_correction_while_open(people, budget):
    report = save(people["responsable"], budget, "40")
    report = services.report_send(user=people["responsable"], report=report, version=1)
    report = services.report_approve(user=people["planeacion"], report=report, version=2)
    report = services.report_return(
        user=people["planeacion"], report=report, version=3, note="Cifra mal digitada"
    )
    assert report.status == ReportStatus.DEVUELTO
    assert save(people["responsable"], budget, "41", version=4).executed == D(41)
