import pytest
from django.urls import reverse

from indicators.choices import Annualization
from indicators.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def inferred(seed_plan):
    return Indicator.objects.filter(annualization_inferred=True).order_by("id").first()


def _url(indicator):
    return reverse("objectives:annualization_edit", args=[indicator.pk])


def test_planeacion_confirms_an_inferred_annualization_with_a_reason(clients, inferred):
    response = clients["Planeación"].post(
        _url(inferred),
        {
            "annualization": Annualization.CONSTANTE,
            "reason": "Ficha técnica del indicador, versión 2",
            "version": inferred.version,
        },
    )
    assert response["Location"] == reverse("objectives:quality")
    inferred.refresh_from_db()
    assert (inferred.annualization, inferred.annualization_inferred) == ("constante", False)
    history = clients["Directivo"].get(reverse("objectives:history", args=[inferred.pk]))
    entry = history.context["page"][1][0]
    assert entry.what == "Indicador"
    assert entry.reason == "Ficha técnica del indicador, versión 2"
    assert [c.field for c in entry.changes] == ["anualización", "anualización deducida"]
    assert entry.changes[1].new == "no"


def test_the_quality_page_offers_it_and_stops_listing_it_once_confirmed(clients, inferred):
    html = clients["Planeación"].get(reverse("objectives:quality")).content.decode()
    assert _url(inferred) in html and "Confirmar o cambiar" in html
    assert "Confirmar o cambiar" not in clients["Directivo"].get("/calidad/").content.decode()
    clients["Planeación"].post(
        _url(inferred),
        {"annualization": inferred.annualization, "reason": "Confirmada", "version": 1},
    )
    assert _url(inferred) not in clients["Planeación"].get("/calidad/").content.decode()


def test_a_reason_is_required_and_decreciente_needs_a_baseline(clients, inferred):
    response = clients["Planeación"].post(
        _url(inferred), {"annualization": "suma", "reason": "", "version": 1}
    )
    assert response.status_code == 200
    assert "Este campo es obligatorio" in response.content.decode()
    response = clients["Planeación"].post(
        _url(inferred), {"annualization": "decreciente", "reason": "x", "version": 1}
    )
    assert "Un indicador Decreciente requiere línea base." in response.content.decode()
    inferred.refresh_from_db()
    assert inferred.annualization_inferred


@pytest.mark.parametrize("role", ["Responsable", "Directivo"])
def test_only_reviewers_may(clients, inferred, role):
    response = clients[role].get(_url(inferred))
    assert response.status_code == 403
    assert "Solo Planeación" in response.content.decode()


def test_a_stale_version_is_a_conflict(clients, inferred):
    data = {"annualization": "suma", "reason": "x", "version": 1}
    clients["Planeación"].post(_url(inferred), data)
    response = clients["Administrador"].post(_url(inferred), data | {"annualization": "constante"})
    assert response.status_code == 409
