"""Template filters that hand numbers to indicators.formatting (the only place that formats)."""

from decimal import Decimal

from django import template

from indicators import formatting

register = template.Library()


@register.filter
def pct(value: Decimal | None) -> str:
    """Percentage points → "49,02 %"; None → "N/A"."""
    return formatting.percent(value)


@register.filter
def ratio_pct(value: Decimal | None) -> str:
    """A ratio → "47,40 %"; None → "N/A"."""
    return formatting.ratio_percent(value)


@register.filter
def num(value: Decimal | None) -> str:
    return formatting.number(value)


@register.filter
def magnitude(value: Decimal | None, unit: str) -> str:
    return formatting.magnitude(value, unit)


@register.filter
def semaforo_label(value: str) -> str:
    """The text that always goes with a semáforo colour."""
    from objectives.choices import Semaforo

    return Semaforo(value).label


@register.filter
def corte_label(value: int) -> str:
    from indicators.choices import Corte

    return Corte(value).label


@register.filter
def long_date(value) -> str:
    """A date → "16 de enero de 2025"."""
    return formatting.long_date(value)


@register.filter
def short_date(value) -> str:
    """A date → "16 ene 2025"."""
    return formatting.short_date(value)
