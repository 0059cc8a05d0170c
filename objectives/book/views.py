"""The web import of a follow-up book, for administrators: upload → preview → confirm.

The preview is a dry run of the same importer the command uses; the uploaded book waits
(``objectives.book.uploads``) and the session remembers which one, so nothing is written to
the plan until the administrator confirms. The confirmed write is a job for the worker
(``objectives.book.tasks``): the page follows it and shows its result or its error.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.formatting import file_size
from indicators.roles import User, is_admin
from objectives.book import tasks, uploads
from objectives.book.changes import ENTITIES, ImportResult
from objectives.book.checks import book_compliance
from objectives.book.forms import BookUploadForm
from objectives.book.outcome import import_or_errors
from objectives.book.reader import read_book
from objectives.book.rows import Book
from objectives.choices import JobKind
from objectives.jobs.responses import job_response
from objectives.jobs.services import job_start

SESSION_KEY = "book_import"
SHOWN = 500  # rows of each list of changes the preview shows


def _require_admin(user: User) -> None:
    if not is_admin(user):
        raise PermissionDenied(_("Solo un administrador puede importar libros."))


def _upload_page(request: HttpRequest, form: BookUploadForm) -> HttpResponse:
    ctx = {"form": form, "limit": file_size(settings.BOOK_MAX_BYTES)}
    return render(request, "objectives/import_upload.html", ctx)


def _preview(book: Book, result: ImportResult | None, errors: list[str]) -> dict:
    """What the preview shows. A large book creates a hundred thousand rows: the page lists
    the first SHOWN of each kind, the table of counts above them has them all."""
    changes = result.changes if result else []
    updates = [change for change in changes if not change.created]
    creations = [change for change in changes if change.created]
    return {
        "errors": errors,
        "warnings": [str(problem) for problem in book.warnings],
        "result": result,
        "counts": [(label, result.tallies[key]) for key, label in ENTITIES] if result else [],
        "updates": updates[:SHOWN],
        "updates_count": len(updates),
        "creations": creations[:SHOWN],
        "creations_count": len(creations),
        "published": _published(book),
    }


def _published(book: Book) -> list[dict]:
    """The book's own objective figures («Avance vigencia») beside the computed ones."""
    return [
        {
            "number": objective.number,
            "year": year,
            "magnitude": figure.magnitude,
            "published": figure.compliance,
            "computed": book_compliance(objective, year),
        }
        for objective in book.objectives
        for year, figure in sorted(objective.published.items())
    ]


@login_required
def book_upload(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    if request.method != "POST":
        return _upload_page(request, BookUploadForm())
    form = BookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _upload_page(request, form)
    upload = form.cleaned_data["book"]
    book = read_book(upload)
    result, errors = import_or_errors(book, dry_run=True, user=request.user)
    uploads.discard(request.session.pop(SESSION_KEY, None))
    if result is not None and result.changed:
        request.session[SESSION_KEY] = {"token": uploads.store(upload), "filename": upload.name}
    ctx = _preview(book, result, errors)
    ctx |= {"filename": upload.name, "can_confirm": SESSION_KEY in request.session}
    return render(request, "objectives/import_preview.html", ctx)


@login_required
@require_POST
def book_confirm(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    pending = request.session.pop(SESSION_KEY, None) or {}
    path = uploads.stored(pending.get("token"))
    if path is None:
        messages.error(request, _("La carga ya no está disponible: vuelva a cargar el libro."))
        return redirect("objectives:import")
    try:
        job = job_start(
            user=request.user,
            kind=JobKind.IMPORTACION,
            title=_("Importar el libro «%(name)s»") % {"name": pending.get("filename", "")},
            task=tasks.import_book,
            payload=path.read_bytes(),
            filename=pending.get("filename", ""),
        )
    finally:
        path.unlink(missing_ok=True)
    return job_response(request, job, failed=reverse("objectives:import"))
