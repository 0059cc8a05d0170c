"""Reads of the quarterly cycle, one per page: Mi trabajo, Pendientes, the history of an
indicator, and the actions each report of the indicator page allows its reader."""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles, transitions
from indicators.choices import Annualization, Corte, ReportStatus, VersionStatus
from indicators.cortes import corte_asked, due_corte
from indicators.formatting import value_text
from indicators.models import Indicator, Programming, Report, TargetVersion
from indicators.progress import is_programmed
from indicators.roles import User
from indicators.selectors import due_in_corte
from objectives.calendar.selectors import Notice, WindowRow, notices, running_window
from objectives.figures import cortes_in, latest_year_in
from objectives.models import Plan, Weight
from objectives.on_track import IndicatorOnTrack, PlanOnTrack, plan_on_track
from objectives.shared import Shared, shared_plan_figures


@dataclass(frozen=True)
class ReportRow:
    """A report on the indicator page, with what the reader may do with it, and why a
    reviewer may not review it (``held``: their own report, four eyes)."""

    report: Report
    actions: frozenset[transitions.Action]
    closed: bool
    held: str = ""


def report_rows(
    indicator: Indicator, reports: list[Report], user: User, closed_years: set[int]
) -> list[ReportRow]:
    """Each report of the indicator with the actions ``user`` may take on it."""
    may_report = roles.can_report(user, indicator.dependency)
    may_review = roles.can_review(user)
    rows = []
    for report in reports:
        closed = report.year in closed_years
        own = transitions.is_own(
            user.pk, sent_by=report.sent_by_id, changed_by=report.reported_by_id
        )
        sender = report.sent_by_id or report.reported_by_id  # sent before sent_by was kept
        allowed = transitions.allowed_actions(
            report.status,
            may_report=may_report,
            may_review=may_review,
            closed=closed,
            is_sender=sender is not None and sender == user.pk,
            own=own,
        )
        held = transitions.kept_by_four_eyes(
            report.status, may_review=may_review, closed=closed, own=own
        )
        rows.append(ReportRow(report, allowed, closed, transitions.FOUR_EYES_TEXT if held else ""))
    return rows


@dataclass(frozen=True)
class WorkItem:
    indicator: Indicator
    report: Report | None


@dataclass(frozen=True)
class MyWork:
    """Mi trabajo by role: what a Responsable must report and has sent, what Planeación must
    review, and for a Directivo (who neither reports nor reviews) what is pending in the
    corte, read-only; with the corte's reporting window and the person's reminders."""

    plan: Plan
    year: int
    corte: int
    to_report: list[WorkItem]
    to_review: list[Report]
    is_reviewer: bool
    window: WindowRow | None  # the corte's reporting window, when its calendar is published
    notices: list[Notice]  # the reminders the person was sent lately
    sent: list[Report] = field(default_factory=list)
    is_reporter: bool = False
    pending: "Pending | None" = None
    on_track: PlanOnTrack | None = None  # ¿vamos bien? at the latest corte with reports
    behind: list[IndicatorOnTrack] = field(default_factory=list)  # theirs (Planeación: all)
    behind_scope: str = ""  # whose indicators ``behind`` holds: the key of its drawn table


def _own(report: Report, user: User) -> bool:
    """Four eyes: a reviewer's own reports are someone else's to review."""
    return transitions.is_own(user.pk, sent_by=report.sent_by_id, changed_by=report.reported_by_id)


def _sent(indicators: QuerySet[Indicator]) -> list[Report]:
    return list(
        Report.objects.filter(status=ReportStatus.ENVIADO, indicator__in=indicators)
        .select_related("indicator", "reported_by")
        .order_by("-year", "-corte", "indicator__code")
    )


def my_work(plan: Plan, user: User) -> MyWork:
    """What the person must report (their dependencies) and has sent, or must review, in the
    corte whose window is open (else the latest passed), and their reminders; a Directivo's
    is the corte's pending work. A fixed number of queries per role."""
    today = timezone.localdate()
    window = running_window(plan, today)
    year, corte = (
        (window.window.year, window.window.corte)
        if window
        else due_corte(today, plan.first_year, plan.last_year)
    )
    to_report, sent = [], []
    reporter = roles.RESPONSABLE in roles.roles(user)
    if reporter:
        mine = Indicator.objects.of_plan(plan).filter(dependency__in=roles.dependencies(user))
        to_report = [
            WorkItem(indicator, report)
            for indicator, report in due_in_corte(mine.with_corte(year, corte))
            if report is None or report.status in transitions.EDITABLE
        ]
        sent = _sent(mine)
    reviewer = roles.can_review(user)
    to_review = (
        [r for r in _sent(Indicator.objects.of_plan(plan)) if not _own(r, user)] if reviewer else []
    )
    director = not (reporter or reviewer) and roles.DIRECTIVO in roles.roles(user)
    on_track, everyone = _on_track(plan) if reporter or reviewer else (None, [])
    return MyWork(
        plan,
        year,
        corte,
        to_report,
        to_review,
        reviewer,
        window,
        notices(user, today),
        sent=sent,
        is_reporter=reporter,
        pending=pending(plan, str(year), str(corte)) if director else None,
        on_track=on_track,
        behind=_behind(everyone, user, reviewer),
        behind_scope=_behind_scope(on_track, user, reviewer),
    )


_ON_TRACK = Shared()


def _on_track(plan: Plan) -> tuple[PlanOnTrack | None, list[IndicatorOnTrack]]:
    """¿Vamos bien? at the latest corte with approved reports and every indicator behind,
    from the plan's shared figures (``objectives.shared``): computed once per revision in
    this process and shared by everyone's Mi trabajo."""

    def build() -> tuple[PlanOnTrack | None, list[IndicatorOnTrack]]:
        figures = shared_plan_figures(plan)
        year = latest_year_in(plan, figures)
        cortes = cortes_in(figures, year) if year else []
        if not cortes:
            return None, []
        on_track = plan_on_track(plan, year, cortes[-1], read=shared_plan_figures)
        return on_track, on_track.behind()

    return _ON_TRACK.get((plan.pk, plan.revision), build)


def _behind_scope(on_track: PlanOnTrack | None, user: User, reviewer: bool) -> str:
    """What the table of indicators behind depends on, besides the plan's revision: the corte
    and whose indicators (all, or a Responsable's dependencies)."""
    where = "" if on_track is None else f"{on_track.year}-{on_track.corte}"
    mine = "todos" if reviewer else "|".join(sorted(roles.dependencies(user)))
    return hashlib.sha256(f"{where}:{mine}".encode()).hexdigest()[:16]


def _behind(everyone: list[IndicatorOnTrack], user: User, reviewer: bool) -> list:
    """The indicators behind: all of them for Planeación, a Responsable's own otherwise."""
    if reviewer:
        return everyone
    mine = roles.dependencies(user)
    return [row for row in everyone if row.indicator.dependency in mine]


@dataclass(frozen=True)
class DependencyPending:
    dependency: str
    missing: list[Indicator]
    unapproved: list[Report]
    approved: int

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.unapproved) + self.approved


@dataclass(frozen=True)
class Pending:
    plan: Plan
    year: int
    corte: int
    groups: list[DependencyPending]

    @property
    def missing(self) -> int:
        return sum(len(g.missing) for g in self.groups)

    @property
    def unapproved(self) -> int:
        return sum(len(g.unapproved) for g in self.groups)


def pending_corte(plan: Plan, raw_year: str | None, raw_corte: str | None) -> tuple[int, int]:
    """The vigencia and corte asked for, else the corte due today: no query."""
    year, corte = due_corte(timezone.localdate(), plan.first_year, plan.last_year)
    return plan.year_asked(raw_year) or year, corte_asked(raw_corte) or corte


def pending(plan: Plan, raw_year: str | None, raw_corte: str | None) -> Pending:
    """Indicators programmed in the vigencia still lacking a report or an approval at the corte,
    grouped by dependency: five queries. The plan's indicators are read as tuples (a plan of
    4.000 links has no model instance to build but those the page lists)."""
    year, corte = pending_corte(plan, raw_year, raw_corte)
    indicators = Indicator.objects.of_plan(plan)
    linked = {"indicator__weights__objective__plan": plan}  # a join: faster than IN (…)
    programmed = dict(
        Programming.objects.filter(year=year, **linked)
        .order_by()
        .values_list("indicator_id", "value")
    )
    statuses = dict(
        Report.objects.filter(year=year, corte=corte, **linked)
        .order_by()
        .values_list("indicator_id", "status")
    )
    found: dict[str, tuple[list[int], list[int], list[int]]] = {}
    for pk, dependency, annualization in indicators.values_list(
        "pk", "dependency", "annualization"
    ):
        if pk not in programmed or not is_programmed(programmed[pk], annualization):
            continue
        status = statuses.get(pk)
        kind = 0 if status is None else 2 if status == ReportStatus.APROBADO else 1
        found.setdefault(dependency, ([], [], []))[kind].append(pk)  # missing, unapproved, approved
    return Pending(plan, year, corte, _pending_groups(found, year, corte))


def _pending_groups(found: dict, year: int, corte: int) -> list[DependencyPending]:
    """The groups, with the indicators and reports they list: two queries."""
    listed = [pk for missing, unapproved, _ in found.values() for pk in missing + unapproved]
    indicators = Indicator.objects.in_bulk(listed)
    reports = {
        r.indicator_id: r
        for r in Report.objects.filter(year=year, corte=corte, indicator_id__in=listed)
    }
    groups = []
    for dependency, (missing, unapproved, approved) in found.items():
        for pk in unapproved:
            reports[pk].indicator = indicators[pk]
        groups.append(
            DependencyPending(
                dependency or str(_("Sin dependencia asignada")),
                [indicators[pk] for pk in missing],
                [reports[pk] for pk in unapproved],
                len(approved),
            )
        )
    return sorted(groups, key=lambda g: (-(len(g.missing) + len(g.unapproved)), g.dependency))


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    kind: str
    changes: list[Change]
    reason: str


HISTORY_FIELDS = {
    "indicator": {
        "annualization": gettext_lazy("anualización"),
        "annualization_inferred": gettext_lazy("anualización deducida"),
    },
    "programming": {"value": gettext_lazy("programado")},
    "report": {
        "executed": gettext_lazy("ejecutado"),
        "status": gettext_lazy("estado"),
        "review_note": gettext_lazy("nota de revisión"),
        "justification": gettext_lazy("justificación"),
    },
    "weight": {
        "weight": gettext_lazy("ponderación"),
        "by_year": gettext_lazy("ponderación por vigencia"),
        "first_year": gettext_lazy("cuenta desde"),
        "last_year": gettext_lazy("cuenta hasta"),
    },
    "version": {
        "status": gettext_lazy("estado"),
        "programming": gettext_lazy("programación"),
        "baseline": gettext_lazy("línea base"),
        "stated_total": gettext_lazy("programación total"),
    },
}
HISTORY_KINDS = {
    "+": gettext_lazy("creado"),
    "~": gettext_lazy("cambiado"),
    "-": gettext_lazy("borrado"),
}
HISTORY_CHOICES = {
    "status": dict(ReportStatus.choices) | dict(VersionStatus.choices),
    "annualization": dict(Annualization.choices),
}


def indicator_history(indicator_id: int) -> tuple[Indicator, list[HistoryEntry]] | None:
    """Every change to the indicator (its annualization), its programming, reports, weights
    and the versions of its targets (each proposal, approval or rejection, with the act),
    each with its reason (a step's note, a change's motive): six queries."""
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        return None
    sources = [
        ("indicator", Indicator.history.filter(id=indicator_id), lambda r: _("Indicador")),
        (
            "programming",
            Programming.history.filter(indicator_id=indicator_id),
            lambda r: _("Programación %(year)s") % {"year": r.year},
        ),
        (
            "report",
            Report.history.filter(indicator_id=indicator_id),
            lambda r: (
                _("Reporte %(year)s · %(corte)s") % {"year": r.year, "corte": Corte(r.corte).label}
            ),
        ),
        (
            "weight",
            Weight.history.filter(indicator_id=indicator_id).select_related("objective"),
            lambda r: _("Ponderación en el objetivo %(number)s") % {"number": r.objective.number},
        ),
        (
            "version",
            TargetVersion.history.filter(indicator_id=indicator_id),
            lambda r: _("Versión %(number)s de las metas") % {"number": r.number},
        ),
    ]
    entries = []
    for kind, records, label in sources:
        entries.extend(_entries(kind, records.select_related("history_user"), label))
    entries.sort(key=lambda e: e.when, reverse=True)
    return indicator, entries


def _entries(kind: str, records, label) -> list[HistoryEntry]:
    fields = HISTORY_FIELDS[kind]
    previous: dict[int, object] = {}
    entries = []
    for record in records.order_by("history_date", "history_id"):
        before = previous.get(record.id)
        changes = [
            Change(str(name), _shown(f, getattr(before, f, None)), _shown(f, getattr(record, f)))
            for f, name in fields.items()
            if before is None or getattr(before, f) != getattr(record, f)
        ]
        previous[record.id] = record
        if before is not None and not changes:
            continue
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else _("sistema"),
                what=label(record),
                kind=str(HISTORY_KINDS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def _shown(field: str, value) -> str:
    return value_text(value, HISTORY_CHOICES.get(field))
