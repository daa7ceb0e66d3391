"""The agency sheet (SPEC §1.1): labels in A, values in B, a header row skipped."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from ita_report.read.workbook import Loaded
from tests.workbook_helpers import AGENCY, AGENCY_NAME, errors, the_error, the_warning, warnings

Read = Callable[..., Loaded]


def agency_rows(**values: object) -> list[tuple[str, object]]:
    """The default agency rows with some values replaced (None leaves the value empty)."""
    labels = {"agency": "ชื่อหน่วยงาน", "fiscal_year": "ปีงบประมาณ"}
    rows = dict(AGENCY)
    for key, value in values.items():
        rows[labels.get(key, key)] = value
    return list(rows.items())


def test_fields_are_read_by_their_thai_labels(read: Read) -> None:
    loaded = read(
        agency=[
            *AGENCY,
            ("ปีที่ประเมิน", 2563),
            ("ผู้รายงาน", "นายสมชาย ใจดี"),
            ("ตำแหน่ง", "ปลัดเทศบาล"),
            ("วันที่รายงาน", datetime(2021, 9, 30)),
        ]
    )
    assert errors(loaded) == warnings(loaded) == []
    agency = loaded.plan.agency
    assert (agency.name, agency.district, agency.province) == (AGENCY_NAME, "บ้านฝาง", "ชุมพร")
    assert (agency.fiscal_year, agency.assessed_year) == (2564, 2563)
    assert (agency.signer, agency.signer_position) == ("นายสมชาย ใจดี", "ปลัดเทศบาล")
    assert agency.report_date == date(2021, 9, 30)


def test_fields_are_read_by_their_english_keys(read: Read) -> None:
    loaded = read(
        agency=[("agency", AGENCY_NAME), ("Fiscal_Year", 2564), (" province ", "ชุมพร")],
        agency_header=("field", "value"),
    )
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.name == AGENCY_NAME
    assert loaded.plan.agency.fiscal_year == 2564
    assert loaded.plan.agency.province == "ชุมพร"


def test_labels_match_with_spaces_and_zero_width_characters(read: Read) -> None:
    loaded = read(agency=[(" ชื่อ\u200bหน่วยงาน ", AGENCY_NAME), ("ปีงบ ประมาณ\ufeff", 2564)])
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.name == AGENCY_NAME


@pytest.mark.parametrize("header", [("รายการ", "ข้อมูล"), ("หัวข้อ", "ค่า"), None])
def test_a_first_row_that_is_no_label_is_a_header_and_skipped(
    read: Read, header: tuple[str, str] | None
) -> None:
    loaded = read(agency_header=header)
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.name == AGENCY_NAME


def test_an_unknown_label_below_the_first_row_is_a_warning_naming_its_cell(read: Read) -> None:
    cell, message = the_warning(read(agency=[*AGENCY, ("เบอร์โทรศัพท์", "077-123456")]))
    assert cell == "หน่วยงาน!A6"
    assert "เบอร์โทรศัพท์" in message


def test_a_value_without_a_label_is_a_warning_naming_its_cell(read: Read) -> None:
    cell, message = the_warning(read(agency=[*AGENCY, (None, "ข้อมูลลอย")]))
    assert cell == "หน่วยงาน!A6"
    assert "คอลัมน์ A" in message


def test_a_label_given_twice_is_an_error_naming_the_second(read: Read) -> None:
    cell, message = the_error(read(agency=[*AGENCY, ("ชื่อหน่วยงาน", "อีกชื่อ")]))
    assert cell == "หน่วยงาน!A6"
    assert "ชื่อหน่วยงาน" in message and "ซ้ำ" in message


# --- required fields -------------------------------------------------------------------------


def test_an_empty_agency_name_is_an_error_naming_its_cell(read: Read) -> None:
    cell, message = the_error(read(agency=agency_rows(agency=None)))
    assert cell == "หน่วยงาน!B2"
    assert message == "ต้องกรอก 'ชื่อหน่วยงาน'"


def test_a_missing_agency_name_row_is_an_error_naming_the_sheet(read: Read) -> None:
    cell, message = the_error(read(agency=[("ปีงบประมาณ", 2564)]))
    assert cell == "หน่วยงาน"
    assert message == "ต้องกรอก 'ชื่อหน่วยงาน'"


def test_an_empty_fiscal_year_is_an_error_naming_its_cell(read: Read) -> None:
    cell, message = the_error(read(agency=agency_rows(fiscal_year="  ")))
    assert cell == "หน่วยงาน!B5"
    assert message == "ต้องกรอก 'ปีงบประมาณ'"


def test_both_required_fields_missing_are_both_reported(read: Read) -> None:
    loaded = read(agency=[("อำเภอ", "บ้านฝาง")])
    assert errors(loaded) == [
        ("หน่วยงาน", "ต้องกรอก 'ชื่อหน่วยงาน'"),
        ("หน่วยงาน", "ต้องกรอก 'ปีงบประมาณ'"),
    ]


# --- fiscal year -----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [2564, 2564.0, "2564", " 2564 ", "๒๕๖๔", "พ.ศ. 2564", "พ.ศ.๒๕๖๔"])
def test_fiscal_year_as_number_text_or_thai_digits(read: Read, typed: object) -> None:
    loaded = read(agency=agency_rows(fiscal_year=typed))
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.fiscal_year == 2564


@pytest.mark.parametrize("typed", [2021, "2021", "๒๐๒๑", "ค.ศ. 2021"])
def test_fiscal_year_in_ce_is_converted_with_a_warning_naming_its_cell(
    read: Read, typed: object
) -> None:
    loaded = read(agency=agency_rows(fiscal_year=typed))
    cell, message = the_warning(loaded)
    assert cell == "หน่วยงาน!B5"
    assert "2021" in message and "2564" in message
    assert loaded.plan.agency.fiscal_year == 2564
    assert loaded.plan.agency.assessed_year == 2563


@pytest.mark.parametrize("typed", ["ปี 2564", "สองพันห้าร้อย", 2564.5, "64"])
def test_fiscal_year_that_is_no_year_is_an_error_naming_its_cell(read: Read, typed: object) -> None:
    cell, message = the_error(read(agency=agency_rows(fiscal_year=typed)))
    assert cell == "หน่วยงาน!B5"
    assert "'ปีงบประมาณ'" in message and "2564" in message


@pytest.mark.parametrize("typed", [256, 25640, 2700])
def test_fiscal_year_out_of_range_is_an_error(read: Read, typed: int) -> None:
    cell, message = the_error(read(agency=agency_rows(fiscal_year=typed)))
    assert cell == "หน่วยงาน!B5"
    assert str(typed) in message


# --- assessed year ---------------------------------------------------------------------------


def test_assessed_year_defaults_to_the_year_before_the_fiscal_year(read: Read) -> None:
    loaded = read(agency=agency_rows(fiscal_year=2567))
    assert loaded.plan.agency.assessed_year == 2566


def test_assessed_year_given_is_kept(read: Read) -> None:
    loaded = read(agency=[*AGENCY, ("ปีที่ประเมิน", "๒๕๖๒")])
    assert loaded.plan.agency.assessed_year == 2562


def test_assessed_year_in_ce_is_converted_with_a_warning(read: Read) -> None:
    loaded = read(agency=[*AGENCY, ("ปีที่ประเมิน", 2020)])
    cell, _ = the_warning(loaded)
    assert cell == "หน่วยงาน!B6"
    assert loaded.plan.agency.assessed_year == 2563


# --- optional fields -------------------------------------------------------------------------


def test_optional_fields_left_out_are_none(read: Read) -> None:
    loaded = read(agency=[("ชื่อหน่วยงาน", AGENCY_NAME), ("ปีงบประมาณ", 2564)])
    agency = loaded.plan.agency
    assert (agency.district, agency.province, agency.signer, agency.report_date) == (
        None,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (datetime(2021, 9, 30), date(2021, 9, 30)),
        ("30/9/2564", date(2021, 9, 30)),
        ("๓๐/๙/๒๕๖๔", date(2021, 9, 30)),
        ("30 กันยายน 2564", date(2021, 9, 30)),
        ("ปลายเดือนกันยายน 2564", "ปลายเดือนกันยายน 2564"),  # text that is no date is kept
    ],
)
def test_report_date_is_a_date_or_text(read: Read, typed: object, expected: object) -> None:
    loaded = read(agency=[*AGENCY, ("วันที่รายงาน", typed)])
    assert errors(loaded) == warnings(loaded) == []
    assert loaded.plan.agency.report_date == expected


def test_agency_text_is_kept_as_typed_apart_from_outer_spaces(read: Read) -> None:
    loaded = read(agency=agency_rows(agency="  องค์การบริหารส่วนตำบล  ทดสอบ "))
    assert loaded.plan.agency.name == "องค์การบริหารส่วนตำบล  ทดสอบ"
