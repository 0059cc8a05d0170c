"""Issue 15 in the book: «Ponderación YYYY» columns, the sheet «Reprogramaciones», and a book
that would reprogram a vigencia with approved reports."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from indicators.choices import VersionStatus
from indicators.models import Goal, Indicator, Programming
from indicators.targets import TargetVersion
from objectives.book.importer import book_import
from objectives.book.reader import read_book
from objectives.book.writer import plan_book
from objectives.models import Plan, Weight
from objectives.reporting import services
from objectives.reprogramming import services as reprogramming

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {"admin": make_user("Administrador"), "planeacion": make_user("Planeación")}


def budget():
    return Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")


def exported() -> io.BytesIO:
    saved = io.BytesIO()
    plan_book(Plan.objects.get()).save(saved)
    saved.seek(0)
    return saved


def sheet_values(book: io.BytesIO, name: str) -> list[tuple]:
    book.seek(0)
    rows = load_workbook(book, read_only=True)[name].iter_rows(values_only=True)
    return [tuple(row) for row in rows]


def reprogrammed(people, seed_plan):
    """Objective 7 weighs 60/40 from 2021; the budget's 2020 target went 99 → 120 through a
    resolution, and a second change of 2020 (to 110) waits for approval."""
    first, second = seed_plan.objectives.get(number=7).weights.order_by("id")
    for weight, value in ((first, 60), (second, 40)):
        services.weight_save(
            user=people["planeacion"],
            weight=weight,
            value=D(value),
            reason="Actualización del PEI",
            version=weight.version,
            confirmed=True,
            from_year=2021,
        )
    act = reprogramming.Act("resolucion", "045", date(2020, 11, 3))
    for changes in ({2020: D(120)}, {2020: D(110)}):
        current = reprogramming.current_targets(budget())
        targets = reprogramming.Targets(
            current.programming | changes, current.baseline, current.stated_total
        )
        version = reprogramming.reprogramming_propose(
            user=people["planeacion"], indicator=budget(), targets=targets, reason="Ajuste", act=act
        )
        if changes[2020] == 120:
            reprogramming.reprogramming_approve(user=people["admin"], version=version)


def test_the_export_writes_a_vigencias_own_weights_and_the_history(people, seed_plan):
    reprogrammed(people, seed_plan)
    book = exported()
    rows = sheet_values(book, "Objetivo 7")
    header = next(row for row in rows if "Nombre Indicador" in row)
    assert [h for h in header if h and h.startswith("Ponderación")] == [
        "Ponderación Indicador",
        *(f"Ponderación {year}" for year in range(2021, 2025)),
    ]
    budget_row = next(row for row in rows if "Porcentaje de presu" in str(row[3:4]))
    column = header.index("Ponderación 2021")
    assert (budget_row[header.index("Ponderación Indicador")], budget_row[column]) == (0.5, 0.6)
    history = sheet_values(book, "Reprogramaciones")
    assert history[0][:5] == ("Objetivo", "Indicador", "Nombre Indicador", "Versión", "Estado")
    assert [(row[0], row[3], row[4]) for row in history[1:]] == [
        (7, 1, "Aprobada"),
        (7, 2, "Aprobada"),
        (7, 3, "Propuesta"),
    ]
    assert history[2][history[0].index("Acto")] == "Resolución"
    assert history[2][history[0].index("Programación 2020")] == 120


def test_a_book_round_trip_keeps_per_vigencia_weights_and_versions(people, seed_plan):
    reprogrammed(people, seed_plan)
    first = exported()
    Plan.objects.all().delete()
    Indicator.objects.all().delete()
    Goal.objects.all().delete()
    assert not TargetVersion.objects.exists() and not Weight.objects.exists()
    imported = book_import(book=read_book(first), user=people["admin"])
    assert imported.tallies["versions"].created == 3
    second = exported()
    for name in ("Objetivo 7", "Reprogramaciones", "Objetivo 1"):
        assert sheet_values(second, name) == sheet_values(first, name), name
    weight = Plan.objects.get().objectives.get(number=7).weights.order_by("id").first()
    assert (weight.weight_in(2020), weight.weight_in(2021)) == (D(50), D(60))
    versions = budget().target_versions.order_by("number")
    assert [(v.number, v.status, v.act) for v in versions] == [
        (1, VersionStatus.APROBADA, ""),
        (2, VersionStatus.APROBADA, "Resolución 045 del 3 de noviembre de 2020"),
        (3, VersionStatus.PROPUESTA, "Resolución 045 del 3 de noviembre de 2020"),
    ]
    assert versions[1].approved_by == people["admin"]


def test_a_book_reprogramming_a_vigencia_with_approved_reports_becomes_a_proposal(
    people, seed_plan
):
    book = exported()
    workbook = load_workbook(book)
    sheet = workbook["Objetivo 7"]
    rows = list(sheet.iter_rows())
    header = next(row for row in rows if any(c.value == "Nombre Indicador" for c in row))
    column = next(c.column - 1 for c in header if c.value == "Programación 2020")
    target = next(row for row in rows if "Porcentaje de presu" in str(row[3:4] and row[3].value))
    target[column].value = 1.2  # 120 %, where PEP has 99 % and the 2020 reports are approved
    changed = io.BytesIO()
    workbook.save(changed)
    changed.seek(0)
    preview = book_import(book=read_book(changed), dry_run=True, user=people["planeacion"])
    assert any(
        "La vigencia 2020 ya tiene reportes aprobados" in line
        and "reprogramación propuesta" in line
        for line in preview.lines()
    )
    assert not TargetVersion.objects.exists()  # a dry run writes nothing
    changed.seek(0)
    book_import(book=read_book(changed), user=people["planeacion"])
    assert Programming.objects.get(indicator=budget(), year=2020).value == D(99)
    proposal = TargetVersion.objects.get(status=VersionStatus.PROPUESTA)
    assert (proposal.programmed[2020], proposal.proposed_by) == (D(120), people["planeacion"])
    reprogramming.reprogramming_approve(user=people["admin"], version=proposal)
    assert Programming.objects.get(indicator=budget(), year=2020).value == D(120)
