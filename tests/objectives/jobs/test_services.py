import pytest
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks import task

from objectives.choices import JobKind, JobStatus
from objectives.jobs.models import Job
from objectives.jobs.services import JobRefused, Outcome, job_run, job_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(make_user):
    return Job.objects.create(kind=JobKind.CIERRE, title="Cerrar", user=make_user("Administrador"))


def test_a_job_that_works_records_its_messages_next_page_and_file(job):
    def work(job):
        return Outcome(next="/?vigencia=2020", file=b"datos", filename="a.csv").success("Listo.")

    job_run(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.result, job.error) == (
        JobStatus.TERMINADO,
        {"messages": [[messages.SUCCESS, "Listo."]], "next": "/?vigencia=2020"},
        "",
    )
    assert (bytes(job.file), job.filename) == (b"datos", "a.csv")
    assert job.started_at <= job.finished_at


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            JobRefused(["Error: fila 6", "No se escribió nada."]),
            "Error: fila 6\nNo se escribió nada.",
        ),
        (ValidationError("La vigencia 2020 ya está cerrada."), "La vigencia 2020 ya está cerrada."),
        (PermissionDenied(), "No tiene permiso para hacer esto."),
    ],
)
def test_a_refused_job_shows_why_to_its_person(job, error, shown):
    def work(job):
        raise error

    job_run(job.pk, work)
    job.refresh_from_db()
    assert (job.status, job.error, job.result) == (JobStatus.FALLIDO, shown, {})


def test_an_unexpected_error_is_shown_plainly_and_raised_for_the_workers_log(job):
    def work(job):
        raise RuntimeError("disco lleno")

    with pytest.raises(RuntimeError):
        job_run(job.pk, work)
    job.refresh_from_db()
    assert job.status == JobStatus.FALLIDO
    assert job.error == (
        "El trabajo falló por un error interno y no escribió nada. Avise al administrador del "
        f"sistema (trabajo n.º {job.pk})."
    )


@task()
def shout(*, job_id: int, text: str) -> None:
    job_run(job_id, lambda job: Outcome().success(text.upper()))


def test_with_the_immediate_backend_a_job_is_done_when_started(make_user):
    job = job_start(
        user=make_user("Administrador"),
        kind=JobKind.CIERRE,
        title="Gritar",
        task=shout,
        text="hola",
    )
    assert (job.status, job.result["messages"]) == (JobStatus.TERMINADO, [[25, "HOLA"]])
    assert job.task_id


def test_with_the_database_backend_it_waits_for_a_worker(make_user, queued, run_queued):
    job = job_start(
        user=make_user("Administrador"),
        kind=JobKind.CIERRE,
        title="Gritar",
        task=shout,
        text="hola",
    )
    assert job.status == JobStatus.EN_COLA
    run_queued()
    job.refresh_from_db()
    assert (job.status, job.result["messages"]) == (JobStatus.TERMINADO, [[25, "HOLA"]])
