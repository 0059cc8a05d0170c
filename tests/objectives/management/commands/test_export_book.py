from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from indicators.models import Goal, Indicator, Report
from objectives.models import Plan
from tests.factories import make_plan


def cells(path):
    workbook = load_workbook(path)
    return {
        sheet.title: [[(c.value, c.number_format) for c in row] for row in sheet.iter_rows()]
        for sheet in workbook
    }


def test_export_then_import_into_an_empty_database_then_export_gives_identical_cells(
    seed_plan, tmp_path
):
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    call_command("export_book", str(first), stdout=StringIO())
    Plan.objects.all().delete()
    Indicator.objects.all().delete()
    Goal.objects.all().delete()
    call_command("import_book", str(first), stdout=StringIO())
    call_command("export_book", str(second), stdout=StringIO())
    assert cells(first) == cells(second)


def test_the_export_writes_native_numbers_with_number_formats(seed_plan, tmp_path):
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    sheet = load_workbook(path)["Objetivo 5"]
    header = [c.value for c in sheet[4]]
    row = {h: c for h, c in zip(header, sheet[6], strict=True)}  # indicator 545
    assert row["Indicador"].value == "545"  # codes stay text: "04" keeps its zero
    assert row["Ponderación Indicador"].value == pytest.approx(0.3333)
    assert row["Ponderación Indicador"].number_format == "0.00%"
    assert row["Programación 2020"].value == 2000000
    assert row["Programación 2020"].number_format == "#,##0"
    assert row["Magnitud Ejecutada a la vigencia 2020"].value == 3253000
    assert row["Porcentaje avance a la vigencia 2020"].value == pytest.approx(1.6265)
    na_row = {h: c.value for h, c in zip(header, sheet[5], strict=True)}  # indicator 544
    assert na_row["Porcentaje avance a la vigencia 2020"] is None  # nothing executed
    percent_row = {h: c for h, c in zip(header, load_workbook(path)["Objetivo 1"][5], strict=True)}
    assert percent_row["Programación 2020"].value == pytest.approx(0.05)
    assert percent_row["Programación 2020"].number_format == "0.00%"


def test_export_of_an_empty_database_is_a_clear_error(db, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        call_command("export_book", str(tmp_path / "x.xlsx"), stderr=StringIO())
    assert exit_.value.code == 1


def test_a_mid_year_corte_is_not_exported_as_the_years_execution(db, tmp_path):
    make_plan(1, 1)  # 2 at 30 June and 5 at 31 December 2020
    Report.objects.filter(corte=12).delete()
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    header = [c.value for c in load_workbook(path)["Objetivo 1"][4]]
    assert not any(str(h).startswith("Magnitud Ejecutada") for h in header)


def test_the_objectives_own_figure_and_notes_are_written_below_the_table(seed_plan, tmp_path):
    path = tmp_path / "libro.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    rows = [[c for c in row if c.value is not None] for row in load_workbook(path)["Objetivo 8"]]
    below = [[(c.value, c.number_format) for c in row] for row in rows[5:]]
    assert below == [
        [],
        [
            ("Magnitud vigencia 2020:", "General"),
            (1, "0.00%"),
            ("Avance vigencia 2020:", "General"),
            (0.74, "0.00%"),
        ],
        [],
        [("Notas:", "General")],
        [("• Este indicador está a cargo de la Subsecretaría Corporativa.", "General")],
        *below[5:],
    ]
    assert len(below) == 8  # and three more notes
