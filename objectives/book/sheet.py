"""Cell access to one sheet of a book opened read-only, honouring merged cells."""

import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from openpyxl.utils import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from objectives.book.guards import MAX_COLUMNS, MAX_ROWS, SheetTooLarge

MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class Sheet:
    """Cell access that honours merged cells: a merged value applies to every cell it spans.

    ``rows`` gives each row's cells from row 1 on (an empty row as an empty list); each cell
    has ``value`` and ``number_format``. Merged ranges come from the sheet's XML part (read
    it once: ``merged_ranges``), where Excel writes them: openpyxl's read-only mode does not
    parse them and calamine's values are plain.
    """

    def __init__(
        self, title: str, merged: list[str], rows: Callable[[], Iterator[Sequence[Any]]]
    ) -> None:
        self.title = title
        self._rows = rows
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        for ref in merged:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    self.anchors[(row, col)] = (min_row, min_col)
        self.merged_rows = {row for row, _ in self.anchors}
        self.reached = 0  # the last row read, to say where a damaged sheet broke

    @classmethod
    def from_openpyxl(cls, ws: ReadOnlyWorksheet, archive: zipfile.ZipFile) -> "Sheet":
        """A sheet of a workbook openpyxl opened read-only (it streams each sheet)."""
        with archive.open(ws._worksheet_path.lstrip("/")) as part:
            merged = merged_ranges(part.read())
        ws.reset_dimensions()  # some writers declare a wrong size; read what is there
        return cls(ws.title, merged, ws.iter_rows)

    def rows(self, min_row: int = 1) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) for each row; a merged cell is replaced by its top-left cell."""
        tops: dict[tuple[int, int], Any] = {}
        for row, cells in enumerate(self._rows(), start=1):
            self.reached = row
            if row > MAX_ROWS:  # a cell written far below pads every row in between
                raise SheetTooLarge
            if len(cells) > MAX_COLUMNS:  # and one far to the right pads its row
                cells = cells[:MAX_COLUMNS]
            if row in self.merged_rows:
                cells = [self._merged(tops, row, col, c) for col, c in enumerate(cells, 1)]
            if row >= min_row:
                yield row, list(cells)

    def _merged(self, tops: dict, row: int, col: int, cell: Any) -> Any:
        anchor = self.anchors.get((row, col))
        if anchor is None:
            return cell
        if anchor == (row, col):
            tops[anchor] = cell
        return tops.get(anchor, cell)


def merged_ranges(xml: bytes) -> list[str]:
    """The sheet's merged ranges ("A5:A7"), from its XML part."""
    return [ref.decode() for ref in MERGE_CELL.findall(xml)] if b"mergeCell" in xml else []


def values(cells: list[Any]) -> list[Any]:
    """The row's values, blank text left out."""
    return [
        value
        for cell in cells
        if (value := cell.value) is not None and not (isinstance(value, str) and not value.strip())
    ]


def cell_value(cells: list[Any], index: int) -> Any:
    """The value at ``index``; None past the row's end and for blank text."""
    if index >= len(cells):
        return None
    value = cells[index].value
    return None if isinstance(value, str) and not value.strip() else value
