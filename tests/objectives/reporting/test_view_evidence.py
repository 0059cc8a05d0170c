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
