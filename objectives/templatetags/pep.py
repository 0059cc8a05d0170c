"""Template filters that hand numbers to indicators.formatting (the only place that formats)."""

import threading
from collections import OrderedDict
from decimal import Decimal

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

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


_BEHIND_ROWS: OrderedDict[tuple, str] = OrderedDict()
_BEHIND_KEPT = 20_000
_BEHIND_LOCK = threading.Lock()


@register.simple_tag
def behind_row(row, year: int, plan_pk: int, corte: int) -> SafeString:
    """A row of ¿vamos bien?'s indicators behind (``_behind_row.html``), drawn once per what it
    shows and kept in this process: a District-size plan lists a thousand, and after a write
    only the rows whose values changed are drawn again."""
    i = row.indicator
    figures = (row.expected, row.executed, row.progress, row.gap)
    key = (i.pk, i.code, i.name, i.unit, *map(str, figures), row.status, year, plan_pk, corte)
    key += (get_language(),)
    with _BEHIND_LOCK:
        html = _BEHIND_ROWS.get(key)
    if html is None:
        ctx = {"row": row, "year": year, "plan_pk": plan_pk, "corte": corte}
        html = render_to_string("objectives/_behind_row.html", ctx)
        with _BEHIND_LOCK:
            _BEHIND_ROWS[key] = html
            while len(_BEHIND_ROWS) > _BEHIND_KEPT:
                _BEHIND_ROWS.popitem(last=False)
    return mark_safe(html)
