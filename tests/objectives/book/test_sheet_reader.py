"""One objective sheet as planning officers type it: statement, notes, the book's own figure,
stacked tables, two-level headers, fraction weights; nothing dropped without a word."""

from decimal import Decimal as D

import pytest

from indicators.choices import Annualization
from objectives.book.reader import read_book
from objectives.book.rows import ERROR, WARNING
from tests.books import HEADERS, PLATFORM, Pct, indicator_row, write_book


def read(tmp_path, rows, merges=None):
    path = write_book(
        tmp_path / "b.xlsx",
        {"Plataforma": PLATFORM, "Objetivo 1": rows},
        {"Objetivo 1": merges or []},
    )
    return read_book(path)


def messages(book, level):
    return [str(p) for p in book.problems if p.level == level]


ROW = indicator_row(weight=Pct(1), programmed=(10, 10), total=20, executed=5)  # 50 %


@pytest.mark.parametrize(
    ("above", "statement"),
    [
        # Wrapped over three rows under the title, as the document prints objective 2.
        (
            [
                ["Metas e indicadores Objetivo 1"],
                ["Posicionar un modelo"],
                ["de gobierno"],
                ["abierto."],
            ],
            "Posicionar un modelo de gobierno abierto.",
        ),
        # A blank row after the title; a hyphen at the end of a row joins without a space.
        (
            [["Objetivo 1"], [], ["Gobierno Abierto de Bogotá-"], ["GABO."]],
            "Gobierno Abierto de Bogotá-GABO.",
        ),
        # The statement after the title in the same cell.
        ([["OE 1: Fomentar la innovación."]], "Fomentar la innovación."),
        # No title at all.
        ([["Fomentar la innovación"], ["y la gestión."]], "Fomentar la innovación y la gestión."),
    ],
)
def test_the_statement_is_the_text_under_the_title_joined(tmp_path, above, statement):
    book = read(tmp_path, [*above, [], HEADERS, ROW])
    assert messages(book, ERROR) == []
    assert book.objectives[0].statement == statement


NOTES = [
    ["Notas:"],
    ["• Este indicador está a cargo de la Subsecretaría Corporativa."],
    ["• Nota1* La ponderación de las metas se realizó teniendo en cuenta"],
    ["la programación presupuestal total."],
]
EXPECTED_NOTES = (
    "• Este indicador está a cargo de la Subsecretaría Corporativa.\n"
    "• Nota1* La ponderación de las metas se realizó teniendo en cuenta la programación "
    "presupuestal total."
)


@pytest.mark.parametrize(
    "rows",
    [
        # Above the table (objectives 7 and 8 in the document): not the statement.
        [["Objetivo 1"], ["Mejorar la oportunidad."], [], *NOTES, [], HEADERS, ROW],
        # Below the table, after the Total row (the tidy 2020 book).
        [
            ["Objetivo 1"],
            ["Mejorar la oportunidad."],
            HEADERS,
            ROW,
            ["Total", None, None],
            [],
            *NOTES,
        ],
    ],
)
def test_notes_above_or_below_the_table_are_the_objectives_notes(tmp_path, rows):
    book = read(tmp_path, rows)
    assert messages(book, ERROR) == []
    objective = book.objectives[0]
    assert objective.statement == "Mejorar la oportunidad."
    assert objective.notes == EXPECTED_NOTES
    assert [r.code for r in objective.rows] == ["101"]


@pytest.mark.parametrize(
    ("summary", "where"),
    [
        ([["Magnitud vigencia: 100% Avance vigencia: 50,00%"]], "above"),  # one cell
        ([["Magnitud vigencia: 100%", "Avance vigencia: 50,00%"]], "above"),  # two cells
        ([["Magnitud vigencia: 100%", "Avance vigencia: 50,00%"]], "below"),
        (
            [["Magnitud vigencia 2020:", Pct(1), "Avance vigencia 2020:", Pct(0.5)]],
            "below",
        ),  # export
        ([["Avance vigencia:", "50%"]], "above"),  # a label, the figure in the next cell
    ],
)
def test_the_books_own_objective_figure_in_one_cell_or_two_above_or_below(tmp_path, summary, where):
    top = [["Objetivo 1"], ["Un objetivo."]]
    rows = (
        [*top, *summary, HEADERS, ROW] if where == "above" else [*top, HEADERS, ROW, [], *summary]
    )
    book = read(tmp_path, rows)
    assert book.problems == []
    [(year, figure)] = book.objectives[0].published.items()
    assert (year, figure.compliance) == (2020, D(50))  # the sheet's execution year
    assert figure.magnitude in (D(100), None)


def test_a_published_objective_figure_far_from_the_computed_one_is_a_warning(tmp_path):
    book = read(
        tmp_path, [["Objetivo 1"], ["Un objetivo."], ["Avance vigencia: 49,02%"], HEADERS, ROW]
    )
    assert messages(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 3, columna A (Avance vigencia)): El cumplimiento "
        "publicado del objetivo 1 para 2020 es 49,02 % y el calculado es 50,00 %."
    ]


def test_a_figure_without_its_vigencia_is_a_warning(tmp_path):
    headers = [h for h in HEADERS if "vigencia" not in h]
    row = ROW[: len(headers)]
    book = read(
        tmp_path, [["Objetivo 1"], ["Un objetivo."], ["Avance vigencia: 50%"], headers, row]
    )
    assert messages(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 3): No se sabe a qué vigencia corresponde «Avance "
        "vigencia»: escriba el año («Avance vigencia 2020: 49,02%») o agregue las columnas de "
        "ejecución."
    ]
    assert book.objectives[0].published == {}


def test_stacked_tables_each_with_its_own_columns(tmp_path):
    """Objective 2 of the document: a table without Anualización, the summary line, and a
    second table whose header adds it."""
    first = [h for h in HEADERS if h != "Anualización"]
    plain = indicator_row(
        code="464", annualization=None, weight=Pct(0.5), programmed=(0, 1), total=1, executed=None
    )
    plain.remove(None)
    rows = [
        ["Objetivo 2"],
        ["Un objetivo."],
        first,
        plain[: len(first)],
        [],
        ["Magnitud vigencia: 100%", "Avance vigencia: 25,00%"],
        [],
        HEADERS,
        indicator_row(code="644", weight=Pct(0.5), annualization="Suma"),
        ["Total", None, None, None, None, "100,00%"],
    ]
    book = read(tmp_path, rows)
    assert messages(book, ERROR) == []
    objective = book.objectives[0]
    assert [(r.code, r.row, r.annualization) for r in objective.rows] == [
        ("464", 4, Annualization.SUMA),
        ("644", 9, Annualization.SUMA),
    ]
    assert objective.published[2020].compliance == D(25)
    assert not any("suman" in w or "calculado" in w for w in messages(book, WARNING))


def test_a_two_level_header_with_merged_groups(tmp_path):
    top = [
        "Meta",
        "Nombre Meta",
        "Indicador",
        "Nombre Indicador",
        "Ponderación",
        "Programación",
        None,
        "Programación Total",
        "Magnitud Ejecutada a la vigencia",
        "Porcentaje avance a la vigencia",
    ]
    years = [None, None, None, None, None, 2020, 2021, None, 2020, 2020]
    row = ["META SECTORIAL 9", "Meta", "77", "Indicador", Pct(1), 10, 30, 30, 5, Pct(0.5)]
    book = read(tmp_path, [["Objetivo 1"], ["Un objetivo."], top, years, row], ["F3:G3", "A3:A4"])
    assert book.problems[0].level == WARNING  # the inferred annualization, nothing else
    assert len(book.problems) == 1
    [parsed] = book.objectives[0].rows
    assert (parsed.programmed, parsed.stated_total) == ({2020: 10, 2021: 30}, 30)
    assert (parsed.executed, parsed.published) == ({2020: 5}, {2020: 50})


@pytest.mark.parametrize(
    ("weights", "expected", "warned"),
    [
        (["0,8935", "0,1065"], [D("89.35"), D("10.65")], True),  # plain fractions, text
        ([0.3333, 0.3333, 0.3333], [D("33.33")] * 3, True),  # plain fractions, numbers
        ([1], [D(100)], True),
        (["89,35%", "10,65%"], [D("89.35"), D("10.65")], False),  # percentages
        ([Pct(0.8935), Pct(0.1065)], [D("89.35"), D("10.65")], False),
        ([60, 40], [D(60), D(40)], False),  # plain points that add up to 100
        ([Pct(0.5), 0.5], [D(50), D("0.5")], False),  # mixed: not guessed
    ],
)
def test_weights_that_add_up_to_about_one_are_read_as_fractions(
    tmp_path, weights, expected, warned
):
    rows = [indicator_row(code=str(i), weight=w) for i, w in enumerate(weights)]
    book = read(tmp_path, [["Objetivo 1"], ["Un objetivo."], HEADERS, *rows])
    assert [r.weight for r in book.rows] == expected
    fraction = [w for w in messages(book, WARNING) if "fracciones" in w]
    assert bool(fraction) == warned
    if weights == ["0,8935", "0,1065"]:
        assert fraction == [
            "Advertencia (hoja «Objetivo 1», columna F (Ponderación Indicador)): Las "
            "ponderaciones del objetivo 1 suman 1 y no tienen formato de porcentaje: se leyeron "
            "como fracciones (0,8935 → 89,35 %). Escríbalas con «%» o dé a la columna formato de "
            "porcentaje."
        ]


def test_data_under_a_blank_header_is_named_not_blamed_on_the_annualization(tmp_path):
    headers = ["Meta", "Nombre Meta", "Indicador", "Nombre Indicador", None, *HEADERS[5:]]
    book = read(tmp_path, [["Objetivo 1"], ["Un objetivo."], headers, ROW])
    assert messages(book, ERROR) == []
    assert messages(book, WARNING)[0] == (
        "Advertencia (hoja «Objetivo 1», fila 4, columna E): La columna E no tiene encabezado y "
        "tiene datos: no se leen. Escriba su encabezado en E3."
    )


def test_text_below_the_table_that_is_nothing_known_is_said(tmp_path):
    book = read(
        tmp_path, [["Objetivo 1"], ["Un objetivo."], HEADERS, ROW, [], ["Revisado por Juan"]]
    )
    assert messages(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 6): Se ignoró el texto «Revisado por Juan»: no es "
        "un indicador, una nota ni el resumen de la vigencia. Si es una nota, empiécela con "
        "«Nota:» o con «•»."
    ]


def test_a_title_or_the_statement_repeated_above_a_stacked_table_is_not_a_warning(tmp_path):
    rows = [
        ["Objetivo 1"],
        ["Un objetivo largo."],
        HEADERS,
        ROW,
        [],
        ["Objetivo 1"],
        ["Un objetivo largo."],
        HEADERS,
    ]
    book = read(tmp_path, rows)
    assert book.problems == []


def test_other_text_above_the_table_is_said_not_joined_to_the_statement(tmp_path):
    rows = [
        ["Objetivo 1"],
        ["Mejorar la oportunidad"],
        ["en la ejecución."],
        [],
        ["Fecha de corte:", "31/12/2020"],
        HEADERS,
        ROW,
    ]
    book = read(tmp_path, rows)
    assert book.objectives[0].statement == "Mejorar la oportunidad en la ejecución."
    assert messages(book, WARNING) == [
        "Advertencia (hoja «Objetivo 1», fila 5): Se ignoró el texto «Fecha de corte: "
        "31/12/2020» encima de la tabla: el enunciado del objetivo son las primeras filas de "
        "texto bajo el título. Si es una nota, empiécela con «Nota:» o con «•»."
    ]
