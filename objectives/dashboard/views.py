"""Pages for directors and planning staff: permission → one selector → flat ctx → render."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig
from django_tables2.export import TableExport

from indicators import roles
from indicators.cortes import due_corte
from indicators.formatting import magnitude, percent
from indicators.models import Indicator
from objectives.choices import SEMAFORO_COLORS
from objectives.dashboard import charts, indicator_selectors, selectors
from objectives.dashboard.cache import TIMEOUT, page_key
from objectives.dashboard.filters import IndicatorFilter
from objectives.dashboard.tables import IndicatorTable, ObjectiveIndicatorTable
from objectives.figures import rounded, vigencia
from objectives.models import Plan
from objectives.reporting.forms import CortePickerForm
from objectives.shortcuts import plan_or_404

EXPORT_FORMATS = ("csv", "xlsx")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    year = vigencia(plan, request.GET.get("vigencia"))
    preview = request.GET.get("preliminar") == "1"
    page = cache.get_or_set(
        page_key("dashboard", plan, year, preview),
        lambda: _dashboard_page(plan, year, preview),
        TIMEOUT,
    )
    ctx = {
        "data": page.data,
        "figures": mark_safe(charts.with_nonce(page.figures, request.csp_nonce)),
    }
    return render(request, "objectives/dashboard.html", ctx)


@dataclass(frozen=True)
class DashboardPage:
    data: selectors.Dashboard
    figures: str  # the cards, charts and tables, as HTML: the same for every user


def _dashboard_page(plan: Plan, year: int, preview: bool) -> DashboardPage:
    """The dashboard's figures, charts and tables: what a request costs when nothing is
    cached."""
    data = selectors.dashboard(plan, str(year), pending=preview)
    bars = charts.compliance_bars(
        [f"O{row.objective.number}" for row in data.rows],
        [rounded(row.compliance) for row in data.rows],
        [percent(row.compliance) for row in data.rows],
        [SEMAFORO_COLORS[row.semaforo] for row in data.rows],
        [
            _("Objetivo %(number)s: %(value)s")
            % {"number": row.objective.number, "value": percent(row.compliance)}
            for row in data.rows
        ],
    )
    trend = charts.compliance_trend(
        data.years, [(f"O{o.number}", [rounded(v) for v in values]) for o, values in data.trend]
    )
    ctx = {
        "data": data,
        "bars": mark_safe(charts.fragment(bars, "grafico-cumplimiento")),
        "trend": mark_safe(charts.fragment(trend, "grafico-tendencia")),
    }
    return DashboardPage(data, render_to_string("objectives/_dashboard_figures.html", ctx))


@login_required
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.objective_page(pk, request.GET.get("vigencia"))
    if page is None:
        raise Http404(_("El objetivo no existe."))
    table = ObjectiveIndicatorTable(page.lines)
    RequestConfig(request, paginate=False).configure(table)
    waterfall = charts.contributions(
        [line.indicator.code or f"#{i + 1}" for i, line in enumerate(page.lines)],
        [float(line.line.contribution) for line in page.lines],
        [percent(line.line.contribution) for line in page.lines],
        percent(page.compliance),
    )
    ctx = {
        "page": page,
        "table": table,
        "chart": mark_safe(charts.embed(waterfall, "grafico-aportes", request.csp_nonce)),
    }
    return render(request, "objectives/objective_detail.html", ctx)


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = indicator_selectors.indicator_page(pk, request.user)
    if page is None:
        raise Http404(_("El indicador no existe."))
    unit = page.indicator.unit
    chart = charts.programming_execution(
        [y.year for y in page.years],
        [rounded(y.programmed) for y in page.years],
        [rounded(y.executed) for y in page.years],
        [magnitude(y.programmed, unit) for y in page.years],
        [magnitude(y.executed, unit) for y in page.years],
    )
    ctx = {
        "page": page,
        "chart": mark_safe(charts.embed(chart, "grafico-programacion", request.csp_nonce)),
        "can_report": roles.can_report(request.user, page.indicator.dependency),
        "picker": _report_picker(page),
    }
    return render(request, "objectives/indicator_detail.html", ctx)


def _report_picker(page: indicator_selectors.IndicatorPage) -> CortePickerForm:
    """ "Reportar avance": the open vigencias, the corte due now chosen (indicators.cortes)."""
    years = [y.year for y in page.years if y.year not in page.closed_years]
    first, last = (min(years), max(years)) if years else (0, 0)
    year, corte = due_corte(timezone.localdate(), first, last)
    return CortePickerForm(
        initial={"vigencia": year, "corte": corte},
        years=years,
        action=reverse("objectives:report_start", args=[page.indicator.pk]),
        form_id="nuevo-reporte",
        submit=_("Reportar avance"),
        auto_id="r-%s",
    )


@login_required
def plan_detail(request: HttpRequest) -> HttpResponse:
    page = selectors.plan_page(plan_or_404(request), request.GET.get("vigencia"))
    nodes = page.nodes
    chart = charts.sunburst(
        [n.id for n in nodes],
        [n.label for n in nodes],
        [n.parent for n in nodes],
        [float(n.value) for n in nodes],
        [SEMAFORO_COLORS[n.semaforo] for n in nodes],
        [n.hover for n in nodes],
    )
    ctx = {"page": page, "chart": mark_safe(charts.embed(chart, "grafico-plan", request.csp_nonce))}
    return render(request, "objectives/plan_detail.html", ctx)


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    year = vigencia(plan, request.GET.get("vigencia"))
    queryset = Indicator.objects.of_plan(plan)
    filters = IndicatorFilter(
        request.GET, queryset, plan=plan, dependencies=queryset.dependencies()
    )
    rows = indicator_selectors.indicator_rows(plan, year, filters.qs)
    wanted = filters.form.cleaned_data.get("semaforo") if filters.is_valid() else None
    rows = [row for row in rows if not wanted or row.semaforo == wanted]
    table = IndicatorTable(rows)
    export = request.GET.get("_export")
    RequestConfig(request, paginate=False if export else {"per_page": 50}).configure(table)
    if export in EXPORT_FORMATS:
        exporter = TableExport(export, table)
        return exporter.response(f"indicadores-{year}.{export}")
    ctx = {"plan": plan, "year": year, "filter": filters, "table": table, "count": len(rows)}
    return render(request, "objectives/indicator_list.html", ctx)


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    ctx = {"plan": plan, "items": selectors.data_quality(plan)}
    return render(request, "objectives/data_quality.html", ctx)
