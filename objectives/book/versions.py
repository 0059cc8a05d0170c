"""The sheet «Reprogramaciones»: the history of each indicator's targets (the original and
every reprogramming, with its act), one row per version, written by the export and read back
by the import (docs/book-format.md, section 7). Plain data both ways; no model is touched."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from indicators.choices import ActKind, VersionStatus
from indicators.formatting import NumberError, from_spreadsheet_text, parse_number, spreadsheet_text
from objectives.book.columns import normalize
from objectives.book.rows import ERROR, Book, Problem

VERSIONS_SHEET = "Reprogramaciones"
PROGRAMMING = "Programación {year}"
BEFORE = (
    ("objective", "Objetivo"),
    ("code", "Indicador"),
    ("name", "Nombre Indicador"),
    ("number", "Versión"),
    ("status", "Estado"),
)
AFTER = (
    ("baseline", "Línea base"),
    ("stated_total", "Programación Total"),
    ("reason", "Motivo"),
    ("act_kind", "Acto"),
    ("act_number", "Número del acto"),
    ("act_date", "Fecha del acto"),
    ("effective_date", "Rige desde"),
    ("proposed_by", "Propuso"),
    ("approved_by", "Aprobó"),
    ("decision_note", "Nota de la decisión"),
)
STATUSES = {normalize(label): value for value, label in VersionStatus.choices}
ACTS = {normalize(label): value for value, label in ActKind.choices}
BAD_VALUE = _("«%(value)s» no es un valor válido de «%(column)s».")


@dataclass
class VersionRow:
    """One version of an indicator's targets, as the sheet carries it. Magnitudes in the
    indicator's unit (percentage points for percentages), as PEP stores them."""

    objective: int
    code: str
    name: str
    number: int
    status: str
    programming: dict[int, Decimal] = field(default_factory=dict)
    baseline: Decimal | None = None
    stated_total: Decimal | None = None
    reason: str = ""
    act_kind: str = ""
    act_number: str = ""
    act_date: datetime.date | None = None
    effective_date: datetime.date | None = None
    proposed_by: str = ""
    approved_by: str = ""
    decision_note: str = ""
    row: int = 0


def header(years: Iterable[int]) -> list[str]:
    programming = [PROGRAMMING.format(year=year) for year in years]
    return [label for _, label in BEFORE] + programming + [label for _, label in AFTER]


def cells(version: VersionRow, years: Iterable[int]) -> list[Any]:
    """The row's values: numbers as numbers, dates as dates, choices by their label."""
    values: list[Any] = [
        version.objective,
        _text(version.code),
        _text(version.name),
        version.number,
        str(VersionStatus(version.status).label),
    ]
    values += [_number(version.programming.get(year)) for year in years]
    values += [_number(version.baseline), _number(version.stated_total), _text(version.reason)]
    values.append(str(ActKind(version.act_kind).label) if version.act_kind else None)
    values += [_text(version.act_number), version.act_date, version.effective_date]
    values += [_text(version.proposed_by), _text(version.approved_by)]
    values.append(_text(version.decision_note))
    return values


def read_versions(rows: Iterable[tuple[int, list[Any]]], book: Book) -> list[VersionRow]:
    """The sheet's versions; a row with a bad value is an error that names its cell."""
    found, columns = [], None
    for number, cells_ in rows:
        values = [cell.value for cell in cells_]
        if columns is None:
            columns = {normalize(v): i for i, v in enumerate(values) if v is not None}
            continue
        if not any(v not in (None, "") for v in values):
            continue
        version = _row(values, columns, number, book)
        if version is not None:
            found.append(version)
    return found


def _row(values: list[Any], columns: dict[str, int], row: int, book: Book) -> VersionRow | None:
    def get(label: str) -> Any:
        index = columns.get(normalize(label))
        return values[index] if index is not None and index < len(values) else None

    problems = len(book.problems)

    def fail(label: str) -> None:
        message = BAD_VALUE % {"value": get(label), "column": label}
        book.problems.append(Problem(ERROR, message, VERSIONS_SHEET, row, label))

    programming = {}
    for key, index in columns.items():
        year = _programming_year(key)
        if year is not None and index < len(values) and values[index] not in (None, ""):
            programming[year] = _decimal(values[index], PROGRAMMING.format(year=year), fail)
    status = STATUSES.get(normalize(get("Estado") or ""))
    act = get("Acto")
    act_kind = ACTS.get(normalize(act)) if act else ""
    for label, ok in (("Estado", status), ("Acto", act_kind is not None)):
        if not ok:
            fail(label)
    version = VersionRow(
        objective=_integer(get("Objetivo"), "Objetivo", fail),
        code=_plain(get("Indicador")),
        name=_plain(get("Nombre Indicador")),
        number=_integer(get("Versión"), "Versión", fail),
        status=status or "",
        programming=programming,
        baseline=_decimal(get("Línea base"), "Línea base", fail),
        stated_total=_decimal(get("Programación Total"), "Programación Total", fail),
        reason=_plain(get("Motivo")),
        act_kind=act_kind or "",
        act_number=_plain(get("Número del acto")),
        act_date=_date(get("Fecha del acto"), "Fecha del acto", fail),
        effective_date=_date(get("Rige desde"), "Rige desde", fail),
        proposed_by=_plain(get("Propuso")),
        approved_by=_plain(get("Aprobó")),
        decision_note=_plain(get("Nota de la decisión")),
        row=row,
    )
    return version if len(book.problems) == problems else None


def _programming_year(key: str) -> int | None:
    prefix = normalize(PROGRAMMING.format(year=""))
    rest = key[len(prefix) :] if key.startswith(prefix) else ""
    return int(rest) if rest.isdigit() and len(rest) == 4 else None


def _plain(value: Any) -> str:
    return "" if value is None else from_spreadsheet_text(str(value).strip())


def _text(value: str) -> str | None:
    return spreadsheet_text(value) if value else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _decimal(value: Any, label: str, fail) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        parsed, _percent = parse_number(value if isinstance(value, int | float) else str(value))
    except NumberError:
        fail(label)
        return None
    return parsed


def _integer(value: Any, label: str, fail) -> int:
    number = _decimal(value, label, fail)
    if number is None or number != number.to_integral_value() or number < 1:
        fail(label)
        return 0
    return int(number)


def _date(value: Any, label: str, fail) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        fail(label)
        return None
