"""The window rule as the reporting services apply it: refused outside, open inside, open for
a vigencia without a published calendar, and open again for what Planeación reopened."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from indicators.choices import Corte, ReportStatus
from indicators.formatting import long_date
from objectives.calendar.models import Reopening
from objectives.calendar.windows import refusal, window_state
from objectives.reporting import services

pytestmark = pytest.mark.django_db


def save(user, indicator, year=2024, corte=Corte.DICIEMBRE):
    return services.report_save(
        user=user,
        indicator=indicator,
        year=year,
        corte=corte,
        data=services.ReportInput(executed=D(40), delays="Causa del retraso"),
        version=None,
    )


def days(n):
    return long_date(timezone.localdate() + timedelta(days=n))


def test_a_vigencia_without_a_published_calendar_is_reported_at_any_time(people, budget):
    assert window_state(budget, 2024, Corte.DICIEMBRE, timezone.localdate()) is None
    assert save(people["responsable"], budget).status == ReportStatus.BORRADOR


def test_inside_its_window_a_corte_is_reported_and_sent(people, budget, window):
    window(opens=-5, due=5, locks=10)
    report = save(people["responsable"], budget)
    sent = services.report_send(user=people["responsable"], report=report, version=1)
    assert sent.status == ReportStatus.ENVIADO


def test_a_late_report_is_still_received_until_the_window_locks(people, budget, window):
    window(opens=-20, due=-2, locks=3)
    state = window_state(budget, 2024, Corte.DICIEMBRE, timezone.localdate())
    assert state.refusal is None
    assert state.text == (
        f"El reporte venció el {days(-2)}: todavía se recibe hasta el {days(2)}, pero llega tarde."
    )
    assert save(people["responsable"], budget).status == ReportStatus.BORRADOR


def test_before_it_opens_it_is_refused_saying_when_it_opens_and_whom_to_ask(people, budget, window):
    window(opens=3, due=10, locks=15)
    with pytest.raises(ValidationError) as refused:
        save(people["responsable"], budget)
    assert refused.value.messages == [
        f"El reporte del corte al 31 de diciembre de 2024 todavía no abre: abre el {days(3)} y "
        f"vence el {days(10)}. Si necesita reportar antes, pida a la Oficina de Planeación que "
        "lo abra para su dependencia o para este indicador."
    ]
    assert not budget.reports.filter(year=2024).exists()


@pytest.mark.parametrize("who", ["responsable", "planeacion", "admin"])
def test_once_locked_nobody_reports_it_not_even_planning(people, budget, window, who):
    window(opens=-30, due=-10, locks=0)
    with pytest.raises(ValidationError) as refused:
        save(people[who], budget)
    assert refused.value.messages == [
        f"El reporte del corte al 31 de diciembre de 2024 se cerró el {days(0)} (estuvo abierto "
        f"desde el {days(-30)} y vencía el {days(-10)}). Para reportarlo ahora, pida a la "
        "Oficina de Planeación que lo reabra para su dependencia o para este indicador."
    ]


def test_a_draft_saved_in_time_cannot_be_sent_after_the_lock(people, budget, window):
    shut = window(opens=-5, due=5, locks=10)
    report = save(people["responsable"], budget)
    shut.locks_on = shut.due_on = timezone.localdate()
    shut.opens_on = shut.due_on - timedelta(days=20)
    shut.due_on -= timedelta(days=1)
    shut.save()
    with pytest.raises(ValidationError, match="se cerró el"):
        services.report_send(user=people["responsable"], report=report, version=1)
    report.refresh_from_db()
    assert report.status == ReportStatus.BORRADOR


def test_other_cortes_and_vigencias_keep_their_own_rule(people, budget, window):
    window(corte=12, opens=-30, due=-10, locks=-1)
    assert save(people["responsable"], budget, corte=Corte.SEPTIEMBRE).corte == Corte.SEPTIEMBRE
    assert save(people["responsable"], budget, year=2023).year == 2023


def reopen(window, by, **target):
    return Reopening.objects.create(
        window=window,
        until=timezone.localdate() + timedelta(days=target.pop("until", 2)),
        reason="El soporte llegó tarde de la Subdirección Financiera",
        created_by=by,
        **target,
    )


def test_a_reopening_for_the_dependency_lets_its_indicators_report(people, budget, window):
    shut = window(opens=-30, due=-10, locks=-1)
    reopen(shut, people["planeacion"], dependency="Subsecretaría Corporativa")
    state = window_state(budget, 2024, Corte.DICIEMBRE, timezone.localdate())
    assert state.refusal is None
    assert state.text == (
        f"Reabierto por Planeación hasta el {days(2)}: "
        "El soporte llegó tarde de la Subdirección Financiera"
    )
    assert save(people["responsable"], budget).status == ReportStatus.BORRADOR


def test_a_reopening_for_one_indicator_leaves_the_others_shut(people, budget, window, seed_plan):
    shut = window(opens=-30, due=-10, locks=-1)
    reopen(shut, people["planeacion"], indicator=budget)
    other = seed_plan.objectives.get(number=7).indicators.exclude(pk=budget.pk).first()
    today = timezone.localdate()
    assert refusal(budget, 2024, Corte.DICIEMBRE, today) is None
    assert "se cerró el" in refusal(other, 2024, Corte.DICIEMBRE, today)


def test_a_reopening_ends_on_its_last_day(people, budget, window):
    shut = window(opens=-30, due=-10, locks=-1)
    reopen(shut, people["planeacion"], dependency="Subsecretaría Corporativa", until=-1)
    assert "se cerró el" in refusal(budget, 2024, Corte.DICIEMBRE, timezone.localdate())
    reopen(shut, people["planeacion"], dependency="Subsecretaría Corporativa", until=0)
    assert refusal(budget, 2024, Corte.DICIEMBRE, timezone.localdate()) is None


def test_the_window_check_costs_two_queries(budget, window, django_assert_num_queries):
    window()
    with django_assert_num_queries(2):  # the windows of the corte, their reopenings
        window_state(budget, 2024, Corte.DICIEMBRE, timezone.localdate())
