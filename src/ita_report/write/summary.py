"""The summary workbook (``ita-report summary``): many agencies' progress for the office above them.

A province's or ministry's office collects its agencies' workbooks and must tell the governor who
is behind. Its staff work in Excel, so the summary is a workbook, not JSON: a sheet with a row per
agency (lowest share done first, the invalid and the missing among them), a filterable sheet of
every method still pending, a matrix of agencies × the ten ITA indicators coloured by share done,
and a native chart of each agency's progress. Thai headers in TH SarabunPSK, widths that fit.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import openpyxl
from openpyxl.cell._writer import lxml_write_cell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.compat import safe_string
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet import _writer as openpyxl_sheet_writer
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ita_report.labels import ITA_INDICATORS
from ita_report.ooxml import write_zip
from ita_report.periods import period_text
from ita_report.standing import AgencyStanding, Overview
from ita_report.thai import thai_date, to_thai_digits
from ita_report.write.atomic import write_atomic
from ita_report.write.sheet_layout import (
    FONT_NAME,
    fit_row_heights,
    set_print_layout,
    use_thai_font,
)
from ita_report.write.workbook import FIXED_TIME, workbook_bytes

_BOLD = Font(name=FONT_NAME, size=14, bold=True)
_TITLE = Font(name=FONT_NAME, size=18, bold=True)
_RED = Font(name=FONT_NAME, size=14, bold=True, color="C00000")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP = Alignment(vertical="top", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="top")
HEADER_ROW = 3

AGENCIES_SHEET = "สรุปรายหน่วยงาน"
PENDING_SHEET = "รายการที่ยังไม่เสร็จ"
INDICATORS_SHEET = "ตามตัวชี้วัด"
CHART_SHEET = "แผนภูมิ"

#: The agencies sheet's columns: heading and width (characters).
AGENCY_COLUMNS: tuple[tuple[str, float], ...] = (
    ("ลำดับ", 7),
    ("หน่วยงาน", 34),
    ("อำเภอ", 16),
    ("จังหวัด", 14),
    ("ปีงบประมาณ", 12),
    ("มาตรการ", 10),
    ("วิธีการ", 10),
    ("ดำเนินการแล้ว", 13),
    ("อยู่ระหว่างดำเนินการ", 14),
    ("ยังไม่ดำเนินการ", 13),
    ("เลยกำหนด", 11),
    ("ร้อยละที่ดำเนินการแล้ว", 14),
    ("หมายเหตุ", 40),
    ("ไฟล์", 40),
)
PENDING_COLUMNS: tuple[tuple[str, float], ...] = (
    ("หน่วยงาน", 30),
    ("มาตรการ", 30),
    ("วิธีการดำเนินการ", 50),
    ("ผู้รับผิดชอบ", 20),
    ("ระยะเวลา", 18),
    ("สถานะ", 20),
    ("เลยกำหนด", 11),
    ("เซลล์", 16),
)
NOT_ON_ROSTER = "ไม่อยู่ในรายชื่อ (--roster)"


def write_summary_workbook(path: Path, overview: Overview) -> None:
    """Write the summary workbook to ``path`` all at once (an open copy is never half-written)."""
    write_atomic(path, summary_bytes(build_summary_workbook(overview)))


def summary_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes of the summary: :func:`~ita_report.write.workbook.workbook_bytes`'s,
    byte for byte, with the rows of each sheet written by :class:`_RowsWriter`.

    The parts are first gathered uncompressed, as :func:`~ita_report.ooxml.write_zip` deflates
    them anyway. The writers follow openpyxl 3.1's own; with another openpyxl the workbook is
    written by ``workbook_bytes`` itself.
    """
    if not openpyxl.__version__.startswith("3.1."):
        return workbook_bytes(workbook)
    raw = io.BytesIO()
    _SummaryExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED)).save()
    with zipfile.ZipFile(raw) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return write_zip(entries, date_time=FIXED_TIME.timetuple()[:6])


def build_summary_workbook(overview: Overview) -> Workbook:
    """The summary workbook in memory, for :func:`write_summary_workbook` and for tests."""
    workbook = Workbook()
    use_thai_font(workbook, size=14)
    agencies = workbook.active
    agencies.title = AGENCIES_SHEET
    looks = _Looks(agencies)
    _agencies_sheet(agencies, overview, looks)
    _pending_sheet(workbook.create_sheet(PENDING_SHEET), overview, looks)
    _indicators_sheet(workbook.create_sheet(INDICATORS_SHEET), overview, looks)
    _chart_sheet(workbook.create_sheet(CHART_SHEET), agencies, overview)
    for ws in workbook.worksheets:
        fit_row_heights(ws, first_row=HEADER_ROW)
        set_print_layout(ws, title=ws.title, header_rows=None if ws.title == CHART_SHEET else "3:3")
    properties = workbook.properties
    properties.creator = properties.lastModifiedBy = "ita-report"
    properties.title = _title(overview)
    properties.language = "th-TH"
    return workbook


def _title(overview: Overview) -> str:
    return (
        "สรุปผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        f" ข้อมูล ณ วันที่ {to_thai_digits(thai_date(overview.as_of))}"
    )


def _agencies_sheet(ws: Worksheet, overview: Overview, looks: _Looks) -> None:
    _heading(ws, _title(overview), AGENCY_COLUMNS)
    for number, row in enumerate(overview.rows, start=1):
        note = looks.top if row.summary is not None else looks.red
        looks.append(
            ws,
            _agency_cells(number, row),
            [*[looks.top] * 4, *[looks.centre] * 7, looks.share_done, note, looks.top],
        )
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)


def _agency_cells(number: int, row: AgencyStanding) -> list[object]:
    note = row.problem or ""
    if row.unlisted:
        note = NOT_ON_ROSTER
    figures: list[object] = [None] * 7
    if row.summary is not None:
        s = row.summary
        figures = [s.measures, s.methods, s.done, s.in_progress, s.not_started, row.overdue]
        figures.append(s.share_done)
    return [
        number,
        row.agency,
        row.district,
        row.province,
        row.fiscal_year,
        *figures,
        note,
        str(row.path) if row.path else None,
    ]


def _pending_sheet(ws: Worksheet, overview: Overview, looks: _Looks) -> None:
    _heading(ws, f"วิธีการที่ยังไม่เสร็จ — {_title(overview)}", PENDING_COLUMNS)
    for row, item in overview.pending:
        method = item.method
        looks.append(
            ws,
            [
                row.agency,
                f"{item.measure.no}. {item.measure.title}",
                f"{method.no}. {method.text}",
                method.responsible,
                period_text(method.period),
                method.status.thai,
                "เลยกำหนด" if item.overdue else None,
                method.cell,
            ],
            [*[looks.top] * 6, looks.red if item.overdue else looks.top, looks.top],
        )
    last = get_column_letter(len(PENDING_COLUMNS))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(overview.pending)}"
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def _indicators_sheet(ws: Worksheet, overview: Overview, looks: _Looks) -> None:
    columns = [("หน่วยงาน", 34.0)] + [
        (f"{to_thai_digits(str(number))}. {name}", 14.0)
        for number, name in enumerate(ITA_INDICATORS, 1)
    ]
    _heading(ws, f"ร้อยละของวิธีการที่ดำเนินการแล้ว ตามตัวชี้วัด ITA — {_title(overview)}", columns)
    last = HEADER_ROW
    for row in overview.rows:
        if row.summary is None:
            continue
        values = [row.agency, *(row.indicators.get(n) for n in range(1, 11))]
        looks.append(ws, values, [looks.top, *[looks.share] * 10])
        last += 1
    if last > HEADER_ROW:
        ws.conditional_formatting.add(
            f"B{HEADER_ROW + 1}:K{last}",
            ColorScaleRule(
                start_type="num", start_value=0, start_color="F8696B",
                mid_type="num", mid_value=0.5, mid_color="FFEB84",
                end_type="num", end_value=1, end_color="63BE7B",
            ),
        )  # fmt: skip
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)


def _chart_sheet(ws: Worksheet, agencies: Worksheet, overview: Overview) -> None:
    """A stacked bar per agency: done, in progress, not started (from the agencies sheet)."""
    ws.cell(1, 1, "จำนวนวิธีการของแต่ละหน่วยงาน แยกตามสถานะ").font = _TITLE
    first, last = HEADER_ROW + 1, HEADER_ROW + len(overview.rows)
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "stacked"
    chart.overlap = 100
    chart.title = "ความคืบหน้าของแต่ละหน่วยงาน"
    chart.y_axis.title = "วิธีการ"
    data = Reference(agencies, min_col=8, max_col=10, min_row=HEADER_ROW, max_row=max(last, first))
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(agencies, min_col=2, min_row=first, max_row=max(last, first)))
    chart.height = max(8.0, 0.7 * len(overview.rows) + 3)
    chart.width = 26.0
    ws.add_chart(chart, "A3")


def _heading(ws: Worksheet, title: str, columns: Sequence[tuple[str, float]]) -> None:
    ws.cell(1, 1, title).font = _TITLE
    for col, (heading, width) in enumerate(columns, start=1):
        cell = ws.cell(HEADER_ROW, col, heading)
        cell.font, cell.fill, cell.alignment = _BOLD, _HEADER_FILL, _HEADER_ALIGN
        ws.column_dimensions[get_column_letter(col)].width = width


class _Looks:
    """The looks of the summary's data cells, each made in the workbook once, when first used.

    Setting a font or an alignment on an openpyxl cell finds it among the workbook's styles by
    hashing it, attribute by attribute: a second or more for the 50,000 cells of a summary of
    1,000 agencies, for five looks. A look is set once, through openpyxl's own
    attributes, on a cell that is never placed in a sheet; its style array (the indices of its
    font, alignment and number format among the workbook's styles) is then given to every cell
    that looks like it. Made when first used, a look that no cell has adds nothing to the
    workbook's styles. The data cells are made here too (:meth:`append`).
    """

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws
        #: Texts put in cells: the value openpyxl keeps of each and its type (see :meth:`cell`).
        self._checked: dict[str, tuple[str, str]] = {}

    def append(self, ws: Worksheet, values: Sequence[object], looks: Sequence[StyleArray]) -> None:
        """Add a row of ``values`` to ``ws`` below the last, each cell with its look."""
        ws.append([self.cell(ws, value, look) for value, look in zip(values, looks, strict=True)])

    def cell(self, ws: Worksheet, value: object, look: StyleArray) -> Cell:
        """A cell of ``ws`` holding ``value`` in ``look``, as ``Cell(ws, value, look)`` makes it.

        openpyxl checks every text put in a cell (for characters a workbook cannot hold, for a
        formula or an error code) at half the cost of the cell; a summary repeats its texts row
        after row, so a text's checked value and type are kept and given to every later cell
        that holds it.
        """
        if type(value) is not str:
            return Cell(ws, value=value, style_array=look)
        checked = self._checked.get(value)
        if checked is None:
            probe = Cell(ws, value=value)
            checked = self._checked[value] = (probe._value, probe.data_type)
        cell = Cell(ws, style_array=look)
        cell._value, cell.data_type = checked
        return cell

    @cached_property
    def top(self) -> StyleArray:
        """Text at the top of its cell, wrapped. The font is the workbook's default already."""
        return self._look(alignment=_TOP)

    @cached_property
    def centre(self) -> StyleArray:
        """A count, centred."""
        return self._look(alignment=_CENTRE)

    @cached_property
    def share_done(self) -> StyleArray:
        """An agency's share done, centred, as ``89.7%``."""
        return self._look(alignment=_CENTRE, number_format="0.0%")

    @cached_property
    def share(self) -> StyleArray:
        """An indicator's share done, centred, as ``90%``."""
        return self._look(alignment=_CENTRE, number_format="0%")

    @cached_property
    def red(self) -> StyleArray:
        """What the office must see first (why an agency has no figures, an overdue method)."""
        return self._look(alignment=_TOP, font=_RED)

    def _look(
        self, *, alignment: Alignment, font: Font | None = None, number_format: str | None = None
    ) -> StyleArray:
        cell = Cell(self._ws)
        cell.alignment = alignment
        if number_format is not None:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        return cell._style


# --- the file ---------------------------------------------------------------------------------


class _SummaryExcelWriter(ExcelWriter):  # type: ignore[misc]  # openpyxl is untyped
    """openpyxl's workbook writer, each sheet written by :class:`_RowsWriter` into memory.

    ``write_worksheet`` is openpyxl's own (3.1) but for the sheet's writer, which openpyxl
    does not let a caller choose, and the part, kept in memory instead of a temporary file.
    """

    def write_worksheet(self, ws: Worksheet) -> None:
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _RowsWriter(ws, out=io.BytesIO())
        writer.write()
        ws._rels = writer._rels
        self._archive.writestr(ws.path[1:], writer.read())
        self.manifest.append(ws)


class _Unusual(Exception):
    """A sheet holds what :class:`_RowsWriter` leaves to openpyxl."""


#: What lxml refuses to write (openpyxl then raises, as it always did) and :func:`_text_body`
#: would: control characters, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: Text lxml writes as it is, nothing in it escaped: a row's attributes, a number.
_PLAIN = re.compile(r"[\w.+-]*", re.ASCII)
#: Numbers whose text depends on their value alone (1 and 1.0 are both written ``1``).
_PLAIN_NUMBERS = (int, float, type(None))


class _RowsWriter(openpyxl_sheet_writer.WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer, the rows written in one piece of text, to the same bytes.

    openpyxl writes each cell as elements through lxml's incremental writer: 20 µs a cell,
    half the summary's time, for the 50 cells of each agency. Here the ``<sheetData>`` element
    is made as one string and written past lxml (flushed before it), the way lxml writes it:
    the part is ASCII, any other character a decimal character reference (``&#3585;``),
    ``& < >`` and the carriage return escaped, an empty element open and closed; each row and
    cell has openpyxl's attributes in openpyxl's order, and a cell's style is looked up (and so
    numbered in the stylesheet) in openpyxl's order. Only numbers and plain text are written
    so: a sheet with anything else (a date, a formula, rich text, a comment, a link, a merged
    cell), or with openpyxl writing through another XML library than lxml, is left to
    openpyxl, which then looks up the same styles again in the same order.
    """

    def write_rows(self) -> None:
        if not (openpyxl_sheet_writer.write_cell is lxml_write_cell and hasattr(self.out, "write")):
            super().write_rows()
            return
        try:
            rows = self._sheet_data()
        except _Unusual:
            super().write_rows()
            return
        xf = self.xf.send(True)
        xf.flush()  # what lxml has written so far, then the rows, then lxml again
        self.out.write(rows)
        self.xf.send(None)

    def rows(self) -> list[tuple[int, list[Cell]]]:
        """openpyxl's: the cells by row, in order, with the rows that have a dimension but no
        cell; the cells' coordinates are sorted rather than (coordinate, cell) pairs, made for
        each of a summary's 50,000 cells."""
        cells = self.ws._cells
        rows: dict[int, list[Cell]] = {}
        for key in sorted(cells):
            rows.setdefault(key[0], []).append(cells[key])
        for row in self.ws.row_dimensions.keys() - rows.keys():
            rows[row] = []
        return sorted(rows.items())

    def _sheet_data(self) -> bytes:
        """The ``<sheetData>`` element as openpyxl writes it (:meth:`write_row`).

        A cell's text after its reference and style is made once for each value: a summary
        repeats its statuses, measures and figures row after row.
        """
        dimensions = self.ws.row_dimensions
        parts = [b"<sheetData>"]
        styles: dict[bytes, str] = {}  # a style array's bytes: the cell's s="…" attribute
        letters: dict[int, str] = {}
        numbers: dict[float | None, bytes] = {}
        texts: dict[str, bytes] = {}
        for row_index, cells in self.rows():
            attributes = {"r": f"{row_index}"}
            attributes.update(dimensions.get(row_index, {}))
            parts.append(f"<row{_attributes(attributes)}>".encode("ascii"))
            row = attributes["r"]
            for cell in cells:
                if type(cell) is not Cell or cell._comment is not None or cell._hyperlink:
                    raise _Unusual
                key = b"" if cell._style is None else cell._style.tobytes()
                style = styles.get(key)
                if style is None:
                    style = styles[key] = f' s="{cell.style_id}"' if cell.has_style else ""
                value = cell._value
                if value is None and not style:
                    continue
                if cell.data_type == "n" and type(value) in _PLAIN_NUMBERS:
                    body = numbers.get(value) or numbers.setdefault(value, _number_body(value))
                elif cell.data_type == "n":
                    body = _number_body(value)
                elif cell.data_type == "s" and type(value) is str:
                    body = texts.get(value) or texts.setdefault(value, _text_body(value))
                else:
                    raise _Unusual
                letter = letters.get(cell.column)
                if letter is None:
                    letter = letters[cell.column] = get_column_letter(cell.column)
                parts.append(f'<c r="{letter}{row}"{style}'.encode("ascii"))
                parts.append(body)
            parts.append(b"</row>")
        parts.append(b"</sheetData>")
        return b"".join(parts)


def _attributes(attributes: dict[str, str]) -> str:
    if not all(_PLAIN.fullmatch(value) for value in attributes.values()):
        raise _Unusual
    return "".join(f' {name}="{value}"' for name, value in attributes.items())


def _number_body(value: object) -> bytes:
    """A number cell after its ``r`` and ``s``, as openpyxl has lxml write it (``None``, as
    a styled empty cell has, no ``<v>``)."""
    if value is None:
        return b' t="n"></c>'
    number = safe_string(value)
    if not _PLAIN.fullmatch(number):
        raise _Unusual
    return f' t="n"><v>{number}</v></c>'.encode("ascii")


def _text_body(text: str) -> bytes:
    """A text cell after its ``r`` and ``s``, as openpyxl has lxml write it: an inline string,
    ``xml:space`` kept when it starts or ends with a space, nothing in it when empty."""
    if _NOT_XML.search(text):
        raise _Unusual
    if not text:
        return b' t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("\r", "&#13;")
    body = f' t="inlineStr"><is><t{space}>{escaped}</t></is></c>'
    return body.encode("ascii", "xmlcharrefreplace")
