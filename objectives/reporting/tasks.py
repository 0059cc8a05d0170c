"""The quarterly cycle's work for the worker: closing a vigencia, whose snapshot computes every
figure of the plan. The service does the work (its checks and its locks); the task runs it."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from objectives.jobs.models import Job
from objectives.jobs.services import Outcome, job_run, job_step
from objectives.models import Plan
from objectives.reporting import services


@task()
def close_vigencia(*, job_id: int, plan_id: int, year: int) -> None:
    job_run(job_id, lambda job: _close(job, plan_id, year))


def _close(job: Job, plan_id: int, year: int) -> Outcome:
    job_step(job, _("Calculando y congelando las cifras oficiales"))
    plan = Plan.objects.get(pk=plan_id)
    services.vigencia_close(user=job.user, plan=plan, year=year)
    outcome = Outcome(next=f"{reverse('objectives:dashboard')}?plan={plan.pk}&vigencia={year}")
    return outcome.success(
        _("Vigencia %(year)s cerrada: sus cifras son oficiales.") % {"year": year}
    )
