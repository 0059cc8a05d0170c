"""Reads of the transparency portal: one selector per public page, each a fixed number of
queries, and none reads a report. Figures come only from frozen snapshots (``snapshots``)."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from indicators.choices import ReportStatus
from indicators.models import Evidence, Goal, Indicator, Programming
from objectives.figures import light
from objectives.models import Closure, Objective, Plan, Publication, Weight
from objectives.transparency.snapshots import (
    Coverage,
    OfficialSet,
    SnapshotCoverage,
    coverage,
    official_sets,
)


def sets_of(plans: list[Plan]) -> dict[int, list[OfficialSet]]:
    """The official sets of several plans: two queries."""
    ids = [plan.pk for plan in plans]
    closures = list(Closure.objects.closed().filter(plan__in=ids))
    publications = list(Publication.objects.filter(plan__in=ids, is_published=True))
    return {
        plan_id: official_sets(
            [c for c in closures if c.plan_id == plan_id],
            [p for p in publications if p.plan_id == plan_id],
        )
        for plan_id in ids
    }


def public_plan(plan_id: int) -> Plan | None:
    """A plan whose portal is on: one query."""
    return Plan.objects.filter(pk=plan_id, public=True).first()


def public_plans() -> list[Plan]:
    """Every plan whose portal is on, most recent first: one query."""
    return list(Plan.objects.filter(public=True))


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@dataclass(frozen=True)
class ObjectiveFigure:
    number: int
    statement: str
    compliance: Decimal | None
    semaforo: str
    coverage: Coverage
    lines: list[dict]  # the snapshot's indicators, percentages as Decimal

    @property
    def bar(self) -> int:
        """The bar's length beside the figure, in percent of its track (100 % fills it)."""
        return 0 if self.compliance is None else int(min(max(self.compliance, 0), 100))


@dataclass(frozen=True)
class Shown:
    """An official set as the portal shows it."""

    official: OfficialSet
    compliance: Decimal | None
    semaforo: str
    coverage: SnapshotCoverage
    objectives: list[ObjectiveFigure]

    def objective(self, number: int) -> ObjectiveFigure | None:
        return next((o for o in self.objectives if o.number == number), None)


def shown(plan: Plan, official: OfficialSet) -> Shown:
    """The set's figures as Decimals with their semáforo and coverage (no query)."""
    snapshot = official.snapshot
    covered = coverage(snapshot)
    objectives = []
    for entry in snapshot.get("objectives", []):
        compliance = _decimal(entry.get("compliance"))
        lines = [
            {
                **line,
                "weight": _decimal(line.get("weight")),
                "progress": _decimal(line.get("progress")),
                "contribution": _decimal(line.get("contribution")),
            }
            for line in entry.get("indicators", [])
        ]
        objectives.append(
            ObjectiveFigure(
                number=entry["number"],
                statement=entry.get("name", ""),
                compliance=compliance,
                semaforo=light(plan, compliance),
                coverage=covered.by_objective[entry["number"]],
                lines=lines,
            )
        )
    compliance = _decimal(snapshot.get("plan_compliance"))
    return Shown(official, compliance, light(plan, compliance), covered, objectives)


def pick(sets: list[OfficialSet], raw_year: str | None, raw_corte: str | None):
    """The set asked for (vigencia, and corte of an open vigencia), else the vigencia's latest,
    else the latest of all; None when nothing is published."""
    if not sets:
        return None
    year = int(raw_year) if raw_year and raw_year.isdigit() else None
    corte = int(raw_corte) if raw_corte and raw_corte.isdigit() else None
    of_year = [s for s in sets if s.year == year]
    exact = [s for s in of_year if s.corte == corte]
    return (exact or of_year or sets)[-1]


@dataclass(frozen=True)
class PlanSummary:
    plan: Plan
    latest: Shown | None


def portal_index(plans: list[Plan]) -> list[PlanSummary]:
    """Every public plan with its latest official figures: two queries."""
    sets = sets_of(plans)
    return [
        PlanSummary(plan, shown(plan, sets[plan.pk][-1]) if sets[plan.pk] else None)
        for plan in plans
    ]


@dataclass(frozen=True)
class PlanPortal:
    plan: Plan
    sets: list[OfficialSet]
    shown: Shown | None
    trend: list[tuple[int, str, list[Decimal | None]]]  # objective, statement, value per set
    trend_plan: list[Decimal | None]


def plan_portal(plan: Plan, raw_year: str | None, raw_corte: str | None) -> PlanPortal:
    """The plan's platform and official figures, and every official set side by side: two
    queries."""
    sets = sets_of([plan])[plan.pk]
    chosen = pick(sets, raw_year, raw_corte)
    every = [shown(plan, s) for s in sets]
    numbers = sorted({o.number for s in every for o in s.objectives})
    trend = []
    for number in numbers:
        figures = [s.objective(number) for s in every]
        statement = next((f.statement for f in reversed(figures) if f), "")
        trend.append((number, statement, [f.compliance if f else None for f in figures]))
    return PlanPortal(
        plan=plan,
        sets=sets,
        shown=shown(plan, chosen) if chosen else None,
        trend=trend,
        trend_plan=[s.compliance for s in every],
    )


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator of the plan with its meta, weights and programming (public data)."""

    indicator: Indicator
    weights: list[tuple[int, Decimal]]  # (objective number, weight)
    programming: list[Decimal | None]  # one per vigencia of the plan


@dataclass(frozen=True)
class GoalGroup:
    """A meta and its indicators, in the order the plan lists them."""

    goal: Goal
    rows: list[IndicatorRow]


def _indicator_rows(plan: Plan, weights: QuerySet[Weight]) -> list[GoalGroup]:
    """Two queries: the weights with their indicators and metas, and the programming."""
    links: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    indicators: dict[int, Indicator] = {}
    for weight in weights.select_related("indicator__goal", "objective").order_by(
        "objective__number", "id"
    ):
        indicators.setdefault(weight.indicator_id, weight.indicator)
        links[weight.indicator_id].append((weight.objective.number, weight.weight))
    programmed: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = Programming.objects.filter(indicator_id__in=weights.values("indicator_id"))
    for indicator_id, year, value in rows.values_list("indicator_id", "year", "value"):
        programmed[indicator_id][year] = value
    groups: dict[int, GoalGroup] = {}
    for pk, indicator in indicators.items():
        group = groups.setdefault(indicator.goal_id, GoalGroup(indicator.goal, []))
        group.rows.append(
            IndicatorRow(indicator, links[pk], [programmed[pk].get(y) for y in plan.years])
        )
    return list(groups.values())


@dataclass(frozen=True)
class ObjectivePortal:
    plan: Plan
    objective: Objective
    sets: list[OfficialSet]
    shown: Shown | None
    figure: ObjectiveFigure | None
    goals: list[GoalGroup]
    evidence: list[Evidence]


def objective_portal(
    plan: Plan, number: int, raw_year: str | None, raw_corte: str | None
) -> ObjectivePortal | None:
    """An objective's official figure with its indicators' contributions, its indicators with
    metas and programming, and the public evidence of the set shown: six queries."""
    objective = Objective.objects.filter(plan=plan, number=number).first()
    if objective is None:
        return None
    sets = sets_of([plan])[plan.pk]
    chosen = pick(sets, raw_year, raw_corte)
    figures = shown(plan, chosen) if chosen else None
    evidence = (
        public_evidence(plan, [chosen])
        .filter(report__indicator__weights__objective=objective)
        .select_related("report__indicator")
        .order_by("report__indicator__code", "report__corte", "id")
        if chosen
        else Evidence.objects.none()
    )
    return ObjectivePortal(
        plan=plan,
        objective=objective,
        sets=sets,
        shown=figures,
        figure=figures.objective(number) if figures else None,
        goals=_indicator_rows(plan, Weight.objects.filter(objective=objective)),
        evidence=list(evidence),
    )


@dataclass(frozen=True)
class IndicatorsPortal:
    plan: Plan
    goals: list[GoalGroup]

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.goals)


def indicators_portal(plan: Plan) -> IndicatorsPortal:
    """Every indicator of the plan with its meta, weights and programming: two queries."""
    return IndicatorsPortal(
        plan, _indicator_rows(plan, Weight.objects.filter(objective__plan=plan))
    )


def public_evidence(plan: Plan, sets: list[OfficialSet]) -> QuerySet[Evidence]:
    """Evidence marked public whose report is part of one of ``sets``: approved, of the set's
    vigencia, at or before its corte, and unchanged since the set was frozen."""
    condition = Q()
    for official in sets:
        condition |= Q(
            report__year=official.year,
            report__corte__lte=official.corte,
            report__updated_at__lte=official.at,
        )
    if not sets:
        return Evidence.objects.none()
    return Evidence.objects.filter(
        condition,
        is_public=True,
        report__status=ReportStatus.APROBADO,
        report__indicator__weights__objective__plan=plan,
    ).distinct()


def downloadable_evidence(pk: int) -> Evidence | None:
    """The evidence if some public plan publishes its report, else None: four queries."""
    plans = list(
        Plan.objects.filter(public=True, objectives__weights__indicator__reports__evidence=pk)
        .distinct()
        .order_by("pk")
    )
    sets = sets_of(plans)
    for plan in plans:
        found = public_evidence(plan, sets[plan.pk]).filter(pk=pk).first()
        if found is not None:
            return found
    return None


@dataclass(frozen=True)
class DataPortal:
    plan: Plan
    sets: list[OfficialSet]
    years: list[int]


def data_portal(plan: Plan) -> DataPortal:
    """The plan's open-data files: one per vigencia with official figures: two queries."""
    sets = sets_of([plan])[plan.pk]
    return DataPortal(plan, sets, sorted({s.year for s in sets}))
