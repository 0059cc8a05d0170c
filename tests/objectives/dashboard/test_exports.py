import csv
import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from indicators.choices import Annualization, MetaKind, Unit
from indicators.models import Goal, Indicator
from objectives.dashboard import exports
from objectives.dashboard.indicator_selectors import ListRow

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    goal = Goal.objects.create(kind=MetaKind.SECTORIAL, code="498", statement="Meta larga")
    indicator = Indicator.objects.create(
        goal=goal, code="", name="=SUMA(A1)", annualization=Annualization.SUMA, unit=Unit.NUMERO
    )
    return [ListRow(indicator, "5", D("2000000"), D("3253000.5"), D("1.62650025"), "naranja")]


def test_the_csv_is_semicolon_separated_with_decimal_commas_and_a_bom(rows):
    text = exports.indicators_csv(rows)
    assert text.startswith("\ufeffCódigo;Indicador;Meta;")
    header, row = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    values = dict(zip(header, row, strict=True))
    assert values["Código"] == "sin código"
    assert values["Indicador"] == "'=SUMA(A1)"  # never a formula
    assert (values["Programado"], values["Ejecutado"]) == ("2000000", "3253000,5")
    assert values["Avance (%)"] == "162,65"
    assert values["Semáforo"] == "Naranja (sobre-ejecución)"


def test_the_book_has_a_heading_block_then_the_table(rows, seed_plan):
    heading = exports.heading(
        plan=seed_plan, year=2020, corte="31 de diciembre", filters="ninguno", when="1/12/2026"
    )
    sheet = load_workbook(io.BytesIO(exports.indicators_xlsx(rows, heading)))["Indicadores"]
    assert [sheet.cell(r, 1).value for r in range(1, 7)] == [
        "Entidad", "Plan", "Vigencia", "Corte", "Filtros", "Exportado",
    ]  # fmt: skip
    assert sheet.cell(7, 1).value is None
    header = [c.value for c in sheet[8]]
    cells = dict(zip(header, sheet[9], strict=True))
    assert cells["Avance"].value == pytest.approx(1.6265)
    assert cells["Avance"].number_format == "0.00%"
    assert cells["Meta"].value == "Meta sectorial 498"
    assert cells["Enunciado de la meta"].value == "Meta larga"
