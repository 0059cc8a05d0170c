"""Closing a vigencia as a job: queued for the worker, done in the request with the
immediate backend (test_view_vigencia_close), and a refusal shown to the administrator."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from objectives.choices import JobStatus
from objectives.jobs.models import Job
from objectives.models import Closure

pytestmark = pytest.mark.django_db


def close(client, plan, year=2020):
    return client.post(reverse("objectives:vigencia_close", args=[plan.pk, year]))


def test_a_queued_closing_is_frozen_by_the_worker(clients, seed_plan, settings, run_queued):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = close(clients["Administrador"], seed_plan)
    job = Job.objects.get()
    assert response.url == reverse("objectives:job", args=[job.pk])
    assert job.title == "Cerrar la vigencia 2020 de Plan Estratégico Institucional 2020-2024"
    assert not Closure.objects.exists()
    run_queued()
    closure = Closure.objects.get()
    assert closure.is_closed and closure.snapshot["plan_compliance"] == 59.71
    page = clients["Administrador"].get(response.url).content.decode()
    assert "Vigencia 2020 cerrada: sus cifras son oficiales." in page
    assert f'href="/?plan={seed_plan.pk}&amp;vigencia=2020"' in page


def test_closing_twice_fails_with_the_reason_and_changes_nothing(clients, seed_plan):
    close(clients["Administrador"], seed_plan)
    frozen = Closure.objects.get().closed_at
    response = close(clients["Administrador"], seed_plan)
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said[-1] == "La vigencia 2020 ya está cerrada."  # after the first closing's message
    assert response.url == f"/?plan={seed_plan.pk}&vigencia=2020"
    assert Job.objects.filter(status=JobStatus.FALLIDO).get().error == (
        "La vigencia 2020 ya está cerrada."
    )
    assert Closure.objects.get().closed_at == frozen
