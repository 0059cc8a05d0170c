from django.http import HttpRequest

from indicators import roles
from objectives.accounts import password_reset_enabled


def permissions(request: HttpRequest) -> dict:
    """What the navigation may offer; every view checks again on the server."""
    user = request.user
    return {
        "can_review": roles.can_review(user),
        "is_admin": roles.is_admin(user),
        "is_responsable": roles.RESPONSABLE in roles.roles(user),
        "password_reset": password_reset_enabled(),
    }
