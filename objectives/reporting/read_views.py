"""The quarterly cycle's read pages: Mi trabajo, Pendientes, an indicator's history and the
download of an evidence file. Each reads: permission → one selector → render."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from indicators import roles
from indicators.models import Evidence
from objectives.dashboard.cache import TIMEOUT, page_key
from objectives.reporting import selectors
from objectives.reporting.evidence import served_type
from objectives.reporting.forms import CortePickerForm
from objectives.reporting.services import ONLY_REVIEWERS
from objectives.shortcuts import plan_or_404


@login_required
def indicator_history(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.indicator_history(pk)
    if page is None:
        raise Http404
    return render(request, "objectives/indicator_history.html", {"page": page})


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    page = selectors.my_work(plan_or_404(request), request.user)
    behind = cache.get_or_set(  # a thousand rows at District scale: drawn once per revision
        page_key("my-work-behind", page.plan, page.behind_scope),
        lambda: render_to_string("objectives/_my_behind.html", {"page": page}),
        TIMEOUT,
    )
    return render(request, "objectives/my_work.html", {"page": page, "behind": mark_safe(behind)})


@login_required
def pending(request: HttpRequest) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied(ONLY_REVIEWERS)
    plan = plan_or_404(request)
    year, corte = selectors.pending_corte(
        plan, request.GET.get("vigencia"), request.GET.get("corte")
    )
    table = cache.get_or_set(  # renewed by every report write, drafts included
        page_key("pending", plan, year, corte, plan.cycle_revision),
        lambda: render_to_string(
            "objectives/_pending_table.html",
            {"page": selectors.pending(plan, str(year), str(corte))},
            request,
        ),
        TIMEOUT,
    )
    picker = CortePickerForm(
        initial={"vigencia": year, "corte": corte, "plan": plan.pk},
        years=list(plan.years),
        form_id="elegir-corte",
        submit=_("Ver"),
        auto_id="p-%s",
    )
    ctx = {"plan": plan, "year": year, "corte": corte, "table": mark_safe(table), "picker": picker}
    return render(request, "objectives/pending.html", ctx)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is served only to those who may read it, never from a public URL, always as
    a download and with the content type its bytes show (not its name)."""
    evidence = get_object_or_404(Evidence.objects.select_related("report__indicator"), pk=pk)
    if not roles.can_read_evidence(request.user, evidence.report.indicator.dependency):
        raise PermissionDenied
    if not evidence.file:
        raise Http404
    try:
        content = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        content, as_attachment=True, filename=evidence.name, content_type=served_type(content)
    )
