import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.choices import Corte
from indicators.models import Evidence, Report
from objectives.models import Publication
from objectives.reporting import services as workflow
from objectives.transparency import services
from tests.factories import make_plan
from tests.objectives.transparency.conftest import approved, first_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_plan(objectives=1, indicators=2)


def test_publishing_a_corte_freezes_its_figures_with_who_and_when(plan, staff):
    first = first_indicator(plan)
    approved(staff["planeacion"], first, 2021, Corte.MARZO, 4)
    publication = services.corte_publish(
        user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO
    )
    assert publication.is_published and publication.published_by == staff["planeacion"]
    assert publication.snapshot["objectives"][0]["compliance"] == 20.0
    record = publication.history.latest("history_date")
    assert record.history_user == staff["planeacion"]
    assert record.history_change_reason == "Publicación del corte"


def test_a_later_approval_never_changes_what_was_published(plan, staff):
    one, two = (w.indicator for w in plan.objectives.get().weights.order_by("id"))
    approved(staff["planeacion"], one, 2021, Corte.MARZO, 4)
    services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO)
    approved(staff["planeacion"], two, 2021, Corte.MARZO, 10)
    frozen = Publication.objects.get()
    assert frozen.snapshot["objectives"][0]["compliance"] == 20.0  # live: 20 + 50 = 70


def test_only_planeacion_and_administrators_publish(plan, staff, make_user):
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.MARZO, 4)
    for role in ("Responsable", "Directivo"):
        with pytest.raises(PermissionDenied):
            services.corte_publish(user=make_user(role), plan=plan, year=2021, corte=Corte.MARZO)
    services.corte_publish(user=staff["admin"], plan=plan, year=2021, corte=Corte.MARZO)
    assert Publication.objects.get().published_by == staff["admin"]


def test_a_corte_without_approved_reports_is_refused(plan, staff):
    Report.objects.create(
        indicator=first_indicator(plan), year=2021, corte=Corte.MARZO, executed=4, status="enviado"
    )
    with pytest.raises(ValidationError) as error:
        services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO)
    assert "no tiene reportes aprobados" in error.value.messages[0]
    assert not Publication.objects.exists()


def test_a_closed_vigencia_a_foreign_year_and_a_second_publication_are_refused(plan, staff):
    workflow.vigencia_close(user=staff["admin"], plan=plan, year=2020)
    messages = []
    for year, corte in ((2020, Corte.DICIEMBRE), (2031, Corte.MARZO), (2021, 5)):
        with pytest.raises(ValidationError) as error:
            services.corte_publish(user=staff["planeacion"], plan=plan, year=year, corte=corte)
        messages.append(error.value.messages[0])
    assert "La vigencia 2020 está cerrada" in messages[0]
    assert messages[1] == messages[2] == "Ese corte no pertenece a las vigencias del plan."
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.MARZO, 4)
    services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO)
    with pytest.raises(ValidationError, match="ya está publicado"):
        services.corte_publish(user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO)


def test_unpublishing_needs_a_reason_and_republishing_freezes_again(plan, staff):
    one, two = (w.indicator for w in plan.objectives.get().weights.order_by("id"))
    approved(staff["planeacion"], one, 2021, Corte.MARZO, 4)
    publication = services.corte_publish(
        user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO
    )
    with pytest.raises(ValidationError, match="exige un motivo"):
        services.corte_unpublish(user=staff["planeacion"], publication=publication, reason=" ")
    services.corte_unpublish(
        user=staff["admin"], publication=publication, reason="Cifra de 2.1 en revisión"
    )
    publication.refresh_from_db()
    assert not publication.is_published and publication.reason == "Cifra de 2.1 en revisión"
    record = publication.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        staff["admin"],
        "Cifra de 2.1 en revisión",
    )
    with pytest.raises(ValidationError, match="ya no está publicado"):
        services.corte_unpublish(user=staff["admin"], publication=publication, reason="otra vez")
    approved(staff["planeacion"], two, 2021, Corte.MARZO, 10)
    again = services.corte_publish(
        user=staff["planeacion"], plan=plan, year=2021, corte=Corte.MARZO
    )
    assert again.pk == publication.pk and again.reason == ""
    assert again.snapshot["objectives"][0]["compliance"] == 70.0


def test_the_portal_switch_and_public_evidence_are_for_reviewers(plan, staff, make_user, tmp_path):
    report = approved(staff["planeacion"], first_indicator(plan), 2021, Corte.MARZO, 4)
    evidence = Evidence.objects.create(
        report=report, link="https://x.gov.co/acta", name="acta", uploaded_by=staff["admin"]
    )
    directivo = make_user("Directivo")
    with pytest.raises(PermissionDenied):
        services.plan_portal_set(user=directivo, plan=plan, public=True)
    with pytest.raises(PermissionDenied):
        services.evidence_visibility_set(user=directivo, evidence=evidence, public=True)
    services.plan_portal_set(user=staff["planeacion"], plan=plan, public=True)
    services.evidence_visibility_set(user=staff["planeacion"], evidence=evidence, public=True)
    plan.refresh_from_db()
    evidence.refresh_from_db()
    assert plan.public and evidence.is_public
