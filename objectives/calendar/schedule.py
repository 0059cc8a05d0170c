"""The reporting calendar's date arithmetic, pure: Colombian working days, the default dates of
a corte's window, where a day falls in a window, and which reminder a day calls for.

A window has three dates. Reporting is open from ``opens_on`` up to the day before
``locks_on``; a report sent after ``due_on`` is late. Holidays come from the ``holidays``
package, which moves the ley Emiliani holidays to the following Monday.
"""

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from objectives.choices import ReminderKind

OPENS_BEFORE = 7  # calendar days before the corte: the window opens (24 December for 31 December)
DUE_AFTER = 10  # working days after the corte: the due date
LOCKS_AFTER = 5  # working days after the due date: the window locks


@lru_cache(maxsize=64)
def _holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("CO", years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Colombian holiday."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The ``count``-th working day after ``day`` (before it, when ``count`` is negative)."""
    step = timedelta(days=1 if count >= 0 else -1)
    left = abs(count)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_after(start: date, end: date) -> int:
    """How many working days fall after ``start`` up to ``end`` included (0 if end ≤ start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def corte_date(year: int, corte: int) -> date:
    """The last day of the corte: 31 March, 30 June, 30 September, 31 December."""
    return date(year, corte, 30 if corte in (6, 9) else 31)


@dataclass(frozen=True)
class Dates:
    opens_on: date
    due_on: date
    locks_on: date


def default_dates(year: int, corte: int) -> Dates:
    """A week before the corte it opens; due 10 working days after it; locked 5 working days
    after the due date."""
    end = corte_date(year, corte)
    due = add_working_days(end, DUE_AFTER)
    return Dates(end - timedelta(days=OPENS_BEFORE), due, add_working_days(due, LOCKS_AFTER))


class Stage(enum.Enum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    OVERDUE = "overdue"
    LOCKED = "locked"


def stage(dates: Dates, today: date) -> Stage:
    if today < dates.opens_on:
        return Stage.NOT_OPEN
    if today >= dates.locks_on:
        return Stage.LOCKED
    return Stage.OPEN if today <= dates.due_on else Stage.OVERDUE


@dataclass(frozen=True)
class Cadence:
    """When reminders go out (settings.REMINDER_*): ``days_before`` working days before the due
    date, at most ``overdue_max`` working days while overdue, the head of the dependency on
    the ``escalation_day``-th overdue working day, Planeación's summary on ``summary_weekday``
    (0 = Monday)."""

    days_before: int = 3
    overdue_max: int = 3
    escalation_day: int = 2
    summary_weekday: int = 0


def reminder_kind(dates: Dates, today: date, cadence: Cadence) -> ReminderKind | None:
    """The reminder a responsable with pending items of this corte gets ``today``, if any."""
    current = stage(dates, today)
    if current == Stage.OPEN:
        if today == dates.due_on:
            return ReminderKind.VENCE
        if today == add_working_days(dates.due_on, -cadence.days_before):
            return ReminderKind.ANTES
        if today == dates.opens_on:
            return ReminderKind.APERTURA
    overdue = current == Stage.OVERDUE and is_working_day(today)
    if overdue and working_days_after(dates.due_on, today) <= cadence.overdue_max:
        return ReminderKind.VENCIDO
    return None


def escalates(dates: Dates, today: date, cadence: Cadence) -> bool:
    """Whether the heads of dependencies with overdue items are told ``today``."""
    return (
        stage(dates, today) == Stage.OVERDUE
        and is_working_day(today)
        and working_days_after(dates.due_on, today) == cadence.escalation_day
    )


def summarizes(dates: Dates, today: date, cadence: Cadence) -> bool:
    """Whether Planeación gets the weekly summary of this corte ``today``."""
    return stage(dates, today) in (Stage.OPEN, Stage.OVERDUE) and (
        today.weekday() == cadence.summary_weekday
    )
