"""Books uploaded through the web import, waiting for their confirmation.

The file waits under MEDIA_ROOT/importaciones with a random name (never under static, never
linked), readable by this process only; the session remembers the token that names it. A book
never confirmed is deleted once it is older than MAX_AGE.
"""

import contextlib
import os
import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

UPLOADS = "importaciones"
MAX_AGE = 60 * 60  # seconds an uploaded book waits for its confirmation
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def folder() -> Path:
    return Path(settings.MEDIA_ROOT) / UPLOADS


def purge_stale(where: Path) -> None:
    """Books uploaded and never confirmed are deleted once they are older than MAX_AGE."""
    cutoff = time.time() - MAX_AGE
    for path in where.glob("*.xlsx"):
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_mtime < cutoff:
                path.unlink()


def store(upload: UploadedFile) -> str:
    """Save the upload readable by this process only; return the token that names it."""
    where = folder()
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    purge_stale(where)
    token = secrets.token_urlsafe(24)
    descriptor = os.open(where / f"{token}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def stored(token: object) -> Path | None:
    """The waiting book named by ``token``, or None when it is unknown or stale."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    path = folder() / f"{token}.xlsx"
    try:
        stale = path.stat().st_mtime < time.time() - MAX_AGE
    except FileNotFoundError:
        return None
    if stale:
        path.unlink(missing_ok=True)
        return None
    return path


def discard(pending: dict | None) -> None:
    """Forget a book that waited for a confirmation that will never come."""
    if path := stored((pending or {}).get("token")):
        path.unlink(missing_ok=True)
