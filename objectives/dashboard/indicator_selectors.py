"""The indicator pages' reads: an indicator's page and the filtered list of indicators, with
each vigencia's figures (``YearFigures``), in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from indicators.checks import Finding, figure_findings, inferred_annualization_finding
from indicators.formatting import BLANK, NA, ratio_percent
from indicators.models import Indicator, Report, TargetVersion
from indicators.progress import Series, plan_progress, rule_total, vigencia_progress
from indicators.roles import User
from indicators.selectors import EMPTY, figures_by_indicator, published_by_year, series_of
from objectives.dashboard.selectors import sort_key
from objectives.figures import figures_series
from objectives.models import Closure, Plan, Weight
from objectives.on_track import CorteRow, corte_rows
from objectives.reporting.selectors import ReportRow, report_rows
from objectives.reprogramming.selectors import VersionRow, version_rows
from objectives.scoring import DEFAULT_THRESHOLDS, progress_semaforo


@dataclass(frozen=True)
class YearFigures:
    year: int
    programmed: Decimal | None
    executed: Decimal | None
    progress: Decimal | None
    progress_text: str
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
    reports: list[ReportRow]
    closed_years: set[int]
    versions: list[VersionRow]
    corte_year: int | None = None  # the vigencia of ``cortes``: the latest with execution
    cortes: list[CorteRow] = field(default_factory=list)


def indicator_page(indicator_id: int, user: User) -> IndicatorPage | None:
    """An indicator's figures in every vigencia (approved reports), all its reports with their
    evidence and what ``user`` may do with each, its objectives, closed vigencias, warnings and
    the versions of its targets: nine queries."""
    indicator = (
        Indicator.objects.select_related("goal")
        .prefetch_related(
            "programming",
            Prefetch("reports", queryset=Report.objects.counted()),
            Prefetch(
                "reports",
                queryset=Report.objects.select_related("reported_by", "reviewed_by")
                .prefetch_related("evidence")
                .order_by("-year", "-corte"),
                to_attr="all_reports",
            ),
            "published_progress",
            "corte_programming",
            Prefetch("weights", queryset=Weight.objects.select_related("objective__plan")),
            Prefetch(
                "target_versions",
                queryset=TargetVersion.objects.select_related("proposed_by", "approved_by"),
            ),
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
    closed = Closure.objects.closed().feeding(indicator).years()
    return IndicatorPage(
        indicator=indicator,
        plan=plan,
        years=[_year_figures(series, published, year, plan) for year in years],
        weights=weights,
        findings=findings,
        total=rule_total(series.annualization, series.programmed),
        latest_year=latest,
        plan_progress=plan_progress(series, latest) if latest else None,
        reports=report_rows(indicator, indicator.all_reports, user, closed),
        closed_years=closed,
        versions=version_rows(list(indicator.target_versions.all())),
        corte_year=latest,
        cortes=_cortes(indicator, plan, latest, series.programmed) if latest else [],
    )


def _cortes(indicator: Indicator, plan, year: int, programmed) -> list[CorteRow]:
    """¿Vamos bien? corte by corte in the vigencia (approved reports; prefetched)."""
    executed = {r.corte: r.executed for r in indicator.reports.all() if r.year == year}
    profile = {p.corte: p.value for p in indicator.corte_programming.all() if p.year == year}
    return corte_rows(indicator, plan, year, programmed, executed, profile)


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
    progress = vigencia_progress(series.annualization, programmed, executed, series.baseline)
    reported = executed is not None
    light_ = progress_semaforo(progress, reported, plan.thresholds if plan else DEFAULT_THRESHOLDS)
    return YearFigures(
        year=year,
        programmed=programmed,
        executed=executed,
        progress=progress if reported else None,
        progress_text=_progress_text(progress, reported),
        published=published.get(year),
        plan_progress=plan_progress(series, year) if to_date and reported else None,
        semaforo=light_,
    )


def _progress_text(progress: Decimal | None, reported: bool) -> str:
    """N/A when the vigencia was not programmed, blank before any execution."""
    if progress is None:
        return NA
    return ratio_percent(progress) if reported else BLANK


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
        return sort_key(self.programmed)

    @property
    def executed_sort(self) -> Decimal:
        return sort_key(self.executed)

    @property
    def progress_sort(self) -> Decimal:
        return sort_key(self.progress)


def indicator_rows(plan: Plan, year: int, indicators: QuerySet[Indicator]) -> list[ListRow]:
    """The filtered indicators with their vigencia figures (approved reports): six queries.

    Only the vigencia's figures are fetched: its progress needs no other year's. The list
    page reads the same rows from the shared figures (``rows_by_indicator``); tests compare.
    """
    ids = indicators.values("pk")
    figures = figures_by_indicator(ids, Report.objects.counted(), years=[year])
    numbers: dict[int, list[int]] = defaultdict(list)
    links = Weight.objects.filter(objective__plan=plan, indicator__in=ids)
    for indicator_id, objective in links.values_list("indicator_id", "objective__number"):
        numbers[indicator_id].append(objective)
    rows = []
    for indicator in indicators.select_related("goal"):
        found = figures_series(indicator, figures.get(indicator.pk, EMPTY))
        year_figures = _year_figures(found, {}, year, plan, to_date=False)
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


def rows_by_indicator(plan: Plan, year: int, figures: list) -> dict[int, ListRow]:
    """Every indicator of the plan with its vigencia figures, from the plan's ``figures``
    (``objectives.shared``), with no query: what ``indicator_rows`` reads for the whole plan.
    Each objective's part is remembered on its figures, so after a write only the objectives
    it changed are computed again."""
    numbers: dict[int, list[int]] = defaultdict(list)
    found: dict[int, tuple] = {}
    for f in figures:
        key = ("list_rows", year, plan.thresholds)
        for indicator, figures_ in f.remembered(key, lambda f=f: _objective_rows(plan, year, f)):
            numbers[indicator.pk].append(f.objective.number)
            found.setdefault(indicator.pk, (indicator, figures_))
    return {
        pk: ListRow(
            indicator=indicator,
            objectives=", ".join(map(str, sorted(numbers[pk]))),
            programmed=year_figures.programmed,
            executed=year_figures.executed,
            progress=year_figures.progress,
            semaforo=year_figures.semaforo,
        )
        for pk, (indicator, year_figures) in found.items()
    }


def _objective_rows(plan: Plan, year: int, f) -> list[tuple[Indicator, YearFigures]]:
    return [
        (lf.weight.indicator, _year_figures(lf.series, {}, year, plan, to_date=False))
        for lf in f.links
    ]
