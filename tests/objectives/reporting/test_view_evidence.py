import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


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


def test_evidence_goes_only_to_the_responsables_of_its_dependency(clients, evidence, make_user):
    """Issue 12: any logged-in user, a responsable of another dependency included, downloaded
    any evidence."""
    from tests.objectives.reporting.cycle import client_for

    other = client_for(make_user("Responsable", dependencies=["Oficina Asesora de Planeación"]))
    url = reverse("objectives:evidence", args=[evidence.pk])
    assert other.get(url).status_code == 403
    page = other.get(reverse("objectives:indicator", args=[evidence.report.indicator_id]))
    assert "acta.pdf" in page.content.decode() and url not in page.content.decode()


def test_evidence_is_served_as_a_download_of_what_it_holds(clients, evidence):
    response = clients["Directivo"].get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_stored_file_that_lies_about_its_kind_is_served_as_plain_bytes(clients, evidence):
    """Evidence stored before content checks existed (an .exe renamed .pdf)."""
    with evidence.file.open("wb") as stored:
        stored.write(b"MZ\x90\x00" + b"\x00" * 200)
    response = clients["Planeación"].get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="acta.pdf"'


def test_a_missing_file_is_not_found(clients, evidence):
    evidence.file.storage.delete(evidence.file.name)
    response = clients["Planeación"].get(reverse("objectives:evidence", args=[evidence.pk]))
    assert response.status_code == 404
