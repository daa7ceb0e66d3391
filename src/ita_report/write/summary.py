"""The summary workbook (``ita-report summary``): many agencies' progress for the office above them.

A province's or ministry's office collects its agencies' workbooks and must tell the governor who
is behind. Its staff work in Excel, so the summary is a workbook, not JSON: a sheet with a row per
agency (lowest share done first, the invalid and the missing among them), a filterable sheet of
every method still pending, a matrix of agencies × the ten ITA indicators coloured by share done,
and a native chart of each agency's progress. Thai headers in TH SarabunPSK, widths that fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl.chart import BarChart, Reference
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
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
from ita_report.write.workbook import workbook_bytes

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
    _agencies_sheet(agencies, overview)
    _pending_sheet(workbook.create_sheet(PENDING_SHEET), overview)
    _indicators_sheet(workbook.create_sheet(INDICATORS_SHEET), overview)
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


def _agencies_sheet(ws: Worksheet, overview: Overview) -> None:
    _heading(ws, _title(overview), AGENCY_COLUMNS)
    for number, row in enumerate(overview.rows, start=1):
        ws.append(_agency_cells(number, row))
        line = ws.max_row
        _style_row(ws, line, len(AGENCY_COLUMNS))
        for col in range(5, 12):
            ws.cell(line, col).alignment = _CENTRE
        ws.cell(line, 12).number_format = "0.0%"
        ws.cell(line, 12).alignment = _CENTRE
        if row.summary is None:
            ws.cell(line, 13).font = _RED
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


def _pending_sheet(ws: Worksheet, overview: Overview) -> None:
    _heading(ws, f"วิธีการที่ยังไม่เสร็จ — {_title(overview)}", PENDING_COLUMNS)
    for row, item in overview.pending:
        method = item.method
        ws.append(
            [
                row.agency,
                f"{item.measure.no}. {item.measure.title}",
                f"{method.no}. {method.text}",
                method.responsible,
                period_text(method.period),
                method.status.thai,
                "เลยกำหนด" if item.overdue else None,
                method.cell,
            ]
        )
        _style_row(ws, ws.max_row, len(PENDING_COLUMNS))
        if item.overdue:
            ws.cell(ws.max_row, 7).font = _RED
    last = get_column_letter(len(PENDING_COLUMNS))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(ws.max_row, HEADER_ROW)}"
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)


def _indicators_sheet(ws: Worksheet, overview: Overview) -> None:
    columns = [("หน่วยงาน", 34.0)] + [
        (f"{to_thai_digits(str(number))}. {name}", 14.0)
        for number, name in enumerate(ITA_INDICATORS, 1)
    ]
    _heading(ws, f"ร้อยละของวิธีการที่ดำเนินการแล้ว ตามตัวชี้วัด ITA — {_title(overview)}", columns)
    for row in overview.rows:
        if row.summary is None:
            continue
        ws.append([row.agency, *(row.indicators.get(n) for n in range(1, 11))])
        line = ws.max_row
        _style_row(ws, line, len(columns))
        for col in range(2, 12):
            ws.cell(line, col).number_format = "0%"
            ws.cell(line, col).alignment = _CENTRE
    if ws.max_row > HEADER_ROW:
        ws.conditional_formatting.add(
            f"B{HEADER_ROW + 1}:K{ws.max_row}",
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


def _style_row(ws: Worksheet, row: int, width: int) -> None:
    """Text at the top of its cell, wrapped. The font is the workbook's default already."""
    for col in range(1, width + 1):
        ws.cell(row, col).alignment = _TOP
