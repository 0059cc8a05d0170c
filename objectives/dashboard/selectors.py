"""The plan-level pages' reads, one selector per page, each in a fixed number of queries
(tests pin them at two plan sizes): the dashboard, an objective, the plan and its tree, and
data quality. The figures come from ``objectives.figures``."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.checks import figure_findings, inferred_annualization_finding
from indicators.formatting import percent, ratio_percent, short_text
from indicators.models import Goal, Indicator
from objectives.checks import repeated_statements, weights_finding
from objectives.choices import POLICY_NAMES, Policy
from objectives.dashboard.explain import contribution_text, progress_text
from objectives.figures import (
    LinkFigures,
    cortes_with_reports,
    light,
    line_light,
    objectives_figures,
    official_compliances,
    plan_figures,
    plan_scores,
    rounded_all,
    vigencia,
)
from objectives.models import Closure, Objective, Plan
from objectives.scoring import Line, plan_compliance


def sort_key(value: Decimal | None) -> Decimal:
    """A table's sort key for a figure: a missing one sorts first, never compared with None."""
    return Decimal("-Infinity") if value is None else value


@dataclass(frozen=True)
class ObjectiveRow:
    objective: Objective
    compliance: Decimal | None
    semaforo: str


@dataclass(frozen=True)
class CortePoint:
    """The vigencia as it stood at a corte: each objective's compliance and the plan's."""

    corte: int
    compliances: list[Decimal | None]
    compliance: Decimal | None


@dataclass(frozen=True)
class Dashboard:
    plan: Plan
    year: int
    years: list[int]
    has_execution: bool
    rows: list[ObjectiveRow]
    compliance: Decimal | None
    semaforo: str
    trend: list[tuple[Objective, list[Decimal | None]]]
    closure: Closure | None = None
    live_differs: bool = False
    pending: bool = False
    by_corte: list[CortePoint] = field(default_factory=list)

    @property
    def latest_corte(self) -> int | None:
        """The latest corte of the vigencia with approved reports: what the figures rest on."""
        return self.by_corte[-1].corte if self.by_corte else None

    @property
    def corte_rows(self) -> list[tuple[Objective, list[Decimal | None]]]:
        """Each objective with its compliance at each corte of ``by_corte`` (the table)."""
        return [
            (row.objective, [point.compliances[i] for point in self.by_corte])
            for i, row in enumerate(self.rows)
        ]

    @property
    def trend_years(self) -> list[int]:
        """The vigencias the evolution shows: up to the latest with execution (or this one)."""
        with_data = [
            y
            for i, y in enumerate(self.years)
            if any(values[i] is not None for _, values in self.trend)
        ]
        last = max([self.year, *with_data])
        return [y for y in self.years if y <= last]


def dashboard(plan: Plan, raw_year: str | None, pending: bool = False) -> Dashboard:
    """Every objective's compliance in the vigencia, across the plan and at each corte of the
    vigencia with reports: eight queries, and five more per such corte.

    A closed vigencia shows its frozen official figures, and says when live data differ.
    ``pending`` previews reports sent for review as if they were approved.
    """
    year = vigencia(plan, raw_year)
    figures = plan_figures(plan, pending)
    by_year = {y: [f.score(y, plan.policy).compliance for f in figures] for y in plan.years}
    closures = {c.year: c for c in Closure.objects.closed().filter(plan=plan)}
    live = by_year[year]
    closure = closures.get(year)
    for closed_year, closed in closures.items():
        by_year[closed_year] = official_compliances(closed, figures)
    rows = [
        ObjectiveRow(f.objective, compliance, light(plan, compliance))
        for f, compliance in zip(figures, by_year[year], strict=True)
    ]
    compliance = plan_compliance(by_year[year])
    return Dashboard(
        plan=plan,
        year=year,
        years=list(plan.years),
        has_execution=any(row.compliance is not None for row in rows),
        rows=rows,
        compliance=compliance,
        semaforo=light(plan, compliance),
        trend=[(f.objective, [by_year[y][i] for y in plan.years]) for i, f in enumerate(figures)],
        closure=closure,
        live_differs=closure is not None and rounded_all(live) != rounded_all(by_year[year]),
        pending=pending,
        by_corte=_by_corte(plan, year, pending),
    )


def _by_corte(plan: Plan, year: int, pending: bool) -> list[CortePoint]:
    points = []
    for corte in cortes_with_reports(plan, year, pending):
        scores = plan_scores(plan, year, corte=corte, pending=pending)
        compliances = [score.compliance for _, score in scores.objectives]
        points.append(CortePoint(corte, compliances, scores.compliance))
    return points


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator of an objective page, under the plan's official policy."""

    line: Line
    indicator: Indicator
    semaforo: str
    progress_text: str
    contribution_text: str
    by_policy: list[Decimal]

    @property
    def programmed_sort(self) -> Decimal:
        return sort_key(self.line.link.programmed)

    @property
    def executed_sort(self) -> Decimal:
        return sort_key(self.line.link.executed)

    @property
    def progress_sort(self) -> Decimal:
        return sort_key(self.line.progress)


@dataclass(frozen=True)
class PolicyTotal:
    policy: str
    label: str
    compliance: Decimal | None
    official: bool

    @property
    def name(self) -> str:
        return str(POLICY_NAMES[self.policy])


@dataclass(frozen=True)
class ObjectivePage:
    plan: Plan
    objective: Objective
    year: int
    years: list[int]
    compliance: Decimal | None
    semaforo: str
    lines: list[IndicatorLine]
    policies: list[PolicyTotal]
    closure: Closure | None = None
    official: Decimal | None = None
    latest_corte: int | None = None


def objective_page(objective_id: int, raw_year: str | None) -> ObjectivePage | None:
    """An objective's breakdown in a vigencia, under the three policies, with the official
    figure of a closed vigencia and the latest corte with reports: eight queries."""
    objective = Objective.objects.select_related("plan").filter(pk=objective_id).first()
    if objective is None:
        return None
    plan = objective.plan
    year = vigencia(plan, raw_year)
    figures = objectives_figures([objective])[0]
    scores = {policy: figures.score(year, policy) for policy in Policy}
    official = scores[plan.policy]
    closure = Closure.objects.closed().filter(plan=plan, year=year).first()
    frozen = official_compliances(closure, [figures])[0] if closure else None
    lines = [
        IndicatorLine(
            line=line,
            indicator=lf.weight.indicator,
            semaforo=line_light(plan, line),
            progress_text=progress_text(line, lf.weight.indicator.unit, year),
            contribution_text=contribution_text(line),
            by_policy=[scores[policy].lines[i].contribution for policy in Policy],
        )
        for i, (lf, line) in enumerate(zip(figures.links, official.lines, strict=True))
    ]
    return ObjectivePage(
        plan=plan,
        objective=objective,
        year=year,
        years=list(plan.years),
        compliance=official.compliance,
        semaforo=light(plan, official.compliance),
        lines=lines,
        policies=[
            PolicyTotal(
                policy, Policy(policy).label, scores[policy].compliance, policy == plan.policy
            )
            for policy in Policy
        ],
        closure=closure,
        official=frozen,
        latest_corte=(cortes_with_reports(plan, year) or [None])[-1],
    )


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
    compliance: Decimal | None
    semaforo: str
    nodes: list[SunburstNode]


def plan_page(plan: Plan, raw_year: str | None) -> PlanPage:
    """The strategic platform and its tree, coloured by the vigencia's semáforo: six queries."""
    year = vigencia(plan, raw_year)
    figures = plan_figures(plan)
    scores = [f.score(year, plan.policy) for f in figures]
    rows = [
        ObjectiveRow(f.objective, s.compliance, light(plan, s.compliance))
        for f, s in zip(figures, scores, strict=True)
    ]
    compliance = plan_compliance(s.compliance for s in scores)
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
        nodes.extend(_objective_nodes(plan, root, f.objective, score, f.links))
    return PlanPage(plan, year, rows, compliance, light(plan, compliance), nodes)


def _objective_nodes(plan, root, objective, score, links) -> list[SunburstNode]:
    oid = f"{root}-o{objective.number}"
    nodes = [
        SunburstNode(
            oid,
            _objective_label(objective),
            root,
            score.weight_total,
            light(plan, score.compliance),
            f"{_objective_label(objective)}: {percent(score.compliance)}",
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


@dataclass(frozen=True)
class QualityItem:
    message: str
    indicator: Indicator | None = None
    objective: Objective | None = None
    inferred_annualization: bool = False  # Planeación may confirm or change it


def data_quality(plan: Plan) -> list[QualityItem]:
    """Every check of the book import, recomputed from the current data: five queries."""
    figures = plan_figures(plan)
    items = []
    for f in figures:
        message = weights_finding(f.objective.number, (lf.weight.weight for lf in f.links))
        if message:
            items.append(QualityItem(message, objective=f.objective))
    seen: dict[int, Indicator] = {}
    for f in figures:
        for lf in f.links:
            indicator = lf.weight.indicator
            if indicator.pk in seen:
                continue
            seen[indicator.pk] = indicator
            findings = figure_findings(lf.series, indicator.stated_total, lf.figures.published)
            if indicator.annualization_inferred:
                findings.append(inferred_annualization_finding(indicator.annualization))
            items.extend(
                QualityItem(x.message, indicator, inferred_annualization=x.key == "annualization")
                for x in findings
            )
    goals = {i.goal_id: (i, i.goal) for i in seen.values()}
    repeated = repeated_statements(
        (goal_id, goal.code, goal.statement) for goal_id, (_, goal) in goals.items()
    )
    items.extend(QualityItem(message, indicator=goals[gid][0]) for gid, message in repeated.items())
    return items
