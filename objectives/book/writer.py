"""Writing a plan as a follow-up book, in the layout ``read_book`` reads (``columns``): native
numbers with their number formats, text that never runs as a formula."""

from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from indicators.choices import Corte, Unit
from indicators.formatting import NA, spreadsheet_text
from indicators.models import CorteProgramming
from indicators.progress import vigencia_progress
from indicators.targets import TargetVersion
from objectives.book.columns import (
    ANNUALIZATION_WORDS,
    BULLET,
    COLUMNS,
    GOAL_WORDS,
    MAGNITUDE,
    NOTE_START,
    NOTES_HEADING,
    OBJECTIVE_SHEET,
    PLATFORM,
    PLATFORM_SHEET,
    RATIO,
    SUMMARY_MAGNITUDE,
    SUMMARY_PROGRESS,
    UNIT_WORDS,
    Column,
    CorteColumn,
    YearColumn,
)
from objectives.book.rows import Book, IndicatorRow, ObjectiveSheet, PublishedFigure
from objectives.book.versions import VERSIONS_SHEET, VersionRow
from objectives.book.versions import cells as version_cells
from objectives.book.versions import header as versions_header
from objectives.figures import plan_figures
from objectives.models import Closure, Plan, PublishedCompliance, Weight

PERCENT_FORMAT = "0.00%"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.00"
DATE_FORMAT = "dd/mm/yyyy"
# Which vigencias each yearly column is written for; per-corte columns, for the vigencias
# where Planeación set a profile of some indicator (T1…T4 each, blank where none is set).
PROGRAMMED, EXECUTED, WEIGHTS, CORTES = "programmed", "executed", "weights", "cortes"
YEARS_OF = {
    "weights": WEIGHTS,
    "programmed": PROGRAMMED,
    "executed": EXECUTED,
    "published": EXECUTED,
    "cortes": CORTES,
}
Where = int | tuple[int, int] | None  # a column's vigencia, or (vigencia, corte)
# The vigencias a link counts in: written for every link once one of the plan's has them, so
# that an empty cell, «from the plan's start» or «to its end», is said for each link.
SPAN = ("first_year", "last_year")


def plan_book(plan: Plan) -> Workbook:
    """The plan as a follow-up book (openpyxl Workbook), in the layout import_book reads.

    The book's "Magnitud ejecutada a la vigencia" is the 31 December corte: earlier cortes of
    a vigencia in progress stay in PEP and are not written as if the year had closed. The
    "Porcentaje avance" is the published figure where the book gave one, else PEP's own. Each
    objective's «Avance vigencia» line is the book's published figure, else a closed
    vigencia's official one; its notes follow the table.
    """
    years = {PROGRAMMED: set(plan.years), EXECUTED: set(), WEIGHTS: set()}
    objectives = []
    published = _published(plan)
    profiles = _profiles(plan)
    years[CORTES] = {year for profile in profiles.values() for year in profile}
    for figures in plan_figures(plan):
        rows = []
        for lf in figures.links:
            indicator, series = lf.weight.indicator, lf.series
            years[EXECUTED] |= set(lf.figures.december)
            years[PROGRAMMED] |= set(series.programmed)
            own = dict(lf.weight.year_weights)
            years[WEIGHTS] |= set(own)
            rows.append(
                IndicatorRow(
                    goal_kind=indicator.goal.kind,
                    goal_code=indicator.goal.code,
                    goal_statement=indicator.goal.statement,
                    code=indicator.code,
                    name=indicator.name,
                    annualization=indicator.annualization,
                    unit=indicator.unit,
                    baseline=indicator.baseline,
                    weight=lf.weight.weight,
                    weights=own,
                    stated_total=indicator.stated_total,
                    programmed=dict(series.programmed),
                    executed=lf.figures.december,
                    published=lf.figures.published,
                    cortes=profiles.get(indicator.pk, {}),
                    span={"first_year": lf.weight.first_year, "last_year": lf.weight.last_year},
                    dependency=indicator.dependency,
                    notes=indicator.notes,
                )
            )
        objective = figures.objective
        objectives.append(
            ObjectiveSheet(
                objective.number,
                objective.statement,
                rows,
                notes=objective.notes,
                published=published.get(objective.number, {}),
            )
        )
    platform = {field.key: getattr(plan, field.key) for field in PLATFORM}
    book = Book(platform, objectives, versions=_versions(plan, objectives))
    return write_book(book, {k: sorted(v) for k, v in years.items()})


def _versions(plan: Plan, objectives: list[ObjectiveSheet]) -> list[VersionRow]:
    """The «Reprogramaciones» sheet: every version of the targets of the plan's indicators,
    each under the first objective it feeds (one query)."""
    first: dict[tuple, int] = {}
    for objective in objectives:
        for row in objective.rows:
            first.setdefault((row.code, row.name), objective.number)
    versions = TargetVersion.objects.filter(indicator__weights__objective__plan=plan)
    found = []
    rows = versions.select_related("indicator", "proposed_by", "approved_by").distinct()
    for version in rows.order_by("indicator_id", "number"):
        indicator = version.indicator
        objective = first.get((indicator.code, indicator.name))
        if objective is not None:
            found.append(_version_row(version, objective))
    return found


def _version_row(version: TargetVersion, objective: int) -> VersionRow:
    return VersionRow(
        objective=objective,
        code=version.indicator.code,
        name=version.indicator.name,
        number=version.number,
        status=version.status,
        programming=version.programmed,
        baseline=version.baseline,
        stated_total=version.stated_total,
        reason=version.reason,
        act_kind=version.act_kind,
        act_number=version.act_number,
        act_date=version.act_date,
        effective_date=version.effective_date,
        proposed_by=version.proposed_by.get_username() if version.proposed_by else "",
        approved_by=version.approved_by.get_username() if version.approved_by else "",
        decision_note=version.decision_note,
    )


def _profiles(plan: Plan) -> dict[int, dict[int, dict[int, Decimal]]]:
    """Indicator id → vigencia → corte → the magnitude Planeación expects by it (one query)."""
    found: dict[int, dict[int, dict[int, Decimal]]] = {}
    linked = Weight.objects.filter(objective__plan=plan).values("indicator_id")
    rows = CorteProgramming.objects.filter(indicator__in=linked)
    for indicator, year, corte, value in rows.values_list("indicator_id", "year", "corte", "value"):
        found.setdefault(indicator, {}).setdefault(year, {})[corte] = value
    return found


def _published(plan: Plan) -> dict[int, dict[int, PublishedFigure]]:
    """Each objective's figure per vigencia, by number: the one the book published, else the
    official one of a closed vigencia (two queries)."""
    found: dict[int, dict[int, PublishedFigure]] = {}
    for closure in Closure.objects.closed().filter(plan=plan):
        for objective in closure.snapshot.get("objectives", []):
            if objective.get("compliance") is not None:
                figure = PublishedFigure(closure.year, Decimal(str(objective["compliance"])))
                found.setdefault(objective["number"], {})[closure.year] = figure
    rows = PublishedCompliance.objects.filter(objective__plan=plan).values_list(
        "objective__number", "year", "compliance", "magnitude"
    )
    for number, year, compliance, magnitude in rows:
        found.setdefault(number, {})[year] = PublishedFigure(year, compliance, magnitude)
    return found


def write_book(book: Book, years: dict[str, list[int]]) -> Workbook:
    """A workbook of ``book``, with a column per vigencia of ``years[PROGRAMMED]`` and of
    ``years[EXECUTED]``.

    Write-only: rows stream to the file as they are appended, so a book of ten thousand
    indicators never sits in memory as cell objects. Save it once.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(PLATFORM_SHEET)
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 100
    sheet.append(["Campo", "Valor"])
    for field in PLATFORM:
        sheet.append([field.label, _platform_value(sheet, book.platform.get(field.key))])
    spanned = any(year is not None for row in book.rows for year in row.span.values())
    columns = _columns(years, spanned)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for objective in book.objectives:
        sheet = workbook.create_sheet(OBJECTIVE_SHEET.format(number=objective.number))
        for column, width in zip("ABCD", (22, 50, 12, 50), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.append([OBJECTIVE_SHEET.format(number=objective.number)])
        sheet.append([_text(objective.statement)])
        sheet.append([])
        header_cells = []
        for _, header, _ in columns:
            cell = WriteOnlyCell(sheet, header)
            cell.font, cell.alignment = bold, wrap
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in objective.rows:
            sheet.append([_cell(sheet, row, column, year) for column, _, year in columns])
        if objective.published:
            sheet.append([])
        for year, figure in sorted(objective.published.items()):
            sheet.append(_summary(sheet, year, figure))
        if objective.notes:
            sheet.append([])
            sheet.append([NOTES_HEADING])
            for note in objective.notes.splitlines():
                sheet.append([_text(note if NOTE_START.match(note) else BULLET + note)])
    if book.versions:
        sheet = workbook.create_sheet(VERSIONS_SHEET)
        heading = []
        for text in versions_header(years[PROGRAMMED]):
            cell = WriteOnlyCell(sheet, text)
            cell.font = bold
            heading.append(cell)
        sheet.append(heading)
        for version in book.versions:
            sheet.append(version_cells(version, years[PROGRAMMED]))
    return workbook


def _platform_value(sheet, value: Any) -> Any:
    """A field's value; a date (the plan's start) as a date cell, day/month/year."""
    if not isinstance(value, date):
        return _text(value)
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = DATE_FORMAT
    return cell


def _summary(sheet, year: int, figure: PublishedFigure) -> list:
    """«Magnitud vigencia 2020:» 100 % «Avance vigencia 2020:» 49,02 %, numbers as numbers."""
    cells: list = []
    for label, value in (
        (SUMMARY_MAGNITUDE, figure.magnitude),
        (SUMMARY_PROGRESS, figure.compliance),
    ):
        if value is None:
            continue
        cell = WriteOnlyCell(sheet, _native(value / 100))
        cell.number_format = PERCENT_FORMAT
        cells += [f"{label} {year}:", cell]
    return cells


def _columns(
    years: dict[str, list[int]], spanned: bool
) -> list[tuple[Column | YearColumn, str, Where]]:
    """(column, header, vigencia or (vigencia, corte)) for every column of an objective sheet,
    in order; «Cuenta desde» and «Cuenta hasta» only when some link has a span (``spanned``)."""
    found: list[tuple[Column | YearColumn, str, Where]] = []
    for column in COLUMNS:
        if column.key in SPAN and not spanned:
            continue
        if isinstance(column, YearColumn):
            found += [(column, column.label(y), y) for y in years.get(YEARS_OF[column.key], [])]
        elif isinstance(column, CorteColumn):
            found += [
                (column, column.label(y, c), (y, c))
                for y in years.get(YEARS_OF[column.key], [])
                for c in Corte.values
            ]
        else:
            found.append((column, column.written, None))
    return found


def _cell(sheet, row: IndicatorRow, column: Column | YearColumn | CorteColumn, year: Where) -> Any:
    """The row's value in ``column``; numbers as cells with their number format."""
    value = _value(row, column.key, year)
    if not isinstance(value, int | float):
        return value
    cell = WriteOnlyCell(sheet, value)
    if column.format == RATIO or (column.format == MAGNITUDE and row.unit == Unit.PORCENTAJE):
        cell.number_format = PERCENT_FORMAT
    elif column.format == MAGNITUDE:
        cell.number_format = INTEGER_FORMAT if float(value).is_integer() else DECIMAL_FORMAT
    return cell


def _value(row: IndicatorRow, key: str, year: Any) -> Any:
    match key:
        case "goal":
            return f"{GOAL_WORDS[row.goal_kind]} {row.goal_code}".strip()
        case "code":
            return _text(row.code) or NA
        case "annualization":
            return ANNUALIZATION_WORDS[row.annualization][0]
        case "unit":
            return UNIT_WORDS[row.unit][0]
        case "weight":
            return _native(row.weight / 100)
        case "first_year" | "last_year":
            return row.span.get(key)
        case "weights":
            own = row.weights.get(year)
            return None if own is None else _native(own / 100)
        case "baseline" | "stated_total":
            return _magnitude(row, getattr(row, key))
        case "programmed" | "executed":
            return _magnitude(row, getattr(row, key).get(year))
        case "published":
            return _progress(row, year)
        case "cortes":
            vigencia, corte = year
            return _magnitude(row, row.cortes.get(vigencia, {}).get(corte))
    return _text(getattr(row, key))


def _magnitude(row: IndicatorRow, value: Decimal | None) -> int | float | None:
    scale = Decimal(100) if row.unit == Unit.PORCENTAJE else Decimal(1)
    return None if value is None else _native(value / scale)


def _progress(row: IndicatorRow, year: int) -> int | float | str | None:
    """The published progress where the book gave one, else PEP's own; N/A when the vigencia
    was not programmed. Only vigencias with execution have one."""
    if year not in row.executed:
        return None
    if year in row.published:
        return _native(row.published[year] / 100)
    progress = vigencia_progress(
        row.annualization, row.programmed.get(year), row.executed[year], row.baseline
    )
    return NA if progress is None else _native(progress)


def _text(value: Any) -> Any:
    """Text cells never start like a formula; empty text is an empty cell."""
    if isinstance(value, str):
        return spreadsheet_text(value) if value else None
    return value


def _native(value: Decimal) -> int | float:
    """Excel keeps doubles: integral values as int, the rest as the nearest float."""
    return int(value) if value == value.to_integral_value() else float(value)
