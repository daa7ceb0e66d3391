"""A worksheet's values up to its last row of data, with merges, addressed as the user sees them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_report.cellref import column_letter
from ita_report.sheetscan import FormulaProblem, SheetScan


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells, read where they are (sparse): rows and columns are 1-based as in Excel.

    A cell whose formula has no usable value reads as empty; the ones the readers actually read
    are kept in ``read_problems``, so that a broken helper column nobody reads blocks nothing.
    """

    name: str
    scan: SheetScan
    #: ``มาตรการ!C4`` → the formula problem of each such cell a reader asked for.
    read_problems: dict[str, FormulaProblem] = field(default_factory=dict)
    _by_row: dict[int, list[tuple[int, object]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for (row, col), value in sorted(self.scan.cells.items()):
            self._by_row.setdefault(row, []).append((col, value))

    @property
    def last_row(self) -> int:
        return self.scan.last_row

    def ref(self, row: int, col: int) -> str:
        """``มาตรการ!C4``: how messages point at a cell."""
        return f"{self.name}!{column_letter(col)}{row}"

    def value(self, row: int, col: int) -> object:
        """The cell's value; a cell a merged range covers below its top cell has the top cell's
        value (a unit merged over four methods). A cell covered from the left is empty: merging a
        result over the suggestion beside it widens the result, it does not repeat it."""
        merge = self.scan.merge_at(row, col)
        if merge is not None:
            if merge.min_col != col:
                return None
            row = merge.min_row
        return self.raw(row, col)

    def raw(self, row: int, col: int) -> object:
        value = self.scan.cells.get((row, col))
        if isinstance(value, FormulaProblem):
            self.read_problems[self.ref(row, col)] = value
            return None
        return value

    def is_merged_continuation(self, row: int, col: int) -> bool:
        """True for a cell inside a merged range but not its top-left cell."""
        merge = self.scan.merge_at(row, col)
        return merge is not None and (merge.min_row, merge.min_col) != (row, col)

    def row_items(self, row: int) -> list[tuple[int, object]]:
        """(column, value) of the cells of ``row`` that hold something, left to right."""
        return self._by_row.get(row, [])


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
