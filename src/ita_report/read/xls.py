"""Read an Excel 97–2003 workbook (.xls: BIFF in an OLE2 file) into the Grid the .xlsx reader gives.

Many agencies still keep their plan in an old .xls. xlrd parses it; each sheet becomes the same
:class:`~ita_report.read.sheet.Grid` as from :mod:`ita_report.read.xlsx.scan`, so that the rest of
the reader never knows the format: cells 1-based, only those with a value, merges, a formula's
error (``#N/A``) as a :class:`BadFormula`. A number reads as the clerk sees it, by the rule and
the functions of the .xlsx reader (``xlsx/parts.py``): a date format makes it a datetime
(31/3/2568 typed into a date cell is a date of year 2568, which
:func:`ita_report.periods.as_date` makes B.E.), a time of day alone ``HH:MM``, a percent, grouped
or fixed-decimals format its text (``85%``, ``1,234.50``).

Why xlrd (pure Python): it gives every cell's format and error code, and a damaged file is a
Python exception, which becomes one Thai sentence. python-calamine (Rust) lost both, and a damaged
record could abort the whole process on a failed allocation: one bad file in a province's folder
must not end the yearly batch. ``ignore_workbook_corruption``: files that PHPExcel writes (web
systems' exports) chain their sectors in a way xlrd calls corrupt though Excel and Calc open
them (python-excel/xlrd#149, #285); the chain stays bounded by the stream's size.

A file that is no .xls is named for what it is (an HTML page or a CSV saved as .xls by a web
system, a zip, a password-protected file), in one Thai sentence, as ``xlsx/package.py`` does.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlrd

from ita_report.errors import WorkbookUnreadable
from ita_report.read.sheet import BadFormula, Grid, MergedRange, SheetInfo
from ita_report.read.xlsx.package import ENCRYPTED_MARK, OLE2_MAGIC, cannot_open
from ita_report.read.xlsx.parts import (
    CellFormats,
    is_date_style,
    number_value,
    shown_number_code,
)

_ZIP_MAGIC = b"PK"
#: A password-protected .xls: the workbook's BOF record (BIFF8, globals) then FILEPASS (0x002F).
_FILEPASS = re.compile(rb"\x09\x08\x10\x00\x00\x06\x05\x00.{12}\x2f\x00", re.DOTALL)
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_WORD_STREAM = "WordDocument".encode("utf-16-le")
#: Bytes of a file that is no .xls looked at to tell what it is.
_SNIFF = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_SAVE_AS_XLSX = "เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น Excel Workbook (.xlsx)"
_PASSWORD = (
    "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้ — เปิดใน Excel แล้วเอารหัสผ่านออก "
    "(ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสผ่าน) แล้วบันทึกใหม่"
)
_DAMAGED = (
    "ไฟล์ Excel 97–2003 (.xls) นี้เสียหายหรือถูกตัดขาด จึงอ่านไม่ได้ — "
    f"ดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้ว{_SAVE_AS_XLSX}"
)


@dataclass(frozen=True)
class XlsWorkbook:
    """An opened .xls: its sheets in workbook order, and the cells of any of them."""

    path: Path
    sheets: tuple[SheetInfo, ...]
    _book: Any = field(repr=False)  # an xlrd Book, its sheets parsed one at a time
    _formats: CellFormats = field(repr=False)

    def grid(self, name: str) -> Grid:
        """The cells of sheet ``name``, parsed now and let go of after. Raises KeyError for a
        sheet the workbook does not have, WorkbookUnreadable for a damaged one."""
        if not any(sheet.name == name for sheet in self.sheets):
            raise KeyError(name)
        book = self._book
        try:
            sheet = book.sheet_by_name(name)
            try:
                return sheet_grid(sheet, self._formats, date1904=book.datemode == 1)
            finally:
                book.unload_sheet(name)
        except Exception as exc:  # whatever a damaged record raises; never Ctrl-C or exit
            raise WorkbookUnreadable(_DAMAGED, self.path) from exc

    def close(self) -> None:
        """Let go of xlrd's copy of the file (no file is held open: it was given the bytes)."""
        self._book.release_resources()


def open_xls(path: Path) -> XlsWorkbook:
    """Open an .xls and list its sheets; each sheet is parsed only when asked for.

    Raises WorkbookUnreadable with a Thai message that says what the file is when it is no
    readable .xls.
    """
    data = _read(path)
    if not data.startswith(OLE2_MAGIC):
        raise WorkbookUnreadable(_not_ole2(path, data), path)
    if ENCRYPTED_MARK in data or _FILEPASS.search(data):
        raise WorkbookUnreadable(_PASSWORD, path)
    if _WORD_STREAM in data and not any(name in data for name in _WORKBOOK_STREAMS):
        raise WorkbookUnreadable("เป็นเอกสาร Word ไม่ใช่เวิร์กบุ๊ก Excel — ตรวจว่าเลือกไฟล์ถูก", path)
    try:
        book = xlrd.open_workbook(
            file_contents=data,
            formatting_info=True,  # formats, merges
            on_demand=True,
            ragged_rows=True,
            logfile=_Silent(),
            ignore_workbook_corruption=True,
        )
        # BOUNDSHEET's state (0 shown, 1 hidden, 2 very hidden), which xlrd keeps on the book
        # only privately until a sheet is parsed: read here without parsing every sheet.
        sheets = tuple(
            SheetInfo(name, visibility == 0)
            for name, visibility in zip(book.sheet_names(), book._sheet_visibility, strict=True)
        )
        formats = cell_formats(book)
    except Exception as exc:  # whatever a damaged record raises; never Ctrl-C or exit
        encrypted = isinstance(exc, xlrd.XLRDError) and "encrypted" in str(exc)
        raise WorkbookUnreadable(_PASSWORD if encrypted else _DAMAGED, path) from exc
    return XlsWorkbook(path, sheets, book, formats)


def cell_formats(book: Any) -> CellFormats:
    """The cell formats (XFs) whose number is a date, and those that change how a number reads,
    decided as for .xlsx: a FORMAT record is the workbook's own code for its format key."""
    custom = {fmt.format_key: fmt.format_str for fmt in book.format_list}
    dates: set[int] = set()
    numbers: dict[int, str] = {}
    for index, xf in enumerate(book.xf_list):
        key: int = xf.format_key
        if is_date_style(key, custom.get(key)):
            dates.add(index)
        elif (shown := shown_number_code(key, custom.get(key))) is not None:
            numbers[index] = shown
    return CellFormats(frozenset(dates), numbers)


def sheet_grid(sheet: Any, formats: CellFormats, *, date1904: bool) -> Grid:
    """An xlrd sheet (0-based, formatted blanks included) → Grid."""
    grid = Grid()
    for row in range(sheet.nrows):
        for col, (kind, value) in enumerate(
            zip(sheet.row_types(row), sheet.row_values(row), strict=True)
        ):
            if kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                xf: int = sheet.cell_xf_index(row, col)
                grid.put(
                    row + 1, col + 1, number_value(float(value), xf, formats, date1904=date1904)
                )
            elif kind == xlrd.XL_CELL_TEXT and value:
                grid.put(row + 1, col + 1, str(value))
            elif kind == xlrd.XL_CELL_BOOLEAN:
                grid.put(row + 1, col + 1, bool(value))
            elif kind == xlrd.XL_CELL_ERROR:
                text = xlrd.error_text_from_code.get(value, f"#ERR{value}")
                grid.put(row + 1, col + 1, BadFormula(text))
    grid.merged.extend(
        MergedRange(first_col + 1, first_row + 1, end_col, end_row)  # half-open → inclusive
        for first_row, end_row, first_col, end_col in sheet.merged_cells
    )
    return grid


class _Silent(io.TextIOBase):
    """Where xlrd writes its warnings (a damaged file makes it talk): nowhere."""

    def write(self, text: str) -> int:
        return len(text)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise cannot_open(path, exc) from exc


def _not_ole2(path: Path, data: bytes) -> str:
    """What a file that is no OLE2 file is, as the sentence that refuses it."""
    renamed = " ที่ตั้งนามสกุลเป็น .xls" if path.suffix.lower() == ".xls" else ""
    if not data:
        return f"ไฟล์ว่างเปล่า (0 ไบต์) — {_SAVE_AS_XLSX}"
    if data.startswith(_ZIP_MAGIC):
        return (
            f"ไม่ใช่ไฟล์ Excel 97–2003 แต่เป็นไฟล์ zip (เช่น Excel .xlsx หรือ OpenDocument .ods)"
            f"{renamed} — ตั้งนามสกุลให้ตรงกับชนิดของไฟล์ หรือ{_SAVE_AS_XLSX}"
        )
    text = _as_text(data[:_SNIFF])
    if text is None:
        return (
            "ไม่ใช่ไฟล์ Excel และไม่รู้ว่าเป็นไฟล์ชนิดใด — ไฟล์อาจเสียหาย; "
            f"ดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้ว{_SAVE_AS_XLSX}"
        )
    head = text.lstrip().lower()
    if head.startswith("<") and "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return f"เป็นไฟล์ XML Spreadsheet 2003{renamed} ไม่ใช่ไฟล์ Excel 97–2003 — {_SAVE_AS_XLSX}"
    if head.startswith("<") and any(tag in head for tag in ("<html", "<table", "<!doctype html")):
        return (
            f"ไม่ใช่ไฟล์ Excel แต่เป็นหน้าเว็บ (HTML){renamed} ซึ่งระบบที่ดาวน์โหลดมามักส่งออกมาแบบนี้"
            f" — {_SAVE_AS_XLSX}"
        )
    return f"ไม่ใช่ไฟล์ Excel แต่เป็นไฟล์ข้อความหรือ CSV{renamed} — {_SAVE_AS_XLSX}"


def _as_text(head: bytes) -> str | None:
    """The start of a text file (UTF-8, UTF-16 with its mark, or Thai Windows-874), or None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "cp874"]
    for encoding in candidates:
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            # A sample cut from a longer file may end inside a character; nowhere else.
            if len(head) < _SNIFF or exc.start < len(head) - 4:
                continue
            text = head[: exc.start].decode(encoding)
        if not _CONTROL.search(text):
            return text
    return None
