"""Writes of the calendar. Planeación's: publish a vigencia's calendar (its four windows with
the default dates), change a window's dates, reopen a corte for one dependency or one
indicator; each atomic, checking its permission, leaving its reason in the history. And the
day's reminders: claimed first, then handed to the worker to send."""

import uuid
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles
from indicators.choices import Corte
from indicators.models import Indicator
from objectives.calendar import mail
from objectives.calendar.models import Reminder, Reopening, ReportingWindow
from objectives.calendar.reminders import Message, reminders_due
from objectives.calendar.schedule import default_dates
from objectives.calendar.tasks import send_email
from objectives.models import Plan

PUBLISHED = gettext_lazy("Calendario publicado con las fechas por defecto")
ALREADY_PUBLISHED = gettext_lazy("El calendario de la vigencia %(year)s ya está publicado.")
NOT_OF_PLAN = gettext_lazy("La vigencia %(year)s no pertenece al plan.")
STALE = gettext_lazy(
    "Otra persona cambió estas fechas mientras usted las editaba: revise las fechas actuales y "
    "vuelva a guardar."
)
NEED_REASON = gettext_lazy("Escriba el motivo del cambio.")
NEED_REOPEN_REASON = gettext_lazy("Escriba por qué se reabre el corte.")
NEED_TARGET = gettext_lazy("Elija una dependencia o un indicador, no los dos.")
PAST_UNTIL = gettext_lazy("La reapertura debe durar al menos hasta hoy.")


def _require_planning(user) -> None:
    if not roles.can_review(user):
        raise PermissionDenied(_("Solo Planeación maneja el calendario de reporte."))


def calendar_publish(*, user, plan: Plan, year: int) -> list[ReportingWindow]:
    """Give the vigencia its four windows, with the default dates: from now on its cortes are
    reported inside them and reminders go out."""
    _require_planning(user)
    if year not in plan.years:
        raise ValidationError(NOT_OF_PLAN % {"year": year})
    windows = []
    try:
        with transaction.atomic():
            for corte in Corte.values:
                dates = default_dates(year, corte)
                window = ReportingWindow(
                    plan=plan,
                    year=year,
                    corte=corte,
                    opens_on=dates.opens_on,
                    due_on=dates.due_on,
                    locks_on=dates.locks_on,
                )
                window._history_user = user
                window._change_reason = str(PUBLISHED)
                window.save()
                windows.append(window)
    except IntegrityError:
        raise ValidationError(ALREADY_PUBLISHED % {"year": year}) from None
    return windows


def window_save(
    *,
    user,
    window: ReportingWindow,
    opens_on: date,
    due_on: date,
    locks_on: date,
    reason: str,
    version: int,
) -> ReportingWindow:
    """Change a window's dates; the reason goes into the history."""
    _require_planning(user)
    if not reason.strip():
        raise ValidationError({"reason": NEED_REASON})
    with transaction.atomic():
        current = ReportingWindow.objects.select_for_update().get(pk=window.pk)
        if current.version != version:
            raise ValidationError(STALE)
        current.opens_on, current.due_on, current.locks_on = opens_on, due_on, locks_on
        current.version += 1
        current.full_clean()
        current._history_user = user
        current._change_reason = reason.strip()
        current.save()
    return current


def reopening_create(
    *,
    user,
    window: ReportingWindow,
    dependency: str = "",
    indicator: Indicator | None = None,
    until: date,
    reason: str,
) -> Reopening:
    """Let one dependency or one indicator report the window's corte until ``until``."""
    _require_planning(user)
    if bool(dependency) == (indicator is not None):
        raise ValidationError(NEED_TARGET)
    if not reason.strip():
        raise ValidationError({"reason": NEED_REOPEN_REASON})
    if until < timezone.localdate():
        raise ValidationError({"until": PAST_UNTIL})
    reopening = Reopening(
        window=window,
        dependency=dependency,
        indicator=indicator,
        until=until,
        reason=reason.strip(),
        created_by=user,
    )
    reopening.full_clean()
    reopening._history_user = user
    reopening._change_reason = reason.strip()
    reopening.save()
    return reopening


def _claimed_keys(day: date) -> set[tuple[str, str, str]]:
    return set(Reminder.objects.filter(day=day).values_list("recipient", "kind", "item"))


def reminders_send(*, day: date, dry_run: bool = False) -> list[Message]:
    """Send the reminders due on ``day``; return the messages sent (with ``dry_run``, the ones
    that would be, and nothing is written).

    Each item is claimed before any message goes: one row per (recipient, kind, item, day),
    inserted with the conflicts ignored, then read back by this run's token. A second run the
    same day, here or on another machine, finds the rows taken and sends nothing twice.
    """
    messages = reminders_due(day, _claimed_keys(day))
    if dry_run:
        return messages
    run = uuid.uuid4()
    claims = [claim for message in messages for claim in message.claims(day, run)]
    Reminder.objects.bulk_create(claims, ignore_conflicts=True)
    taken = set(Reminder.objects.filter(run=run).values_list("recipient", "kind", "item"))
    sent = [m for m in messages if m.keep(lambda key, m=m: (m.recipient, *key) in taken)]
    for message in sent:
        if message.email:
            email = mail.render(message)
            send_email.enqueue(
                run=str(run),
                recipient=message.recipient,
                to=message.email,
                subject=email.subject,
                text=email.text,
                html=email.html,
            )
    return sent
