"""OpenDocument spreadsheets (.ods, LibreOffice Calc's own format) read into the same Grid as .xlsx.

An agency that works in LibreOffice sends .ods. All its sheets are in content.xml, streamed
through a parser target that builds no tree, with the shared safe parser (a DTD is refused before
any entity is expanded). Empty repeats are never expanded: the million formatted rows Calc writes
as one repeated row cost nothing. Values come out as the .xlsx reader gives them, down to the text
shown for a formatted number (``85%``, ``1,234.50``), so that the rest of the reader is blind to
the format. python-calamine is not used: it gives neither merged ranges nor shown text for .ods.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from ita_report.errors import WorkbookUnreadable
from ita_report.ooxml import safe_parser
from ita_report.read.sheet import (
    MAX_COLUMN,
    MAX_ROW,
    BadFormula,
    Grid,
    MergedRange,
    SheetInfo,
    column_letter,
)
from ita_report.read.xlsx.package import ZIP_ERRORS, read_head, refuse_bombs

_ODF = "urn:oasis:names:tc:opendocument:xmlns:{}:1.0"
_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"


def _q(names: str) -> list[str]:
    """``_q("table:table-row text:p")`` → their Clark names, as lxml gives tags and attributes."""
    clark = []
    for name in names.split():
        prefix, local = name.split(":")
        clark.append(f"{{{_CALCEXT if prefix == 'calcext' else _ODF.format(prefix)}}}{local}")
    return clark


# fmt: off
_TABLE, _ROW, _CELL, _COVERED = _q("table:table table:table-row table:table-cell table:covered-table-cell")
_P, _H, _S, _TAB, _BREAK = _q("text:p text:h text:s text:tab text:line-break")
_STYLE, _TABLE_PROPERTIES, _OWN_NAME = _q("style:style style:table-properties style:name")
_NAME, _STYLE_NAME, _DISPLAY, _SPACES = _q("table:name table:style-name table:display text:c")
_ROWS_REPEATED, _COLS_REPEATED = _q("table:number-rows-repeated table:number-columns-repeated")
_ROWS_SPANNED, _COLS_SPANNED = _q("table:number-rows-spanned table:number-columns-spanned")
_FORMULA, _VALUE_TYPE, _CALC_TYPE = _q("table:formula office:value-type calcext:value-type")
_NUMBER, _DATE, _BOOLEAN, _STRING = _q("office:value office:date-value office:boolean-value office:string-value")
#: The attribute that holds each type's value; a time (and any other type) is read as shown.
_VALUE_OF = {"float": _NUMBER, "percentage": _NUMBER, "currency": _NUMBER, "date": _DATE, "boolean": _BOOLEAN}
# fmt: on
#: What Calc and Excel show for a formula that failed, where no calcext type says so.
_ERROR_TEXT = re.compile(r"#[A-Z0-9/]+[!?]|#N/A|Err:\d{3}")
#: A number shown with thousands separators or fixed decimals (1,234.50, 2564.00): never how
#: Calc shows a number in the General format, always how the .xlsx reader gives one.
_FORMATTED = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d*0)")
#: ODF collapses white space in a paragraph; the spaces, tabs and breaks it keeps are elements,
#: which stand in the text as characters XML cannot hold (\x01-\x03) until the collapse is done.
_WHITE = re.compile(r"[ \t\r\n]+")
#: Cells a grid may hold, past which repeats (a value repeated down a million rows is a few bytes)
#: are refused like a zip bomb; and the spaces <text:s text:c="…"/> may add to one sheet.
_MAX_CELLS, _MAX_SPACES = 2_000_000, 1_000_000
_CHUNK = 1024 * 1024
_SPREADSHEET = b"application/vnd.oasis.opendocument.spreadsheet"
_MANIFEST, _ENCRYPTION = "META-INF/manifest.xml", b"encryption-data"
_SAVE_AGAIN = "เปิดไฟล์ใน LibreOffice Calc แล้วบันทึกใหม่เป็น .ods หรือ Excel Workbook (.xlsx)"
#: What the user is told, in one sentence, for each way a file can fail to be a readable .ods.
_UNREADABLE = {
    "not zip": f"ไม่ใช่ไฟล์ OpenDocument (.ods) — {_SAVE_AGAIN}",
    "bad zip": f"ไฟล์เสียหายหรือถูกตัดขาด (อ่านเป็นไฟล์ zip ไม่ได้) — ดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้ว{_SAVE_AGAIN}",
    "no content": f"ไฟล์ zip นี้ไม่มีเนื้อหาของตารางคำนวณ (content.xml) — ไฟล์อาจเสียหาย; {_SAVE_AGAIN}",
    "not spreadsheet": "เป็นเอกสาร OpenDocument ชนิดอื่น (เช่น เอกสาร Writer) ไม่ใช่ตารางคำนวณ — ตรวจว่าเลือกไฟล์ถูก",
    "encrypted": "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้ — เปิดใน LibreOffice Calc แล้วเลือก ไฟล์ > บันทึกเป็น โดยไม่เลือก “บันทึกพร้อมรหัสผ่าน” แล้วบันทึกใหม่",
    "damaged": f"เนื้อหาภายในไฟล์เสียหาย (XML ของตาราง content.xml อ่านไม่ได้) — {_SAVE_AGAIN}",
    "refused": "ไฟล์มีข้อมูลซ้ำหรือการประกาศ (DTD) ที่ขยายออกได้มากผิดปกติสำหรับเวิร์กบุ๊ก จึงไม่อ่าน — ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือคัดลอกเฉพาะข้อมูลไปยังเวิร์กบุ๊กใหม่ (เช่น จาก ita-report init)",
}


@dataclass(frozen=True)
class OdsWorkbook:
    """An .ods whose sheets are known; a sheet's grid is read on first use, then kept. The zip
    is opened again for each grid, so that no file stays open between calls."""

    path: Path
    sheets: tuple[SheetInfo, ...]
    _grids: dict[str, Grid] = field(default_factory=dict, repr=False, compare=False)

    def grid(self, name: str) -> Grid:
        """The cells of sheet ``name``: content.xml is read up to the end of that table only."""
        if name not in self._grids:
            if name not in {sheet.name for sheet in self.sheets}:
                raise KeyError(name)
            self._grids[name] = _stream(self.path, _Reader(name)).grid or Grid()
        return self._grids[name]

    def close(self) -> None:
        """Let go of the grids read; no file is held open."""
        self._grids.clear()


def open_ods(path: Path) -> OdsWorkbook:
    """Check that ``path`` is a sane, unencrypted .ods (or .ots) and list its sheets; raise
    WorkbookUnreadable, saying in Thai what is wrong, for no spreadsheet, a bomb, a password."""
    if not read_head(path).startswith(b"PK\x03\x04"):
        raise WorkbookUnreadable(_UNREADABLE["not zip"], path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" not in names:
                raise WorkbookUnreadable(_UNREADABLE["no content"], path)
            if "mimetype" in names and not archive.read("mimetype").startswith(_SPREADSHEET):
                raise WorkbookUnreadable(_UNREADABLE["not spreadsheet"], path)
            refuse_bombs(path, archive)
            manifest = archive.read(_MANIFEST) if _MANIFEST in names else b""
            if _ENCRYPTION in manifest:  # how the parts of a password-protected .ods are encrypted
                raise WorkbookUnreadable(_UNREADABLE["encrypted"], path)
    except ZIP_ERRORS as exc:
        raise WorkbookUnreadable(_UNREADABLE["bad zip"], path) from exc
    sheets = tuple(_stream(path, _Reader(None)).sheets)
    if not sheets:  # Calc saves no spreadsheet without a sheet: this content.xml is none
        raise WorkbookUnreadable(_UNREADABLE["damaged"], path)
    return OdsWorkbook(path, sheets)


class _Done(Exception):
    """Raised by the target at the end of the wanted table: the rest is not parsed."""


class _Refused(Exception):
    """A document type declaration (the way in for entity bombs), or repeats past all reason."""


def _stream(path: Path, reader: _Reader) -> _Reader:
    """Feed content.xml to ``reader`` a chunk at a time; damage becomes WorkbookUnreadable."""
    parser = safe_parser(target=reader)
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            while chunk := stream.read(_CHUNK):
                parser.feed(chunk)
            parser.close()
    except _Done:
        pass
    except _Refused as exc:
        raise WorkbookUnreadable(_UNREADABLE["refused"], path) from exc
    except (etree.XMLSyntaxError, KeyError, *ZIP_ERRORS) as exc:
        raise WorkbookUnreadable(_UNREADABLE["damaged"], path) from exc
    return reader


def _count(value: str | None) -> int:
    """A repeat or span count: absent means 1; ValueError (damage) for anything not a number."""
    return max(int(value), 1) if value else 1


def _formatted(number: float, text: str) -> bool:
    """Whether ``text`` is ``number`` shown with thousands separators or fixed decimals."""
    close = 0.51 * 10.0 ** -len(text.partition(".")[2])  # half a unit of the last decimal shown
    return bool(_FORMATTED.fullmatch(text)) and abs(float(text.replace(",", "")) - number) <= close


class _Reader:
    """lxml parser target over content.xml: lists the sheets, and fills the grid of ``wanted``.
    A row's cells are kept until it ends: only then is it known how many times it repeats."""

    def __init__(self, wanted: str | None) -> None:
        self.wanted = wanted
        self.sheets: list[SheetInfo] = []
        self.hidden_styles: set[str] = set()
        self.style = ""
        self.grid: Grid | None = None
        self.row = self.col = self.level = 0  # level: 1 inside a sheet, 2 in a table in a cell
        self.cells: list[tuple[int, object]] = []
        self.merges: list[tuple[int, int, int]] = []  # column, columns spanned, rows spanned
        self.depth = 0  # inside a cell: 1 for the cell's own children
        self.cell: dict[str, str] | None = None  # None for a covered cell
        self.repeat = self.columns = 1  # how many rows the row, columns the cell, stand for
        self.paragraphs: list[str] = []
        self.text: list[str] | None = None  # the paragraph being read
        self.spaces = _MAX_SPACES

    def close(self) -> _Reader:
        return self

    def doctype(self, *_: object) -> None:
        raise _Refused("DOCTYPE")  # never in a spreadsheet; refused before an entity is expanded

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.depth:
            self.depth += 1
            if self.text is not None:
                if tag == _S:
                    spaces = min(_count(attrib.get(_SPACES)), self.spaces)
                    self.spaces -= spaces
                    self.text.append("\x01" * max(spaces, 1))
                elif tag in (_TAB, _BREAK):
                    self.text.append("\x02" if tag == _TAB else "\x03")
            elif self.depth == 2 and tag in (_P, _H):  # not an annotation's or a shape's text
                self.text = []
        elif self.grid is None:
            if tag == _TABLE:
                self.level += 1
                if self.level == 1:
                    name, style = attrib.get(_NAME, ""), attrib.get(_STYLE_NAME)
                    self.sheets.append(SheetInfo(name, style not in self.hidden_styles))
                    self.grid = Grid() if name == self.wanted else None
            elif tag == _STYLE:
                self.style = attrib.get(_OWN_NAME, "")
            elif tag == _TABLE_PROPERTIES and attrib.get(_DISPLAY) == "false":
                self.hidden_styles.add(self.style)
        elif tag in (_CELL, _COVERED):
            self.depth = 1
            self.cell = attrib if tag == _CELL else None
            self.paragraphs = []
            self.columns = _count(attrib.get(_COLS_REPEATED))
        elif tag == _ROW:
            self.repeat = _count(attrib.get(_ROWS_REPEATED))
            self.col = 0

    def data(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def end(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if self.depth == 1 and self.text is not None and tag in (_P, _H):
                text = _WHITE.sub(" ", "".join(self.text)).replace("\x01", " ")
                self.paragraphs.append(text.replace("\x02", "\t").replace("\x03", "\n"))
                self.text = None
            elif self.depth == 0:
                self._end_cell()
        elif tag == _ROW and self.grid is not None:
            self._end_row(self.grid)
        elif tag == _TABLE:
            self.level -= 1
            if self.grid is not None:  # the wanted sheet ends: the rest of the file is not read
                raise _Done

    def _end_cell(self) -> None:
        cell, col = self.cell, self.col + 1
        self.col += self.columns
        if cell is None:  # covered by a merge: its value, if Calc kept one, is hidden
            return
        columns, rows = _count(cell.get(_COLS_SPANNED)), _count(cell.get(_ROWS_SPANNED))
        if columns > 1 or rows > 1:
            self.merges.append((col, columns, rows))
        value = self._value(cell, "\n".join(self.paragraphs))
        if value is not None:
            self.cells.extend((c, value) for c in range(col, min(self.col, MAX_COLUMN) + 1))

    def _value(self, cell: dict[str, str], text: str) -> object:
        """The value as the .xlsx reader would give it; None for an empty cell."""
        formula, kind = cell.get(_FORMULA), cell.get(_VALUE_TYPE, "")
        if formula is not None and (cell.get(_CALC_TYPE) == "error" or _ERROR_TEXT.fullmatch(text)):
            return BadFormula(text)
        if kind == "string":
            return cell.get(_STRING, text) or None
        raw = cell.get(_VALUE_OF.get(kind, ""))
        if raw is None:
            # A formula Calc saved as empty text has an empty paragraph; one never calculated
            # (a file written by a program) has neither a value nor a paragraph.
            if formula is not None and not self.paragraphs:
                return BadFormula()
            return text or None  # a time as shown, or text with no type
        if kind == "boolean":
            return raw in ("true", "1")
        if kind == "date":
            try:
                return datetime.fromisoformat(raw)
            except ValueError:
                return raw  # 2567-02-29: no such day; the reader says so in the user's words
        number = float(raw)
        if text and (kind != "float" or _formatted(number, text)):
            return text  # 85%, ฿1,234.50, 1,234,567: as the .xlsx reader shows them
        return int(number) if number.is_integer() and abs(number) < 2**53 else number

    def _end_row(self, grid: Grid) -> None:
        first = self.row + 1
        self.row += self.repeat
        if not (self.cells or self.merges):
            return  # the usual empty row, or a million of them formatted
        rows = range(first, min(self.row, MAX_ROW) + 1)
        if len(grid.cells) + len(rows) * (len(self.cells) + len(self.merges)) > _MAX_CELLS:
            raise _Refused("repeats")
        for row in rows:
            for col, value in self.cells:
                grid.put(row, col, value)
                if isinstance(value, BadFormula) and value.text is None:
                    grid.unsaved_formulas.append(f"{column_letter(col)}{row}")
            for col, columns, spanned in self.merges:
                grid.merged.append(MergedRange(col, row, col + columns - 1, row + spanned - 1))
        self.cells, self.merges = [], []
