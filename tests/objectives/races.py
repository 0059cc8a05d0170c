"""What the concurrency tests share: run writes at the same instant in threads, each on its own
database connection, and tell a clean outcome (done, or refused with a message) from a crash.

A crash is anything a view would turn into a 500: an IntegrityError, a deadlock, a lock
timeout, a traceback. A refusal is what the services raise on purpose."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections

from objectives.book.importer import BookError
from objectives.reporting.services import Conflict

REFUSALS = (Conflict, ValidationError, PermissionDenied, BookError)


@dataclass(frozen=True)
class Outcome:
    done: bool
    value: Any = None
    refusal: Exception | None = None
    crash: BaseException | None = None


def together(*writes: Callable[[], Any]) -> list[Outcome]:
    """Run every write at once (a barrier releases them together); their outcomes in order."""
    barrier = threading.Barrier(len(writes))
    outcomes: list[Outcome | None] = [None] * len(writes)

    def run(index: int, write: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[index] = Outcome(True, value=write())
        except REFUSALS as refusal:
            outcomes[index] = Outcome(False, refusal=refusal)
        except BaseException as crash:  # what a view would answer with a 500
            outcomes[index] = Outcome(False, crash=crash)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(writes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return [o or Outcome(False, crash=TimeoutError("the write never finished")) for o in outcomes]


def crashes(outcomes: list[Outcome]) -> list[str]:
    return [repr(o.crash) for o in outcomes if o.crash is not None]
