"""Hostile books (issue 12: 13 of 218 fuzzed books crashed the importer, a 20 MB title and
vigencias 1000–9999 reached the pages). For every mutated book of ``hostile.books``: the
reader answers with problems and no traceback; the import is clean or refused with nothing
written; the web upload answers its preview page, never a 500; and each book stays within a
generous bound of CPU time and memory, checked on the process (a bound, not a benchmark:
docs/performance.md has the timings)."""

import resource
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from objectives.book.importer import BookError, book_import
from objectives.book.reader import read_book
from objectives.models import Plan
from tests.books import counts
from tests.objectives.book.hostile import books

pytestmark = pytest.mark.django_db
CPU_SECONDS = 20  # per book: a sound book of this size takes a small fraction of a second
MEMORY_MB = 512  # growth of the process's peak resident memory over the whole run


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import(path) -> tuple[str, list[str]]:
    """("imported" | "refused", what went wrong), with the no-partial-write check."""
    before = counts()
    book = read_book(path)
    if book.errors:
        assert all(str(problem) for problem in book.errors)
        return "refused", [str(problem) for problem in book.errors]
    try:
        book_import(book=book)
    except BookError as refusal:
        assert counts() == before, "a refused book wrote something"
        return "refused", [str(refusal)]
    return "imported", []


def test_every_hostile_book_is_refused_cleanly_or_imported_within_bounds(
    tmp_path, make_user, client, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(make_user("Administrador"))
    peak = _peak_mb()
    outcomes, slow = {}, []
    for number, (name, content) in enumerate(books(tmp_path)):
        path = tmp_path / f"libro-{number}.xlsx"
        path.write_bytes(content)
        started = time.process_time()
        outcomes[name] = _import(path)
        response = client.post(
            reverse("objectives:import"), {"book": SimpleUploadedFile("libro.xlsx", content)}
        )
        assert response.status_code == 200, name
        if time.process_time() - started > CPU_SECONDS:
            slow.append(name)
    assert slow == []
    assert _peak_mb() - peak < MEMORY_MB
    refused = {name for name, (outcome, _) in outcomes.items() if outcome == "refused"}
    assert len(outcomes) > 90 and len(refused) > 60  # most mutations break the book
    assert not Plan.objects.exclude(first_year__gte=2000, last_year__lte=2100).exists()


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        ("1e309 programado", "La celda no tiene un número finito. Escriba un valor entre 0 y"),
        ("400 nueves", "está fuera del rango permitido. Escriba un valor entre 0 y 100.000.000"),
        ("nan", "La hoja no se puede leer: el archivo está dañado desde esta fila"),
        ("inf", "La hoja no se puede leer"),
        ("fila con número absurdo", "La hoja pasa de 20.000 filas: borre las filas vacías"),
        ("texto en celda numérica", "La hoja no se puede leer: el archivo está dañado desde"),
        ("cadena compartida sin tabla", "La hoja no se puede leer"),
        ("índice de cadena fuera de la tabla", "La hoja no se puede leer"),
        ("hoja cortada a la mitad", "La hoja no se puede leer"),
        ("título de 3 MB", "El texto tiene 3.000.000 caracteres y el máximo es 2.000"),
        ("nombre de 100.000", "El texto tiene 100.000 caracteres y el máximo es 2.000"),
        ("entidad de 1 MB", "«Entidad»: El texto tiene 1.000.000 caracteres y el máximo es 200"),
        ("vigencias 1000–9999", "El plan va de 1000 a 9999. Las vigencias van de 2000 a 2100"),
        ("plan de 71 vigencias", "El plan abarca 71 vigencias. Las vigencias van de 2000 a 2100"),
        ("columna Programación 1000", "La columna «Programación 1000» no es una vigencia posible"),
        ("columna Cuenta desde", "«5» no es una vigencia: escriba el año con cuatro cifras"),
        ("Cuenta hasta 1e309", "«inf» no es una vigencia: escriba el año con cuatro cifras"),
        ("Cuenta hasta 32768", "2030 no es una vigencia del plan (2020–2024)"),
        ("sin hoja de objetivo", ""),
        ("entidades en cadena", ""),
    ],
)
def test_each_kind_of_damage_is_an_error_that_says_what_and_where(tmp_path, mutation, message):
    content = dict(books(tmp_path, combinations=0))[mutation]
    path = tmp_path / "libro.xlsx"
    path.write_bytes(content)
    errors = [str(problem) for problem in read_book(path).errors]
    assert errors and any(message in error for error in errors), errors
    if "hoja no se puede leer" in message:
        assert any("hoja «Objetivo 1», fila" in error for error in errors), errors
