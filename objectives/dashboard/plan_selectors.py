"""The plan page's read: the strategic platform and its tree (plan → objectives → metas →
indicators) coloured by the vigencia's semáforo, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.formatting import percent, ratio_percent, short_text
from indicators.models import Goal
from objectives.dashboard.explain import averaged_text, coverage_text
from objectives.dashboard.selectors import ObjectiveRow, rows_of
from objectives.figures import (
    Headlines,
    LinkFigures,
    headlines,
    light,
    line_light,
    plan_figures,
    vigencia,
)
from objectives.models import Closure, Objective, Plan
from objectives.scoring import Line


@dataclass(frozen=True)
class SunburstNode:
    id: str
    label: str
    parent: str
    value: Decimal
    semaforo: str
    hover: str
    parent_label: str = ""


@dataclass(frozen=True)
class PlanPage:
    plan: Plan
    year: int
    rows: list[ObjectiveRow]
    headlines: Headlines
    semaforo: str
    nodes: list[SunburstNode]

    @property
    def compliance(self) -> Decimal | None:
        return self.headlines.plan.compliance

    @property
    def coverage_text(self) -> str:
        return coverage_text(self.headlines.plan.coverage)

    @property
    def averaged_text(self) -> str:
        return averaged_text(self.headlines.averaged, len(self.rows))


def plan_page(plan: Plan, raw_year: str | None, *, read=plan_figures) -> PlanPage:
    """The strategic platform and its tree, coloured by the vigencia's semáforo (a closed
    vigencia's official figures for the plan and its objectives): seven queries."""
    year = vigencia(plan, raw_year)
    figures = read(plan)
    scores = [f.score(year, plan.policy) for f in figures]
    closure = Closure.objects.closed().filter(plan=plan, year=year).first()
    shown = headlines(closure, [(f.objective, s) for f, s in zip(figures, scores, strict=True)])
    compliance = shown.plan.compliance
    root = f"plan-{plan.pk}"
    nodes = [
        SunburstNode(
            root,
            plan.name,
            "",
            sum((s.weight_total for s in scores), Decimal(0)),
            light(plan, compliance),
            f"{plan.name}: {percent(compliance)}",
        )
    ]
    for f, score in zip(figures, scores, strict=True):
        headline = shown.objectives[f.objective.number].compliance
        nodes.extend(_objective_nodes(plan, root, f.objective, score, f.links_in(year), headline))
    rows = rows_of(plan, [f.objective for f in figures], shown)
    return PlanPage(plan, year, rows, shown, light(plan, compliance), nodes)


def _objective_nodes(plan, root, objective, score, links, headline) -> list[SunburstNode]:
    oid = f"{root}-o{objective.number}"
    nodes = [
        SunburstNode(
            oid,
            _objective_label(objective),
            root,
            score.weight_total,
            light(plan, headline),
            f"{_objective_label(objective)}: {percent(headline)}",
            plan.name,
        )
    ]
    by_goal: dict[int, list[tuple[LinkFigures, Line]]] = {}
    for lf, line in zip(links, score.lines, strict=True):
        by_goal.setdefault(lf.weight.indicator.goal_id, []).append((lf, line))
    for goal_id, members in by_goal.items():
        goal = members[0][0].weight.indicator.goal
        gid = f"{oid}-m{goal_id}"
        weight = sum((line.link.weight for _, line in members), Decimal(0))
        contribution = sum((line.contribution for _, line in members), Decimal(0))
        share = contribution * 100 / weight if weight else None
        nodes.append(
            SunburstNode(
                gid,
                _goal_label(goal),
                oid,
                weight,
                light(plan, share),
                goal.statement,
                _objective_label(objective),
            )
        )
        for lf, line in members:
            indicator = lf.weight.indicator
            nodes.append(
                SunburstNode(
                    f"{gid}-i{indicator.pk}",
                    indicator.code or short_text(indicator.name, 24),
                    gid,
                    line.link.weight,
                    line_light(plan, line),
                    f"{indicator.name}: {ratio_percent(line.progress)} · "
                    f"{percent(line.link.weight)}",
                    _goal_label(goal),
                )
            )
    return nodes


def _goal_label(goal: Goal) -> str:
    return _("Meta %(code)s") % {"code": goal.code} if goal.code else goal.get_kind_display()


def _objective_label(objective: Objective) -> str:
    return _("Objetivo %(number)s") % {"number": objective.number}
