"""Reads of the measurement layer, on rows already fetched (no queries here)."""

from decimal import Decimal

from indicators.models import Indicator
from indicators.progress import Series


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
