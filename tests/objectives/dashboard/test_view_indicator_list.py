import csv
import io
from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from indicators.choices import Corte, ReportStatus
from indicators.models import Indicator, Report
from objectives.jobs.models import Job
from objectives.models import Objective
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def codes(response):
    return [row.record.indicator.code for row in response.context["table"].rows]


def test_it_lists_every_indicator_of_the_plan_once(user_client, seed_plan):
    response = user_client.get("/indicadores/")
    assert response.context["count"] == 19  # 543 feeds two objectives, listed once
    assert "19 indicadores" in response.content.decode()
    row = next(r for r in response.context["table"].rows if r.record.indicator.code == "543")
    assert row.record.objectives == "2, 3"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tipo_meta=gestion", ["", "", ""]),
        ("anualizacion=constante", ["", "", "512"]),
        ("semaforo=naranja", ["545", "546"]),
        ("semaforo=no_aplica", ["464", "465", "466", "544"]),
        ("dependencia=Subsecretaría Corporativa", ["", "", ""]),
        ("q=PQRS", ["546"]),
        ("q=498", ["544", "545", "546"]),
    ],
)
def test_filters(user_client, seed_plan, query, expected):
    assert sorted(codes(user_client.get(f"/indicadores/?vigencia=2020&{query}"))) == expected


def test_a_report_not_yet_approved_is_not_counted(user_client, seed_plan):
    indicator = Indicator.objects.get(code="545")
    Report.objects.create(
        indicator=indicator, year=2021, corte=Corte.MARZO, executed=1, status=ReportStatus.ENVIADO
    )
    rows = {
        r.record.indicator.code: r.record
        for r in user_client.get("/indicadores/?vigencia=2021").context["table"].rows
    }
    assert rows["545"].executed is None and rows["545"].semaforo == "sin_dato"


def test_filter_by_objective(user_client, seed_plan):
    objective = Objective.objects.get(number=5)
    assert codes(user_client.get(f"/indicadores/?objetivo={objective.pk}")) == ["544", "545", "546"]


def test_an_invalid_filter_value_is_shown_not_a_500(user_client, seed_plan):
    response = user_client.get("/indicadores/?anualizacion=lineal")
    assert response.status_code == 200
    assert "Escoja una opción válida" in response.content.decode()


def test_cells_are_in_colombian_format_and_na_is_na(user_client, seed_plan):
    rows = {
        r.record.indicator.code: r for r in user_client.get("/indicadores/").context["table"].rows
    }
    assert rows["545"].get_cell("programmed") == "2.000.000"
    assert rows["545"].get_cell("progress") == "162,65 %"
    assert rows["544"].get_cell("progress") == "N/A"
    assert "sin código" in rows[""].get_cell("code")
    assert rows["321"].get_cell("executed") == "2,37 %"


def test_csv_export_has_exactly_the_filtered_rows_in_the_colombian_convention(
    user_client, seed_plan
):
    response = user_client.get("/indicadores/?vigencia=2020&semaforo=naranja&_export=csv")
    assert response["Content-Disposition"] == 'attachment; filename="indicadores-2020.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # the BOM
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["Código", "Indicador", "Meta"]
    assert [row[0] for row in rows[1:]] == ["545", "546"]
    header = rows[0]
    assert rows[1][header.index("Programado")] == "2000000"
    assert rows[1][header.index("Ejecutado")] == "3253000"
    assert rows[1][header.index("Avance (%)")] == "162,65"
    assert rows[1][header.index("Unidad")] == "Número (cantidad)"
    assert rows[1][header.index("Meta")] == "Meta sectorial 498"


def test_xlsx_export_has_a_heading_and_numbers_with_their_formats(user_client, seed_plan):
    response = user_client.get("/indicadores/?vigencia=2020&q=PQRS&_export=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Indicadores"]
    sheet = book["Indicadores"]
    heading = {row[0].value: row[1].value for row in sheet.iter_rows(max_row=6)}
    assert heading["Entidad"] == seed_plan.entity
    assert heading["Plan"] == str(seed_plan)
    assert heading["Vigencia"] == "2020"
    assert heading["Corte"] == "31 de diciembre"
    assert heading["Filtros"] == "Buscar: PQRS"
    assert heading["Exportado"]
    header = [c.value for c in sheet[8]]
    values = {name: cell for name, cell in zip(header, sheet[9], strict=True)}
    assert values["Ejecutado"].value == 114279
    assert values["Ejecutado"].number_format == "#,##0.00"
    assert values["Avance"].value == pytest.approx(1.2698)
    assert values["Avance"].number_format == "0.00%"
    assert values["Unidad"].value == "Número (cantidad)"
    assert sheet.max_row == 9
    assert sheet.freeze_panes == "A9"


def test_an_export_without_filters_says_so(user_client, seed_plan):
    response = user_client.get("/indicadores/?vigencia=2021&_export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Indicadores"]
    heading = {row[0].value: row[1].value for row in sheet.iter_rows(max_row=6)}
    assert (heading["Filtros"], heading["Corte"]) == ("ninguno", "sin reportes aprobados")
    assert sheet.max_row == 8 + 19


@pytest.mark.parametrize(("objectives", "indicators"), [(2, 2), (5, 12)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    plan = make_plan(objectives, indicators)
    # session, user, plan, latest vigencia, dependencies; the rows, from the plan's shared
    # figures: objectives, links with indicators and metas, programming, reports, published;
    # the filtered ids; roles, the objective filter's choices
    with django_assert_num_queries(13):
        response = user_client.get(f"/indicadores/?plan={plan.pk}")
    assert response.context["count"] == objectives * indicators
    assert D(50) == response.context["table"].rows[0].record.progress * 100
    with django_assert_num_queries(4):  # session, user, plan, roles (the vigencia is cached)
        again = user_client.get(f"/indicadores/?plan={plan.pk}")
    assert 'id="conteo"' in again.content.decode()
    cache.clear()  # another page of the list: its rows are shared, only the page is built
    with django_assert_num_queries(8):  # + dependencies, the filtered ids, the filter's choices
        page = user_client.get(f"/indicadores/?plan={plan.pk}&sort=-progress")
    assert page.context["count"] == objectives * indicators


def cells(content: bytes) -> list:
    return list(load_workbook(io.BytesIO(content)).active.values)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_over_the_threshold_is_written_by_the_worker_and_is_the_same_file(
    user_client, seed_plan, settings, fmt
):
    query = f"/indicadores/?vigencia=2020&semaforo=naranja&sort=-progress&_export={fmt}"
    direct = user_client.get(query)
    settings.EXPORT_SYNC_MAX_ROWS = 5  # the plan has 19 indicators
    response = user_client.get(query)
    job = Job.objects.get()
    assert response.url == reverse("objectives:job", args=[job.pk])
    assert job.title == f"Exportar los indicadores de 2020 ({fmt.upper()})"
    page = user_client.get(response.url).content.decode()
    assert f"Descargar indicadores-2020.{fmt}" in page
    download = user_client.get(reverse("objectives:job_download", args=[job.pk]))
    content = b"".join(download.streaming_content)
    if fmt == "csv":
        assert content == direct.content
    else:  # the zip differs by its timestamps, and the heading by its "Exportado"; no cell else
        assert cells(content)[:5] == cells(direct.content)[:5]  # entity, plan, vigencia, corte…
        assert cells(content)[6:] == cells(direct.content)[6:]
    # the header and two rows (after the book's heading block of six rows and a blank one)
    rows = cells(content)[7:] if fmt == "xlsx" else content.decode().splitlines()
    assert len(rows) == 3
