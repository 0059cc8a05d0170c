"""Reading the follow-up book (the layout in docs/book-format.md, spelled out in
``objectives.book.columns``) into plain data (``objectives.book.rows``).

``read_book`` never raises for bad input: every problem becomes a ``Problem`` that says sheet,
row and column in Spanish, and the caller decides (errors stop an import, warnings do not).
Magnitudes come back in the indicator's unit: percentage points for percentages (5 % → 5).
This module finds the sheets and reads the platform; ``sheet_reader`` reads each objective
sheet (``layout`` its header rows, ``row_reader`` its data rows) and ``checks`` compares rows
with each other.
"""

import logging
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators import limits
from indicators.formatting import too_long
from objectives.book.checks import check_book
from objectives.book.columns import (
    PLATFORM,
    PLATFORM_SHEET,
    SHEET_EXAMPLES,
    normalize,
    sheet_number,
    year_number,
)
from objectives.book.guards import NOT_A_WORKBOOK, SheetTooLarge, archive_refusal
from objectives.book.rows import ERROR, WARNING, Book, Problem
from objectives.book.sheet import Sheet
from objectives.book.sheet_reader import ObjectiveReader, years_rule
from objectives.book.versions import VERSIONS_SHEET, read_versions
from objectives.book.workbook import OpenedBook
from objectives.checks import start_finding

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
YEARS_REVERSED = _("La vigencia inicial es posterior a la vigencia final.")
DAMAGED_SHEET = _(
    "La hoja no se puede leer: el archivo está dañado desde esta fila (una celda o una parte "
    "del libro no es válida). Ábralo en Excel, guárdelo de nuevo como «Libro de Excel (.xlsx)» "
    "y vuelva a cargarlo."
)
PLAN_YEARS = _("El plan va de %(first)s a %(last)s. %(years)s: corrija las vigencias.")
PLAN_SPAN = _("El plan abarca %(count)s vigencias. %(years)s: corrija las vigencias.")
NOT_A_DATE = _(
    "«Inicio del plan» debe ser una fecha, por ejemplo 01/06/2020 o «junio de 2020», no «%(text)s»."
)
PLATFORM_KEYS = {normalize(f.label): f.key for f in PLATFORM}
DAY_MONTH_YEAR = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})")
ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
MONTH_YEAR = re.compile(r"(?P<month>[a-z]+?|\d{1,2})(?:del?)?[/.-]?(?P<year>\d{4})")
MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"),
            ("mayo", "may"), ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"),
            ("septiembre", "setiembre", "sep", "sept"), ("octubre", "oct"),
            ("noviembre", "nov"), ("diciembre", "dic"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
TEXT_LIMITS = {
    "entity": limits.SHORT_TEXT,
    "name": limits.SHORT_TEXT,
    "mission": limits.LONG_TEXT,
    "vision": limits.LONG_TEXT,
    "adoption_act": limits.STATEMENT,
}
logger = logging.getLogger(__name__)


def read_book(source: str | Path | IO[bytes], name: str = "") -> Book:
    """``name``: the file's name, which the history of what an import writes cites (by
    default the path's, or the upload's)."""
    book = Book(name=name or _file_name(source))
    refusal = archive_refusal(source)
    if refusal:
        book.problems.append(Problem(ERROR, refusal))
        return book
    try:
        workbook = OpenedBook(source)
    except Exception:  # openpyxl raises many kinds for a file that is not a sound workbook
        book.problems.append(Problem(ERROR, NOT_A_WORKBOOK))
        return book
    try:
        _read_sheets(workbook, book)
    finally:
        workbook.close()
    check_book(book)
    return book


def _file_name(source: str | Path | IO[bytes]) -> str:
    path = source if isinstance(source, str | Path) else getattr(source, "name", "")
    return Path(str(path or "")).name


def _read_sheets(workbook: OpenedBook, book: Book) -> None:
    versions = next((n for n in workbook.names if _is_versions(n)), None)
    names = [name for name in workbook.names if name != versions]
    platform, objectives, ignored = _sheets(names, book)
    if platform is None:
        book.problems.append(Problem(ERROR, NO_PLATFORM))
    else:
        _guarded(workbook, platform, book, lambda sheet: _read_platform(sheet, book))
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
        objective = _guarded(
            workbook,
            name,
            book,
            lambda sheet, number=number: ObjectiveReader(sheet, number, book).read(),
        )
        if objective is not None:
            book.objectives.append(objective)
    if versions is not None:
        found = _guarded(workbook, versions, book, lambda sheet: read_versions(sheet.rows(), book))
        book.versions = found or []


def _is_versions(name: str) -> bool:
    return normalize(name) == normalize(VERSIONS_SHEET)


def _guarded(workbook: OpenedBook, name: str, book: Book, read: Callable) -> Any:
    """Read one sheet; a part openpyxl cannot parse (malformed XML, a shared string that is not
    there, text where the XML promises a number, a missing part) becomes an error that names
    the sheet and the row it reached, never a traceback."""
    sheet = None
    try:
        sheet = workbook.sheet(name)
        return read(sheet)
    except SheetTooLarge as error:
        book.problems.append(Problem(ERROR, str(error), name.strip()))
    except Exception as error:  # openpyxl, zipfile and the XML parser raise many kinds
        logger.warning("Unreadable sheet %r of a book: %r", name, error)
        row = sheet.reached + 1 if sheet is not None else None
        book.problems.append(Problem(ERROR, DAMAGED_SHEET, name.strip(), row))
    return None


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
        row, value = found.get(spec.key, (None, None))
        text = "" if value is None else str(value).strip()
        if not text:
            if spec.required:
                message = MISSING % {"label": spec.label}
                book.problems.append(Problem(ERROR, message, sheet.title, row, "B" if row else ""))
            book.platform[spec.key] = None if spec.key == "starts_on" else ""
            continue
        try:
            book.platform[spec.key] = _platform_value(spec.key, spec.label, value, text, book)
        except ValueError as error:
            book.problems.append(Problem(ERROR, str(error), sheet.title, row, "B"))
            book.platform[spec.key] = None
    _check_span(book, sheet.title)


def _platform_value(key: str, label: str, value: Any, text: str, book: Book) -> Any:
    """A field's value; a ValueError says what is wrong with it."""
    if key in ("first_year", "last_year"):
        year = year_number(value)
        if year is None:
            raise ValueError(NOT_A_YEAR % {"label": label, "text": text[:30]})
        return year
    if key == "starts_on":
        return _start(value, text, book.platform.get("first_year"))
    if len(text) > TEXT_LIMITS[key]:
        raise ValueError(f"«{label}»: {too_long(len(text), TEXT_LIMITS[key])}")
    return text


def _start(value: Any, text: str, first_year: int | None) -> date:
    """The plan's start: a date cell, or text as people type it («01/06/2020», «2020-06-01»,
    «junio de 2020», «06/2020»); it falls in the plan's first vigencia."""
    day = _date(value, text)
    if day is None:
        raise ValueError(NOT_A_DATE % {"text": text[:30]})
    outside = start_finding(day, first_year)
    if outside:
        raise ValueError(outside)
    return day


def _date(value: Any, text: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    plain = normalize(text)  # no case, accents or spaces: «Junio de 2020» → «juniode2020»
    match = DAY_MONTH_YEAR.fullmatch(plain) or ISO_DATE.fullmatch(plain)
    if match is None and (match := MONTH_YEAR.fullmatch(plain)) is None:
        return None
    parts = match.groupdict()
    month = MONTH_NUMBERS.get(parts["month"]) or (
        int(parts["month"]) if parts["month"].isdigit() else 0
    )
    try:
        return date(int(parts["year"]), month, int(parts.get("day") or 1))
    except ValueError:
        return None


def _check_span(book: Book, title: str) -> None:
    """The plan's vigencias in order, within sensible years, and at most MAX_VIGENCIAS."""
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    if not (first and last):
        return
    if first > last:
        message = str(YEARS_REVERSED)
    elif first < limits.FIRST_YEAR or last > limits.LAST_YEAR:
        message = PLAN_YEARS % {"first": first, "last": last, "years": years_rule()}
    elif last - first + 1 > limits.MAX_VIGENCIAS:
        message = PLAN_SPAN % {"count": last - first + 1, "years": years_rule()}
    else:
        return
    book.problems.append(Problem(ERROR, message, title))
