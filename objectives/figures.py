"""The shared read core: a plan's figures and scores, which every page, the compliance command,
the closing of a vigencia and the book export are made of.

- ``plan_figures(plan)`` / ``objectives_figures(objectives)``: each objective with its links
  (weight, series, figures) in five queries, whatever the plan's size;
- ``ObjectiveFigures.score(year, policy)``: the objective's compliance (``objectives.scoring``);
- ``plan_scores(plan, year, corte=)``: the scores of a vigencia, or as they stood at a corte
  of it (the evolution inside a vigencia; ``cortes_with_reports`` says which cortes have any);
- ``plan_scores(plan, year)`` and ``compliance_json(scores)``: what ``compliance --format json``
  prints and what closing a vigencia freezes (``compliance_snapshot``), with each figure's
  coverage;
- ``headlines(closure, scores)``: what every page, export and command headlines — a closed
  vigencia's official snapshot, else the live figures — with the live ones beside it;
- ``vigencia(plan, raw)``, ``light(plan, value)``, ``line_light(plan, line)``: the vigencia a
  page shows and the semáforo of a figure under the plan's thresholds.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max

from indicators.choices import Targets
from indicators.formatting import round_half_up
from indicators.models import Indicator, Report
from indicators.progress import Series
from indicators.selectors import EMPTY, Figures, figures_by_indicator, original_targets
from objectives.models import Closure, Objective, Plan, Weight
from objectives.scoring import (
    Coverage,
    Line,
    Link,
    ObjectiveScore,
    averaged,
    plan_compliance,
    plan_coverage,
    progress_semaforo,
    score_objective,
    semaforo,
)


@dataclass(frozen=True)
class LinkFigures:
    weight: Weight
    series: Series
    figures: Figures


@dataclass(frozen=True)
class ObjectiveFigures:
    """An objective with its links' figures. What is computed from them is remembered on the
    object (``remembered``): shared figures renewed for a write keep the objects of the
    objectives it did not touch, so their scores too (``objectives.shared``)."""

    objective: Objective
    links: tuple[LinkFigures, ...]
    memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def remembered(self, key: tuple, build: Callable[[], Any]) -> Any:
        """``build()``, computed once for this object: it must depend only on the object's
        objective and links and on ``key``."""
        if key not in self.memo:
            self.memo[key] = build()
        return self.memo[key]

    def links_in(self, year: int) -> tuple[LinkFigures, ...]:
        """The links that count in the vigencia (one added in 2022 counts from 2022 on)."""
        return tuple(lf for lf in self.links if lf.weight.counts_in(year))

    def links_for(self, year: int, corte: int | None = None) -> list[Link]:
        """The vigencia's links with the weights in force in it; with ``corte``, as they stood
        at that corte (the same as reading only the vigencia's reports up to it,
        ``plan_scores(..., corte=)``)."""
        links = []
        for lf in self.links_in(year):
            executed, reached = (
                (lf.series.executed.get(year), lf.figures.cortes.get(year))
                if corte is None
                else lf.figures.at(year, corte)
            )
            links.append(
                Link(
                    code=lf.weight.indicator.code,
                    name=lf.weight.indicator.name,
                    weight=lf.weight.weight_in(year),
                    annualization=lf.series.annualization,
                    programmed=lf.series.programmed.get(year),
                    executed=executed,
                    baseline=lf.series.baseline,
                    indicator_id=lf.weight.indicator_id,
                    corte=reached,
                )
            )
        return links

    def score(self, year: int, policy: str, corte: int | None = None) -> ObjectiveScore:
        return self.remembered(
            ("score", year, policy, corte),
            lambda: score_objective(self.links_for(year, corte), policy),
        )


@dataclass(frozen=True)
class PlanScores:
    plan: Plan
    year: int
    policy: str
    objectives: tuple[tuple[Objective, ObjectiveScore], ...]
    targets: str = Targets.CURRENT

    @property
    def compliance(self) -> Decimal | None:
        return plan_compliance(score.compliance for _, score in self.objectives)


def plan_figures(
    plan: Plan,
    pending: bool = False,
    until: tuple[int, int] | None = None,
    targets: str = Targets.CURRENT,
) -> list[ObjectiveFigures]:
    """Every objective of the plan with its links and figures: five queries (six against
    the original targets).

    ``pending`` counts reports sent for review as if they were approved (a preview);
    ``until`` = (vigencia, corte) counts only that vigencia's reports up to the corte."""
    objectives = list(Objective.objects.filter(plan=plan).order_by("number"))
    return objectives_figures(objectives, pending, until, targets)


def objectives_figures(
    objectives: list[Objective],
    pending: bool = False,
    until: tuple[int, int] | None = None,
    targets: str = Targets.CURRENT,
) -> list[ObjectiveFigures]:
    """The links and figures of the given objectives: four queries; against the original
    targets (``Targets.ORIGINAL``), one more: each reprogrammed indicator's first version."""
    weights = Weight.objects.filter(objective__in=objectives)
    reports = Report.objects.counted(pending)
    if until is not None:
        reports = reports.filter(year=until[0], corte__lte=until[1])
    by_indicator = figures_by_indicator(weights.values("indicator_id"), reports)
    if targets == Targets.ORIGINAL:
        by_indicator = original_targets(by_indicator, weights.values("indicator_id"))
    links: dict[int, list[LinkFigures]] = defaultdict(list)
    for weight in weights.select_related("indicator__goal").order_by("id"):
        indicator = weight.indicator
        found = by_indicator.get(indicator.pk, EMPTY)
        links[weight.objective_id].append(
            LinkFigures(weight, figures_series(indicator, found), found)
        )
    return [ObjectiveFigures(o, tuple(links[o.pk])) for o in objectives]


def figures_series(indicator: Indicator, figures: Figures) -> Series:
    """The indicator's figures as the progress arithmetic reads them."""
    return Series(
        annualization=indicator.annualization,
        baseline=indicator.baseline if figures.baseline is None else figures.baseline[0],
        programmed=figures.programmed,
        executed=figures.executed,
    )


def plan_scores(
    plan: Plan,
    year: int,
    policy: str | None = None,
    corte: int | None = None,
    *,
    pending: bool = False,
    targets: str = Targets.CURRENT,
) -> PlanScores:
    """Every objective's score in the vigencia, under ``policy`` or the plan's own; with
    ``corte``, from the vigencia's reports up to that corte only (each report carries the
    year's cumulative value, so at 30 June the vigencia reads as it did on 30 June: the
    evolution inside a vigencia); ``pending`` counts reports sent for review too;
    ``targets`` = ``Targets.ORIGINAL`` computes against the targets before any
    reprogramming."""
    policy = policy or plan.policy
    until = None if corte is None else (year, corte)
    figures = plan_figures(plan, pending, until, targets)
    return PlanScores(
        plan=plan,
        year=year,
        policy=policy,
        objectives=tuple((f.objective, f.score(year, policy)) for f in figures),
        targets=targets,
    )


def cortes_with_reports(plan: Plan, year: int, pending: bool = False) -> list[int]:
    """The cortes of the vigencia with at least one counted report of the plan: one query."""
    reports = Report.objects.counted(pending).filter(
        year=year, indicator__weights__objective__plan=plan
    )
    return sorted(set(reports.values_list("corte", flat=True)))


def cortes_in(figures: list, year: int) -> list[int]:
    """The cortes of the vigencia with at least one counted report among the figures (what
    ``cortes_with_reports`` reads, without a query)."""
    return sorted({c for f in figures for lf in f.links for c in lf.figures.by_corte.get(year, {})})


def latest_year_in(plan: Plan, figures: list) -> int | None:
    """The latest vigencia of the plan with a counted report among the figures (what
    ``latest_year_with_execution`` reads, without a query)."""
    years = {y for f in figures for lf in f.links for y in lf.figures.executed}
    return max((y for y in years if plan.first_year <= y <= plan.last_year), default=None)


def rounded(value: Decimal | None) -> float | None:
    """A figure for JSON and charts: rounded half-up to 2 decimals, as it is shown."""
    return None if value is None else float(round_half_up(value))


def compliance_json(scores: PlanScores) -> dict:
    """Percentages in points, rounded half-up to 2 decimals; N/A progress is null. Each figure
    carries its coverage (``coverage_json``) and the plan's says how many objectives it
    averages: keys added to the first shape, which old snapshots and their readers keep."""
    compliances = [score.compliance for _, score in scores.objectives]
    # Against the original targets the figures say so; the first shape stays as it was.
    extra = {"targets": scores.targets} if scores.targets != Targets.CURRENT else {}
    return extra | {
        "plan": scores.plan.name,
        "plan_id": scores.plan.pk,
        "year": scores.year,
        "policy": scores.policy,
        "plan_compliance": rounded(scores.compliance),
        "objectives_averaged": averaged(compliances),
        "coverage": coverage_json(plan_coverage(score for _, score in scores.objectives)),
        "objectives": [
            {
                "number": objective.number,
                "name": objective.statement,
                "compliance": rounded(score.compliance),
                "coverage": coverage_json(score.coverage),
                "indicators": [_line_json(line) for line in score.lines],
            }
            for objective, score in scores.objectives
        ],
    }


def coverage_json(coverage: Coverage) -> dict:
    """Indicators counted, reported, N/A and the corte (its month: 3, 6, 9, 12; null)."""
    return {
        "indicators": coverage.indicators,
        "reported": coverage.reported,
        "na": coverage.na,
        "corte": coverage.corte,
    }


def _coverage(data: dict | None) -> Coverage | None:
    """A snapshot's coverage; None in a snapshot taken before coverage existed."""
    return None if not data else Coverage(**data)


def _line_json(line: Line) -> dict:
    return {
        "code": line.link.code or None,
        "name": line.link.name,
        "weight": rounded(line.weight),
        "progress": rounded(None if line.progress is None else line.progress * 100),
        "contribution": rounded(line.contribution),
    }


def compliance_snapshot(plan: Plan, year: int, corte: int | None = None) -> dict:
    """The official figures of a vigencia as computed now (what closing a vigencia freezes);
    with ``corte``, of the vigencia up to that corte (what publishing a corte freezes)."""
    return compliance_json(plan_scores(plan, year, corte=corte))


@dataclass(frozen=True)
class Headline:
    """The figure shown first: a closed vigencia's official one, else the live one.

    ``live`` is what current data give; when it differs from the official figure pages say
    so beside it, never instead of it. ``coverage`` is what the figure rests on (None for a
    snapshot taken before coverage was recorded)."""

    compliance: Decimal | None
    live: Decimal | None
    official: bool
    coverage: Coverage | None

    @property
    def differs(self) -> bool:
        shown = None if self.live is None else round_half_up(self.live)
        return self.official and shown != self.compliance


@dataclass(frozen=True)
class Headlines:
    """A vigencia's headlines: each objective's (by number) and the plan's, with how many
    objectives the plan's averages."""

    closure: Closure | None
    objectives: dict[int, Headline]
    plan: Headline
    averaged: int

    @property
    def differs(self) -> bool:
        return self.plan.differs or any(h.differs for h in self.objectives.values())


def headlines(
    closure: Closure | None, scores: Sequence[tuple[Objective, ObjectiveScore]]
) -> Headlines:
    """The rule every page, export and command follows: a closed vigencia headlines the
    figures frozen when it was closed; live figures only when it is open."""
    live = plan_compliance(score.compliance for _, score in scores)
    live_coverage = plan_coverage(score for _, score in scores)
    if closure is None:
        return Headlines(
            None,
            {o.number: Headline(s.compliance, s.compliance, False, s.coverage) for o, s in scores},
            Headline(live, live, False, live_coverage),
            averaged(s.compliance for _, s in scores),
        )
    snapshot = closure.snapshot
    frozen = {o["number"]: o for o in snapshot.get("objectives", [])}
    objectives = {
        objective.number: Headline(
            _decimal(frozen.get(objective.number, {}).get("compliance")),
            score.compliance,
            True,
            _coverage(frozen.get(objective.number, {}).get("coverage")),
        )
        for objective, score in scores
    }
    official = [o.get("compliance") for o in frozen.values()]
    return Headlines(
        closure,
        objectives,
        Headline(
            _decimal(snapshot.get("plan_compliance")),
            live,
            True,
            _coverage(snapshot.get("coverage")),
        ),
        snapshot.get("objectives_averaged", averaged(official)),
    )


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def latest_year_with_execution(plan: Plan) -> int | None:
    """The latest vigencia of the plan with an approved report: one query."""
    return (
        Report.objects.counted()
        .filter(indicator__weights__objective__plan=plan, year__gte=plan.first_year)
        .filter(year__lte=plan.last_year)
        .aggregate(latest=Max("year"))["latest"]
    )


def vigencia(plan: Plan, raw: str | None) -> int:
    """The vigencia asked for, if it belongs to the plan, else the latest with execution."""
    return plan.year_asked(raw) or latest_year_with_execution(plan) or plan.first_year


def light(plan: Plan, value: Decimal | None) -> str:
    """The semáforo of a percentage (in points) under the plan's thresholds."""
    return semaforo(value, *plan.thresholds)


def line_light(plan: Plan, line: Line) -> str:
    """An indicator's semáforo: N/A when not programmed, no data when not reported."""
    return progress_semaforo(line.progress, line.link.reported, plan.thresholds)
