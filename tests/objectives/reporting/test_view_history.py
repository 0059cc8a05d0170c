import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_history_page_shows_who_when_old_new_and_reason(clients, budget):
    clients["Planeación"].post(
        reverse("objectives:programming_edit", args=[budget.pk, 2022]),
        {"value": "97,5", "reason": "Recorte presupuestal", "version": 1},
    )
    response = clients["Directivo"].get(reverse("objectives:history", args=[budget.pk]))
    html = response.content.decode()
    rows = html.split('id="tabla-historial"')[1].split("</tr>")
    row = next(row for row in rows if "Programación 2022" in row)  # beside its version
    assert "100 → 97,5" in row
    assert "Recorte presupuestal" in row
    assert clients["users"]["Planeación"].username in row
