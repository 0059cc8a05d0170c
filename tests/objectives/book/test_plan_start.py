"""The plan's start in the Plataforma sheet («Inicio del plan», issue 14): the month from which
a mid-year plan's first vigencia expects (the 2020–2024 plan began in June 2020)."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from objectives.book.importer import book_import
from objectives.book.reader import read_book
from objectives.models import Plan
from tests.books import PLATFORM, indicator_row, objective_sheet, write_book

JUNE_2020 = datetime.date(2020, 6, 1)


def book(path, start):
    platform = [*PLATFORM, ["Inicio del plan", start]] if start is not None else PLATFORM
    sheets = {"Plataforma": platform, "Objetivo 1": objective_sheet([indicator_row()])}
    return read_book(write_book(path, sheets))


@pytest.mark.parametrize(
    ("typed", "start"),
    [
        (datetime.datetime(2020, 6, 1), JUNE_2020),  # a date cell
        (datetime.datetime(2020, 6, 16), datetime.date(2020, 6, 16)),
        ("01/06/2020", JUNE_2020),
        ("1/6/2020", JUNE_2020),
        ("2020-06-01", JUNE_2020),
        ("junio de 2020", JUNE_2020),
        ("Junio 2020", JUNE_2020),
        ("jun. 2020", JUNE_2020),
        ("06/2020", JUNE_2020),
    ],
)
def test_the_start_is_read_as_people_type_a_date(tmp_path, typed, start):
    read = book(tmp_path / "a.xlsx", typed)
    assert read.errors == []
    assert read.platform["starts_on"] == start


def test_without_the_row_there_is_no_start(tmp_path):
    assert book(tmp_path / "a.xlsx", None).platform["starts_on"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "a mitad de año",
            "«Inicio del plan» debe ser una fecha, por ejemplo 01/06/2020 o «junio de 2020», no "
            "«a mitad de año».",
        ),
        ("31/02/2020", "«Inicio del plan» debe ser una fecha"),
        (
            "01/06/2021",
            "El inicio del plan (01/06/2021) debe caer en la vigencia inicial, 2020: corrija la "
            "fecha o la vigencia inicial.",
        ),
    ],
)
def test_a_start_that_is_not_a_date_of_the_first_vigencia_is_an_error_of_its_cell(
    tmp_path, typed, message
):
    [error] = book(tmp_path / "a.xlsx", typed).errors
    assert (error.sheet, error.row, error.column) == ("Plataforma", 8, "B")
    assert error.message.startswith(message)


@pytest.mark.django_db
def test_the_import_sets_it_and_a_book_without_it_keeps_the_stored_one(tmp_path):
    book_import(book=book(tmp_path / "a.xlsx", "junio de 2020"))
    assert Plan.objects.get().starts_on == JUNE_2020
    result = book_import(book=book(tmp_path / "b.xlsx", None))
    assert not result.changed
    assert Plan.objects.get().starts_on == JUNE_2020


@pytest.mark.django_db
def test_the_seed_book_starts_the_plan_in_june_2020(seed_plan):
    assert seed_plan.starts_on == JUNE_2020
    assert seed_plan.start == (2020, 6)


def test_the_export_writes_it_as_a_date_cell(seed_plan, tmp_path):
    path = tmp_path / "a.xlsx"
    call_command("export_book", str(path), stdout=StringIO())
    rows = {row[0].value: row[1] for row in load_workbook(path)["Plataforma"].iter_rows()}
    cell = rows["Inicio del plan"]
    assert (cell.value, cell.number_format) == (datetime.datetime(2020, 6, 1), "dd/mm/yyyy")
