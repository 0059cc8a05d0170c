"""The follow-up book's layout (docs/book-format.md), written once for both directions: the
reader finds sheets and columns by these names and cites them in its messages, the writer
writes the same names in the same order. Adding a column is adding it here."""

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from indicators.choices import Annualization, MetaKind, Unit

PLATFORM_SHEET = "Plataforma"
OBJECTIVE_SHEET = "Objetivo {number}"
SHEET_NAME = re.compile(r"^objetivo\s*(\d+)$", re.IGNORECASE)

# How the export formats a numeric column: a magnitude in the indicator's unit, or a ratio
# written as a percentage (weights and progress).
TEXT, MAGNITUDE, RATIO = "text", "magnitude", "ratio"


def normalize(text: Any) -> str:
    """Header text without case, accents, spaces or breaks: "Anualización" → "anualizacion"."""
    return _normalize(str(text))


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
)


@dataclass(frozen=True)
class Column:
    """A column of an objective sheet. ``label`` is the 2020 book's header, which messages
    cite; ``header`` is what the export writes when it differs. The reader accepts both."""

    key: str
    label: str
    format: str = TEXT
    required: bool = False
    header: str = ""

    @property
    def written(self) -> str:
        return self.header or self.label


@dataclass(frozen=True)
class YearColumn:
    """One column per vigencia: "Programación 2020", "Programación 2021"…"""

    key: str
    template: str
    format: str = MAGNITUDE

    def label(self, year: int) -> str:
        return self.template.format(year=year)

    @property
    def pattern(self) -> re.Pattern[str]:
        prefix, _, suffix = normalize(self.template).partition("{year}")
        return re.compile(f"^{re.escape(prefix)}(\\d{{4}}){re.escape(suffix)}$")


COLUMNS: tuple[Column | YearColumn, ...] = (
    Column("goal", "Meta", required=True),
    Column("goal_statement", "Nombre Meta", required=True),
    Column("code", "Indicador Sectorial", required=True, header="Indicador"),
    Column("name", "Nombre Indicador", required=True),
    Column("annualization", "Anualización"),
    Column("unit", "Unidad"),
    Column("baseline", "Línea base", MAGNITUDE),
    Column("weight", "Ponderación Indicador", RATIO, required=True),
    YearColumn("programmed", "Programación {year}"),
    Column("stated_total", "Programación Total", MAGNITUDE, required=True),
    YearColumn("executed", "Magnitud Ejecutada a la vigencia {year}"),
    YearColumn("published", "Porcentaje avance a la vigencia {year}", RATIO),
    Column("dependency", "Dependencia responsable"),
    Column("notes", "Notas"),
)
SINGLE = {c.key: c for c in COLUMNS if isinstance(c, Column)}
YEARLY = {c.key: c for c in COLUMNS if isinstance(c, YearColumn)}
HEADER_ROW_MARK = normalize(SINGLE["name"].label)  # the row whose cell says "Nombre Indicador"
# Normalised header → column key, for the reader.
HEADERS = {normalize(text): c.key for c in SINGLE.values() for text in (c.label, c.written)}

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
            col, text = self.columns[key], SINGLE[key].label
        else:
            col, text = self.years[key][year], YEARLY[key].label(year)
        return f"{get_column_letter(col + 1)} ({text})"
