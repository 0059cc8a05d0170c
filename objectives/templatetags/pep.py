"""Template filters that hand numbers to indicators.formatting (the only place that formats)."""

from decimal import Decimal

from django import template
from django.utils.html import format_html, format_html_join

from indicators import formatting
from indicators.choices import REPORT_STATUS_BADGES, Corte, OnTrack, ReportStatus
from objectives.choices import (
    ACTION_STATUS_BADGES,
    ON_TRACK_LIGHTS,
    SEMAFORO_COLORS,
    SEMAFORO_TEXT_COLORS,
    ActionStatus,
    Semaforo,
)

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
    return Semaforo(value).label


@register.filter
def executed(value: Decimal | None, unit: str) -> str:
    """An executed magnitude at a corte, or «sin reporte»."""
    return formatting.executed_text(value, unit)


@register.filter
def action_status_label(value: str) -> str:
    return ActionStatus(value).label


@register.filter
def action_status_badge(value: str) -> str:
    return ACTION_STATUS_BADGES[ActionStatus(value)]


@register.filter
def on_track_label(value: str) -> str:
    """A tiempo, en riesgo, atrasado: the text of an on-track status."""
    return OnTrack(value).label


@register.filter
def on_track_light(value: str) -> str:
    """The semáforo colour an on-track status is shown with."""
    return ON_TRACK_LIGHTS[OnTrack(value)]


@register.filter
def corte_label(value: int) -> str:
    return Corte(value).label


@register.filter
def code(value: str) -> str:
    """An indicator's code, or "sin código": "N/A" only ever means "no programado"."""
    return formatting.code_text(value)


@register.filter
def status_label(status: str) -> str:
    return ReportStatus(status).label


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap colour of a report status, from its one home (REPORT_STATUS_BADGES)."""
    return REPORT_STATUS_BADGES.get(status, "secondary")


@register.simple_tag
def palette_css() -> str:
    """The semáforo's CSS, written from SEMAFORO_COLORS: a page and its charts cannot differ."""
    rules = format_html_join(
        "",
        ".semaforo-{0}{{background-color:{1};color:{2}}}"
        ".semaforo-border-{0}{{border-left-color:{1}!important}}",
        ((value, SEMAFORO_COLORS[value], SEMAFORO_TEXT_COLORS[value]) for value in Semaforo.values),
    )
    return format_html("<style>{}</style>", rules)


@register.filter
def long_date(value) -> str:
    """A date → "16 de enero de 2025"."""
    return formatting.long_date(value)


@register.filter
def short_date(value) -> str:
    """A date → "16 ene 2025"."""
    return formatting.short_date(value)
