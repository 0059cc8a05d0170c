"""Planeación confirms or changes the annualization PEP deduced for an indicator whose book
did not state it (the data-quality page lists them). The change is audited: the indicator's
history keeps who, when, the old and new value, and the reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators import roles
from indicators.models import Indicator
from objectives.reporting.services import ONLY_REVIEWERS, Conflict


def annualization_save(
    *, user, indicator: Indicator, annualization: str, reason: str, version: int
) -> Indicator:
    """Set the indicator's annualization as stated by Planeación (no longer deduced)."""
    if not roles.can_review(user):
        raise PermissionDenied(ONLY_REVIEWERS)
    if not reason.strip():
        raise ValidationError({"reason": _("Escriba el motivo: de dónde sale esta anualización.")})
    with transaction.atomic():
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if current.version != version:
            raise Conflict(current)
        current.annualization = annualization
        current.annualization_inferred = False
        current.version += 1
        current.full_clean()
        current._history_user = user
        current._change_reason = reason.strip()
        current.save()
    return current
