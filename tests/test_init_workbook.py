"""``ita-report init``: the blank workbook a clerk fills in (SPEC §2, §3).

The workbook is opened back with openpyxl, as the reader will, and checked for what a clerk
needs: the labels the reader looks for, the ten indicators, the drop-down and date formats, the
instructions. :func:`tests.init_helpers.fill_in` plays the clerk, for round-trip tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.errors import OutputError
from ita_report.labels import (
    AGENCY_FIELDS,
    AGENCY_SHEET,
    ITA_INDICATORS,
    MEASURES_SHEET,
    UNITS_SHEET,
)
from ita_report.model import Status
from ita_report.write.workbook import (
    DATE_FORMAT,
    FIRST_ENTRY_ROW,
    FONT_NAME,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    LAST_ENTRY_ROW,
    UNITS_HEADER,
    write_blank_workbook,
)
from tests.init_helpers import FILL_AGENCY, FILL_UNITS, FILL_YEAR, TITLES, fill_in

EXPECTED_HEADER = [
    TITLES[key]
    for key in (
        "measure",
        "method",
        "responsible",
        "period",
        "start",
        "end",
        "status",
        "result",
        "suggestion",
    )
]
THAI_NUMBERS = ("๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙", "๑๐")
STATUS_THAI = {status.thai for status in Status}


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xlsx"
    write_blank_workbook(path)
    return path


def load(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def validations(ws: Worksheet) -> list[DataValidation]:
    return list(ws.data_validations.dataValidation)


def covering(ws: Worksheet, cell: str) -> list[DataValidation]:
    return [dv for dv in validations(ws) if cell in dv.sqref]


def column_of(ws: Worksheet, key: str) -> str:
    headers = [cell.value for cell in ws[HEADER_ROW]]
    return openpyxl.utils.get_column_letter(headers.index(TITLES[key]) + 1)


# --- sheets and labels ------------------------------------------------------------------------


def test_sheets_exist_with_instructions_first(blank: Path) -> None:
    workbook = load(blank)
    assert workbook.sheetnames == [
        INSTRUCTIONS_SHEET,
        AGENCY_SHEET.title,
        MEASURES_SHEET.title,
        UNITS_SHEET.title,
    ]
    assert workbook.active.title == INSTRUCTIONS_SHEET


def test_agency_sheet_has_header_and_every_field_label_exactly(blank: Path) -> None:
    ws = load(blank)[AGENCY_SHEET.title]
    assert [ws["A1"].value, ws["B1"].value] == ["รายการ", "ข้อมูล"]
    assert ws["A1"].font.b and ws["A1"].fill.fill_type == "solid"
    labels = [ws.cell(row, 1).value for row in range(2, 2 + len(AGENCY_FIELDS))]
    assert labels == [field.title for field in AGENCY_FIELDS]
    assert all(ws.cell(row, 2).value is None for row in range(2, 2 + len(AGENCY_FIELDS)))
    assert ws.max_row == 1 + len(AGENCY_FIELDS)


def test_agency_sheet_hints_mark_required_fields(blank: Path) -> None:
    ws = load(blank)[AGENCY_SHEET.title]
    for row, field in enumerate(AGENCY_FIELDS, start=2):
        hint = ws.cell(row, 3).value
        assert hint, field.key
        assert ("จำเป็น" in hint) is field.required, field.key
        assert bool(ws.cell(row, 1).font.b) is field.required, field.key
    year_row = 2 + [field.key for field in AGENCY_FIELDS].index("fiscal_year")
    assert "พ.ศ. เช่น 2568" in ws.cell(year_row, 3).value


def test_report_date_cell_has_a_date_format(blank: Path) -> None:
    ws = load(blank)[AGENCY_SHEET.title]
    row = 2 + [field.key for field in AGENCY_FIELDS].index("report_date")
    assert ws.cell(row, 2).number_format == DATE_FORMAT


def test_measures_sheet_title_and_header_in_row_3(blank: Path) -> None:
    ws = load(blank)[MEASURES_SHEET.title]
    assert ws["A1"].value == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ...."
    assert ws["A1"].font.b
    assert all(cell.value is None for cell in ws[2])
    header = [cell.value for cell in ws[HEADER_ROW]]
    assert header == EXPECTED_HEADER
    assert TITLES["no"] not in header
    for cell in ws[HEADER_ROW]:
        assert cell.font.b and cell.fill.fill_type == "solid" and cell.alignment.wrap_text


def test_ten_indicator_rows_numbered_in_thai_digits(blank: Path) -> None:
    ws = load(blank)[MEASURES_SHEET.title]
    rows = range(FIRST_ENTRY_ROW, FIRST_ENTRY_ROW + 10)
    expected = [f"{no}. {name}" for no, name in zip(THAI_NUMBERS, ITA_INDICATORS, strict=True)]
    assert [ws.cell(row, 1).value for row in rows] == expected
    assert expected[0] == "๑. การปฏิบัติหน้าที่"
    assert expected[-1] == "๑๐. การป้องกันการทุจริต"
    for row in rows:  # everything else is left for the clerk
        assert all(ws.cell(row, col).value is None for col in range(2, len(EXPECTED_HEADER) + 1))
    assert ws.max_row == FIRST_ENTRY_ROW + 9  # nothing materialised below the indicators


def test_units_sheet_holds_only_its_header(blank: Path) -> None:
    ws = load(blank)[UNITS_SHEET.title]
    assert ws["A1"].value == UNITS_HEADER
    assert ws.max_row == 1 and ws.max_column == 1


# --- data entry aids --------------------------------------------------------------------------


def test_status_column_drop_down_lists_exactly_the_three_statuses(blank: Path) -> None:
    ws = load(blank)[MEASURES_SHEET.title]
    status = column_of(ws, "status")
    found = covering(ws, f"{status}{FIRST_ENTRY_ROW}")
    assert len(found) == 1
    dv = found[0]
    assert f"{status}{LAST_ENTRY_ROW}" in dv.sqref
    assert f"{status}{HEADER_ROW}" not in dv.sqref
    assert dv.type == "list"
    assert dv.formula1.startswith('"') and dv.formula1.endswith('"')
    assert set(dv.formula1.strip('"').split(",")) == STATUS_THAI
    assert len(dv.formula1.strip('"').split(",")) == 3
    assert dv.allow_blank  # an empty status is inferred from the result
    assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
    assert "สถานะ" in dv.error and "สถานะ" in dv.errorTitle


def test_start_and_end_columns_use_the_date_format(blank: Path) -> None:
    ws = load(blank)[MEASURES_SHEET.title]
    for key in ("start", "end"):
        letter = column_of(ws, key)
        assert ws.column_dimensions[letter].number_format == DATE_FORMAT, key
        for row in range(FIRST_ENTRY_ROW, FIRST_ENTRY_ROW + 10):
            assert ws[f"{letter}{row}"].number_format == DATE_FORMAT, (key, row)
        dv = covering(ws, f"{letter}{FIRST_ENTRY_ROW}")
        assert [v.type for v in dv] == ["date"]
        assert dv[0].errorStyle == "warning"  # text dates (SPEC §1.2) may still be kept
        assert f"{letter}{LAST_ENTRY_ROW}" in dv[0].sqref


def test_validation_texts_fit_excel_limits(blank: Path) -> None:
    """Excel refuses (and "repairs") a file whose prompt or message is too long."""
    ws = load(blank)[MEASURES_SHEET.title]
    for dv in validations(ws):
        assert len(dv.error or "") <= 255 and len(dv.prompt or "") <= 255
        assert len(dv.errorTitle or "") <= 32 and len(dv.promptTitle or "") <= 32
        assert len(dv.formula1 or "") <= 255


def test_header_is_frozen_and_layout_helps_typing(blank: Path) -> None:
    ws = load(blank)[MEASURES_SHEET.title]
    assert ws.freeze_panes == f"A{FIRST_ENTRY_ROW}"
    widths = {key: ws.column_dimensions[column_of(ws, key)].width for key in TITLES if key != "no"}
    widest = sorted(widths, key=lambda key: widths[key], reverse=True)[:2]
    assert set(widest) == {"method", "result"}
    method = ws[f"{column_of(ws, 'method')}{FIRST_ENTRY_ROW}"]
    assert method.alignment.wrap_text and method.alignment.vertical == "top"
    assert method.font.name == FONT_NAME
    assert ws.column_dimensions[column_of(ws, "result")].alignment.wrap_text


def test_instructions_are_thai_and_cover_the_essentials(blank: Path) -> None:
    ws = load(blank)[INSTRUCTIONS_SHEET]
    text = "\n".join(
        str(cell.value) for row in ws.iter_rows() for cell in row if cell.value is not None
    )
    assert sum("\u0e00" <= ch <= "\u0e7f" for ch in text) > 500
    for needed in (
        *STATUS_THAI,
        *EXPECTED_HEADER,
        "Alt+Enter",
        "พ.ศ.",
        "ค.ศ.",
        "ไม่บังคับ",
        UNITS_SHEET.title,
        "ita-report validate plan.xlsx",
        "ita-report check plan.xlsx",
        "ita-report build plan.xlsx",
    ):
        assert needed in text, needed


def test_instructions_commands_use_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "แผน 2568.xlsx"
    write_blank_workbook(path)
    ws = load(path)[INSTRUCTIONS_SHEET]
    commands = [cell.value for cell in ws["A"] if str(cell.value).startswith("ita-report")]
    assert 'ita-report build "แผน 2568.xlsx"' in commands


# --- agency and year --------------------------------------------------------------------------


def field_value(workbook: Workbook, key: str) -> object:
    row = 2 + [field.key for field in AGENCY_FIELDS].index(key)
    return workbook[AGENCY_SHEET.title].cell(row, 2).value


def test_agency_and_year_are_filled_in(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_blank_workbook(path, agency="เทศบาลตำบลพะโต๊ะ", fiscal_year=2568)
    workbook = load(path)
    assert field_value(workbook, "agency") == "เทศบาลตำบลพะโต๊ะ"
    assert field_value(workbook, "fiscal_year") == 2568
    assert field_value(workbook, "assessed_year") == 2567
    assert field_value(workbook, "signer") is None
    title = workbook[MEASURES_SHEET.title]["A1"].value
    assert title == "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"


def test_a_ce_year_is_written_as_be(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_blank_workbook(path, fiscal_year=2025)
    workbook = load(path)
    assert field_value(workbook, "fiscal_year") == 2568
    assert field_value(workbook, "assessed_year") == 2567
    assert field_value(workbook, "agency") is None


# --- writing the file -------------------------------------------------------------------------


def test_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"last year's plan")
    with pytest.raises(OutputError) as caught:
        write_blank_workbook(path, agency="เทศบาลตำบลพะโต๊ะ")
    message = str(caught.value)
    assert str(path) in message and "--force" in message
    assert caught.value.exit_code == 2
    assert path.read_bytes() == b"last year's plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_existing_file_is_replaced_with_force(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"last year's plan")
    write_blank_workbook(path, agency="เทศบาลตำบลพะโต๊ะ", force=True)
    assert field_value(load(path), "agency") == "เทศบาลตำบลพะโต๊ะ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]  # no temporary left


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_blank_workbook(tmp_path, force=True)


def test_output_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "plan.xlsx", tmp_path / "b" / "plan.xlsx"
    write_blank_workbook(first, agency="อบต.ทดสอบ", fiscal_year=2568)
    write_blank_workbook(second, agency="อบต.ทดสอบ", fiscal_year=2568)
    assert first.read_bytes() == second.read_bytes()
    properties = load(first).properties
    assert properties.creator == "ita-report"
    assert properties.created == properties.modified


# --- the clerk's side -------------------------------------------------------------------------


def test_fill_in_types_one_method_per_indicator(blank: Path) -> None:
    fill_in(blank)
    workbook = load(blank)
    assert field_value(workbook, "agency") == FILL_AGENCY
    assert field_value(workbook, "fiscal_year") == FILL_YEAR
    ws = workbook[MEASURES_SHEET.title]
    for row in range(FIRST_ENTRY_ROW, FIRST_ENTRY_ROW + 10):
        start = ws[f"{column_of(ws, 'start')}{row}"]
        assert start.value.date() == date(FILL_YEAR - 543 - 1, 10, 1)
        assert start.number_format == DATE_FORMAT
        assert ws[f"{column_of(ws, 'status')}{row}"].value == Status.DONE.thai
        assert ws[f"{column_of(ws, 'method')}{row}"].value
    units = [cell.value for cell in workbook[UNITS_SHEET.title]["A"]]
    assert units == [UNITS_HEADER, *FILL_UNITS]
