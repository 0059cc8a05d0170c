"""Keys of cached pages. A key names the plan's ``revision``, which every write to the plan's
figures renews (``objectives.signals``): a write makes a new key, so no process, whatever cache
it uses, can serve a page older than the data."""

from django.utils.translation import get_language

from objectives.models import Plan

TIMEOUT = 60 * 60  # an hour; entries of old revisions are simply never asked for again


def page_key(page: str, plan: Plan, *parts: object) -> str:
    return ":".join(map(str, ("pep", page, plan.pk, plan.revision, get_language(), *parts)))
