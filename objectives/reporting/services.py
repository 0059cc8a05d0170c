"""The quarterly cycle: report, send, review (approve or return), edit programming and weights,
close and reopen a vigencia. Each write checks its permission on the server, is atomic, locks
the plans it touches before reading anything (``objectives.locking``: one write after the
other on a plan, each seeing what the other committed), and refuses a stale version instead
of overwriting what someone else saved (``Conflict``). Which status a report may move to, and
who may not review it (four eyes), is ``indicators.transitions``' to say.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles, transitions
from indicators.choices import ReportStatus
from indicators.formatting import percent
from indicators.models import Evidence, Indicator, Programming, Report
from indicators.progress import is_programmed, vigencia_progress
from indicators.transitions import OVER_EXECUTION_TEXT, Action
from objectives.calendar.windows import refusal
from objectives.figures import compliance_snapshot
from objectives.locking import lock_plans, lock_plans_fed_by
from objectives.models import Closure, Plan, Weight
from objectives.on_track import cause_needed
from objectives.reporting.evidence import check_upload
from objectives.reprogramming import services as reprogramming
from objectives.reprogramming import weights

UNCONFIRMED = weights.UNCONFIRMED  # the code of the ValidationError that asks to confirm


NOT_YOURS = gettext_lazy(
    "Solo reportan este indicador Planeación y los responsables de su dependencia."
)
ONLY_REVIEWERS = gettext_lazy(
    "Solo Planeación y los administradores revisan reportes y cambian programación y ponderaciones."
)
ONLY_ADMINS = gettext_lazy("Solo un administrador cierra o reabre una vigencia.")


class Conflict(Exception):
    """Someone saved the same record after this form was opened."""

    def __init__(self, current):
        super().__init__("conflict")
        self.current = current


@dataclass(frozen=True)
class ReportInput:
    executed: Decimal
    achievements: str = ""
    delays: str = ""
    justification: str = ""


def _refuse_if_closed(indicator: Indicator, year: int) -> None:
    if year in Closure.objects.closed().feeding(indicator).years():
        raise ValidationError(
            _("La vigencia %(year)s está cerrada: sus cifras son oficiales y no se editan.")
            % {"year": year}
        )


def _refuse_outside_window(indicator: Indicator, year: int, corte: int) -> None:
    """A corte whose calendar is published is reported inside its window (or a reopening)."""
    reason = refusal(indicator, year, corte, timezone.localdate())
    if reason:
        raise ValidationError(reason)


def _check_figures(indicator: Indicator, year: int, data: ReportInput) -> None:
    programmed = indicator.programming.filter(year=year).values_list("value", flat=True).first()
    if not is_programmed(programmed, indicator.annualization):
        raise ValidationError(
            {
                "executed": _(
                    "La vigencia %(year)s no tiene programación para este indicador: no se puede "
                    "reportar ejecución. Pida a Planeación que programe la vigencia."
                )
                % {"year": year}
            }
        )
    progress = vigencia_progress(
        indicator.annualization, programmed, data.executed, indicator.baseline
    )
    if transitions.needs_justification(progress) and not data.justification.strip():
        raise ValidationError(
            {
                "justification": _(
                    "El avance es %(progress)s, más de %(limit)s: escriba la justificación de la "
                    "sobre-ejecución."
                )
                % {"progress": percent(progress * 100), "limit": OVER_EXECUTION_TEXT}
            }
        )


def report_save(
    *,
    user,
    indicator: Indicator,
    year: int,
    corte: int,
    data: ReportInput,
    version: int | None,
    files: list[UploadedFile] = (),
    links: list[str] = (),
) -> Report:
    """Create or update the report of a corte, as a draft (a returned one stays returned)."""
    if not roles.can_report(user, indicator.dependency):
        raise PermissionDenied(NOT_YOURS)
    _refuse_outside_window(indicator, year, corte)
    for upload in files:
        check_upload(upload)
    values = {
        "executed": data.executed,
        "achievements": data.achievements,
        "delays": data.delays,
        "justification": data.justification,
        "reported_by": user,
    }
    try:
        with transaction.atomic():
            lock_plans_fed_by(indicator)
            _refuse_if_closed(indicator, year)
            _check_figures(indicator, year, data)
            report = _draft(indicator, year, corte, values, version)
            report._history_user = user
            report.save()
            for upload in files:
                Evidence.objects.create(
                    report=report, file=upload, name=upload.name, uploaded_by=user
                )
            for link in links:
                Evidence.objects.create(report=report, link=link, name=link, uploaded_by=user)
    except IntegrityError:
        # Two people created the same corte at once: the second one sees the first's report.
        raise Conflict(Report.objects.get(indicator=indicator, year=year, corte=corte)) from None
    return report


def _draft(indicator: Indicator, year: int, corte: int, values: dict, version: int | None):
    """The corte's report, locked, with ``values`` set: a new draft, or the stored one if it
    is still the version the person opened and may still be edited."""
    report = (
        Report.objects.select_for_update()
        .filter(indicator=indicator, year=year, corte=corte)
        .first()
    )
    if report is None:
        if version is not None:
            raise Conflict(None)
        return Report(
            indicator=indicator, year=year, corte=corte, status=ReportStatus.BORRADOR, **values
        )
    _check_version(report, version)
    if not transitions.applies(Action.EDIT, report.status):
        raise ValidationError(
            _("El reporte está %(status)s: ya no se puede editar.")
            % {"status": report.get_status_display().lower()}
        )
    for name, value in values.items():
        setattr(report, name, value)
    report.version += 1
    return report


def _check_version(instance, version: int | None) -> None:
    if version != instance.version:
        raise Conflict(instance)


def _transition(report: Report, *, user, version: int, action: Action, note: str = "", **values):
    """Move the report as ``action`` says; its note is the reason the history shows."""
    with transaction.atomic():
        lock_plans_fed_by(report.indicator_id)
        current = Report.objects.select_for_update().get(pk=report.pk)
        _check_version(current, version)
        _refuse_if_closed(current.indicator, current.year)
        if not transitions.applies(action, current.status):
            raise ValidationError(
                _("El reporte está %(status)s: esa acción no aplica.")
                % {"status": current.get_status_display().lower()}
            )
        own = transitions.is_own(
            user.pk, sent_by=current.sent_by_id, changed_by=current.reported_by_id
        )
        if action in transitions.FOUR_EYES and own:
            raise ValidationError(transitions.FOUR_EYES_TEXT)
        current.status = transitions.next_status(action)
        for name, value in values.items():
            setattr(current, name, value)
        current.version += 1
        current._history_user = user
        current._change_reason = note.strip() or None
        current.save()
    return current


def require_cause(indicator: Indicator, year: int, corte: int, executed, delays: str) -> None:
    """A report that leaves its indicator atrasado (or in red at 31 December) says why."""
    if delays.strip():
        return
    reason = cause_needed(indicator, year, corte, executed)
    if reason:
        raise ValidationError({"delays": reason})


def report_send(*, user, report: Report, version: int, note: str = "") -> Report:
    if not roles.can_report(user, report.indicator.dependency):
        raise PermissionDenied(NOT_YOURS)
    _refuse_outside_window(report.indicator, report.year, report.corte)
    require_cause(report.indicator, report.year, report.corte, report.executed, report.delays)
    return _transition(
        report, user=user, version=version, action=Action.SEND, note=note, sent_by=user
    )


def report_withdraw(*, user, report: Report, version: int, note: str = "") -> Report:
    """The person who sent the report takes it back to borrador before it is reviewed."""
    sender = report.sent_by_id or report.reported_by_id  # sent before sent_by was kept
    if not roles.can_report(user, report.indicator.dependency) or sender != user.pk:
        raise PermissionDenied(_("Solo quien envió el reporte puede retirar el envío."))
    return _transition(report, user=user, version=version, action=Action.WITHDRAW, note=note)


def report_approve(*, user, report: Report, version: int, note: str = "") -> Report:
    """Approve the report: it counts in the figures from now on. The note is kept (in the
    report and in its history) like a return's."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    return _transition(
        report,
        user=user,
        version=version,
        action=Action.APPROVE,
        note=note,
        reviewed_by=user,
        review_note=note.strip(),
    )


def report_return(*, user, report: Report, version: int, note: str) -> Report:
    """Back to the reporter with a note: a sent report, or an approved one that needs a
    correction while its vigencia is open (it stops counting until approved again)."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    if not note.strip():
        raise ValidationError({"note": _("Escriba qué debe corregir quien reporta.")})
    return _transition(
        report,
        user=user,
        version=version,
        action=Action.RETURN,
        note=note,
        reviewed_by=user,
        review_note=note.strip(),
    )


def programming_save(
    *, user, indicator: Indicator, year: int, value: Decimal, reason: str, version: int | None
) -> Programming:
    """Planeación changes a vigencia's programming; the reason goes into the audit history and
    the change is a version of the indicator's targets. A vigencia with approved reports is
    reprogrammed instead (``reprogramming.services``: an act and an Administrador's approval).
    The vigencia must be one of a plan the indicator feeds. Two people creating the same
    vigencia at once queue on the plans' lock: the second one gets a conflict."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    _require_reason(reason)
    with transaction.atomic():
        plan_ids = lock_plans_fed_by(indicator)
        _refuse_outside_plans(plan_ids, year)
        _refuse_if_closed(indicator, year)
        reprogramming.needs_proposal(plan_ids, year)
        before = reprogramming.current_targets(indicator)
        current = (
            Programming.objects.select_for_update().filter(indicator=indicator, year=year).first()
        )
        if current is None:
            if version is not None:
                raise Conflict(None)
            current = Programming(indicator=indicator, year=year, value=value)
        else:
            _check_version(current, version)
            current.value = value
            current.version += 1
        _save_with_reason(current, user, reason)
        reprogramming.version_record(user=user, indicator=indicator, before=before, reason=reason)
    return current


def _refuse_outside_plans(plan_ids: list[int], year: int) -> None:
    years = {y for plan in Plan.objects.filter(pk__in=plan_ids) for y in plan.years}
    if year not in years:
        raise ValidationError(
            _("%(year)s no es una vigencia de los planes a los que aporta este indicador.")
            % {"year": year}
        )


def weight_save(
    *,
    user,
    weight: Weight,
    value: Decimal,
    reason: str,
    version: int,
    confirmed: bool = False,
    from_year: int | None = None,
) -> Weight:
    """Planeación changes a weight from a vigencia on (``from_year``; by default the first
    open one): a closed vigencia keeps its weights (``reprogramming.weights``). A weight of
    0, or a total off 100 %, is saved only once the person confirms it."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    _require_reason(reason)
    with transaction.atomic():
        plan = Plan.objects.get(objectives__weights=weight)
        lock_plans([plan.pk])
        current = (
            Weight.objects.select_for_update(of=("self",))
            .select_related("objective")
            .get(pk=weight.pk)
        )
        _check_version(current, version)
        start = weights.effective_year(
            plan, Closure.objects.closed().filter(plan=plan).years(), from_year
        )
        if not confirmed:
            weights.ask_confirmation(current, value, start)
        weights.set_from(current, plan, value, start)
        current.version += 1
        _save_with_reason(current, user, reason)
    return current


def _require_reason(reason: str) -> None:
    """Planeación's changes to programming and weights say why, for the audit history."""
    if not reason.strip():
        raise ValidationError({"reason": _("Escriba el motivo del cambio.")})


def _save_with_reason(record, user, reason: str) -> None:
    record._history_user = user
    record._change_reason = reason.strip()
    record.full_clean()
    record.save()


def vigencia_close(*, user, plan: Plan, year: int) -> Closure:
    """Freeze the vigencia's official figures, as computed now, under the plan's policy."""
    if not roles.is_admin(user):
        raise PermissionDenied(ONLY_ADMINS)
    if year not in plan.years:
        raise ValidationError(_("La vigencia no pertenece al plan."))
    with transaction.atomic():
        lock_plans([plan.pk])  # the snapshot below sees every write committed before it
        closure = Closure.objects.select_for_update().filter(plan=plan, year=year).first()
        if closure is not None and closure.is_closed:
            raise ValidationError(_("La vigencia %(year)s ya está cerrada.") % {"year": year})
        closure = closure or Closure(plan=plan, year=year)
        closure.is_closed = True
        closure.snapshot = compliance_snapshot(plan, year)
        closure.closed_by = user
        closure.closed_at = timezone.now()
        closure.reason = ""
        closure._history_user = user
        closure._change_reason = _("Cierre de la vigencia")
        closure.save()
    return closure


def vigencia_reopen(*, user, closure: Closure, reason: str) -> Closure:
    if not roles.is_admin(user):
        raise PermissionDenied(ONLY_ADMINS)
    if not reason.strip():
        raise ValidationError({"reason": _("Reabrir una vigencia cerrada exige un motivo.")})
    with transaction.atomic():
        lock_plans([closure.plan_id])
        current = Closure.objects.select_for_update().get(pk=closure.pk)
        if not current.is_closed:
            raise ValidationError(_("La vigencia ya está abierta."))
        current.is_closed = False
        current.reason = reason.strip()
        current._history_user = user
        current._change_reason = reason.strip()
        current.save()
    return current
