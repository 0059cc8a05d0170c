"""Checks across the rows of a book, on plain rows: no workbook, no database."""

from decimal import Decimal as D

from indicators.choices import Annualization, MetaKind, Unit
from objectives.book.checks import check_book
from objectives.book.rows import ERROR, WARNING, Book, IndicatorRow, ObjectiveSheet


def row(number: int, line: int, code: str = "101", **changes) -> IndicatorRow:
    values = {
        "goal_kind": MetaKind.SECTORIAL,
        "goal_code": "900",
        "goal_statement": "Meta de prueba",
        "code": code,
        "name": f"Indicador {code}",
        "annualization": Annualization.SUMA,
        "unit": Unit.NUMERO,
        "baseline": None,
        "weight": D(100),
        "stated_total": D(20),
        "programmed": {2020: D(10), 2021: D(10)},
        "sheet": f"Objetivo {number}",
        "row": line,
        "objective": number,
    }
    return IndicatorRow(**(values | changes))


def checked(*objectives: ObjectiveSheet) -> list[tuple[str, str]]:
    book = Book(objectives=list(objectives))
    check_book(book)
    return [(p.level, str(p)) for p in book.problems]


def test_a_clean_book_has_no_problem():
    assert checked(ObjectiveSheet(1, "Uno", [row(1, 5)], "Objetivo 1")) == []


def test_an_indicator_twice_in_an_objective_is_an_error():
    sheet = ObjectiveSheet(1, "Uno", [row(1, 5, weight=D(50)), row(1, 6, weight=D(50))])
    assert checked(sheet) == [
        (
            ERROR,
            "Error (hoja «Objetivo 1», fila 6): El indicador 101 ya está en la fila 5 de este "
            "objetivo.",
        )
    ]


def test_an_indicator_in_two_objectives_must_carry_the_same_figures():
    first = ObjectiveSheet(1, "Uno", [row(1, 5)])
    second = ObjectiveSheet(2, "Dos", [row(2, 5, programmed={2020: D(10), 2021: D(12)})])
    [(level, message)] = checked(first, second)
    assert level == ERROR and "con otra cifra en la programación" in message


def test_weights_that_do_not_sum_100_are_a_warning_on_the_sheet():
    sheet = ObjectiveSheet(1, "Uno", [row(1, 5, weight=D(90))], "Objetivo 1")
    assert checked(sheet) == [
        (
            WARNING,
            "Advertencia (hoja «Objetivo 1»): Las ponderaciones del objetivo 1 suman 90,00 %, "
            "no 100 %.",
        )
    ]
