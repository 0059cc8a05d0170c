"""Official figures as frozen snapshots, and the coverage each figure rests on. Pure: it reads
closures and publications it is handed (``Closure``/``Publication`` rows or alike), no query.

A snapshot is the compliance JSON of a vigencia (``objectives.figures.compliance_json``):
percentages in points rounded half-up to 2 decimals, N/A progress as null.
"""

from dataclasses import dataclass
from datetime import datetime

from indicators.choices import Corte


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


def official_sets(closures: list, publications: list) -> list[OfficialSet]:
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
