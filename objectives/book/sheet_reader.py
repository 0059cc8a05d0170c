"""Reading one objective sheet in one pass (docs/book-format.md): the statement under the
title rows, joined when wrapped; the notes above or below the table; the book's own figure
(«Magnitud vigencia: 100% · Avance vigencia: 49,02%», one cell or two, above or below); each
table, a second header row starting a new one with its own columns; and weights typed as
plain fractions. Nothing is dropped without a word."""

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from indicators import limits
from indicators.formatting import NumberError, number, parse_number, short_text, too_long
from objectives.book.columns import (
    NOTE_START,
    PER_CORTE,
    SUMMARY_LABEL,
    SUMMARY_PROGRESS,
    YEARLY,
    Layout,
    normalize,
    title_rest,
)
from objectives.book.layout import (
    header_problems,
    header_texts,
    is_header_row,
    is_year_row,
    read_layout,
)
from objectives.book.row_reader import WEIGHT_STEP, RowReader
from objectives.book.rows import ERROR, WARNING, Book, ObjectiveSheet, Problem, PublishedFigure
from objectives.book.sheet import Sheet, cell_value, values
from objectives.checks import same_text

YEARS_RULE = _("Las vigencias van de %(first)s a %(last)s y un plan abarca como máximo %(count)s")
ABSURD_YEAR = _("La columna «%(column)s» no es una vigencia posible. %(years)s.")
LONG_STATEMENT = _("El enunciado del objetivo: %(problem)s")
NO_HEADER = _("No se encontró la fila de encabezados: ninguna celda dice «Nombre Indicador».")
NO_STATEMENT = _(
    "Falta el enunciado del objetivo: escríbalo en una fila encima de los encabezados."
)
BLANK_HEADER = _(
    "La columna %(letter)s no tiene encabezado y tiene datos: no se leen. Escriba su "
    "encabezado en %(cell)s."
)
TEXT_ABOVE = _(
    "Se ignoró el texto «%(text)s» encima de la tabla: el enunciado del objetivo son las "
    "primeras filas de texto bajo el título. Si es una nota, empiécela con «Nota:» o con «•»."
)
TEXT_BELOW = _(
    "Se ignoró el texto «%(text)s»: no es un indicador, una nota ni el resumen de la vigencia. "
    "Si es una nota, empiécela con «Nota:» o con «•»."
)
FRACTION_WEIGHTS = _(
    "Las ponderaciones del objetivo %(number)s suman %(total)s y no tienen formato de "
    "porcentaje: se leyeron como fracciones (%(fraction)s → %(percent)s %%). Escríbalas con "
    "«%%» o dé a la columna formato de porcentaje."
)
NO_SUMMARY_FIGURE = _(
    "El resumen de la fila no trae una cifra válida de «%(label)s» (por ejemplo «Avance "
    "vigencia: 49,02%%»): no se guarda."
)
NO_SUMMARY_YEAR = _(
    "No se sabe a qué vigencia corresponde «%(label)s»: escriba el año («%(label)s 2020: "
    "49,02%%») o agregue las columnas de ejecución."
)
TWO_SUMMARIES = _(
    "El libro da dos cifras de «%(label)s» %(year)s para el objetivo %(number)s: %(first)s %% "
    "(fila %(row)s) y %(second)s %%; se guarda la primera."
)
NOTES_ONLY = ("nota", "notas", "nota:", "notas:")
SUMMARY_CELLS = 4  # a summary line has at most its two labels and their two values
FRACTIONS = (Decimal("0.9"), Decimal("1.1"))  # weights that add up to about 1, not about 100


class _Rows:
    """The sheet's rows with one row of lookahead (the years under a two-level header)."""

    def __init__(self, rows: Iterator[tuple[int, list[Any]]]) -> None:
        self.rows, self.ahead = rows, None

    def __iter__(self) -> "_Rows":
        return self

    def __next__(self) -> tuple[int, list[Any]]:
        if self.ahead is not None:
            found, self.ahead = self.ahead, None
            return found
        return next(self.rows)

    def peek(self) -> tuple[int, list[Any]] | None:
        if self.ahead is None:
            self.ahead = next(self.rows, None)
        return self.ahead


class ObjectiveReader:
    """One objective sheet, row by row: ``read()`` gives the ``ObjectiveSheet``, or None when a
    table's header lacks a required column (an error already says which)."""

    def __init__(self, sheet: Sheet, number: int, book: Book) -> None:
        self.sheet, self.book = sheet, book
        self.objective = ObjectiveSheet(number, "", sheet=sheet.title)
        self.layout: Layout | None = None
        self.layouts: list[Layout] = []
        self.failed = False  # a table whose header lacks a required column
        self.statement: list[str] = []
        self.statement_done = False  # a blank row, a note or the summary ends its rows
        self.notes: list[str] = []
        self.in_notes = False
        self.summaries: list[tuple[int, list[Any]]] = []
        self.warned_blank: set[tuple[int, int]] = set()

    def problem(self, level: str, message: str, row: int | None = None, column: str = "") -> None:
        self.book.problems.append(Problem(level, message, self.sheet.title, row, column))

    def read(self) -> ObjectiveSheet | None:
        rows = _Rows(self.sheet.rows())
        for row, cells in rows:
            if is_header_row(cells):
                self.table(row, cells, rows)
            else:
                self.line(row, cells)
        return self.finish()

    def table(self, row: int, cells: list[Any], rows: _Rows) -> None:
        """A header row: a new table with its own columns (two levels if years follow)."""
        below = rows.peek()
        if below is not None and is_year_row(cells, below[1]):
            texts = header_texts(cells, next(rows)[1])
        else:
            texts = header_texts(cells)
        layout, unknown = read_layout(row, texts)
        problems = header_problems(self.sheet.title, layout, texts, unknown)
        if absurd := _absurd_years(layout):
            message = ABSURD_YEAR % {"column": absurd, "years": years_rule()}
            problems.append(Problem(ERROR, message, self.sheet.title, row))
        self.book.problems.extend(problems)
        self.in_notes = False
        if any(p.level == ERROR for p in problems):
            self.failed, self.layout = True, None
            return
        self.layout = layout
        self.layouts.append(layout)

    def line(self, row: int, cells: list[Any]) -> None:
        found = values(cells)
        if not found:
            self.in_notes = False
            self.statement_done = bool(self.statement)
            return
        if len(found) <= SUMMARY_CELLS and self.is_summary(cells):
            self.summaries.append((row, cells))
            self.statement_done = bool(self.statement)
            return
        free_text = all(isinstance(v, str) for v in found) and len(set(found)) == 1
        first = found[0]
        if self.layouts or self.failed:
            if isinstance(first, str) and normalize(first[:20]).startswith("total"):
                self.in_notes = False
            elif not free_text:
                self.data(row, cells)
            else:
                self.text_below(row, " ".join(first.split()))
            return
        self.text_above(row, " ".join(str(v) for v in found if isinstance(v, str)))

    def data(self, row: int, cells: list[Any]) -> None:
        if self.layout is None:  # its table's header was refused: already an error
            return
        self.in_notes = False
        for index, letter in self.layout.blank.items():
            key = (self.layout.header_row, index)
            if cell_value(cells, index) is not None and key not in self.warned_blank:
                self.warned_blank.add(key)
                self.problem(
                    WARNING,
                    BLANK_HEADER % {"letter": letter, "cell": f"{letter}{self.layout.header_row}"},
                    row,
                    letter,
                )
        parsed = RowReader(self.sheet.title, row, cells, self.layout, self.book).read(
            self.objective.number
        )
        if parsed is not None:
            self.objective.rows.append(parsed)

    def text_above(self, row: int, text: str) -> None:
        """Above the first table: title rows, the statement (the first rows of text under the
        title, wrapped over several), notes, and any other text, which is said."""
        if NOTE_START.match(text):
            self.statement_done = bool(self.statement)
            self.note(text)
        elif self.in_notes and self.notes:
            self.notes[-1] += " " + " ".join(text.split())
        elif (rest := title_rest(text)) is not None:
            if rest:
                self.statement.append(rest)
        elif not self.statement_done:
            self.statement.append(text)
        else:
            self.problem(
                WARNING,
                TEXT_ABOVE % {"text": short_text(text, 60)},
                row,
            )

    def text_below(self, row: int, text: str) -> None:
        """Below or between tables: notes, a repeated title or statement, or a word to say."""
        if NOTE_START.match(text):
            self.note(text)
        elif self.in_notes and self.notes:
            self.notes[-1] += " " + text
        elif title_rest(text) is None and same_text(text) not in same_text(self.joined()):
            self.problem(
                WARNING,
                TEXT_BELOW % {"text": short_text(text, 60)},
                row,
            )

    def note(self, text: str) -> None:
        self.in_notes = True
        text = " ".join(text.split())
        if normalize(text) not in NOTES_ONLY:  # the heading «Notas:» alone is not a note
            self.notes.append(text)

    def is_summary(self, cells: list[Any]) -> bool:
        return any(
            isinstance(c.value, str) and SUMMARY_LABEL.search(c.value) is not None for c in cells
        )

    def joined(self) -> str:
        """The statement's rows as one text; a row ending in a hyphen joins without space."""
        text = ""
        for part in self.statement:
            part = " ".join(part.split())
            glue = "" if text.endswith("-") and not text.endswith(" -") else " "
            text = f"{text}{glue}{part}".strip()
        return text

    def finish(self) -> ObjectiveSheet | None:
        if self.failed:
            return None
        if not self.layouts:
            self.problem(ERROR, str(NO_HEADER))
            return None
        self.objective.statement = self.joined()
        if not self.objective.statement:
            self.problem(ERROR, str(NO_STATEMENT))
        elif len(self.objective.statement) > limits.STATEMENT:
            length = len(self.objective.statement)
            problem = too_long(length, limits.STATEMENT)
            self.problem(ERROR, LONG_STATEMENT % {"problem": problem})
            return None
        self.objective.notes = "\n".join(self.notes)
        for row, cells in self.summaries:
            self.summary(row, cells)
        self.weights()
        return self.objective

    def weights(self) -> None:
        """Weights typed as plain numbers that add up to about 1 are fractions: 0,8935 is
        89,35 %. Read them so, and say it once for the objective."""
        rows = self.objective.rows
        totals = self.objective.weight_totals(self.book.platform)
        total, fractions = totals[0], all(FRACTIONS[0] <= t <= FRACTIONS[1] for t in totals)
        if rows and all(r.weight_plain for r in rows) and fractions:
            for r in rows:
                r.weight *= 100
                r.weights = {year: w * 100 for year, w in r.weights.items()}
            first = rows[0]
            self.problem(
                WARNING,
                FRACTION_WEIGHTS
                % {
                    "number": self.objective.number,
                    "total": number(total),
                    "fraction": number(first.weight / 100),
                    "percent": number(first.weight),
                },
                None,
                first.columns.get("weight", ""),
            )
        for r in rows:
            r.weight = r.weight.quantize(WEIGHT_STEP, rounding=ROUND_HALF_UP)
            r.weights = {
                year: w.quantize(WEIGHT_STEP, rounding=ROUND_HALF_UP)
                for year, w in r.weights.items()
            }

    def summary(self, row: int, cells: list[Any]) -> None:
        """«Magnitud vigencia: 100% Avance vigencia: 49,02%», in one cell or two, or a label
        and a number in the next cell; the vigencia is the label's, else the sheet's latest
        with execution columns."""
        found: dict[str, tuple[Decimal | None, int | None, int]] = {}
        for index, cell in enumerate(cells):
            if not isinstance(cell.value, str):
                continue
            for match in SUMMARY_LABEL.finditer(cell.value):
                text = match.group("value")
                value = _number(text) if text else _next_number(cells, index)
                year = match.group("year")
                label = match.group("label").lower()
                found[label] = (value, int(year.replace(".", "")) if year else None, index)
        progress, year, index = found.get("avance", (None, None, 0))
        if progress is None:
            self.problem(
                WARNING,
                NO_SUMMARY_FIGURE % {"label": SUMMARY_PROGRESS},
                row,
            )
            return
        year = year or self.latest_year()
        if year is None:
            self.problem(
                WARNING,
                NO_SUMMARY_YEAR % {"label": SUMMARY_PROGRESS},
                row,
            )
            return
        magnitude = found["magnitud"][0] if "magnitud" in found else None
        progress = progress.quantize(WEIGHT_STEP, rounding=ROUND_HALF_UP)
        if magnitude is not None:
            magnitude = magnitude.quantize(WEIGHT_STEP, rounding=ROUND_HALF_UP)
        self.published(PublishedFigure(year, progress, magnitude, row, _column(index)))

    def published(self, figure: PublishedFigure) -> None:
        first = self.objective.published.setdefault(figure.year, figure)
        if first is not figure and first.compliance != figure.compliance:
            self.problem(
                WARNING,
                TWO_SUMMARIES
                % {
                    "label": SUMMARY_PROGRESS,
                    "year": figure.year,
                    "number": self.objective.number,
                    "first": number(first.compliance),
                    "row": first.row,
                    "second": number(figure.compliance),
                },
                figure.row,
                figure.column,
            )

    def latest_year(self) -> int | None:
        years = [
            year
            for layout in self.layouts
            for kind in ("executed", "published")
            for year in layout.years.get(kind, {})
        ]
        return max(years, default=None)


def _column(index: int) -> str:
    return f"{get_column_letter(index + 1)} ({SUMMARY_PROGRESS})"


def _number(raw: str | int | float, scale: int = 1) -> Decimal | None:
    """A published figure through the one parser; None when it is not one within bounds."""
    try:
        value, _ = parse_number(raw, limits.PUBLISHED, scale)
    except NumberError:
        return None
    return value


def years_rule() -> str:
    """The bounds of a plan's vigencias, said in the reader's messages."""
    limits_ = {"first": limits.FIRST_YEAR, "last": limits.LAST_YEAR, "count": limits.MAX_VIGENCIAS}
    return YEARS_RULE % limits_


def _absurd_years(layout: Layout) -> str:
    """The first column by vigencia whose year no plan may have ("Programación 1000", or
    "Programación 1000 T2"), or ""."""
    columns = [(YEARLY[kind].label(y), y) for kind, ys in layout.years.items() for y in ys]
    columns += [(PER_CORTE[k].label(*at), at[0]) for k, ats in layout.cortes.items() for at in ats]
    bad = (label for label, y in columns if not limits.FIRST_YEAR <= y <= limits.LAST_YEAR)
    return next(bad, "")


def _next_number(cells: list[Any], index: int) -> Decimal | None:
    """The number in the first non-empty cell after a label («Avance vigencia 2020:» | 49,02 %)."""
    for cell in cells[index + 1 :]:
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            return _number(value, 100 if "%" in (cell.number_format or "") else 1)
        return _number(str(value))
    return None
