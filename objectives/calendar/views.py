"""The calendar's pages: the calendar of a vigencia (everyone with a role reads it; Planeación
publishes it, changes its dates and reopens cortes) and Planeación's two forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import roles
from indicators.models import Indicator
from objectives.calendar import selectors, services
from objectives.calendar.forms import ReopeningForm, WindowForm
from objectives.calendar.models import ReportingWindow
from objectives.calendar.windows import corte_text
from objectives.models import Plan
from objectives.shortcuts import plan_or_404


def _calendar_url(plan_id: int, year: int) -> str:
    return f"{reverse('objectives:calendar')}?plan={plan_id}&vigencia={year}"


def _window_for_planning(request: HttpRequest, pk: int) -> ReportingWindow:
    """The window (404) if the person is of Planeación (403): the calendar's one check."""
    window = get_object_or_404(ReportingWindow.objects.select_related("plan"), pk=pk)
    if not roles.can_review(request.user):
        raise PermissionDenied(_("Solo Planeación maneja el calendario de reporte."))
    return window


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    if not roles.roles(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    page = selectors.calendar_page(plan_or_404(request), request.GET.get("vigencia"), today)
    ctx = {"page": page, "can_edit": roles.can_review(request.user), "today": today}
    return render(request, "objectives/calendar.html", ctx)


@login_required
@require_POST
def calendar_publish(request: HttpRequest, plan_pk: int, year: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=plan_pk)
    try:
        services.calendar_publish(user=request.user, plan=plan, year=year)
        messages.success(
            request,
            _("Calendario de %(year)s publicado: desde hoy sus cortes se reportan en sus fechas.")
            % {"year": year},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_calendar_url(plan.pk, year))


@login_required
def window_edit(request: HttpRequest, pk: int) -> HttpResponse:
    window = _window_for_planning(request, pk)
    fields = ("opens_on", "due_on", "locks_on", "version")
    form = WindowForm(request.POST or None, initial={f: getattr(window, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            services.window_save(user=request.user, window=window, **form.cleaned_data)
            messages.success(request, _("Fechas guardadas."))
            return redirect(_calendar_url(window.plan_id, window.year))
        except ValidationError as error:
            _form_errors(form, error)
    ctx = {"window": window, "corte": corte_text(window.year, window.corte), "form": form}
    return render(request, "objectives/window_form.html", ctx)


@login_required
def reopening_new(request: HttpRequest, pk: int) -> HttpResponse:
    window = _window_for_planning(request, pk)
    indicators = Indicator.objects.of_plan(window.plan)
    form = ReopeningForm(
        request.POST or None,
        dependencies=indicators.dependencies(),
        indicators=indicators,
        today=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reopening_create(user=request.user, window=window, **form.cleaned_data)
            messages.success(request, _("Corte reabierto."))
            return redirect(_calendar_url(window.plan_id, window.year))
        except ValidationError as error:
            _form_errors(form, error)
    ctx = {"window": window, "corte": corte_text(window.year, window.corte), "form": form}
    return render(request, "objectives/reopening_form.html", ctx)
