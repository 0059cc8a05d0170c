"""A table's header row: names, synonyms, two levels, and what is said when one is missing."""

from dataclasses import dataclass
from typing import Any

import pytest

from objectives.book.layout import (
    header_problems,
    header_texts,
    is_header_row,
    is_year_row,
    read_layout,
)
from objectives.book.rows import ERROR, WARNING

REQUIRED = [
    "Meta",
    "Nombre Meta",
    "Indicador",
    "Nombre Indicador",
    "Ponderación Indicador",
    "Programación 2020",
    "Programación Total",
]


@dataclass(frozen=True)
class Cell:
    value: Any


def cells(*values):
    return [Cell(v) for v in values]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Ponderación", "weight"),
        ("PONDERACIÓN\nINDICADOR", "weight"),
        ("Peso", "weight"),
        ("Código Indicador", "code"),
        ("Código", "code"),
        ("Indicador Sectorial", "code"),
        ("Nombre del indicador", "name"),
        ("Total Cuatrienio", "stated_total"),
        ("Meta Total", "stated_total"),
        ("Meta Cuatrienio", "stated_total"),
        ("Línea de base", "baseline"),
        ("Unidad de medida", "unit"),
        ("Tipo de anualización", "annualization"),
        ("Dependencia", "dependency"),
        ("Observaciones", "notes"),
    ],
)
def test_usual_synonyms_name_the_same_column(header, key):
    layout, unknown = read_layout(5, [header])
    assert (layout.columns, unknown) == ({key: 0}, [])


@pytest.mark.parametrize(
    ("header", "kind", "year"),
    [
        ("Programación 2.020", "programmed", 2020),
        ("Programación\n2021", "programmed", 2021),
        ("Meta 2022", "programmed", 2022),
        ("Magnitud Ejecutada a la vigencia 2.020", "executed", 2020),
        ("Magnitud ejecutada 2021", "executed", 2021),
        ("Ejecución 2023", "executed", 2023),
        ("Porcentaje avance a la vigencia 2020", "published", 2020),
        ("% avance 2020", "published", 2020),
        ("Porcentaje de avance 2024", "published", 2024),
    ],
)
def test_yearly_headers_with_or_without_a_thousands_point(header, kind, year):
    layout, _ = read_layout(5, [header])
    assert layout.years[kind] == {year: 0}


def test_a_two_level_header_makes_one_header_per_year():
    top = cells("Meta", "Nombre Indicador", "Programación", "Programación", None, "Total")
    below = cells("Meta", "Nombre Indicador", 2020, "2.021", 2022.0, None)
    assert is_year_row(top, below)
    assert header_texts(top, below) == [
        "Meta",
        "Nombre Indicador",
        "Programación 2020",
        "Programación 2021",
        "Programación 2022",
        "Total",
    ]


def test_total_under_a_group_is_the_groups_total():
    top = cells("Programación", "Programación", "Programación")
    below = cells(2020, 2021, "Total")
    assert header_texts(top, below) == [
        "Programación 2020",
        "Programación 2021",
        "Programación Total",
    ]


@pytest.mark.parametrize(
    "below",
    [
        cells("META SECTORIAL 1", "Nombre", 10),  # a data row
        cells(None, None, None),  # nothing
        cells("Meta", "Otra cosa", 2020),  # text that is neither a repeat nor a year
    ],
)
def test_a_row_that_is_not_only_years_is_no_second_level(below):
    assert not is_year_row(cells("Meta", "Nombre Indicador", "Programación"), below)


def test_a_header_row_is_the_one_naming_the_indicator():
    assert is_header_row(cells("Meta", "Nombre del indicador"))
    assert not is_header_row(cells("Nombre Indicador de la meta sectorial que es largo, muy largo"))


def messages(texts):
    layout, unknown = read_layout(5, texts)
    return [(p.level, p.message) for p in header_problems("Objetivo 1", layout, texts, unknown)]


AS_READ = (
    "Fila de encabezados leída: A «Meta» · B «Nombre Meta» · C «Indicador» · "
    "D «Nombre Indicador» · E {e} · F «Programación 2020» · G «Programación Total»."
)


@pytest.mark.parametrize(
    ("e", "expected"),
    [
        # A blank header cell: its letter is named (before issue 11 the book's annualization
        # was blamed instead).
        (
            None,
            [
                (
                    ERROR,
                    "Faltan columnas obligatorias: «Ponderación Indicador» (¿es la columna E, "
                    "que no tiene encabezado?). Agréguelas a la fila de encabezados. "
                    + AS_READ.format(e="(vacía)"),
                )
            ],
        ),
        # A header close to a known one: the closest known header is suggested.
        (
            "Ponderacion Indicadr",
            [
                (
                    WARNING,
                    "Se ignoró la columna E «Ponderacion Indicadr»: no es un encabezado conocido. "
                    "¿Quiso decir «Ponderación Indicador»? Sus datos no se leen.",
                ),
                (
                    ERROR,
                    "Faltan columnas obligatorias: «Ponderación Indicador» (¿es la columna E, "
                    "«Ponderacion Indicadr»?). Agréguelas a la fila de encabezados. "
                    + AS_READ.format(e="«Ponderacion Indicadr»"),
                ),
            ],
        ),
        ("Ponderación", []),
    ],
)
def test_a_missing_header_names_the_column_shows_the_row_and_suggests(e, expected):
    texts = [*REQUIRED[:4], e, *REQUIRED[5:]]
    assert messages(texts) == expected


def test_no_programming_year_is_missing_too():
    texts = [t for t in REQUIRED if not t.startswith("Programación 2")]
    [(level, message)] = messages(texts)
    assert level == ERROR
    assert message.startswith(
        "Faltan columnas obligatorias: «Programación AAAA» (al menos un año)."
    )
