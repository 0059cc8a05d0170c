"""Public pages and files of the transparency portal: no login, the same for everyone.

Each page is cached whole, keyed by its plan's revision (``objectives.cache``): publishing or
unpublishing a corte, closing a vigencia or any write to the plan's data makes a new key.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from objectives.dashboard.cache import TIMEOUT, page_key
from objectives.models import Plan
from objectives.transparency import opendata, selectors

FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def _public_plan(plan_id: int) -> Plan:
    plan = selectors.public_plan(plan_id)
    if plan is None:
        raise Http404(_("Ese plan no está publicado en el portal de transparencia."))
    return plan


def _render(template: str, ctx: dict) -> str:
    licence = {"license": settings.OPEN_DATA_LICENSE, "license_url": settings.OPEN_DATA_LICENSE_URL}
    return render_to_string(f"objectives/transparency/{template}", licence | ctx)


def _query(request: HttpRequest, name: str) -> str:
    """A query parameter fit for a cache key: a short number, else nothing."""
    raw = request.GET.get(name, "")
    return raw if raw.isdigit() and len(raw) <= 4 else ""


def portal_index(request: HttpRequest) -> HttpResponse:
    plans = selectors.public_plans()
    state = "|".join(f"{p.pk}-{p.revision}" for p in plans)
    key = f"pep:portal-index:{get_language()}:{hashlib.sha256(state.encode()).hexdigest()}"
    html = cache.get_or_set(
        key, lambda: _render("index.html", {"plans": selectors.portal_index(plans)}), TIMEOUT
    )
    return HttpResponse(html)


def portal_plan(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _public_plan(plan_id)
    year, corte = _query(request, "vigencia"), _query(request, "corte")
    html = cache.get_or_set(
        page_key("portal-plan", plan, year, corte),
        lambda: _render("plan.html", {"page": selectors.plan_portal(plan, year, corte)}),
        TIMEOUT,
    )
    return HttpResponse(html)


def _objective_html(plan: Plan, number: int, year: str, corte: str) -> str | None:
    page = selectors.objective_portal(plan, number, year, corte)
    return None if page is None else _render("objective.html", {"page": page})


def portal_objective(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    plan = _public_plan(plan_id)
    year, corte = _query(request, "vigencia"), _query(request, "corte")
    html = cache.get_or_set(
        page_key("portal-objective", plan, number, year, corte),
        lambda: _objective_html(plan, number, year, corte),
        TIMEOUT,
    )
    if html is None:
        raise Http404(_("El plan no tiene ese objetivo."))
    return HttpResponse(html)


def portal_indicators(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _public_plan(plan_id)
    html = cache.get_or_set(
        page_key("portal-indicators", plan),
        lambda: _render("indicators.html", {"page": selectors.indicators_portal(plan)}),
        TIMEOUT,
    )
    return HttpResponse(html)


def portal_data(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _public_plan(plan_id)
    html = cache.get_or_set(
        page_key("portal-data", plan),
        lambda: _render(
            "data.html", {"page": selectors.data_portal(plan), "files": opendata.FILES}
        ),
        TIMEOUT,
    )
    return HttpResponse(html)


def data_file(
    request: HttpRequest, plan_id: int, kind: str, fmt: str, year: int | None = None
) -> HttpResponse:
    plan = _public_plan(plan_id)
    body = cache.get_or_set(
        page_key("portal-file", plan, kind, fmt, year),
        lambda: _file_body(plan, kind, fmt, year),
        TIMEOUT,
    )
    if body is None:
        raise Http404(_("No hay cifras oficiales publicadas de esa vigencia."))
    name = f"pep-plan-{plan.pk}-{kind}{f'-{year}' if year else ''}.{fmt}"
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _file_body(plan: Plan, kind: str, fmt: str, year: int | None) -> str | None:
    """The file's content, from frozen snapshots (programming: the plan's current data)."""
    source = opendata.Source(
        fuente=_("%(entity)s · PEP, portal de transparencia") % {"entity": plan.entity},
        licencia=settings.OPEN_DATA_LICENSE,
    )
    if kind == "programacion":
        groups = selectors.indicators_portal(plan).goals
        rows = opendata.programming_rows(plan, [r for g in groups for r in g.rows], source)
        generated = timezone.now()
    else:
        sets = [s for s in selectors.data_portal(plan).sets if s.year == year]
        if not sets:
            return None
        build = opendata.compliance_rows if kind == "cumplimiento" else opendata.indicator_rows
        rows = build(plan, sets, source)
        generated = max(s.at for s in sets)
    if fmt == "csv":
        return opendata.to_csv(kind, rows)
    metadata = {
        "plan_id": plan.pk,
        "plan": plan.name,
        "entidad": plan.entity,
        "vigencia": year,
        "fuente": source.fuente,
        "licencia": source.licencia,
        "licencia_url": settings.OPEN_DATA_LICENSE_URL,
        "fecha_generacion": timezone.localtime(generated).isoformat(timespec="seconds"),
        "diccionario": reverse("transparency:data", args=[plan.pk]),
    }
    return opendata.to_json(kind, rows, metadata)


def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence marked public whose report is part of published figures; nothing else."""
    evidence = selectors.downloadable_evidence(pk)
    if evidence is None or not evidence.file:
        raise Http404(_("Esa evidencia no es pública."))
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
