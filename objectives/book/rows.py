"""A follow-up book as plain data: what the reader returns, what the checks and the importer
read, and what the writer writes. One ``IndicatorRow`` serves both directions."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators.formatting import short_text
from objectives.checks import counts_in, same_text

ERROR = "error"
WARNING = "advertencia"


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
            where.append(_("hoja «%(sheet)s»") % {"sheet": self.sheet})
        if self.row:
            where.append(_("fila %(row)s") % {"row": self.row})
        if self.column:
            where.append(_("columna %(column)s") % {"column": self.column})
        prefix = _("Error") if self.level == ERROR else _("Advertencia")
        place = f" ({', '.join(where)})" if where else ""
        return f"{prefix}{place}: {self.message}"


def goal_key(kind: str, code: str, statement: str) -> tuple[str, str]:
    """A meta's identity: its kind and code, or, without a code, its statement."""
    return (kind, code or "≡" + same_text(statement))


def indicator_key(code: str, goal: tuple[str, str] | None, name: str) -> tuple:
    """An indicator's identity: its code, or, without a code, its meta and its name."""
    return (code,) if code else (goal, same_text(name))


@dataclass
class IndicatorRow:
    """One indicator in one objective: a data row of an objective sheet. Magnitudes are in the
    indicator's unit (percentage points for percentages); ``published`` progress in points.

    The reader fills where the row stands (``sheet``, ``row``, ``columns``) and what it had
    to deduce; the export leaves them empty."""

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
    weights: dict[int, Decimal] = field(default_factory=dict)  # a vigencia's own, in points
    programmed: dict[int, Decimal] = field(default_factory=dict)
    executed: dict[int, Decimal] = field(default_factory=dict)
    published: dict[int, Decimal] = field(default_factory=dict)
    # Planeación's profile: vigencia → corte (3, 6, 9, 12) → magnitude expected by it.
    cortes: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    # The vigencias the link counts in («Cuenta desde», «Cuenta hasta»): ``first_year`` and
    # ``last_year``, a key only where the table has the column; None, from the plan's start
    # or to its end. A table without the columns says nothing about them.
    span: dict[str, int | None] = field(default_factory=dict)
    dependency: str = ""
    notes: str = ""
    sheet: str = ""
    row: int = 0
    objective: int = 0
    annualization_inferred: bool = False
    unit_inferred: bool = False
    name_derived: bool = False
    weight_plain: bool = False  # written as a plain number: maybe a fraction (0,8935)
    columns: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def goal_key(self) -> tuple[str, str]:
        return goal_key(self.goal_kind, self.goal_code, self.goal_statement)

    @property
    def key(self) -> tuple:
        return indicator_key(self.code, self.goal_key, self.name)

    def counts_in(self, year: int) -> bool:
        """Whether the link is part of its objective in the vigencia, as the book says."""
        return counts_in(self.span.get("first_year"), self.span.get("last_year"), year)

    @property
    def reference(self) -> str:
        """How a message names the indicator: its code, or the start of its name."""
        return self.code or f"«{short_text(self.name, 60)}»"

    @property
    def label(self) -> str:
        return _("indicador %(reference)s") % {"reference": self.reference}


@dataclass(frozen=True)
class PublishedFigure:
    """The book's own figure of an objective in a vigencia («Magnitud vigencia: 100% · Avance
    vigencia: 49,02%»), in percentage points; where the reader found it, for messages."""

    year: int
    compliance: Decimal
    magnitude: Decimal | None = None
    row: int | None = None
    column: str = ""


@dataclass
class ObjectiveSheet:
    """An objective sheet: its statement, its notes (one per line), its indicator rows from
    every table of the sheet, and the book's own figure per vigencia."""

    number: int
    statement: str
    rows: list[IndicatorRow] = field(default_factory=list)
    sheet: str = ""
    notes: str = ""
    published: dict[int, PublishedFigure] = field(default_factory=dict)

    def weight_totals(self, platform: dict[str, Any]) -> list[Decimal]:
        """The weights added up; where some link starts or ends at a vigencia («Cuenta desde
        / hasta»), once per vigencia of the plan, with the links that count in it."""
        first, last = platform.get("first_year"), platform.get("last_year")
        spanned = any(value is not None for r in self.rows for value in r.span.values())
        years = range(first, last + 1) if spanned and first and last else ()
        totals = [sum((r.weight for r in self.rows if r.counts_in(y)), Decimal(0)) for y in years]
        return [total for total in totals if total] or [
            sum((r.weight for r in self.rows), Decimal(0))
        ]


@dataclass
class Book:
    platform: dict[str, Any] = field(default_factory=dict)
    objectives: list[ObjectiveSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    versions: list = field(default_factory=list)  # book.versions.VersionRow, «Reprogramaciones»
    name: str = ""  # the file's name, which the history of what it writes cites

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
