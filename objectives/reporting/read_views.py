"""The quarterly cycle's read pages: Mi trabajo, Pendientes and an indicator's history. Each
reads: permission → one selector → render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from indicators import roles
from objectives.reporting import selectors
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
    return render(request, "objectives/my_work.html", {"page": page})


@login_required
def pending(request: HttpRequest) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied(ONLY_REVIEWERS)
    plan = plan_or_404(request)
    page = selectors.pending(plan, request.GET.get("vigencia"), request.GET.get("corte"))
    picker = CortePickerForm(
        initial={"vigencia": page.year, "corte": page.corte, "plan": plan.pk},
        years=list(plan.years),
        form_id="elegir-corte",
        submit=_("Ver"),
        auto_id="p-%s",
    )
    return render(request, "objectives/pending.html", {"page": page, "picker": picker})
