"""Reading the follow-up book (the layout in docs/book-format.md, spelled out in
``objectives.book.columns``) into plain data (``objectives.book.rows``).

``read_book`` never raises for bad input: every problem becomes a ``Problem`` that says sheet,
row and column in Spanish, and the caller decides (errors stop an import, warnings do not).
Magnitudes come back in the indicator's unit: percentage points for percentages (5 % → 5).
This module finds the sheets, the platform and each sheet's header row; ``row_reader`` reads
the data rows and ``checks`` compares rows with each other.
"""

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from objectives.book.checks import check_book
from objectives.book.columns import (
    HEADER_ROW_MARK,
    HEADERS,
    PLATFORM,
    PLATFORM_SHEET,
    SHEET_NAME,
    SINGLE,
    YEARLY,
    Layout,
    normalize,
)
from objectives.book.guards import NOT_A_WORKBOOK, archive_refusal
from objectives.book.row_reader import RowReader
from objectives.book.rows import ERROR, Book, ObjectiveSheet, Problem

NO_PLATFORM = format_lazy(
    _("Falta la hoja «{sheet}» con la plataforma estratégica."), sheet=PLATFORM_SHEET
)
NO_OBJECTIVES = _("El libro no tiene ninguna hoja «Objetivo N» (por ejemplo «Objetivo 1»).")
MISSING = _("Falta «%(label)s»: escríbalo en la columna A y su valor en la columna B.")
NOT_A_YEAR = _("«%(label)s» debe ser un año de cuatro cifras, no «%(text)s».")
TOO_LONG = _("«%(label)s» pasa de 200 caracteres.")
YEARS_REVERSED = _("La vigencia inicial es posterior a la vigencia final.")
NO_HEADER = _("No se encontró la fila de encabezados: ninguna celda dice «Nombre Indicador».")
YEAR_COLUMNS = _("Programación AAAA (al menos un año)")
MISSING_COLUMNS = _(
    "Faltan columnas obligatorias: %(columns)s. Agréguelas a la fila de encabezados."
)
NO_STATEMENT = _(
    "Falta el enunciado del objetivo: escríbalo en una fila encima de los encabezados."
)
PLATFORM_KEYS = {normalize(f.label): f.key for f in PLATFORM}


class _Sheet:
    """Cell access that honours merged cells: a merged value applies to every cell it spans.

    The workbook is opened read-only, which streams each sheet instead of loading it whole
    (several times faster, a fraction of the memory) but does not parse merged ranges: they
    are read from the end of the sheet's XML, where Excel writes them.
    """

    def __init__(self, ws: ReadOnlyWorksheet, archive: zipfile.ZipFile) -> None:
        self.ws = ws
        self.title = ws.title
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        for ref in _merged_ranges(archive, ws):
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    self.anchors[(row, col)] = (min_row, min_col)
        self.merged_rows = {row for row, _ in self.anchors}
        ws.reset_dimensions()  # some writers declare a wrong size; read what is there

    def rows(self, min_row: int = 1) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) for each row; a merged cell is replaced by its top-left cell."""
        tops: dict[tuple[int, int], Any] = {}
        for row, cells in enumerate(self.ws.iter_rows(), start=1):
            if row in self.merged_rows:
                cells = [self._merged(tops, row, col, c) for col, c in enumerate(cells, 1)]
            if row >= min_row and cells:
                yield row, list(cells)

    def _merged(self, tops: dict, row: int, col: int, cell: Any) -> Any:
        anchor = self.anchors.get((row, col))
        if anchor is None:
            return cell
        if anchor == (row, col):
            tops[anchor] = cell
        return tops.get(anchor, cell)


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def _merged_ranges(archive: zipfile.ZipFile, ws: ReadOnlyWorksheet) -> list[str]:
    """The sheet's merged ranges ("A5:A7"), from its XML part."""
    with archive.open(ws._worksheet_path.lstrip("/")) as part:
        return [ref.decode() for ref in MERGE_CELL.findall(part.read())]


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
    sheets = {normalize(name): name for name in workbook.sheetnames}
    if normalize(PLATFORM_SHEET) not in sheets:
        book.problems.append(Problem(ERROR, NO_PLATFORM))
    else:
        _read_platform(_Sheet(workbook[sheets[normalize(PLATFORM_SHEET)]], archive), book)
    objective_sheets = sorted(
        (int(match.group(1)), name)
        for name in workbook.sheetnames
        if (match := SHEET_NAME.match(name.strip()))
    )
    if not objective_sheets:
        book.problems.append(Problem(ERROR, NO_OBJECTIVES))
    for sheet_number, name in objective_sheets:
        objective = _read_objective(_Sheet(workbook[name], archive), sheet_number, book)
        if objective is not None:
            book.objectives.append(objective)


# --- Plataforma -------------------------------------------------------------------------------


def _read_platform(sheet: _Sheet, book: Book) -> None:
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


# --- Objetivo N -------------------------------------------------------------------------------


def _read_objective(sheet: _Sheet, number: int, book: Book) -> ObjectiveSheet | None:
    titles: list[str] = []
    layout = None
    for row, cells in sheet.rows():
        texts = [str(c.value).strip() for c in cells if isinstance(c.value, str)]
        if any(normalize(text) == HEADER_ROW_MARK for text in texts):
            layout = _layout(row, cells)
            break
        titles.extend(texts)
    if layout is None:
        book.problems.append(
            Problem(
                ERROR,
                str(NO_HEADER),
                sheet.title,
            )
        )
        return None
    missing = [c.label for c in SINGLE.values() if c.required and c.key not in layout.columns]
    if not layout.years["programmed"]:
        missing.append(str(YEAR_COLUMNS))
    if missing:
        book.problems.append(
            Problem(
                ERROR,
                MISSING_COLUMNS % {"columns": ", ".join(f"«{m}»" for m in missing)},
                sheet.title,
                layout.header_row,
            )
        )
        return None
    statement = max(titles, key=len, default="")
    if not statement:
        book.problems.append(
            Problem(
                ERROR,
                str(NO_STATEMENT),
                sheet.title,
            )
        )
    objective = ObjectiveSheet(number, " ".join(statement.split()), sheet=sheet.title)
    for row, cells in sheet.rows(layout.header_row + 1):
        if _is_data_row(cells, layout):
            parsed = RowReader(sheet.title, row, cells, layout, book).read(number)
            if parsed is not None:
                objective.rows.append(parsed)
    return objective


def _layout(header_row: int, cells: list[Any]) -> Layout:
    layout = Layout(header_row)
    for index, cell in enumerate(cells):
        if cell.value is None:
            continue
        key = normalize(cell.value)
        if key in HEADERS and HEADERS[key] not in layout.columns:
            layout.columns[HEADERS[key]] = index
            continue
        for kind, column in YEARLY.items():
            if match := column.pattern.match(key):
                layout.years[kind].setdefault(int(match.group(1)), index)
    for kind, columns in layout.years.items():  # by year, whatever the columns' order
        layout.years[kind] = dict(sorted(columns.items()))
    return layout


def _is_data_row(cells: list[Any], layout: Layout) -> bool:
    """Blank rows, a «Total» row and free-text notes below the table are not data."""
    values = [
        value
        for cell in cells
        if (value := cell.value) is not None and not (isinstance(value, str) and not value.strip())
    ]
    if not values:
        return False
    first = values[0]
    if isinstance(first, str) and normalize(first[:20]).startswith("total"):
        return False
    return not (isinstance(first, str) and all(str(value) == first for value in values))
