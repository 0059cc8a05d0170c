from django.http import HttpRequest

from indicators import roles
from objectives.accounts import password_reset_enabled

# The menu entry each page belongs to, so the menu marks where the person is (aria-current).
SECTIONS = {
    "dashboard": "dashboard",
    "objective": "dashboard",
    "plan": "plan",
    "indicators": "indicators",
    "indicator": "indicators",
    "history": "indicators",
    "report_edit": "indicators",
    "programming_edit": "indicators",
    "profile_edit": "indicators",
    "weight_edit": "indicators",
    "quality": "quality",
    "annualization_edit": "quality",
    "my_work": "my_work",
    "pending": "pending",
    "reprogrammings": "pending",
    "reprogramming": "pending",
    "reprogramming_new": "indicators",
    "import": "import",
    "import_confirm": "import",
    "calendar": "calendar",
    "calendar_publish": "calendar",
    "window_edit": "calendar",
    "reopening_new": "calendar",
    "actions": "actions",
    "action": "actions",
    "action_new": "actions",
}


def _section(match) -> str:
    if match is None:
        return ""
    if match.namespace == "transparency":
        return "transparency"
    return SECTIONS.get(match.url_name, "")


def permissions(request: HttpRequest) -> dict:
    """What the navigation may offer; every view checks again on the server."""
    user = request.user
    match = getattr(request, "resolver_match", None)
    return {
        "can_review": roles.can_review(user),
        "is_admin": roles.is_admin(user),
        "is_responsable": roles.RESPONSABLE in roles.roles(user),
        "password_reset": password_reset_enabled(),
        "section": _section(match),
    }
