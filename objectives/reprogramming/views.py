"""Reprogramming pages: propose new targets for an indicator (with the act that adopts them),
a proposal's page (old → new and its effect on the objectives, with approve or reject for an
Administrador who did not propose it), and the proposals pending."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import roles
from indicators.choices import VersionStatus
from indicators.models import Indicator
from indicators.targets import TargetVersion
from objectives.models import Plan
from objectives.reprogramming import selectors, services
from objectives.reprogramming.forms import DecisionForm, ReprogrammingForm
from objectives.shortcuts import plan_or_404


@login_required
def reprogramming_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Planeación writes the new targets and the act; the service decides whether they take
    effect now or wait for an Administrador."""
    if not roles.can_review(request.user):
        raise PermissionDenied(services.ONLY_REVIEWERS)
    indicator = get_object_or_404(Indicator, pk=pk)
    plans = Plan.objects.fed_by(indicator)
    years = sorted({year for plan in plans for year in plan.years})
    closed = selectors.closed_years(plans.values("pk"))
    current = services.current_targets(indicator)
    initial = {f"p{y}": v for y, v in current.programming.items()}
    initial |= {"baseline": current.baseline, "stated_total": current.stated_total}
    form = ReprogrammingForm(
        request.POST or None, request.FILES or None, initial=initial, years=years, closed=closed
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = _propose(request, indicator, form)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            return redirect("objectives:reprogramming", version.pk)
    ctx = {"indicator": indicator, "form": form}
    return render(request, "objectives/reprogramming_form.html", ctx)


def _propose(request: HttpRequest, indicator: Indicator, form) -> TargetVersion:
    data = form.cleaned_data
    version = services.reprogramming_propose(
        user=request.user,
        indicator=indicator,
        targets=form.targets(),
        reason=data["reason"],
        act=form.act(),
        effective_date=data.get("effective_date"),
    )
    if version.status == VersionStatus.PROPUESTA:
        messages.info(request, _("Reprogramación propuesta: un administrador debe aprobarla."))
    else:
        messages.success(request, _("Reprogramación en vigor."))
    return version


@login_required
def reprogramming_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied(services.ONLY_REVIEWERS)
    page = selectors.proposal_page(pk, request.user)
    if page is None:
        raise Http404
    ctx = {"page": page, "form": DecisionForm(), "four_eyes": services.FOUR_EYES}
    return render(request, "objectives/reprogramming_detail.html", ctx)


@login_required
@require_POST
def reprogramming_decide(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(TargetVersion, pk=pk)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if "aprobar" in request.POST:
            services.reprogramming_approve(user=request.user, version=version, note=note)
            messages.success(request, _("Reprogramación aprobada: las metas vigentes cambiaron."))
        else:
            services.reprogramming_reject(user=request.user, version=version, note=note)
            messages.success(request, _("Reprogramación rechazada."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("objectives:reprogramming", version.pk)


@login_required
def reprogramming_list(request: HttpRequest) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied(services.ONLY_REVIEWERS)
    plan = plan_or_404(request)
    ctx = {"plan": plan, "proposals": selectors.pending_proposals(plan)}
    return render(request, "objectives/reprogramming_list.html", ctx)
