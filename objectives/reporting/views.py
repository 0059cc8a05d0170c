"""Pages of the quarterly cycle. A write view reads: ``_get_for`` (the object, or 404, and the
permission, or 403) → form → service → redirect; a stale version renders ``_conflict`` (both
versions side by side, nothing saved) and a ``ValidationError`` goes back to the form next to
its field, with everything the person typed. The services check the permission again."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import roles
from indicators.choices import Corte
from indicators.formatting import value_text
from indicators.models import Indicator, Programming, Report
from indicators.roles import User
from objectives.calendar.windows import window_state
from objectives.choices import JobKind
from objectives.jobs.responses import job_response
from objectives.jobs.services import job_start
from objectives.models import Closure, Plan, Weight
from objectives.reporting import report_selectors, services, tasks
from objectives.reporting.annualization import annualization_save
from objectives.reporting.forms import (
    AnnualizationForm,
    ProgrammingForm,
    ReopenForm,
    ReportForm,
    StepForm,
    WeightForm,
    step_forms,
)
from objectives.reporting.services import Conflict

REPORT_FIELDS = ("executed", "achievements", "delays", "justification", "version")


def _may_report(user: User, obj: Indicator | Report) -> bool:
    indicator = obj.indicator if isinstance(obj, Report) else obj
    return roles.can_report(user, indicator.dependency)


def _may_review(user: User, obj: Model) -> bool:
    return roles.can_review(user)


def _may_administer(user: User, obj: Model) -> bool:
    return roles.is_admin(user)


# What a refused person reads on the 403 page, by the rule that refused them.
REFUSALS = {
    _may_report: services.NOT_YOURS,
    _may_review: services.ONLY_REVIEWERS,
    _may_administer: services.ONLY_ADMINS,
}


def _get_for(
    request: HttpRequest,
    queryset: type[Model] | QuerySet,
    pk: int,
    allowed: Callable[[User, Any], bool],
) -> Any:
    """The object ``pk`` (404 when there is none) if the user may act on it (else 403): the
    one place a page of the cycle checks who may write."""
    obj = get_object_or_404(queryset, pk=pk)
    if not allowed(request.user, obj):
        raise PermissionDenied(REFUSALS.get(allowed, ""))
    return obj


def _conflict(
    request: HttpRequest, conflict: Conflict, *, title: str, form, yours: dict, back: str
) -> HttpResponse:
    """Both versions side by side, labelled like the form; nothing was saved."""
    current = conflict.current

    def rows(values: dict) -> list[tuple[str, str]]:
        return [
            (str(field.label), value_text(values[name]))
            for name, field in form.fields.items()
            if name in values and name not in ("version", "files")
        ]

    ctx = {
        "title": title,
        "yours": rows(yours),
        "theirs": None if current is None else rows(_saved_values(current)),
        "status": current.get_status_display() if isinstance(current, Report) else "",
        "lost_files": bool(yours.get("files")),
        "back": back,
    }
    return render(request, "objectives/conflict.html", ctx, status=409)


def _saved_values(record: Model) -> dict:
    """What the saved record holds, under the names of the form fields that edit it."""
    match record:
        case Report():
            return _report_initial(record) | {"note": record.review_note}
        case Programming():
            return {"value": record.value}
        case Weight():
            return {"value": record.weight}
        case Indicator():
            return {"annualization": record.get_annualization_display()}
    raise TypeError(record)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit(
    request: HttpRequest, form, write: Callable[[], object], *, done: str, success: str, title: str
) -> HttpResponse | None:
    """Run a write of a form page: redirect to ``done`` saying ``success``, render the
    conflict page under ``title``, or put the refusal next to its field and return None."""
    try:
        write()
    except Conflict as conflict:
        back = request.get_full_path()
        return _conflict(
            request, conflict, title=title, form=form, yours=form.cleaned_data, back=back
        )
    except ValidationError as error:
        _apply_errors(form, error)
        return None
    messages.success(request, success)
    return redirect(done)


def _indicator_url(indicator_id: int) -> str:
    return reverse("objectives:indicator", args=[indicator_id])


def _dashboard_url(plan_id: int, year: int) -> str:
    return f"{reverse('objectives:dashboard')}?plan={plan_id}&vigencia={year}"


def _report_initial(report: Report | None) -> dict:
    return {} if report is None else {name: getattr(report, name) for name in REPORT_FIELDS}


def _save_report(request: HttpRequest, form: ReportForm, indicator, year: int, corte: int) -> None:
    """Save the report as a draft and, when the person pressed «Enviar», send it: two steps,
    so a draft is kept even if sending is refused."""
    data = form.cleaned_data
    if "enviar" in request.POST:
        services.require_cause(indicator, year, corte, data["executed"], data["delays"])
    saved = services.report_save(
        user=request.user,
        indicator=indicator,
        year=year,
        corte=corte,
        data=services.ReportInput(
            **{name: data[name] for name in ("executed", "achievements", "delays")},
            justification=data["justification"],
        ),
        version=data["version"],
        files=data["files"],
        links=data["links"],
    )
    if "enviar" in request.POST:
        services.report_send(user=request.user, report=saved, version=saved.version)


def _report_post(request: HttpRequest, form: ReportForm, page) -> HttpResponse | None:
    """Save (and send, if asked) what the person typed; None sends them back to the form."""
    if not form.is_valid():
        return None
    sending = "enviar" in request.POST
    return _submit(
        request,
        form,
        lambda: _save_report(request, form, page.indicator, page.year, page.corte),
        done=_indicator_url(page.indicator.pk),
        success=_("Reporte enviado a revisión.") if sending else _("Borrador guardado."),
        title=_("Otra persona guardó este reporte mientras usted lo editaba"),
    )


@login_required
def report_edit(request: HttpRequest, pk: int, year: int, corte: int) -> HttpResponse:
    """The report of a corte: a form while the reader may edit it, read-only otherwise, with
    the actions the state machine allows the reader."""
    if corte not in Corte.values:
        raise Http404
    page = report_selectors.report_page(pk, year, corte, request.user)
    if page is None:
        raise Http404(_("El indicador no existe."))
    if not _may_report(request.user, page.indicator):
        raise PermissionDenied(services.NOT_YOURS)
    form = None
    if page.editable:
        data = (request.POST or None, request.FILES or None)
        form = ReportForm(*data, initial=_report_initial(page.report), indicator=page.indicator)
        if request.method == "POST" and (response := _report_post(request, form, page)):
            return response
    elif request.method == "POST":
        raise PermissionDenied(page.refusal)
    window = window_state(page.indicator, year, corte, timezone.localdate())
    steps = {} if page.editable or not page.report else step_forms(page.actions, page.report)
    ctx = {"page": page, "form": form, "window": window, "steps": steps}
    return render(request, "objectives/report_form.html", ctx)


@login_required
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The "report progress" picker of the indicator page: vigencia and corte → the form."""
    year, corte = request.GET.get("vigencia", ""), request.GET.get("corte", "")
    if not (year.isdigit() and corte.isdigit()):
        return redirect(_indicator_url(pk))
    return redirect("objectives:report_edit", pk, int(year), int(corte))


def _back(request: HttpRequest, report: Report) -> str:
    """Where an action on a report returns: the page it was taken from (``next``), else the
    indicator's page."""
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return _indicator_url(report.indicator_id)


def _step(request: HttpRequest, pk: int, allowed, act: Callable[..., str]) -> HttpResponse:
    """Send, withdraw, approve or return a report: ``act(report, version, note)`` runs the
    service and says what happened; a stale version gets the conflict page."""
    report = _get_for(request, Report.objects.select_related("indicator"), pk, allowed)
    form = StepForm(request.POST)
    if not form.is_valid():
        raise Http404
    back = _back(request, report)
    data = form.cleaned_data
    try:
        messages.success(request, act(report, data["version"], data["note"]))
    except Conflict as conflict:
        title = _("El reporte cambió después de que usted lo abrió")
        yours = {"note": data["note"]}
        return _conflict(request, conflict, title=title, form=form, yours=yours, back=back)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(back)


@login_required
@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report: Report, version: int, note: str) -> str:
        services.report_send(user=request.user, report=report, version=version, note=note)
        return _("Reporte enviado a revisión.")

    return _step(request, pk, _may_report, act)


@login_required
@require_POST
def report_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    def act(report: Report, version: int, note: str) -> str:
        services.report_withdraw(user=request.user, report=report, version=version, note=note)
        return _("Envío retirado: el reporte volvió a borrador y puede editarlo.")

    return _step(request, pk, _may_report, act)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or return the report, as the person pressed, with the note they wrote."""

    def act(report: Report, version: int, note: str) -> str:
        if "aprobar" in request.POST:
            services.report_approve(user=request.user, report=report, version=version, note=note)
            return _("Reporte aprobado: ya cuenta en el tablero.")
        services.report_return(user=request.user, report=report, version=version, note=note)
        return _("Reporte devuelto a quien lo reportó.")

    return _step(request, pk, _may_review, act)


@login_required
def programming_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    indicator = _get_for(request, Indicator, pk, _may_review)
    if not Plan.objects.fed_by(indicator).spanning(year).exists():
        raise Http404(_("Esa vigencia no es de ningún plan al que aporte el indicador."))
    current = indicator.programming.filter(year=year).first()
    initial = {"value": current.value, "version": current.version} if current else {}
    form = ProgrammingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _submit(
            request,
            form,
            lambda: services.programming_save(
                user=request.user, indicator=indicator, year=year, **data
            ),
            done=_indicator_url(indicator.pk),
            success=_("Programación guardada."),
            title=_("Otra persona cambió esta programación mientras usted la editaba"),
        )
        if response:
            return response
    ctx = {"indicator": indicator, "year": year, "form": form, "current": current}
    return render(request, "objectives/programming_form.html", ctx)


@login_required
def weight_edit(request: HttpRequest, pk: int) -> HttpResponse:
    weights = Weight.objects.select_related("objective", "indicator")
    weight = _get_for(request, weights, pk, _may_review)
    initial = {"value": weight.weight, "version": weight.version}
    form = WeightForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        response = _submit(
            request,
            form,
            lambda: services.weight_save(
                user=request.user, weight=weight, confirmed="confirmar" in request.POST, **data
            ),
            done=reverse("objectives:objective", args=[weight.objective_id]),
            success=_("Ponderación guardada."),
            title=_("Otra persona cambió esta ponderación mientras usted la editaba"),
        )
        if response:
            return response
    return render(request, "objectives/weight_form.html", {"weight": weight, "form": form})


@login_required
@require_POST
def vigencia_close(request: HttpRequest, plan_pk: int, year: int) -> HttpResponse:
    """Closing computes every figure of the plan: a job for the worker."""
    plan = _get_for(request, Plan, plan_pk, _may_administer)
    job = job_start(
        user=request.user,
        kind=JobKind.CIERRE,
        title=_("Cerrar la vigencia %(year)s de %(plan)s") % {"year": year, "plan": plan.name},
        task=tasks.close_vigencia,
        plan_id=plan.pk,
        year=year,
    )
    return job_response(request, job, failed=_dashboard_url(plan.pk, year))


@login_required
def vigencia_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    closure = _get_for(request, Closure.objects.select_related("plan"), pk, _may_administer)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.vigencia_reopen(
                user=request.user, closure=closure, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Vigencia reabierta."))
            return redirect(_dashboard_url(closure.plan_id, closure.year))
        except ValidationError as error:
            _apply_errors(form, error)
    return render(request, "objectives/reopen_form.html", {"closure": closure, "form": form})


@login_required
def annualization_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Planeación confirms or changes an annualization PEP deduced (the Calidad page)."""
    indicator = _get_for(request, Indicator.objects.select_related("goal"), pk, _may_review)
    initial = {"annualization": indicator.annualization, "version": indicator.version}
    form = AnnualizationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _submit(
            request,
            form,
            lambda: annualization_save(user=request.user, indicator=indicator, **form.cleaned_data),
            done=reverse("objectives:quality"),
            success=_("Anualización guardada; el cambio y su motivo quedan en el historial."),
            title=_("Otra persona cambió este indicador mientras usted lo editaba"),
        )
        if response:
            return response
    ctx = {"indicator": indicator, "form": form}
    return render(request, "objectives/annualization_form.html", ctx)
