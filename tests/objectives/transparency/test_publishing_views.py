"""Planeación's publishing desk: who may use it, what each button does, its query count."""

import pytest
from django.test import Client
from django.urls import reverse

from indicators.choices import Corte
from indicators.models import Evidence
from objectives.models import Publication
from tests.factories import make_plan
from tests.objectives.transparency.conftest import approved, first_indicator

pytestmark = pytest.mark.django_db


def logged(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def plan(staff):
    plan = make_plan(objectives=1, indicators=2)
    approved(staff["planeacion"], first_indicator(plan), 2021, Corte.MARZO, 4)
    return plan


def test_only_reviewers_reach_the_desk_and_its_actions(plan, make_user):
    for role in ("Responsable", "Directivo"):
        client = logged(make_user(role))
        assert client.get(reverse("transparency:desk")).status_code == 403
        url = reverse("transparency:publish", args=[plan.pk, 2021, Corte.MARZO])
        assert client.post(url).status_code == 403
        assert client.post(reverse("transparency:portal_switch", args=[plan.pk])).status_code == 403
    assert not Publication.objects.exists()


def test_the_desk_shows_each_corte_with_its_approved_count_and_state(plan, staff):
    page = logged(staff["planeacion"]).get(reverse("transparency:desk") + f"?plan={plan.pk}")
    html = page.content.decode()
    row = html.split('id="corte-2021-3"')[1].split("</tr>")[0]
    assert '<td class="num">1</td>' in row and "Sin publicar" in row and "Publicar corte" in row
    empty = html.split('id="corte-2022-3"')[1].split("</tr>")[0]
    assert '<td class="num">0</td>' in empty and "Publicar corte" not in empty
    assert "No publicado" in html and "Publicar el plan en el portal" in html


def test_publish_then_unpublish_with_a_reason(plan, staff):
    client = logged(staff["planeacion"])
    response = client.post(reverse("transparency:publish", args=[plan.pk, 2021, Corte.MARZO]))
    assert response.status_code == 302
    publication = Publication.objects.get()
    page = client.get(response.url).content.decode()
    assert "Corte 31 de marzo de 2021 publicado" in page
    row = page.split('id="corte-2021-3"')[1].split("</tr>")[0]
    assert "Publicado" in row and "por planeacion" in row
    url = reverse("transparency:unpublish", args=[publication.pk])
    refused = client.post(url, {"reason": "   "})
    assert refused.status_code == 200 and "Este campo es obligatorio" in refused.content.decode()
    done = client.post(url, {"reason": "Cifra en revisión"}, follow=True)
    assert "Corte retirado del portal." in done.content.decode()
    publication.refresh_from_db()
    assert not publication.is_published and publication.reason == "Cifra en revisión"


def test_a_refused_publication_says_why(plan, staff):
    client = logged(staff["admin"])
    url = reverse("transparency:publish", args=[plan.pk, 2021, Corte.JUNIO + 0])
    client.post(url)
    again = client.post(url, follow=True).content.decode()
    assert "ya está publicado" in again
    empty = client.post(
        reverse("transparency:publish", args=[plan.pk, 2023, Corte.MARZO]), follow=True
    )
    assert "no tiene reportes aprobados" in empty.content.decode()


def test_the_portal_switch_and_the_evidence_switch(plan, staff, settings, tmp_path):
    client = logged(staff["planeacion"])
    client.post(reverse("transparency:portal_switch", args=[plan.pk]), {"public": "1"})
    plan.refresh_from_db()
    assert plan.public
    report = first_indicator(plan).reports.get(year=2021)
    evidence = Evidence.objects.create(
        report=report, link="https://x.gov.co/acta", name="acta", uploaded_by=staff["admin"]
    )
    url = reverse("transparency:evidence_visibility", args=[evidence.pk])
    page = client.post(url, {"public": "1", "plan": plan.pk}, follow=True).content.decode()
    assert "«acta» es pública." in page and 'id="tabla-evidencias"' in page
    evidence.refresh_from_db()
    assert evidence.is_public
    client.post(reverse("transparency:portal_switch", args=[plan.pk]), {"public": "0"})
    plan.refresh_from_db()
    assert not plan.public


@pytest.mark.parametrize("size", [(1, 2), (5, 8)])
def test_the_desk_costs_a_fixed_number_of_queries(size, staff, django_assert_num_queries):
    plan = make_plan(*size)
    client = logged(staff["planeacion"])
    url = reverse("transparency:desk") + f"?plan={plan.pk}"
    client.get(url)
    # session, user, roles; plan; closures, publications, approved reports, evidence
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
