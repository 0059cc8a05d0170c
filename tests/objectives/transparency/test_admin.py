"""The admin shows what is published, when and by whom; tokens are revoked there."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from objectives.models import Publication
from objectives.transparency import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def es(client, django_user_model):
    """A superuser in the admin, in Spanish (``staff`` already has an "admin")."""
    root = django_user_model.objects.create_superuser("raiz", "raiz@x.co", "clave-de-prueba-123")
    client.force_login(root)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es-co"
    return client


def test_published_cortes_are_listed_with_who_and_when_and_cannot_be_edited(public_plan, staff, es):
    plan = public_plan()
    publication = Publication.objects.get(plan=plan)
    services.corte_unpublish(user=staff["admin"], publication=publication, reason="Revisión")
    html = es.get(reverse("admin:objectives_publication_changelist")).content.decode()
    assert "planeacion" in html and "Cortes publicados" in html and "31 de marzo" in html
    change = es.get(reverse("admin:objectives_publication_change", args=[publication.pk]))
    page = change.content.decode()
    assert "Revisión" in page and 'name="reason"' not in page  # read only
    history = es.get(reverse("admin:objectives_publication_history", args=[publication.pk]))
    assert "Publicación del corte" in history.content.decode()
    assert es.get(reverse("admin:objectives_publication_add")).status_code == 403


def test_the_plan_s_portal_switch_is_in_the_admin_and_tokens_are_revocable(public_seed, es, staff):
    page = es.get(reverse("admin:objectives_plan_change", args=[public_seed.pk])).content.decode()
    assert 'name="public"' in page and "Portal de transparencia" in page
    token = Token.objects.create(user=staff["planeacion"])
    url = reverse("admin:authtoken_tokenproxy_delete", args=[staff["planeacion"].pk])
    es.post(url, {"post": "yes"})
    assert not Token.objects.filter(pk=token.pk).exists()
