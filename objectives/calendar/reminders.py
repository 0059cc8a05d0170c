"""Who is reminded of what on a day: the selector behind ``send_reminders``.

For every window running that day (opened, not locked) the schedule says whether responsables
get a reminder (``schedule.reminder_kind``), whether heads of dependencies are told of overdue
items (``escalates``) and whether Planeación gets its weekly summary (``summarizes``). An item
is an indicator programmed in the vigencia whose report of the corte is missing, still a draft,
or returned. Each person gets one message listing all their items; a fixed number of queries
per running window.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model

from indicators import roles
from indicators.choices import ReportStatus
from indicators.models import Assignment, Indicator, Report
from indicators.selectors import due_in_corte
from objectives.calendar.models import Dependency, Reminder, ReportingWindow
from objectives.calendar.schedule import Cadence, escalates, reminder_kind, summarizes
from objectives.choices import ReminderKind

PENDING = (ReportStatus.BORRADOR, ReportStatus.DEVUELTO)
# The most urgent kind names a message that lists items of several cortes.
URGENCY = [
    ReminderKind.VENCIDO,
    ReminderKind.VENCE,
    ReminderKind.ANTES,
    ReminderKind.APERTURA,
]


def cadence() -> Cadence:
    return Cadence(
        days_before=settings.REMINDER_DAYS_BEFORE,
        overdue_max=settings.REMINDER_OVERDUE_MAX,
        escalation_day=settings.REMINDER_ESCALATION_DAY,
        summary_weekday=settings.REMINDER_SUMMARY_WEEKDAY,
    )


@dataclass(frozen=True)
class Item:
    """An indicator still to report in a window (``report`` None: nothing saved yet)."""

    window: ReportingWindow
    indicator: Indicator
    report: Report | None
    kind: ReminderKind

    @property
    def key(self) -> str:
        return f"{self.window.pk}:{self.indicator.pk}"

    @property
    def returned(self) -> bool:
        return self.report is not None and self.report.status == ReportStatus.DEVUELTO


@dataclass(frozen=True)
class DependencyCount:
    dependency: str
    missing: int
    returned: int
    waiting: int
    approved: int


@dataclass(frozen=True)
class Summary:
    """Planeación's weekly view of one window: counts per dependency."""

    window: ReportingWindow
    lines: list[DependencyCount]

    @property
    def key(self) -> str:
        return str(self.window.pk)


@dataclass
class Message:
    """One message to one recipient: a responsable's items, a head's overdue items, or
    Planeación's summaries."""

    recipient: str
    email: str
    kind: ReminderKind
    user: object | None = None
    name: str = ""
    items: list[Item] = field(default_factory=list)
    summaries: list[Summary] = field(default_factory=list)

    def item_kind(self, item: Item) -> ReminderKind:
        """A responsable is reminded of an item for the reason its corte gives; a head of
        dependency is always told of it as an escalation."""
        return self.kind if self.kind == ReminderKind.ESCALAMIENTO else item.kind

    def keys(self) -> list[tuple[ReminderKind, str]]:
        """(kind, item) of each thing this message tells."""
        return [(self.item_kind(i), i.key) for i in self.items] + [
            (self.kind, s.key) for s in self.summaries
        ]

    def claims(self, day: date, run) -> list[Reminder]:
        """The rows that claim this message's items for ``day`` (see Reminder)."""
        common = {"recipient": self.recipient, "user": self.user, "day": day, "run": run}
        return [
            Reminder(
                kind=self.item_kind(i), item=i.key, window=i.window, indicator=i.indicator, **common
            )
            for i in self.items
        ] + [
            Reminder(kind=self.kind, item=s.key, window=s.window, **common) for s in self.summaries
        ]

    def keep(self, wanted) -> bool:
        """Keep the items whose (kind, item) ``wanted`` accepts; whether any is left."""
        self.items = [i for i in self.items if wanted((self.item_kind(i), i.key))]
        self.summaries = [s for s in self.summaries if wanted((self.kind, s.key))]
        return bool(self.items or self.summaries)


def recipient_key(user) -> str:
    return user.email.strip().lower() if user.email.strip() else f"usuario:{user.pk}"


def _window_items(window: ReportingWindow, kind: ReminderKind | None):
    """Every indicator programmed in the window's vigencia with its report of the corte:
    three queries."""
    indicators = Indicator.objects.of_plan(window.plan).with_corte(window.year, window.corte)
    for indicator, report in due_in_corte(indicators):
        yield Item(window, indicator, report, kind)


def _pending(items) -> list[Item]:
    return [i for i in items if i.report is None or i.report.status in PENDING]


def _counts(items: list[Item]) -> list[DependencyCount]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for item in items:
        status = item.report.status if item.report else None
        column = {None: 0, ReportStatus.BORRADOR: 0, ReportStatus.DEVUELTO: 1}.get(status)
        if column is None:
            column = 2 if status == ReportStatus.ENVIADO else 3
        tally[item.indicator.dependency][column] += 1
    return [DependencyCount(name, *counts) for name, counts in sorted(tally.items())]


class _Recipients:
    """The people reminders go to: responsables by dependency, heads, Planeación (3 queries)."""

    def __init__(self) -> None:
        self.responsables: dict[str, list] = defaultdict(list)
        assignments = Assignment.objects.filter(
            user__is_active=True, user__groups__name=roles.RESPONSABLE
        ).select_related("user")
        for assignment in assignments.order_by("user__username"):
            self.responsables[assignment.dependency].append(assignment.user)
        self.heads = {d.name: d for d in Dependency.objects.exclude(head_email="")}
        users = get_user_model().objects.filter(is_active=True, groups__name=roles.PLANEACION)
        self.planning = list(users.order_by("username").distinct())


def reminders_due(day: date, sent: set[tuple[str, str, str]] = frozenset()) -> list[Message]:
    """Every message due on ``day``, leaving out the items in ``sent`` (recipient, kind, item),
    which a run already claimed that day."""
    rules = cadence()
    messages: dict[tuple[str, str], Message] = {}
    recipients = None
    for window in ReportingWindow.objects.running_on(day).select_related("plan"):
        kind = reminder_kind(window.dates, day, rules)
        escalate, summary = (
            escalates(window.dates, day, rules),
            summarizes(window.dates, day, rules),
        )
        if not (kind or escalate or summary):
            continue
        recipients = recipients or _Recipients()
        items = list(_window_items(window, kind))
        pending = _pending(items)
        if kind:
            _remind(messages, recipients, pending)
        if escalate:
            _escalate(messages, recipients, pending)
        if summary:
            _summarize(messages, recipients, Summary(window, _counts(items)))
    return _unsent(messages.values(), sent)


def _message(messages, key: tuple[str, str], **values) -> Message:
    if key not in messages:
        messages[key] = Message(recipient=key[0], **values)
    return messages[key]


def _remind(messages, recipients: _Recipients, pending: list[Item]) -> None:
    for item in pending:
        for user in recipients.responsables.get(item.indicator.dependency, []):
            message = _message(
                messages,
                (recipient_key(user), "responsable"),
                email=user.email.strip(),
                kind=item.kind,
                user=user,
                name=user.get_full_name() or user.get_username(),
            )
            message.items.append(item)
            message.kind = min(message.kind, item.kind, key=URGENCY.index)


def _escalate(messages, recipients: _Recipients, pending: list[Item]) -> None:
    for item in pending:
        head = recipients.heads.get(item.indicator.dependency)
        if head is not None:
            email = head.head_email.strip()
            message = _message(
                messages,
                (email.lower(), "jefe"),
                email=email,
                kind=ReminderKind.ESCALAMIENTO,
                name=head.head_name or head.name,
            )
            message.items.append(item)


def _summarize(messages, recipients: _Recipients, summary: Summary) -> None:
    for user in recipients.planning:
        if user.email.strip():
            message = _message(
                messages,
                (recipient_key(user), "planeacion"),
                email=user.email.strip(),
                kind=ReminderKind.RESUMEN,
                user=user,
                name=user.get_full_name() or user.get_username(),
            )
            message.summaries.append(summary)


def _unsent(messages, sent) -> list[Message]:
    kept = [m for m in messages if m.keep(lambda key, m=m: (m.recipient, *key) not in sent)]
    order = list(ReminderKind.values)
    return sorted(kept, key=lambda m: (order.index(m.kind), m.recipient))
