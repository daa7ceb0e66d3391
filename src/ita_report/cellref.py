"""Excel cell references (``C7``, ``A1:B3``) to numbers and back.

Small enough to own: importing openpyxl for these would cost every command ~60 ms.
"""

from __future__ import annotations

import re

_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
MAX_COLUMN = 16_384  # XFD
MAX_ROW = 1_048_576


def column_letter(col: int) -> str:
    """1 → ``A``, 28 → ``AB``."""
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


def split_reference(reference: str) -> tuple[int, int]:
    """``C7`` → (row 7, column 3). Raises ValueError for anything else or out of the sheet."""
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
