"""Listings as django-tables2 tables: render_x shows Colombian text. The indicators list's
files (Excel, CSV) are written by ``objectives.dashboard.exports`` from the same rows."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.formatting import (
    code_text,
    magnitude,
    percent,
    ratio_percent,
)
from objectives.choices import Semaforo

NUMBER = {"td": {"class": "num"}, "th": {"class": "num"}}
NAME = {"td": {"class": "name col-name"}, "th": {"class": "col-name"}}
# Columns a phone leaves out (the indicator's page has them): the table stays readable.
WIDE_ONLY = {"td": {"class": "d-none d-lg-table-cell"}, "th": {"class": "d-none d-lg-table-cell"}}


def semaforo_badge(value: str) -> str:
    return format_html(
        '<span class="badge semaforo semaforo-{}">{}</span>', value, Semaforo(value).label
    )


def indicator_link(indicator) -> str:
    """The indicator's code ("sin código" without one), linking to its page."""
    url = reverse("objectives:indicator", args=[indicator.pk])
    return format_html('<a href="{}">{}</a>', url, code_text(indicator.code))


def goal_text(goal) -> str:
    """A meta as its kind and number ("Meta sectorial 301"); its statement is the title."""
    return format_html(
        '<span title="{}">{}</span>',
        goal.statement,
        f"{goal.get_kind_display()} {goal.code}".strip(),
    )


class IndicatorTable(tables.Table):
    """The indicators list (rows are indicator_selectors.ListRow)."""

    code = tables.Column(_("Código"), accessor="indicator__code", empty_values=())
    name = tables.Column(_("Indicador"), accessor="indicator__name", attrs=NAME)
    goal = tables.Column(
        _("Meta"), accessor="indicator__goal", order_by="indicator__goal__code", attrs=WIDE_ONLY
    )
    objectives = tables.Column(_("Objetivos"), attrs=WIDE_ONLY)
    annualization = tables.Column(
        _("Anualización"), accessor="indicator__annualization", attrs=WIDE_ONLY
    )
    dependency = tables.Column(_("Dependencia"), accessor="indicator__dependency", attrs=WIDE_ONLY)
    programmed = tables.Column(
        _("Programado"), order_by="programmed_sort", empty_values=(), attrs=NUMBER
    )
    executed = tables.Column(
        _("Ejecutado"), order_by="executed_sort", empty_values=(), attrs=NUMBER
    )
    progress = tables.Column(_("Avance"), order_by="progress_sort", empty_values=(), attrs=NUMBER)
    semaforo = tables.Column(_("Semáforo"))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("code",)

    def render_code(self, record):
        return indicator_link(record.indicator)

    def render_goal(self, record):
        return goal_text(record.indicator.goal)

    def render_annualization(self, record):
        return record.indicator.get_annualization_display()

    def render_programmed(self, record):
        return magnitude(record.programmed, record.indicator.unit)

    def render_executed(self, record):
        return magnitude(record.executed, record.indicator.unit)

    def render_progress(self, record):
        return ratio_percent(record.progress)

    def render_semaforo(self, value):
        return semaforo_badge(value)


class ObjectiveIndicatorTable(tables.Table):
    """An objective's indicators (rows are selectors.IndicatorLine)."""

    code = tables.Column(_("Código"), accessor="indicator__code", empty_values=())
    name = tables.Column(_("Indicador"), accessor="indicator__name", attrs=NAME)
    goal = tables.Column(
        _("Meta"), accessor="indicator__goal", order_by="indicator__goal__code", attrs=WIDE_ONLY
    )
    weight = tables.Column(_("Ponderación"), accessor="line__link__weight", attrs=NUMBER)
    programmed = tables.Column(
        _("Programado"),
        accessor="line__link__programmed",
        empty_values=(),
        order_by="programmed_sort",
        attrs=NUMBER,
    )
    executed = tables.Column(
        _("Ejecutado"),
        accessor="line__link__executed",
        empty_values=(),
        order_by="executed_sort",
        attrs=NUMBER,
    )
    progress = tables.Column(
        _("Avance"),
        accessor="line__progress",
        empty_values=(),
        order_by="progress_sort",
        attrs=NUMBER,
    )
    contribution = tables.Column(_("Aporte"), accessor="line__contribution", attrs=NUMBER)
    semaforo = tables.Column(_("Semáforo"))

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_code(self, record):
        return indicator_link(record.indicator)

    def render_goal(self, record):
        return goal_text(record.indicator.goal)

    def render_weight(self, value):
        return percent(value)

    def render_programmed(self, record):
        return magnitude(record.line.link.programmed, record.indicator.unit)

    def render_executed(self, record):
        return magnitude(record.line.link.executed, record.indicator.unit)

    def render_progress(self, record):
        return ratio_percent(record.line.progress)

    def render_contribution(self, value):
        return percent(value)

    def render_semaforo(self, value):
        return semaforo_badge(value)
