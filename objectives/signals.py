"""Cache invalidation, and nothing else: every write to what a plan's figures are made of gives
the plan a new ``revision``, and cached pages are keyed by it (``objectives.dashboard.cache``).

Receivers catch every ``save`` and ``delete``, from services, the admin or the shell. Bulk
writes send no signal, so the code that makes them calls ``plans_changed`` itself.

A write renews only what it changes. Figures count approved reports, and the dashboard's
preview also those sent for review: so a report's write renews ``revision`` when the report is
(or was) approved, only ``preview_revision`` when it is (or was) sent, and neither when it
stays a draft or a returned report; every report write renews ``cycle_revision``, which only
the pages of the quarterly cycle (Pendientes) are keyed by. Evidence renews the revision only
on an approved report (the portal shows public evidence of approved reports only).
"""

import uuid

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver

from indicators.choices import ReportStatus
from indicators.models import (
    CorteProgramming,
    Evidence,
    Goal,
    Indicator,
    Programming,
    PublishedProgress,
    Report,
)
from objectives.models import Closure, Objective, Plan, Publication, PublishedCompliance, Weight
from objectives.revisions import record_steps

APPROVED = ReportStatus.APROBADO
SENT = ReportStatus.ENVIADO


EVERY = ("revision", "preview_revision", "cycle_revision")


def plans_changed(condition: Q, *fields: str, indicators: list[int] | None = None) -> None:
    """Give the plans that ``condition`` selects new revisions: the ``fields`` named, else all
    of them (what bulk writers and every write but a report's call), and record the step
    (``objectives.revisions``): ``indicators`` are the ids whose figures the write may have
    changed, None for anything (a structural write, a bulk one)."""
    renewed = {field: uuid.uuid4() for field in fields or EVERY}
    with transaction.atomic():
        plan_ids = list(Plan.objects.filter(condition).values_list("pk", flat=True).distinct())
        if not plan_ids:
            return
        Plan.objects.filter(pk__in=plan_ids).update(**renewed)
        record_steps(plan_ids, renewed, indicators)


def _indicators(instance) -> list[int] | None:
    """The indicators whose figures a write of ``instance`` may change; None: anything."""
    match instance:
        case Evidence():
            return []  # figures never read evidence; the portal's pages are keyed by revision
        case Indicator():
            return [instance.pk]
        case Report() | Programming() | CorteProgramming() | PublishedProgress():
            return [instance.indicator_id]
        case _:
            return None


def _condition(instance) -> Q:
    match instance:
        case Plan():
            return Q(pk=instance.pk)
        case Objective() | Closure() | Publication():
            return Q(pk=instance.plan_id)
        case Evidence():
            return Q(
                objectives__weights__indicator__reports=instance.report_id,
                objectives__weights__indicator__reports__status=APPROVED,
            )
        case Weight() | PublishedCompliance():
            return Q(objectives__pk=instance.objective_id)
        case Indicator():
            return Q(objectives__weights__indicator_id=instance.pk)
        case Goal():
            return Q(objectives__weights__indicator__goal_id=instance.pk)
        case _:
            return Q(objectives__weights__indicator_id=instance.indicator_id)


@receiver(post_save, sender=Plan)
@receiver(post_save, sender=Objective)
@receiver(post_save, sender=Closure)
@receiver(post_save, sender=Publication)
@receiver(post_save, sender=Evidence)
@receiver(post_save, sender=Weight)
@receiver(post_save, sender=Indicator)
@receiver(post_save, sender=Goal)
@receiver(post_save, sender=Programming)
@receiver(post_save, sender=CorteProgramming)
@receiver(post_save, sender=PublishedProgress)
@receiver(post_save, sender=PublishedCompliance)
@receiver(post_delete, sender=Objective)
@receiver(post_delete, sender=Closure)
@receiver(post_delete, sender=Publication)
@receiver(post_delete, sender=Evidence)
@receiver(post_delete, sender=Weight)
@receiver(post_delete, sender=Programming)
@receiver(post_delete, sender=CorteProgramming)
@receiver(post_delete, sender=PublishedProgress)
@receiver(post_delete, sender=PublishedCompliance)
def figures_written(sender, instance, **kwargs) -> None:
    plans_changed(_condition(instance), indicators=_indicators(instance))


@receiver(post_init, sender=Report)
def report_loaded(sender, instance: Report, **kwargs) -> None:
    """Remember the stored status (without a query when the field was deferred)."""
    instance._stored_status = instance.__dict__.get("status") if instance.pk else None


@receiver(post_save, sender=Report)
@receiver(post_delete, sender=Report)
def report_written(sender, instance: Report, **kwargs) -> None:
    """Renew what the report's write changes: see the module's docstring."""
    field = renewed_by({getattr(instance, "_stored_status", APPROVED), instance.status})
    fields = ("cycle_revision",) if field is None else ("cycle_revision", field)
    plans_changed(_condition(instance), *fields, indicators=_indicators(instance))
    instance._stored_status = instance.status


def renewed_by(statuses: set) -> str | None:
    """Which revision a report passing through ``statuses`` renews, if any."""
    if APPROVED in statuses:
        return "revision"
    if SENT in statuses:
        return "preview_revision"
    return None
