"""Next year's workbook from this year's (``init --from``): the yearly cycle's first step.

Each October an agency writes next year's measures, mostly last year's carried on. The clerk
should not retype them: this fills the workbook a fresh ``init`` writes (drop-downs, formats,
instructions and all) with last year's agency, units, measures, methods and responsible units as
typed, every period a year later, and status, result and suggestion empty for the new year. A
method that was not done gets a comment on its method cell saying so, so that nothing left
undone is forgotten in the new plan.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.errors import ItaError
from ita_report.labels import (
    AGENCY_FIELDS,
    AGENCY_SHEET,
    MEASURE_COLUMNS,
    MEASURES_SHEET,
    UNITS_SHEET,
)
from ita_report.model import Plan, Status
from ita_report.periods import shift_period_text
from ita_report.thai import to_thai_digits
from ita_report.write.atomic import write_atomic
from ita_report.write.sheet_layout import fit_row_heights
from ita_report.write.workbook import (
    DATE_FORMAT,
    FIRST_ENTRY_ROW,
    HEADER_ROW,
    build_blank_workbook,
    format_entry_row,
    refuse_existing,
)
from ita_report.write.xlsx import keep_as_text, workbook_bytes

#: Who the comments on carried-over methods are from, as Excel shows it.
_AUTHOR = "ita-report"


def write_rolled_workbook(
    path: Path, last_year: Plan, *, fiscal_year: int | None = None, force: bool = False
) -> int:
    """Write next year's workbook from ``last_year`` to ``path``, all at once; its fiscal year.

    ``fiscal_year`` (B.E.) defaults to last year's + 1 and must come after it. An existing file
    is replaced only with ``force``.
    """
    refuse_existing(path, force=force)
    year = fiscal_year if fiscal_year is not None else last_year.agency.fiscal_year + 1
    if year <= last_year.agency.fiscal_year:
        raise ItaError(
            f"ปีงบประมาณใหม่ ({year}) ต้องมาหลังปีของไฟล์เดิม ({last_year.agency.fiscal_year})"
            " — ใช้ --year กับปีที่จะกรอก หรือไม่ต้องระบุเพื่อใช้ปีถัดไป"
        )
    write_atomic(path, workbook_bytes(roll_workbook(last_year, year, path.name)))
    return year


def roll_workbook(last_year: Plan, fiscal_year: int | None, file_name: str) -> Workbook:
    """The workbook in memory, for :func:`write_rolled_workbook` and for tests."""
    agency = last_year.agency
    year = fiscal_year if fiscal_year is not None else agency.fiscal_year + 1
    shift = year - agency.fiscal_year
    workbook = build_blank_workbook(agency=agency.name, fiscal_year=year, file_name=file_name)
    _fill_agency(workbook[AGENCY_SHEET.title], last_year)
    _fill_units(workbook[UNITS_SHEET.title], last_year.units)
    _fill_measures(workbook[MEASURES_SHEET.title], last_year, shift)
    for ws in workbook.worksheets:  # the heights of the rows as they now read
        fit_row_heights(ws)
    return workbook


#: The agency's fields next year's workbook takes over as they were (``Agency`` attributes).
_CARRIED = frozenset(
    {"district", "province", "signer", "signer_position", "approver", "approver_position"}
)


def _fill_agency(ws: Worksheet, last_year: Plan) -> None:
    """District, province, the signer and the approver carried; the report date is the new year's."""
    agency = last_year.agency
    carried = {
        field.title: getattr(agency, field.key) for field in AGENCY_FIELDS if field.key in _CARRIED
    }
    for row in range(1, ws.max_row + 1):
        label = ws.cell(row, 1).value
        if carried.get(label):
            keep_as_text(ws.cell(row, 2, carried[label]))


def _fill_units(ws: Worksheet, units: tuple[str, ...]) -> None:
    """One unit a row under the header, in the column's own font."""
    for offset, unit in enumerate(units, start=2):
        keep_as_text(ws.cell(offset, 1, unit))


def _fill_measures(ws: Worksheet, last_year: Plan, shift: int) -> None:
    """One row per method, in last year's order, under the header of a fresh ``init``."""
    titles = {label.title: label.key for label in MEASURE_COLUMNS}
    column = {
        titles[str(ws.cell(HEADER_ROW, col).value)]: col
        for col in range(1, ws.max_column + 1)
        if ws.cell(HEADER_ROW, col).value in titles
    }
    for row in range(FIRST_ENTRY_ROW, ws.max_row + 1):  # the ten indicators of a blank workbook
        for col in column.values():
            ws.cell(row, col).value = None
    year = to_thai_digits(str(last_year.agency.fiscal_year))
    row = FIRST_ENTRY_ROW
    for measure in last_year.measures:
        for index, method in enumerate(measure.methods):
            format_entry_row(ws, row)
            if index == 0:
                ws.cell(
                    row, column["measure"], f"{to_thai_digits(str(measure.no))}. {measure.title}"
                )
            cell = keep_as_text(ws.cell(row, column["method"], method.text))
            if method.status is not Status.DONE:
                note = f"ยกมาจากปีงบประมาณ {year}: {method.status.thai}"
                cell.comment = Comment(note, _AUTHOR, width=260, height=60)
            keep_as_text(ws.cell(row, column["responsible"], method.responsible))
            period = method.period
            if period.text:  # its dates, if any, were read from it: the new text says them
                keep_as_text(ws.cell(row, column["period"], shift_period_text(period.text, shift)))
            else:
                for key, day in (("start", period.start), ("end", period.end)):
                    if day is not None:
                        target = ws.cell(row, column[key], _years_later(day, shift))
                        target.number_format = DATE_FORMAT
            row += 1


def _years_later(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
