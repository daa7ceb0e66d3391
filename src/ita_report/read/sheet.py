"""A worksheet's values up to its last row of data, with merges, addressed as the user sees them.

Cell references (``C7``, ``A1:B3``) are turned into numbers and back here too: small enough to
own, where importing openpyxl for them would cost every command ~60 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, Protocol


@dataclass(frozen=True)
class BadFormula:
    """A formula cell with no usable value: never saved (``text`` None) or an error (``#N/A``)."""

    text: str | None = None


#: The cells a merged range such as ``A3:B5`` covers, 1-based and inclusive; its value is in
#: the top-left cell.
class MergedRange(NamedTuple):
    min_col: int
    min_row: int
    max_col: int
    max_row: int


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as the workbook lists it: its name as shown on its tab, and whether it is shown.

    A hidden sheet (a copy of last year's, a list behind a drop-down) is never read in place of
    a visible one (SPEC §1.2).
    """

    name: str
    visible: bool = True


class SpreadsheetFile(Protocol):
    """What every format's reader gives :mod:`ita_report.read.workbook`: the sheets, in the
    workbook's order, and the cells of any of them. Raises WorkbookUnreadable for a damaged file."""

    @property
    def sheets(self) -> tuple[SheetInfo, ...]: ...

    def grid(self, name: str) -> Grid:
        """The cells of sheet ``name``, read to its last row of data."""
        ...

    def close(self) -> None:
        """Release the file."""
        ...


@dataclass
class Grid:
    """A sheet's cells as a reader found them, whatever the file format: what ``Sheet`` reads."""

    last_row: int = 0
    last_col: int = 0
    #: The first cell with data in the last row of data (``A1048576``): where a stray value sits.
    last_cell: str = ""
    #: (row, column) → value, for every cell that holds one (a BadFormula for a formula
    #: whose value is missing or an error).
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merged: list[MergedRange] = field(default_factory=list)
    #: Coordinates (``C7``) of formulas with no saved value.
    unsaved_formulas: list[str] = field(default_factory=list)

    _covered: dict[tuple[int, int], MergedRange] | None = field(default=None, repr=False)
    _last_cell_col: int = field(default=0, repr=False)

    def put(self, row: int, col: int, value: object) -> None:
        """Record a cell that holds something (1-based), keeping the last row and column.

        Every format's reader fills a grid through this, in any order of cells.
        """
        self.cells[(row, col)] = value
        if row > self.last_row or (row == self.last_row and col < self._last_cell_col):
            self.last_row = row
            self.last_cell = f"{column_letter(col)}{row}"
            self._last_cell_col = col
        if col > self.last_col:
            self.last_col = col

    def rows(self) -> tuple[tuple[object, ...], ...]:
        """The values row by row up to the last row and column of data; None where empty."""
        width = range(1, self.last_col + 1)
        return tuple(
            tuple(self.cells.get((row, col)) for col in width)
            for row in range(1, self.last_row + 1)
        )

    def merge_at(self, row: int, col: int) -> MergedRange | None:
        """The merged range that covers the cell, if any.

        Looked up in an index of the covered cells, built on first use and clipped to the data,
        so that reading a sheet costs the same whether it has one merge or thousands.
        """
        if self._covered is None:
            self._covered = {}
            for merge in reversed(self.merged):  # the first listed range wins
                for r in range(merge.min_row, min(merge.max_row, self.last_row) + 1):
                    for c in range(merge.min_col, min(merge.max_col, self.last_col) + 1):
                        self._covered[(r, c)] = merge
        return self._covered.get((row, col))


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells, read where they are (sparse): rows and columns are 1-based as in Excel.

    A cell whose formula has no usable value reads as empty; the ones the readers actually read
    are kept in ``read_problems``, so that a broken helper column nobody reads blocks nothing.
    """

    name: str
    grid: Grid
    #: ``มาตรการ!C4`` → the formula problem of each such cell a reader asked for.
    read_problems: dict[str, BadFormula] = field(default_factory=dict)
    _by_row: dict[int, list[tuple[int, object]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for (row, col), value in sorted(self.grid.cells.items()):
            self._by_row.setdefault(row, []).append((col, value))

    @property
    def last_row(self) -> int:
        return self.grid.last_row

    def ref(self, row: int, col: int) -> str:
        """``มาตรการ!C4``: how messages point at a cell."""
        return f"{self.name}!{column_letter(col)}{row}"

    def value(self, row: int, col: int) -> object:
        """The cell's value; a cell a merged range covers below its top cell has the top cell's
        value (a unit merged over four methods). A cell covered from the left is empty: merging a
        result over the suggestion beside it widens the result, it does not repeat it."""
        merge = self.grid.merge_at(row, col)
        if merge is not None:
            if merge.min_col != col:
                return None
            row = merge.min_row
        return self.raw(row, col)

    def raw(self, row: int, col: int) -> object:
        value = self.grid.cells.get((row, col))
        if isinstance(value, BadFormula):
            self.read_problems[self.ref(row, col)] = value
            return None
        return value

    def is_merged_continuation(self, row: int, col: int) -> bool:
        """True for a cell inside a merged range but not its top-left cell."""
        merge = self.grid.merge_at(row, col)
        return merge is not None and (merge.min_row, merge.min_col) != (row, col)

    def row_items(self, row: int) -> list[tuple[int, object]]:
        """(column, value) of the cells of ``row`` that hold something, left to right."""
        return self._by_row.get(row, [])


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- cell references --------------------------------------------------------------------------

_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
MAX_COLUMN = 16_384  # XFD
MAX_ROW = 1_048_576


@lru_cache(maxsize=MAX_COLUMN)
def column_letter(col: int) -> str:
    """1 → ``A``, 28 → ``AB``.

    Kept per column (as many as a sheet has): every message, merge and last cell names
    columns, and a batch names the same few thousands of times.
    """
    letters = ""
    while col > 0:
        col, remainder = divmod(col - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    return col


@lru_cache(maxsize=1 << 16)
def split_reference(reference: str) -> tuple[int, int]:
    """``C7`` → (row 7, column 3). Raises ValueError for anything else or out of the sheet.

    Every cell of a sheet names itself so, and a batch's workbooks name the same cells: the
    last 65,536 answers are kept for the process, so that each is worked out once, while a
    sheet of a million cells cannot make the memory grow with it.
    """
    match = _REFERENCE.match(reference)
    if match is None:
        raise ValueError(f"not a cell reference: {reference!r}")
    row, col = int(match.group(2)), column_index(match.group(1))
    if not (1 <= row <= MAX_ROW and 1 <= col <= MAX_COLUMN):
        raise ValueError(f"outside the sheet: {reference!r}")
    return row, col


def range_bounds(reference: str) -> tuple[int, int, int, int]:
    """``A1:B3`` → (min_col, min_row, max_col, max_row); a single cell is a range of one."""
    first, _, last = reference.partition(":")
    min_row, min_col = split_reference(first)
    max_row, max_col = split_reference(last) if last else (min_row, min_col)
    return (
        min(min_col, max_col),
        min(min_row, max_row),
        max(min_col, max_col),
        max(min_row, max_row),
    )
