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
#: Bytes fed to the parser at a time.
_CHUNK = 1024 * 1024


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

    _covered: dict[tuple[int, int], MergedRange] | None = field(default=None, repr=False)

    def merge_at(self, row: int, col: int) -> MergedRange | None:
        """The merged range that covers the cell, if any.

        Looked up in an index of the covered cells, built on first use and clipped to the data,
        so that reading a sheet costs the same whether it has one merge or thousands.
        """
        if self._covered is None:
            self._covered = {}
            for merge in reversed(self.merged):  # the first listed range wins, as before
                for r in range(merge.min_row, min(merge.max_row, self.last_row) + 1):
                    for c in range(merge.min_col, min(merge.max_col, self.last_col) + 1):
                        self._covered[(r, c)] = merge
        return self._covered.get((row, col))


def scan_sheet(archive: zipfile.ZipFile, member: str) -> SheetScan:
    """Scan one worksheet part. Raises etree.XMLSyntaxError on malformed XML."""
    with archive.open(member) as stream:
        return _scan(stream)


def _scan(stream: IO[bytes]) -> SheetScan:
    """Feed the part to a parser that builds no tree: memory stays flat whatever the size, and a
    sheet formatted down to row 1,048,576 takes seconds, not the tens a tree of it would."""
    parser = etree.XMLParser(
        target=_Scanner(),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    while chunk := stream.read(_CHUNK):
        parser.feed(chunk)
    scan: SheetScan = parser.close()
    return scan


class _Scanner:
    """lxml parser target: sees each element start and end, notes what the scan needs."""

    def __init__(self) -> None:
        self.scan = SheetScan()
        self.row = 0
        #: Column of the current (or last) cell; None until its reference is read.
        self.col: int | None = 0
        #: The reference (``C7``) of the current cell, read only when needed.
        self.reference: str | None = None
        #: Depth inside the current cell (1: the cell's own children), 0 outside any cell.
        self.depth = 0
        self.in_value = False
        self.has_value = False
        self.has_formula = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.depth:
            self.depth += 1
            if self.depth == 2:
                if tag == _VALUE:
                    self.in_value = True
                elif tag == _INLINE:
                    self.has_value = True
                elif tag == _FORMULA:
                    self.has_formula = True
        elif tag == _CELL:
            self.depth = 1
            self.has_value = self.has_formula = False
            reference = attrib.get("r")
            if reference:
                self.reference, self.col = reference, None
            else:  # no reference: the column after the last cell
                self.reference, self.col = None, self._column() + 1
        elif tag == _ROW:
            self.row = int(attrib.get("r") or self.row + 1)
            self.reference, self.col = None, 0
        elif tag == _MERGE:
            min_col, min_row, max_col, max_row = range_boundaries(attrib.get("ref", ""))
            self.scan.merged.append(MergedRange(min_col, min_row, max_col, max_row))

    def data(self, text: str) -> None:
        if self.in_value and text:
            self.has_value = True

    def end(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if self.depth == 1 and tag == _VALUE:
            self.in_value = False
        elif self.depth == 0 and (self.has_value or self.has_formula):
            # Only a cell with something in it costs the parsing of its reference.
            col = self._column()
            if self.reference:
                _, self.row = coordinate_from_string(self.reference)
            _note_cell(self.scan, self.has_value, self.has_formula, self.row, col)

    def close(self) -> SheetScan:
        return self.scan

    def _column(self) -> int:
        if self.col is None:
            assert self.reference is not None
            letters, _ = coordinate_from_string(self.reference)
            self.col = column_index_from_string(letters)
        return self.col


def _note_cell(scan: SheetScan, has_value: bool, has_formula: bool, row: int, col: int) -> None:
    if has_formula and not has_value:
        scan.unsaved_formulas.append(f"{get_column_letter(col)}{row}")
        has_value = True
    if has_value:
        if row > scan.last_row:
            scan.last_row = row
            scan.last_cell = f"{get_column_letter(col)}{row}"
        scan.last_col = max(scan.last_col, col)
