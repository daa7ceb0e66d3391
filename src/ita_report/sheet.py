"""A worksheet's values up to its last row of data, with merges, addressed as the user sees them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ita_report.cellref import column_letter
from ita_report.sheetscan import SheetScan


@dataclass(frozen=True)
class Sheet:
    """Values of one sheet; ``rows[0]`` is Excel row 1. Columns are 1-based as in Excel."""

    name: str
    rows: tuple[tuple[object, ...], ...]
    scan: SheetScan

    def ref(self, row: int, col: int) -> str:
        """``มาตรการ!C4``: how messages point at a cell."""
        return f"{self.name}!{column_letter(col)}{row}"

    def value(self, row: int, col: int) -> object:
        """The cell's value; a cell covered by a merged range has its top-left cell's value."""
        merge = self.scan.merge_at(row, col)
        if merge is not None:
            row, col = merge.min_row, merge.min_col
        return self.raw(row, col)

    def raw(self, row: int, col: int) -> object:
        if not 1 <= row <= len(self.rows):
            return None
        values = self.rows[row - 1]
        return values[col - 1] if 1 <= col <= len(values) else None

    def is_merged_continuation(self, row: int, col: int) -> bool:
        """True for a cell inside a merged range but not its top-left cell."""
        merge = self.scan.merge_at(row, col)
        return merge is not None and (merge.min_row, merge.min_col) != (row, col)

    def numbered_rows(self, start: int = 1) -> Iterator[tuple[int, tuple[object, ...]]]:
        for index in range(start, len(self.rows) + 1):
            yield index, self.rows[index - 1]


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
