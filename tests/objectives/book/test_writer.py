import io

import pytest
from openpyxl import load_workbook

from objectives.book.writer import plan_book
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (4, 8)])
def test_plan_book_takes_nine_queries_whatever_the_plan_size(
    django_assert_num_queries, objectives, indicators
):
    plan = make_plan(objectives, indicators)
    # + published figures and closures (issue 11), + the versions of the targets (issue 15),
    # + the programming per corte (issue 14)
    with django_assert_num_queries(9):
        workbook = plan_book(plan)
    saved = io.BytesIO()
    workbook.save(saved)
    names = load_workbook(saved, read_only=True).sheetnames
    assert names == ["Plataforma", *(f"Objetivo {n + 1}" for n in range(objectives))]
