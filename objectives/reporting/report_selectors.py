"""The progress report page's read: the report of one corte with everything a person needs
beside the input (the indicator's unit, annualization and baseline, the vigencia's target, the
earlier cortes of the vigencia, the notes of every step so far) and what the reader may do."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from indicators import roles, transitions
from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Programming, Report
from indicators.progress import is_programmed, vigencia_progress
from indicators.roles import User
from objectives.models import Closure


@dataclass(frozen=True)
class CorteLine:
    """A corte of the vigencia: its cumulative value, progress (a ratio) and status."""

    corte: int
    report: Report | None
    progress: Decimal | None
    current: bool


@dataclass(frozen=True)
class Step:
    """One step of the report's way (sent, returned, approved…) with its note."""

    when: datetime
    who: str
    status: str
    note: str


@dataclass(frozen=True)
class ReportPage:
    indicator: Indicator
    year: int
    corte: int
    report: Report | None
    programmed: Decimal | None
    cortes: list[CorteLine]
    steps: list[Step]
    actions: frozenset[transitions.Action]
    closed: bool
    held: str = ""  # why this reviewer may not review it: their own report (four eyes)

    @property
    def editable(self) -> bool:
        return transitions.Action.EDIT in self.actions

    @property
    def is_programmed(self) -> bool:
        return is_programmed(self.programmed, self.indicator.annualization)

    @property
    def refusal(self) -> str:
        """Why the reader cannot edit the report (the 403 page says it)."""
        if self.closed:
            return _(
                "La vigencia %(year)s está cerrada: sus cifras son oficiales y no se editan."
            ) % {"year": self.year}
        status = self.report.get_status_display().lower() if self.report else ""
        return _("El reporte está %(status)s: ya no se puede editar.") % {"status": status}


def report_page(indicator_id: int, year: int, corte: int, user: User) -> ReportPage | None:
    """The report of ``corte`` in vigencia ``year`` with its context: seven queries (eight
    when the user's dependencies are read)."""
    indicator = (
        Indicator.objects.select_related("goal")
        .prefetch_related(
            Prefetch("programming", queryset=Programming.objects.filter(year=year)),
            Prefetch(
                "reports",
                queryset=Report.objects.filter(year=year, corte__lte=corte)
                .select_related("reported_by", "reviewed_by")
                .prefetch_related("evidence")
                .order_by("corte"),
            ),
        )
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None:
        return None
    programmed = next((p.value for p in indicator.programming.all()), None)
    by_corte = {r.corte: r for r in indicator.reports.all()}
    report = by_corte.get(corte)
    closed = year in Closure.objects.closed().feeding(indicator).years()
    return ReportPage(
        indicator=indicator,
        year=year,
        corte=corte,
        report=report,
        programmed=programmed,
        cortes=[
            _corte_line(indicator, programmed, c, by_corte.get(c), c == corte)
            for c in Corte.values
            if c <= corte
        ],
        steps=_steps(report) if report else [],
        actions=_actions(indicator, report, user, closed),
        closed=closed,
        held=_held(report, user, closed),
    )


def _corte_line(indicator, programmed, corte: int, report: Report | None, current: bool):
    progress = None
    if report is not None:
        progress = vigencia_progress(
            indicator.annualization, programmed, report.executed, indicator.baseline
        )
    return CorteLine(corte, report, progress, current)


def _actions(indicator: Indicator, report: Report | None, user: User, closed: bool):
    """The state machine's answer for this reader; a corte not reported yet is a draft to be."""
    sender = report and (report.sent_by_id or report.reported_by_id)  # before sent_by was kept
    return transitions.allowed_actions(
        report.status if report else ReportStatus.BORRADOR,
        may_report=roles.can_report(user, indicator.dependency),
        may_review=roles.can_review(user),
        closed=closed,
        is_sender=bool(sender) and sender == user.pk,
        own=_own(report, user),
    )


def _own(report: Report | None, user: User) -> bool:
    return report is not None and transitions.is_own(
        user.pk, sent_by=report.sent_by_id, changed_by=report.reported_by_id
    )


def _held(report: Report | None, user: User, closed: bool) -> str:
    """The four-eyes note, when that alone keeps this reviewer from reviewing the report."""
    if report is None:
        return ""
    held = transitions.kept_by_four_eyes(
        report.status, may_review=roles.can_review(user), closed=closed, own=_own(report, user)
    )
    return str(transitions.FOUR_EYES_TEXT) if held else ""


def _steps(report: Report) -> list[Step]:
    """Each change of status, oldest first, with who made it and its note: one query."""
    steps, before = [], None
    records = report.history.select_related("history_user").order_by("history_date", "history_id")
    for record in records:
        note = record.history_change_reason or ""
        if record.status != before or note:
            steps.append(
                Step(
                    when=record.history_date,
                    who=record.history_user.get_username() if record.history_user else _("sistema"),
                    status=record.status,
                    note=note,
                )
            )
        before = record.status
    return steps
