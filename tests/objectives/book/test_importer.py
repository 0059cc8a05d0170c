"""``book_import`` as a service: what it writes, what a dry run would write (the preview),
what a closed vigencia protects, and the history it leaves. The command's own behaviour is in
tests/objectives/management/commands/test_import_book.py."""

from decimal import Decimal as D

import pytest

from indicators.models import Indicator, Programming, Report
from objectives.book.changes import FieldChange
from objectives.book.importer import BOOK_HAS_ERRORS, BookError, book_import
from objectives.book.reader import read_book
from objectives.models import Objective, Plan, PublishedCompliance, Weight
from tests.books import (
    HEADERS,
    PLATFORM,
    Pct,
    counts,
    indicator_row,
    run,
    simple_book,
    write_book,
)
from tests.factories import close

pytestmark = pytest.mark.django_db


def test_a_book_with_errors_is_refused_before_anything_is_written(tmp_path):
    book = read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(weight="mucho")]))
    assert book.errors
    with pytest.raises(BookError, match=BOOK_HAS_ERRORS):
        book_import(book=book)
    assert Plan.objects.count() == 0


def test_a_dry_run_counts_what_it_would_write_and_writes_nothing(tmp_path):
    book = read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    result = book_import(book=book, dry_run=True)
    assert result.dry_run and result.changed and result.plan_id is not None
    assert (result.tallies["indicators"].created, result.tallies["reports"].created) == (1, 1)
    assert Plan.objects.count() == Indicator.objects.count() == 0


def test_it_returns_the_plan_it_wrote(tmp_path):
    book = read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)]))
    result = book_import(book=book)
    assert Plan.objects.get().pk == result.plan_id
    assert Report.objects.get().executed == D(5)


def test_a_dry_run_names_every_row_it_would_create(db, tmp_path):
    book = read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(published=Pct(0.5))]))
    result = book_import(book=book, dry_run=True)
    assert [(c.entity, c.label, c.created) for c in result.changes] == [
        ("plan", "Plan «Plan de prueba»", True),
        ("objectives", "Objetivo 1", True),
        ("goals", "Meta sectorial 900", True),
        ("indicators", "Indicador 101", True),
        ("weights", "Ponderación Objetivo 1 · 101", True),
        ("programming", "Programación 101 · 2020", True),
        ("programming", "Programación 101 · 2021", True),
        ("reports", "Ejecución 101 · 2020 · 31 de diciembre", True),
        ("published", "Avance publicado 101 · 2020", True),
    ]
    assert counts() == [0] * 8


def test_an_update_shows_each_changed_field_old_and_new_in_colombian_format(db, tmp_path):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=2000000, total=20)]))
    book = read_book(
        simple_book(
            tmp_path / "b.xlsx",
            [indicator_row(executed=3253000.5, total=20, annualization="Constante")],
        )
    )
    result = book_import(book=book, dry_run=True)
    assert [(c.entity, c.label, c.created, c.fields) for c in result.changes] == [
        (
            "indicators",
            "Indicador 101",
            False,
            (FieldChange("anualización", "Suma", "Constante"),),
        ),
        (
            "reports",
            "Ejecución 101 · 2020 · 31 de diciembre",
            False,
            (FieldChange("magnitud ejecutada", "2.000.000", "3.253.000,5"),),
        ),
    ]
    assert Report.objects.get().executed == D(2000000)


def test_the_same_book_twice_records_no_change(seed_plan, seed_book):
    result = book_import(book=read_book(seed_book), dry_run=True)
    assert result.changes == []
    assert result.protected == []


def test_programming_of_a_closed_vigencia_is_never_overwritten(db, tmp_path, closer):
    run(simple_book(tmp_path / "a.xlsx", [indicator_row(programmed=(10, 10), total=20)]))
    close(Plan.objects.get(), 2020, closer)
    result = book_import(
        book=read_book(
            simple_book(tmp_path / "b.xlsx", [indicator_row(programmed=(12, 15), total=20)])
        )
    )
    values = dict(Programming.objects.values_list("year", "value"))
    assert values == {2020: D(10), 2021: D(15)}
    assert result.protected == [
        "La vigencia 2020 está cerrada: no se cambió la programación de 101."
    ]
    assert (result.tallies["programming"].updated, result.tallies["programming"].protected) == (
        1,
        1,
    )
    assert [c.label for c in result.changes] == ["Programación 101 · 2021"]


def test_a_closed_vigencia_that_agrees_with_the_book_is_not_reported(db, tmp_path, closer):
    path = simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)])
    run(path)
    close(Plan.objects.get(), 2020, closer)
    result = book_import(book=read_book(path), dry_run=True)
    assert result.protected == []
    assert result.tallies["reports"].unchanged == 1


def test_every_row_it_creates_has_its_creation_in_the_history_signed_by_the_importer(
    db, seed_book, django_user_model
):
    user = django_user_model.objects.create(username="carga")
    book_import(book=read_book(seed_book), user=user)
    for model in (Indicator, Weight, Programming, Report):
        records = model.history.filter(history_type="+")
        assert records.count() == model.objects.count()
        assert {r.history_user_id for r in records} == {user.pk}
        assert {r.history_change_reason for r in records} == {
            "Importación del libro de seguimiento"
        }
    report = Report.objects.get(indicator__code="545", year=2020)
    record = report.history.get()
    assert (record.executed, record.corte, record.status) == (report.executed, 12, "aprobado")


def test_each_indicator_it_creates_has_a_history_record_with_its_values(db, seed_book):
    """The indicators' history is written as plain values in one statement (objectives/book/
    bulk.py): each record must hold what the row holds, as simple-history's would."""
    book_import(book=read_book(seed_book))
    tracked = [f.attname for f in Indicator.history.model.tracked_fields]
    stored = {i.pk: [getattr(i, name) for name in tracked] for i in Indicator.objects.all()}
    records = Indicator.history.all()
    assert len(stored) > 10 and records.count() == len(stored)
    for record in records:
        assert [getattr(record, name) for name in tracked] == stored[record.id]
        assert (record.history_type, record.history_user_id) == ("+", None)
        assert record.history_change_reason == "Importación del libro de seguimiento"
        assert record.history_date is not None


def test_what_an_import_changes_gets_a_new_version_so_an_open_form_conflicts(tmp_path):
    """Issue 12: the import changed rows under people's open forms without bumping versions."""
    book_import(book=read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)])))
    # 2021 has no approved report: its programming is written (2020 would be a proposal)
    changed = indicator_row(executed=7, programmed=(10, 12), weight=Pct(0.5))
    book_import(book=read_book(simple_book(tmp_path / "b.xlsx", [changed])))
    report, weight = Report.objects.get(), Weight.objects.get()
    programming = {p.year: (p.value, p.version) for p in Programming.objects.all()}
    assert (report.executed, report.version) == (D(7), 2)
    assert (weight.weight, weight.version) == (D(50), 2)
    assert programming == {2020: (D(10), 1), 2021: (D(12), 2)}


def test_a_report_approved_in_pep_is_never_written_over(tmp_path, make_user):
    """Approved by a reviewer in the app: it lives in the review cycle even when approved."""
    book_import(book=read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)])))
    Report.objects.update(reviewed_by=make_user("Planeación"))
    result = book_import(
        book=read_book(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)]))
    )
    assert (Report.objects.get().executed, Report.objects.get().version) == (D(5), 1)
    assert result.tallies["reports"].protected == 1
    assert result.protected == [
        "El reporte de 101 (2020, 31 de diciembre) está aprobado en PEP: el libro no lo cambia. "
        "PEP tiene 5; el libro dice 7."
    ]


def test_a_report_an_earlier_import_wrote_takes_the_books_figure(tmp_path):
    book_import(book=read_book(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=5)])))
    book_import(book=read_book(simple_book(tmp_path / "b.xlsx", [indicator_row(executed=7)])))
    assert Report.objects.get().executed == D(7)


def figured_book(path, notes=(), summary=("Magnitud vigencia: 100% Avance vigencia: 50,00%",)):
    rows = [["Objetivo 1"], ["Un objetivo."], [*summary], [], HEADERS, indicator_row(executed=5)]
    rows += [[], *[[note] for note in notes]]
    return read_book(write_book(path, {"Plataforma": PLATFORM, "Objetivo 1": rows}))


def test_the_books_own_objective_figure_and_notes_are_stored(tmp_path):
    book = figured_book(tmp_path / "a.xlsx", notes=["Notas:", "• Una nota", "Fuente: el libro"])
    result = book_import(book=book)
    objective = Objective.objects.get()
    assert objective.notes == "• Una nota\nFuente: el libro"
    figure = PublishedCompliance.objects.get()
    assert (figure.objective, figure.year, figure.magnitude, figure.compliance) == (
        objective,
        2020,
        D(100),
        D(50),
    )
    assert result.tallies["published_objectives"].created == 1
    again = book_import(
        book=figured_book(tmp_path / "a.xlsx", notes=["• Una nota", "Fuente: el libro"])
    )
    assert not again.changed  # the heading «Notas:» is not a note: the same book, no change


def test_a_book_without_notes_keeps_the_stored_ones_and_a_new_figure_updates(tmp_path):
    book_import(book=figured_book(tmp_path / "a.xlsx", notes=["• Una nota"]))
    result = book_import(
        book=figured_book(tmp_path / "b.xlsx", summary=("Avance vigencia:", "49,00%"))
    )
    assert Objective.objects.get().notes == "• Una nota"
    figure = PublishedCompliance.objects.get()
    assert (figure.magnitude, figure.compliance) == (D(100), D(49))  # magnitude kept
    assert [c.label for c in result.changes if not c.created] == [
        "Cumplimiento publicado Objetivo 1 · 2020"
    ]


def test_an_import_that_changes_nothing_keeps_the_cached_pages(seed_plan, seed_book):
    before = Plan.objects.values_list("revision", "preview_revision").get(pk=seed_plan.pk)
    result = book_import(book=read_book(seed_book))
    assert not result.changed
    assert Plan.objects.values_list("revision", "preview_revision").get(pk=seed_plan.pk) == before
