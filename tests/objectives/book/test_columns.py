import pytest

from indicators.choices import Annualization, Unit
from objectives.book.columns import (
    ANNUALIZATION_WORDS,
    ANNUALIZATIONS,
    HEADERS,
    SINGLE,
    UNIT_WORDS,
    UNITS,
    YEARLY,
    Layout,
    normalize,
    year_number,
)


def test_headers_are_read_without_case_accents_or_spaces():
    assert normalize(" Anualización\n") == "anualizacion"
    assert HEADERS["lineabase"] == "baseline"


def test_the_reader_accepts_the_2020_books_header_and_the_exports_own():
    code = SINGLE["code"]
    assert (code.label, code.written) == ("Indicador Sectorial", "Indicador")
    assert HEADERS[normalize(code.label)] == HEADERS[normalize(code.written)] == "code"
    assert all(HEADERS[normalize(c.written)] == c.key for c in SINGLE.values())


@pytest.mark.parametrize(
    ("key", "header", "year"),
    [
        ("programmed", "Programación 2021", 2021),
        ("executed", "Magnitud Ejecutada a la vigencia 2020", 2020),
        ("published", "Porcentaje avance a la vigencia 2024", 2024),
    ],
)
def test_a_yearly_column_is_written_and_read_by_the_same_template(key, header, year):
    column = YEARLY[key]
    assert column.label(year) == header
    assert int(column.pattern.match(normalize(header)).group(1)) == year
    assert column.pattern.match(normalize("Programación Total")) is None


def test_every_word_the_export_writes_reads_back_as_the_same_value():
    for value, words in ANNUALIZATION_WORDS.items():
        assert ANNUALIZATIONS[normalize(words[0])] == value
    for value, words in UNIT_WORDS.items():
        assert all(UNITS[normalize(word)] == value for word in words)
    assert set(ANNUALIZATION_WORDS) == set(Annualization.values)
    assert set(UNIT_WORDS) == set(Unit.values)


def test_a_message_names_a_column_by_letter_and_header():
    layout = Layout(header_row=4, columns={"weight": 5}, years={"programmed": {2020: 6}})
    assert layout.label("weight") == "F (Ponderación Indicador)"
    assert layout.column_labels() == {
        "weight": "F (Ponderación Indicador)",
        "programmed:2020": "G (Programación 2020)",
    }


@pytest.mark.parametrize(
    ("value", "year"),
    [
        (2022, 2022),
        (2022.0, 2022),
        ("2022", 2022),
        ("2.022", 2022),
        ("2022.0", 2022),
        (2022.5, None),
        (20220, None),
        (float("nan"), None),
        (float("inf"), None),
        (True, None),
        ("2022-2023", None),
        (None, None),
    ],
)
def test_a_year_is_read_as_people_type_it(value, year):
    assert year_number(value) == year
