"""Small workbooks for tests, written cell by cell like a person would in Excel."""

from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from openpyxl import Workbook

from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from objectives.models import Objective, Plan, Weight

PLATFORM = [
    ["Entidad", "Entidad de prueba"],
    ["Plan", "Plan de prueba"],
    ["Vigencia inicial", 2020],
    ["Vigencia final", 2024],
    ["Misión", "Una misión"],
    ["Visión", "Una visión"],
    ["Acto de adopción", "Resolución 1 de 2020"],
]
HEADERS = [
    "Meta",
    "Nombre Meta",
    "Indicador Sectorial",
    "Nombre Indicador",
    "Anualización",
    "Ponderación Indicador",
    "Programación 2020",
    "Programación 2021",
    "Programación Total",
    "Magnitud Ejecutada a la vigencia 2020",
    "Porcentaje avance a la vigencia 2020",
]


@dataclass(frozen=True)
class Pct:
    """A cell holding a fraction with a percentage number format (0,3134 shows 31,34 %)."""

    fraction: float


def indicator_row(
    code: str = "101",
    name: str = "Indicador de prueba",
    annualization: str | None = "Suma",
    weight: object = Pct(1),
    programmed: tuple = (10, 10),
    total: object = 20,
    executed: object = 5,
    published: object = None,
    goal: str = "META SECTORIAL 900",
    goal_statement: str = "Meta de prueba",
) -> list:
    return [
        goal,
        goal_statement,
        code,
        name,
        annualization,
        weight,
        *programmed,
        total,
        executed,
        published,
    ]


def objective_sheet(rows: list[list], statement: str = "Objetivo de prueba largo") -> list[list]:
    return [["Metas e indicadores"], [statement], [], HEADERS, *rows]


def write_book(path: Path, sheets: dict[str, list[list]], merges: dict | None = None) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                cell = sheet.cell(r, c)
                if isinstance(value, Pct):
                    cell.value = value.fraction
                    cell.number_format = "0.00%"
                else:
                    cell.value = value
        for cell_range in (merges or {}).get(title, []):
            sheet.merge_cells(cell_range)
    workbook.save(path)
    return path


def simple_book(path: Path, rows: list[list] | None = None, **sheets: list[list]) -> Path:
    """A platform sheet and one objective sheet with the given indicator rows."""
    content = {"Plataforma": PLATFORM, "Objetivo 1": objective_sheet(rows or [indicator_row()])}
    content.update({name.replace("_", " "): value for name, value in sheets.items()})
    return write_book(path, content)


def run(*args):
    """``import_book`` with these arguments: (exit code, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_book", *map(str, args), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def counts():
    """How many rows of each kind an import writes, in order."""
    return [
        m.objects.count()
        for m in (Plan, Objective, Goal, Indicator, Weight, Programming, Report, PublishedProgress)
    ]
