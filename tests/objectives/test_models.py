"""The QuerySet methods several pages share."""

import pytest

from indicators.models import Indicator, Report
from objectives.models import Closure, Plan
from tests.factories import close, make_plan

pytestmark = pytest.mark.django_db


def test_the_plan_asked_for_else_the_most_recent():
    older = make_plan(1, 1, name="Viejo")
    newer = Plan.objects.create(entity="E", name="Nuevo", first_year=2024, last_year=2027)
    assert Plan.objects.chosen(str(older.pk)) == older
    assert Plan.objects.chosen(older.pk) == older
    assert Plan.objects.chosen(None) == Plan.objects.chosen("abc") == newer
    assert Plan.objects.chosen("999") is None


def test_a_vigencia_asked_for_must_be_the_plans():
    plan = make_plan(1, 1)
    assert [plan.year_asked(raw) for raw in ("2022", "2019", "x", None)] == [2022, None, None, None]


def test_closed_vigencias_of_the_plans_an_indicator_feeds(closer):
    plan, other = make_plan(1, 1), make_plan(1, 1, name="Otro")
    close(plan, 2020, closer)
    close(plan, 2021, closer, is_closed=False)
    close(other, 2022, closer)
    indicator = Indicator.objects.filter(weights__objective__plan=plan).get()
    assert Closure.objects.closed().feeding(indicator).years() == {2020}


def test_indicators_of_a_plan_and_their_dependencies():
    plan = make_plan(2, 2)
    make_plan(1, 1, name="Otro")
    Indicator.objects.filter(weights__objective__plan=plan).update(dependency="Talento")
    assert Indicator.objects.of_plan(plan).count() == 4
    assert Indicator.objects.of_plan(plan).dependencies() == ["Talento"]


def test_counted_reports_are_the_approved_and_in_a_preview_the_sent_too():
    make_plan(1, 1)
    Report.objects.filter(corte=6).update(status="enviado")
    assert Report.objects.counted().count() == 1
    assert Report.objects.counted(pending=True).count() == 2


@pytest.mark.parametrize(
    ("first", "last"), [(1000, 1004), (2096, 2101), (2020, 2030), (1000, 9999)]
)
def test_a_plan_spans_at_most_ten_vigencias_between_2000_and_2100(db, first, last):
    """Issue 12: a book set vigencias 1000–9999 and the dashboard took 115 s."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    plan = Plan(entity="Entidad", name="Plan", first_year=first, last_year=last)
    with pytest.raises(ValidationError):
        plan.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()


def test_a_plan_of_ten_vigencias_is_fine(db):
    Plan(entity="Entidad", name="Plan", first_year=2020, last_year=2029).full_clean()


def test_texts_have_limits_that_the_message_states(db):
    from django.core.exceptions import ValidationError

    plan = Plan(entity="E", name="P", first_year=2020, last_year=2024, mission="m" * 5001)
    with pytest.raises(ValidationError) as refused:
        plan.full_clean()
    assert "5000" in refused.value.message_dict["mission"][0]
