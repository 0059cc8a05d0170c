"""The publishing desk of Planeación: which cortes of each vigencia are published, when and by
whom, the portal switch and the evidence that may be public."""

from collections import defaultdict
from dataclasses import dataclass

from indicators.choices import Corte, ReportStatus
from indicators.models import Evidence, Report
from objectives.models import Closure, Plan, Publication


@dataclass(frozen=True)
class CorteRow:
    year: int
    corte: int
    approved: int  # indicators with an approved report at or before the corte
    publication: Publication | None

    @property
    def is_published(self) -> bool:
        return self.publication is not None and self.publication.is_published


@dataclass(frozen=True)
class YearRow:
    year: int
    closure: Closure | None
    cortes: list[CorteRow]


@dataclass(frozen=True)
class Desk:
    plan: Plan
    years: list[YearRow]
    year: int
    evidence: list[Evidence]


def desk(plan: Plan, raw_year: str | None) -> Desk:
    """Every vigencia of the plan with its closure or its cortes, and the evidence of the
    vigencia asked for: four queries."""
    closures = {
        c.year: c for c in Closure.objects.closed().filter(plan=plan).select_related("closed_by")
    }
    publications = {
        (p.year, p.corte): p
        for p in Publication.objects.filter(plan=plan).select_related("published_by")
    }
    approved: dict[tuple[int, int], set[int]] = defaultdict(set)
    reports = Report.objects.filter(
        status=ReportStatus.APROBADO, indicator__weights__objective__plan=plan
    ).exclude(year__in=list(closures))
    for indicator_id, year, corte in reports.values_list("indicator_id", "year", "corte"):
        for later in (c for c in Corte.values if c >= corte):
            approved[year, later].add(indicator_id)
    years = [
        YearRow(
            year,
            closures.get(year),
            [
                CorteRow(year, corte, len(approved[year, corte]), publications.get((year, corte)))
                for corte in Corte.values
            ],
        )
        for year in plan.years
    ]
    year = int(raw_year) if raw_year and raw_year.isdigit() else None
    if year not in plan.years:
        year = max((y for y, _ in approved), default=plan.first_year)
    evidence = (
        Evidence.objects.filter(report__year=year, report__indicator__weights__objective__plan=plan)
        .select_related("report__indicator")
        .distinct()
        .order_by("report__indicator__code", "report__corte", "id")
    )
    return Desk(plan, years, year, list(evidence))
