"""Reads of the measurement layer: figures as plain values."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import QuerySet

from indicators.choices import Corte
from indicators.models import Indicator, Programming, PublishedProgress, Report, TargetVersion
from indicators.progress import Series, is_programmed


def due_in_corte(indicators: QuerySet[Indicator]) -> list[tuple[Indicator, Report | None]]:
    """The indicators programmed in the corte's vigencia, each with its report of the corte,
    if any (``indicators`` come ``with_corte``): Mi trabajo, Pendientes and the reminders
    count the same indicators."""
    found = []
    for indicator in indicators:
        programmed = next(iter(indicator.programming.all()), None)
        if programmed is not None and is_programmed(programmed.value, indicator.annualization):
            found.append((indicator, next(iter(indicator.reports.all()), None)))
    return found


def executed_by_year(indicator: Indicator) -> dict[int, Decimal]:
    """A vigencia's executed magnitude is its latest corte's cumulative value.

    Reads ``indicator.reports.all()``: prefetch it to keep this free of queries.
    """
    latest: dict[int, tuple[int, Decimal]] = {}
    for report in indicator.reports.all():
        if report.year not in latest or report.corte > latest[report.year][0]:
            latest[report.year] = (report.corte, report.executed)
    return {year: executed for year, (_, executed) in latest.items()}


def series_of(indicator: Indicator) -> Series:
    """The indicator's figures as plain values (prefetch programming and reports)."""
    return Series(
        annualization=indicator.annualization,
        baseline=indicator.baseline,
        programmed={p.year: p.value for p in indicator.programming.all()},
        executed=executed_by_year(indicator),
    )


def published_by_year(indicator: Indicator) -> dict[int, Decimal]:
    return {p.year: p.percent for p in indicator.published_progress.all()}


@dataclass(frozen=True)
class Figures:
    """An indicator's figures by vigencia, as plain values.

    ``executed`` is each vigencia's latest counted corte (``cortes`` says which); ``december``
    its 31 December corte, which is what a follow-up book carries.
    """

    programmed: dict[int, Decimal] = field(default_factory=dict)
    executed: dict[int, Decimal] = field(default_factory=dict)
    cortes: dict[int, int] = field(default_factory=dict)
    december: dict[int, Decimal] = field(default_factory=dict)
    published: dict[int, Decimal] = field(default_factory=dict)
    # (baseline,) when the figures are against targets other than the indicator's own.
    baseline: tuple[Decimal | None] | None = None
    by_corte: dict[int, dict[int, Decimal]] = field(default_factory=dict)  # year → corte → value

    def at(self, year: int, corte: int) -> tuple[Decimal | None, int | None]:
        """The vigencia's executed value and its corte as they stood at ``corte``."""
        values = self.by_corte.get(year, {})
        reached = [c for c in values if c <= corte]
        return (values[max(reached)], max(reached)) if reached else (None, None)


def figures_by_indicator(
    indicator_ids: QuerySet | list[int],
    reports: QuerySet[Report],
    years: list[int] | None = None,
) -> dict[int, Figures]:
    """The figures of many indicators (of some ``years`` only, if given) in three queries, as
    tuples: building a model instance per report costs more than the arithmetic on it (a
    4.000-link plan has 80.000 reports)."""
    figures: dict[int, Figures] = defaultdict(Figures)
    programming = Programming.objects.filter(indicator_id__in=indicator_ids)
    published = PublishedProgress.objects.filter(indicator_id__in=indicator_ids)
    reports = reports.filter(indicator_id__in=indicator_ids)
    if years is not None:
        programming, published, reports = (
            rows.filter(year__in=years) for rows in (programming, published, reports)
        )
    for indicator_id, year, value in programming.values_list("indicator_id", "year", "value"):
        figures[indicator_id].programmed[year] = value
    latest: dict[tuple[int, int], int] = {}
    rows = reports.values_list("indicator_id", "year", "corte", "executed")
    for indicator_id, year, corte, executed in rows:
        found = figures[indicator_id]
        found.by_corte.setdefault(year, {})[corte] = executed
        if corte >= latest.get((indicator_id, year), 0):
            latest[indicator_id, year] = corte
            found.executed[year] = executed
            found.cortes[year] = corte
        if corte == Corte.DICIEMBRE:
            found.december[year] = executed
    for indicator_id, year, percent in published.values_list("indicator_id", "year", "percent"):
        figures[indicator_id].published[year] = percent
    return figures


EMPTY = Figures()


def original_targets(by_indicator: dict[int, Figures], indicator_ids) -> dict[int, Figures]:
    """The figures with each reprogrammed indicator's original programming (one query); the
    original baseline rides along as ``Figures.baseline``."""
    originals = TargetVersion.objects.originals(indicator_ids)
    found = dict(by_indicator)
    for indicator_id, version in originals.items():
        figures = by_indicator.get(indicator_id, EMPTY)
        found[indicator_id] = replace(
            figures, programmed=version.programmed, baseline=(version.baseline,)
        )
    return found
