"""Planeación's publishing desk: permission → form → service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators import roles
from indicators.choices import Corte
from indicators.models import Evidence
from objectives.models import Plan, Publication
from objectives.shortcuts import plan_or_404
from objectives.transparency import publishing, services
from objectives.transparency.forms import UnpublishForm


def _reviewer(request: HttpRequest) -> None:
    if not roles.can_review(request.user):
        raise PermissionDenied


def _desk_url(plan_id: int | None, year: int | None = None) -> str:
    url = reverse("transparency:desk")
    if plan_id:
        url = f"{url}?plan={plan_id}" + (f"&vigencia={year}" if year else "")
    return url


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    page = publishing.desk(plan_or_404(request), request.GET.get("vigencia"))
    return render(request, "objectives/transparency/desk.html", {"page": page})


@login_required
@require_POST
def corte_publish(request: HttpRequest, plan_pk: int, year: int, corte: int) -> HttpResponse:
    _reviewer(request)
    plan = get_object_or_404(Plan, pk=plan_pk)
    try:
        services.corte_publish(user=request.user, plan=plan, year=year, corte=corte)
        label = Corte(corte).label if corte in Corte.values else corte
        messages.success(
            request,
            _("Corte %(corte)s de %(year)s publicado: sus cifras quedan congeladas en el portal.")
            % {"corte": label, "year": year},
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_desk_url(plan.pk, year))


@login_required
def corte_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    publication = get_object_or_404(Publication.objects.select_related("plan"), pk=pk)
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.corte_unpublish(
                user=request.user, publication=publication, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Corte retirado del portal."))
            return redirect(_desk_url(publication.plan_id, publication.year))
        except ValidationError as error:
            form.add_error(None, error)
    ctx = {"publication": publication, "form": form}
    return render(request, "objectives/transparency/unpublish_form.html", ctx)


@login_required
@require_POST
def portal_switch(request: HttpRequest, plan_pk: int) -> HttpResponse:
    _reviewer(request)
    plan = get_object_or_404(Plan, pk=plan_pk)
    public = request.POST.get("public") == "1"
    services.plan_portal_set(user=request.user, plan=plan, public=public)
    if public:
        messages.success(request, _("El plan está publicado en el portal de transparencia."))
    else:
        messages.success(request, _("El plan ya no se muestra en el portal de transparencia."))
    return redirect(_desk_url(plan.pk))


@login_required
@require_POST
def evidence_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    _reviewer(request)
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk)
    public = request.POST.get("public") == "1"
    services.evidence_visibility_set(user=request.user, evidence=evidence, public=public)
    messages.success(
        request,
        (_("«%(name)s» es pública.") if public else _("«%(name)s» es privada."))
        % {"name": evidence.name},
    )
    plan_id = request.POST.get("plan", "")
    return redirect(_desk_url(int(plan_id) if plan_id.isdigit() else None, evidence.report.year))
