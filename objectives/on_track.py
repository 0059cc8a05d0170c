"""¿Vamos bien? The read core of execution against what was expected by a corte.

``plan_on_track(plan, year, corte)`` gives, in six queries whatever the plan's size, each
objective's on-track figure (the weighted sum of its indicators' progress against expected,
under the plan's policy, with coverage and status) and each indicator's expected magnitude,
progress against expected, status and gap (``indicators.expected``, docs/methodology.md §13).
The annual figure at the same corte is ``figures.plan_scores(plan, year, corte=corte)``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.choices import Corte, OnTrack
from indicators.expected import (
    expected_to_date,
    gap,
    on_track_points,
    on_track_status,
    progress_vs_expected,
)
from indicators.expected import share_of_year as year_share
from indicators.formatting import (
    code_text,
    executed_text,
    magnitude,
    percent,
    ratio_percent,
    round_half_up,
)
from indicators.models import CorteProgramming, Indicator, Programming
from objectives.choices import Semaforo
from objectives.figures import (
    LinkFigures,
    ObjectiveFigures,
    coverage_json,
    objectives_figures,
    plan_figures,
    rounded,
)
from objectives.models import Objective, Plan, Weight
from objectives.scoring import (
    Coverage,
    Line,
    ObjectiveScore,
    plan_compliance,
    plan_coverage,
    progress_semaforo,
    score_objective,
)

Profiles = Mapping[int, Mapping[int, Decimal]]  # indicator id → corte → expected magnitude


@dataclass(frozen=True)
class IndicatorOnTrack:
    """One indicator at a corte: its expected and executed magnitudes and how far it is."""

    indicator: Indicator
    programmed: Decimal | None
    expected: Decimal | None
    executed: Decimal | None
    progress: Decimal | None  # against expected, a ratio; None = N/A
    status: str
    gap: Decimal | None

    @property
    def behind(self) -> bool:
        return self.status in (OnTrack.ATRASADO, OnTrack.EN_RIESGO)

    @property
    def share_of_year(self) -> Decimal | None:
        return year_share(self.executed, self.programmed)


@dataclass(frozen=True)
class ObjectiveOnTrack:
    objective: Objective
    score: ObjectiveScore  # its lines' progress is the progress against expected
    status: str
    indicators: tuple[IndicatorOnTrack, ...]
    annual: ObjectiveScore  # the same reports against the whole year's target

    @property
    def on_track(self) -> Decimal | None:
        return self.score.compliance

    @property
    def coverage(self) -> Coverage:
        return self.score.coverage

    @property
    def corte(self) -> int | None:
        return self.score.coverage.corte

    def behind(self) -> list[IndicatorOnTrack]:
        rows = [row for row in self.indicators if row.behind]
        return sorted(
            rows, key=lambda r: (r.indicator.dependency, r.indicator.code, r.indicator.pk)
        )


@dataclass(frozen=True)
class PlanOnTrack:
    plan: Plan
    year: int
    corte: int
    policy: str
    objectives: tuple[ObjectiveOnTrack, ...]

    @property
    def coverage(self) -> Coverage:
        return plan_coverage(o.score for o in self.objectives)

    @property
    def compliance(self) -> Decimal | None:
        """The plan's on-track figure: the plain mean of its objectives' (those with one)."""
        return plan_compliance(o.on_track for o in self.objectives)

    @property
    def status(self) -> str:
        status = on_track_points(self.compliance, self.plan.on_track_thresholds)
        if self.compliance is None and self.coverage.indicators > self.coverage.na:
            return OnTrack.SIN_REPORTE
        return status

    @property
    def cortes(self) -> list[int]:
        """The cortes a page may ask for instead (3, 6, 9, 12)."""
        return list(Corte.values)

    def indicators(self) -> list[IndicatorOnTrack]:
        """Each indicator once, in the order the objectives list them."""
        seen: dict[int, IndicatorOnTrack] = {}
        for objective in self.objectives:
            for row in objective.indicators:
                seen.setdefault(row.indicator.pk, row)
        return list(seen.values())

    def behind(self) -> list[IndicatorOnTrack]:
        """The indicators en riesgo or atrasado, by dependency then code."""
        rows = [row for row in self.indicators() if row.behind]
        return sorted(
            rows, key=lambda r: (r.indicator.dependency, r.indicator.code, r.indicator.pk)
        )


def corte_profiles(indicator_ids, year: int) -> dict[int, dict[int, Decimal]]:
    """The explicit programming per corte of the vigencia: one query."""
    profiles: dict[int, dict[int, Decimal]] = {}
    rows = CorteProgramming.objects.filter(indicator_id__in=indicator_ids, year=year)
    for indicator_id, corte, value in rows.values_list("indicator_id", "corte", "value"):
        profiles.setdefault(indicator_id, {})[corte] = value
    return profiles


def plan_on_track(
    plan: Plan, year: int, corte: int, policy: str | None = None, *, pending=False, read=None
) -> PlanOnTrack:
    """The vigencia at the corte against what was expected by then: six queries. ``read``
    reads the plan's figures (the dashboard passes ``shared_plan_figures``; by default only
    the vigencia's reports up to the corte): each link is taken as it stood at the corte, and
    each objective's result is remembered on its figures."""
    policy = policy or plan.policy
    figures = plan_figures(plan, pending, (year, corte)) if read is None else read(plan, pending)
    linked = Weight.objects.filter(objective__plan=plan).values("indicator_id")  # not 4.000 ids
    profiles = corte_profiles(linked, year) if any(f.links for f in figures) else {}
    objectives = tuple(_at_corte(plan, f, year, corte, policy, profiles) for f in figures)
    return PlanOnTrack(plan, year, corte, policy, objectives)


def objective_on_track(
    plan: Plan, objective: Objective, year: int, corte: int, figures: ObjectiveFigures | None = None
) -> ObjectiveOnTrack:
    """One objective at the corte against what was expected (the objective page): five
    queries; one given its ``figures`` (the plan's shared ones)."""
    if figures is None:
        figures = objectives_figures([objective], until=(year, corte))[0]
    ids = {lf.weight.indicator_id for lf in figures.links}
    profiles = corte_profiles(ids, year) if ids else {}
    return _at_corte(plan, figures, year, corte, plan.policy, profiles)


def _at_corte(plan, f: ObjectiveFigures, year, corte, policy, profiles) -> ObjectiveOnTrack:
    """The objective with each link as it stood at the corte, remembered on its figures."""

    def build() -> ObjectiveOnTrack:
        links = f.links_for(year, corte)
        return _objective(plan, f.objective, f.links, year, corte, policy, profiles, links)

    return f.remembered(
        ("on_track", year, corte, policy, plan.start, plan.on_track_thresholds), build
    )


def _objective(
    plan: Plan,
    objective: Objective,
    links: tuple[LinkFigures, ...],
    year: int,
    corte: int,
    policy: str,
    profiles: Profiles,
    year_links: list | None = None,
) -> ObjectiveOnTrack:
    """``year_links``: the links at the corte, when ``links`` hold the whole vigencia."""
    rows, expected_links = [], []
    if year_links is None:
        year_links = ObjectiveFigures(objective, links).links_for(year)
    for lf, link in zip(links, year_links, strict=True):
        expected = expected_to_date(
            link.annualization,
            year,
            corte,
            lf.series.programmed,
            link.baseline,
            plan.start,
            profiles.get(lf.weight.indicator_id),
        )
        expected_links.append(replace(link, programmed=expected))
        rows.append((lf.weight.indicator, link, expected))
    score = score_objective(expected_links, policy)
    indicators = tuple(
        _indicator(plan, indicator, link, expected, line)
        for (indicator, link, expected), line in zip(rows, score.lines, strict=True)
    )
    status = on_track_points(score.compliance, plan.on_track_thresholds)
    if score.compliance is None and not all(line.is_na for line in score.lines):
        status = OnTrack.SIN_REPORTE
    annual = score_objective(year_links, policy)
    return ObjectiveOnTrack(objective, score, status, indicators, annual)


def _indicator(plan: Plan, indicator: Indicator, link, expected, line: Line) -> IndicatorOnTrack:
    return IndicatorOnTrack(
        indicator=indicator,
        programmed=link.programmed,
        expected=expected,
        executed=link.executed,
        progress=line.progress,
        status=on_track_status(line.progress, plan.on_track_thresholds),
        gap=gap(expected, link.executed, indicator.annualization),
    )


def on_track_json(result: PlanOnTrack) -> dict:
    """What ``compliance --corte N --format json`` prints: magnitudes in the indicator's unit,
    percentages in points rounded half-up to 2 decimals, N/A as null."""
    return {
        "plan": result.plan.name,
        "plan_id": result.plan.pk,
        "year": result.year,
        "corte": result.corte,
        "policy": result.policy,
        "thresholds": {
            "a_tiempo": rounded(result.plan.on_time_min),
            "en_riesgo": rounded(result.plan.at_risk_min),
        },
        "coverage": coverage_json(result.coverage),
        "objectives": [
            {
                "number": o.objective.number,
                "name": o.objective.statement,
                "compliance": rounded(o.annual.compliance),
                "on_track": rounded(o.on_track),
                "status": o.status,
                "status_label": str(OnTrack(o.status).label),
                "coverage": coverage_json(o.coverage),
                "indicators": [row.indicator.pk for row in o.indicators],
            }
            for o in result.objectives
        ],
        "indicators": [_indicator_json(row) for row in result.indicators()],
    }


def _indicator_json(row: IndicatorOnTrack) -> dict:
    def points(value: Decimal | None) -> float | None:
        return rounded(None if value is None else value * 100)

    return {
        "id": row.indicator.pk,
        "code": row.indicator.code or None,
        "name": row.indicator.name,
        "dependency": row.indicator.dependency or None,
        "unit": row.indicator.unit,
        "programmed": _magnitude(row.programmed),
        "expected_to_date": _magnitude(row.expected),
        "executed": _magnitude(row.executed),
        "progress_vs_expected": points(row.progress),
        "share_of_year": points(row.share_of_year),
        "status": row.status,
        "status_label": str(OnTrack(row.status).label),
        "gap": _magnitude(row.gap),
    }


def _magnitude(value: Decimal | None) -> float | None:
    """A magnitude for JSON: as stored, up to 6 decimals (1.750.000 → 1750000)."""
    return None if value is None else float(round_half_up(value, 6))


def on_track_lines(result: PlanOnTrack) -> list[str]:
    """What ``compliance --corte N`` prints: per objective the year's figure and the on-track
    one with its status, then the indicators behind by dependency, with their gap."""
    cov = result.coverage
    lines = [
        f"{result.plan.name} · vigencia {result.year} · corte {Corte(result.corte).label} · "
        f"política {result.policy}",
        f"Cobertura: {cov.reported} de {cov.indicators} indicadores con reporte; {cov.na} N/A.",
    ]
    for o in result.objectives:
        lines.append(
            f"Objetivo {o.objective.number}: año {percent(o.annual.compliance):>10} · "
            f"frente a lo esperado {percent(o.on_track):>10}  {OnTrack(o.status).label}"
        )
    dependency = None
    for row in result.behind():
        if row.indicator.dependency != dependency:
            dependency = row.indicator.dependency
            lines.append(f"{dependency or 'Sin dependencia'}:")
        lines.append(
            f"  {code_text(row.indicator.code)} {OnTrack(row.status).label}: "
            f"{ratio_percent(row.progress)} de lo esperado; esperado "
            f"{magnitude(row.expected, row.indicator.unit)}, ejecutado "
            f"{executed_text(row.executed, row.indicator.unit)}, brecha "
            f"{magnitude(row.gap, row.indicator.unit)}"
        )
    return lines


def cause_needed(indicator: Indicator, year: int, corte: int, executed) -> str | None:
    """Why a report must say the cause of its delay before it is sent, or None: it leaves the
    indicator atrasado at its corte, or in red at 31 December (the thresholds of the first plan
    the indicator feeds). Three queries."""
    plan = Plan.objects.fed_by(indicator).order_by("-first_year", "pk").first()
    if plan is None:
        return None
    programmed = dict(Programming.objects.filter(indicator=indicator).values_list("year", "value"))
    profile = corte_profiles([indicator.pk], year).get(indicator.pk)
    args = (indicator.annualization, year, corte, programmed, indicator.baseline)
    expected = expected_to_date(*args, plan.start, profile)
    progress = progress_vs_expected(indicator.annualization, expected, executed, indicator.baseline)
    status = on_track_status(progress, plan.on_track_thresholds)
    red = (
        corte == Corte.DICIEMBRE
        and progress_semaforo(progress, True, plan.thresholds) == Semaforo.ROJO
    )
    if status != OnTrack.ATRASADO and not red:
        return None
    return _(
        "Con este reporte el indicador queda atrasado: %(progress)s de lo esperado a %(corte)s "
        "(%(expected)s). Escriba la causa del retraso y cómo se va a resolver en «Retrasos y "
        "soluciones» antes de enviarlo."
    ) % {
        "progress": ratio_percent(progress),
        "corte": Corte(corte).label,
        "expected": magnitude(expected, indicator.unit),
    }


@dataclass(frozen=True)
class CorteRow:
    """An indicator at one corte of a vigencia: the indicator page's expected vs executed."""

    corte: int
    expected: Decimal | None
    executed: Decimal | None
    progress: Decimal | None
    status: str
    gap: Decimal | None


def corte_rows(
    indicator: Indicator,
    plan: Plan | None,
    year: int,
    programmed: Mapping[int, Decimal],
    executed: Mapping[int, Decimal],
    profile: Mapping[int, Decimal] | None,
) -> list[CorteRow]:
    """Expected against executed (``executed``: corte → approved value) at each corte."""
    start = plan.start if plan else None
    thresholds = plan.on_track_thresholds if plan else None
    rows = []
    for corte in Corte.values:
        args = (indicator.annualization, year, corte, programmed, indicator.baseline)
        expected = expected_to_date(*args, start, profile)
        done = executed.get(corte)
        progress = progress_vs_expected(indicator.annualization, expected, done, indicator.baseline)
        status = on_track_status(progress, *([thresholds] if thresholds else []))
        if done is None and expected is not None:
            status, progress = OnTrack.SIN_REPORTE, None
        gap_ = None if done is None else gap(expected, done, indicator.annualization)
        rows.append(CorteRow(corte, expected, done, progress, status, gap_))
    return rows
