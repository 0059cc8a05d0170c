"""The web import's write as a job: done in the request with the immediate backend (the
existing view tests), queued for the worker with the database backend, and a failure that
leaves nothing written and tells the administrator why."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from indicators.models import Goal, Indicator, Programming
from objectives.book import importer
from objectives.choices import JobStatus
from objectives.jobs.models import Job
from objectives.models import Objective, Plan

pytestmark = pytest.mark.django_db
UPLOAD = reverse("objectives:import")
CONFIRM = reverse("objectives:import_confirm")


@pytest.fixture
def administrator(client, make_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("Administrador"))
    return client


def upload(client, book):
    client.post(UPLOAD, {"book": SimpleUploadedFile(book.name, book.read_bytes())})


def confirm(client, book):
    upload(client, book)
    return client.post(CONFIRM)


def nothing_written():
    return [m.objects.count() for m in (Plan, Objective, Goal, Indicator, Programming)] == [0] * 5


def test_a_queued_import_shows_its_progress_page_then_its_result(
    administrator, seed_book, settings, run_queued
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = confirm(administrator, seed_book)
    job = Job.objects.get()
    assert response.url == reverse("objectives:job", args=[job.pk])
    waiting = administrator.get(response.url)
    html = waiting.content.decode()
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "En cola" in html and "esta página se actualiza sola" in html
    assert Plan.objects.count() == 0 and bytes(job.payload) == seed_book.read_bytes()
    run_queued()
    done = administrator.get(response.url).content.decode()
    assert 'http-equiv="refresh"' not in done
    assert "Libro «libro_seguimiento_2020.xlsx» importado. Plan: 1 creados" in done
    plan = Plan.objects.get()
    assert f'href="/?plan={plan.pk}"' in done
    job.refresh_from_db()
    assert (job.status, bytes(job.payload)) == (JobStatus.TERMINADO, b"")


def test_a_failed_import_rolls_back_and_says_why(administrator, seed_book, monkeypatch):
    def refuse(*args, **kwargs):
        raise DatabaseError("valor fuera de rango")

    upload(administrator, seed_book)  # the preview went well
    monkeypatch.setattr(importer, "_sync_figures", refuse)  # after plan, goals and indicators
    response = administrator.post(CONFIRM)
    assert response.url == UPLOAD
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Error: La base de datos rechazó un valor del libro (valor fuera de rango): no se "
        "escribió nada. Revise el valor que el mensaje nombra y vuelva a importar el libro.",
        "No se escribió nada.",
    ]
    assert nothing_written()
    job = Job.objects.get()
    assert job.status == JobStatus.FALLIDO
    page = administrator.get(reverse("objectives:job", args=[job.pk])).content.decode()
    assert "El trabajo no se completó:" in page
    assert "valor fuera de rango" in page


def test_an_unexpected_failure_rolls_back_too(administrator, seed_book, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("se cayó el disco")

    upload(administrator, seed_book)
    monkeypatch.setattr(importer, "_sync_figures", crash)
    response = administrator.post(CONFIRM)
    job = Job.objects.get()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "El trabajo falló por un error interno y no escribió nada. Avise al administrador del "
        f"sistema (trabajo n.º {job.pk})."
    ]
    assert nothing_written()
