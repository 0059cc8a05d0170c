"""How a page that started a job answers (the one place, for every room that starts jobs)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from objectives.jobs.models import Job


def job_response(request: HttpRequest, job: Job, *, failed: str) -> HttpResponse:
    """A job already finished (the immediate backend: development and tests) answers as if it
    had run in the request: its messages, then its next page (or ``failed``, with the error).
    A queued one sends the person to the job's page, which follows it to the end."""
    if not job.finished:
        return redirect("objectives:job", job.pk)
    if job.failed:
        for line in job.error.splitlines():
            messages.error(request, line)
        return redirect(failed)
    for level, text in job.result.get("messages", []):
        messages.add_message(request, level, text)
    if job.result.get("next"):
        return redirect(job.result["next"])
    return redirect("objectives:job", job.pk)
