"""Cell access to one sheet of a book opened read-only, honouring merged cells."""

import re
import zipfile
from collections.abc import Iterator
from typing import Any

from openpyxl.utils import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class Sheet:
    """Cell access that honours merged cells: a merged value applies to every cell it spans.

    The workbook is opened read-only, which streams each sheet instead of loading it whole
    (several times faster, a fraction of the memory) but does not parse merged ranges: they
    are read from the end of the sheet's XML, where Excel writes them.
    """

    def __init__(self, ws: ReadOnlyWorksheet, archive: zipfile.ZipFile) -> None:
        self.ws = ws
        self.title = ws.title
        self.anchors: dict[tuple[int, int], tuple[int, int]] = {}
        for ref in _merged_ranges(archive, ws):
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            for row in range(min_row, max_row + 1):
                for col in range(min_col, max_col + 1):
                    self.anchors[(row, col)] = (min_row, min_col)
        self.merged_rows = {row for row, _ in self.anchors}
        ws.reset_dimensions()  # some writers declare a wrong size; read what is there

    def rows(self, min_row: int = 1) -> Iterator[tuple[int, list[Any]]]:
        """(row number, cells) for each row; a merged cell is replaced by its top-left cell."""
        tops: dict[tuple[int, int], Any] = {}
        for row, cells in enumerate(self.ws.iter_rows(), start=1):
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


def _merged_ranges(archive: zipfile.ZipFile, ws: ReadOnlyWorksheet) -> list[str]:
    """The sheet's merged ranges ("A5:A7"), from its XML part."""
    with archive.open(ws._worksheet_path.lstrip("/")) as part:
        return [ref.decode() for ref in MERGE_CELL.findall(part.read())]


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
