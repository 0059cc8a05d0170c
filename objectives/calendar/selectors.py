"""Reads of the calendar, one per page: the calendar of a vigencia, and the notices of Mi
trabajo (the reminders a person was sent, shown in the app too)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.cortes import due_corte
from indicators.models import Indicator
from indicators.roles import User
from objectives.calendar.models import Dependency, Reminder, ReportingWindow
from objectives.calendar.schedule import (
    Dates,
    Stage,
    default_dates,
    stage,
    working_days_after,
)
from objectives.calendar.windows import corte_text
from objectives.choices import ReminderKind
from objectives.models import Plan

NOTICE_DAYS = 30  # how far back Mi trabajo shows the reminders a person got


def stage_text(window, today: date) -> tuple[str, str]:
    """What a window is today, and the badge colour it is shown with."""
    current = stage(window.dates, today)
    if current == Stage.NOT_OPEN:
        return _("Aún no abre"), "secondary"
    if current == Stage.LOCKED:
        return _("Bloqueado"), "dark"
    if current == Stage.OVERDUE:
        late = working_days_after(window.due_on, today)
        text = ngettext("Vencido hace %(n)s día hábil", "Vencido hace %(n)s días hábiles", late)
        return text % {"n": late}, "danger"
    left = working_days_after(today, window.due_on)
    if left == 0:
        return _("Abierto · vence hoy"), "warning"
    text = ngettext(
        "Abierto · vence en %(n)s día hábil", "Abierto · vence en %(n)s días hábiles", left
    )
    return text % {"n": left}, "success"


@dataclass(frozen=True)
class WindowRow:
    window: ReportingWindow
    corte: str
    state: str
    badge: str


def running_window(plan: Plan, today: date) -> WindowRow | None:
    """The plan's window running today that falls due first, if any: one query."""
    window = plan.windows.running_on(today).order_by("due_on", "corte").first()
    if window is None:
        return None
    return WindowRow(window, corte_text(window.year, window.corte), *stage_text(window, today))


@dataclass(frozen=True)
class HeadRow:
    dependency: str
    head: Dependency | None


@dataclass(frozen=True)
class CalendarPage:
    plan: Plan
    year: int
    rows: list[WindowRow]
    defaults: list[tuple[str, Dates]]  # what publishing gives the vigencia
    heads: list[HeadRow]
    today: date

    @property
    def published(self) -> bool:
        return bool(self.rows)

    @property
    def all_past(self) -> bool:
        """Whether publishing now would lock every corte at once (a past vigencia)."""
        return all(dates.locks_on <= self.today for _corte, dates in self.defaults)

    @property
    def reopenings(self) -> list:
        return [r for row in self.rows for r in row.window.reopenings.all()]


def calendar_page(plan: Plan, raw_year: str | None, today: date) -> CalendarPage:
    """The vigencia's windows with their reopenings, or the dates publishing would give them;
    the heads of the plan's dependencies: five queries."""
    year = plan.year_asked(raw_year) or due_corte(today, plan.first_year, plan.last_year)[0]
    windows = plan.windows.filter(year=year).prefetch_related("reopenings__indicator")
    windows = windows.prefetch_related("reopenings__created_by")
    rows = [WindowRow(w, corte_text(w.year, w.corte), *stage_text(w, today)) for w in windows]
    defaults = (
        [] if rows else [(corte_text(year, c), default_dates(year, c)) for c in (3, 6, 9, 12)]
    )
    names = Indicator.objects.of_plan(plan).dependencies()
    heads = {d.name: d for d in Dependency.objects.filter(name__in=names)}
    heads_rows = [HeadRow(n, heads.get(n)) for n in names]
    return CalendarPage(plan, year, rows, defaults, heads_rows, today)


@dataclass(frozen=True)
class Notice:
    """The reminders of one kind about one corte a person got on a day."""

    day: date
    kind: str
    corte: str
    window: ReportingWindow
    indicators: list[Indicator]


def notices(user: User, today: date) -> list[Notice]:
    """The reminders sent to ``user`` in the last NOTICE_DAYS days, newest first: one query."""
    rows = Reminder.objects.filter(user=user, day__gt=today - timedelta(days=NOTICE_DAYS))
    rows = rows.exclude(kind=ReminderKind.RESUMEN).select_related("window", "indicator")
    grouped: dict[tuple, Notice] = {}
    for row in rows.order_by("-day", "window_id", "indicator__code", "indicator_id"):
        key = (row.day, row.kind, row.window_id)
        if key not in grouped:
            label = ReminderKind(row.kind).label
            corte = corte_text(row.window.year, row.window.corte)
            grouped[key] = Notice(row.day, label, corte, row.window, [])
        grouped[key].indicators.append(row.indicator)
    return list(grouped.values())
