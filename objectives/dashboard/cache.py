"""Keys of cached pages. A key names the plan's ``revision``, which every write to the plan's
figures renews (``objectives.signals``): a write makes a new key, so no process, whatever cache
it uses, can serve a page older than the data."""

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from objectives.figures import vigencia
from objectives.models import Plan

TIMEOUT = 60 * 60  # an hour; entries of old revisions are simply never asked for again


def page_key(page: str, plan: Plan, *parts: object) -> str:
    return ":".join(map(str, ("pep", page, plan.pk, plan.revision, get_language(), *parts)))


@dataclass(frozen=True)
class Content:
    """A page's content as HTML, the same for every user who may read it, with its title.
    Its charts' scripts carry no CSP nonce: ``html_for`` adds the request's."""

    title: str
    html: str

    def html_for(self, request: HttpRequest) -> str:
        return mark_safe(self.html.replace("<script>", f'<script nonce="{request.csp_nonce}">'))


WAIT_SECONDS = 5.0  # how long a request waits for another one building the same entry


def get_or_build(key: str, build: Callable[[], Any]) -> Any:
    """The cached value, else build it once: a request that finds another one building the
    same key (right after a write, every process misses it at once) waits for that value
    instead of computing it too, so two cores do not compute one page eight times."""
    value = cache.get(key)
    if value is not None:
        return value
    lock = f"{key}:building"
    if not cache.add(lock, 1, 30):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.005)
            value = cache.get(key)
            if value is not None:
                return value
    try:
        value = build()
        cache.set(key, value, TIMEOUT)
    finally:
        cache.delete(lock)
    return value


def cached_content(
    request: HttpRequest, page: str, plan: Plan, build: Callable[[], Content]
) -> Content:
    """The page's content for this query string under the plan's revision: built once per
    revision (and language), then served from the cache by every process that shares it."""
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    return get_or_build(page_key(page, plan, query), build)


def page_vigencia(plan: Plan, raw: str | None) -> int:
    """``figures.vigencia``, the latest vigencia with execution (a scan of the plan's reports)
    cached under the plan's revision."""
    return plan.year_asked(raw) or cache.get_or_set(
        page_key("vigencia", plan), lambda: vigencia(plan, None), TIMEOUT
    )
