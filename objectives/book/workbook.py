"""Opening a follow-up book for reading: each sheet's values read by calamine (python-calamine,
in Rust, several times faster than openpyxl's cell-by-cell stream), each cell's number format
and the merged ranges read from the sheet's XML part.

The reader needs a number's format to tell a percentage (0,05 formatted «0%» is 5 %): calamine
does not give it, so the sheet's XML is scanned once for the cells whose style (``s``, an index
into styles.xml's cellXfs) has a format with «%»; only those cells carry their format, every
other cell says "General". The same bytes give the merged ranges.

calamine reads some damaged or unusual parts differently from openpyxl (a number written
"nan", "1,5" or with 400 digits, an error cell's text, a sheet with a cell far below or far to
the right, a DTD). The reader's rules and messages were written against openpyxl, so a sheet
whose XML has any of those is read by openpyxl exactly as before (``_declined``), and a book
calamine cannot open at all is opened by openpyxl. What calamine reads the same is handed
over as openpyxl gave it: no value is None (calamine says ""), a whole number is an int
(calamine says 5.0) and a date is a datetime (calamine says date).
"""

import datetime
import io
import logging
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from defusedxml import ElementTree
from openpyxl import load_workbook
from openpyxl.styles.numbers import BUILTIN_FORMATS
from openpyxl.utils import column_index_from_string
from python_calamine import CalamineWorkbook, SheetTypeEnum

from objectives.book.guards import MAX_COLUMNS, MAX_ROWS
from objectives.book.sheet import Sheet, merged_ranges

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
GENERAL = "General"
WHOLE = 2**53  # below it, a float that is a whole number is exactly that int
# A sheet calamine would read differently from openpyxl: any of these sends it to openpyxl.
NUMBER = rb"-?(?:\d{1,15}|\d*\.\d+(?:[eE][-+]?\d{1,3})?|\d+\.?\d*[eE][-+]?\d{1,3})"
ODD_VALUE = re.compile(rb"<v>(?!" + NUMBER + rb"</v>)")  # not a plain number, or empty
TEXT_TYPE = re.compile(rb'\st="(?:str|e)"')  # a formula's text or an error: any text
# Spaces around a text not marked xml:space="preserve" (Excel always marks them): calamine
# trims them, openpyxl keeps them.
UNKEPT_SPACE = re.compile(rb"<t>(?:\s|[^<]*\s</t>)")
BLANK_TEXT = re.compile(rb"<t(?:\s[^>]*)?>\s+</t>")  # calamine reads "  " as ""
DECLINED = re.compile(
    rb'<(?:c|row)(?:>|/|\s(?!r="))'  # a cell or row without its reference first
    rb'|<c r="(?:[A-Z]{3}|K[O-Z]|[L-Z][A-Z])\d'  # a column past MAX_COLUMNS (KN)
)
DECLINED_TEXT = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    b"&#",
    b' t="d"',
)  # DTDs, character references, ISO dates
FORMULA = rb"(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?"
ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
FAR_ROW = re.compile(rb'<c r="[A-Z]+(\d{5,})"')
ERROR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?\st="e"[^>]*>' + FORMULA + rb"<v>([^<]*)</v>")
logger = logging.getLogger(__name__)


class Cell:
    """A cell as the reader sees it: its value and (for a percentage) its number format."""

    __slots__ = ("number_format", "value")

    def __init__(self, value: Any, number_format: str = GENERAL) -> None:
        self.value = value
        self.number_format = number_format


class Declined(Exception):
    """calamine would not read this part as openpyxl does: openpyxl reads it."""


class OpenedBook:
    """A book open for reading: its sheet names, in order, and each sheet by name."""

    def __init__(self, source: str | Path | IO[bytes], fast: bool = True) -> None:
        self.source = source
        self.names: list[str] = []
        self.archive: zipfile.ZipFile | None = None
        self.calamine: CalamineWorkbook | None = None
        self.parts: dict[str, str] = {}
        self.formats: list[str] = []
        self.percent: set[int] = set()
        self.blank_strings: re.Pattern | None = None
        self.xml: dict[str, bytes] = {}  # each sheet's XML part, until it is read
        self.workbook = None  # openpyxl's, opened when a part is declined
        try:
            if not fast:
                raise Declined("openpyxl asked for")
            self._open_fast()
        except Exception as error:  # calamine, zipfile and the XML parser raise many kinds
            logger.info("Book read by openpyxl: %r", error)
            self.close()
            self.calamine, self.xml = None, {}
            self._open_openpyxl()

    def _open_fast(self) -> None:
        if not isinstance(self.source, str | Path):  # the whole file, wherever it stands
            self.source.seek(0)
            self.source = io.BytesIO(self.source.read())
        self.archive = zipfile.ZipFile(self.source)
        self.calamine = CalamineWorkbook.from_object(_rewound(self.source))
        if any(sheet.typ != SheetTypeEnum.WorkSheet for sheet in self.calamine.sheets_metadata):
            raise Declined("a sheet that is not a worksheet")
        self.parts, date1904 = _sheet_parts(self.archive)
        if date1904 or list(self.parts) != self.calamine.sheet_names:
            raise Declined("1904 dates or sheets calamine names otherwise")
        self.formats = _cell_formats(self.archive)
        self.blank_strings = _blank_strings(self.archive)
        self.percent = {i for i, code in enumerate(self.formats) if "%" in code}
        self.names = list(self.parts)
        ElementTree.fromstring(self.archive.read("[Content_Types].xml"))  # openpyxl needs it
        sheets = set(self.parts.values())
        for member in self.archive.namelist():  # a damaged part (CRC) fails openpyxl's load
            if member not in sheets:
                self.archive.read(member)
        for name, part in self.parts.items():
            self.xml[name] = _well_formed(self.archive.read(part))

    def _open_openpyxl(self) -> None:
        self.workbook = load_workbook(_rewound(self.source), read_only=True, data_only=True)
        self.names = list(self.workbook.sheetnames)

    def sheet(self, name: str) -> Sheet:
        if self.calamine is not None:
            try:
                return self._fast_sheet(name)
            except Exception as error:  # calamine and the checks above raise many kinds
                logger.info("Sheet %r read by openpyxl: %r", name, error)
        if self.workbook is None:
            self._open_openpyxl()
        return Sheet.from_openpyxl(self.workbook[name], self.workbook._archive)

    def _fast_sheet(self, name: str) -> Sheet:
        xml = self.xml.pop(name)
        _check(xml, len(self.formats))
        if self.blank_strings is not None and self.blank_strings.search(xml):
            raise Declined("a shared text of spaces only")
        grid = self.calamine.get_sheet_by_name(name).to_python(skip_empty_area=False)
        formats = _percent_cells(xml, self.percent, self.formats)
        errors: dict[int, list[tuple[int, str]]] = {}
        for letters, row, text in ERROR_CELL.findall(xml) if b't="e"' in xml else ():
            column = column_index_from_string(letters.decode())
            errors.setdefault(int(row), []).append((column, text.decode()))
        return Sheet(name, merged_ranges(xml), lambda: _rows(grid, formats, errors))

    def close(self) -> None:
        for held in (self.workbook, self.calamine, self.archive):
            if held is not None:
                held.close()


def _rewound(source: str | Path | IO[bytes]) -> str | Path | IO[bytes]:
    if hasattr(source, "seek"):
        source.seek(0)
    return source


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Each sheet's name → its XML part, in the book's order; and whether dates count from
    1904."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in relations.iter(RELATIONSHIPS)}
    parts = {}
    for sheet in book.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(RELATION)]
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name")] = posixpath.normpath(path)
    properties = book.find(f"{MAIN}workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    return parts, date1904


def _cell_formats(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style (styles.xml's cellXfs), as openpyxl names it."""
    if "xl/styles.xml" not in archive.namelist():
        return [GENERAL]
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom = {
        int(f.get("numFmtId")): f.get("formatCode")
        for f in styles.iter(f"{MAIN}numFmt")
        if f.get("numFmtId", "").isdigit()
    }
    found = styles.find(f"{MAIN}cellXfs")
    if found is None:
        return [GENERAL]
    codes = []
    for xf in found.iter(f"{MAIN}xf"):
        number = int(xf.get("numFmtId", "0"))
        codes.append(custom.get(number) or BUILTIN_FORMATS.get(number) or GENERAL)
    return codes or [GENERAL]


def _well_formed(xml: bytes) -> bytes:
    """The sheet's XML, if it is sound. A sheet openpyxl cannot parse (cut short, a broken
    tag, a character XML forbids, a DTD) sends the whole book to openpyxl, whose errors say
    where it broke, or that the file is not a workbook, as before."""
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise Declined("a DTD")
    expat.ParserCreate().Parse(xml, True)
    return xml


def _blank_strings(archive: zipfile.ZipFile) -> re.Pattern | None:
    """A cell pointing at a shared text of spaces only (openpyxl gives "  ", calamine "": the
    sheet «Reprogramaciones» tells them apart), or None when the book has no such text."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return None
    xml = archive.read("xl/sharedStrings.xml")
    if UNKEPT_SPACE.search(xml):
        raise Declined("a shared text whose spaces calamine would trim")
    found = set()
    for blank in BLANK_TEXT.finditer(xml):  # rare: count the entries before it
        found.add(xml.count(b"<si>", 0, blank.start()) + xml.count(b"<si ", 0, blank.start()) - 1)
    if not found:
        return None
    choices = b"|".join(str(index).encode() for index in sorted(found))
    return re.compile(
        rb'<c r="[A-Z]+\d+"[^>]*?\st="s"[^>]*>' + FORMULA + rb"<v>(?:" + choices + rb")</v>"
    )


def _check(xml: bytes, styles: int) -> None:
    """Declines a sheet calamine would read otherwise than openpyxl, or too big to read whole
    (openpyxl streams it and stops at MAX_ROWS with the reader's message)."""
    if b"<sheetData" not in xml:  # empty, or its elements under a namespace prefix
        raise Declined("no plain sheetData")
    if any(text in xml for text in DECLINED_TEXT) or (found := DECLINED.search(xml)):
        raise Declined("a DTD, a character reference, an ISO date, a cell far away")
    for found in ODD_VALUE.finditer(xml):  # "nan", "1,5", 400 digits: openpyxl's rules
        start = xml.rfind(b"<c ", 0, found.start())
        text = xml[found.end() : xml.index(b"</v>", found.end())]
        if not TEXT_TYPE.search(xml, start, xml.index(b">", start)) or text.isspace():
            raise Declined(f"the value {text[:30]!r}")
    if BLANK_TEXT.search(xml) or UNKEPT_SPACE.search(xml):
        raise Declined("a text of spaces only, or whose spaces calamine would trim")
    rows = [int(n) for n in ROW_NUMBER.findall(xml)] + [int(n) for n in FAR_ROW.findall(xml)]
    if max(rows, default=0) > MAX_ROWS:
        raise Declined("too many rows")
    if re.search(rb'<c r="[A-Z]+\d+"[^>]*?\ss="' + _at_least(styles) + rb'"', xml):
        raise Declined("a style that is not there")  # openpyxl fails on its number format


def _at_least(number: int) -> bytes:
    """A regular expression for the whole numbers from ``number`` on (12: 12, 1[3-9], [2-9]\\d,
    any of three digits or more)."""
    digits = str(number)
    found = [rb"\d{%d,}" % (len(digits) + 1), digits.encode()]
    for index, digit in enumerate(digits):
        if digit != "9":
            rest = len(digits) - index - 1
            found.append(b"%s[%d-9]\\d{%d}" % (digits[:index].encode(), int(digit) + 1, rest))
    return b"(?:" + b"|".join(found) + b")"


def _percent_cells(
    xml: bytes, percent: set[int], codes: list[str]
) -> dict[int, list[tuple[int, str]]]:
    """Row → (column, format code) of each cell whose style's format has «%»."""
    if not percent:
        return {}
    choices = b"|".join(str(i).encode() for i in sorted(percent))
    # As Excel and openpyxl write them, «s» right after «r»: a search for the literal start;
    # any other order (fewer cells found than styles counted) takes the slower pattern.
    cells = re.compile(rb'<c r="([A-Z]+)(\d+)" s="(' + choices + rb')"').findall(xml)
    if len(cells) != sum(xml.count(b's="%d"' % i) for i in percent):
        cells = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?\ss="(' + choices + rb')"').findall(xml)
    columns: dict[bytes, int] = {}
    found: dict[int, list[tuple[int, str]]] = {}
    for letters, row, style in cells:
        column = columns.get(letters)
        if column is None:
            column = columns[letters] = column_index_from_string(letters.decode())
        found.setdefault(int(row), []).append((column, codes[int(style)]))
    return found


def _rows(
    grid: list[list[Any]],
    formats: dict[int, list[tuple[int, str]]],
    errors: dict[int, list[tuple[int, str]]],
) -> Iterator[list[Cell]]:
    """Each row's cells as openpyxl gave them (see the module's docstring)."""
    date, moment = datetime.date, datetime.datetime
    for row, values in enumerate(grid, start=1):
        if len(values) > MAX_COLUMNS:
            values = values[:MAX_COLUMNS]
        cells = []
        for value in values:
            kind = type(value)
            if kind is str:
                value = value or None
            elif kind is float:
                if value.is_integer() and -WHOLE < value < WHOLE:
                    value = int(value)
            elif kind is date:
                value = moment(value.year, value.month, value.day)
            cells.append(Cell(value))
        for column, code in formats.get(row, ()):
            if column <= len(cells):
                cells[column - 1].number_format = code
        for column, text in errors.get(row, ()):  # calamine says "" for «#N/A»
            if column <= len(cells):
                cells[column - 1] = Cell(text, cells[column - 1].number_format)
        yield cells
