"""Reads of the strategy layer: each fetches everything it needs in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators import roles
from indicators.checks import Finding, figure_findings, inferred_annualization_finding
from indicators.choices import Corte, ReportStatus
from indicators.cortes import due_corte
from indicators.formatting import number, percent, ratio_percent, round_half_up
from indicators.models import Goal, Indicator, Programming, Report
from indicators.progress import (
    Series,
    is_programmed,
    plan_progress,
    rule_total,
    vigencia_progress,
)
from indicators.selectors import EMPTY, Figures, figures_by_indicator, published_by_year, series_of
from objectives.book import ExportObjective, ExportRow, write_book
from objectives.checks import repeated_statements, weights_finding
from objectives.choices import Policy, Semaforo
from objectives.explain import contribution_text, progress_text
from objectives.models import Closure, Objective, Plan, Weight
from objectives.scoring import (
    Line,
    Link,
    ObjectiveScore,
    plan_compliance,
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


def counted_reports(pending: bool = False) -> QuerySet[Report]:
    """The reports figures are made of: approved ones, plus those sent for review in a preview."""
    statuses = [ReportStatus.APROBADO, ReportStatus.ENVIADO] if pending else [ReportStatus.APROBADO]
    return Report.objects.filter(status__in=statuses)


def plan_figures(plan: Plan, pending: bool = False) -> list[ObjectiveFigures]:
    """Every objective of the plan with its links and figures: five queries."""
    return _figures(list(Objective.objects.filter(plan=plan).order_by("number")), pending)


def _figures(objectives: list[Objective], pending: bool) -> list[ObjectiveFigures]:
    weights = Weight.objects.filter(objective__in=objectives)
    by_indicator = figures_by_indicator(weights.values("indicator_id"), counted_reports(pending))
    links: dict[int, list[LinkFigures]] = defaultdict(list)
    for weight in weights.select_related("indicator__goal").order_by("id"):
        indicator = weight.indicator
        found = by_indicator.get(indicator.pk, EMPTY)
        links[weight.objective_id].append(LinkFigures(weight, _series(indicator, found), found))
    return [ObjectiveFigures(o, tuple(links[o.pk])) for o in objectives]


def _series(indicator: Indicator, figures: Figures) -> Series:
    return Series(
        annualization=indicator.annualization,
        baseline=indicator.baseline,
        programmed=figures.programmed,
        executed=figures.executed,
    )


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


def _rounded(value: Decimal | None) -> float | None:
    return None if value is None else float(round_half_up(value))


def compliance_json(scores: PlanScores) -> dict:
    """Percentages in points, rounded half-up to 2 decimals; N/A progress is null."""
    return {
        "plan": scores.plan.name,
        "plan_id": scores.plan.pk,
        "year": scores.year,
        "policy": scores.policy,
        "plan_compliance": _rounded(scores.compliance),
        "objectives": [
            {
                "number": objective.number,
                "name": objective.statement,
                "compliance": _rounded(score.compliance),
                "indicators": [
                    {
                        "code": line.link.code or None,
                        "name": line.link.name,
                        "weight": _rounded(line.weight),
                        "progress": _rounded(
                            None if line.progress is None else line.progress * 100
                        ),
                        "contribution": _rounded(line.contribution),
                    }
                    for line in score.lines
                ],
            }
            for objective, score in scores.objectives
        ],
    }


def compliance_snapshot(plan: Plan, year: int) -> dict:
    """The official figures of a vigencia as computed now (what closing a vigencia freezes)."""
    return compliance_json(plan_scores(plan, year))


def plan_book(plan: Plan):
    """The plan as a follow-up book (openpyxl Workbook), in the layout import_book reads.

    The book's "Magnitud ejecutada a la vigencia" is the 31 December corte: earlier cortes of
    a vigencia in progress stay in PEP and are not written as if the year had closed. The
    "Porcentaje avance" is the published figure where the book gave one, else PEP's own.
    """
    figures = plan_figures(plan)
    executed_years: set[int] = set()
    programmed_years: set[int] = set(plan.years)
    objectives = []
    for objective_figures in figures:
        rows = []
        for lf in objective_figures.links:
            indicator, series = lf.weight.indicator, lf.series
            executed, published = lf.figures.december, lf.figures.published
            executed_years |= set(executed)
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
                    executed=executed,
                    progress={
                        year: published[year] / 100
                        if year in published
                        else vigencia_progress(
                            series.annualization,
                            series.programmed.get(year),
                            value,
                            series.baseline,
                        )
                        for year, value in executed.items()
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


# --- Pages ------------------------------------------------------------------------------------
# One selector per page; each view calls exactly one, and tests pin its query count.


def plan_or_default(plan_id: str | None) -> Plan | None:
    """The plan asked for in the query string, else the most recent one: one query."""
    plans = Plan.objects.all()
    if plan_id and plan_id.isdigit():
        return plans.filter(pk=int(plan_id)).first()
    return plans.first()


def latest_year_with_execution(plan: Plan) -> int | None:
    """The latest vigencia of the plan with an approved report: one query."""
    return (
        counted_reports()
        .filter(indicator__weights__objective__plan=plan, year__gte=plan.first_year)
        .filter(year__lte=plan.last_year)
        .aggregate(latest=Max("year"))["latest"]
    )


def vigencia(plan: Plan, raw: str | None) -> int:
    """The vigencia asked for, if it belongs to the plan, else the latest with execution."""
    if raw and raw.isdigit() and int(raw) in plan.years:
        return int(raw)
    return latest_year_with_execution(plan) or plan.first_year


def light(plan: Plan, value: Decimal | None) -> str:
    return semaforo(value, plan.red_max, plan.yellow_max, plan.green_max)


def line_light(plan: Plan, line: Line) -> str:
    """An indicator's semáforo: N/A when not programmed, no data when not reported."""
    if line.progress is None:
        return Semaforo.NO_APLICA
    if not line.link.reported:
        return Semaforo.SIN_DATO
    return light(plan, line.progress * 100)


@dataclass(frozen=True)
class ObjectiveRow:
    objective: Objective
    compliance: Decimal | None
    semaforo: str


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


def dashboard(plan: Plan, raw_year: str | None, pending: bool = False) -> Dashboard:
    """Every objective's compliance in the vigencia and across the plan: seven queries.

    A closed vigencia shows its frozen official figures, and says when live data differ.
    ``pending`` previews reports sent for review as if they were approved.
    """
    year = vigencia(plan, raw_year)
    figures = plan_figures(plan, pending)
    by_year = {y: [f.score(y, plan.policy).compliance for f in figures] for y in plan.years}
    closures = {c.year: c for c in Closure.objects.filter(plan=plan, is_closed=True)}
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
        live_differs=closure is not None and _rounded_all(live) != _rounded_all(by_year[year]),
        pending=pending,
    )


def official_compliances(closure: Closure, figures: list[ObjectiveFigures]) -> list:
    """The compliance of each objective as frozen when the vigencia was closed."""
    frozen = {o["number"]: o["compliance"] for o in closure.snapshot.get("objectives", [])}
    return [
        None if frozen.get(f.objective.number) is None else Decimal(str(frozen[f.objective.number]))
        for f in figures
    ]


def _rounded_all(values) -> list:
    return [None if v is None else round_half_up(v) for v in values]


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
        return _sort_key(self.line.link.programmed)

    @property
    def executed_sort(self) -> Decimal:
        return _sort_key(self.line.link.executed)

    @property
    def progress_sort(self) -> Decimal:
        return _sort_key(self.line.progress)


@dataclass(frozen=True)
class PolicyTotal:
    policy: str
    label: str
    compliance: Decimal | None
    official: bool


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


def objective_page(objective_id: int, raw_year: str | None) -> ObjectivePage | None:
    """An objective's breakdown in a vigencia, under the three policies, with the official
    figure of a closed vigencia: seven queries."""
    objective = Objective.objects.select_related("plan").filter(pk=objective_id).first()
    if objective is None:
        return None
    plan = objective.plan
    year = vigencia(plan, raw_year)
    figures = _figures([objective], pending=False)[0]
    scores = {policy: figures.score(year, policy) for policy in Policy}
    official = scores[plan.policy]
    closure = Closure.objects.filter(plan=plan, year=year, is_closed=True).first()
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
    )


@dataclass(frozen=True)
class YearFigures:
    year: int
    programmed: Decimal | None
    executed: Decimal | None
    progress: Decimal | None
    published: Decimal | None
    plan_progress: Decimal | None
    semaforo: str


@dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    plan: Plan | None
    years: list[YearFigures]
    weights: list[Weight]
    findings: list[Finding]
    total: Decimal | None
    latest_year: int | None
    plan_progress: Decimal | None
    reports: list[Report]
    closed_years: set[int]


def indicator_page(indicator_id: int) -> IndicatorPage | None:
    """An indicator's figures in every vigencia (approved reports), all its reports with their
    evidence, its objectives, closed vigencias and warnings: eight queries."""
    indicator = (
        Indicator.objects.select_related("goal")
        .prefetch_related(
            "programming",
            Prefetch("reports", queryset=counted_reports()),
            Prefetch(
                "reports",
                queryset=Report.objects.select_related("reported_by", "reviewed_by")
                .prefetch_related("evidence")
                .order_by("-year", "-corte"),
                to_attr="all_reports",
            ),
            "published_progress",
            Prefetch("weights", queryset=Weight.objects.select_related("objective__plan")),
        )
        .filter(pk=indicator_id)
        .first()
    )
    if indicator is None:
        return None
    series = series_of(indicator)
    published = published_by_year(indicator)
    weights = sorted(
        indicator.weights.all(), key=lambda w: (w.objective.plan_id, w.objective.number)
    )
    plan = weights[0].objective.plan if weights else None
    plan_years = set(plan.years) if plan else set()
    years = sorted(plan_years | set(series.programmed) | set(series.executed))
    reported = sorted(series.executed)
    latest = reported[-1] if reported else None
    findings = figure_findings(series, indicator.stated_total, published)
    if indicator.annualization_inferred:
        findings.append(inferred_annualization_finding(indicator.annualization))
    closed = set(
        Closure.objects.filter(
            is_closed=True, plan__in={w.objective.plan_id for w in weights}
        ).values_list("year", flat=True)
    )
    return IndicatorPage(
        indicator=indicator,
        plan=plan,
        years=[_year_figures(series, published, year, plan) for year in years],
        weights=weights,
        findings=findings,
        total=rule_total(series.annualization, series.programmed),
        latest_year=latest,
        plan_progress=plan_progress(series, latest) if latest else None,
        reports=indicator.all_reports,
        closed_years=closed,
    )


def _year_figures(
    series: Series,
    published: dict[int, Decimal],
    year: int,
    plan: Plan | None,
    to_date: bool = True,
) -> YearFigures:
    """The vigencia's figures; with ``to_date`` also the plan's progress up to it, which needs
    every earlier vigencia in ``series``."""
    programmed, executed = series.programmed.get(year), series.executed.get(year)
    progress = vigencia_progress(
        series.annualization, programmed, executed or Decimal(0), series.baseline
    )
    if progress is None:
        light_ = Semaforo.NO_APLICA
    elif executed is None:
        light_ = Semaforo.SIN_DATO
    else:
        light_ = semaforo(progress * 100, *_thresholds(plan))
    return YearFigures(
        year=year,
        programmed=programmed,
        executed=executed,
        progress=progress if executed is not None else None,
        published=published.get(year),
        plan_progress=plan_progress(series, year) if to_date and executed is not None else None,
        semaforo=light_,
    )


def _thresholds(plan: Plan | None) -> tuple[Decimal, Decimal, Decimal]:
    if plan is None:
        return Decimal(50), Decimal(75), Decimal(125)
    return plan.red_max, plan.yellow_max, plan.green_max


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
                    indicator.code or indicator.name[:24],
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
class ListRow:
    """One indicator in the indicators list, with its figures in the vigencia."""

    indicator: Indicator
    objectives: str
    programmed: Decimal | None
    executed: Decimal | None
    progress: Decimal | None
    semaforo: str

    # Sort keys for the table: a missing figure sorts first, never compared with None.
    @property
    def programmed_sort(self) -> Decimal:
        return _sort_key(self.programmed)

    @property
    def executed_sort(self) -> Decimal:
        return _sort_key(self.executed)

    @property
    def progress_sort(self) -> Decimal:
        return _sort_key(self.progress)


def _sort_key(value: Decimal | None) -> Decimal:
    return Decimal("-Infinity") if value is None else value


def indicator_rows(plan: Plan, year: int, indicators: QuerySet[Indicator]) -> list[ListRow]:
    """The filtered indicators with their vigencia figures (approved reports): six queries.

    Only the vigencia's figures are fetched: its progress needs no other year's.
    """
    ids = indicators.values("pk")
    figures = figures_by_indicator(ids, counted_reports(), years=[year])
    numbers: dict[int, list[int]] = defaultdict(list)
    links = Weight.objects.filter(objective__plan=plan, indicator__in=ids)
    for indicator_id, objective in links.values_list("indicator_id", "objective__number"):
        numbers[indicator_id].append(objective)
    rows = []
    for indicator in indicators.select_related("goal"):
        series = _series(indicator, figures.get(indicator.pk, EMPTY))
        year_figures = _year_figures(series, {}, year, plan, to_date=False)
        rows.append(
            ListRow(
                indicator=indicator,
                objectives=", ".join(map(str, sorted(numbers[indicator.pk]))),
                programmed=year_figures.programmed,
                executed=year_figures.executed,
                progress=year_figures.progress,
                semaforo=year_figures.semaforo,
            )
        )
    return rows


def plan_indicators(plan: Plan) -> QuerySet[Indicator]:
    """Every indicator linked to the plan, once (lazy: the list filters it)."""
    return Indicator.objects.filter(weights__objective__plan=plan).distinct().order_by("code", "id")


def dependencies(plan: Plan) -> list[str]:
    """The responsible dependencies named by the plan's indicators: one query."""
    return list(
        Indicator.objects.filter(weights__objective__plan=plan)
        .exclude(dependency="")
        .values_list("dependency", flat=True)
        .distinct()
        .order_by("dependency")
    )


@dataclass(frozen=True)
class QualityItem:
    message: str
    indicator: Indicator | None = None
    objective: Objective | None = None


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
            items.extend(QualityItem(x.message, indicator=indicator) for x in findings)
    goals = {i.goal_id: (i, i.goal) for i in seen.values()}
    repeated = repeated_statements(
        (goal_id, goal.code, goal.statement) for goal_id, (_, goal) in goals.items()
    )
    items.extend(QualityItem(message, indicator=goals[gid][0]) for gid, message in repeated.items())
    return items


# --- The quarterly cycle ----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    kind: str
    changes: list[Change]
    reason: str


HISTORY_FIELDS = {
    "programming": {"value": gettext_lazy("programado")},
    "report": {
        "executed": gettext_lazy("ejecutado"),
        "status": gettext_lazy("estado"),
        "review_note": gettext_lazy("nota de revisión"),
        "justification": gettext_lazy("justificación"),
    },
    "weight": {"weight": gettext_lazy("ponderación")},
}
HISTORY_KINDS = {
    "+": gettext_lazy("creado"),
    "~": gettext_lazy("cambiado"),
    "-": gettext_lazy("borrado"),
}


def indicator_history(indicator_id: int) -> tuple[Indicator, list[HistoryEntry]] | None:
    """Every change to the indicator's programming, reports and weights: four queries."""
    indicator = Indicator.objects.filter(pk=indicator_id).first()
    if indicator is None:
        return None
    sources = [
        (
            "programming",
            Programming.history.filter(indicator_id=indicator_id),
            lambda r: _("Programación %(year)s") % {"year": r.year},
        ),
        (
            "report",
            Report.history.filter(indicator_id=indicator_id),
            lambda r: (
                _("Reporte %(year)s · %(corte)s") % {"year": r.year, "corte": Corte(r.corte).label}
            ),
        ),
        (
            "weight",
            Weight.history.filter(indicator_id=indicator_id).select_related("objective"),
            lambda r: _("Ponderación en el objetivo %(number)s") % {"number": r.objective.number},
        ),
    ]
    entries = []
    for kind, records, label in sources:
        entries.extend(_entries(kind, records.select_related("history_user"), label))
    entries.sort(key=lambda e: e.when, reverse=True)
    return indicator, entries


def _entries(kind: str, records, label) -> list[HistoryEntry]:
    fields = HISTORY_FIELDS[kind]
    previous: dict[int, object] = {}
    entries = []
    for record in records.order_by("history_date", "history_id"):
        before = previous.get(record.id)
        changes = [
            Change(
                str(name),
                _history_value(getattr(before, f, None)),
                _history_value(getattr(record, f)),
            )
            for f, name in fields.items()
            if before is None or getattr(before, f) != getattr(record, f)
        ]
        previous[record.id] = record
        if before is not None and not changes:
            continue
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=record.history_user.get_username() if record.history_user else _("sistema"),
                what=label(record),
                kind=str(HISTORY_KINDS.get(record.history_type, record.history_type)),
                changes=changes,
                reason=record.history_change_reason or "",
            )
        )
    return entries


def _history_value(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return number(value)
    if value in ReportStatus.values:
        return str(ReportStatus(value).label)
    return str(value)


@dataclass(frozen=True)
class WorkItem:
    indicator: Indicator
    report: Report | None


@dataclass(frozen=True)
class MyWork:
    plan: Plan
    year: int
    corte: int
    to_report: list[WorkItem]
    to_review: list[Report]
    is_reviewer: bool


def my_work(plan: Plan, user) -> MyWork:
    """What the person must report (their dependencies) or review now: four queries."""
    year, corte = due_corte(timezone.localdate(), plan.first_year, plan.last_year)
    to_report = []
    if roles.RESPONSABLE in roles.roles(user):
        indicators = (
            plan_indicators(plan)
            .filter(dependency__in=roles.dependencies(user))
            .prefetch_related(
                Prefetch("programming", queryset=Programming.objects.filter(year=year)),
                Prefetch("reports", queryset=Report.objects.filter(year=year, corte=corte)),
            )
        )
        for indicator in indicators:
            report = next(iter(indicator.reports.all()), None)
            programmed = next(iter(indicator.programming.all()), None)
            due = programmed is not None and is_programmed(programmed.value)
            if due and (
                report is None or report.status in (ReportStatus.BORRADOR, ReportStatus.DEVUELTO)
            ):
                to_report.append(WorkItem(indicator, report))
    reviewer = roles.can_review(user)
    to_review = []
    if reviewer:
        to_review = list(
            Report.objects.filter(
                status=ReportStatus.ENVIADO, indicator__in=plan_indicators(plan)
            ).select_related("indicator", "reported_by")
        )
    return MyWork(plan, year, corte, to_report, to_review, reviewer)


@dataclass(frozen=True)
class DependencyPending:
    dependency: str
    missing: list[Indicator]
    unapproved: list[Report]
    approved: int

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.unapproved) + self.approved


@dataclass(frozen=True)
class Pending:
    plan: Plan
    year: int
    corte: int
    groups: list[DependencyPending]

    @property
    def missing(self) -> int:
        return sum(len(g.missing) for g in self.groups)

    @property
    def unapproved(self) -> int:
        return sum(len(g.unapproved) for g in self.groups)


def pending(plan: Plan, raw_year: str | None, raw_corte: str | None) -> Pending:
    """Indicators programmed in the vigencia still lacking a report or an approval at the corte,
    grouped by dependency: three queries."""
    year, corte = due_corte(timezone.localdate(), plan.first_year, plan.last_year)
    if raw_year and raw_year.isdigit() and int(raw_year) in plan.years:
        year = int(raw_year)
    if raw_corte and raw_corte.isdigit() and int(raw_corte) in Corte.values:
        corte = int(raw_corte)
    indicators = plan_indicators(plan).prefetch_related(
        Prefetch("programming", queryset=Programming.objects.filter(year=year)),
        Prefetch("reports", queryset=Report.objects.filter(year=year, corte=corte)),
    )
    groups: dict[str, DependencyPending] = {}
    for indicator in indicators:
        programmed = next(iter(indicator.programming.all()), None)
        if programmed is None or not is_programmed(programmed.value):
            continue
        name = indicator.dependency or str(_("Sin dependencia asignada"))
        group = groups.setdefault(name, DependencyPending(name, [], [], 0))
        report = next(iter(indicator.reports.all()), None)
        if report is None:
            group.missing.append(indicator)
        elif report.status != ReportStatus.APROBADO:
            report.indicator = indicator
            group.unapproved.append(report)
        else:
            groups[name] = DependencyPending(
                name, group.missing, group.unapproved, group.approved + 1
            )
    ordered = sorted(
        groups.values(), key=lambda g: (-(len(g.missing) + len(g.unapproved)), g.dependency)
    )
    return Pending(plan, year, corte, ordered)
