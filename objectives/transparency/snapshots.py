"""Official figures as frozen snapshots, and the coverage each figure rests on.

A snapshot is the compliance JSON of a vigencia (``objectives.selectors.compliance_json``):
percentages in points rounded half-up to 2 decimals, N/A progress as null.
"""

from dataclasses import dataclass
from datetime import datetime

from indicators.choices import Corte
from indicators.progress import Series
from indicators.selectors import EMPTY, figures_by_indicator
from objectives.models import Closure, Objective, Plan, Publication, Weight
from objectives.selectors import (
    LinkFigures,
    ObjectiveFigures,
    PlanScores,
    compliance_json,
    counted_reports,
)


def corte_snapshot(plan: Plan, year: int, corte: int) -> dict:
    """The official figures of a corte as computed now: approved reports of the vigencia up to
    the corte, under the plan's policy (what publishing a corte freezes): five queries."""
    objectives = list(Objective.objects.filter(plan=plan).order_by("number"))
    weights = Weight.objects.filter(objective__in=objectives)
    reports = counted_reports().filter(year=year, corte__lte=corte)
    found = figures_by_indicator(weights.values("indicator_id"), reports, years=[year])
    links: dict[int, list[LinkFigures]] = {o.pk: [] for o in objectives}
    for weight in weights.select_related("indicator").order_by("id"):
        indicator = weight.indicator
        figures = found.get(indicator.pk, EMPTY)
        series = Series(
            indicator.annualization, indicator.baseline, figures.programmed, figures.executed
        )
        links[weight.objective_id].append(LinkFigures(weight, series, figures))
    scores = tuple(
        (o, ObjectiveFigures(o, tuple(links[o.pk])).score(year, plan.policy)) for o in objectives
    )
    return compliance_json(PlanScores(plan, year, plan.policy, scores))


@dataclass(frozen=True)
class OfficialSet:
    """One set of official figures of a plan: a closed vigencia or a published corte."""

    year: int
    corte: int
    closed: bool
    at: datetime
    snapshot: dict

    @property
    def key(self) -> str:
        """How URLs and files name the set: "2020" for a closed vigencia, "2024-3" for a corte."""
        return str(self.year) if self.closed else f"{self.year}-{self.corte}"

    @property
    def corte_label(self) -> str:
        return str(Corte(self.corte).label)

    @property
    def corte_date(self) -> str:
        """The corte's date, ISO (2024-03-31)."""
        day = 30 if self.corte in (Corte.JUNIO, Corte.SEPTIEMBRE) else 31
        return f"{self.year}-{self.corte:02d}-{day}"


def official_sets(closures: list[Closure], publications: list[Publication]) -> list[OfficialSet]:
    """Closed vigencias and the published cortes of vigencias not closed, oldest first.

    A closed vigencia's official figures are its closure snapshot alone: cortes published
    before it closed give way to it.
    """
    closed = {c.year for c in closures if c.is_closed}
    sets = [
        OfficialSet(c.year, Corte.DICIEMBRE, True, c.closed_at, c.snapshot)
        for c in closures
        if c.is_closed
    ]
    sets += [
        OfficialSet(p.year, p.corte, False, p.published_at, p.snapshot)
        for p in publications
        if p.is_published and p.year not in closed
    ]
    return sorted(sets, key=lambda s: (s.year, s.corte))


def sets_of(plans: list[Plan]) -> dict[int, list[OfficialSet]]:
    """The official sets of several plans: two queries."""
    ids = [plan.pk for plan in plans]
    closures = list(Closure.objects.filter(plan__in=ids, is_closed=True))
    publications = list(Publication.objects.filter(plan__in=ids, is_published=True))
    return {
        plan_id: official_sets(
            [c for c in closures if c.plan_id == plan_id],
            [p for p in publications if p.plan_id == plan_id],
        )
        for plan_id in ids
    }


@dataclass(frozen=True)
class Coverage:
    """What one figure rests on: how many indicators (or objectives) it counts, how many have
    no target in the vigencia (N/A), how many were reported (None when the snapshot does not
    say)."""

    counted: int
    not_applicable: int
    reported: int | None

    @property
    def programmed(self) -> int:
        return self.counted - self.not_applicable


@dataclass(frozen=True)
class SnapshotCoverage:
    objectives: int
    averaged: int  # objectives with a compliance figure: the plan figure is their plain mean
    by_objective: dict[int, Coverage]


def coverage(snapshot: dict) -> SnapshotCoverage:
    """The coverage of every figure of a snapshot, from what the snapshot holds."""
    by_objective = {}
    for objective in snapshot.get("objectives", []):
        lines = objective.get("indicators", [])
        known = all("reported" in line for line in lines)
        by_objective[objective["number"]] = Coverage(
            counted=len(lines),
            not_applicable=sum(1 for line in lines if line.get("progress") is None),
            reported=sum(1 for line in lines if line["reported"]) if known and lines else None,
        )
    objectives = snapshot.get("objectives", [])
    return SnapshotCoverage(
        objectives=len(objectives),
        averaged=sum(1 for o in objectives if o.get("compliance") is not None),
        by_objective=by_objective,
    )
