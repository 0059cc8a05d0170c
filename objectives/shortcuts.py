"""What every page of the strategy layer shares, in the manner of ``django.shortcuts``."""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from objectives.models import Plan


def plan_or_404(request: HttpRequest) -> Plan:
    """The plan of ``?plan=ID``, else the most recent one; 404 when no plan is loaded."""
    plan = Plan.objects.chosen(request.GET.get("plan"))
    if plan is None:
        raise Http404(_("No hay ningún plan cargado."))
    return plan
