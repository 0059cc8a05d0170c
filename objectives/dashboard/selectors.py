"""The plan-level pages' reads, one selector per page, each in a fixed number of queries
(tests pin them at two plan sizes): the dashboard and an objective (the plan and its tree in
``plan_selectors``, data quality in ``quality``). The figures come from ``objectives.figures``."""

from dataclasses import dataclass, field
from decimal import Decimal

from indicators.choices import Targets
from indicators.cortes import corte_asked
from indicators.models import Indicator
from objectives.checks import (
    published_compliance_finding,
)
from objectives.choices import POLICY_NAMES, Policy
from objectives.dashboard.explain import (
    averaged_text,
    contribution_text,
    coverage_text,
    progress_text,
)
from objectives.figures import (
    Headline,
    Headlines,
    cortes_in,
    cortes_with_reports,
    headlines,
    light,
    line_light,
    objectives_figures,
    plan_figures,
    vigencia,
)
from objectives.models import Closure, Objective, Plan, PublishedCompliance
from objectives.on_track import ObjectiveOnTrack, PlanOnTrack, objective_on_track, plan_on_track
from objectives.scoring import Line, plan_compliance


def sort_key(value: Decimal | None) -> Decimal:
    """A table's sort key for a figure: a missing one sorts first, never compared with None."""
    return Decimal("-Infinity") if value is None else value


@dataclass(frozen=True)
class ObjectiveRow:
    objective: Objective
    compliance: Decimal | None
    semaforo: str
    on_track: ObjectiveOnTrack | None = None


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
    headlines: Headlines
    semaforo: str
    trend: list[tuple[Objective, list[Decimal | None]]]
    pending: bool = False
    by_corte: list[CortePoint] = field(default_factory=list)
    on_track: PlanOnTrack | None = None  # ¿vamos bien? at the corte shown

    @property
    def mid_year(self) -> bool:
        """An open vigencia seen before 31 December: the cards say whether each objective is
        on track, not the share of the whole year (a wall of red that means nothing)."""
        return self.on_track is not None and self.on_track.corte < 12 and self.closure is None

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

    @property
    def compliance(self) -> Decimal | None:
        return self.headlines.plan.compliance

    @property
    def closure(self) -> Closure | None:
        return self.headlines.closure

    @property
    def live_differs(self) -> bool:
        return self.headlines.differs

    @property
    def coverage_text(self) -> str:
        return coverage_text(self.headlines.plan.coverage, self.pending)

    @property
    def averaged_text(self) -> str:
        return averaged_text(self.headlines.averaged, len(self.rows))


def dashboard(
    plan: Plan,
    raw_year: str | None,
    pending: bool = False,
    raw_corte: str | None = None,
    *,
    read=plan_figures,
) -> Dashboard:
    """Every objective's compliance in the vigencia, across the plan and at each corte of the
    vigencia with reports (from the same figures): eight queries; and six for ¿vamos bien?
    at the corte asked (``raw_corte``) or the latest with reports.

    A closed vigencia shows its frozen official figures, and says when live data differ.
    ``pending`` previews reports sent for review as if they were approved. ``read`` reads the
    plan's figures (pages pass ``shared_plan_figures``).
    """
    year = vigencia(plan, raw_year)
    figures = read(plan, pending)
    closures = {c.year: c for c in Closure.objects.closed().filter(plan=plan)}
    by_year = {
        y: headlines(closures.get(y), [(f.objective, f.score(y, plan.policy)) for f in figures])
        for y in plan.years
    }
    shown = by_year[year]
    cortes = cortes_in(figures, year)
    corte = corte_asked(raw_corte) or (cortes[-1] if cortes else None)
    on_track = (
        None if corte is None else plan_on_track(plan, year, corte, pending=pending, read=read)
    )
    rows = rows_of(plan, [f.objective for f in figures], shown, on_track)
    return Dashboard(
        plan=plan,
        year=year,
        years=list(plan.years),
        has_execution=any(row.compliance is not None for row in rows),
        rows=rows,
        headlines=shown,
        semaforo=light(plan, shown.plan.compliance),
        trend=[
            (
                f.objective,
                [by_year[y].objectives[f.objective.number].compliance for y in plan.years],
            )
            for f in figures
        ],
        pending=pending,
        by_corte=_by_corte(plan, year, figures, cortes),
        on_track=on_track,
    )


def _by_corte(plan: Plan, year: int, figures: list, cortes: list[int]) -> list[CortePoint]:
    """The vigencia corte by corte (live figures, also for a closed vigencia), from the
    figures already read: each link as it stood at the corte."""
    points = []
    for corte in cortes:
        compliances = [f.score(year, plan.policy, corte).compliance for f in figures]
        points.append(CortePoint(corte, compliances, plan_compliance(compliances)))
    return points


def rows_of(
    plan: Plan, objectives: list[Objective], shown: Headlines, on_track: PlanOnTrack | None = None
) -> list[ObjectiveRow]:
    """Each objective with the figure it headlines, its semáforo and, at a corte, whether it
    is on track."""
    tracked = {} if on_track is None else {o.objective.pk: o for o in on_track.objectives}
    rows = []
    for objective in objectives:
        compliance = shown.objectives[objective.number].compliance
        row = ObjectiveRow(
            objective, compliance, light(plan, compliance), tracked.get(objective.pk)
        )
        rows.append(row)
    return rows


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
    """``headline`` is the figure the page shows first (a closed vigencia's official one);
    ``compliance`` is the sum of the breakdown below, from current data."""

    plan: Plan
    objective: Objective
    year: int
    years: list[int]
    headline: Headline
    compliance: Decimal | None
    semaforo: str
    lines: list[IndicatorLine]
    policies: list[PolicyTotal]
    closure: Closure | None = None
    published: PublishedCompliance | None = None
    published_finding: str | None = None
    on_track: ObjectiveOnTrack | None = None  # ¿vamos bien? at ``corte``
    corte: int | None = None
    targets: str = Targets.CURRENT

    @property
    def original(self) -> bool:
        return self.targets == Targets.ORIGINAL

    @property
    def notes(self) -> list[str]:
        return self.objective.notes.splitlines()

    @property
    def coverage_text(self) -> str:
        return coverage_text(self.headline.coverage)


def objective_page(
    objective_id: int,
    raw_year: str | None,
    raw_targets: str | None = None,
    raw_corte: str | None = None,
    *,
    read=None,
) -> ObjectivePage | None:
    """An objective's breakdown in a vigencia, under the three policies, with the official
    figure of a closed vigencia and the book's published one: eight queries; four fewer with
    the plan's figures ``read`` (pages pass ``shared_plan_figures``). Against the original
    targets (``?metas=originales``) one more, and the figures are computed, never the official
    ones (frozen with the targets in force at the closing). Six more for ¿vamos bien? at the
    corte asked or the latest with reports (one with ``read``)."""
    objective = Objective.objects.select_related("plan").filter(pk=objective_id).first()
    if objective is None:
        return None
    plan = objective.plan
    year = vigencia(plan, raw_year)
    targets = Targets.ORIGINAL if raw_targets == Targets.ORIGINAL else Targets.CURRENT
    shared = read(plan, False) if read and targets == Targets.CURRENT else None
    figures = _figures_of(objective, shared, targets)
    scores = {policy: figures.score(year, policy) for policy in Policy}
    official = scores[plan.policy]
    closure = Closure.objects.closed().filter(plan=plan, year=year).first()
    frozen = closure if targets == Targets.CURRENT else None
    headline = headlines(frozen, [(objective, official)]).objectives[objective.number]
    published = objective.published_figures.filter(year=year).first()
    cortes = cortes_in(shared, year) if shared else cortes_with_reports(plan, year)
    corte = corte_asked(raw_corte) or (cortes[-1] if cortes else None)
    on_track = None
    if corte:
        on_track = objective_on_track(plan, objective, year, corte, figures if shared else None)
    return ObjectivePage(
        plan=plan,
        objective=objective,
        year=year,
        years=list(plan.years),
        headline=headline,
        compliance=official.compliance,
        semaforo=light(plan, headline.compliance),
        lines=_indicator_lines(plan, year, figures.links_in(year), scores),
        policies=[
            PolicyTotal(
                policy, Policy(policy).label, scores[policy].compliance, policy == plan.policy
            )
            for policy in Policy
        ],
        closure=closure,
        published=published,
        published_finding=_published_finding(objective, published, scores[Policy.LIBRO]),
        on_track=on_track,
        corte=corte,
        targets=targets,
    )


def _figures_of(objective: Objective, shared: list | None, targets: str):
    """The objective's figures: from the plan's shared ones when given, else read."""
    found = [f for f in shared or [] if f.objective.pk == objective.pk]
    return found[0] if found else objectives_figures([objective], targets=targets)[0]


def _published_finding(objective, published, score) -> str | None:
    """The book's own figure against PEP's, computed with the book's method (libro)."""
    if published is None:
        return None
    return published_compliance_finding(
        objective.number, published.year, published.compliance, score.compliance
    )


def _indicator_lines(plan, year, links, scores) -> list[IndicatorLine]:
    official = scores[plan.policy]
    return [
        IndicatorLine(
            line=line,
            indicator=lf.weight.indicator,
            semaforo=line_light(plan, line),
            progress_text=progress_text(line, lf.weight.indicator.unit, year),
            contribution_text=contribution_text(line),
            by_policy=[scores[policy].lines[i].contribution for policy in Policy],
        )
        for i, (lf, line) in enumerate(zip(links, official.lines, strict=True))
    ]
