"""Pages for directors and planning staff: permission → one selector → flat ctx → render."""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators import roles
from indicators.choices import CORTE_SHORT, Corte
from indicators.cortes import due_corte
from indicators.formatting import code_text, magnitude, percent
from indicators.models import Indicator
from objectives.choices import SEMAFORO_COLORS, SEMAFORO_TEXT_COLORS
from objectives.dashboard import charts, exports, indicator_selectors, plan_selectors, selectors
from objectives.dashboard.cache import TIMEOUT, page_key
from objectives.dashboard.filters import IndicatorFilter
from objectives.dashboard.tables import IndicatorTable, ObjectiveIndicatorTable
from objectives.figures import cortes_with_reports, rounded, vigencia
from objectives.models import Plan
from objectives.reporting.forms import CortePickerForm
from objectives.scoring import plan_compliance
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
    objectives = [row.objective for row in data.rows]
    ctx = {
        "data": data,
        "bars": mark_safe(charts.fragment(_bars(data), "grafico-cumplimiento")),
        "by_corte": mark_safe(charts.fragment(_by_corte(data, objectives), "grafico-cortes")),
        "trend": mark_safe(charts.fragment(_trend(data), "grafico-tendencia")),
    }
    return DashboardPage(data, render_to_string("objectives/_dashboard_figures.html", ctx))


def _bars(data: selectors.Dashboard):
    return charts.compliance_bars(
        [row.objective.label for row in data.rows],
        [rounded(row.compliance) for row in data.rows],
        [percent(row.compliance) for row in data.rows],
        [SEMAFORO_COLORS[row.semaforo] for row in data.rows],
        [f"{row.objective.statement}<br>{percent(row.compliance)}" for row in data.rows],
        [SEMAFORO_TEXT_COLORS[row.semaforo] for row in data.rows],
    )


def _by_corte(data: selectors.Dashboard, objectives: list):
    """The vigencia corte by corte: every corte on the axis, values where reports exist."""
    points = {point.corte: point for point in data.by_corte}
    cortes = [points.get(c) for c in Corte.values]
    return charts.compliance_trend(
        [str(CORTE_SHORT[c]) for c in Corte.values],
        [rounded(p.compliance) if p else None for p in cortes],
        [percent(p.compliance) if p else "" for p in cortes],
        [
            (o.label, [rounded(p.compliances[i]) if p else None for p in cortes])
            for i, o in enumerate(objectives)
        ],
        _("Plan"),
    )


def _trend(data: selectors.Dashboard):
    """Vigencia by vigencia, up to the latest with execution."""
    years = data.trend_years
    plan_values = [
        plan_compliance(values[i] for _, values in data.trend) for i in range(len(years))
    ]
    return charts.compliance_trend(
        [str(y) for y in years],
        [rounded(v) for v in plan_values],
        [percent(v) if v is not None else "" for v in plan_values],
        [(o.label, [rounded(v) for v in values[: len(years)]]) for o, values in data.trend],
        _("Plan"),
    )


@login_required
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.objective_page(pk, request.GET.get("vigencia"))
    if page is None:
        raise Http404(_("El objetivo no existe."))
    table = ObjectiveIndicatorTable(page.lines)
    RequestConfig(request, paginate=False).configure(table)
    waterfall = charts.contributions(
        _line_labels([line.indicator.code for line in page.lines]),
        [float(line.line.contribution) for line in page.lines],
        [percent(line.line.contribution) for line in page.lines],
        percent(page.compliance),
        [f"{line.indicator.name}<br>{line.contribution_text}" for line in page.lines],
    )
    ctx = {
        "page": page,
        "table": table,
        "chart": mark_safe(charts.embed(waterfall, "grafico-aportes", request.csp_nonce)),
    }
    return render(request, "objectives/objective_detail.html", ctx)


def _line_labels(codes: list[str]) -> list[str]:
    """Each indicator's code, or "sin código": numbered when several lack one, since a chart
    merges equal labels ("sin código (1)", "sin código (2)")."""
    labels = [code_text(code) for code in codes]
    if len(set(labels)) == len(labels):
        return labels
    seen: dict[str, int] = {}
    numbered = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        numbered.append(f"{label} ({seen[label]})" if labels.count(label) > 1 else label)
    return numbered


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
    page = plan_selectors.plan_page(plan_or_404(request), request.GET.get("vigencia"))
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
        return _export(export, plan, year, filters, [row.record for row in table.rows])
    ctx = {"plan": plan, "year": year, "filter": filters, "table": table, "count": len(rows)}
    return render(request, "objectives/indicator_list.html", ctx)


def _export(kind: str, plan: Plan, year: int, filters: IndicatorFilter, rows) -> HttpResponse:
    """The rows as shown (filtered and sorted), as an Excel book or a CSV file."""
    name = f"indicadores-{year}.{kind}"
    if kind == "csv":
        response = HttpResponse(
            exports.indicators_csv(rows), content_type="text/csv; charset=utf-8"
        )
    else:
        cortes = cortes_with_reports(plan, year)
        heading = exports.heading(
            plan=plan,
            year=year,
            corte=Corte(cortes[-1]).label if cortes else _("sin reportes aprobados"),
            filters=filters.described() or _("ninguno"),
            when=date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
        )
        response = HttpResponse(
            exports.indicators_xlsx(rows, heading), content_type=exports.XLSX_TYPE
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    ctx = {"plan": plan, "items": selectors.data_quality(plan)}
    return render(request, "objectives/data_quality.html", ctx)
