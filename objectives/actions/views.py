"""Improvement actions' pages: the list (everyone with an account reads it), one action with
its follow-ups, and the forms of Planeación and the indicator's Responsables."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.cortes import corte_asked
from indicators.models import Indicator, Report
from objectives.actions import selectors, services
from objectives.actions.forms import ActionForm, CloseForm, FollowUpForm
from objectives.actions.models import ImprovementAction
from objectives.shortcuts import plan_or_404


def _errors(form, error: ValidationError) -> None:
    for field, errors in getattr(error, "error_dict", {None: error.messages}).items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    plan = plan_or_404(request)
    get = request.GET
    data = selectors.action_list(
        plan,
        timezone.localdate(),
        get.get("objetivo"),
        get.get("dependencia"),
        get.get("ver"),
        get.get("pagina"),
    )
    return render(request, "objectives/actions/list.html", {"data": data})


@login_required
def action_new(request: HttpRequest) -> HttpResponse:
    """Open an action on the indicator of ``?indicador=``, at ``vigencia`` and ``corte``."""
    plan = plan_or_404(request)
    indicator = get_object_or_404(Indicator, pk=request.GET.get("indicador") or 0)
    year = plan.year_asked(request.GET.get("vigencia"))
    corte = corte_asked(request.GET.get("corte"))
    if year is None or corte is None:
        raise Http404(_("Indique la vigencia y el corte de la acción."))
    if not services.may_manage(request.user, indicator):
        raise PermissionDenied(services.NOT_YOURS)
    form = ActionForm(request.POST or None, initial=_initial(request, indicator, year, corte))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_open(
                user=request.user,
                plan=plan,
                indicator=indicator,
                year=year,
                corte=corte,
                data=services.ActionInput(**form.cleaned_data),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Acción de mejora abierta."))
            return redirect("objectives:action", action.pk)
    ctx = {"form": form, "indicator": indicator, "year": year, "corte": corte, "plan": plan}
    return render(request, "objectives/actions/form.html", ctx)


def _initial(request: HttpRequest, indicator: Indicator, year: int, corte: int) -> dict:
    report = Report.objects.filter(indicator=indicator, year=year, corte=corte).first()
    return {
        "cause": report.delays if report else "",
        "responsible": request.user.pk,
        "dependency": indicator.dependency,
        "starts_on": timezone.localdate(),
    }


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.action_page(pk, timezone.localdate())
    if page is None:
        raise Http404(_("La acción no existe."))
    initial = {"version": page.action.version}
    ctx = {
        "page": page,
        "may_manage": services.may_manage(request.user, page.action.indicator),
        "follow_form": FollowUpForm(initial=initial),
        "close_form": CloseForm(initial=initial),
    }
    return render(request, "objectives/actions/detail.html", ctx)


def _step(request: HttpRequest, pk: int, form_class, act) -> HttpResponse:
    action = get_object_or_404(ImprovementAction.objects.select_related("indicator"), pk=pk)
    if not services.may_manage(request.user, action.indicator):
        raise PermissionDenied(services.NOT_YOURS)
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("objectives:action", pk)
    try:
        messages.success(request, act(action, form.cleaned_data))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("objectives:action", args=[pk]))


@login_required
@require_POST
def action_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    def act(action, data) -> str:
        services.follow_up(user=request.user, action=action, **data)
        return _("Seguimiento registrado: la acción está en curso.")

    return _step(request, pk, FollowUpForm, act)


@login_required
@require_POST
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(action, data) -> str:
        services.action_close(user=request.user, action=action, **data)
        return _("Acción cerrada: quedó cumplida.")

    return _step(request, pk, CloseForm, act)
