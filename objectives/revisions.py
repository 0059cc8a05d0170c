"""What each renewal of a plan's revision changed, so a process that holds the figures of an
earlier revision can renew only those (``objectives.figures.shared_plan_figures``).

Every renewal of ``revision`` or ``preview_revision`` (``objectives.signals.plans_changed``)
records a ``RevisionStep`` in the write's own transaction: the new revision and the indicators
whose figures may have changed, or ``None`` when anything may have (weights, objectives, the
plan, an import, a closing: a structural write). Steps are ordered by id: the write renews the
plan's row first, which locks it (PostgreSQL) or the whole database (SQLite), so a plan's steps
are numbered in the order their writes commit. Old steps are pruned: a process that held
figures older than the steps kept reads the plan in full, as it would without steps.
"""

from django.db import models

FIELDS = ("revision", "preview_revision")
KEPT = 2000  # the newest steps, of every plan, that are kept
MAX_CHANGED = 400  # beyond this many changed indicators a full read costs about as much


class RevisionStep(models.Model):
    # No constraint: deleting a plan writes steps for it on the way (its objectives' and
    # weights' deletions renew it); a plan's old steps are simply pruned with the rest.
    plan = models.ForeignKey(
        "objectives.Plan", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    field = models.CharField(max_length=20)  # one of FIELDS
    revision = models.UUIDField()  # what the write renewed ``field`` to
    indicators = models.JSONField(null=True)  # ids whose figures changed; None: anything

    class Meta:
        indexes = [models.Index(fields=["plan", "field", "revision"])]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.field} → {self.revision}"


def record_steps(plan_ids: list[int], renewed: dict, indicators: list[int] | None) -> None:
    """The steps of one write that gave the plans ``plan_ids`` the ``renewed`` values (field →
    new revision): one query, and one more to prune old steps."""
    steps = [
        RevisionStep(plan_id=plan_id, field=field, revision=value, indicators=indicators)
        for plan_id in plan_ids
        for field, value in renewed.items()
        if field in FIELDS
    ]
    if not steps:
        return
    created = RevisionStep.objects.bulk_create(steps)
    newest = max((step.pk for step in created if step.pk is not None), default=None)
    if newest is None:  # backends that do not return ids
        newest = RevisionStep.objects.order_by("-pk").values_list("pk", flat=True).first()
    RevisionStep.objects.filter(pk__lte=newest - KEPT).delete()


def changed_between(plan_id: int, field: str, held, current) -> set[int] | None:
    """The indicators whose figures may differ between revision ``held`` of the plan's
    ``field`` and ``current``: one query. None when it is not known (a structural write on the
    way, steps pruned, or too many indicators): the caller reads everything."""
    if held == current:
        return set()
    start = RevisionStep.objects.filter(plan_id=plan_id, field=field, revision=held)
    steps = (
        RevisionStep.objects.filter(plan_id=plan_id, field=field)
        .filter(pk__gte=models.Subquery(start.values("pk")[:1]))
        .order_by("pk")
        .values_list("revision", "indicators")
    )
    return chained(list(steps), held, current)


def chained(steps: list[tuple], held, current) -> set[int] | None:
    """The union of the steps' indicators after ``held`` up to ``current`` (steps in commit
    order, the first one ``held``'s own); None when the chain is broken or a step is
    structural. Pure, for tests."""
    if not steps or steps[0][0] != held:
        return None
    changed: set[int] = set()
    for revision, indicators in steps[1:]:
        if indicators is None:
            return None
        changed.update(indicators)
        if len(changed) > MAX_CHANGED:
            return None
        if revision == current:
            return changed
    return None
