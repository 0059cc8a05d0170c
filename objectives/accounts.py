"""Signing in: who the client really is behind the proxy, how failed logins are throttled, and
whether a forgotten password can be reset (only when e-mail is configured).

Throttling (django-axes) locks a username *from one address* after AXES_FAILURE_LIMIT failures,
so someone elsewhere cannot lock a person out, and locks an address that fails
AXES_ADDRESS_FAILURE_LIMIT times across usernames (password spraying). Both need the real
client address: behind nginx every request comes from 127.0.0.1, and the address nginx saw is
the last one it appended to X-Forwarded-For. That header is believed only when the request
comes from a proxy listed in TRUSTED_PROXIES (docs/operations.md); anyone else could write it.
"""

import ipaddress
from collections.abc import Callable
from functools import wraps

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import Http404, HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Address) -> bool:
    return any(address in ipaddress.ip_network(proxy) for proxy in settings.TRUSTED_PROXIES)


def client_address(request: HttpRequest) -> str:
    """The address of the person making the request.

    The connection's own address, unless it is a trusted proxy: then the hops its
    X-Forwarded-For lists are read from the right (each proxy appends the address it saw),
    skipping trusted proxies, and the first one that is not a proxy is the client. Hops a
    client wrote itself sit to the left of that one and are never read."""
    client = _address(request.META.get("REMOTE_ADDR", ""))
    if client is None:
        return request.META.get("REMOTE_ADDR", "")
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    while _trusted(client) and hops:
        hop = _address(hops.pop())
        if hop is None:  # not an address: nothing further left can be believed
            break
        client = hop
    return str(client)


class LoginThrottle(AxesDatabaseHandler):
    """django-axes' lock on a username from one address, plus a lock on an address that
    fails too often whatever the usernames it tries (password spraying)."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The username's failures from this address; once the address passes its own limit
        it counts as the username's limit, so axes locks it (and answers) the same way."""
        failures = super().get_failures(request, credentials)
        if self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def address_failures(self, request) -> int:
        """Failed logins from the request's address in the last cool-off period."""
        attempts = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def password_reset_enabled() -> bool:
    """A forgotten password is reset by e-mail: only when an SMTP server is configured."""
    return bool(settings.EMAIL_HOST)


def needs_email(view: Callable) -> Callable:
    """The password-reset pages exist only when e-mail is configured: else 404, and the login
    page shows no link, rather than saying «sent» for a message that never leaves."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not password_reset_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
