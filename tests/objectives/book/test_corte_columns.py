"""The programming per corte in the book (issue 14): «Programación AAAA T1…T4» columns, read
into ``IndicatorRow.cortes``, imported as ``CorteProgramming`` with their history, and
exported for the vigencias with a profile, so that export → import gives the same rows."""

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from indicators.models import CorteProgramming, Goal, Indicator
from objectives.book.importer import book_import
from objectives.book.reader import read_book
from objectives.book.rows import ERROR, WARNING
from objectives.models import Plan
from objectives.on_track import plan_on_track
from tests.books import HEADERS, PLATFORM, Pct, indicator_row, objective_sheet, write_book
from tests.factories import close

QUARTERS = ["Programación 2021 T1", "Programación 2021 T2", "Programación 2021 T3"]


def book_with(path, headers, *rows, platform=PLATFORM):
    """The test book's columns, then ``headers``; each row: the usual cells, then its own."""
    sheet = objective_sheet([indicator_row(**kw) + list(extra) for kw, extra in rows])
    sheet[3] = HEADERS + list(headers)
    return write_book(path, {"Plataforma": platform, "Objetivo 1": sheet})


def problems(book, level):
    return [str(p) for p in book.problems if p.level == level]


def test_the_columns_are_read_as_the_magnitude_expected_by_each_corte(tmp_path):
    path = book_with(tmp_path / "a.xlsx", [*QUARTERS, "Programación 2021 T4"], ({}, (1, 3, 6, 10)))
    book = read_book(path)
    assert book.errors == [] and book.warnings == []
    [row] = book.rows
    assert row.cortes == {2021: {3: D(1), 6: D(3), 9: D(6), 12: D(10)}}


def test_a_book_without_them_reads_no_profile(tmp_path):
    [row] = read_book(book_with(tmp_path / "a.xlsx", [], ({}, ()))).rows
    assert row.cortes == {}


@pytest.mark.parametrize(
    "header",
    [
        "Programación 2021 T2",
        "PROGRAMACION 2021 T2",
        "Programación 2.021 T2",
        "Programación 2021 - T2",
        "Programación 2021-T2",
        "Programación T2 2021",
        "Prog. 2021 T2",
        "Programado 2021 T2",
        "Meta 2021 T2",
    ],
)
def test_usual_typings_of_the_header_are_accepted(tmp_path, header):
    book = read_book(book_with(tmp_path / "a.xlsx", [header], ({}, ("2,5",))))
    assert book.errors == [] and book.warnings == []
    assert next(book.rows).cortes == {2021: {6: D("2.5")}}


def test_a_value_that_is_not_a_number_is_an_error_of_its_cell(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", QUARTERS, ({}, (1, "mucho", 6))))
    assert problems(book, ERROR) == [
        "Error (hoja «Objetivo 1», fila 5, columna M (Programación 2021 T2)): «mucho» no es un "
        "número. Escriba por ejemplo 2.000.000, 1.234,5 o 89,35 %."
    ]
    assert list(book.rows) == []


def test_a_negative_value_is_refused_within_the_bounds_of_any_magnitude(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", QUARTERS[:1], ({}, (-1,))))
    [error] = problems(book, ERROR)
    assert error.startswith("Error (hoja «Objetivo 1», fila 5, columna L (Programación 2021 T1))")
    assert "negativo" in error


def test_a_percentage_cell_is_read_in_points(tmp_path):
    row = {"programmed": (Pct(0.05), Pct(0.15)), "total": Pct(0.15), "executed": Pct(0.05)}
    book = read_book(
        book_with(tmp_path / "a.xlsx", QUARTERS[1:2], (row | {"annualization": None}, [Pct(0.1)]))
    )
    assert next(book.rows).cortes == {2021: {6: D(10)}}


def test_a_vigencia_outside_the_plan_is_an_error_that_says_how_to_fix_it(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", ["Programación 2030 T1"], ({}, (1,))))
    assert problems(book, ERROR) == [
        "Error (hoja «Objetivo 1», fila 5, columna L (Programación 2030 T1)): indicador 101: "
        "«Programación 2030 T1» es de una vigencia que no es del plan (2020–2024): la "
        "programación por corte solo se fija en una vigencia del plan. Corrija el año del "
        "encabezado o borre la columna."
    ]


def test_an_impossible_year_is_refused_with_the_header(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", ["Programación 1000 T1"], ({}, (1,))))
    [error] = problems(book, ERROR)
    assert "La columna «Programación 1000 T1» no es una vigencia posible." in error


def test_a_profile_where_the_vigencia_has_no_target_is_warned(tmp_path):
    book = read_book(
        book_with(
            tmp_path / "a.xlsx", QUARTERS[:1], ({"programmed": (10, None), "total": 10}, (1,))
        )
    )
    assert book.errors == []
    assert problems(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 5, columna L (Programación 2021 T1)): indicador "
        "101: tiene programación por corte en 2021 pero no «Programación 2021»: no cuenta "
        "mientras la vigencia no tenga meta (lo esperado es N/A). Escriba la programación del "
        "año o borre la del corte."
    ]


def test_an_indicator_in_two_objectives_needs_the_same_profile_in_both(tmp_path):
    sheets = {"Plataforma": PLATFORM}
    for number, value in ((1, 3), (2, 4)):
        sheet = objective_sheet([[*indicator_row(), value]])
        sheet[3] = [*HEADERS, "Programación 2021 T2"]
        sheets[f"Objetivo {number}"] = sheet
    book = read_book(write_book(tmp_path / "a.xlsx", sheets))
    [error] = problems(book, ERROR)
    assert "otra cifra en la programación por corte" in error


@pytest.fixture
def profiled(tmp_path):
    return book_with(tmp_path / "perfil.xlsx", QUARTERS[:2], ({}, (1, 3)))


@pytest.mark.django_db
def test_the_import_writes_each_corte_with_who_imported_and_the_books_name(profiled, make_user):
    user = make_user("Administrador")
    result = book_import(book=read_book(profiled), user=user)
    stored = {(r.year, r.corte): r.value for r in CorteProgramming.objects.all()}
    assert stored == {(2021, 3): D(1), (2021, 6): D(3)}
    assert result.tallies["cortes"].created == 2
    assert [c.label for c in result.changes if c.entity == "cortes"] == [
        "Programación por corte 101 · 2021 · 31 de marzo",
        "Programación por corte 101 · 2021 · 30 de junio",
    ]
    records = CorteProgramming.history.all()
    assert {(r.history_type, r.history_user_id) for r in records} == {("+", user.pk)}
    assert {r.history_change_reason for r in records} == {
        "Programación por corte del libro de seguimiento «perfil.xlsx»"
    }


@pytest.mark.django_db
def test_the_imported_profile_is_what_is_expected_by_the_corte(profiled):
    book_import(book=read_book(profiled))
    [row] = plan_on_track(Plan.objects.get(), 2021, 6).indicators()
    assert row.expected == D(3)  # not the linear 10 × 6/12 = 5


@pytest.mark.django_db
def test_an_unchanged_import_changes_nothing_and_keeps_the_caches(profiled):
    book_import(book=read_book(profiled))
    before = Plan.objects.values_list("revision", "preview_revision", "cycle_revision").get()
    result = book_import(book=read_book(profiled))
    assert not result.changed
    assert result.tallies["cortes"].unchanged == 2
    assert CorteProgramming.history.count() == 2
    assert Plan.objects.values_list("revision", "preview_revision", "cycle_revision").get() == (
        before
    )


@pytest.mark.django_db
def test_a_changed_value_is_updated_with_its_reason_and_a_blank_cell_erases_nothing(
    profiled, tmp_path
):
    book_import(book=read_book(profiled))
    before = Plan.objects.values_list("revision", flat=True).get()
    changed = book_with(tmp_path / "cambio.xlsx", QUARTERS[:2], ({}, (None, 4)))
    result = book_import(book=read_book(changed))
    stored = {(r.year, r.corte): r.value for r in CorteProgramming.objects.all()}
    assert stored == {(2021, 3): D(1), (2021, 6): D(4)}
    [change] = [c for c in result.changes if c.entity == "cortes"]
    assert [(f.old, f.new) for f in change.fields] == [("3", "4")]
    update = CorteProgramming.history.get(history_type="~")
    assert update.history_change_reason == (
        "Programación por corte del libro de seguimiento «cambio.xlsx»"
    )
    assert Plan.objects.values_list("revision", flat=True).get() != before


@pytest.mark.django_db
def test_a_closed_vigencia_keeps_its_profile(profiled, tmp_path, closer):
    book_import(book=read_book(profiled))
    close(Plan.objects.get(), 2021, closer)
    changed = book_with(tmp_path / "cambio.xlsx", QUARTERS, ({}, (1, 4, 7)))
    result = book_import(book=read_book(changed))
    stored = {(r.year, r.corte): r.value for r in CorteProgramming.objects.all()}
    assert stored == {(2021, 3): D(1), (2021, 6): D(3)}
    assert result.tallies["cortes"].protected == 2
    assert result.protected == [
        "La vigencia 2021 está cerrada: no se cambió la programación por corte de 101 (30 de "
        "junio).",
        "La vigencia 2021 está cerrada: no se cambió la programación por corte de 101 (30 de "
        "septiembre).",
    ]


def exported(path):
    call_command("export_book", str(path), stdout=StringIO())
    return load_workbook(path)


def test_a_plan_without_a_profile_exports_no_corte_column(seed_plan, tmp_path):
    header = [c.value for c in exported(tmp_path / "a.xlsx")["Objetivo 5"][4]]
    assert not any(str(h).endswith(("T1", "T2", "T3", "T4")) for h in header)


def test_export_then_import_gives_the_same_programming_per_corte(seed_plan, tmp_path):
    i545, i513 = Indicator.objects.get(code="545"), Indicator.objects.get(code="513")
    for corte, value in ((3, 350000), (6, 1050000), (9, 2100000), (12, 3500000)):
        CorteProgramming.objects.create(indicator=i545, year=2021, corte=corte, value=value)
    CorteProgramming.objects.create(indicator=i513, year=2022, corte=6, value=D("7.5"))
    workbook = exported(tmp_path / "a.xlsx")
    sheet = workbook["Objetivo 5"]
    header = [c.value for c in sheet[4]]
    row = dict(zip(header, sheet[6], strict=True))  # indicator 545
    corte_headers = [h for h in header if str(h).startswith("Programación 202") and " T" in h]
    assert corte_headers == [f"Programación {y} T{q}" for y in (2021, 2022) for q in range(1, 5)]
    assert header.index("Programación 2021 T1") == header.index("Programación 2024") + 1
    assert (row["Programación 2021 T2"].value, row["Programación 2021 T2"].number_format) == (
        1050000,
        "#,##0",
    )
    assert row["Programación 2022 T2"].value is None  # blank: the linear rule
    expected = sorted(
        CorteProgramming.objects.values_list("indicator__code", "year", "corte", "value")
    )
    Plan.objects.all().delete()
    Indicator.objects.all().delete()
    Goal.objects.all().delete()
    call_command("import_book", str(tmp_path / "a.xlsx"), stdout=StringIO())
    again = sorted(
        CorteProgramming.objects.values_list("indicator__code", "year", "corte", "value")
    )
    assert again == expected
    assert [v for code, *_, v in again if code == "513"] == [D("7.5")]  # a percentage, in points


@pytest.mark.django_db
def test_the_web_import_signs_the_profile_with_the_administrator_and_the_uploaded_file(
    client, make_user, settings, tmp_path, profiled
):
    settings.MEDIA_ROOT = tmp_path / "media"
    administrator = make_user("Administrador")
    client.force_login(administrator)
    upload = SimpleUploadedFile("perfil del comité.xlsx", profiled.read_bytes())
    client.post(reverse("objectives:import"), {"book": upload})
    client.post(reverse("objectives:import_confirm"))
    records = CorteProgramming.history.all()
    assert records.count() == 2
    assert {(r.history_user_id, r.history_change_reason) for r in records} == {
        (
            administrator.pk,
            "Programación por corte del libro de seguimiento «perfil del comité.xlsx»",
        )
    }
