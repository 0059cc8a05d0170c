"""Reads of the strategy layer: each fetches everything it needs in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from indicators.progress import Series, vigencia_progress
from indicators.selectors import series_of
from objectives.book import ExportObjective, ExportRow, write_book
from objectives.models import Objective, Plan, Weight
from objectives.scoring import Link, ObjectiveScore, plan_compliance, score_objective


@dataclass(frozen=True)
class LinkFigures:
    weight: Weight
    series: Series


@dataclass(frozen=True)
class ObjectiveFigures:
    objective: Objective
    links: tuple[LinkFigures, ...]

    def links_for(self, year: int) -> list[Link]:
        return [
            Link(
                code=lf.weight.indicator.code,
                name=lf.weight.indicator.name,
                weight=lf.weight.weight,
                annualization=lf.series.annualization,
                programmed=lf.series.programmed.get(year),
                executed=lf.series.executed.get(year),
                baseline=lf.series.baseline,
                indicator_id=lf.weight.indicator_id,
            )
            for lf in self.links
        ]

    def score(self, year: int, policy: str) -> ObjectiveScore:
        return score_objective(self.links_for(year), policy)


@dataclass(frozen=True)
class PlanScores:
    plan: Plan
    year: int
    policy: str
    objectives: tuple[tuple[Objective, ObjectiveScore], ...]

    @property
    def compliance(self) -> Decimal | None:
        return plan_compliance(score.compliance for _, score in self.objectives)


def objectives_with_figures(plan: Plan) -> QuerySet[Objective]:
    """The plan's objectives with weights, indicators, metas and figures: five queries."""
    weights = (
        Weight.objects.select_related("indicator__goal")
        .prefetch_related(
            "indicator__programming", "indicator__reports", "indicator__published_progress"
        )
        .order_by("id")
    )
    return (
        Objective.objects.filter(plan=plan)
        .order_by("number")
        .prefetch_related(Prefetch("weights", queryset=weights))
    )


def plan_figures(plan: Plan) -> list[ObjectiveFigures]:
    return [
        ObjectiveFigures(
            objective=objective,
            links=tuple(
                LinkFigures(weight=weight, series=series_of(weight.indicator))
                for weight in objective.weights.all()
            ),
        )
        for objective in objectives_with_figures(plan)
    ]


def plan_scores(plan: Plan, year: int, policy: str | None = None) -> PlanScores:
    policy = policy or plan.policy
    return PlanScores(
        plan=plan,
        year=year,
        policy=policy,
        objectives=tuple(
            (figures.objective, figures.score(year, policy)) for figures in plan_figures(plan)
        ),
    )


def plan_book(plan: Plan):
    """The plan as a follow-up book (openpyxl Workbook), in the layout import_book reads."""
    figures = plan_figures(plan)
    executed_years: set[int] = set()
    programmed_years: set[int] = set(plan.years)
    objectives = []
    for objective_figures in figures:
        rows = []
        for lf in objective_figures.links:
            indicator, series = lf.weight.indicator, lf.series
            executed_years |= set(series.executed)
            programmed_years |= set(series.programmed)
            rows.append(
                ExportRow(
                    goal_kind=indicator.goal.kind,
                    goal_code=indicator.goal.code,
                    goal_statement=indicator.goal.statement,
                    code=indicator.code,
                    name=indicator.name,
                    annualization=indicator.annualization,
                    unit=indicator.unit,
                    baseline=indicator.baseline,
                    weight=lf.weight.weight,
                    programmed=dict(series.programmed),
                    stated_total=indicator.stated_total,
                    executed=dict(series.executed),
                    progress={
                        year: vigencia_progress(
                            series.annualization,
                            series.programmed.get(year),
                            executed,
                            series.baseline,
                        )
                        for year, executed in series.executed.items()
                    },
                    dependency=indicator.dependency,
                    notes=indicator.notes,
                )
            )
        objectives.append(
            ExportObjective(
                number=objective_figures.objective.number,
                statement=objective_figures.objective.statement,
                rows=rows,
            )
        )
    platform = {
        "entity": plan.entity,
        "name": plan.name,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "mission": plan.mission,
        "vision": plan.vision,
        "adoption_act": plan.adoption_act,
    }
    return write_book(platform, objectives, sorted(programmed_years), sorted(executed_years))
