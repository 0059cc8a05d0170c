from decimal import Decimal as D

import pytest

from objectives.checks import (
    published_compliance_finding,
    repeated_statements,
    same_text,
    weights_finding,
)


def test_same_text_ignores_spacing_case_and_a_final_period():
    assert same_text("  Fortalecer  la Gestión. ") == same_text("fortalecer la gestión")


def test_weights_summing_100_within_a_hundredth_are_fine():
    assert weights_finding(1, [D("33.33")] * 3) is None
    assert weights_finding(1, []) is None
    assert weights_finding(2, [D(50), D(40)]) == (
        "Las ponderaciones del objetivo 2 suman 90,00 %, no 100 %."
    )


def test_a_coded_meta_repeating_another_ones_statement():
    goals = [("a", "498", "Meta uno."), ("b", "503", "meta uno"), ("c", "", "Meta uno")]
    assert repeated_statements(goals) == {
        "b": "La meta 503 repite palabra por palabra el enunciado de la meta 498."
    }


@pytest.mark.parametrize(
    ("published", "computed", "message"),
    [
        ("49.02", "49.0188", None),  # shown 49,02: equal
        ("49.02", "49.03", None),  # 0,01 apart: tolerated
        (
            "34.26",
            "30",
            "El cumplimiento publicado del objetivo 2 para 2020 es 34,26 % y el calculado es "
            "30,00 %.",
        ),
        (
            "34.26",
            None,
            "El cumplimiento publicado del objetivo 2 para 2020 es 34,26 % y el calculado es N/A.",
        ),
    ],
)
def test_the_books_own_objective_figure_against_the_computed_one(published, computed, message):
    computed = None if computed is None else D(computed)
    assert published_compliance_finding(2, 2020, D(published), computed) == message
