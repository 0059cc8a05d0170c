"""The book's values come from calamine and its number formats from the sheet's XML
(objectives/book/workbook.py): every cell must read as openpyxl read it, or the part goes to
openpyxl. Each test compares the two paths on the same bytes; the differences that remain are
pinned by their own tests."""

import contextlib
import datetime
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from objectives.book.reader import read_book
from objectives.book.workbook import OpenedBook
from tests.books import Pct, indicator_row, simple_book
from tests.objectives.book.hostile import MUTATIONS, OBJECTIVE, _sub, books, packed, sound_book

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"

# Cells of the first indicator row (row 5: G Programación 2020, H 2021, I Total, J Ejecutada).
# Sent to openpyxl: calamine reads a text of spaces only as "" (openpyxl keeps the spaces, and
# the sheet «Reprogramaciones» tells them apart), trims the spaces of a text not marked
# xml:space="preserve" (Excel always marks them), and an empty <v></v> is openpyxl's None.
TO_OPENPYXL = {"texto en blanco", "texto enriquecido sin preserve", "valor vacío"}
KINDS = {
    "error #N/A": ('<c r="G5" t="n"><v>10</v></c>', '<c r="G5" t="e"><v>#N/A</v></c>'),
    "error de una fórmula": (
        '<c r="H5" t="n"><v>10</v></c>',
        '<c r="H5" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    ),
    "fórmula con su número": (
        '<c r="G5" t="n"><v>10</v></c>',
        '<c r="G5"><f>5+5</f><v>10</v></c>',
    ),
    "fórmula sin valor guardado": (
        '<c r="H5" t="n"><v>10</v></c>',
        '<c r="H5"><f>5+5</f></c>',
    ),
    "fórmula con su texto": (
        '<c r="D5" t="inlineStr"><is><t>Indicador de prueba</t></is></c>',
        '<c r="D5" t="str"><f>"Indicador"</f><v>Indicador por fórmula</v></c>',
    ),
    "verdadero en un número": ('<c r="G6" t="n"><v>10</v></c>', '<c r="G6" t="b"><v>1</v></c>'),
    "texto en blanco": (
        '<c r="J5" t="n"><v>5</v></c>',
        '<c r="J5" t="inlineStr"><is><t>   </t></is></c>',
    ),
    "valor vacío": ('<c r="J6" t="n"><v>7</v></c>', '<c r="J6" t="n"><v></v></c>'),
    "decimales": ('<c r="J5" t="n"><v>5</v></c>', '<c r="J5"><v>5.25</v></c>'),
    "número grande": ('<c r="I5" t="n"><v>20</v></c>', '<c r="I5"><v>1e+20</v></c>'),
    "texto enriquecido": (
        '<c r="D6" t="inlineStr"><is><t>Segundo indicador</t></is></c>',
        '<c r="D6" t="inlineStr"><is><r><t xml:space="preserve">Segundo </t></r>'
        "<r><t>indicador</t></r></is></c>",
    ),
    "texto enriquecido sin preserve": (
        '<c r="D6" t="inlineStr"><is><t>Segundo indicador</t></is></c>',
        '<c r="D6" t="inlineStr"><is><r><t>Segundo </t></r><r><t>indicador</t></r></is></c>',
    ),
}


def _declined(path: Path) -> bool:
    """Whether some sheet of the book went to openpyxl."""
    opened = OpenedBook(path)
    for name in opened.names:
        opened.sheet(name)
    opened.close()
    return opened.workbook is not None


def _cells(path: Path | io.BytesIO, fast: bool) -> dict[str, list[list]]:
    """Every sheet's cells as (value, percentage format?), trailing empty cells left out."""
    opened = OpenedBook(path, fast=fast)
    try:
        found = {}
        for name in opened.names:
            rows = []
            for _, cells in opened.sheet(name).rows():
                row = [(c.value, "%" in (c.number_format or "")) for c in cells]
                while row and row[-1][0] is None:
                    row.pop()
                rows.append(row)
            while rows and not rows[-1]:
                rows.pop()
            found[name] = rows
        return found
    finally:
        opened.close()


def _read(path: Path, fast: bool, monkeypatch) -> tuple:
    if not fast:
        monkeypatch.setattr(
            "objectives.book.reader.OpenedBook", lambda source: OpenedBook(source, fast=False)
        )
    book = read_book(path)
    monkeypatch.undo()
    return [str(p) for p in book.problems], book.platform, book.objectives, book.versions


def _resaved(path: Path) -> Path:
    """The book as a spreadsheet program saves it: texts in the shared table."""
    load_workbook(path).save(path)
    return path


def _kind_book(folder: Path, name: str) -> Path:
    parts = sound_book(folder)
    before, after = KINDS[name]
    assert before in parts[OBJECTIVE].decode(), name
    _sub(OBJECTIVE, before.replace("+", r"\+"), after.replace("\\", "\\\\"))(parts)
    path = folder / "libro.xlsx"
    path.write_bytes(packed(parts))
    return path


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_of_cell_reads_as_openpyxl_read_it(tmp_path, name, monkeypatch):
    path = _kind_book(tmp_path, name)
    fast = _cells(path, fast=True)
    assert fast == _cells(path, fast=False)
    assert _declined(path) == (name in TO_OPENPYXL)
    assert _read(path, True, monkeypatch) == _read(path, False, monkeypatch)


def test_errors_formulas_and_blanks_come_as_openpyxl_gave_them(tmp_path):
    rows = {name: _cells(_kind_book(tmp_path, name), fast=True)["Objetivo 1"] for name in KINDS}
    assert rows["error #N/A"][4][6] == ("#N/A", False)
    assert rows["error de una fórmula"][4][7] == ("#DIV/0!", False)
    assert rows["fórmula con su número"][4][6] == (10, False)
    assert rows["fórmula sin valor guardado"][4][7] == (None, False)
    assert rows["fórmula con su texto"][4][3] == ("Indicador por fórmula", False)
    assert rows["verdadero en un número"][5][6] == (True, False)
    assert rows["texto en blanco"][4][9] == ("   ", False)  # read by openpyxl
    assert rows["decimales"][4][9] == (5.25, False)
    assert rows["número grande"][4][8] == (1e20, False)
    assert rows["texto enriquecido"][5][3] == ("Segundo indicador", False)


def test_numbers_dates_percentages_and_shared_strings(tmp_path, monkeypatch):
    moment = datetime.datetime(2020, 3, 5)
    rows = [
        indicator_row(programmed=(moment, datetime.datetime(2021, 1, 2, 10, 30)), total=7.5),
        indicator_row(code="102", weight=Pct(0.25), executed=Pct(0.5), published=3),
        indicator_row(code="103", weight=0.5, programmed=(True, "N/A")),
    ]
    path = _resaved(simple_book(tmp_path / "libro.xlsx", rows))
    fast = _cells(path, fast=True)
    assert fast == _cells(path, fast=False)
    sheet = fast["Objetivo 1"]
    assert sheet[4][6] == (moment, False) and type(sheet[4][6][0]) is datetime.datetime
    assert sheet[4][8] == (7.5, False)
    assert sheet[5][5] == (0.25, True) and sheet[5][9] == (0.5, True)
    assert sheet[5][10] == (3, False) and type(sheet[5][10][0]) is int
    assert fast["Plataforma"][2] == [("Vigencia inicial", False), (2020, False)]
    assert _read(path, True, monkeypatch) == _read(path, False, monkeypatch)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.xlsx")), ids=lambda p: p.name)
def test_the_fixture_books_read_by_calamine_as_by_openpyxl(fixture, monkeypatch):
    assert _cells(fixture, fast=True) == _cells(fixture, fast=False)
    assert not _declined(fixture)  # no sheet was sent to openpyxl
    assert _read(fixture, True, monkeypatch) == _read(fixture, False, monkeypatch)


def test_every_hostile_book_reads_as_openpyxl_read_it(tmp_path, monkeypatch):
    """The same problems, rows and messages (sheet, row, column) whichever path read it."""
    different = []
    for number, (name, content) in enumerate(books(tmp_path, combinations=20)):
        path = tmp_path / f"libro-{number}.xlsx"
        path.write_bytes(content)
        if _read(path, True, monkeypatch) != _read(path, False, monkeypatch):
            different.append(name)
    assert different == []


@pytest.mark.parametrize(
    "mutation",
    ["nan", "400 nueves", "coma decimal en el XML", "hexadecimal", "número vacío",
     "celda en la última columna", "celda en la fila 1.048.576", "entidades en cadena",
     "carácter nulo", "texto en celda numérica"],
)  # fmt: skip
def test_what_calamine_would_read_otherwise_goes_to_openpyxl(tmp_path, mutation):
    parts = sound_book(tmp_path)
    MUTATIONS[mutation](parts)
    try:
        opened = OpenedBook(io.BytesIO(packed(parts)))
    except Exception:  # openpyxl refused the whole book: read_book says it is not a workbook
        return
    with contextlib.suppress(Exception):  # a damaged sheet: openpyxl's error, as read_book says
        opened.sheet("Objetivo 1")
    assert opened.workbook is not None


def test_a_sound_upload_is_read_by_calamine_from_memory(tmp_path):
    content = simple_book(tmp_path / "libro.xlsx").read_bytes()
    upload = io.BytesIO(content)
    upload.seek(0, io.SEEK_END)  # as a file just written: read whole, as openpyxl did
    opened = OpenedBook(upload)
    assert [len(list(opened.sheet(name).rows())) for name in opened.names] == [7, 5]
    assert opened.workbook is None


def test_a_carriage_return_escape_is_read_as_the_character(tmp_path):
    """The one difference kept: Excel writes a typed carriage return as «_x000D_»; calamine
    reads it as the character (a space once the reader joins the words), openpyxl's
    read-only mode left the escape in the text."""
    parts = sound_book(tmp_path)
    escaped = '<c r="D6" t="inlineStr"><is><t>Segundo_x000D_\nindicador</t></is></c>'
    _sub(OBJECTIVE, '<c r="D6" t="inlineStr"><is><t>Segundo indicador</t></is></c>', escaped)(parts)
    path = tmp_path / "libro.xlsx"
    path.write_bytes(packed(parts))
    assert _cells(path, fast=True)["Objetivo 1"][5][3] == ("Segundo\r\nindicador", False)
    assert _cells(path, fast=False)["Objetivo 1"][5][3] == ("Segundo_x000D_\nindicador", False)
    names = [row.name for row in read_book(path).objectives[0].rows]
    assert names[1] == "Segundo indicador"
