from decimal import Decimal as D

import pytest

from indicators.choices import Annualization, MetaKind, Unit
from objectives.book.reader import read_book
from objectives.book.rows import ERROR, WARNING
from tests.books import (
    HEADERS,
    PLATFORM,
    Pct,
    indicator_row,
    objective_sheet,
    simple_book,
    write_book,
)


def messages(book, level):
    return [str(p) for p in book.problems if p.level == level]


def test_it_reads_the_2020_book(seed_book):
    book = read_book(seed_book)
    assert book.errors == []
    assert book.platform["first_year"] == 2020
    assert "Resolución No. 277 de 2020" in book.platform["adoption_act"]
    assert [o.number for o in book.objectives] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert [len(o.rows) for o in book.objectives] == [2, 7, 1, 3, 3, 1, 2, 1]
    assert book.objectives[4].statement.startswith("Fortalecer la prestación del servicio")


def test_the_2020_book_raises_exactly_its_known_defects(seed_book):
    warnings = messages(read_book(seed_book), WARNING)
    assert any("555" in w and "128" in w for w in warnings)
    assert any("meta 503" in w and "meta 498" in w for w in warnings)
    # objectives 4 and 5 weigh 99,99 %: rounding, not a defect
    assert not any("suman" in w for w in warnings)
    assert not any("avance publicado" in w for w in warnings)


def test_percentage_cells_hold_fractions_and_stay_in_points(seed_book):
    row = next(r for r in read_book(seed_book).rows if r.code == "321")
    assert row.weight == D("89.35")
    assert row.programmed[2020] == D(5)
    assert row.executed[2020] == D("2.37")
    assert row.published[2020] == D("47.40")
    assert row.unit == Unit.PORCENTAJE


def test_merged_meta_cells_apply_to_every_row_they_span(seed_book):
    rows = [r for r in read_book(seed_book).rows if r.objective == 5]
    assert [(r.goal_code, r.code) for r in rows] == [("498", "544"), ("498", "545"), ("498", "546")]
    assert all(r.goal_statement.startswith("Diseñar una estrategia") for r in rows)


def test_rows_without_codes_take_their_names_from_meta_or_indicator(seed_book):
    book = read_book(seed_book)
    proyecto = next(r for r in book.rows if r.goal_code == "04")
    assert proyecto.goal_kind == MetaKind.PROYECTO and proyecto.code == ""
    assert proyecto.name.startswith("Implementar 100% de la formulación")
    gestion = [r for r in book.rows if r.objective == 7]
    assert [r.goal_kind for r in gestion] == [MetaKind.GESTION, MetaKind.GESTION]
    assert gestion[0].goal_statement == gestion[0].name
    assert gestion[0].dependency == "Subsecretaría Corporativa"


def test_headers_match_ignoring_case_accents_spaces_breaks_and_order(tmp_path):
    headers = [
        "PONDERACION\nINDICADOR",
        "nombre   indicador",
        "meta",
        "Nombre meta",
        "Columna desconocida",
        "INDICADOR",
        "programación\n2021",
        "Programacion 2020",
        "Programación  total",
        "magnitud ejecutada a la VIGENCIA 2020",
        "Anualizacion",
    ]
    row = [Pct(1), "Indicador", "META SECTORIAL 7", "Meta", "x", "77", 4, 6, 10, 3, "Suma"]
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": PLATFORM, "objetivo 1": [["Un enunciado de objetivo"], headers, row]},
    )
    book = read_book(path)
    assert book.errors == []
    parsed = next(book.rows)
    assert (parsed.code, parsed.weight, parsed.programmed) == ("77", D(100), {2020: 6, 2021: 4})
    assert parsed.executed == {2020: D(3)}


def test_colombian_text_values_are_read(tmp_path):
    row = indicator_row(
        weight="100%",
        programmed=("2.000.000", "3.500.000,00"),
        total="5.500.000",
        executed="3.253.000",
        published="162,65%",
    )
    book = read_book(simple_book(tmp_path / "b.xlsx", [row]))
    assert book.errors == []
    parsed = next(book.rows)
    assert parsed.programmed == {2020: D(2000000), 2021: D(3500000)}
    assert parsed.published == {2020: D("162.65")}
    assert parsed.unit == Unit.NUMERO


def test_blank_rows_total_row_and_notes_below_are_skipped(tmp_path):
    rows = [
        indicator_row(code="1", weight=Pct(0.5)),
        [],
        indicator_row(code="2", weight=Pct(0.5)),
        ["Total", None, None, None, None, Pct(1)],
        [],
        ["Notas: este indicador está a cargo de la Subsecretaría Corporativa."],
    ]
    book = read_book(simple_book(tmp_path / "b.xlsx", rows))
    assert book.errors == []
    assert [r.code for r in book.rows] == ["1", "2"]


def test_missing_annualization_is_inferred_with_a_warning(tmp_path):
    book = read_book(simple_book(tmp_path / "b.xlsx", [indicator_row(annualization=None)]))
    assert next(book.rows).annualization == Annualization.SUMA
    assert messages(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 5, columna E (Anualización)): Sin anualización: "
        "se deduce «Suma» de la programación y el total."
    ]


def test_an_annualization_no_rule_fits_is_inferred_from_the_shape_with_a_warning(tmp_path):
    # Issue 11 changed this rule: inference never refuses a row (it used to be an error).
    row = indicator_row(annualization=None, programmed=(10, 20), total=99)
    book = read_book(simple_book(tmp_path / "b.xlsx", [row]))
    assert messages(book, ERROR) == []
    assert next(book.rows).annualization == Annualization.CRECIENTE_SIN_LB
    assert messages(book, WARNING)[0] == (
        "Advertencia (hoja «Objetivo 1», fila 5, columna E (Anualización)): Sin anualización, "
        "y el total declarado no encaja con ninguna regla: se deduce «Creciente sin línea base» "
        "por la forma de la programación. Escriba la anualización si es otra."
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            indicator_row(programmed=("diez", 10)),
            "(hoja «Objetivo 1», fila 5, columna G (Programación 2020)): «diez» no es un número",
        ),
        (
            indicator_row(weight=-5),
            "(hoja «Objetivo 1», fila 5, columna F (Ponderación Indicador)): El valor no puede "
            "ser negativo (-5)",
        ),
        (
            indicator_row(programmed=(10, -1)),
            "columna H (Programación 2021)): El valor no puede ser negativo (-1)",
        ),
        (indicator_row(weight=None), "Falta la ponderación del indicador"),
        (indicator_row(goal="META RARA 5"), "No se reconoce el tipo de meta «META RARA 5»"),
        (indicator_row(annualization="Lineal"), "Anualización «Lineal» desconocida"),
        (
            indicator_row(annualization="Decreciente", programmed=(80, 60), total=60),
            "Un indicador Decreciente necesita línea base",
        ),
    ],
)
def test_bad_cells_are_errors_that_say_where(tmp_path, row, expected):
    book = read_book(simple_book(tmp_path / "b.xlsx", [row]))
    assert any(expected in message for message in messages(book, ERROR)), book.problems


def test_a_missing_required_column_is_an_error(tmp_path):
    headers = [h for h in HEADERS if h != "Ponderación Indicador"]
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": PLATFORM, "Objetivo 1": [["Objetivo de prueba"], headers, ["x"] * 10]},
    )
    # Issue 11: the message also shows the header row as read (it names no letter here: no
    # column is blank or close to the missing one).
    assert messages(read_book(path), ERROR) == [
        "Error (hoja «Objetivo 1», fila 2): Faltan columnas obligatorias: «Ponderación "
        "Indicador». Agréguelas a la fila de encabezados. Fila de encabezados leída: A «Meta» · "
        "B «Nombre Meta» · C «Indicador Sectorial» · D «Nombre Indicador» · E «Anualización» · "
        "F «Programación 2020» · G «Programación 2021» · H «Programación Total» · "
        "I «Magnitud Ejecutada a la vigencia 2020» · J «Porcentaje avance a la vigencia 2020»."
    ]


def test_a_sheet_without_header_row_is_an_error(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {"Plataforma": PLATFORM, "Objetivo 1": [["Hola"]]})
    assert "ninguna celda dice «Nombre Indicador»" in messages(read_book(path), ERROR)[0]


def test_missing_platform_and_objectives_are_errors(tmp_path):
    path = write_book(tmp_path / "b.xlsx", {"Hoja1": [["nada"]]})
    # Issue 11: the missing platform's error says what the sheet must hold, and the sheet
    # that is neither is named in a warning.
    book = read_book(path)
    assert messages(book, ERROR) == [
        "Error: Falta la hoja «Plataforma» con la plataforma estratégica. Agregue una hoja "
        "llamada «Plataforma» con dos columnas, el nombre del campo en la A y su valor en la B, "
        "una fila por campo: «Entidad», «Plan», «Vigencia inicial», «Vigencia final» "
        "(obligatorios); «Misión», «Visión», «Acto de adopción», «Inicio del plan» (opcionales).",
        "Error: El libro no tiene ninguna hoja «Objetivo N» (por ejemplo «Objetivo 1»).",
    ]
    assert messages(book, WARNING) == [
        "Advertencia: Se ignoraron las hojas «Hoja1»: no son «Plataforma» ni una hoja de "
        "objetivo («Objetivo 1», «Obj. 1», «OE 1» u «Objetivo estratégico 1»). Si alguna es un "
        "objetivo, cámbiele el nombre."
    ]


def test_platform_years_must_be_years(tmp_path):
    platform = [
        row if row[0] != "Vigencia final" else ["Vigencia final", "pronto"] for row in PLATFORM
    ]
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": platform, "Objetivo 1": objective_sheet([indicator_row()])},
    )
    assert messages(read_book(path), ERROR) == [
        "Error (hoja «Plataforma», fila 4, columna B): «Vigencia final» debe ser un año de "
        "cuatro cifras, no «pronto»."
    ]


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04 broken zip", b""])
def test_a_file_that_is_not_a_workbook_is_one_clear_error(tmp_path, content):
    path = tmp_path / "b.xlsx"
    path.write_bytes(content)
    assert messages(read_book(path), ERROR) == [
        "Error: El archivo no es un libro de Excel (.xlsx) válido. Guárdelo como «Libro de "
        "Excel (.xlsx)» y vuelva a cargarlo."
    ]


def test_weights_not_summing_100_are_a_warning_beyond_rounding(tmp_path):
    rows = [indicator_row(code="1", weight=Pct(0.5)), indicator_row(code="2", weight=Pct(0.4))]
    assert (
        "suman 90,00 %, no 100 %"
        in messages(read_book(simple_book(tmp_path / "a.xlsx", rows)), WARNING)[0]
    )
    rows = [indicator_row(code=str(i), weight=Pct(0.3333)) for i in range(3)]
    assert messages(read_book(simple_book(tmp_path / "b.xlsx", rows)), WARNING) == []


def test_a_published_progress_far_from_the_computed_one_is_a_warning(tmp_path):
    row = indicator_row(programmed=(10, 10), executed=5, published=Pct(0.6))
    assert messages(read_book(simple_book(tmp_path / "b.xlsx", [row])), WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 5, columna K (Porcentaje avance a la vigencia "
        "2020)): indicador 101: El avance publicado para 2020 es 60,00 % y el calculado es "
        "50,00 %."
    ]
    row = indicator_row(programmed=(10, 10), executed=5, published=Pct(0.50004))
    assert messages(read_book(simple_book(tmp_path / "c.xlsx", [row])), WARNING) == []


def test_execution_without_programming_is_a_warning(tmp_path):
    row = indicator_row(programmed=(0, 10), total=10, executed=3)
    warnings = messages(read_book(simple_book(tmp_path / "b.xlsx", [row])), WARNING)
    assert any("Hay ejecución en 2020 (3) sin programación ese año" in w for w in warnings)


def test_an_indicator_in_two_objectives_must_carry_the_same_figures(tmp_path):
    path = simple_book(
        tmp_path / "b.xlsx",
        [indicator_row(code="543")],
        Objetivo_2=objective_sheet([indicator_row(code="543", programmed=(10, 11), total=21)]),
    )
    errors = messages(read_book(path), ERROR)
    assert any("indicador 543 aparece también en la hoja «Objetivo 1», fila 5" in e for e in errors)


def test_the_same_indicator_twice_in_one_objective_is_an_error(tmp_path):
    rows = [indicator_row(code="1", weight=Pct(0.5)), indicator_row(code="1", weight=Pct(0.5))]
    errors = messages(read_book(simple_book(tmp_path / "b.xlsx", rows)), ERROR)
    assert errors == [
        "Error (hoja «Objetivo 1», fila 6): El indicador 1 ya está en la fila 5 de este objetivo."
    ]


def test_a_weight_above_100_is_an_error(tmp_path):
    book = read_book(simple_book(tmp_path / "b.xlsx", [indicator_row(weight=Pct(1.5))]))
    assert "La ponderación es 150,00 %: no puede pasar de 100 %." in messages(book, ERROR)[0]


def test_optional_columns_unit_baseline_dependency_and_notes(tmp_path):
    headers = [*HEADERS, "Unidad", "Línea base", "Dependencia responsable", "Notas"]
    row = [
        *indicator_row(annualization="Decreciente", programmed=(80, 60), total=60, executed=90),
        "Número",
        "100",
        "Subsecretaría Corporativa",
        "Una nota",
    ]
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": PLATFORM, "Objetivo 1": [["Objetivo de prueba"], headers, row]},
    )
    book = read_book(path)
    assert book.errors == []
    parsed = next(book.rows)
    assert parsed.annualization == Annualization.DECRECIENTE
    assert (parsed.unit, parsed.baseline) == (Unit.NUMERO, D(100))
    assert (parsed.dependency, parsed.notes) == ("Subsecretaría Corporativa", "Una nota")


def test_an_unknown_unit_is_an_error(tmp_path):
    headers = [*HEADERS, "Unidad"]
    row = [*indicator_row(), "Litros"]
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": PLATFORM, "Objetivo 1": [["Objetivo de prueba"], headers, row]},
    )
    assert "Unidad «Litros» desconocida" in messages(read_book(path), ERROR)[0]


@pytest.mark.parametrize(
    "name",
    [
        "Objetivo 3",
        "OBJETIVO 3",
        "objetivo3",
        "Obj. 3",
        "OBJ 3",
        "OE 3",
        "O.E. 3",
        "Objetivo estratégico 3",
        "Objetivo Estrategico 3",
        "Objetivo N° 3",
        "Objetivo_3",
    ],
)
def test_objective_sheets_are_found_by_their_usual_names(tmp_path, name):
    path = write_book(
        tmp_path / "b.xlsx", {"Plataforma": PLATFORM, name: objective_sheet([indicator_row()])}
    )
    book = read_book(path)
    assert messages(book, ERROR) == []
    assert [(o.number, o.sheet) for o in book.objectives] == [(3, name)]
    assert not any("ignoraron" in w for w in messages(book, WARNING))


def test_every_other_sheet_is_named_in_a_warning_never_dropped_silently(tmp_path):
    path = write_book(
        tmp_path / "b.xlsx",
        {
            "Plataforma estratégica": PLATFORM,
            "Objetivo 1": objective_sheet([indicator_row()]),
            "Resumen": [["Cifras"]],
            "Objetivos 2": [["x"]],
        },
    )
    book = read_book(path)
    assert book.platform["entity"] == "Entidad de prueba"
    assert messages(book, WARNING) == [
        "Advertencia: Se ignoraron las hojas «Resumen», «Objetivos 2»: no son «Plataforma» ni "
        "una hoja de objetivo («Objetivo 1», «Obj. 1», «OE 1» u «Objetivo estratégico 1»). Si "
        "alguna es un objetivo, cámbiele el nombre."
    ]


def test_two_sheets_of_one_objective_are_an_error(tmp_path):
    sheet = objective_sheet([indicator_row()])
    path = write_book(
        tmp_path / "b.xlsx", {"Plataforma": PLATFORM, "Objetivo 3": sheet, "Obj. 3": sheet}
    )
    assert messages(read_book(path), ERROR) == [
        "Error: Las hojas «Objetivo 3» y «Obj. 3» son las dos del objetivo 3: deje una sola o "
        "cambie el número de una de ellas."
    ]
