from datetime import date

import pytest

from indicators.choices import Corte
from indicators.cortes import corte_asked, due_corte, latest_corte


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2021, 3, 30), (2020, Corte.DICIEMBRE)),
        (date(2021, 3, 31), (2021, Corte.MARZO)),
        (date(2021, 6, 30), (2021, Corte.JUNIO)),
        (date(2021, 9, 29), (2021, Corte.JUNIO)),
        (date(2021, 12, 31), (2021, Corte.DICIEMBRE)),
    ],
)
def test_the_latest_corte_is_the_last_whose_date_has_passed(today, expected):
    assert latest_corte(today) == expected


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 1), (2024, Corte.DICIEMBRE)),
        (date(2019, 7, 1), (2020, Corte.MARZO)),
        (date(2022, 7, 1), (2022, Corte.JUNIO)),
    ],
)
def test_the_due_corte_stays_inside_the_plans_vigencias(today, expected):
    assert due_corte(today, 2020, 2024) == expected


@pytest.mark.parametrize(("raw", "expected"), [("6", 6), ("12", 12), ("5", None), ("", None)])
def test_a_corte_from_the_query_string(raw, expected):
    assert corte_asked(raw) == expected
    assert corte_asked(None) is None
