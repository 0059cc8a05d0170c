"""The pages of background jobs: one job (its step while it runs, then its result, its error
or its file) and the person's recent jobs. Only the person who asked, or an administrator,
sees a job."""

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from indicators import roles
from objectives.jobs.models import Job

RECENT = 20
REFRESH_SECONDS = 2


def _job_for(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.defer("payload", "file"), pk=pk)
    if job.user_id != request.user.pk and not roles.is_admin(request.user):
        raise Http404
    return job


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    ctx = {
        "job": job,
        "refresh": None if job.finished else REFRESH_SECONDS,
        "lines": [
            ("warning" if level == messages.WARNING else "success", text)
            for level, text in job.result.get("messages", [])
        ],
        "has_file": bool(job.filename) and job.finished and not job.failed,
    }
    return render(request, "objectives/job_detail.html", ctx)


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = Job.objects.defer("payload", "file").filter(user=request.user)[:RECENT]
    return render(request, "objectives/job_list.html", {"jobs": jobs})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _job_for(request, pk)
    content = Job.objects.filter(pk=job.pk).values_list("file", flat=True).get()
    if not content:
        raise Http404
    return FileResponse(BytesIO(bytes(content)), as_attachment=True, filename=job.filename)
