"""What an import of a book does, or would do, in the words the web import shows: shared by
the preview (a dry run in the request) and the confirmation (a job of the worker)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from objectives.book.changes import ENTITIES, ImportResult
from objectives.book.importer import BookError, book_import
from objectives.book.rows import Book


def import_or_errors(book: Book, *, dry_run: bool, user) -> tuple[ImportResult | None, list[str]]:
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


def summary(result: ImportResult) -> str:
    return "; ".join(
        _("%(entity)s: %(created)s creados, %(updated)s actualizados, %(unchanged)s sin cambios")
        % {"entity": label, **vars(result.tallies[key])}
        for key, label in ENTITIES
    )
