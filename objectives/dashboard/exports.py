"""The indicators list as files a planning office hands on: an Excel book whose sheet
«Indicadores» opens with a heading (entity, plan, vigencia, corte, filters, date) and holds
numbers as numbers (percentages with a % format), and a CSV in the Colombian spreadsheet
convention (``;`` between fields, decimal comma, UTF-8 with BOM), documented in
docs/user-guide.md. Text bound for a cell never starts like a formula."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from indicators.formatting import code_text, plain_number, round_half_up, spreadsheet_text
from objectives.choices import Semaforo
from objectives.dashboard.indicator_selectors import ListRow

SHEET = gettext_lazy("Indicadores")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX_TYPE}
MAGNITUDE_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"


@dataclass(frozen=True)
class Column:
    header: Any
    value: Callable[[ListRow], Any]
    kind: str = "text"  # "text", "magnitude" or "percent" (a ratio)
    width: int = 14


def _goal(row: ListRow) -> str:
    goal = row.indicator.goal
    return f"{goal.get_kind_display()} {goal.code}".strip()


COLUMNS = (
    Column(gettext_lazy("Código"), lambda r: code_text(r.indicator.code), width=12),
    Column(gettext_lazy("Indicador"), lambda r: r.indicator.name, width=60),
    Column(gettext_lazy("Meta"), _goal, width=26),
    Column(gettext_lazy("Enunciado de la meta"), lambda r: r.indicator.goal.statement, width=60),
    Column(gettext_lazy("Objetivos"), lambda r: r.objectives, width=10),
    Column(
        gettext_lazy("Anualización"), lambda r: r.indicator.get_annualization_display(), width=22
    ),
    Column(gettext_lazy("Unidad"), lambda r: r.indicator.get_unit_display(), width=28),
    Column(gettext_lazy("Dependencia"), lambda r: r.indicator.dependency, width=30),
    Column(gettext_lazy("Programado"), lambda r: r.programmed, "magnitude"),
    Column(gettext_lazy("Ejecutado"), lambda r: r.executed, "magnitude"),
    Column(gettext_lazy("Avance"), lambda r: r.progress, "percent", width=10),
    Column(gettext_lazy("Semáforo"), lambda r: str(Semaforo(r.semaforo).label), width=22),
)


def indicators_xlsx(rows: list[ListRow], heading: list[tuple[str, str]]) -> bytes:
    """Sheet «Indicadores»: the heading block, a blank row, the table with frozen headers."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(SHEET)
    for label, value in heading:
        sheet.append([str(label), spreadsheet_text(str(value))])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append([str(column.header) for column in COLUMNS])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_cell(column, row) for column in COLUMNS])
        for index, column in enumerate(COLUMNS, 1):
            if column.kind != "text":
                cell = sheet.cell(sheet.max_row, index)
                cell.number_format = (
                    PERCENT_FORMAT if column.kind == "percent" else MAGNITUDE_FORMAT
                )
    for index, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _cell(column: Column, row: ListRow) -> Any:
    value = column.value(row)
    if isinstance(value, str):
        return spreadsheet_text(value)
    if column.kind == "percent" and value is not None:
        return float(round_half_up(value, 4))  # a ratio: 1,6265 shows as 162,65 %
    return None if value is None else float(value) if isinstance(value, Decimal) else value


def indicators_csv(rows: list[ListRow]) -> str:
    """``;``-separated, decimal comma, percentages in points under "Avance (%)"; begins with
    the UTF-8 BOM so a spreadsheet set up for Colombia opens it as it is."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_header(column) for column in COLUMNS])
    for row in rows:
        writer.writerow([_csv_value(column, row) for column in COLUMNS])
    return output.getvalue()


def _csv_header(column: Column) -> str:
    return f"{column.header} (%)" if column.kind == "percent" else str(column.header)


def _csv_value(column: Column, row: ListRow) -> str:
    value = column.value(row)
    if column.kind == "percent":
        return plain_number(None if value is None else value * 100, 2)
    if column.kind == "magnitude":
        return plain_number(value)
    return spreadsheet_text(value or "")


def heading(*, plan, year: int, corte: str, filters: str, when: str) -> list[tuple[str, str]]:
    """The heading block of the Excel book: what the sheet is, so it can be handed on."""
    return [
        (_("Entidad"), plan.entity),
        (_("Plan"), str(plan)),
        (_("Vigencia"), str(year)),
        (_("Corte"), corte),
        (_("Filtros"), filters),
        (_("Exportado"), when),
    ]
