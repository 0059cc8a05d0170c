"""Who sees what through the API: one rule, written once."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from indicators import roles
from objectives.models import Plan


def visible_plans(user) -> QuerySet[Plan]:
    """Every plan for a person with a role; the plans on the portal for everyone else."""
    return Plan.objects.all() if roles.roles(user) else Plan.objects.filter(public=True)


class HasRole(BasePermission):
    message = _(
        "Las cifras en vivo son para personas con un rol en PEP: ingrese con su sesión o envíe "
        "su token personal (Authorization: Token …)."
    )

    def has_permission(self, request, view) -> bool:
        return bool(roles.roles(request.user))
