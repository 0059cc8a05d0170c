"""The follow-up book's layout (docs/book-format.md), written once for both directions: the
reader finds sheets and columns by these names and cites them in its messages, the writer
writes the same names in the same order. Adding a column is adding it here."""

import functools
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from indicators.choices import Annualization, Corte, MetaKind, Unit

PLATFORM_SHEET = "Plataforma"
OBJECTIVE_SHEET = "Objetivo {number}"
# An objective sheet's name, read without case, accents, spaces, dots, dashes or «°»:
# «Objetivo 3», «OBJETIVO 3», «Obj. 3», «OE 3», «O.E. 3», «Objetivo estratégico 3», «Objetivo N° 3».
SHEET_NAME = re.compile(r"^(?:objetivo(?:estrategico)?|obj|oe)(?:no|n)?(\d+)$")
SHEET_NAME_NOISE = re.compile(r"[\s._\-–°º#:]+")
SHEET_EXAMPLES = "«Objetivo 1», «Obj. 1», «OE 1» u «Objetivo estratégico 1»"

# How the export formats a numeric column: a magnitude in the indicator's unit, or a ratio
# written as a percentage (weights and progress).
TEXT, MAGNITUDE, RATIO = "text", "magnitude", "ratio"
# A vigencia in a cell (a link's «Cuenta desde»): a plain number, 2022, never 2.022.
YEAR = "year"
# A year as typed: four digits, maybe with a thousands point («2.020»).
YEAR_TEXT = re.compile(r"^\d\.?\d{3}$")


def normalize(text: Any) -> str:
    """Header text without case, accents, spaces or breaks: "Anualización" → "anualizacion"."""
    return _normalize(str(text))


def sheet_number(name: str) -> int | None:
    """The objective number a sheet's name gives («Obj. 3» → 3), or None."""
    match = SHEET_NAME.match(SHEET_NAME_NOISE.sub("", normalize(name)))
    return int(match.group(1)) if match else None


def year_number(value: Any) -> int | None:
    """A year as a cell holds it: a whole number (2022, 2022.0) or its text, maybe with a
    thousands point («2.022»); None when the cell holds anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        whole = math.isfinite(value) and value == int(value) and 1000 <= value <= 9999
        return int(value) if whole else None
    text = value.strip().removesuffix(".0") if isinstance(value, str) else ""
    return int(text.replace(".", "")) if YEAR_TEXT.match(text) else None


@functools.lru_cache(maxsize=4096)  # a book repeats its few words ("Suma", "Número") in every row
def _normalize(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", "", plain).casefold()


@dataclass(frozen=True)
class Field:
    """A row of the Plataforma sheet: its label in column A, its value in column B."""

    key: str
    label: str
    required: bool = False


PLATFORM = (
    Field("entity", "Entidad", required=True),
    Field("name", "Plan", required=True),
    Field("first_year", "Vigencia inicial", required=True),
    Field("last_year", "Vigencia final", required=True),
    Field("mission", "Misión"),
    Field("vision", "Visión"),
    Field("adoption_act", "Acto de adopción"),
    # The month the plan started, when mid-year (the 2020–2024 plan began in June 2020): what
    # is expected by a corte of its first vigencia counts months from it (indicators.expected).
    Field("starts_on", "Inicio del plan"),
)


@dataclass(frozen=True)
class Column:
    """A column of an objective sheet. ``label`` is the 2020 book's header, which messages
    cite; ``header`` is what the export writes when it differs; ``synonyms`` are other usual
    typings. The reader accepts them all."""

    key: str
    label: str
    format: str = TEXT
    required: bool = False
    header: str = ""
    synonyms: tuple[str, ...] = ()

    @property
    def written(self) -> str:
        return self.header or self.label

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, self.written, *self.synonyms)


@dataclass(frozen=True)
class YearColumn:
    """One column per vigencia: "Programación 2020", "Programación 2021"… The year may be
    typed with a thousands point («Programación 2.020»)."""

    key: str
    template: str
    format: str = MAGNITUDE
    synonyms: tuple[str, ...] = ()

    def label(self, year: int) -> str:
        return self.template.format(year=year)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The pattern of the header the export writes («programacion2020»)."""
        return self.patterns[0]

    @functools.cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        found = []
        for template in (self.template, *self.synonyms):
            prefix, _, suffix = normalize(template).partition("{year}")
            found.append(re.compile(f"^{re.escape(prefix)}(\\d\\.?\\d{{3}}){re.escape(suffix)}$"))
        return tuple(found)

    def year(self, key: str) -> int | None:
        """The vigencia a normalised header names for this column («programacion2.020» → 2020)."""
        for pattern in self.patterns:
            if match := pattern.match(key):
                return int(match.group(1).replace(".", ""))
        return None


# A corte as the book writes it: T1 is 31 March … T4 is 31 December.
QUARTERS = {corte: corte // 3 for corte in Corte.values}
BY_QUARTER = {quarter: corte for corte, quarter in QUARTERS.items()}


@dataclass(frozen=True)
class CorteColumn:
    """One column per vigencia and corte: «Programación 2021 T2» is the magnitude expected by
    30 June 2021 (``CorteProgramming``: cumulative inside the vigencia, in the indicator's
    unit). The year may be typed with a thousands point, as in a yearly column."""

    key: str
    template: str
    format: str = MAGNITUDE
    synonyms: tuple[str, ...] = ()

    def label(self, year: int, corte: int) -> str:
        return self.template.format(year=year, quarter=QUARTERS[corte])

    @functools.cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        found = []
        for template in (self.template, *self.synonyms):
            text = re.escape(normalize(template))
            text = text.replace(re.escape("{year}"), r"(?P<year>\d\.?\d{3})")
            text = text.replace(re.escape("{quarter}"), "(?P<q>[1-4])")
            found.append(re.compile(f"^{text}$"))
        return tuple(found)

    def corte(self, key: str) -> tuple[int, int] | None:
        """(vigencia, corte) a normalised header names («programacion2021t2» → (2021, 6))."""
        for pattern in self.patterns:
            if match := pattern.match(key):
                return int(match["year"].replace(".", "")), BY_QUARTER[int(match["q"])]
        return None


COLUMNS: tuple[Column | YearColumn | CorteColumn, ...] = (
    Column("goal", "Meta", required=True, synonyms=("Tipo de meta",)),
    Column(
        "goal_statement",
        "Nombre Meta",
        required=True,
        synonyms=("Nombre de la meta", "Enunciado de la meta", "Descripción de la meta"),
    ),
    Column(
        "code",
        "Indicador Sectorial",
        required=True,
        header="Indicador",
        synonyms=("Código Indicador", "Código del indicador", "Código", "Cód. indicador"),
    ),
    Column("name", "Nombre Indicador", required=True, synonyms=("Nombre del indicador",)),
    Column("annualization", "Anualización", synonyms=("Tipo de anualización",)),
    Column("unit", "Unidad", synonyms=("Unidad de medida",)),
    Column("baseline", "Línea base", MAGNITUDE, synonyms=("Línea de base", "LB")),
    Column(
        "weight",
        "Ponderación Indicador",
        RATIO,
        required=True,
        synonyms=("Ponderación", "Ponderación del indicador", "Ponderación (%)", "Peso"),
    ),
    # A vigencia's own weight, where it differs from «Ponderación Indicador» (docs/book-format.md).
    YearColumn("weights", "Ponderación {year}", RATIO, synonyms=("Peso {year}",)),
    # The vigencias the link counts in, where it does not count in all the plan's: an
    # indicator added in 2022, or retired after 2023 (docs/book-format.md).
    Column(
        "first_year",
        "Cuenta desde (vigencia)",
        YEAR,
        synonyms=(
            "Cuenta desde",
            "Cuenta desde la vigencia",
            "Vigencia inicial",
            "Vigencia inicial del indicador",
            "Desde la vigencia",
        ),
    ),
    Column(
        "last_year",
        "Cuenta hasta (vigencia)",
        YEAR,
        synonyms=(
            "Cuenta hasta",
            "Cuenta hasta la vigencia",
            "Vigencia final",
            "Vigencia final del indicador",
            "Hasta la vigencia",
        ),
    ),
    YearColumn("programmed", "Programación {year}", synonyms=("Programado {year}", "Meta {year}")),
    # Planeación's profile of a vigencia, where it set one (docs/book-format.md).
    CorteColumn(
        "cortes",
        "Programación {year} T{quarter}",
        synonyms=(
            "Programación {year}-T{quarter}",
            "Programación T{quarter} {year}",
            "Prog. {year} T{quarter}",
            "Programado {year} T{quarter}",
            "Meta {year} T{quarter}",
        ),
    ),
    Column(
        "stated_total",
        "Programación Total",
        MAGNITUDE,
        required=True,
        synonyms=(
            "Total Cuatrienio",
            "Meta Total",
            "Meta Cuatrienio",
            "Programación Cuatrienio",
            "Total Programado",
        ),
    ),
    YearColumn(
        "executed",
        "Magnitud Ejecutada a la vigencia {year}",
        synonyms=(
            "Magnitud Ejecutada {year}",
            "Magnitud Ejecutada vigencia {year}",
            "Ejecución {year}",
            "Ejecutado {year}",
        ),
    ),
    YearColumn(
        "published",
        "Porcentaje avance a la vigencia {year}",
        RATIO,
        synonyms=(
            "Porcentaje avance {year}",
            "Porcentaje de avance {year}",
            "Porcentaje de avance a la vigencia {year}",
            "% avance {year}",
            "% de avance {year}",
            "Avance {year}",
        ),
    ),
    Column("dependency", "Dependencia responsable", synonyms=("Dependencia", "Responsable")),
    Column("notes", "Notas", synonyms=("Observaciones",)),
)
SINGLE = {c.key: c for c in COLUMNS if isinstance(c, Column)}
YEARLY = {c.key: c for c in COLUMNS if isinstance(c, YearColumn)}
PER_CORTE = {c.key: c for c in COLUMNS if isinstance(c, CorteColumn)}
# Normalised header → column key, for the reader.
HEADERS = {normalize(text): c.key for c in SINGLE.values() for text in c.names}
# A row with a cell saying "Nombre Indicador" (or a synonym) is a table's header row.
HEADER_ROW_MARKS = frozenset(normalize(text) for text in SINGLE["name"].names)
# Above or below a table: the book's own objective figure for the vigencia, in one cell or
# two («Magnitud vigencia: 100%» | «Avance vigencia: 49,02%»); the export writes the year.
SUMMARY_MAGNITUDE = "Magnitud vigencia"
SUMMARY_PROGRESS = "Avance vigencia"
SUMMARY_LABEL = re.compile(
    r"(?P<label>magnitud|avance)\s+(?:de\s+la\s+)?vigencia\s*(?P<year>(?:19|20)\d\d|[12]\.\d{3})?"
    r"\s*:?\s*"
    r"(?P<value>-?[\d.,]+\s*%?)?",
    re.IGNORECASE,
)
# The objective's notes: rows starting with «Nota», «Notas», «Fuente» or a bullet, above or
# below the table. The export writes the heading, then one note per row.
NOTES_HEADING = "Notas:"
NOTE_START = re.compile(r"^(?:[•·▪◦‣*\-–—]|notas?\d*\b|fuentes?\b)", re.IGNORECASE)
BULLET = "• "
# The rows above the table that title it: «Metas e indicadores Objetivo 1», «Objetivo 1»,
# «OE 1: …» (what follows the number is the statement).
TITLE = re.compile(
    r"^(?P<title>(?:metas\s+e\s+indicadores(?:\s+del?)?)?\s*"
    r"(?:(?:objetivo(?:\s+estrat[eé]gico)?|obj\.?|o\.?\s?e\.?)\s*(?:n[°º.o]?\s*)?\d+\b)?)"
    r"[\s:.\-–]*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def title_rest(text: str) -> str | None:
    """The statement that follows a title («OE 2: Implementar…» → «Implementar…», «Objetivo 1»
    → ""), or None when the text is not a title."""
    match = TITLE.match(text.strip())
    return match.group("rest") if match and match.group("title").strip() else None


# The words of the book's closed vocabularies; the first is the one the export writes.
ANNUALIZATION_WORDS = {
    Annualization.SUMA: ("Suma",),
    Annualization.CONSTANTE: ("Constante",),
    Annualization.CRECIENTE: ("Creciente",),
    Annualization.DECRECIENTE: ("Decreciente",),
    Annualization.CRECIENTE_SIN_LB: ("Creciente sin línea base",),
}
UNIT_WORDS = {
    Unit.PORCENTAJE: ("Porcentaje", "%", "Puntos porcentuales"),
    Unit.NUMERO: ("Número", "Cantidad", "Unidades"),
}
GOAL_WORDS = {
    MetaKind.SECTORIAL: "META SECTORIAL",
    MetaKind.PROYECTO: "META PROYECTO",
    MetaKind.GESTION: "META DE GESTIÓN",
}
# How the reader recognises a meta's kind and code: "META SECTORIAL 431", "Meta proyecto de
# inversión 04", "META DE GESTIÓN" (read without accents, in capitals).
GOAL_TEXT = re.compile(
    r"^META\s+(?P<kind>SECTORIAL|PROYECTO(?:\s+DE\s+INVERSION)?|DE\s+GESTION)"
    r"(?:\s+(?:NO\.?|N°|Nº)?\s*(?P<code>[\w./-]+))?$"
)
GOAL_KINDS = {"S": MetaKind.SECTORIAL, "P": MetaKind.PROYECTO, "D": MetaKind.GESTION}


def _reading(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalize(word): value for value, texts in words.items() for word in texts}


ANNUALIZATIONS = _reading(ANNUALIZATION_WORDS)
UNITS = _reading(UNIT_WORDS)


@dataclass
class Layout:
    """Where a sheet's columns are: key → index, and for yearly columns key → year → index."""

    header_row: int
    columns: dict[str, int] = field(default_factory=dict)
    years: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    # For per-corte columns: key → (year, corte) → index.
    cortes: dict[str, dict[tuple[int, int], int]] = field(default_factory=lambda: defaultdict(dict))
    labels: dict[tuple[str, int | None, int | None], str] = field(default_factory=dict)
    all_labels: dict[str, str] = field(default_factory=dict)
    # Columns inside the header row with no header: index → letter. Data there is not read.
    blank: dict[int, str] = field(default_factory=dict)

    def label(self, key: str, year: int | None = None, corte: int | None = None) -> str:
        """How a message names a column: "I (Programación 2020)"; made once per column."""
        if (key, year, corte) not in self.labels:
            self.labels[key, year, corte] = self._label(key, year, corte)
        return self.labels[key, year, corte]

    def column_labels(self) -> dict[str, str]:
        if not self.all_labels:
            self.all_labels = {key: self.label(key) for key in self.columns}
            for kind, years in self.years.items():
                for year in years:
                    self.all_labels[f"{kind}:{year}"] = self.label(kind, year)
            for kind, cortes in self.cortes.items():
                for year, corte in cortes:
                    self.all_labels[f"{kind}:{year}:{corte}"] = self.label(kind, year, corte)
        return self.all_labels

    def _label(self, key: str, year: int | None, corte: int | None = None) -> str:
        if corte is not None:
            col, text = self.cortes[key][year, corte], PER_CORTE[key].label(year, corte)
        elif year is None:
            col, text = self.columns[key], SINGLE[key].label
        else:
            col, text = self.years[key][year], YEARLY[key].label(year)
        return f"{get_column_letter(col + 1)} ({text})"
