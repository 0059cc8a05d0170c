from datetime import date

import pytest

from objectives.calendar.schedule import (
    Cadence,
    Dates,
    Stage,
    add_working_days,
    default_dates,
    escalates,
    is_working_day,
    reminder_kind,
    stage,
    summarizes,
    working_days_after,
)
from objectives.choices import ReminderKind as K

# The 31 December 2024 corte with its default dates: opens a week before, due on the 10th
# working day after (1 January and the Reyes of Monday 6 January skipped), locked 5 working
# days after that.
DECEMBER_2024 = Dates(date(2024, 12, 24), date(2025, 1, 16), date(2025, 1, 23))
CADENCE = Cadence(days_before=3, overdue_max=3, escalation_day=2, summary_weekday=0)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 10, 14), False),  # Día de la Raza: 12 October moved to Monday (Emiliani)
        (date(2024, 10, 12), False),  # a Saturday
        (date(2024, 10, 15), True),
        (date(2025, 1, 6), False),  # Reyes Magos, on its Monday
        (date(2025, 3, 24), False),  # San José (19 March) moved to Monday
        (date(2025, 4, 17), False),  # Jueves Santo
        (date(2025, 6, 30), False),  # Sagrado Corazón and San Pedro y San Pablo together
        (date(2025, 7, 1), True),
    ],
)
def test_working_days_skip_weekends_and_colombian_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("year", "corte", "opens", "due", "locks"),
    [
        # 10 working days after 30 September 2024: Monday 14 October is a holiday.
        (2024, 9, date(2024, 9, 23), date(2024, 10, 15), date(2024, 10, 22)),
        # After 31 December 2024: 1 January and Monday 6 January are holidays.
        (2024, 12, date(2024, 12, 24), date(2025, 1, 16), date(2025, 1, 23)),
        # After 31 March 2025; the lock jumps Jueves and Viernes Santo (17 and 18 April).
        (2025, 3, date(2025, 3, 24), date(2025, 4, 14), date(2025, 4, 23)),
        # 30 June 2025 is itself a holiday; the count starts the day after.
        (2025, 6, date(2025, 6, 23), date(2025, 7, 14), date(2025, 7, 21)),
    ],
)
def test_default_dates_count_working_days_across_holidays(year, corte, opens, due, locks):
    assert default_dates(year, corte) == Dates(opens, due, locks)


def test_working_days_go_backwards_and_are_counted_between_two_days():
    assert add_working_days(date(2025, 1, 16), -3) == date(2025, 1, 13)
    assert add_working_days(date(2025, 1, 7), -1) == date(2025, 1, 3)  # back over Reyes
    assert working_days_after(date(2024, 12, 31), date(2025, 1, 16)) == 10
    assert working_days_after(date(2025, 1, 16), date(2025, 1, 16)) == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 12, 23), Stage.NOT_OPEN),
        (date(2024, 12, 24), Stage.OPEN),
        (date(2025, 1, 16), Stage.OPEN),  # the due date is still on time
        (date(2025, 1, 17), Stage.OVERDUE),
        (date(2025, 1, 22), Stage.OVERDUE),
        (date(2025, 1, 23), Stage.LOCKED),  # from the locking date on, no reporting
    ],
)
def test_the_stage_of_a_day_in_a_window(day, expected):
    assert stage(DECEMBER_2024, day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 12, 23), None),  # not open yet
        (date(2024, 12, 24), K.APERTURA),  # the day it opens
        (date(2024, 12, 26), None),
        (date(2025, 1, 13), K.ANTES),  # 3 working days before the due date
        (date(2025, 1, 16), K.VENCE),  # the due date
        (date(2025, 1, 17), K.VENCIDO),  # 1st working day overdue
        (date(2025, 1, 18), None),  # a Saturday: no reminder
        (date(2025, 1, 20), K.VENCIDO),  # 2nd
        (date(2025, 1, 21), K.VENCIDO),  # 3rd: the last one
        (date(2025, 1, 22), None),  # bounded: no 4th
        (date(2025, 1, 23), None),  # locked
    ],
)
def test_which_reminder_a_responsable_gets_each_day(day, expected):
    assert reminder_kind(DECEMBER_2024, day, CADENCE) == expected


def test_the_number_of_overdue_reminders_follows_the_cadence():
    days = [date(2025, 1, d) for d in (17, 20, 21, 22)]
    one = Cadence(overdue_max=1)
    assert [reminder_kind(DECEMBER_2024, d, one) for d in days] == [K.VENCIDO, None, None, None]


def test_the_head_is_told_once_on_the_escalation_day():
    days = [date(2025, 1, d) for d in range(14, 24)]
    assert [d for d in days if escalates(DECEMBER_2024, d, CADENCE)] == [date(2025, 1, 20)]


def test_planning_gets_its_summary_on_mondays_while_the_window_runs():
    days = [date(2024, 12, 23), date(2024, 12, 30), date(2025, 1, 6), date(2025, 1, 20)]
    days.append(date(2025, 1, 27))  # locked by then
    assert [summarizes(DECEMBER_2024, d, CADENCE) for d in days] == [
        False,  # not open yet
        True,
        True,  # a holiday Monday still gets its summary
        True,  # overdue
        False,
    ]
