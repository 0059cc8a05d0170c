"""Pages of the quarterly cycle: permission → form → service → redirect.

A ``Conflict`` renders the conflict page with both versions; a ``ValidationError`` goes back to
the form next to its field, with everything the person typed.
"""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import roles
from indicators.choices import Corte
from indicators.formatting import number
from indicators.models import Evidence, Indicator, Report
from objectives import selectors, workflow
from objectives.forms import ProgrammingForm, ReopenForm, ReportForm, ReviewForm, WeightForm
from objectives.models import Closure, Plan, Weight


def _indicator_url(indicator_id: int) -> str:
    return reverse("objectives:indicator", args=[indicator_id])


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _conflict(
    request, *, title: str, form, yours: dict, theirs: dict | None, status: str, back: str
) -> HttpResponse:
    """Both versions side by side, labelled like the form; nothing was saved."""

    def rows(values: dict) -> list[tuple[str, str]]:
        return [
            (str(field.label), _display(values[name]))
            for name, field in form.fields.items()
            if name in values and name not in ("version", "files")
        ]

    ctx = {
        "title": title,
        "yours": rows(yours),
        "theirs": None if theirs is None else rows(theirs),
        "status": status,
        "lost_files": bool(yours.get("files")),
        "back": back,
    }
    return render(request, "objectives/conflict.html", ctx, status=409)


def _display(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


@login_required
def report_edit(request: HttpRequest, pk: int, year: int, corte: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    if corte not in Corte.values:
        raise Http404
    if not roles.can_report(request.user, indicator.dependency):
        raise PermissionDenied
    report = Report.objects.filter(indicator=indicator, year=year, corte=corte).first()
    form = ReportForm(request.POST or None, request.FILES or None, initial=_report_initial(report))
    if request.method == "POST" and form.is_valid():
        data = workflow.ReportInput(
            **{k: form.cleaned_data[k] for k in ("executed", "achievements", "delays")},
            justification=form.cleaned_data["justification"],
        )
        try:
            saved = workflow.report_save(
                user=request.user,
                indicator=indicator,
                year=year,
                corte=corte,
                data=data,
                version=form.cleaned_data["version"],
                files=form.cleaned_data["files"],
                links=form.cleaned_data["links"],
            )
            if "enviar" in request.POST:
                workflow.report_send(user=request.user, report=saved, version=saved.version)
                messages.success(request, _("Reporte enviado a revisión."))
            else:
                messages.success(request, _("Borrador guardado."))
            return redirect(_indicator_url(indicator.pk))
        except workflow.Conflict as conflict:
            return _conflict(
                request,
                title=_("Otra persona guardó este reporte mientras usted lo editaba"),
                form=form,
                yours=form.cleaned_data,
                theirs=_report_initial(conflict.current) if conflict.current else None,
                status=conflict.current.get_status_display() if conflict.current else "",
                back=request.get_full_path(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
    ctx = {"indicator": indicator, "year": year, "corte": Corte(corte), "report": report}
    return render(request, "objectives/report_form.html", ctx | {"form": form})


def _report_initial(report: Report | None) -> dict:
    if report is None:
        return {}
    fields = ("executed", "achievements", "delays", "justification", "version")
    return {name: getattr(report, name) for name in fields}


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("indicator"), pk=pk)
    form = ReviewForm(request.POST)
    if not roles.can_review(request.user):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("La revisión llegó incompleta: vuelva a intentarlo."))
        return redirect(_indicator_url(report.indicator_id))
    try:
        if "aprobar" in request.POST:
            workflow.report_approve(
                user=request.user, report=report, version=form.cleaned_data["version"]
            )
            messages.success(request, _("Reporte aprobado: ya cuenta en el tablero."))
        else:
            workflow.report_return(
                user=request.user,
                report=report,
                version=form.cleaned_data["version"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Reporte devuelto a quien lo reportó."))
    except workflow.Conflict as conflict:
        return _conflict(
            request,
            title=_("El reporte cambió después de que usted lo abrió"),
            form=form,
            yours={"note": form.cleaned_data["note"]},
            theirs={"note": conflict.current.review_note},
            status=conflict.current.get_status_display(),
            back=_indicator_url(report.indicator_id),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_indicator_url(report.indicator_id))


@login_required
@require_POST
def report_send(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("indicator"), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        raise Http404 from None
    try:
        workflow.report_send(user=request.user, report=report, version=version)
        messages.success(request, _("Reporte enviado a revisión."))
    except workflow.Conflict as conflict:
        return _conflict(
            request,
            title=_("El reporte cambió después de que usted lo abrió"),
            form=ReportForm(),
            yours={},
            theirs=_report_initial(conflict.current),
            status=conflict.current.get_status_display(),
            back=_indicator_url(report.indicator_id),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_indicator_url(report.indicator_id))


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence is served only to people with a role, never from a public URL."""
    if not roles.roles(request.user):
        raise PermissionDenied
    evidence = get_object_or_404(Evidence, pk=pk)
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)


@login_required
def programming_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator, pk=pk)
    if not roles.can_review(request.user):
        raise PermissionDenied
    current = indicator.programming.filter(year=year).first()
    initial = {"value": current.value, "version": current.version} if current else {}
    form = ProgrammingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.programming_save(
                user=request.user,
                indicator=indicator,
                year=year,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
            messages.success(request, _("Programación guardada."))
            return redirect(_indicator_url(indicator.pk))
        except workflow.Conflict as conflict:
            current = conflict.current
            return _conflict(
                request,
                title=_("Otra persona cambió esta programación mientras usted la editaba"),
                form=form,
                yours=form.cleaned_data,
                theirs=None if current is None else {"value": current.value},
                status="",
                back=request.get_full_path(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
    ctx = {"indicator": indicator, "year": year, "form": form, "current": current}
    return render(request, "objectives/programming_form.html", ctx)


@login_required
def weight_edit(request: HttpRequest, pk: int) -> HttpResponse:
    weight = get_object_or_404(Weight.objects.select_related("objective", "indicator"), pk=pk)
    if not roles.can_review(request.user):
        raise PermissionDenied
    form = WeightForm(
        request.POST or None, initial={"value": weight.weight, "version": weight.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            workflow.weight_save(
                user=request.user,
                weight=weight,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
            messages.success(request, _("Ponderación guardada."))
            return redirect("objectives:objective", weight.objective_id)
        except workflow.Conflict as conflict:
            return _conflict(
                request,
                title=_("Otra persona cambió esta ponderación mientras usted la editaba"),
                form=form,
                yours=form.cleaned_data,
                theirs={"value": conflict.current.weight},
                status="",
                back=request.get_full_path(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
    return render(request, "objectives/weight_form.html", {"weight": weight, "form": form})


@login_required
def indicator_history(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.indicator_history(pk)
    if page is None:
        raise Http404
    return render(request, "objectives/indicator_history.html", {"page": page})


@login_required
@require_POST
def vigencia_close(request: HttpRequest, plan_pk: int, year: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    try:
        workflow.vigencia_close(user=request.user, plan=plan, year=year)
        messages.success(
            request, _("Vigencia %(year)s cerrada: sus cifras son oficiales.") % {"year": year}
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('objectives:dashboard')}?plan={plan.pk}&vigencia={year}")


@login_required
def vigencia_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    closure = get_object_or_404(Closure.objects.select_related("plan"), pk=pk)
    if not roles.is_admin(request.user):
        raise PermissionDenied
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.vigencia_reopen(
                user=request.user, closure=closure, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Vigencia reabierta."))
            url = reverse("objectives:dashboard")
            return redirect(f"{url}?plan={closure.plan_id}&vigencia={closure.year}")
        except ValidationError as error:
            _apply_errors(form, error)
    return render(request, "objectives/reopen_form.html", {"closure": closure, "form": form})


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    plan = selectors.plan_or_default(request.GET.get("plan"))
    if plan is None:
        raise Http404(_("No hay ningún plan cargado."))
    page = selectors.my_work(plan, request.user)
    return render(request, "objectives/my_work.html", {"page": page})


@login_required
def pending(request: HttpRequest) -> HttpResponse:
    if not roles.can_review(request.user):
        raise PermissionDenied
    plan = selectors.plan_or_default(request.GET.get("plan"))
    if plan is None:
        raise Http404(_("No hay ningún plan cargado."))
    page = selectors.pending(plan, request.GET.get("vigencia"), request.GET.get("corte"))
    return render(request, "objectives/pending.html", {"page": page, "cortes": Corte.choices})


@login_required
def report_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The "report progress" picker of the indicator page: vigencia and corte → the form."""
    year, corte = request.GET.get("vigencia", ""), request.GET.get("corte", "")
    if not (year.isdigit() and corte.isdigit()):
        return redirect(_indicator_url(pk))
    return redirect("objectives:report_edit", pk, int(year), int(corte))
