"""Reading the follow-up book (the layout in docs/book-format.md, spelled out in
``objectives.book.columns``) into plain data (``objectives.book.rows``).

``read_book`` never raises for bad input: every problem becomes a ``Problem`` that says sheet,
row and column in Spanish, and the caller decides (errors stop an import, warnings do not).
Magnitudes come back in the indicator's unit: percentage points for percentages (5 % → 5).
This module finds the sheets and reads the platform; ``sheet_reader`` reads each objective
sheet (``layout`` its header rows, ``row_reader`` its data rows) and ``checks`` compares rows
with each other.
"""

import re
from pathlib import Path
from typing import IO, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from objectives.book.checks import check_book
from objectives.book.columns import (
    PLATFORM,
    PLATFORM_SHEET,
    SHEET_EXAMPLES,
    normalize,
    sheet_number,
)
from objectives.book.guards import NOT_A_WORKBOOK, archive_refusal
from objectives.book.rows import ERROR, WARNING, Book, Problem
from objectives.book.sheet import Sheet
from objectives.book.sheet_reader import ObjectiveReader

NO_PLATFORM = format_lazy(
    _(
        "Falta la hoja «{sheet}» con la plataforma estratégica. Agregue una hoja llamada "
        "«{sheet}» con dos columnas, el nombre del campo en la A y su valor en la B, una fila "
        "por campo: {required} (obligatorios); {optional} (opcionales)."
    ),
    sheet=PLATFORM_SHEET,
    required=", ".join(f"«{f.label}»" for f in PLATFORM if f.required),
    optional=", ".join(f"«{f.label}»" for f in PLATFORM if not f.required),
)
NO_OBJECTIVES = _("El libro no tiene ninguna hoja «Objetivo N» (por ejemplo «Objetivo 1»).")
IGNORED = _(
    "Se ignoraron las hojas %(sheets)s: no son «%(platform)s» ni una hoja de objetivo "
    "(%(examples)s). Si alguna es un objetivo, cámbiele el nombre."
)
TWO_SHEETS = _(
    "Las hojas «%(first)s» y «%(second)s» son las dos del objetivo %(number)s: deje una sola o "
    "cambie el número de una de ellas."
)
MISSING = _("Falta «%(label)s»: escríbalo en la columna A y su valor en la columna B.")
NOT_A_YEAR = _("«%(label)s» debe ser un año de cuatro cifras, no «%(text)s».")
TOO_LONG = _("«%(label)s» pasa de 200 caracteres.")
YEARS_REVERSED = _("La vigencia inicial es posterior a la vigencia final.")
PLATFORM_KEYS = {normalize(f.label): f.key for f in PLATFORM}


def read_book(source: str | Path | IO[bytes]) -> Book:
    book = Book()
    refusal = archive_refusal(source)
    if refusal:
        book.problems.append(Problem(ERROR, refusal))
        return book
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a sound workbook
        book.problems.append(Problem(ERROR, NOT_A_WORKBOOK))
        return book
    try:
        _read_sheets(workbook, book)
    finally:
        workbook.close()
    check_book(book)
    return book


def _read_sheets(workbook: Workbook, book: Book) -> None:
    archive = workbook._archive  # the open .xlsx; merged ranges are read from it
    platform, objectives, ignored = _sheets(workbook.sheetnames, book)
    if platform is None:
        book.problems.append(Problem(ERROR, NO_PLATFORM))
    else:
        _read_platform(Sheet(workbook[platform], archive), book)
    if ignored:
        book.problems.append(
            Problem(
                WARNING,
                IGNORED
                % {
                    "sheets": ", ".join(f"«{name}»" for name in ignored),
                    "platform": PLATFORM_SHEET,
                    "examples": SHEET_EXAMPLES,
                },
            )
        )
    if not objectives:
        book.problems.append(Problem(ERROR, NO_OBJECTIVES))
    for number, name in sorted(objectives.items()):
        objective = ObjectiveReader(Sheet(workbook[name], archive), number, book).read()
        if objective is not None:
            book.objectives.append(objective)


def _sheets(names: list[str], book: Book) -> tuple[str | None, dict[int, str], list[str]]:
    """The platform sheet, the objective sheets by number and the sheets that are neither.
    Two sheets of one objective are an error: which one counts is not for PEP to guess."""
    platform, objectives, ignored = None, {}, []
    for name in names:
        number = sheet_number(name)
        if number is None and normalize(name).startswith(normalize(PLATFORM_SHEET)):
            platform = platform or name
        elif number is None:
            ignored.append(name)
        elif number in objectives:
            book.problems.append(
                Problem(
                    ERROR,
                    TWO_SHEETS % {"first": objectives[number], "second": name, "number": number},
                )
            )
        else:
            objectives[number] = name
    return platform, objectives, ignored


# --- Plataforma -------------------------------------------------------------------------------


def _read_platform(sheet: Sheet, book: Book) -> None:
    found: dict[str, tuple[int, Any]] = {}
    for row, cells in sheet.rows():
        values = [c.value for c in cells]
        if len(values) < 2 or values[0] is None:
            continue
        name = PLATFORM_KEYS.get(normalize(values[0]).rstrip(":"))
        if name and name not in found:
            found[name] = (row, values[1])
    for spec in PLATFORM:
        name, label = spec.key, spec.label
        row, value = found.get(name, (None, None))
        text = "" if value is None else str(value).strip()
        if not text:
            if spec.required:
                book.problems.append(
                    Problem(
                        ERROR,
                        MISSING % {"label": label},
                        sheet.title,
                        row,
                        "B" if row else "",
                    )
                )
            book.platform[name] = ""
            continue
        if name in ("first_year", "last_year"):
            year = _year(value)
            if year is None:
                book.problems.append(
                    Problem(
                        ERROR,
                        NOT_A_YEAR % {"label": label, "text": text},
                        sheet.title,
                        row,
                        "B",
                    )
                )
            book.platform[name] = year
        elif name in ("entity", "name") and len(text) > 200:
            book.problems.append(Problem(ERROR, TOO_LONG % {"label": label}, sheet.title, row, "B"))
        else:
            book.platform[name] = text
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    if first and last and first > last:
        book.problems.append(Problem(ERROR, str(YEARS_REVERSED), sheet.title))


def _year(value: Any) -> int | None:
    text = str(value).strip().removesuffix(".0")
    return int(text) if re.fullmatch(r"\d{4}", text) else None
