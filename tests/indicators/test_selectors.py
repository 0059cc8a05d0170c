from decimal import Decimal as D

import pytest

from indicators.choices import Annualization, Corte, MetaKind, ReportStatus
from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from indicators.selectors import figures_by_indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator():
    goal = Goal.objects.create(kind=MetaKind.GESTION, statement="Meta")
    indicator = Indicator.objects.create(goal=goal, name="I", annualization=Annualization.SUMA)
    Programming.objects.bulk_create(
        Programming(indicator=indicator, year=year, value=10 * n)
        for n, year in enumerate([2020, 2021], 1)
    )
    for year, corte, executed in [
        (2020, Corte.JUNIO, 4),
        (2020, Corte.DICIEMBRE, 9),
        (2021, Corte.MARZO, 3),
    ]:
        Report.objects.create(indicator=indicator, year=year, corte=corte, executed=executed)
    Report.objects.create(
        indicator=indicator, year=2021, corte=Corte.JUNIO, executed=5, status=ReportStatus.ENVIADO
    )
    PublishedProgress.objects.create(indicator=indicator, year=2020, percent=D("88.5"))
    return indicator


def test_it_takes_each_vigencias_latest_counted_corte(indicator, django_assert_num_queries):
    with django_assert_num_queries(3):
        figures = figures_by_indicator(
            [indicator.pk], Report.objects.filter(status=ReportStatus.APROBADO)
        )
    found = figures[indicator.pk]
    assert found.programmed == {2020: D(10), 2021: D(20)}
    assert found.executed == {2020: D(9), 2021: D(3)}
    assert found.december == {2020: D(9)}
    assert found.published == {2020: D("88.5")}


def test_a_preview_counts_sent_reports_too(indicator):
    figures = figures_by_indicator([indicator.pk], Report.objects.all())
    assert figures[indicator.pk].executed == {2020: D(9), 2021: D(5)}


def test_it_can_fetch_one_vigencia_only(indicator):
    found = figures_by_indicator([indicator.pk], Report.objects.all(), years=[2021])[indicator.pk]
    assert found.programmed == {2021: D(20)} and found.executed == {2021: D(5)}
    assert found.published == {}


def test_an_indicator_without_figures_is_absent(indicator):
    assert figures_by_indicator([indicator.pk + 1], Report.objects.all()) == {}
