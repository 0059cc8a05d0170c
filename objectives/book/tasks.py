"""The book's work for the worker: the web import's write. The preview stays in the request
(a dry run under the upload limit); the confirmed write runs here, in one transaction."""

from io import BytesIO

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from objectives.book.outcome import import_or_errors, summary
from objectives.book.reader import read_book
from objectives.jobs.models import Job
from objectives.jobs.services import JobRefused, Outcome, job_run, job_step


@task()
def import_book(*, job_id: int, filename: str) -> None:
    job_run(job_id, lambda job: _import(job, filename))


def _import(job: Job, filename: str) -> Outcome:
    job_step(job, _("Paso 1 de 2: leyendo el libro"))
    book = read_book(BytesIO(bytes(job.payload)), name=filename)
    job_step(job, _("Paso 2 de 2: escribiendo en la base de datos"))
    result, errors = import_or_errors(book, dry_run=False, user=job.user)
    if result is None:
        raise JobRefused([*errors, _("No se escribió nada.")])
    outcome = Outcome(next=f"{reverse('objectives:dashboard')}?plan={result.plan_id}")
    outcome.success(
        _("Libro «%(name)s» importado. %(summary)s.")
        % {"name": filename, "summary": summary(result)}
    )
    for line in result.protected:
        outcome.warning(line)
    return outcome
