"""The web import of a follow-up book, for administrators: upload → preview → confirm.

The preview is a dry run of the same importer the command uses. The uploaded file waits under
MEDIA_ROOT/importaciones with a random name (never under static, never linked) and the session
remembers which one; nothing is written to the plan until the administrator confirms.
"""

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from indicators.roles import User, is_admin
from objectives.book import Book, read_book
from objectives.forms_import import BookUploadForm, file_size
from objectives.services import ENTITIES, BookError, ImportResult, book_import

UPLOADS = "importaciones"
SESSION_KEY = "book_import"
MAX_AGE = 60 * 60  # seconds an uploaded book waits for its confirmation
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def _require_admin(user: User) -> None:
    if not is_admin(user):
        raise PermissionDenied(_("Solo un administrador puede importar libros."))


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOADS


def _purge_stale(folder: Path) -> None:
    """Books uploaded and never confirmed are deleted once they are older than MAX_AGE."""
    cutoff = time.time() - MAX_AGE
    for path in folder.glob("*.xlsx"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def _store(upload: UploadedFile) -> str:
    """Save the upload readable by this process only; return the token that names it."""
    folder = _folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    _purge_stale(folder)
    token = secrets.token_urlsafe(24)
    descriptor = os.open(folder / f"{token}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _stored(token: object) -> Path | None:
    """The waiting book named by ``token``, or None when it is unknown or stale."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    path = _folder() / f"{token}.xlsx"
    try:
        stale = path.stat().st_mtime < time.time() - MAX_AGE
    except FileNotFoundError:
        return None
    if stale:
        path.unlink(missing_ok=True)
        return None
    return path


def _discard(pending: dict | None) -> None:
    """Forget a book that waited for a confirmation that will never come."""
    if path := _stored((pending or {}).get("token")):
        path.unlink(missing_ok=True)


SHOWN = 500  # rows of each list of changes the preview shows


def _import(book: Book, *, dry_run: bool, user) -> tuple[ImportResult | None, list[str]]:
    """What importing ``book`` does (or would do), or the errors that stop it."""
    errors = [str(problem) for problem in book.errors]
    if errors:
        return None, errors
    try:
        return book_import(book=book, dry_run=dry_run, user=user), []
    except ValidationError as error:
        return None, [_("Error: %(message)s") % {"message": m} for m in error.messages]
    except BookError as error:
        return None, [_("Error: %(message)s") % {"message": error}]


def _summary(result: ImportResult) -> str:
    return "; ".join(
        _("%(entity)s: %(created)s creados, %(updated)s actualizados, %(unchanged)s sin cambios")
        % {"entity": label, **vars(result.tallies[key])}
        for key, label in ENTITIES
    )


def _upload_page(request: HttpRequest, form: BookUploadForm) -> HttpResponse:
    ctx = {"form": form, "limit": file_size(settings.BOOK_MAX_BYTES)}
    return render(request, "objectives/import_upload.html", ctx)


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
    result, errors = _import(book, dry_run=True, user=request.user)
    _discard(request.session.pop(SESSION_KEY, None))
    if result is not None and result.changed:
        request.session[SESSION_KEY] = {"token": _store(upload), "filename": upload.name}
    changes = result.changes if result else []
    updates = [change for change in changes if not change.created]
    creations = [change for change in changes if change.created]
    ctx = {
        "filename": upload.name,
        "errors": errors,
        "warnings": [str(problem) for problem in book.warnings],
        "result": result,
        "counts": [(label, result.tallies[key]) for key, label in ENTITIES] if result else [],
        # A large book creates a hundred thousand rows: the page lists the first ones, the
        # table of counts above them has them all.
        "updates": updates[:SHOWN],
        "updates_count": len(updates),
        "creations": creations[:SHOWN],
        "creations_count": len(creations),
        "can_confirm": SESSION_KEY in request.session,
    }
    return render(request, "objectives/import_preview.html", ctx)


@login_required
@require_POST
def book_confirm(request: HttpRequest) -> HttpResponse:
    _require_admin(request.user)
    pending = request.session.pop(SESSION_KEY, None) or {}
    path = _stored(pending.get("token"))
    if path is None:
        messages.error(request, _("La carga ya no está disponible: vuelva a cargar el libro."))
        return redirect("objectives:import")
    try:
        result, errors = _import(read_book(path), dry_run=False, user=request.user)
    finally:
        path.unlink(missing_ok=True)
    if result is None:
        for error in [*errors, _("No se escribió nada.")]:
            messages.error(request, error)
        return redirect("objectives:import")
    messages.success(
        request,
        _("Libro «%(name)s» importado. %(summary)s.")
        % {"name": pending.get("filename", ""), "summary": _summary(result)},
    )
    for line in result.protected:
        messages.warning(request, line)
    return redirect(f"{reverse('objectives:dashboard')}?plan={result.plan_id}")
