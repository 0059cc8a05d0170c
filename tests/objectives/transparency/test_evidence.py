"""Public evidence: downloadable without login only when marked public and its report is part
of published figures (a published corte or a closed vigencia)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.choices import Corte
from indicators.models import Evidence
from objectives.reporting import services as workflow
from objectives.transparency import services
from tests.factories import make_plan, second_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan = make_plan(objectives=1, indicators=2)
    services.plan_portal_set(user=staff["planeacion"], plan=plan, public=True)
    user = staff["planeacion"]

    def evidence(indicator, corte, name, *, approve=True, public=True):
        report = workflow.report_save(
            user=user,
            indicator=indicator,
            year=2021,
            corte=corte,
            data=workflow.ReportInput(executed=4, delays="Causa del retraso"),
            version=None,
            files=[SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode())],
        )
        if approve:
            report = workflow.report_send(user=user, report=report, version=report.version)
            reviewer = second_reviewer()
            workflow.report_approve(user=reviewer, report=report, version=report.version)
        found = Evidence.objects.get(report=report)
        services.evidence_visibility_set(user=user, evidence=found, public=public)
        return found

    one, two = (w.indicator for w in plan.objectives.get().weights.order_by("id"))
    items = {
        "public": evidence(one, Corte.MARZO, "acta-publica.pdf"),
        "private": evidence(two, Corte.MARZO, "privada.pdf", public=False),
    }
    services.corte_publish(user=user, plan=plan, year=2021, corte=Corte.MARZO)
    items["later_corte"] = evidence(one, Corte.JUNIO, "junio.pdf")
    items["draft"] = evidence(two, Corte.JUNIO, "borrador.pdf", approve=False)
    return plan, items


def test_only_public_evidence_of_a_published_report_downloads(world, client):
    _, items = world
    response = client.get(reverse("transparency:evidence", args=[items["public"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 acta-publica.pdf"
    assert 'filename="acta-publica.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"  # what its bytes show
    for name in ("private", "later_corte", "draft"):
        url = reverse("transparency:evidence", args=[items[name].pk])
        assert client.get(url).status_code == 404, name


def test_the_objective_page_links_only_the_published_public_evidence(world, client):
    plan, items = world
    page = client.get(reverse("transparency:objective", args=[plan.pk, 1])).content.decode()
    assert reverse("transparency:evidence", args=[items["public"].pk]) in page
    for name in ("privada.pdf", "junio.pdf", "borrador.pdf"):
        assert name not in page


def test_evidence_goes_private_again_or_off_with_its_plan(world, client, staff):
    plan, items = world
    url = reverse("transparency:evidence", args=[items["public"].pk])
    services.evidence_visibility_set(user=staff["admin"], evidence=items["public"], public=False)
    assert client.get(url).status_code == 404
    services.evidence_visibility_set(user=staff["admin"], evidence=items["public"], public=True)
    services.plan_portal_set(user=staff["admin"], plan=plan, public=False)
    assert client.get(url).status_code == 404


def test_a_returned_report_s_evidence_stops_downloading(world, client, staff):
    _, items = world
    report = items["public"].report
    report.refresh_from_db()
    workflow.report_return(user=staff["admin"], report=report, version=report.version, note="x")
    url = reverse("transparency:evidence", args=[items["public"].pk])
    assert client.get(url).status_code == 404


def test_closing_the_vigencia_publishes_the_evidence_of_its_approved_reports(world, client, staff):
    plan, items = world
    url = reverse("transparency:evidence", args=[items["later_corte"].pk])
    assert client.get(url).status_code == 404
    workflow.vigencia_close(user=staff["admin"], plan=plan, year=2021)
    assert client.get(url).status_code == 200
    assert client.get(reverse("transparency:evidence", args=[items["draft"].pk])).status_code == 404
