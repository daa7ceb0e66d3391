"""The summary workbook (``ita-report summary``): many agencies' progress for the office above them.

A province's or ministry's office collects its agencies' workbooks and must tell the governor who
is behind. Its staff work in Excel, so the summary is a workbook, not JSON: a sheet with a row per
agency (lowest share done first, the invalid and the missing among them), a filterable sheet of
every method still pending, a matrix of agencies × the ten ITA indicators coloured by share done,
and a native chart of each agency's progress. Thai headers in TH SarabunPSK, widths that fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.labels import ITA_INDICATORS
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
from ita_report.write.xlsx import keep_as_text, workbook_bytes

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
    write_atomic(path, workbook_bytes(build_summary_workbook(overview)))


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
        _append(
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
        _append(
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
        _append(ws, values, [looks.top, *[looks.share] * 10])
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
    workbook's styles.
    """

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws

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


def _append(ws: Worksheet, values: Sequence[object], looks: Sequence[StyleArray]) -> None:
    """Add a row of ``values`` below the last, each cell with its look (:class:`_Looks`)."""
    ws.append(
        [
            keep_as_text(Cell(ws, value=value, style_array=look))
            for value, look in zip(values, looks, strict=True)
        ]
    )
