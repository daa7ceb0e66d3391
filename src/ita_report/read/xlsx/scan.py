"""One streaming pass over a worksheet's XML: its values, where they end, merges, unsaved formulas.

The pass feeds the part to expat, which builds no tree, so memory grows with the cells
that hold something, not with the sheet's size: a sheet formatted down to row 1,048,576 costs
seconds and no more memory than its data. Only cells with a value are kept, so the reader knows
the last row and column of data and stops there. Merged ranges and formulas whose value was
never saved (a file written by a program, not by Excel) are noted on the way.

Values come out as openpyxl would give them: text, int or float, bool, datetime for a number in
a date format, the error text (``#N/A``) of a formula that failed.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime

from ita_report.ooxml import stream_part, x
from ita_report.read.sheet import (
    BadFormula,
    Grid,
    MergedRange,
    column_letter,
    range_bounds,
    split_reference,
)
from ita_report.read.xlsx.parts import CellFormats, number_value

_ROW, _CELL, _MERGE = x("row"), x("c"), x("mergeCell")
_VALUE, _INLINE, _FORMULA = x("v"), x("is"), x("f")
_TEXT, _PHONETIC = x("t"), x("rPh")


class SheetDamaged(ValueError):
    """A cell whose content cannot be what its type says (a shared string that is not there)."""


@dataclass(frozen=True)
class CellStyles:
    """What a cell's value means beyond its XML: shared strings, date formats, date system."""

    shared_strings: list[str] = field(default_factory=list)
    date_styles: frozenset[int] = frozenset()
    date1904: bool = False
    #: Cell format → number format code, where the format changes how a number reads (85%).
    number_formats: dict[int, str] = field(default_factory=dict)


def scan_sheet(archive: zipfile.ZipFile, member: str, styles: CellStyles | None = None) -> Grid:
    """Scan one worksheet part.

    Raises :data:`~ita_report.ooxml.XML_ERROR` on malformed XML and ValueError (SheetDamaged
    among them) on a DTD or on a cell that cannot be read.
    """
    scanner = _Scanner(styles or CellStyles())
    stream_part(archive, member, scanner.start, scanner.end, scanner.data)
    return scanner.scan


class _Scanner:
    """expat's handlers: sees each element start and end, keeps what the reader needs."""

    def __init__(self, styles: CellStyles) -> None:
        self.styles = styles
        self.formats = CellFormats(styles.date_styles, styles.number_formats)
        self.scan = Grid()
        self.row = 0
        #: Column of the current (or last) cell; None until its reference is read.
        self.col: int | None = 0
        #: The reference (``C7``) of the current cell, read only when needed.
        self.reference: str | None = None
        #: Depth inside the current cell (1: the cell's own children), 0 outside any cell.
        self.depth = 0
        self.kind = ""
        self.style = 0
        self.text: list[str] | None = None  # collecting <v> or inline <t> text when a list
        self.in_phonetic = False
        self.value: str | None = None
        self.inline: list[str] | None = None
        self.has_formula = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.depth:
            self.depth += 1
            if self.depth == 2:
                if tag == _VALUE:
                    self.text = []
                elif tag == _INLINE:
                    self.inline = []
                elif tag == _FORMULA:
                    self.has_formula = True
            elif tag == _PHONETIC:
                self.in_phonetic = True
            elif tag == _TEXT and self.inline is not None and not self.in_phonetic:
                self.text = self.inline
        elif tag == _CELL:
            self.depth = 1
            self.value = self.inline = self.text = None
            self.has_formula = self.in_phonetic = False
            self.kind = attrib.get("t", "n")
            self.style = int(attrib.get("s") or 0)
            reference = attrib.get("r")
            if reference:
                self.reference, self.col = reference, None
            else:  # no reference: the column after the last cell
                self.reference, self.col = None, self._column() + 1
        elif tag == _ROW:
            self.row = int(attrib.get("r") or self.row + 1)
            self.reference, self.col = None, 0
        elif tag == _MERGE:
            self.scan.merged.append(MergedRange(*range_bounds(attrib.get("ref", ""))))

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def end(self, tag: str) -> None:
        if not self.depth:
            return
        self.depth -= 1
        if tag == _VALUE and self.depth == 1 and self.text is not None:
            self.value = "".join(self.text)
            self.text = None
        elif tag == _TEXT and self.inline is not None:
            self.text = None
        elif tag == _PHONETIC:
            self.in_phonetic = False
        elif self.depth == 0:
            self._finish_cell()

    def _finish_cell(self) -> None:
        # An empty <v> is a saved value only for a text result (t="str": =IF(…;"";…) saved by
        # Excel or Calc); a number cannot be empty, so a formula with one was never calculated
        # (openpyxl and other programs write exactly that).
        saved = self.inline is not None or (
            self.value is not None and (self.value != "" or self.kind == "str")
        )
        has_value = bool(self.value) or self.inline is not None
        if not has_value and not (self.has_formula and not saved):
            # An empty, perhaps formatted, cell (most of a sheet formatted to the end), or a
            # formula whose saved value is empty text (=IF(…;"";…)).
            return
        # Only a cell with something in it costs the parsing of its reference.
        if self.reference:
            self.row, self.col = split_reference(self.reference)
        col = self._column()
        if not has_value:
            self.scan.unsaved_formulas.append(f"{column_letter(col)}{self.row}")
            self.scan.put(self.row, col, BadFormula())
        elif self.kind == "e":
            self.scan.put(self.row, col, BadFormula(self.value))
        else:
            self.scan.put(self.row, col, self._value())

    def _value(self) -> object:
        kind, raw = self.kind, self.value or ""
        if self.inline is not None:
            return "".join(self.inline)
        if kind == "s":
            strings = self.styles.shared_strings
            index = int(raw)
            if not 0 <= index < len(strings):
                raise SheetDamaged(f"shared string {index} of {len(strings)}")
            return strings[index]
        if kind == "str":
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(raw.strip())
        return number_value(float(raw), self.style, self.formats, date1904=self.styles.date1904)

    def _column(self) -> int:
        if self.col is None:
            assert self.reference is not None
            self.col = split_reference(self.reference)[1]
        return self.col
