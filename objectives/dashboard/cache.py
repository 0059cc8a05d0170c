"""Keys of cached pages. A key names the plan's ``revision``, which every write to the plan's
figures renews (``objectives.signals``): a write makes a new key, so no process, whatever cache
it uses, can serve a page older than the data."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

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


def cached_content(
    request: HttpRequest, page: str, plan: Plan, build: Callable[[], Content]
) -> Content:
    """The page's content for this query string under the plan's revision: built once per
    revision (and language), then served from the cache by every process that shares it."""
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    return cache.get_or_set(page_key(page, plan, query), build, TIMEOUT)


def page_vigencia(plan: Plan, raw: str | None) -> int:
    """``figures.vigencia``, the latest vigencia with execution (a scan of the plan's reports)
    cached under the plan's revision."""
    return plan.year_asked(raw) or cache.get_or_set(
        page_key("vigencia", plan), lambda: vigencia(plan, None), TIMEOUT
    )
