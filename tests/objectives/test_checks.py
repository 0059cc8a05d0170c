from decimal import Decimal as D

from objectives.checks import repeated_statements, same_text, weights_finding


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
