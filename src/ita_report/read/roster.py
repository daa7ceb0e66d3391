"""The roster of ``summary --roster``: the agencies an office expects a workbook from.

A .csv (as a spreadsheet program or a web system exports it: UTF-8 with or without a byte-order
mark, or Thai Windows-874) or any workbook this tool reads; the agency names are in the first
column of its first visible sheet, under an optional header.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ita_report.errors import ItaError, WorkbookUnreadable
from ita_report.labels import AGENCY_FIELDS
from ita_report.read.sheet import is_blank
from ita_report.read.spreadsheet import open_spreadsheet
from ita_report.thai import normalise_label

#: A first row that is one of these is a header, not an agency.
_HEADERS = {
    normalise_label(spelling)
    for spelling in (*AGENCY_FIELDS[0].spellings(), "หน่วยงาน", "รายชื่อหน่วยงาน", "ชื่อ", "name")
}


def read_roster(path: Path) -> list[str]:
    """The agency names, as typed, in order; ItaError when the file cannot be read."""
    try:
        names = _csv_names(path) if path.suffix.lower() in (".csv", ".txt") else _sheet_names(path)
    except WorkbookUnreadable as error:
        raise ItaError(f"อ่านรายชื่อหน่วยงาน (--roster) ไม่ได้: {error.message}", path) from error
    except OSError as error:
        raise ItaError(f"เปิดรายชื่อหน่วยงาน (--roster) ไม่ได้ ({error.strerror})", path) from error
    if names and normalise_label(names[0]) in _HEADERS:
        names = names[1:]
    if not names:
        raise ItaError("ไม่พบชื่อหน่วยงานในคอลัมน์แรกของรายชื่อ (--roster)", path)
    return names


def _csv_names(path: Path) -> list[str]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp874", errors="replace")
    rows = csv.reader(io.StringIO(text))
    return [row[0].strip() for row in rows if row and row[0].strip()]


def _sheet_names(path: Path) -> list[str]:
    book = open_spreadsheet(path)
    try:
        visible = [info for info in book.sheets if info.visible] or list(book.sheets)
        if not visible:
            return []
        grid = book.grid(visible[0].name)
    finally:
        book.close()
    return [
        str(grid.cells[(row, 1)]).strip()
        for row in range(1, grid.last_row + 1)
        if not is_blank(grid.cells.get((row, 1)))
    ]
