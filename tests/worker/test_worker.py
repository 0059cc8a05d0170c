"""End to end, with real processes: `send_reminders` claims and queues, worker processes send
through a real SMTP server; a web import confirmed by an administrator is written by a worker
and its figures show on the dashboard."""

import email
import re
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from objectives.calendar.models import Dependency, Reminder
from objectives.calendar.services import calendar_publish
from objectives.choices import JobStatus
from objectives.jobs.models import Job
from objectives.models import Plan
from tests.worker.conftest import wait_for

CORP = "Subsecretaría Corporativa"


@pytest.fixture
def calendar(seed_plan, make_user):
    people = {
        "planeacion": make_user("Planeación", username="planeacion"),
        "responsable": make_user("Responsable", dependencies=[CORP], username="responsable"),
    }
    for name, user in people.items():
        user.email = f"{name}@entidad.gov.co"
        user.save()
    calendar_publish(user=people["planeacion"], plan=seed_plan, year=2024)
    Dependency.objects.create(name=CORP, head_name="Jefa", head_email="jefa@entidad.gov.co")
    return people


def send_reminders(env, day: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", "--date", day],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_reminder_runs_and_two_workers_deliver_each_message_once(calendar, workers, smtp):
    start = workers
    start(2)
    # 20 January 2025, a Monday: the responsable's 2nd overdue day, the head's escalation
    # day and Planeación's weekly summary. Two cron machines run the same day at once.
    runs = [send_reminders(start.env, "2025-01-20") for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    sent = [int(re.search(r": (\d+) mensajes? enviados?\.", o).group(1)) for o in outputs]
    assert sum(sent) == 3, outputs  # whichever run claimed first sends; the other, nothing
    wait_for(lambda: len(smtp["inbox"]()) >= 3, "three messages in the SMTP server")
    wait_for(
        lambda: Reminder.objects.filter(sent_at__isnull=True).count() == 0,
        "the workers to mark every reminder sent",
    )
    messages = [email.message_from_bytes(m.as_bytes()) for m in smtp["inbox"]()]
    by_recipient = {m["To"]: m for m in messages}
    assert sorted(by_recipient) == [
        "jefa@entidad.gov.co",
        "planeacion@entidad.gov.co",
        "responsable@entidad.gov.co",
    ]
    assert len(messages) == 3  # two runs, two workers: nobody got anything twice
    subject = by_recipient["responsable@entidad.gov.co"]["Subject"]
    assert "vencido" in str(email.header.make_header(email.header.decode_header(subject)))
    parts = [p.get_content_type() for p in by_recipient["jefa@entidad.gov.co"].walk()]
    assert parts == ["multipart/alternative", "text/plain", "text/html"]
    assert Reminder.objects.count() == 3 + 3 + 1  # 3 items, 3 escalated items, 1 summary


def test_a_web_import_confirmed_is_written_by_the_worker_and_shows_on_the_dashboard(
    workers, client, make_user, seed_book
):
    workers(1)
    client.force_login(make_user("Administrador"))
    preview = client.post(
        reverse("objectives:import"),
        {"book": SimpleUploadedFile(seed_book.name, seed_book.read_bytes())},
    )
    assert 'id="confirmar"' in preview.content.decode()
    response = client.post(reverse("objectives:import_confirm"))
    job = Job.objects.get()
    assert response.url == reverse("objectives:job", args=[job.pk])

    def finished():
        job.refresh_from_db()
        return job.finished

    wait_for(finished, "the worker to import the book")
    assert (job.status, job.error) == (JobStatus.TERMINADO, "")
    page = client.get(response.url).content.decode()
    assert "Libro «libro_seguimiento_2020.xlsx» importado." in page
    plan = Plan.objects.get()
    dashboard = client.get(f"/?plan={plan.pk}&vigencia=2020").content.decode()
    assert 'id="cumplimiento-plan">59,71 %</p>' in dashboard
    objective_1 = dashboard.split('id="objetivo-1"')[1].split("</div>")[0:3]
    assert '<p class="figure-big mb-1">49,02 %</p>' in "".join(objective_1)
