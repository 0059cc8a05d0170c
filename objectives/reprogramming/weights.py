"""Weights per vigencia: a change of a link's weight takes effect from a vigencia on, and a
link may start or end at a vigencia. A closed vigencia's weights and links never change: its
figures, live and official, stay the ones it was closed with.

Pure rules on a ``Weight`` already locked by the service that calls them
(``reporting.services.weight_save``, ``link_span_save`` below).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles
from indicators.formatting import percent
from objectives.checks import OUTSIDE_PLAN, span_findings, weights_finding
from objectives.locking import lock_plans
from objectives.models import Closure, Plan, Weight

# The code of the ValidationError that asks to confirm a weight (see WeightForm).
UNCONFIRMED = "unconfirmed"
CLOSED_WEIGHT = gettext_lazy(
    "La vigencia %(year)s está cerrada: sus ponderaciones y vínculos no cambian. "
    "Cambie la ponderación desde una vigencia abierta (la primera es %(open)s)."
)
ALL_CLOSED = gettext_lazy(
    "Todas las vigencias del plan están cerradas: ninguna ponderación puede cambiar."
)
CLOSED_LINK = gettext_lazy(
    "La vigencia %(year)s está cerrada: el indicador no puede entrar ni salir de ella. "
    "Elija vigencias abiertas para el inicio y el fin del vínculo."
)


def first_open(plan: Plan, closed: set[int]) -> int | None:
    """The first vigencia after every closed one: where a change takes effect by default."""
    start = max(closed) + 1 if closed else plan.first_year
    return start if start <= plan.last_year else None


def effective_year(plan: Plan, closed: set[int], asked: int | None) -> int:
    """The vigencia a weight change starts at: the one asked for, else the first open one;
    refused when it would reach a closed vigencia."""
    start = first_open(plan, closed)
    if start is None:
        raise ValidationError({"from_year": ALL_CLOSED})
    if asked is None:
        return start
    if asked not in plan.years:
        params = {"year": asked, "first": plan.first_year, "last": plan.last_year}
        raise ValidationError({"from_year": OUTSIDE_PLAN % params})
    reached = sorted(year for year in closed if year >= asked)
    if reached:
        raise ValidationError({"from_year": CLOSED_WEIGHT % {"year": reached[0], "open": start}})
    return asked


def closed_kept(before: Weight | None, after: Weight, plan: Plan, closed: set[int]) -> None:
    """Refuse an edit of a link made outside the services (the administrator) that would
    change a closed vigencia: whether the link counts in it, or its weight there. ``before``
    is the stored link, None for a new one."""
    for year in sorted(closed):
        counted = before is not None and before.counts_in(year)
        if counted != after.counts_in(year):
            raise ValidationError(CLOSED_LINK % {"year": year})
        if counted and before.weight_in(year) != after.weight_in(year):
            start = first_open(plan, closed)
            if start is None:
                raise ValidationError(ALL_CLOSED)
            raise ValidationError(CLOSED_WEIGHT % {"year": year, "open": start})


def set_from(weight: Weight, plan: Plan, value: Decimal, start: int) -> None:
    """From the plan's first vigencia the plan-wide weight changes; from a later one, the
    weight of that vigencia and every one after it. Overrides equal to the plan-wide weight
    are dropped."""
    if start == plan.first_year:
        weight.weight, by_year = value, {}
    else:
        by_year = dict(weight.by_year)
        own = Weight.stored(value)
        by_year.update({str(year): own for year in range(start, plan.last_year + 1)})
    weight.by_year = {y: v for y, v in by_year.items() if Decimal(v) != weight.weight}


def ask_confirmation(weight: Weight, value: Decimal, year: int) -> None:
    """A weight of 0, or one that leaves its objective not adding up to 100 % in the
    vigencia, is saved only once the person confirms it, having read the new total."""
    others = Weight.objects.filter(objective=weight.objective_id).exclude(pk=weight.pk)
    weights = [o.weight_in(year) for o in others if o.counts_in(year)] + [value]
    total = sum(weights, Decimal(0))
    finding = weights_finding(weight.objective.number, weights)
    if value == 0:
        finding = _(
            "Con 0 %% el indicador deja de contar en el objetivo %(number)s, cuyas "
            "ponderaciones sumarían %(total)s."
        ) % {"number": weight.objective.number, "total": percent(total)}
    if finding:
        raise ValidationError(
            _("%(finding)s ¿Guardar de todos modos?") % {"finding": finding}, code=UNCONFIRMED
        )


def link_span_save(
    *, user, weight: Weight, first_year: int | None, last_year: int | None, reason: str
) -> Weight:
    """The vigencias a link counts in (None: from the plan's start, or to its end). A closed
    vigencia keeps its links: the span may not add or drop one."""
    if not roles.can_review(user):
        raise PermissionDenied(_("Solo Planeación y los administradores cambian los vínculos."))
    if not reason.strip():
        raise ValidationError({"reason": _("Escriba el motivo del cambio.")})
    with transaction.atomic():
        plan = Plan.objects.get(objectives__weights=weight)
        lock_plans([plan.pk])
        current = Weight.objects.select_for_update().get(pk=weight.pk)
        closed = Closure.objects.closed().filter(plan=plan).years()
        before = {year: current.counts_in(year) for year in closed}
        if wrong := span_findings(first_year, last_year, plan.first_year, plan.last_year):
            raise ValidationError(wrong)
        current.first_year, current.last_year = first_year, last_year
        for year in sorted(closed):
            if current.counts_in(year) != before[year]:
                raise ValidationError(CLOSED_LINK % {"year": year})
        current.version += 1
        current._history_user = user
        current._change_reason = reason.strip()
        current.full_clean()
        current.save()
    return current
