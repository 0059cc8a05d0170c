from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from indicators.choices import Annualization, Corte, ReportStatus
from indicators.formatting import round_half_up
from indicators.models import Goal, Indicator, PublishedProgress, Report
from objectives.figures import plan_scores
from objectives.models import Plan
from tests.books import Pct, counts, indicator_row, run, simple_book
from tests.factories import close

pytestmark = pytest.mark.django_db


def test_it_loads_the_2020_book(seed_book):
    code, out, _ = run(seed_book)
    assert code == 0
    assert counts() == [1, 8, 12, 19, 20, 95, 15, 15]
    assert "Indicadores: 19 creados, 0 actualizados, 0 sin cambios" in out
    assert "Libro importado" in out
    plan = Plan.objects.get()
    assert (plan.first_year, plan.last_year) == (2020, 2024)
    assert plan.mission.startswith("La Secretaría General de la Alcaldía Mayor")


def test_an_indicator_in_two_objectives_is_recorded_once_with_two_weights(seed_plan):
    indicator = Indicator.objects.get(code="543")
    weights = {w.objective.number: w.weight for w in indicator.weights.select_related("objective")}
    assert weights == {2: D("31.34"), 3: D("100")}
    assert indicator.reports.get().executed == D(0)
    assert indicator.annualization == Annualization.SUMA


def test_book_figures_are_stored_in_the_indicators_unit(seed_plan):
    i545 = Indicator.objects.get(code="545")
    assert i545.stated_total == D("13200000")
    assert i545.reports.get().corte == Corte.DICIEMBRE
    assert i545.reports.get().executed == D("3253000")
    i555 = Indicator.objects.get(code="555")
    assert i555.stated_total == D(128)  # kept as stated, flagged by a warning
    assert [p.value for p in i555.programming.all()] == [D(25), D(50), D(25), D(0), D(0)]
    assert PublishedProgress.objects.get(indicator__code="546").percent == D("126.98")


def test_warnings_say_sheet_row_and_column(seed_book):
    _, out, _ = run(seed_book)
    assert (
        "Advertencia (hoja «Objetivo 2», fila 12, columna L (Programación Total)): indicador 555"
        in out
    )
    assert "La meta 503 repite palabra por palabra el enunciado de la meta 498" in out


def test_the_same_book_twice_changes_nothing_and_says_so(seed_plan, seed_book):
    before = counts()
    code, out, _ = run(seed_book)
    assert code == 0
    assert counts() == before
    assert "Programación: 0 creados, 0 actualizados, 95 sin cambios" in out
    assert "Sin cambios: la base ya tenía exactamente este libro." in out


def test_dry_run_writes_nothing(seed_book):
    code, out, _ = run(seed_book, "--dry-run")
    assert code == 0
    assert "Plan: 1 creados" in out
    assert "no se escribió nada" in out
    assert counts() == [0] * 8


def test_a_changed_figure_is_updated(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    code, out, _ = run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    assert code == 0
    assert "Ejecución: 0 creados, 1 actualizados, 0 sin cambios" in out
    assert Report.objects.get().executed == D(7)


def test_a_blank_cell_never_erases_a_stored_figure(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=None)]))
    assert Report.objects.get().executed == D(5)


def test_a_book_with_errors_writes_nothing_and_exits_1(seed_plan, tmp_path):
    before = counts()
    rows = [indicator_row(code="1", weight=Pct(0.5)), indicator_row(code="2", weight="mucho")]
    code, _, err = run(simple_book(tmp_path / "bad.xlsx", rows))
    assert code == 1
    assert "Error (hoja «Objetivo 1», fila 6, columna F (Ponderación Indicador))" in err
    assert "«mucho» no es un número" in err
    assert "no se escribió nada" in err
    assert counts() == before


@pytest.mark.parametrize("content", [b"hola", b"PK\x03\x04\x14\x00corrupto"])
def test_a_file_that_is_not_a_workbook_exits_1_without_traceback(db, tmp_path, content):
    path = tmp_path / "libro.xlsx"
    path.write_bytes(content)
    code, _, err = run(path)
    assert code == 1
    assert "no es un libro de Excel (.xlsx) válido" in err
    assert "Traceback" not in err


def test_a_missing_file_exits_1(db, tmp_path):
    code, _, err = run(tmp_path / "no-existe.xlsx")
    assert code == 1
    assert "no existe el archivo" in err


def test_blank_optional_cells_keep_what_is_stored(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(total=20)]))
    indicator = Indicator.objects.get()
    indicator.annualization = Annualization.SUMA
    indicator.dependency = "Oficina Asesora de Planeación"
    indicator.save()
    code, out, _ = run(simple_book(tmp_path / "b.xlsx", [indicator_row(total=None)]))
    assert code == 0
    indicator.refresh_from_db()
    assert indicator.stated_total == D(20)
    assert indicator.dependency == "Oficina Asesora de Planeación"
    assert "Indicadores: 0 creados, 0 actualizados, 1 sin cambios" in out


def test_an_inferred_annualization_never_overwrites_a_stated_one(db, tmp_path):
    run(
        simple_book(
            tmp_path / "a.xlsx",
            [
                indicator_row(
                    annualization="Creciente sin línea base", programmed=(10, 20), total=20
                )
            ],
        )
    )
    run(
        simple_book(
            tmp_path / "b.xlsx", [indicator_row(annualization=None, programmed=(10, 20), total=30)]
        )
    )
    indicator = Indicator.objects.get()
    assert indicator.annualization == Annualization.CRECIENTE_SIN_LB
    assert not indicator.annualization_inferred


def test_an_inferred_annualization_is_remembered(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(annualization=None)]))
    assert Indicator.objects.get().annualization_inferred


def test_a_coded_meta_without_statement_is_an_error_that_says_where(db, tmp_path):
    code, _, err = run(simple_book(tmp_path / "a.xlsx", [indicator_row(goal_statement=None)]))
    assert code == 1
    assert (
        "Error (hoja «Objetivo 1», fila 5, columna B (Nombre Meta)): Falta el enunciado de la "
        "meta 900: escríbalo en «Nombre Meta»." in err
    )
    assert Goal.objects.count() == 0


def test_an_approved_report_of_a_closed_vigencia_is_never_overwritten(db, tmp_path, closer):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    close(Plan.objects.get(), 2020, closer)
    code, out, _ = run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    assert code == 0
    assert Report.objects.get().executed == D(5)
    assert "Ejecución: 0 creados, 0 actualizados, 0 sin cambios, 1 protegidos" in out
    assert (
        "La vigencia 2020 está cerrada: no se cambió la ejecución aprobada de 101 "
        "(31 de diciembre)." in out
    )
    assert "Sin cambios: la base ya tenía exactamente este libro." in out


@pytest.mark.parametrize("status", [ReportStatus.DEVUELTO, ReportStatus.ENVIADO])
def test_a_report_not_yet_approved_in_a_closed_vigencia_takes_the_books_figure(
    db, tmp_path, closer, status
):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    Report.objects.update(status=status)
    close(Plan.objects.get(), 2020, closer)
    run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    assert Report.objects.get().executed == D(7)


def test_a_reopened_vigencia_takes_the_books_figures(db, tmp_path, closer):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    close(Plan.objects.get(), 2020, closer, is_closed=False)
    run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    assert Report.objects.get().executed == D(7)


def test_only_the_imported_plans_closures_protect_its_figures(db, tmp_path, closer):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    other = Plan.objects.create(entity="Otra", name="Otro plan", first_year=2020, last_year=2024)
    close(other, 2020, closer)
    run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    assert Report.objects.get().executed == D(7)


def test_an_update_is_recorded_in_the_history_with_old_and_new(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=2000000, total=20)]))
    run(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=2500000, total=20)]))
    report = Report.objects.get()
    assert [(r.history_type, r.executed) for r in report.history.order_by("history_id")] == [
        ("+", D(2000000)),
        ("~", D(2500000)),
    ]


def renamed(seed_book, path, old: str, new: str):
    """The 2020 book with one sheet renamed, as a planning office might have named it."""
    workbook = load_workbook(seed_book)
    workbook[old].title = new
    workbook.save(path)
    return path


def plan_2020() -> D:
    return plan_scores(Plan.objects.get(), 2020).compliance


def test_a_sheet_named_obj_3_among_objetivo_n_sheets_is_read(seed_book, tmp_path):
    # Before issue 11 it was skipped without a word and the plan came out at 68,23 %.
    code, out, _ = run(renamed(seed_book, tmp_path / "b.xlsx", "Objetivo 3", "Obj. 3"))
    assert code == 0 and "ignoraron" not in out
    assert round_half_up(plan_2020()) == D("59.71")


def test_a_sheet_no_rule_recognises_is_named_in_a_warning(seed_book, tmp_path):
    code, out, _ = run(renamed(seed_book, tmp_path / "b.xlsx", "Objetivo 3", "Tercero"))
    assert code == 0
    assert (
        "Advertencia: Se ignoraron las hojas «Tercero»: no son «Plataforma» ni una hoja de "
        "objetivo" in out
    )
    assert Plan.objects.get().objectives.count() == 7
