"""The workbook as a whole: which sheets, formulas, sheets formatted to the last row, size limits."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.workbook import Workbook

from ita_report.read import workbook as reader
from ita_report.read.workbook import Loaded, load_workbook
from tests.workbook_helpers import (
    AGENCY_NAME,
    errors,
    method_row,
    rewrite_member,
    sheet_member,
    the_error,
    warnings,
)

Read = Callable[..., Loaded]
Make = Callable[..., Path]


# --- sheet names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agency", "measures"),
    [
        ("หน่วยงาน", "มาตรการ"),
        ("agency", "measures"),
        (" Agency ", "MEASURES"),
        ("หน่วยงาน ", " มาตรการ"),
        ("หน่วย\u200bงาน", "มาตร\u200bการ"),
        ("AGENCY", "มาตรการ"),
    ],
)
def test_sheets_are_found_by_thai_or_english_name(read: Read, agency: str, measures: str) -> None:
    loaded = read(agency_sheet=agency, measures_sheet=measures)
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.name == AGENCY_NAME
    # Cells are named by the sheet's own name, as the clerk sees it on its tab.
    assert loaded.plan.methods[0].cell == f"{measures}!B2"


def test_a_missing_agency_sheet_is_an_error_naming_it_and_the_sheets_there(read: Read) -> None:
    cell, message = the_error(read(agency_sheet="Sheet1"))
    assert cell is None
    assert message == "ไม่พบชีต 'หน่วยงาน' (หรือ 'agency') — ชีตที่มีอยู่: Sheet1, มาตรการ"


def test_a_missing_measures_sheet_is_an_error_naming_it(read: Read) -> None:
    cell, message = the_error(read(measures_sheet=None))
    assert cell is None
    assert message.startswith("ไม่พบชีต 'มาตรการ' (หรือ 'measures')")


def test_other_sheets_are_ignored(read: Read) -> None:
    def add_sheets(wb: Workbook) -> None:
        wb.create_sheet("คำแนะนำ")["A1"] = "กรอกข้อมูลในชีตมาตรการ"
        wb.create_sheet("Sheet3")

    loaded = read(customise=add_sheets)
    assert errors(loaded) == warnings(loaded) == []


def test_problems_of_every_sheet_come_in_one_pass(read: Read) -> None:
    loaded = read(
        agency=[("ชื่อหน่วยงาน", None), ("ปีงบประมาณ", 2021)],
        rows=[method_row("ก", measure="ม", status="เสร็จ")],
    )
    assert [cell for cell, _ in errors(loaded)] == ["หน่วยงาน!B2", "มาตรการ!E2"]
    assert [cell for cell, _ in warnings(loaded)] == ["หน่วยงาน!B3"]


def test_an_xlsm_workbook_is_read_the_same_way(make_workbook: Make) -> None:
    loaded = load_workbook(make_workbook("plan.xlsm"))
    assert errors(loaded) == []
    assert len(loaded.plan.methods) == 2


# --- formulas --------------------------------------------------------------------------------


def test_a_formula_without_a_saved_value_is_an_error_naming_its_cell(read: Read) -> None:
    def formula(wb: Workbook) -> None:
        wb["มาตรการ"]["B3"] = '="รายงาน"&"ผล"'

    loaded = read(customise=formula)
    assert loaded.plan is None
    assert (
        "มาตรการ!B3",
        "สูตรนี้ไม่มีค่าที่บันทึกไว้ — เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกอีกครั้ง",
    ) in errors(loaded)


def test_a_formula_in_the_agency_sheet_names_its_cell(read: Read) -> None:
    def formula(wb: Workbook) -> None:
        wb["หน่วยงาน"]["B5"] = "=2563+1"

    loaded = read(customise=formula)
    assert "หน่วยงาน!B5" in [cell for cell, _ in errors(loaded)]


def test_a_formula_is_read_by_its_saved_value(make_workbook: Make) -> None:
    def formula(wb: Workbook) -> None:
        wb["มาตรการ"]["F2"] = '="เผยแพร่"&"แล้ว"'

    path = make_workbook(customise=formula)
    # What Excel writes on saving: the formula and its cached result.
    rewrite_member(
        path,
        sheet_member(path, "มาตรการ"),
        lambda xml: re.sub(
            rb'<c r="F2"><f>(.*?)</f><v\s*/?>(?:</v>)?</c>',
            '<c r="F2" t="str"><f>\\1</f><v>เผยแพร่แล้ว</v></c>'.encode(),
            xml,
        ),
    )
    loaded = load_workbook(path)
    assert errors(loaded) == []
    assert loaded.plan.methods[0].result == "เผยแพร่แล้ว"


def _saved_as(path: Path, cell: str, saved: str) -> None:
    """Rewrite ``cell`` of the measures sheet as Excel saves a formula: ``saved`` is its XML."""
    rewrite_member(
        path,
        sheet_member(path, "มาตรการ"),
        lambda xml: re.sub(
            rf'<c r="{cell}"><f>(.*?)</f><v\s*/?>(?:</v>)?</c>'.encode(),
            f'<c r="{cell}" {saved}</c>'.replace("FORMULA", "\\1").encode(),
            xml,
        ),
    )


def test_a_formula_error_in_a_cell_that_is_read_is_an_error_naming_it(make_workbook: Make) -> None:
    """A broken VLOOKUP saved as #N/A must not print #N/A in the report, nor count as done."""

    def formula(wb: Workbook) -> None:
        wb["มาตรการ"]["F2"] = "=VLOOKUP(1,Z1:Z2,2,0)"

    path = make_workbook(customise=formula)
    _saved_as(path, "F2", 't="e"><f>FORMULA</f><v>#N/A</v>')
    loaded = load_workbook(path)
    assert loaded.plan is None
    assert errors(loaded) == [("มาตรการ!F2", "สูตรในเซลล์นี้คำนวณไม่ได้ (#N/A) — แก้สูตร หรือพิมพ์ค่าลงไปแทน")]


def test_a_broken_formula_in_a_column_nobody_reads_blocks_nothing(make_workbook: Make) -> None:
    def helper_column(wb: Workbook) -> None:
        wb["มาตรการ"]["H2"] = "=VLOOKUP(1,Z1:Z2,2,0)"
        wb["มาตรการ"]["H3"] = "=1+1"  # and one never calculated

    path = make_workbook(customise=helper_column)
    _saved_as(path, "H2", 't="e"><f>FORMULA</f><v>#N/A</v>')
    loaded = load_workbook(path)
    assert errors(loaded) == []
    assert loaded.plan is not None


def test_a_formula_that_saved_empty_text_is_an_empty_cell(make_workbook: Make) -> None:
    """=IF(…;"";…) saved by Excel or Calc: an empty result, not a formula never calculated."""

    def formula(wb: Workbook) -> None:
        wb["มาตรการ"]["F2"] = '=IF(1=1,"","x")'

    path = make_workbook(customise=formula)
    _saved_as(path, "F2", 't="str"><f>FORMULA</f><v></v>')
    loaded = load_workbook(path)
    assert errors(loaded) == []
    assert loaded.plan is not None
    assert loaded.plan.methods[0].result == ""


# --- size ------------------------------------------------------------------------------------


def test_a_sheet_formatted_down_to_the_last_row_reads_to_its_data(read: Read) -> None:
    def format_last_row(wb: Workbook) -> None:
        for name in ("มาตรการ", "หน่วยงาน"):
            sheet = wb[name]
            for col in range(1, 10):
                cell = sheet.cell(row=1_048_576, column=col)
                cell.font = Font(bold=True)
                cell.fill = PatternFill(fill_type="solid", start_color="DDEBF7")

    loaded = read(customise=format_last_row)
    assert errors(loaded) == warnings(loaded) == []
    assert [m.cell for m in loaded.plan.methods] == ["มาตรการ!B2", "มาตรการ!B3"]


def test_a_value_typed_in_the_last_row_is_refused_as_out_of_proportion(read: Read) -> None:
    def stray_value(wb: Workbook) -> None:
        wb["มาตรการ"].cell(row=1_048_576, column=2, value="x")

    cell, message = the_error(read(customise=stray_value))
    assert cell == "มาตรการ!B1048576"
    assert "มีข้อมูลอยู่ไกลถึงแถว 1,048,576" in message
    assert "เกิน 20,000 แถว" in message


def test_too_many_rows_is_one_error_naming_the_last_cell(
    read: Read, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "MAX_SHEET_ROWS", 5)  # the agency sheet has five rows
    rows = [method_row(f"วิธีการ {i}", measure="ม" if i == 0 else None) for i in range(5)]
    cell, message = the_error(read(rows=rows))
    assert cell == "มาตรการ!B6"
    assert "เกิน 5 แถว" in message


def test_as_many_rows_as_the_limit_are_read(read: Read, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_SHEET_ROWS", 5)
    rows = [method_row(f"วิธีการ {i}", measure="ม" if i == 0 else None) for i in range(4)]
    assert len(read(rows=rows).plan.methods) == 4
