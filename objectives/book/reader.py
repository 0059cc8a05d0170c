"""Reading the follow-up book (the layout in docs/book-format.md) into plain data.

``read_book`` never raises for bad input: every problem becomes a ``Problem`` that says sheet,
row and column in Spanish, and the caller decides (errors stop an import, warnings do not).
Magnitudes come back in the indicator's unit: percentage points for percentages (5 % → 5).
"""

import functools
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from indicators.checks import figure_findings
from indicators.choices import Annualization, MetaKind, Unit
from indicators.formatting import (
    from_spreadsheet_text,
    number,
    parse_number,
    percent,
    spreadsheet_text,
)
from indicators.progress import Series, infer_annualization
from objectives.checks import repeated_statements, same_text, weights_finding

ERROR = "error"
WARNING = "advertencia"
PLATFORM_SHEET = "Plataforma"
SHEET_NAME = re.compile(r"^objetivo\s*(\d+)$", re.IGNORECASE)
MAX_MAGNITUDE = Decimal(10) ** 14
MAX_PUBLISHED = Decimal(10) ** 6
MAGNITUDE_STEP = Decimal("0.000001")
WEIGHT_STEP = Decimal("0.0001")
TOLERANCE = Decimal("0.01")

NOT_A_WORKBOOK = (
    "El archivo no es un libro de Excel (.xlsx) válido. Guárdelo como «Libro de Excel (.xlsx)» "
    "y vuelva a cargarlo."
)
NO_PLATFORM = f"Falta la hoja «{PLATFORM_SHEET}» con la plataforma estratégica."
NO_OBJECTIVES = "El libro no tiene ninguna hoja «Objetivo N» (por ejemplo «Objetivo 1»)."
# Bounds that keep a hostile or runaway file from taking the server's memory and time: a book's
# parts may unpack to MAX_UNPACKED bytes in all, and a sheet may declare MAX_ROWS rows.
MAX_UNPACKED = 25 * 1024 * 1024
MAX_ROWS = 20_000
TOO_BIG = (
    "El libro descomprimido ocupa {size} MB y el máximo es {limit} MB: quite hojas o filas que "
    "no sean del plan y vuelva a cargarlo."
)
TOO_MANY_ROWS = (
    "La hoja número {sheet} del libro tiene {rows} filas y el máximo es {limit}: borre las "
    "filas vacías o sobrantes al final de la hoja."
)
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")

# Header texts, normalised (no case, accents, spaces or line breaks) → field.
PLATFORM_FIELDS = {
    "entidad": "entity",
    "plan": "name",
    "vigenciainicial": "first_year",
    "vigenciafinal": "last_year",
    "mision": "mission",
    "vision": "vision",
    "actodeadopcion": "adoption_act",
}
PLATFORM_LABELS = {
    "entity": "Entidad",
    "name": "Plan",
    "first_year": "Vigencia inicial",
    "last_year": "Vigencia final",
    "mission": "Misión",
    "vision": "Visión",
    "adoption_act": "Acto de adopción",
}
REQUIRED_PLATFORM = ("entity", "name", "first_year", "last_year")
COLUMNS = {
    "meta": "goal",
    "nombremeta": "goal_statement",
    "indicadorsectorial": "code",
    "indicador": "code",
    "nombreindicador": "name",
    "anualizacion": "annualization",
    "unidad": "unit",
    "lineabase": "baseline",
    "ponderacionindicador": "weight",
    "programaciontotal": "stated_total",
    "dependenciaresponsable": "dependency",
    "notas": "notes",
}
YEAR_COLUMNS = {
    "programmed": re.compile(r"^programacion(\d{4})$"),
    "executed": re.compile(r"^magnitudejecutadaalavigencia(\d{4})$"),
    "published": re.compile(r"^porcentajeavancealavigencia(\d{4})$"),
}
COLUMN_LABELS = {
    "goal": "Meta",
    "goal_statement": "Nombre Meta",
    "code": "Indicador Sectorial",
    "name": "Nombre Indicador",
    "annualization": "Anualización",
    "unit": "Unidad",
    "baseline": "Línea base",
    "weight": "Ponderación Indicador",
    "stated_total": "Programación Total",
    "dependency": "Dependencia responsable",
    "notes": "Notas",
}
REQUIRED_COLUMNS = ("goal", "goal_statement", "code", "name", "weight", "stated_total")
ANNUALIZATIONS = {
    "suma": Annualization.SUMA,
    "constante": Annualization.CONSTANTE,
    "creciente": Annualization.CRECIENTE,
    "decreciente": Annualization.DECRECIENTE,
    "crecientesinlineabase": Annualization.CRECIENTE_SIN_LB,
}
UNITS = {
    "%": Unit.PORCENTAJE,
    "porcentaje": Unit.PORCENTAJE,
    "puntosporcentuales": Unit.PORCENTAJE,
    "numero": Unit.NUMERO,
    "cantidad": Unit.NUMERO,
    "unidades": Unit.NUMERO,
}
GOAL_TEXT = re.compile(
    r"^META\s+(?P<kind>SECTORIAL|PROYECTO(?:\s+DE\s+INVERSION)?|DE\s+GESTION)"
    r"(?:\s+(?:NO\.?|N°|Nº)?\s*(?P<code>[\w./-]+))?$"
)
GOAL_KINDS = {"S": MetaKind.SECTORIAL, "P": MetaKind.PROYECTO, "D": MetaKind.GESTION}


def normalize(text: Any) -> str:
    """Header text without case, accents, spaces or breaks: "Anualización" → "anualizacion"."""
    return _normalize(str(text))


@functools.lru_cache(maxsize=4096)  # a book repeats its few words ("Suma", "Número") in every row
def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", "", plain).casefold()


@dataclass(frozen=True)
class Problem:
    level: str
    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"hoja «{self.sheet}»")
        if self.row:
            where.append(f"fila {self.row}")
        if self.column:
            where.append(f"columna {self.column}")
        prefix = "Error" if self.level == ERROR else "Advertencia"
        place = f" ({', '.join(where)})" if where else ""
        return f"{prefix}{place}: {self.message}"


@dataclass
class IndicatorRow:
    """One data row of an objective sheet: an indicator, its meta and its weight there."""

    sheet: str
    row: int
    objective: int
    goal_kind: str
    goal_code: str
    goal_statement: str
    code: str
    name: str
    annualization: str
    unit: str
    baseline: Decimal | None
    weight: Decimal
    stated_total: Decimal | None
    annualization_inferred: bool = False
    unit_inferred: bool = False
    name_derived: bool = False
    programmed: dict[int, Decimal] = field(default_factory=dict)
    executed: dict[int, Decimal] = field(default_factory=dict)
    published: dict[int, Decimal] = field(default_factory=dict)
    dependency: str = ""
    notes: str = ""
    columns: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def goal_key(self) -> tuple[str, str]:
        return (self.goal_kind, self.goal_code or "≡" + same_text(self.goal_statement))

    @property
    def key(self) -> tuple:
        return (self.code,) if self.code else (self.goal_key, same_text(self.name))

    @property
    def label(self) -> str:
        return f"indicador {self.code}" if self.code else f"indicador «{self.name[:60]}»"


@dataclass
class ObjectiveSheet:
    sheet: str
    number: int
    statement: str
    rows: list[IndicatorRow] = field(default_factory=list)


@dataclass
class Book:
    platform: dict[str, Any] = field(default_factory=dict)
    objectives: list[ObjectiveSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def rows(self) -> Iterator[IndicatorRow]:
        for objective in self.objectives:
            yield from objective.rows


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
    _check_book(book)
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


def archive_refusal(source: str | Path | IO[bytes]) -> str | None:
    """Why the file must not be opened (not a zip, unpacks too big, too many rows), or None.

    Reads only the zip's directory and the first bytes of each sheet, so it costs nothing.
    """
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED:
                return TOO_BIG.format(
                    size=number(Decimal(unpacked) / 2**20, 0), limit=MAX_UNPACKED // 2**20
                )
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(
                    ".xml"
                ):
                    with archive.open(member) as part:
                        match = DIMENSION.search(part.read(4096))
                    rows = int(match.group(1) or 1) if match else 0
                    if rows > MAX_ROWS:
                        return TOO_MANY_ROWS.format(
                            sheet=re.sub(r"\D", "", member.filename.rsplit("/", 1)[-1]),
                            rows=number(rows),
                            limit=number(MAX_ROWS),
                        )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return NOT_A_WORKBOOK
    finally:
        if position is not None:
            source.seek(position)
    return None


# --- Plataforma -------------------------------------------------------------------------------


def _read_platform(sheet: _Sheet, book: Book) -> None:
    found: dict[str, tuple[int, Any]] = {}
    for row, cells in sheet.rows():
        values = [c.value for c in cells]
        if len(values) < 2 or values[0] is None:
            continue
        name = PLATFORM_FIELDS.get(normalize(values[0]).rstrip(":"))
        if name and name not in found:
            found[name] = (row, values[1])
    for name, label in PLATFORM_LABELS.items():
        row, value = found.get(name, (None, None))
        text = "" if value is None else str(value).strip()
        if not text:
            if name in REQUIRED_PLATFORM:
                book.problems.append(
                    Problem(
                        ERROR,
                        f"Falta «{label}»: escríbalo en la columna A y su valor en la columna B.",
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
                        f"«{label}» debe ser un año de cuatro cifras, no «{text}».",
                        sheet.title,
                        row,
                        "B",
                    )
                )
            book.platform[name] = year
        elif name in ("entity", "name") and len(text) > 200:
            book.problems.append(
                Problem(ERROR, f"«{label}» pasa de 200 caracteres.", sheet.title, row, "B")
            )
        else:
            book.platform[name] = text
    first, last = book.platform.get("first_year"), book.platform.get("last_year")
    if first and last and first > last:
        book.problems.append(
            Problem(ERROR, "La vigencia inicial es posterior a la vigencia final.", sheet.title)
        )


def _year(value: Any) -> int | None:
    text = str(value).strip().removesuffix(".0")
    return int(text) if re.fullmatch(r"\d{4}", text) else None


# --- Objetivo N -------------------------------------------------------------------------------


@dataclass
class _Layout:
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    years: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[tuple[str, int | None], str] = field(default_factory=dict)
    all_labels: dict[str, str] = field(default_factory=dict)

    def label(self, key: str, year: int | None = None) -> str:
        """How a message names a column: "I (Programación 2020)"; made once per column."""
        if (key, year) not in self.labels:
            self.labels[key, year] = self._label(key, year)
        return self.labels[key, year]

    def column_labels(self) -> dict[str, str]:
        if not self.all_labels:
            self.all_labels = {key: self.label(key) for key in self.columns}
            for kind, years in self.years.items():
                for year in years:
                    self.all_labels[f"{kind}:{year}"] = self.label(kind, year)
        return self.all_labels

    def _label(self, key: str, year: int | None) -> str:
        if year is None:
            col, text = self.columns[key], COLUMN_LABELS[key]
        else:
            col = self.years[key][year]
            text = {
                "programmed": f"Programación {year}",
                "executed": f"Magnitud Ejecutada a la vigencia {year}",
                "published": f"Porcentaje avance a la vigencia {year}",
            }[key]
        return f"{get_column_letter(col + 1)} ({text})"


def _read_objective(sheet: _Sheet, number: int, book: Book) -> ObjectiveSheet | None:
    titles: list[str] = []
    layout = None
    for row, cells in sheet.rows():
        texts = [str(c.value).strip() for c in cells if isinstance(c.value, str)]
        if any(normalize(text) == "nombreindicador" for text in texts):
            layout = _layout(row, cells)
            break
        titles.extend(texts)
    if layout is None:
        book.problems.append(
            Problem(
                ERROR,
                "No se encontró la fila de encabezados: ninguna celda dice «Nombre Indicador».",
                sheet.title,
            )
        )
        return None
    missing = [COLUMN_LABELS[key] for key in REQUIRED_COLUMNS if key not in layout.columns]
    if not layout.years["programmed"]:
        missing.append("Programación AAAA (al menos un año)")
    if missing:
        book.problems.append(
            Problem(
                ERROR,
                "Faltan columnas obligatorias: "
                + ", ".join(f"«{m}»" for m in missing)
                + ". Agréguelas a la fila de encabezados.",
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
                "Falta el enunciado del objetivo: escríbalo en una fila encima de los encabezados.",
                sheet.title,
            )
        )
    objective = ObjectiveSheet(sheet.title, number, " ".join(statement.split()))
    for row, cells in sheet.rows(layout.header_row + 1):
        if _is_data_row(cells, layout):
            parsed = _RowReader(sheet.title, row, cells, layout, book).read(number)
            if parsed is not None:
                objective.rows.append(parsed)
    return objective


def _layout(header_row: int, cells: list[Any]) -> _Layout:
    layout = _Layout(header_row)
    for index, cell in enumerate(cells):
        if cell.value is None:
            continue
        key = normalize(cell.value)
        if key in COLUMNS and COLUMNS[key] not in layout.columns:
            layout.columns[COLUMNS[key]] = index
            continue
        for kind, pattern in YEAR_COLUMNS.items():
            if match := pattern.match(key):
                layout.years[kind].setdefault(int(match.group(1)), index)
    for kind, columns in layout.years.items():  # by year, whatever the columns' order
        layout.years[kind] = dict(sorted(columns.items()))
    return layout


def _is_data_row(cells: list[Any], layout: _Layout) -> bool:
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


def _value(cells: list[Any], index: int) -> Any:
    if index >= len(cells):
        return None
    value = cells[index].value
    return None if isinstance(value, str) and not value.strip() else value


class _RowReader:
    """Reads one data row; each bad cell adds an error that names its column."""

    def __init__(self, sheet: str, row: int, cells: list[Any], layout: _Layout, book: Book):
        self.sheet, self.row, self.cells, self.layout, self.book = sheet, row, cells, layout, book
        self.failed = False
        self.percent_cells = 0
        self.inferred = False

    def problem(self, level: str, message: str, column: str = "") -> None:
        self.failed = self.failed or level == ERROR
        self.book.problems.append(Problem(level, message, self.sheet, self.row, column))

    def text(self, key: str, limit: int | None = None) -> str:
        if key not in self.layout.columns:
            return ""
        value = _value(self.cells, self.layout.columns[key])
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = from_spreadsheet_text(" ".join(str(value).split())) if value is not None else ""
        if limit and len(text) > limit:
            self.problem(ERROR, f"El texto pasa de {limit} caracteres.", self.layout.label(key))
        return text

    def number(
        self,
        index: int,
        column: str,
        step: Decimal = MAGNITUDE_STEP,
        negative: bool = False,
        limit: Decimal = MAX_MAGNITUDE,
    ) -> Decimal | None:
        cell = self.cells[index] if index < len(self.cells) else None
        value = _value(self.cells, index)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            result = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            if "%" in (cell.number_format or ""):
                result *= 100
                self.percent_cells += 1
        else:
            try:
                result, is_percent = parse_number(str(value))
            except ValueError:
                self.problem(
                    ERROR,
                    f"«{value}» no es un número. Escriba por ejemplo 2.000.000, 13,5 o 89,35%, "
                    "o N/A.",
                    column,
                )
                return None
            if result is None:
                return None
            self.percent_cells += is_percent
        if abs(result) >= limit:
            self.problem(ERROR, f"El número {number(result)} es demasiado grande.", column)
            return None
        if result < 0 and not negative:
            self.problem(ERROR, f"El valor no puede ser negativo ({number(result)}).", column)
            return None
        return result.quantize(step, rounding=ROUND_HALF_UP)

    def numbers(self, kind: str, **options: Any) -> dict[int, Decimal]:
        found = {}
        for year, index in self.layout.years[kind].items():
            value = self.number(index, self.layout.label(kind, year), **options)
            if value is not None:
                found[year] = value
        return found

    def field(self, key: str, **options: Any) -> Decimal | None:
        if key not in self.layout.columns:
            return None
        return self.number(self.layout.columns[key], self.layout.label(key), **options)

    def read(self, objective: int) -> IndicatorRow | None:
        kind, goal_code = self.goal()
        goal_statement = _not_na(self.text("goal_statement"))
        code = _not_na(self.text("code", limit=30))
        name = _not_na(self.text("name"))
        if not goal_statement and not goal_code:
            if not name:
                self.problem(
                    ERROR,
                    "La fila no tiene nombre de meta ni de indicador.",
                    self.layout.label("name"),
                )
                return None
            goal_statement = name
            self.problem(
                WARNING,
                "La meta no tiene código ni enunciado: se usa el nombre del indicador como "
                "enunciado de la meta.",
                self.layout.label("goal_statement"),
            )
        if goal_code and not goal_statement:
            self.problem(
                ERROR,
                f"Falta el enunciado de la meta {goal_code}: escríbalo en «Nombre Meta».",
                self.layout.label("goal_statement"),
            )
        name_derived = not name
        if not name:
            name = goal_statement
            self.problem(
                WARNING,
                "El indicador no tiene nombre: se usa el enunciado de la meta.",
                self.layout.label("name"),
            )
        weight = self.field("weight", step=WEIGHT_STEP)
        if weight is not None and weight > 100:
            self.problem(
                ERROR,
                f"La ponderación es {percent(weight)}: no puede pasar de 100 %.",
                self.layout.label("weight"),
            )
        if weight is None and not self.failed:
            self.problem(ERROR, "Falta la ponderación del indicador.", self.layout.label("weight"))
        self.percent_cells = 0
        programmed = self.numbers("programmed")
        stated_total = self.field("stated_total")
        executed = self.numbers("executed")
        percent_like = self.percent_cells > 0
        published = self.numbers("published", negative=True, limit=MAX_PUBLISHED)
        baseline = self.field("baseline", negative=True)
        unit = self.unit(percent_like)
        annualization = self.annualization(programmed, stated_total, baseline)
        dependency = self.text("dependency", limit=200)
        notes = self.text("notes")
        if self.failed or kind is None or annualization is None or weight is None:
            return None
        return IndicatorRow(
            sheet=self.sheet,
            row=self.row,
            objective=objective,
            goal_kind=kind,
            goal_code=goal_code,
            goal_statement=goal_statement,
            code=code,
            name=name,
            annualization=annualization,
            unit=unit,
            baseline=baseline,
            weight=weight,
            stated_total=stated_total,
            annualization_inferred=self.inferred,
            unit_inferred=not self.text("unit"),
            name_derived=name_derived,
            programmed=programmed,
            executed=executed,
            published=published,
            dependency=dependency,
            notes=notes,
            columns=self.columns(),
        )

    def columns(self) -> dict[str, str]:
        """Column labels ("L (Programación Total)") for warnings raised after reading; every
        row of a sheet shares the same dict."""
        return self.layout.column_labels()

    def goal(self) -> tuple[str | None, str]:
        text = self.text("goal")
        plain = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in plain if not unicodedata.combining(c)).upper()
        match = GOAL_TEXT.match(" ".join(plain.split()))
        if not match:
            self.problem(
                ERROR,
                f"No se reconoce el tipo de meta «{text}». Escriba «META SECTORIAL 431», "
                "«META PROYECTO 04» o «META DE GESTIÓN».",
                self.layout.label("goal"),
            )
            return None, ""
        code = _not_na(text.split()[-1] if match.group("code") else "")
        if len(code) > 30:
            self.problem(ERROR, "El código de la meta pasa de 30 caracteres.", "")
        return GOAL_KINDS[match.group("kind")[0]], code

    def unit(self, percent_like: bool) -> str:
        text = self.text("unit")
        if not text:
            return Unit.PORCENTAJE if percent_like else Unit.NUMERO
        unit = UNITS.get(normalize(text))
        if unit is None:
            self.problem(
                ERROR,
                f"Unidad «{text}» desconocida: escriba «Porcentaje» o «Número».",
                self.layout.label("unit"),
            )
            return Unit.NUMERO
        return unit

    def annualization(
        self, programmed: dict[int, Decimal], total: Decimal | None, baseline: Decimal | None
    ) -> str | None:
        text = self.text("annualization")
        column = (
            self.layout.label("annualization") if "annualization" in self.layout.columns else ""
        )
        if text:
            value = ANNUALIZATIONS.get(normalize(text))
            if value is None:
                self.problem(
                    ERROR,
                    f"Anualización «{text}» desconocida: use Suma, Constante, Creciente, "
                    "Decreciente o Creciente sin línea base.",
                    column,
                )
            elif value == Annualization.DECRECIENTE and baseline is None:
                self.problem(
                    ERROR,
                    "Un indicador Decreciente necesita línea base: escríbala en «Línea base».",
                    column,
                )
                return None
            return value
        inferred = infer_annualization(programmed, total, baseline)
        if inferred is None:
            self.problem(
                ERROR,
                "No se puede deducir la anualización de la programación y el total: escríbala "
                "en la columna «Anualización».",
                column,
            )
            return None
        self.inferred = True
        self.problem(
            WARNING,
            f"Sin anualización: se deduce «{Annualization(inferred).label}» de la programación "
            "y el total.",
            column,
        )
        return inferred


def _not_na(text: str) -> str:
    return "" if len(text) <= 8 and normalize(text) in {"n/a", "na", "-", "—"} else text


# --- Checks across rows -----------------------------------------------------------------------


def _check_book(book: Book) -> None:
    for objective in book.objectives:
        _check_weights(objective, book)
    seen: dict[tuple, IndicatorRow] = {}
    for row in book.rows:
        first = seen.setdefault(row.key, row)
        if first is row:
            _check_indicator(row, book)
        elif first.objective == row.objective:
            book.problems.append(
                Problem(
                    ERROR,
                    f"El {row.label} ya está en la fila {first.row} de este objetivo.",
                    row.sheet,
                    row.row,
                )
            )
        else:
            _check_same_indicator(first, row, book)
    _check_goals(list(seen.values()), book)


def _check_weights(objective: ObjectiveSheet, book: Book) -> None:
    message = weights_finding(objective.number, [row.weight for row in objective.rows])
    if message:
        book.problems.append(Problem(WARNING, message, objective.sheet))


def _check_indicator(row: IndicatorRow, book: Book) -> None:
    series = Series(row.annualization, row.baseline, row.programmed, row.executed)
    for finding in figure_findings(series, row.stated_total, row.published):
        key = finding.key if finding.year is None else f"{finding.key}:{finding.year}"
        book.problems.append(
            Problem(
                WARNING,
                f"{row.label}: {finding.message}",
                row.sheet,
                row.row,
                row.columns.get(key, ""),
            )
        )


def _check_same_indicator(first: IndicatorRow, other: IndicatorRow, book: Book) -> None:
    """An indicator feeding two objectives is recorded once: its figures must agree."""
    fields = {
        "annualization": "la anualización",
        "unit": "la unidad",
        "baseline": "la línea base",
        "stated_total": "la programación total",
        "programmed": "la programación",
        "executed": "la ejecución",
    }
    for attr, label in fields.items():
        if getattr(first, attr) != getattr(other, attr):
            book.problems.append(
                Problem(
                    ERROR,
                    f"El {other.label} aparece también en la hoja «{first.sheet}», fila "
                    f"{first.row}, con otra cifra en {label}: un indicador se registra una sola "
                    "vez; iguale las dos filas.",
                    other.sheet,
                    other.row,
                )
            )


def _check_goals(rows: list[IndicatorRow], book: Book) -> None:
    """Two metas with different codes and the same statement (498 and 503 in the 2020 book)."""
    goals: dict[tuple[str, str], IndicatorRow] = {}
    for row in rows:
        goals.setdefault(row.goal_key, row)
    statements = [(key, row.goal_code, row.goal_statement) for key, row in goals.items()]
    for key, message in repeated_statements(statements).items():
        row = goals[key]
        book.problems.append(Problem(WARNING, message, row.sheet, row.row, "Nombre Meta"))


# --- Writing ----------------------------------------------------------------------------------

PERCENT_FORMAT = "0.00%"
WEIGHT_FORMAT = "0.00%"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
GOAL_LABELS = {
    MetaKind.SECTORIAL: "META SECTORIAL",
    MetaKind.PROYECTO: "META PROYECTO",
    MetaKind.GESTION: "META DE GESTIÓN",
}
ANNUALIZATION_LABELS = {
    Annualization.SUMA: "Suma",
    Annualization.CONSTANTE: "Constante",
    Annualization.CRECIENTE: "Creciente",
    Annualization.DECRECIENTE: "Decreciente",
    Annualization.CRECIENTE_SIN_LB: "Creciente sin línea base",
}
UNIT_LABELS = {Unit.PORCENTAJE: "Porcentaje", Unit.NUMERO: "Número"}


@dataclass(frozen=True)
class ExportRow:
    """One indicator link as the book shows it; magnitudes in the indicator's unit."""

    goal_kind: str
    goal_code: str
    goal_statement: str
    code: str
    name: str
    annualization: str
    unit: str
    baseline: Decimal | None
    weight: Decimal
    programmed: dict[int, Decimal]
    stated_total: Decimal | None
    executed: dict[int, Decimal]
    progress: dict[int, Decimal | None]
    dependency: str
    notes: str


@dataclass(frozen=True)
class ExportObjective:
    number: int
    statement: str
    rows: list[ExportRow]


def write_book(
    platform: dict[str, Any],
    objectives: list[ExportObjective],
    programmed_years: list[int],
    executed_years: list[int],
):
    """A workbook in the layout ``read_book`` reads, with native numbers and number formats.

    Write-only: rows stream to the file as they are appended, so a book of ten thousand
    indicators never sits in memory as cell objects. Save it once.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(PLATFORM_SHEET)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100
    sheet.append(["Campo", "Valor"])
    for name, label in PLATFORM_LABELS.items():
        sheet.append([label, _text(platform.get(name))])
    headers = [
        "Meta",
        "Nombre Meta",
        "Indicador",
        "Nombre Indicador",
        "Anualización",
        "Unidad",
        "Línea base",
        "Ponderación Indicador",
        *(f"Programación {year}" for year in programmed_years),
        "Programación Total",
        *(f"Magnitud Ejecutada a la vigencia {year}" for year in executed_years),
        *(f"Porcentaje avance a la vigencia {year}" for year in executed_years),
        "Dependencia responsable",
        "Notas",
    ]
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for objective in objectives:
        sheet = workbook.create_sheet(f"Objetivo {objective.number}")
        for column, width in zip("ABCD", (22, 50, 12, 50), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.append([f"Objetivo {objective.number}"])
        sheet.append([_text(objective.statement)])
        sheet.append([])
        header_cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, header)
            cell.font, cell.alignment = bold, wrap
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in objective.rows:
            values = _export_values(row, programmed_years, executed_years)
            sheet.append(_format_row(sheet, values, row, programmed_years, executed_years))
    return workbook


def _export_values(row: ExportRow, programmed_years: list[int], executed_years: list[int]):
    scale = Decimal(100) if row.unit == Unit.PORCENTAJE else Decimal(1)

    def magnitude(value: Decimal | None):
        return None if value is None else _native(value / scale)

    def progress(year: int):
        if year not in row.executed:
            return None
        value = row.progress.get(year)
        return "N/A" if value is None else _native(value)

    return [
        f"{GOAL_LABELS[row.goal_kind]} {row.goal_code}".strip(),
        _text(row.goal_statement),
        _text(row.code) or "N/A",
        _text(row.name),
        ANNUALIZATION_LABELS[row.annualization],
        UNIT_LABELS[row.unit],
        magnitude(row.baseline),
        _native(row.weight / 100),
        *(magnitude(row.programmed.get(year)) for year in programmed_years),
        magnitude(row.stated_total),
        *(magnitude(row.executed.get(year)) for year in executed_years),
        *(progress(year) for year in executed_years),
        _text(row.dependency),
        _text(row.notes),
    ]


def _text(value: Any) -> Any:
    """Text cells never start like a formula; empty text is an empty cell."""
    if isinstance(value, str):
        return spreadsheet_text(value) if value else None
    return value


def _format_row(
    sheet, values: list, row: ExportRow, programmed_years: list[int], executed_years: list[int]
) -> list:
    """The row's values, numbers as cells with their number format."""
    from openpyxl.cell import WriteOnlyCell

    first_magnitude = 6
    last_magnitude = 8 + len(programmed_years) + 1 + len(executed_years)
    cells = []
    for index, value in enumerate(values):
        if not isinstance(value, int | float):
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value)
        if index == 7 or index >= last_magnitude:
            cell.number_format = PERCENT_FORMAT
        elif first_magnitude <= index < last_magnitude:
            if row.unit == Unit.PORCENTAJE:
                cell.number_format = PERCENT_FORMAT
            elif float(value).is_integer():
                cell.number_format = INTEGER_FORMAT
            else:
                cell.number_format = DECIMAL_FORMAT
        cells.append(cell)
    return cells


def _native(value: Decimal) -> int | float:
    """Excel keeps doubles: integral values as int, the rest as the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)
