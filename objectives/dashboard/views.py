"""Pages for directors and planning staff: permission → one selector → flat ctx → render."""

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators import roles
from indicators.choices import CORTE_SHORT, Corte
from indicators.cortes import corte_asked, due_corte
from indicators.formatting import code_text, magnitude, percent
from objectives.actions.selectors import counts as action_counts
from objectives.choices import SEMAFORO_COLORS, SEMAFORO_TEXT_COLORS, JobKind
from objectives.dashboard import (
    charts,
    exports,
    indicator_selectors,
    listing,
    plan_selectors,
    quality,
    selectors,
    tasks,
)
from objectives.dashboard.cache import (
    TIMEOUT,
    Content,
    cached_content,
    get_or_build,
    page_key,
    page_vigencia,
)
from objectives.dashboard.listing import EXPORT_FORMATS
from objectives.dashboard.tables import ObjectiveIndicatorTable
from objectives.figures import rounded
from objectives.jobs.responses import job_response
from objectives.jobs.services import job_start
from objectives.models import Objective, Plan
from objectives.reporting.forms import CortePickerForm
from objectives.scoring import plan_compliance
from objectives.shared import shared_plan_figures
from objectives.shortcuts import plan_or_404


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    year = page_vigencia(plan, request.GET.get("vigencia"))
    preview = request.GET.get("preliminar") == "1"
    corte = corte_asked(request.GET.get("corte"))
    page = get_or_build(
        page_key("dashboard", plan, year, preview and plan.preview_revision, corte),
        lambda: _dashboard_page(plan, year, preview, corte),
    )
    ctx = {
        "data": page.data,
        "figures": mark_safe(charts.with_nonce(page.figures, request.csp_nonce)),
        "actions": action_counts(plan, timezone.localdate()),
    }
    return render(request, "objectives/dashboard.html", ctx)


@dataclass(frozen=True)
class DashboardPage:
    data: selectors.Dashboard  # its ¿vamos bien? as OnTrackShown (``_without_indicator_rows``)
    figures: str  # the cards, charts and tables, as HTML: the same for every user


def _dashboard_page(plan: Plan, year: int, preview: bool, corte: int | None) -> DashboardPage:
    """The dashboard's figures, charts and tables: what a request costs when nothing is
    cached."""
    data = selectors.dashboard(
        plan, str(year), pending=preview, raw_corte=str(corte or ""), read=shared_plan_figures
    )
    objectives = [row.objective for row in data.rows]
    ctx = {
        "data": data,
        "bars": mark_safe(_bars(data)),
        "by_corte": mark_safe(_by_corte(data, objectives)),
        "trend": mark_safe(_trend(data)),
    }
    html = render_to_string("objectives/_dashboard_figures.html", ctx)
    return DashboardPage(_without_indicator_rows(data), html)


@dataclass(frozen=True)
class OnTrackShown:
    """¿Vamos bien? of the plan or an objective as a cached page keeps it beside its HTML."""

    corte: int
    on_track: Decimal | None
    status: str


def _without_indicator_rows(data: selectors.Dashboard) -> selectors.Dashboard:
    """What the cached page keeps beside its HTML: the figures, with ¿vamos bien? as the
    figure and status of the plan and each objective only. Its line per indicator is in the
    HTML; kept here, thousands of model instances and lines at District scale were pickled at
    every write to the cache and unpickled at every hit (a third of a second)."""
    on_track = data.on_track
    if on_track is None:
        return data
    shown = {
        o.objective.pk: OnTrackShown(on_track.corte, o.on_track, o.status)
        for o in on_track.objectives
    }
    rows = [replace(row, on_track=row.on_track and shown[row.objective.pk]) for row in data.rows]
    plan = OnTrackShown(on_track.corte, on_track.compliance, on_track.status)
    return replace(data, on_track=plan, rows=rows)


def chart(builder, div_id: str, *values) -> str:
    """A chart's HTML, cached under its own figures: building a plotly figure costs more than
    the rest of a page, and the same figures always draw the same chart. After a write only
    the charts whose figures changed are drawn again."""
    digest = hashlib.sha256(repr((builder.__name__, div_id, values, get_language())).encode())
    return cache.get_or_set(
        f"pep:chart:{digest.hexdigest()}",
        lambda: charts.fragment(builder(*values), div_id),
        TIMEOUT,
    )


def _bars(data: selectors.Dashboard) -> str:
    return chart(
        charts.compliance_bars,
        "grafico-cumplimiento",
        [row.objective.label for row in data.rows],
        [rounded(row.compliance) for row in data.rows],
        [percent(row.compliance) for row in data.rows],
        [SEMAFORO_COLORS[row.semaforo] for row in data.rows],
        [f"{row.objective.statement}<br>{percent(row.compliance)}" for row in data.rows],
        [SEMAFORO_TEXT_COLORS[row.semaforo] for row in data.rows],
    )


def _by_corte(data: selectors.Dashboard, objectives: list) -> str:
    """The vigencia corte by corte: every corte on the axis, values where reports exist."""
    points = {point.corte: point for point in data.by_corte}
    cortes = [points.get(c) for c in Corte.values]
    return chart(
        charts.compliance_trend,
        "grafico-cortes",
        [str(CORTE_SHORT[c]) for c in Corte.values],
        [rounded(p.compliance) if p else None for p in cortes],
        [percent(p.compliance) if p else "" for p in cortes],
        [
            (o.label, [rounded(p.compliances[i]) if p else None for p in cortes])
            for i, o in enumerate(objectives)
        ],
        _("Plan"),
    )


def _trend(data: selectors.Dashboard) -> str:
    """Vigencia by vigencia, up to the latest with execution."""
    years = data.trend_years
    plan_values = [
        plan_compliance(values[i] for _, values in data.trend) for i in range(len(years))
    ]
    return chart(
        charts.compliance_trend,
        "grafico-tendencia",
        [str(y) for y in years],
        [rounded(v) for v in plan_values],
        [percent(v) if v is not None else "" for v in plan_values],
        [(o.label, [rounded(v) for v in values[: len(years)]]) for o, values in data.trend],
        _("Plan"),
    )


@login_required
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objective = Objective.objects.select_related("plan").filter(pk=pk).first()
    if objective is None:
        raise Http404(_("El objetivo no existe."))
    content = cached_content(
        request, f"objective-{pk}", objective.plan, lambda: _objective_content(request, objective)
    )
    ctx = {"title": content.title, "content": content.html_for(request)}
    return render(request, "objectives/objective_detail.html", ctx)


def _objective_content(request: HttpRequest, objective: Objective) -> Content:
    """The objective's page as HTML: what a request costs when nothing is cached."""
    year = page_vigencia(objective.plan, request.GET.get("vigencia"))
    page = selectors.objective_page(
        objective.pk,
        str(year),
        request.GET.get("metas"),
        request.GET.get("corte"),
        read=shared_plan_figures,
    )
    table = ObjectiveIndicatorTable(page.lines)
    RequestConfig(request, paginate=False).configure(table)
    waterfall = chart(
        charts.contributions,
        "grafico-aportes",
        _line_labels([line.indicator.code for line in page.lines]),
        [float(line.line.contribution) for line in page.lines],
        [percent(line.line.contribution) for line in page.lines],
        percent(page.compliance),
        [f"{line.indicator.name}<br>{line.contribution_text}" for line in page.lines],
    )
    ctx = {"page": page, "table": table, "chart": mark_safe(waterfall)}
    html = render_to_string("objectives/_objective_content.html", ctx, request)
    return Content(f"{_('Objetivo')} {page.objective.number} · {page.year}", html)


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
    can_report = roles.can_report(request.user, page.indicator.dependency)
    ctx = {
        "page": page,
        "chart": mark_safe(charts.with_nonce(_programming_chart(page), request.csp_nonce)),
        "corte_chart": mark_safe(charts.with_nonce(_corte_chart(page), request.csp_nonce)),
        "can_report": can_report,
        "can_read_evidence": roles.can_read_evidence(request.user, page.indicator.dependency),
        "picker": _report_picker(page) if can_report else "",
    }
    return render(request, "objectives/indicator_detail.html", ctx)


def _programming_chart(page: indicator_selectors.IndicatorPage) -> str:
    unit = page.indicator.unit
    values = (
        [y.year for y in page.years],
        [rounded(y.programmed) for y in page.years],
        [rounded(y.executed) for y in page.years],
        [magnitude(y.programmed, unit) for y in page.years],
        [magnitude(y.executed, unit) for y in page.years],
    )
    return chart(charts.programming_execution, "grafico-programacion", *values)


def _corte_chart(page: indicator_selectors.IndicatorPage) -> str:
    """Expected against executed at each corte of the vigencia (none without execution)."""
    if not page.cortes:
        return ""
    unit = page.indicator.unit
    values = (
        [str(CORTE_SHORT[row.corte]) for row in page.cortes],
        [rounded(row.expected) for row in page.cortes],
        [rounded(row.executed) for row in page.cortes],
        [magnitude(row.expected, unit) for row in page.cortes],
        [magnitude(row.executed, unit) for row in page.cortes],
    )
    return chart(charts.expected_execution, "grafico-esperado", *values)


def _report_picker(page: indicator_selectors.IndicatorPage) -> str:
    """ "Reportar avance": the open vigencias, the corte due now chosen (indicators.cortes); a
    GET form with no token, drawn once for the same choices (crispy takes a few ms)."""
    years = [y.year for y in page.years if y.year not in page.closed_years]
    if not years:
        return ""
    year, corte = due_corte(timezone.localdate(), min(years), max(years))
    action = reverse("objectives:report_start", args=[page.indicator.pk])
    digest = hashlib.sha256(repr((years, year, corte, action, get_language())).encode())
    form = CortePickerForm(
        initial={"vigencia": year, "corte": corte},
        years=years,
        action=action,
        form_id="nuevo-reporte",
        submit=_("Reportar avance"),
        auto_id="r-%s",
    )
    return cache.get_or_set(
        f"pep:picker:{digest.hexdigest()}", lambda: render_crispy_form(form), TIMEOUT
    )


@login_required
def plan_detail(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    content = cached_content(request, "plan", plan, lambda: _plan_content(request, plan))
    ctx = {"title": content.title, "content": content.html_for(request)}
    return render(request, "objectives/plan_detail.html", ctx)


def _plan_content(request: HttpRequest, plan: Plan) -> Content:
    year = page_vigencia(plan, request.GET.get("vigencia"))
    page = plan_selectors.plan_page(plan, str(year), read=shared_plan_figures)
    nodes = page.nodes
    chart = charts.sunburst(
        [n.id for n in nodes],
        [n.label for n in nodes],
        [n.parent for n in nodes],
        [float(n.value) for n in nodes],
        [SEMAFORO_COLORS[n.semaforo] for n in nodes],
        [n.hover for n in nodes],
    )
    ctx = {"page": page, "chart": mark_safe(charts.fragment(chart, "grafico-plan"))}
    return Content(plan.name, render_to_string("objectives/_plan_content.html", ctx, request))


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    year = page_vigencia(plan, request.GET.get("vigencia"))
    export = request.GET.get("_export")
    if export in EXPORT_FORMATS:
        return _export(request, plan, year, export)
    content = cached_content(
        request, "indicators", plan, lambda: _list_content(request, plan, year)
    )
    ctx = {"title": content.title, "content": content.html_for(request)}
    return render(request, "objectives/indicator_list.html", ctx)


def _list_content(request: HttpRequest, plan: Plan, year: int) -> Content:
    """The page of the list the query string asks for (filtered, sorted, paged)."""
    filters = listing.indicator_filters(plan, request.GET)
    page = listing.indicator_listing(request, plan, year, filters, export=False)
    ctx = {"plan": plan, "year": year, "filter": filters, "table": page.table, "count": page.count}
    html = render_to_string("objectives/_indicator_list_content.html", ctx, request)
    return Content(f"{_('Indicadores')} {year}", html)


def _export(request: HttpRequest, plan: Plan, year: int, fmt: str) -> HttpResponse:
    """Every row the filters keep: in the request, or by the worker when there are many."""
    filters = listing.indicator_filters(plan, request.GET)
    if filters.qs.count() > settings.EXPORT_SYNC_MAX_ROWS:
        return _export_job(request, plan, year, fmt)
    page = listing.indicator_listing(request, plan, year, filters, export=True)
    response = HttpResponse(
        listing.export_file(plan, year, filters, page.table, fmt),
        content_type=exports.CONTENT_TYPES[fmt],
    )
    response["Content-Disposition"] = f'attachment; filename="{listing.export_name(year, fmt)}"'
    return response


def _export_job(request: HttpRequest, plan: Plan, year: int, fmt: str) -> HttpResponse:
    """A long export is written by the worker; its page offers the file when it is done."""
    query = request.GET.copy()
    query.pop("_export", None)
    job = job_start(
        user=request.user,
        kind=JobKind.EXPORTACION,
        title=_("Exportar los indicadores de %(year)s (%(format)s)")
        % {"year": year, "format": fmt.upper()},
        task=tasks.export_indicators,
        plan_id=plan.pk,
        year=year,
        query=query.urlencode(),
        fmt=fmt,
    )
    return job_response(
        request, job, failed=f"{reverse('objectives:indicators')}?{query.urlencode()}"
    )


@login_required
def data_quality(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    items = cache.get_or_set(
        page_key("quality", plan),
        lambda: quality.data_quality(plan, read=shared_plan_figures),
        TIMEOUT,
    )
    ctx = {"plan": plan, "items": items}
    return render(request, "objectives/data_quality.html", ctx)
