"""The open-data files: one column spec, CSV for machines, JSON with its metadata."""

import csv
import io
import json
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from objectives.transparency import opendata
from objectives.transparency.snapshots import OfficialSet

pytestmark = pytest.mark.django_db
SOURCE = opendata.Source(fuente="Entidad · PEP", licencia="CC BY 4.0")


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_column_is_flat_snake_case_ascii():
    for kind, columns in opendata.FILES.items():
        names = [c.name for c in columns]
        assert len(names) == len(set(names)), kind
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in names), kind


def test_compliance_rows_carry_the_set_the_figures_and_their_coverage(public_seed):
    closure = public_seed.closures.get()
    official = OfficialSet(2020, 12, True, closure.closed_at, closure.snapshot)
    rows = opendata.compliance_rows(public_seed, [official], SOURCE)
    assert [r["objetivo_numero"] for r in rows] == list(range(1, 9))
    first = rows[0]
    assert first["cumplimiento_objetivo"] == 49.02 and first["cumplimiento_plan"] == 59.71
    assert (first["vigencia"], first["corte"], first["tipo_cifra"]) == (
        2020,
        "2020-12-31",
        "cierre",
    )
    assert (rows[1]["indicadores"], rows[1]["indicadores_no_aplica"]) == (7, 3)
    assert first["indicadores_con_reporte"] is None and first["objetivos_promediados"] == 8
    assert set(first) == {c.name for c in opendata.FILES["cumplimiento"]}


def test_csv_has_dot_decimals_plain_commas_and_blanks_for_none():
    official = OfficialSet(
        2021,
        3,
        False,
        datetime(2021, 4, 10, 15, tzinfo=UTC),
        {
            "policy": "libro",
            "plan_compliance": 12.5,
            "objectives": [
                {"number": 1, "name": "Uno, con coma", "compliance": 12.5, "indicators": []},
                {"number": 2, "name": "Dos", "compliance": None, "indicators": []},
            ],
        },
    )

    class Plan:
        pk, name, entity = 7, "Plan 2021", "Entidad"

    text = opendata.to_csv("cumplimiento", opendata.compliance_rows(Plan, [official], SOURCE))
    one, two = rows_of(text)
    assert one["objetivo"] == "Uno, con coma" and one["cumplimiento_objetivo"] == "12.50"
    assert two["cumplimiento_objetivo"] == "" and two["cumplimiento_plan"] == "12.50"
    assert one["corte"] == "2021-03-31" and one["tipo_cifra"] == "corte"
    assert one["fecha_publicacion"] == "2021-04-10T10:00:00-05:00"  # Bogotá time
    assert text.splitlines()[0].startswith("plan_id,plan,entidad,vigencia,corte,tipo_cifra")


def test_json_numbers_are_numbers_and_metadata_comes_first():
    rows = [
        {c.name: None for c in opendata.FILES["programacion"]}
        | {"programado": Decimal("2000000.000000"), "ponderacion": Decimal("31.3400")}
    ]
    data = json.loads(opendata.to_json("programacion", rows, {"licencia": "CC BY 4.0"}))
    assert data["licencia"] == "CC BY 4.0"
    assert data["columnas"][0] == "plan_id" and data["filas"][0]["programado"] == 2000000
    assert data["filas"][0]["ponderacion"] == 31.34 and data["filas"][0]["linea_base"] is None


def test_the_2020_csv_says_49_02_for_objective_1(public_seed, client):
    response = client.get(
        reverse("transparency:data_compliance", args=[public_seed.pk, 2020, "csv"])
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f'filename="pep-plan-{public_seed.pk}-cumplimiento-2020.csv"'
        in response["Content-Disposition"]
    )
    rows = rows_of(response.content.decode("utf-8"))
    figures = {r["objetivo_numero"]: r["cumplimiento_objetivo"] for r in rows}
    assert figures == {
        "1": "49.02", "2": "34.26", "3": "0.00", "4": "82.48",
        "5": "96.53", "6": "71.43", "7": "69.92", "8": "74.00",
    }  # fmt: skip
    assert {r["cumplimiento_plan"] for r in rows} == {"59.71"}
    assert {r["licencia"] for r in rows} == {"CC BY 4.0"}


def test_the_indicator_file_and_the_programming_file(public_seed, client):
    url = reverse("transparency:data_indicators", args=[public_seed.pk, 2020, "json"])
    data = json.loads(client.get(url).content)
    closure = public_seed.closures.get()
    assert data["fecha_generacion"].startswith(
        closure.closed_at.astimezone().date().isoformat()[:4]
    )
    assert data["diccionario"] == reverse("transparency:data", args=[public_seed.pk])
    i545 = next(r for r in data["filas"] if r["indicador_codigo"] == "545")
    assert (i545["objetivo_numero"], i545["avance"], i545["aporte"]) == (5, 162.65, 54.21)
    programming = rows_of(
        client.get(
            reverse("transparency:data_programming", args=[public_seed.pk, "csv"])
        ).content.decode()
    )
    row = next(r for r in programming if r["indicador_codigo"] == "545" and r["vigencia"] == "2020")
    assert (row["programado"], row["anualizacion"], row["meta_tipo"]) == (
        "2000000",
        "suma",
        "sectorial",
    )


def test_a_vigencia_without_official_figures_has_no_file(public_seed, client):
    url = reverse("transparency:data_compliance", args=[public_seed.pk, 2023, "json"])
    assert client.get(url).status_code == 404
    assert client.get(f"/transparencia/{public_seed.pk}/datos/2020.xlsx").status_code == 404
