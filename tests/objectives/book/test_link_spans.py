"""The vigencias a link counts in, in the book (the gap issue 15 left): «Cuenta desde
(vigencia)» and «Cuenta hasta (vigencia)» are read into ``IndicatorRow.span``, checked against
the plan, imported as ``Weight.first_year`` / ``last_year`` (a closed vigencia keeps its
links) and exported, so that export → import keeps them and the figures they give."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from indicators.models import Goal, Indicator
from objectives.book.importer import BookError, book_import
from objectives.book.reader import read_book
from objectives.book.rows import ERROR, WARNING
from objectives.book.writer import plan_book
from objectives.figures import plan_scores
from objectives.models import Plan, Weight
from objectives.reprogramming.weights import link_span_save
from tests.books import HEADERS, PLATFORM, Pct, indicator_row, objective_sheet, write_book
from tests.factories import close

SPAN = ["Cuenta desde (vigencia)", "Cuenta hasta (vigencia)"]


def book_with(path, headers, *rows):
    """The test book's columns, then ``headers``; each row: the usual cells, then its own."""
    sheet = objective_sheet([indicator_row(**kw) + list(extra) for kw, extra in rows])
    sheet[3] = HEADERS + list(headers)
    return write_book(path, {"Plataforma": PLATFORM, "Objetivo 1": sheet})


def replaced(path, old=(None, 2021), new=(2022, None)):
    """Indicator 101 retired after 2021, 102 added in 2022: each weighs 100 % while it counts."""
    return book_with(path, SPAN, ({"code": "101"}, old), ({"code": "102"}, new))


def problems(book, level):
    return [str(p) for p in book.problems if p.level == level]


def spans():
    return {w.indicator.code: (w.first_year, w.last_year) for w in Weight.objects.all()}


# --- Reading ----------------------------------------------------------------------------------


def test_the_columns_are_read_as_the_vigencias_the_link_counts_in(tmp_path):
    book = read_book(replaced(tmp_path / "a.xlsx"))
    assert book.errors == [] and book.warnings == []
    assert [row.span for row in book.rows] == [
        {"first_year": None, "last_year": 2021},
        {"first_year": 2022, "last_year": None},
    ]
    assert [[row.counts_in(y) for y in (2021, 2022)] for row in book.rows] == [
        [True, False],
        [False, True],
    ]


def test_a_book_without_them_says_nothing_of_the_span(tmp_path):
    [row] = read_book(book_with(tmp_path / "a.xlsx", [], ({}, ()))).rows
    assert row.span == {}
    assert [row.counts_in(year) for year in (2020, 2024)] == [True, True]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Cuenta desde (vigencia)", "first_year"),
        ("CUENTA DESDE", "first_year"),
        ("Cuenta desde la vigencia", "first_year"),
        ("Vigencia inicial", "first_year"),
        ("Cuenta hasta (vigencia)", "last_year"),
        ("cuenta hasta", "last_year"),
        ("Vigencia final", "last_year"),
        ("Hasta la vigencia", "last_year"),
    ],
)
def test_usual_typings_of_the_headers_are_accepted(tmp_path, header, key):
    book = read_book(book_with(tmp_path / "a.xlsx", [header], ({}, (2022,))))
    assert book.errors == []
    assert next(book.rows).span == {key: 2022}


@pytest.mark.parametrize(
    ("cell", "year"),
    [(2022, 2022), (2022.0, 2022), ("2022", 2022), (" 2.022 ", 2022), (None, None), ("N/A", None)],
)
def test_a_year_as_people_type_it_and_an_empty_cell(tmp_path, cell, year):
    book = read_book(book_with(tmp_path / "a.xlsx", SPAN[:1], ({}, (cell,))))
    assert book.errors == []
    assert next(book.rows).span == {"first_year": year}


def test_a_cell_that_is_not_a_year_is_an_error_of_its_cell(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", SPAN, ({}, ("el año próximo", 2022.5))))
    assert problems(book, ERROR) == [
        "Error (hoja «Objetivo 1», fila 5, columna L (Cuenta desde (vigencia))): «el año "
        "próximo» no es una vigencia: escriba el año con cuatro cifras (por ejemplo 2022), o "
        "deje la celda vacía si el indicador cuenta en el objetivo desde el inicio del plan.",
        "Error (hoja «Objetivo 1», fila 5, columna M (Cuenta hasta (vigencia))): «2022.5» no "
        "es una vigencia: escriba el año con cuatro cifras (por ejemplo 2022), o deje la celda "
        "vacía si el indicador cuenta en el objetivo hasta el final del plan.",
    ]
    assert list(book.rows) == []


def test_a_year_outside_the_plan_is_an_error_that_says_how_to_fix_it(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", SPAN, ({}, (2019, 2030))))
    assert problems(book, ERROR) == [
        "Error (hoja «Objetivo 1», fila 5, columna L (Cuenta desde (vigencia))): indicador 101: "
        "2019 no es una vigencia del plan (2020–2024). Escriba una vigencia del plan, o deje la "
        "celda vacía si cuenta en el objetivo desde el inicio del plan.",
        "Error (hoja «Objetivo 1», fila 5, columna M (Cuenta hasta (vigencia))): indicador 101: "
        "2030 no es una vigencia del plan (2020–2024). Escriba una vigencia del plan, o deje la "
        "celda vacía si cuenta en el objetivo hasta el final del plan.",
    ]


def test_a_start_after_the_end_is_an_error_with_the_models_words(tmp_path):
    book = read_book(book_with(tmp_path / "a.xlsx", SPAN, ({}, (2023, 2021))))
    assert problems(book, ERROR) == [
        "Error (hoja «Objetivo 1», fila 5, columna L (Cuenta desde (vigencia))): indicador 101: "
        "Un vínculo no puede empezar después de la vigencia en que termina. Corrija «Cuenta "
        "desde (vigencia)» o «Cuenta hasta (vigencia)»."
    ]


def test_weights_add_up_in_each_vigencia_with_the_links_that_count_in_it(tmp_path):
    assert read_book(replaced(tmp_path / "a.xlsx")).warnings == []  # 100 % each year
    book = read_book(replaced(tmp_path / "b.xlsx", new=(2021, None)))
    assert problems(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1»): En la vigencia 2021: Las ponderaciones del objetivo 1 "
        "suman 200,00 %, no 100 %."
    ]


def test_weights_typed_as_fractions_are_seen_in_each_vigencia(tmp_path):
    rows = (
        ({"code": "101", "weight": 1}, (None, 2021)),
        ({"code": "102", "weight": 1}, (2022, None)),
    )
    book = read_book(book_with(tmp_path / "a.xlsx", SPAN, *rows))
    assert [row.weight for row in book.rows] == [D(100), D(100)]
    assert problems(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», columna F (Ponderación Indicador)): Las ponderaciones "
        "del objetivo 1 suman 1 y no tienen formato de porcentaje: se leyeron como fracciones "
        "(1 → 100 %). Escríbalas con «%» o dé a la columna formato de porcentaje."
    ]


def test_the_books_own_figure_is_checked_with_the_links_of_its_vigencia(tmp_path):
    # 2020: only 101 counts, 5 of 10 executed: 50 %; 102 (executed 0) starts in 2022.
    sheet = objective_sheet(
        [
            [*indicator_row(code="101"), None, 2021],
            [*indicator_row(code="102", executed=0), 2022, None],
            [],
            ["Avance vigencia 2020:", Pct(0.5)],
        ]
    )
    sheet[3] = HEADERS + SPAN
    book = read_book(write_book(tmp_path / "a.xlsx", {"Plataforma": PLATFORM, "Objetivo 1": sheet}))
    assert book.errors == [] and book.warnings == []
    assert book.objectives[0].published[2020].compliance == D(50)


# --- Importing --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_import_writes_the_span_with_its_history(tmp_path, make_user):
    user = make_user("Administrador")
    result = book_import(book=read_book(replaced(tmp_path / "a.xlsx")), user=user)
    assert spans() == {"101": (None, 2021), "102": (2022, None)}
    assert result.tallies["weights"].created == 2
    record = Weight.objects.get(indicator__code="102").history.get()
    assert (record.first_year, record.history_user, record.history_type) == (2022, user, "+")
    plan = Plan.objects.get()
    assert [len(plan_scores(plan, year).objectives[0][1].lines) for year in (2021, 2022)] == [1, 1]


@pytest.mark.django_db
def test_a_changed_span_is_updated_and_an_empty_cell_clears_it(tmp_path, make_user):
    book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    user = make_user("Planeación")
    result = book_import(
        book=read_book(replaced(tmp_path / "b.xlsx", old=(None, 2022), new=(None, None))),
        user=user,
    )
    assert spans() == {"101": (None, 2022), "102": (None, None)}
    assert result.tallies["weights"].updated == 2
    [change, _] = [c for c in result.changes if c.entity == "weights"]
    assert [(f.name, f.old, f.new) for f in change.fields] == [
        ("cuenta hasta la vigencia", "2021", "2022")
    ]
    latest = Weight.objects.get(indicator__code="102").history.latest("history_date")
    assert (latest.first_year, latest.history_user, latest.history_change_reason) == (
        None,
        user,
        "Importación del libro de seguimiento",
    )


@pytest.mark.django_db
def test_a_book_without_the_columns_leaves_stored_spans_as_they_are(tmp_path):
    book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    plain = book_with(tmp_path / "b.xlsx", [], ({"code": "101"}, ()), ({"code": "102"}, ()))
    result = book_import(book=read_book(plain))
    assert spans() == {"101": (None, 2021), "102": (2022, None)}
    assert result.tallies["weights"].unchanged == 2


@pytest.mark.django_db
def test_a_book_with_one_column_changes_only_that_end(tmp_path):
    book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    only_start = book_with(tmp_path / "b.xlsx", SPAN[:1], ({"code": "101"}, (2021,)))
    book_import(book=read_book(only_start))
    assert spans()["101"] == (2021, 2021)


@pytest.mark.django_db
def test_a_reimport_that_changes_nothing_writes_nothing_and_keeps_the_cached_pages(tmp_path):
    book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    before = Plan.objects.values_list("revision", "preview_revision").get()
    history = Weight.history.count()
    result = book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    assert not result.changed and result.protected == []
    assert (Weight.history.count(), result.tallies["weights"].unchanged) == (history, 2)
    assert Plan.objects.values_list("revision", "preview_revision").get() == before


@pytest.mark.django_db
def test_a_closed_vigencia_keeps_its_links_and_the_rest_is_imported(tmp_path, closer):
    book_import(book=read_book(replaced(tmp_path / "a.xlsx")))
    close(Plan.objects.get(), 2020, closer)
    # 101 would leave 2020 (closed): kept. 102 moves from 2022 to 2023 (open): written.
    changed = replaced(tmp_path / "b.xlsx", old=(2021, 2021), new=(2023, None))
    preview = book_import(book=read_book(changed), dry_run=True)
    assert spans() == {"101": (None, 2021), "102": (2022, None)}  # a dry run writes nothing
    assert preview.protected == [
        "Objetivo 1, indicador 101: La vigencia 2020 está cerrada: el indicador no puede entrar "
        "ni salir de ella. Elija vigencias abiertas para el inicio y el fin del vínculo. Se "
        "conservan las vigencias que tiene en PEP (cuenta hasta 2021)."
    ]
    result = book_import(book=read_book(changed))
    assert spans() == {"101": (None, 2021), "102": (2023, None)}
    assert result.protected == preview.protected
    assert (result.tallies["weights"].unchanged, result.tallies["weights"].updated) == (1, 1)


@pytest.mark.django_db
def test_a_new_link_joins_after_the_closed_vigencias_and_the_result_says_so(tmp_path, closer):
    book_import(book=read_book(book_with(tmp_path / "a.xlsx", [], ({"code": "101"}, ()))))
    close(Plan.objects.get(), 2020, closer)
    result = book_import(book=read_book(replaced(tmp_path / "b.xlsx", new=(None, 2023))))
    assert spans() == {"101": (None, 2021), "102": (2021, 2023)}
    assert result.protected == [
        "Objetivo 1, indicador 102: La vigencia 2020 está cerrada: el indicador no puede entrar "
        "ni salir de ella. Elija vigencias abiertas para el inicio y el fin del vínculo. El "
        "vínculo nuevo cuenta desde 2021."
    ]


@pytest.mark.django_db
def test_a_new_link_only_in_closed_vigencias_refuses_the_book_and_writes_nothing(tmp_path, closer):
    book_import(book=read_book(book_with(tmp_path / "a.xlsx", [], ({"code": "101"}, ()))))
    close(Plan.objects.get(), 2020, closer)
    book = read_book(replaced(tmp_path / "b.xlsx", new=(None, 2020)))
    with pytest.raises(BookError) as refusal:
        book_import(book=book)
    assert str(refusal.value) == (
        "El vínculo del objetivo 1 con el indicador 102 (hoja «Objetivo 1», fila 6) contaría "
        "solo en vigencias cerradas (hasta 2020): un indicador no entra en una vigencia "
        "cerrada. Corrija «Cuenta hasta (vigencia)» o quite la fila; no se escribió nada."
    )
    assert spans() == {"101": (None, None)}
    assert not Indicator.objects.filter(code="102").exists()


# --- Exporting and the round trip -----------------------------------------------------------


def exported() -> io.BytesIO:
    saved = io.BytesIO()
    plan_book(Plan.objects.get()).save(saved)
    saved.seek(0)
    return saved


def sheet_rows(book: io.BytesIO, name: str) -> list[tuple]:
    book.seek(0)
    return [tuple(r) for r in load_workbook(book, read_only=True)[name].iter_rows(values_only=True)]


def header(rows: list[tuple]) -> tuple:
    return next(row for row in rows if "Nombre Indicador" in row)


@pytest.mark.django_db
def test_a_plan_without_spans_is_exported_without_the_columns(seed_plan):
    assert not set(SPAN) & set(header(sheet_rows(exported(), "Objetivo 7")))


@pytest.mark.django_db
def test_a_round_trip_keeps_the_spans_and_a_2020_figure_unchanged(seed_plan, make_user):
    """Objective 7's budget link starts in 2022: 2020 counts its strategy link alone. Export,
    import into an empty database, export again: same spans, same 2020 figure, same book."""
    budget, strategy = seed_plan.objectives.get(number=7).weights.order_by("id")
    planeacion = make_user("Planeación")
    link_span_save(user=planeacion, weight=budget, first_year=2022, last_year=None, reason="PEI")
    link_span_save(user=planeacion, weight=strategy, first_year=None, last_year=2023, reason="x")
    figure_2020 = dict((o.number, s) for o, s in plan_scores(seed_plan, 2020).objectives)[7]
    assert figure_2020.compliance != D("69.92")  # the link's absence changes 2020's figure
    first = exported()
    rows = sheet_rows(first, "Objetivo 7")
    columns = [header(rows).index(text) for text in SPAN]
    assert [tuple(row[c] for c in columns) for row in rows[4:6]] == [(2022, None), (None, 2023)]
    assert set(SPAN) <= set(header(sheet_rows(first, "Objetivo 1")))  # every sheet has them
    Plan.objects.all().delete()
    Indicator.objects.all().delete()
    Goal.objects.all().delete()
    imported = read_book(first)
    assert imported.errors == []
    book_import(book=imported)
    plan = Plan.objects.get()
    again = dict((o.number, s) for o, s in plan_scores(plan, 2020).objectives)[7]
    assert (again.compliance, len(again.lines)) == (figure_2020.compliance, 1)
    links = plan.objectives.get(number=7).weights.order_by("id")
    assert [(w.first_year, w.last_year) for w in links] == [(2022, None), (None, 2023)]
    assert Weight.objects.exclude(objective__number=7).filter(first_year__isnull=False).count() == 0
    second = exported()
    for name in ("Objetivo 7", "Objetivo 1"):
        assert sheet_rows(second, name) == sheet_rows(first, name), name
