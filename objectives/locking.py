"""The one lock discipline for every write that changes a plan's official figures.

A report's transition, saving a report, closing or reopening a vigencia, an import, an edit of
programming or of a weight (and any later write of the same kind, such as publishing a corte)
starts its transaction by locking the rows of the plans it touches, **plans first, in
ascending id**, and only then reads and writes its own rows. Two such writes on one plan
therefore run one after the other, each seeing what the other committed: a closing computes
its snapshot after the lock, so no approval can slip in between. An import also takes the
import lock first, so two imports never interleave (nor create the same code-less meta twice).

On PostgreSQL these are row locks (``SELECT … FOR UPDATE``) and an advisory lock. SQLite has
no row locks: there the database setting makes every transaction take the write lock when it
begins (``transaction_mode`` IMMEDIATE, pep/settings.py), which serialises all writes. Every
function here must run inside ``transaction.atomic()``; docs/operations.md explains the rule.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from indicators.models import Indicator
from objectives.models import Plan

# The advisory lock's key: a number no other advisory lock of the database uses.
IMPORT_LOCK = 742_020


def lock_plans(plan_ids: Iterable[int]) -> list[int]:
    """Lock the plans' rows, in ascending id, until the transaction ends; their ids."""
    ids = sorted(set(plan_ids))
    _require_transaction()
    if ids:
        list(Plan.objects.select_for_update().filter(pk__in=ids).order_by("pk").values("pk"))
    return ids


def lock_plans_fed_by(indicator: Indicator | int) -> list[int]:
    """Lock every plan the indicator feeds. An import may link the indicator to another plan
    while this waits: the plans are read again once locked, until no new one appears."""
    locked: set[int] = set()
    while True:
        feeding = set(Plan.objects.fed_by(indicator).values_list("pk", flat=True))
        if feeding <= locked:
            return sorted(locked)
        lock_plans(feeding - locked)
        locked |= feeding


def lock_all_plans() -> list[int]:
    """What an import locks: it may touch any plan its indicators feed, and imports are rare."""
    return lock_plans(Plan.objects.values_list("pk", flat=True))


def lock_imports() -> None:
    """Serialise imports: one waits for the other to commit before it reads anything."""
    _require_transaction()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError(
            "The plan locks are taken inside transaction.atomic(): they last until it ends."
        )
