"""A plan's figures computed once per revision in this process and shared by the reading pages,
renewed after a write by re-reading only the indicators it changed.

``shared_plan_figures(plan, pending)`` is ``plan_figures(plan, pending)`` under the plan's
revision. When this process holds the figures of an earlier revision and every write since
is known to have touched only some indicators (``objectives.revisions``), it re-reads those
indicators' links (a fixed number of queries) and keeps every other object as it was, with
the scores already remembered on it; otherwise it reads the plan in full. Each process (each
gunicorn worker) holds its own: one that missed writes chains their steps, or reads in full.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from indicators.models import Report
from indicators.selectors import EMPTY, figures_by_indicator
from objectives.figures import LinkFigures, ObjectiveFigures, figures_series, plan_figures
from objectives.models import Plan, Weight
from objectives.revisions import changed_between


class Shared:
    """Values kept in this process under keys that name a plan's revision: a reading page
    computes them once per revision and the pages share them. A write gives the plan a new
    revision, so a new key; the oldest entries go first."""

    every: list["Shared"] = []

    def __init__(self, kept: int = 8) -> None:
        self.kept = kept
        self.values: OrderedDict[tuple, Any] = OrderedDict()
        self.lock = threading.Lock()
        Shared.every.append(self)

    def get(self, key: tuple, build: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.values:
                return self.values[key]
        value = build()
        with self.lock:
            self.values[key] = value
            while len(self.values) > self.kept:
                self.values.popitem(last=False)
        return value


_FIGURES = Shared()
# The latest figures built in this process for (plan, pending): (revision, preview, figures).
_LATEST: dict[tuple[int, bool], tuple[Any, Any, list[ObjectiveFigures]]] = {}
_LATEST_LOCK = threading.Lock()


def shared_plan_figures(plan: Plan, pending: bool = False) -> list[ObjectiveFigures]:
    """``plan_figures(plan, pending)`` computed once per revision and shared by the pages.

    For reading pages only: ``plan`` must come from the database in this request (its
    ``revision`` is what the key trusts), and nobody may change what it returns."""
    key = (plan.pk, plan.revision, pending and plan.preview_revision)
    return _FIGURES.get(key, lambda: _build(plan, pending))


def _build(plan: Plan, pending: bool) -> list[ObjectiveFigures]:
    with _LATEST_LOCK:
        held = _LATEST.get((plan.pk, pending))
    figures = None if held is None else renewed(plan, pending, *held)
    if figures is None:
        figures = plan_figures(plan, pending)
    with _LATEST_LOCK:
        _LATEST[plan.pk, pending] = (plan.revision, plan.preview_revision, figures)
    return figures


def changed_since(plan: Plan, pending: bool, revision, preview) -> set[int] | None:
    """The indicators changed since the figures of (``revision``, ``preview``) were read: one
    query, two for the preview (which sent reports renew); None when not known."""
    changed = changed_between(plan.pk, "revision", revision, plan.revision)
    if changed is None or not pending:
        return changed
    more = changed_between(plan.pk, "preview_revision", preview, plan.preview_revision)
    return None if more is None else changed | more


def renewed(
    plan: Plan, pending: bool, revision, preview, held: list[ObjectiveFigures]
) -> list[ObjectiveFigures] | None:
    """The ``held`` figures with the links of the indicators changed since they were read
    renewed: at most five queries, whatever the plan's size. None when a full read is due."""
    changed = changed_since(plan, pending, revision, preview)
    if changed is None:
        return None
    if not changed:
        return held
    weights = Weight.objects.filter(objective__plan=plan, indicator_id__in=changed)
    by_indicator = figures_by_indicator(list(changed), Report.objects.counted(pending))
    fresh = {}
    for weight in weights.select_related("indicator__goal"):
        found = by_indicator.get(weight.indicator_id, EMPTY)
        fresh[weight.pk] = LinkFigures(weight, figures_series(weight.indicator, found), found)
    return _replaced(held, changed, fresh)


def _replaced(
    held: list[ObjectiveFigures], changed: set[int], fresh: dict[int, LinkFigures]
) -> list[ObjectiveFigures] | None:
    """Each objective with the ``fresh`` links in place of its links of ``changed``
    indicators (a new object), or as it was (the same object). None when the links are not
    the same ones (a link added or removed: a full read is due)."""
    figures, seen = [], 0
    for f in held:
        if not any(lf.weight.indicator_id in changed for lf in f.links):
            figures.append(f)
            continue
        links = []
        for lf in f.links:
            if lf.weight.indicator_id not in changed:
                links.append(lf)
                continue
            link = fresh.get(lf.weight.pk)
            if link is None or link.weight.objective_id != f.objective.pk:
                return None
            links.append(link)
            seen += 1
        figures.append(ObjectiveFigures(f.objective, tuple(links)))
    return figures if seen == len(fresh) else None


def forget_shared() -> None:
    """Drop every shared value (tests, whose databases reuse ids)."""
    for shared in Shared.every:
        with shared.lock:
            shared.values.clear()
    with _LATEST_LOCK:
        _LATEST.clear()
