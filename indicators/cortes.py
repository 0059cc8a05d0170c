"""Which corte is due: pure date arithmetic."""

from datetime import date

from indicators.choices import Corte


def latest_corte(today: date) -> tuple[int, int]:
    """The latest corte whose date has passed: (vigencia, month of the corte).

    Before 31 March, the corte due is 31 December of the year before.
    """
    passed = [c for c in Corte.values if (today.month, today.day) >= (c, _last_day(c))]
    if not passed:
        return today.year - 1, Corte.DICIEMBRE
    return today.year, max(passed)


def due_corte(today: date, first_year: int, last_year: int) -> tuple[int, int]:
    """The corte due for a plan: the latest passed, kept inside the plan's vigencias."""
    year, corte = latest_corte(today)
    if year > last_year:
        return last_year, Corte.DICIEMBRE
    if year < first_year:
        return first_year, Corte.MARZO
    return year, corte


def _last_day(month: int) -> int:
    return 30 if month in (6, 9) else 31


def corte_asked(raw: str | None) -> int | None:
    """The corte named in a query string ("6" for 30 June), if it is one; else None."""
    if raw and raw.isdigit() and int(raw) in Corte.values:
        return int(raw)
    return None
