"""The measures sheet (SPEC §1.2): header row, columns, one row per method, text, status, dates.

Unless a test says otherwise the sheet is ``tests/workbooks.py``'s: header in row 1 with
A มาตรการ/แนวทาง · B วิธีการดำเนินการ · C ผู้รับผิดชอบ · D ระยะเวลาดำเนินการ · E สถานะ ·
F ผลการดำเนินการ, data from row 2.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from ita_report.model import Measure, Method, Status
from ita_report.read.workbook import Loaded
from tests.workbook_helpers import (
    DONE,
    HEADER,
    IN_PROGRESS,
    NOT_STARTED,
    PERIOD,
    ROWS,
    errors,
    method_row,
    the_error,
    the_warning,
    warnings,
)

Read = Callable[..., Loaded]

DATES_HEADER = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "เริ่ม", "สิ้นสุด", "สถานะ")


def valid(loaded: Loaded) -> tuple[Measure, ...]:
    """The measures of a workbook read without any error or warning."""
    assert errors(loaded) == [], errors(loaded)
    assert warnings(loaded) == [], warnings(loaded)
    assert loaded.plan is not None
    return loaded.plan.measures


def outline(measures: tuple[Measure, ...]) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """Measures as (no, title, [(method no, text)]) for compact assertions."""
    return [(m.no, m.title, [(x.no, x.text) for x in m.methods]) for m in measures]


def only_method(loaded: Loaded) -> Method:
    assert loaded.plan is not None, errors(loaded)
    (method,) = loaded.plan.methods
    return method


def dated(start: object, end: object, method: str = "จัดทำแผน") -> tuple[object, ...]:
    """A row under DATES_HEADER."""
    return ("การใช้งบประมาณ", method, "กองคลัง", start, end, DONE)


# --- header row and columns ------------------------------------------------------------------


def test_header_is_found_below_a_title(read: Read) -> None:
    loaded = read(
        title_rows=[
            ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"],
            [],
            # two known labels are not yet a header: it takes three
            ["หมายเหตุ: กรอกหนึ่งแถวต่อหนึ่งวิธีการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ"],
        ]
    )
    measures = valid(loaded)
    assert outline(measures) == [
        (1, "การใช้งบประมาณ", [(1, "เผยแพร่แผนการจัดซื้อจัดจ้าง"), (2, "รายงานผลการใช้จ่ายงบประมาณ")])
    ]
    assert [m.cell for m in measures[0].methods] == ["มาตรการ!B5", "มาตรการ!B6"]


def test_columns_may_come_in_any_order(read: Read) -> None:
    header = ("ผลการดำเนินการ", "สถานะ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "วิธีการดำเนินการ", "มาตรการ")
    row = {
        "มาตรการ": "การใช้อำนาจ",
        "วิธีการดำเนินการ": "รับฟังความคิดเห็น",
        "ผู้รับผิดชอบ": "ทุกงาน",
        "ระยะเวลาดำเนินการ": PERIOD,
        "สถานะ": IN_PROGRESS,
        "ผลการดำเนินการ": "อยู่ระหว่างดำเนินการ",
    }
    measures = valid(read(header=header, rows=[row]))
    method = measures[0].methods[0]
    assert (measures[0].title, measures[0].cell) == ("การใช้อำนาจ", "มาตรการ!F2")
    assert (method.text, method.responsible, method.status) == (
        "รับฟังความคิดเห็น",
        "ทุกงาน",
        Status.IN_PROGRESS,
    )
    assert method.cell == "มาตรการ!E2"


def test_english_column_keys_in_any_case(read: Read) -> None:
    header = ("Measure", " METHOD ", "responsible", "Period", "status", "RESULT")
    measures = valid(read(header=header))
    assert [m.text for m in measures[0].methods] == [
        "เผยแพร่แผนการจัดซื้อจัดจ้าง",
        "รายงานผลการใช้จ่ายงบประมาณ",
    ]


def test_column_labels_match_with_zero_width_nfkc_and_line_breaks(read: Read) -> None:
    header = (
        "มาตรการ/\u200bแนวทาง",
        "วิธีการ\nดำเนินการ",
        " ผู้รับ ผิดชอบ ",
        "ระยะเวลา\u200dดำเนินการ",
        "ｓｔａｔｕｓ",
        "ผลการดำเนินการ\ufeff",
    )
    measures = valid(read(header=header))
    assert len(measures[0].methods) == 2


def test_measure_column_may_be_labelled_just_มาตรการ(read: Read) -> None:
    measures = valid(read(header=("มาตรการ", *HEADER[1:])))
    assert measures[0].title == "การใช้งบประมาณ"


def test_unknown_column_is_a_warning_naming_its_header_cell(read: Read) -> None:
    loaded = read(
        header=(*HEADER, "หมายเหตุ"),
        rows=[(*method_row("จัดทำแผน", measure="การใช้งบประมาณ"), "ไม่ใช้")],
    )
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!G1"
    assert message == "ไม่รู้จักคอลัมน์ 'หมายเหตุ' จึงไม่ได้ใช้"


@pytest.mark.parametrize(
    ("missing", "title"),
    [
        ("มาตรการ/แนวทาง", "มาตรการ/แนวทาง"),
        ("วิธีการดำเนินการ", "วิธีการดำเนินการ"),
        ("ผู้รับผิดชอบ", "ผู้รับผิดชอบ"),
    ],
)
def test_a_missing_required_column_is_an_error_naming_it(
    read: Read, missing: str, title: str
) -> None:
    header = tuple(label for label in HEADER if label != missing)
    rows = [
        tuple(v for label, v in zip(HEADER, row, strict=True) if label != missing) for row in ROWS
    ]
    loaded = read(header=header, rows=rows)
    cell, message = the_error(loaded)
    assert cell == "มาตรการ!1:1"
    assert message == f"ไม่พบคอลัมน์ '{title}' ในแถวหัวตาราง (แถว 1)"


def test_a_missing_period_column_without_start_and_end_is_an_error(read: Read) -> None:
    header = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "เริ่ม", "สถานะ")
    cell, message = the_error(read(header=header, rows=[]))
    assert cell == "มาตรการ!1:1"
    assert "'ระยะเวลาดำเนินการ'" in message and "'เริ่ม' และ 'สิ้นสุด'" in message


def test_no_header_row_is_an_error_naming_the_sheet(read: Read) -> None:
    cell, message = the_error(read(header=("ลำดับ", "รายการ", "หมายเหตุ"), rows=[]))
    assert cell == "มาตรการ"
    assert message.startswith("ไม่พบแถวหัวตาราง")


def test_a_column_given_twice_is_an_error_naming_both_cells(read: Read) -> None:
    cell, message = the_error(read(header=(*HEADER, "สถานะ"), rows=[]))
    assert cell == "มาตรการ!G1"
    assert "'สถานะ'" in message and "มาตรการ!E1" in message


def test_a_header_without_rows_is_an_error_asking_for_a_measure(read: Read) -> None:
    cell, message = the_error(read(rows=[]))
    assert cell == "มาตรการ"
    assert "อย่างน้อยหนึ่งมาตรการ" in message


# --- one row per method ----------------------------------------------------------------------


def test_an_empty_measure_cell_continues_the_measure_above(read: Read) -> None:
    measures = valid(
        read(
            rows=[
                method_row("ก", measure="การใช้งบประมาณ"),
                method_row("ข"),
                method_row("ค", measure="การใช้อำนาจ"),
                method_row("ง"),
            ]
        )
    )
    assert outline(measures) == [
        (1, "การใช้งบประมาณ", [(1, "ก"), (2, "ข")]),
        (2, "การใช้อำนาจ", [(1, "ค"), (2, "ง")]),
    ]
    assert [m.cell for m in measures] == ["มาตรการ!A2", "มาตรการ!A4"]


def test_a_merged_measure_cell_continues_over_its_rows(read: Read) -> None:
    rows = [
        method_row("ก", measure="การใช้งบประมาณ"),
        method_row("ข"),
        method_row("ค"),
        method_row("ง", measure="การใช้อำนาจ"),
        method_row("จ"),
    ]
    measures = valid(read(rows=rows, merges=["A2:A4", "A5:A6"]))
    assert outline(measures) == [
        (1, "การใช้งบประมาณ", [(1, "ก"), (2, "ข"), (3, "ค")]),
        (2, "การใช้อำนาจ", [(1, "ง"), (2, "จ")]),
    ]


def test_a_measure_cell_merged_over_spare_empty_rows_skips_them(read: Read) -> None:
    rows = [
        method_row("ก", measure="การใช้งบประมาณ"),
        method_row("ข"),
        (),  # spare rows inside the merged measure cell, left empty
        (),
        method_row("ค", measure="การใช้อำนาจ"),
    ]
    measures = valid(read(rows=rows, merges=["A2:A5"]))
    assert outline(measures) == [
        (1, "การใช้งบประมาณ", [(1, "ก"), (2, "ข")]),
        (2, "การใช้อำนาจ", [(1, "ค")]),
    ]


def test_a_merged_unit_cell_gives_each_row_its_value(read: Read) -> None:
    rows = [method_row("ก", measure="การใช้งบประมาณ", responsible="งานพัสดุ"), method_row("ข")]
    rows[1] = (*rows[1][:2], None, *rows[1][3:])
    measures = valid(read(rows=rows, merges=["C2:C3"]))
    assert [m.responsible for m in measures[0].methods] == ["งานพัสดุ", "งานพัสดุ"]


def test_a_method_cell_merged_over_rows_is_repeated_with_a_warning(read: Read) -> None:
    rows = [method_row("จัดทำแผน", measure="การใช้งบประมาณ"), method_row(None)]
    loaded = read(rows=rows, merges=["B2:B3"])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!B3"
    assert "ผสาน" in message
    assert [m.text for m in loaded.plan.methods] == ["จัดทำแผน", "จัดทำแผน"]


def test_empty_rows_are_skipped(read: Read) -> None:
    rows = [
        (),
        method_row("ก", measure="การใช้งบประมาณ"),
        (None, "  ", None, "\t"),  # only white space
        (),
        method_row("ข"),
        (),
    ]
    measures = valid(read(rows=rows))
    assert [(m.no, m.text, m.cell) for m in measures[0].methods] == [
        (1, "ก", "มาตรการ!B3"),
        (2, "ข", "มาตรการ!B6"),
    ]


def test_first_row_without_a_measure_is_an_error_naming_its_cell(read: Read) -> None:
    cell, message = the_error(read(rows=[method_row("ก")]))
    assert cell == "มาตรการ!A2"
    assert "มาตรการ/แนวทาง" in message


def test_a_row_without_a_method_is_an_error_naming_its_cell(read: Read) -> None:
    rows = [method_row("ก", measure="การใช้งบประมาณ"), method_row(None, result="ทำแล้ว")]
    cell, message = the_error(read(rows=rows))
    assert cell == "มาตรการ!B3"
    assert "'วิธีการดำเนินการ'" in message


def test_a_method_without_a_unit_is_an_error_naming_its_cell(read: Read) -> None:
    cell, message = the_error(read(rows=[method_row("ก", measure="ม", responsible=None)]))
    assert cell == "มาตรการ!C2"
    assert message == "ต้องกรอก 'ผู้รับผิดชอบ'"


def test_every_problem_is_collected_in_one_pass(read: Read) -> None:
    rows = [
        method_row("ก", measure="การใช้งบประมาณ", responsible=None),
        method_row("ข", status="เสร็จ"),
        method_row(None, result="x"),
    ]
    loaded = read(rows=rows, header=(*HEADER, "หมายเหตุ"))
    assert [cell for cell, _ in errors(loaded)] == ["มาตรการ!C2", "มาตรการ!E3", "มาตรการ!B4"]
    assert [cell for cell, _ in warnings(loaded)] == ["มาตรการ!G1"]


# --- numbering -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number", "title"),
    [
        ("๑. การปฏิบัติหน้าที่", 1, "การปฏิบัติหน้าที่"),
        ("๑๐. การป้องกันการทุจริต", 10, "การป้องกันการทุจริต"),
        ("4. การใช้ทรัพย์สินของทางราชการ", 4, "การใช้ทรัพย์สินของทางราชการ"),
        ("7) ประสิทธิภาพการสื่อสาร", 7, "ประสิทธิภาพการสื่อสาร"),
    ],
)
def test_typed_measure_numbering_is_used_and_not_repeated(
    read: Read, typed: str, number: int, title: str
) -> None:
    measures = valid(read(rows=[method_row("จัดทำแผน", measure=typed)]))
    assert (measures[0].no, measures[0].title) == (number, title)


@pytest.mark.parametrize("typed", ["๓. จัดทำแผน", "3. จัดทำแผน", "3) จัดทำแผน", "(3) จัดทำแผน"])
def test_typed_method_numbering_is_stripped(read: Read, typed: str) -> None:
    method = only_method(read(rows=[method_row(typed, measure="การใช้งบประมาณ")]))
    assert (method.no, method.text) == (1, "จัดทำแผน")


def test_methods_are_renumbered_one_to_n_within_each_measure(read: Read) -> None:
    rows = [
        method_row("๕. ก", measure="๒. การใช้งบประมาณ"),
        method_row("๙. ข"),
        method_row("ค"),
        method_row("1) ง", measure="๓. การใช้อำนาจ"),
    ]
    assert outline(valid(read(rows=rows))) == [
        (2, "การใช้งบประมาณ", [(1, "ก"), (2, "ข"), (3, "ค")]),
        (3, "การใช้อำนาจ", [(1, "ง")]),
    ]


def test_measures_without_numbering_are_numbered_in_sheet_order(read: Read) -> None:
    rows = [
        method_row("ก", measure="การใช้งบประมาณ"),
        method_row("ข", measure="การใช้อำนาจ"),
        method_row("ค", measure="การเปิดเผยข้อมูล"),
    ]
    assert [(m.no, m.title) for m in valid(read(rows=rows))] == [
        (1, "การใช้งบประมาณ"),
        (2, "การใช้อำนาจ"),
        (3, "การเปิดเผยข้อมูล"),
    ]


def test_numbers_in_text_that_are_not_numbering_are_kept(read: Read) -> None:
    method = only_method(read(rows=[method_row("1.5 ล้านบาท จัดซื้อครุภัณฑ์", measure="ม")]))
    assert method.text == "1.5 ล้านบาท จัดซื้อครุภัณฑ์"


NO_HEADER = ("ลำดับ", *HEADER)


def numbered(no: object, measure: str | None, method: str) -> tuple[object, ...]:
    return (no, *method_row(method, measure=measure))


def test_the_no_column_numbers_measures_before_typed_numbering(read: Read) -> None:
    rows = [
        numbered(7, "๑. การปฏิบัติหน้าที่", "ก"),
        numbered(None, None, "ข"),
        numbered("๘", "การใช้งบประมาณ", "ค"),
        numbered("9.", "การใช้อำนาจ", "ง"),
        numbered(10.0, "การเปิดเผยข้อมูล", "จ"),
    ]
    measures = valid(read(header=NO_HEADER, rows=rows))
    assert [(m.no, m.title, len(m.methods)) for m in measures] == [
        (7, "การปฏิบัติหน้าที่", 2),
        (8, "การใช้งบประมาณ", 1),
        (9, "การใช้อำนาจ", 1),
        (10, "การเปิดเผยข้อมูล", 1),
    ]


def test_an_empty_no_cell_falls_back_to_typed_numbering(read: Read) -> None:
    measures = valid(read(header=NO_HEADER, rows=[numbered(None, "๔. การใช้ทรัพย์สิน", "ก")]))
    assert measures[0].no == 4


def test_a_no_that_is_not_a_number_is_an_error_naming_its_cell(read: Read) -> None:
    cell, message = the_error(read(header=NO_HEADER, rows=[numbered("ข้อหนึ่ง", "ม", "ก")]))
    assert cell == "มาตรการ!A2"
    assert "'ลำดับ'" in message and "ข้อหนึ่ง" in message


def test_a_measure_number_used_twice_is_a_warning_naming_the_second(read: Read) -> None:
    rows = [method_row("ก", measure="1. การใช้งบประมาณ"), method_row("ข", measure="1. การใช้อำนาจ")]
    cell, message = the_warning(read(rows=rows))
    assert cell == "มาตรการ!A3"
    assert "มาตรการ!A2" in message


# --- text as typed ---------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["บรรทัดแรก\nบรรทัดสอง", "บรรทัดแรก\r\nบรรทัดสอง"])
def test_a_line_break_in_a_cell_is_kept(read: Read, typed: str) -> None:
    method = only_method(read(rows=[method_row(typed, measure="ม", result=typed)]))
    assert method.text == "บรรทัดแรก\nบรรทัดสอง"
    assert method.result == "บรรทัดแรก\nบรรทัดสอง"


def test_an_excel_escaped_vertical_tab_becomes_a_line_break(read: Read) -> None:
    # _x000B_ is how Excel stores Word's manual line break pasted into a cell.
    method = only_method(read(rows=[method_row("บรรทัดแรก_x000B_บรรทัดสอง", measure="ม")]))
    assert method.text == "บรรทัดแรก\nบรรทัดสอง"


def test_excel_escapes_are_decoded(read: Read) -> None:
    method = only_method(read(rows=[method_row("ก_x0009_ข_x0041_", measure="ม")]))
    assert method.text == "ก\tขA"


def test_an_escaped_underscore_keeps_the_text_as_typed(read: Read) -> None:
    # A clerk who types "_x0041_" gets "_x005F_x0041_" in the file: it must come back as typed.
    method = only_method(read(rows=[method_row("รหัส _x005F_x0041_", measure="ม")]))
    assert method.text == "รหัส _x0041_"


def test_a_control_character_is_dropped_with_a_warning_naming_its_cell(read: Read) -> None:
    loaded = read(rows=[method_row("จัดทำ_x0001_แผน", measure="ม")])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!B2"
    assert "U+0001" in message
    assert loaded.plan.methods[0].text == "จัดทำแผน"


def test_control_characters_in_any_column_name_that_column(read: Read) -> None:
    loaded = read(rows=[method_row("ก", measure="ม", result="ผล_x001F_ดี_x0008_")])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!F2"
    assert "U+0008" in message and "U+001F" in message
    assert loaded.plan.methods[0].result == "ผลดี"


def test_text_is_kept_as_typed(read: Read) -> None:
    typed = "เผยแพร่ {{ x }} & <b>ข้อมูล</b> ทาง www.example1.go.th"
    method = only_method(read(rows=[method_row(typed, measure="ม", result=typed)]))
    assert method.text == typed
    assert method.result == typed


def test_a_suggestion_column_is_read(read: Read) -> None:
    header = (*HEADER, "ข้อเสนอแนะ")
    rows = [(*method_row("ก", measure="ม"), "ควรปรับปรุงขั้นตอน")]
    assert only_method(read(header=header, rows=rows)).suggestion == "ควรปรับปรุงขั้นตอน"


# --- status ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        (DONE, Status.DONE),
        (IN_PROGRESS, Status.IN_PROGRESS),
        (NOT_STARTED, Status.NOT_STARTED),
        ("done", Status.DONE),
        ("in_progress", Status.IN_PROGRESS),
        ("not_started", Status.NOT_STARTED),
        ("In Progress", Status.IN_PROGRESS),
        ("NOT STARTED", Status.NOT_STARTED),
        # pasted from the web or a PDF
        ("ดำเนินการแล้ว\u200b", Status.DONE),
        (" อยู่ระหว่าง ดำเนินการ ", Status.IN_PROGRESS),
        ("ด\u0e4d\u0e32เนินการแล้ว", Status.DONE),
        ("ＤＯＮＥ", Status.DONE),
    ],
)
def test_status_values_in_thai_and_english(read: Read, typed: str, status: Status) -> None:
    rows = [method_row("ก", measure="ม", status=typed, result="ผล")]
    assert valid(read(rows=rows))[0].methods[0].status is status


@pytest.mark.parametrize(
    ("result", "status"),
    [
        (None, Status.NOT_STARTED),
        ("อยู่ระหว่างดำเนินการ", Status.IN_PROGRESS),
        ("อยู่ระหว่างการจัดซื้อ", Status.IN_PROGRESS),
        (" อยู่ ระหว่าง รอผล", Status.IN_PROGRESS),
        ("มีคู่มือและระเบียบการใช้ทรัพย์สินของทางราชการ", Status.DONE),
    ],
)
def test_an_empty_status_is_inferred_from_the_result(
    read: Read, result: str | None, status: Status
) -> None:
    rows = [method_row("ก", measure="ม", status=None, result=result)]
    assert valid(read(rows=rows))[0].methods[0].status is status


def test_without_a_status_column_status_is_inferred(read: Read) -> None:
    header = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "ผลการดำเนินการ")
    rows = [("ม", "ก", "กองคลัง", PERIOD, "อยู่ระหว่างดำเนินการ"), (None, "ข", "กองคลัง", PERIOD)]
    methods = valid(read(header=header, rows=rows))[0].methods
    assert [m.status for m in methods] == [Status.IN_PROGRESS, Status.NOT_STARTED]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("completed", ""),
        ("ดำเนินการ", " — หมายถึง ดำเนินการแล้ว หรือไม่?"),
        ("ดำเนนการแล้ว", " — หมายถึง ดำเนินการแล้ว หรือไม่?"),
        ("กำลังทำ", " — หมายถึง อยู่ระหว่างดำเนินการ หรือไม่?"),
    ],
)
def test_any_other_status_is_an_error_naming_the_cell_the_closest_and_the_valid_values(
    read: Read, typed: str, hint: str
) -> None:
    cell, message = the_error(read(rows=[method_row("ก", measure="ม", status=typed)]))
    assert cell == "มาตรการ!E2"
    assert message == (
        f"สถานะ '{typed}' ไม่ถูกต้อง{hint} (ใช้ได้: ดำเนินการแล้ว / อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ)"
    )


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("เสร็จแล้ว", Status.DONE),
        ("เสร็จสิ้น", Status.DONE),
        ("ดำเนินการเสร็จแล้ว", Status.DONE),
        ("ดำเนินการเรียบร้อยแล้ว", Status.DONE),
        ("กำลังดำเนินการ", Status.IN_PROGRESS),
        ("อยู่ระหว่างการดำเนินการ", Status.IN_PROGRESS),
        ("ยังไม่ได้ดำเนินการ", Status.NOT_STARTED),
        ("ดำเนินการเ\u0e40ล้ว", Status.DONE),  # SARA E twice for SARA AE
        ("อยู่ระหว่างดำเนินการ".replace("ำ", "\u0e4d\u0e32"), Status.IN_PROGRESS),  # ํ + า
    ],
)
def test_status_wordings_clerks_use_and_typing_slips_are_read(
    read: Read, typed: str, status: Status
) -> None:
    assert (
        valid(read(rows=[method_row("ก", measure="ม", status=typed)]))[0].methods[0].status
        is status
    )


def test_done_without_a_result_is_a_warning_naming_the_result_cell(read: Read) -> None:
    cell, _ = the_warning(read(rows=[method_row("ก", measure="ม", status=DONE, result=None)]))
    assert cell == "มาตรการ!F2"


# --- dates and periods -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime(2021, 3, 1), datetime(2021, 9, 30)),
        (date(2021, 3, 1), date(2021, 9, 30)),
        ("1/3/2564", "30/9/2564"),
        ("1/3/2021", "30/9/2021"),
        ("๑/๓/๒๕๖๔", "๓๐/๙/๒๕๖๔"),
        ("01/03/2564", "30/09/2021"),
    ],
)
def test_start_and_end_as_excel_dates_or_text(read: Read, start: object, end: object) -> None:
    method = only_method(read(header=DATES_HEADER, rows=[dated(start, end)]))
    assert (method.period.text, method.period.start, method.period.end) == (
        None,
        date(2021, 3, 1),
        date(2021, 9, 30),
    )


def test_start_after_end_is_an_error_naming_the_end_cell(read: Read) -> None:
    cell, message = the_error(read(header=DATES_HEADER, rows=[dated("1/9/2564", "1/3/2564")]))
    assert cell == "มาตรการ!E2"
    assert message == "วันสิ้นสุดมาก่อนวันเริ่ม — ตรวจวันที่ทั้งสองช่อง"


@pytest.mark.parametrize("typed", ["มีนาคม", "ปลายปี", "1 มี.ค."])
def test_date_text_that_cannot_be_read_is_an_error_naming_its_cell(read: Read, typed: str) -> None:
    cell, message = the_error(read(header=DATES_HEADER, rows=[dated("1/3/2564", typed)]))
    assert cell == "มาตรการ!E2"
    assert f"'{typed}'" in message and "1/3/2564" in message


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("31/2/2564", "วันที่ 31/2/2564 ไม่มีอยู่จริง (เดือนกุมภาพันธ์ พ.ศ. 2564 มี 28 วัน)"),
        (datetime(2568, 2, 29), "วันที่ 29/2/2568 ไม่มีอยู่จริง (เดือนกุมภาพันธ์ พ.ศ. 2568 มี 28 วัน)"),
    ],
)
def test_an_impossible_date_is_an_error_that_says_why(read: Read, typed: object, why: str) -> None:
    cell, message = the_error(read(header=DATES_HEADER, rows=[dated("1/3/2564", typed)]))
    assert cell == "มาตรการ!E2"
    assert message == f"{why} — แก้เป็นวันที่ที่มีอยู่จริง"


def test_a_bad_start_date_does_not_hide_a_bad_end_date_or_status(read: Read) -> None:
    row = (*dated("ต้นปี", "31/4/2564")[:5], "ทำอยู่")
    loaded = read(header=DATES_HEADER, rows=[row])
    assert [problem.cell for problem in loaded.errors] == ["มาตรการ!D2", "มาตรการ!E2", "มาตรการ!F2"]


def test_only_one_date_is_taken_as_both_with_a_warning(read: Read) -> None:
    loaded = read(header=DATES_HEADER, rows=[dated(datetime(2021, 4, 19), None)])
    cell, _ = the_warning(loaded)
    assert cell == "มาตรการ!E2"
    period = loaded.plan.methods[0].period
    assert (period.start, period.end) == (date(2021, 4, 19), date(2021, 4, 19))


@pytest.mark.parametrize(
    ("start", "end"),
    [("1/9/2564", "1/10/2564"), ("30/9/2563", "1/3/2564"), ("1/10/2564", "31/12/2564")],
)
def test_a_period_outside_the_fiscal_year_is_a_warning_naming_its_cell(
    read: Read, start: str, end: str
) -> None:
    cell, message = the_warning(read(header=DATES_HEADER, rows=[dated(start, end)]))
    assert cell == "มาตรการ!D2"
    assert message == "ระยะเวลาอยู่นอกปีงบประมาณ พ.ศ. 2564 (1 ต.ค. 2563 – 30 ก.ย. 2564)"


def test_the_whole_fiscal_year_is_inside_it(read: Read) -> None:
    valid(read(header=DATES_HEADER, rows=[dated("1/10/2563", "30/9/2564")]))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("มี.ค. – ก.ย.๖๔", date(2021, 3, 1), date(2021, 9, 30)),
        ("ต.ค. ๖๓ – ก.ย. ๖๔", date(2020, 10, 1), date(2021, 9, 30)),
        ("ก.พ. ๖๔", date(2021, 2, 1), date(2021, 2, 28)),
        ("ตลอดปีงบประมาณ", date(2020, 10, 1), date(2021, 9, 30)),
    ],
)
def test_period_text_is_kept_and_read_as_months(
    read: Read, text: str, start: date, end: date
) -> None:
    method = only_method(read(rows=[method_row("ก", measure="ม", period=text)]))
    assert (method.period.text, method.period.start, method.period.end) == (text, start, end)


@pytest.mark.parametrize("text", ["ทุกเดือน", "ตามความเหมาะสม", "เมื่อมีคำร้อง"])
def test_period_text_that_is_not_months_is_kept_without_dates(read: Read, text: str) -> None:
    method = only_method(read(rows=[method_row("ก", measure="ม", period=text)]))
    assert (method.period.text, method.period.start, method.period.end) == (text, None, None)


def test_period_text_outside_the_fiscal_year_is_a_warning_naming_the_period_cell(
    read: Read,
) -> None:
    cell, _ = the_warning(read(rows=[method_row("ก", measure="ม", period="ต.ค. ๖๔ – ธ.ค. ๖๔")]))
    assert cell == "มาตรการ!D2"


def test_period_text_and_dates_keep_the_text_and_take_the_dates(read: Read) -> None:
    header = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "เริ่ม", "สิ้นสุด")
    rows = [("ม", "ก", "กองคลัง", "ตลอดปี", "1/3/2564", datetime(2021, 4, 30))]
    period = only_method(read(header=header, rows=rows)).period
    assert (period.text, period.start, period.end) == ("ตลอดปี", date(2021, 3, 1), date(2021, 4, 30))


def test_a_method_without_a_period_is_an_error_naming_the_period_cell(read: Read) -> None:
    cell, message = the_error(read(rows=[method_row("ก", measure="ม", period=None)]))
    assert cell == "มาตรการ!D2"
    assert message == "ต้องกรอก 'ระยะเวลาดำเนินการ' หรือวันที่ 'เริ่ม' และ 'สิ้นสุด'"


def test_a_method_without_dates_is_an_error_naming_the_start_cell(read: Read) -> None:
    cell, _ = the_error(read(header=DATES_HEADER, rows=[dated(None, None)]))
    assert cell == "มาตรการ!D2"


# --- units sheet -----------------------------------------------------------------------------

UNITS = ["หน่วยงานย่อย", "กองคลัง", "งานพัสดุ", "งานการเจ้าหน้าที่", "งานนิติการ"]


def test_a_unit_not_in_the_units_sheet_gets_did_you_mean(read: Read) -> None:
    loaded = read(units=UNITS, rows=[method_row("ก", measure="ม", responsible="กองคลง")])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!C2"
    assert message.endswith("หมายถึง กองคลัง หรือไม่?")
    assert "'กองคลง'" in message


def test_an_unknown_unit_with_nothing_close_is_a_warning_without_a_guess(read: Read) -> None:
    loaded = read(units=UNITS, rows=[method_row("ก", measure="ม", responsible="สำนักปลัด")])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!C2"
    assert "'สำนักปลัด'" in message and "หมายถึง" not in message


@pytest.mark.parametrize(
    "responsible",
    ["งานการเจ้าหน้าที่/งานนิติการ", "งานพัสดุ, กองคลัง", " งานพัสดุ ", "งาน\u200bพัสดุ"],
)
def test_responsible_values_naming_known_units_have_no_warning(
    read: Read, responsible: str
) -> None:
    valid(read(units=UNITS, rows=[method_row("ก", measure="ม", responsible=responsible)]))


def test_each_unknown_part_of_a_responsible_value_is_named(read: Read) -> None:
    loaded = read(units=UNITS, rows=[method_row("ก", measure="ม", responsible="งานพัสดุ/กองคลง")])
    cell, message = the_warning(loaded)
    assert cell == "มาตรการ!C2"
    assert "'กองคลง'" in message and "'งานพัสดุ'" not in message


def test_units_are_listed_without_their_header(read: Read) -> None:
    loaded = read(units=UNITS)
    assert loaded.plan.units == tuple(UNITS[1:])


def test_the_units_sheet_may_be_named_in_english(read: Read) -> None:
    loaded = read(
        units=UNITS,
        units_sheet="Units",
        rows=[method_row("ก", measure="ม", responsible="กองคลง")],
    )
    assert the_warning(loaded)[1].endswith("หมายถึง กองคลัง หรือไม่?")


def test_without_a_units_sheet_any_unit_is_accepted(read: Read) -> None:
    valid(read(rows=[method_row("ก", measure="ม", responsible="กองคลง")]))


def test_empty_status_with_a_not_started_result_is_not_started(read: Read) -> None:
    """A result typed as ``ยังไม่ได้ดำเนินการ`` says the method is not started, not done."""
    rows = [method_row("เผยแพร่แผน", status=None, result="ยังไม่ได้ดำเนินการ", measure="การใช้งบประมาณ")]
    loaded = read(rows=rows)
    assert [m.status for m in loaded.plan.methods] == [Status.NOT_STARTED]


def test_a_real_date_with_a_be_year_in_a_text_column_is_written_in_be(read: Read) -> None:
    """Excel stores 1/3/2564 typed by a clerk as the year 2564; it is B.E. everywhere."""
    rows = [method_row("เผยแพร่แผน", measure="การใช้งบประมาณ", result=datetime(2564, 3, 1))]
    loaded = read(rows=rows)
    assert loaded.plan is not None
    assert loaded.plan.methods[0].result == "1 มีนาคม 2564"


def test_a_number_in_a_text_column_reads_as_excel_shows_it(read: Read) -> None:
    """A result typed as 85% (stored 0.85) is 85% in the report, not 0.85."""

    def percent(wb: Workbook) -> None:
        wb["มาตรการ"]["F2"].number_format = "0%"
        wb["มาตรการ"]["F3"].number_format = "#,##0"

    rows = [
        method_row("สำรวจความพึงพอใจ", measure="การปฏิบัติหน้าที่", result=0.85),
        method_row("เบิกจ่ายงบประมาณ", result=1_500_000),
    ]
    loaded = read(rows=rows, customise=percent)
    assert loaded.plan is not None
    assert [m.result for m in loaded.plan.methods] == ["85%", "1,500,000"]
