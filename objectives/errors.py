"""The page of a form Django refused for its CSRF token (expired session, cookies off). The
400, 403, 404 and 500 pages are Django's own handlers with PEP's templates
(``templates/400.html`` …), which show the navigation and the reason."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Said in Spanish, with the navigation: reload the form and send it again."""
    return render(request, "403_csrf.html", status=403)
