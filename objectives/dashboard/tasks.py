"""The read pages' work for the worker: an export of more rows than EXPORT_SYNC_MAX_ROWS."""

from django.utils.translation import gettext as _
from django_tasks import task

from objectives.dashboard.listing import export_content, export_name
from objectives.jobs.models import Job
from objectives.jobs.services import Outcome, job_run, job_step
from objectives.models import Plan


@task()
def export_indicators(*, job_id: int, plan_id: int, year: int, query: str, fmt: str) -> None:
    job_run(job_id, lambda job: _export(job, plan_id, year, query, fmt))


def _export(job: Job, plan_id: int, year: int, query: str, fmt: str) -> Outcome:
    job_step(job, _("Calculando las cifras y escribiendo el archivo"))
    plan = Plan.objects.get(pk=plan_id)
    content = export_content(plan, year, query, fmt)
    outcome = Outcome(file=content, filename=export_name(year, fmt))
    return outcome.success(_("El archivo está listo."))
