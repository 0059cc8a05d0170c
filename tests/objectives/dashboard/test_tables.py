from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.choices import Annualization, MetaKind, Unit
from indicators.models import Goal, Indicator
from objectives.dashboard.indicator_selectors import ListRow
from objectives.dashboard.tables import IndicatorTable, indicator_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    goal = Goal.objects.create(kind=MetaKind.GESTION, statement="Meta")
    return Indicator.objects.create(
        goal=goal, name="Porcentaje", annualization=Annualization.SUMA, unit=Unit.PORCENTAJE
    )


def test_the_code_links_to_the_indicator_and_reads_sin_codigo_without_one(indicator):
    url = reverse("objectives:indicator", args=[indicator.pk])
    assert indicator_link(indicator) == f'<a href="{url}">sin código</a>'
    indicator.code = "545"
    assert indicator_link(indicator) == f'<a href="{url}">545</a>'


def test_cells_show_colombian_text_and_the_meta_whole(indicator):
    row = ListRow(indicator, "1, 2", D("2.5"), D("1.255"), D("0.502"), "amarillo")
    table = IndicatorTable([row])
    shown = dict(zip([c.name for c in table.columns], table.rows[0], strict=True))
    assert (shown["programmed"], shown["executed"], shown["progress"]) == (
        "2,50 %",
        "1,26 %",
        "50,20 %",
    )
    assert "Amarillo" in shown["semaforo"]
    assert shown["goal"] == '<span title="Meta">Meta de gestión</span>'
