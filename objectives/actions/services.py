"""Writes of improvement actions: open, follow up, start, close. Each checks its permission on
the server (Planeación, or a Responsable for the indicator's dependency), is atomic and keeps
its reason in the history. Actions change no official figure: no plan lock is needed."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles
from indicators.models import Indicator
from objectives.actions.models import FollowUp, ImprovementAction
from objectives.choices import ActionStatus
from objectives.models import Plan
from objectives.reporting.evidence import check_upload

NOT_YOURS = gettext_lazy(
    "Solo Planeación y los responsables de la dependencia del indicador manejan sus acciones "
    "de mejora."
)


@dataclass(frozen=True)
class ActionInput:
    cause: str
    action: str
    responsible: object
    dependency: str
    starts_on: date
    due_on: date


def may_manage(user, indicator: Indicator) -> bool:
    return roles.can_report(user, indicator.dependency)


def action_open(
    *, user, plan: Plan, indicator: Indicator, year: int, corte: int, data: ActionInput
) -> ImprovementAction:
    if not may_manage(user, indicator):
        raise PermissionDenied(NOT_YOURS)
    if data.due_on < data.starts_on:
        raise ValidationError({"due_on": _("La fecha límite no puede ser anterior al inicio.")})
    with transaction.atomic():
        action = ImprovementAction(
            plan=plan, indicator=indicator, year=year, corte=corte, created_by=user, **vars(data)
        )
        action._history_user = user
        action._change_reason = _("Acción abierta")
        action.save()
    return action


def _locked(action: ImprovementAction, user, version: int) -> ImprovementAction:
    current = ImprovementAction.objects.select_for_update().get(pk=action.pk)
    if not may_manage(user, current.indicator):
        raise PermissionDenied(NOT_YOURS)
    if current.version != version:
        raise ValidationError(
            _("Otra persona cambió esta acción mientras usted la veía: revise y vuelva a intentar.")
        )
    if current.status == ActionStatus.CUMPLIDA:
        raise ValidationError(_("La acción ya está cumplida y cerrada."))
    return current


def follow_up(
    *,
    user,
    action: ImprovementAction,
    version: int,
    note: str,
    evidence: UploadedFile | None,
    link: str = "",
) -> FollowUp:
    """Record a follow-up: an open action moves to «en curso»."""
    if evidence is not None:
        check_upload(evidence)
    with transaction.atomic():
        current = _locked(action, user, version)
        entry = FollowUp(improvement=current, note=note, link=link, created_by=user)
        if evidence is not None:
            entry.evidence = evidence
        entry._history_user = user
        entry.save()
        current.status = ActionStatus.EN_CURSO
        _save(current, user, _("Seguimiento registrado"))
    return entry


def action_close(*, user, action: ImprovementAction, version: int, note: str) -> ImprovementAction:
    """Close the action as cumplida, with its closing note (required)."""
    if not note.strip():
        raise ValidationError({"note": _("Escriba la nota de cierre: qué se logró.")})
    with transaction.atomic():
        current = _locked(action, user, version)
        current.status = ActionStatus.CUMPLIDA
        current.closing_note = note.strip()
        current.closed_at = timezone.now()
        _save(current, user, note.strip())
    return current


def _save(action: ImprovementAction, user, reason: str) -> None:
    action.version += 1
    action._history_user = user
    action._change_reason = reason
    action.save()
