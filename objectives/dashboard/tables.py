"""Listings as django-tables2 tables: render_x shows Colombian text, value_x exports numbers."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from indicators.formatting import (
    NA,
    magnitude,
    percent,
    ratio_percent,
    round_half_up,
    spreadsheet_text,
)
from objectives.choices import Semaforo

NUMBER = {"td": {"class": "num"}, "th": {"class": "num"}}


def semaforo_badge(value: str) -> str:
    return format_html(
        '<span class="badge semaforo semaforo-{}">{}</span>', value, Semaforo(value).label
    )


def indicator_link(indicator) -> str:
    """The indicator's code (N/A without one), linking to its page."""
    url = reverse("objectives:indicator", args=[indicator.pk])
    return format_html('<a href="{}">{}</a>', url, indicator.code or NA)


def _points(ratio):
    return None if ratio is None else round_half_up(ratio * 100)


class SafeExportTable(tables.Table):
    """Exported text never starts like a spreadsheet formula (=, +, -, @)."""

    def as_values(self, exclude_columns=None):
        for row in super().as_values(exclude_columns):
            yield [spreadsheet_text(v) if isinstance(v, str) else v for v in row]


class IndicatorTable(SafeExportTable):
    """The indicators list (rows are indicator_selectors.ListRow)."""

    code = tables.Column(_("Código"), accessor="indicator__code", empty_values=())
    name = tables.Column(_("Indicador"), accessor="indicator__name")
    goal = tables.Column(_("Meta"), accessor="indicator__goal", order_by="indicator__goal__code")
    objectives = tables.Column(_("Objetivos"))
    annualization = tables.Column(_("Anualización"), accessor="indicator__annualization")
    dependency = tables.Column(_("Dependencia"), accessor="indicator__dependency")
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

    def value_code(self, record):
        return record.indicator.code or NA

    def render_annualization(self, record):
        return record.indicator.get_annualization_display()

    def value_annualization(self, record):
        return record.indicator.get_annualization_display()

    def render_programmed(self, record):
        return magnitude(record.programmed, record.indicator.unit)

    def value_programmed(self, record):
        return record.programmed

    def render_executed(self, record):
        return magnitude(record.executed, record.indicator.unit)

    def value_executed(self, record):
        return record.executed

    def render_progress(self, record):
        return ratio_percent(record.progress)

    def value_progress(self, record):
        return _points(record.progress)

    def render_semaforo(self, value):
        return semaforo_badge(value)

    def value_semaforo(self, value):
        return str(Semaforo(value).label)


class ObjectiveIndicatorTable(tables.Table):
    """An objective's indicators (rows are selectors.IndicatorLine)."""

    goal = tables.Column(_("Meta"), accessor="indicator__goal", order_by="indicator__goal__code")
    code = tables.Column(_("Código"), accessor="indicator__code", empty_values=())
    name = tables.Column(_("Indicador"), accessor="indicator__name")
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
