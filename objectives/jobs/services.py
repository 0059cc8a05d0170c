"""Starting a job and running one: what every task of the worker shares.

``job_start`` records the job and hands it to the tasks backend (the immediate backend runs it
on the spot; the database backend queues it for ``make worker``). ``job_run`` is the body of
every task: it marks the job running, runs the work, and records what the person will read —
the result, or the error. The work itself is a service, atomic: a failure writes nothing.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks.base import Task

from objectives.choices import JobKind, JobStatus
from objectives.jobs.models import Job

logger = logging.getLogger(__name__)
INTERNAL_ERROR = gettext_lazy(
    "El trabajo falló por un error interno y no escribió nada. Avise al administrador del "
    "sistema (trabajo n.º %(id)s)."
)
NOT_ALLOWED = gettext_lazy("No tiene permiso para hacer esto.")


class JobRefused(Exception):
    """The work refused its input with messages for the person (nothing was written)."""

    def __init__(self, lines: list[str]):
        super().__init__("; ".join(lines))
        self.lines = lines


@dataclass
class Outcome:
    """What a finished job shows: messages (level, text), where to go next, a file."""

    messages: list[tuple[int, str]] = field(default_factory=list)
    next: str = ""
    file: bytes = b""
    filename: str = ""

    def success(self, text: str) -> "Outcome":
        self.messages.append((messages.SUCCESS, text))
        return self

    def warning(self, text: str) -> "Outcome":
        self.messages.append((messages.WARNING, text))
        return self


def job_start(
    *, user, kind: JobKind, title: str, task: Task, payload: bytes = b"", **arguments
) -> Job:
    """Record the job and enqueue ``task(job_id=…, **arguments)``; the job as it stands after
    (finished already when the backend is the immediate one)."""
    job = Job.objects.create(kind=kind, title=title[:300], user=user, payload=payload)
    result = task.enqueue(job_id=job.pk, **arguments)
    Job.objects.filter(pk=job.pk).update(task_id=result.id)
    job.refresh_from_db()
    return job


def job_step(job: Job, text: str) -> None:
    """Say what the job is doing now (the job page shows it)."""
    Job.objects.filter(pk=job.pk).update(step=text[:200])


def job_run(job_id: int, work: Callable[[Job], Outcome]) -> None:
    """Run ``work`` for the job and record its outcome or its error. An unexpected error is
    recorded for the person and raised again, so the worker logs its traceback."""
    job = Job.objects.select_related("user").get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.EN_CURSO, started_at=timezone.now())
    try:
        outcome = work(job)
    except JobRefused as refusal:
        _finish(job_id, JobStatus.FALLIDO, error="\n".join(map(str, refusal.lines)))
    except ValidationError as error:
        _finish(job_id, JobStatus.FALLIDO, error="\n".join(error.messages))
    except PermissionDenied:
        _finish(job_id, JobStatus.FALLIDO, error=str(NOT_ALLOWED))
    except Exception:
        logger.exception("Job %s failed", job_id)
        _finish(job_id, JobStatus.FALLIDO, error=str(INTERNAL_ERROR % {"id": job_id}))
        raise
    else:
        result = {"messages": [[level, str(text)] for level, text in outcome.messages]}
        _finish(
            job_id,
            JobStatus.TERMINADO,
            result=result | {"next": outcome.next},
            file=outcome.file,
            filename=outcome.filename,
        )


def _finish(job_id: int, status: JobStatus, **values) -> None:
    Job.objects.filter(pk=job_id).update(
        status=status, finished_at=timezone.now(), step="", payload=b"", **values
    )
