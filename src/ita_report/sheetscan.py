"""One streaming pass over a worksheet's XML: where its data ends, what is merged, what is unsaved.

openpyxl's read-only mode streams cells but hides merged ranges, and reads a sheet formatted down
to row 1,048,576 to its very end. This scan, in bounded memory, finds the last row and column
that hold a value, so that the reader stops there; it also lists merged ranges and formulas
whose value was never saved (a file written by a program, not Excel), which openpyxl reads as
empty cells.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import IO

from lxml import etree
from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _CELL, _MERGE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}mergeCell"
_VALUE, _INLINE, _FORMULA = f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}f"


@dataclass(frozen=True)
class MergedRange:
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    def covers(self, row: int, col: int) -> bool:
        return self.min_row <= row <= self.max_row and self.min_col <= col <= self.max_col


@dataclass
class SheetScan:
    last_row: int = 0
    last_col: int = 0
    #: The first cell with data in the last row of data (``A1048576``): where a stray value sits.
    last_cell: str = ""
    merged: list[MergedRange] = field(default_factory=list)
    #: Coordinates (``C7``) of formulas with no saved value.
    unsaved_formulas: list[str] = field(default_factory=list)

    def merge_at(self, row: int, col: int) -> MergedRange | None:
        """The merged range that covers the cell, if any."""
        return next((m for m in self.merged if m.covers(row, col)), None)


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    """Scan one worksheet part. Raises etree.XMLSyntaxError on malformed XML."""
    with archive.open(member) as stream:
        return _scan(stream)


def _scan(stream: IO[bytes]) -> SheetScan:
    scan = SheetScan()
    row_index = 0
    col_index = 0
    events = etree.iterparse(
        stream,
        events=("start", "end"),
        tag=(_ROW, _CELL, _MERGE),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    for event, element in events:
        tag = element.tag
        if event == "start":
            if tag == _ROW:
                row_index = int(element.get("r") or row_index + 1)
                col_index = 0
            continue
        if tag == _CELL:
            reference = element.get("r")
            if reference:
                letters, row_from_ref = coordinate_from_string(reference)
                col_index = column_index_from_string(letters)
                row_index = row_from_ref
            else:
                col_index += 1
            _note_cell(scan, element, row_index, col_index)
            element.clear()
        elif tag == _ROW:
            element.clear()
            # Drop finished rows from the tree so memory stays flat over a million rows.
            while element.getprevious() is not None:
                del element.getparent()[0]
        else:
            min_col, min_row, max_col, max_row = range_boundaries(element.get("ref", ""))
            scan.merged.append(MergedRange(min_col, min_row, max_col, max_row))
    return scan


def _note_cell(scan: SheetScan, cell: etree._Element, row: int, col: int) -> None:
    value = cell.find(_VALUE)
    has_value = (value is not None and bool(value.text)) or cell.find(_INLINE) is not None
    if cell.find(_FORMULA) is not None and not has_value:
        scan.unsaved_formulas.append(f"{get_column_letter(col)}{row}")
        has_value = True
    if has_value:
        if row > scan.last_row:
            scan.last_row = row
            scan.last_cell = f"{get_column_letter(col)}{row}"
        scan.last_col = max(scan.last_col, col)
