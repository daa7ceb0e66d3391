"""Thai digits, labels, typed numbering, dates and period text (thai.py, periods.py)."""

from __future__ import annotations

import calendar
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_report.periods import (
    ImpossibleDate,
    as_date,
    format_period,
    parse_date_text,
    parse_day,
    parse_period_text,
    shift_period_text,
)
from ita_report.thai import (
    arabic,
    be_year,
    normalise_label,
    split_numbering,
    thai_date,
    to_arabic_digits,
    to_thai_digits,
)

# --- digits ----------------------------------------------------------------------------------


def test_thai_digits_everywhere_but_in_addresses() -> None:
    text = "โทร 077 123456 www.patho1.go.th/a2 ita2564@mail.go.th ปี 2564"
    assert to_thai_digits(text) == ("โทร ๐๗๗ ๑๒๓๔๕๖ www.patho1.go.th/a2 ita2564@mail.go.th ปี ๒๕๖๔")


def test_arabic_digits_everywhere_but_in_addresses() -> None:
    assert to_arabic_digits("ปี ๒๕๖๔ https://x๑.go.th") == "ปี 2564 https://x๑.go.th"


def test_arabic_for_parsing_converts_addresses_too() -> None:
    assert arabic("๐๑๒๓๔๕๖๗๘๙ www.x๑.com") == "0123456789 www.x1.com"


# --- labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "ดำเนินการแล้ว",
        " ดำเนินการแล้ว ",
        "ดำเนินการ\u200bแล้ว",  # zero-width space pasted from the web
        "\ufeffดำเนินการแล้ว\u2060",  # BOM and word joiner
        "ดำเนิน\u00adการแล้ว",  # soft hyphen
        "ด\u0e4d\u0e32เนินการแล้ว",  # sara am typed as nikhahit + sara aa, as PDFs paste it
        "ดำเนินการ\nแล้ว",  # wrapped with Alt+Enter
    ],
)
def test_labels_compare_after_removing_zero_width_and_nfkc(typed: str) -> None:
    assert normalise_label(typed) == normalise_label("ดำเนินการแล้ว")


def test_english_labels_compare_ignoring_case_and_width() -> None:
    assert normalise_label("ＤＯＮＥ") == normalise_label(" Done ") == "done"


# --- typed numbering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "number", "text"),
    [
        ("๑. การปฏิบัติหน้าที่", 1, "การปฏิบัติหน้าที่"),
        ("๑๐. การป้องกันการทุจริต", 10, "การป้องกันการทุจริต"),
        ("1. จัดทำแผน", 1, "จัดทำแผน"),
        ("2) จัดทำแผน", 2, "จัดทำแผน"),
        ("(3) จัดทำแผน", 3, "จัดทำแผน"),
        ("4.จัดทำแผน", 4, "จัดทำแผน"),
        ("1.1. จัดทำแผน", 1, "จัดทำแผน"),
        ("ข้อ 5 จัดทำแผน", 5, "จัดทำแผน"),
        ("\u200b2. จัดทำแผน", 2, "จัดทำแผน"),  # a zero-width space pasted in front
        ("- จัดทำแผน", None, "จัดทำแผน"),
        ("• จัดทำแผน", None, "จัดทำแผน"),
        ("  5 . จัดทำแผน", 5, "จัดทำแผน"),
    ],
)
def test_typed_numbering_is_split_off(typed: str, number: int, text: str) -> None:
    assert split_numbering(typed) == (number, text)


@pytest.mark.parametrize(
    "typed",
    [
        "จัดทำแผน",
        "1.5 ล้านบาท เพื่อจัดซื้อ",  # a decimal number, not numbering
        "1.1 จัดทำแผน",  # an outline number is numbering only at the method's own place
        "2564 ปีแห่งความโปร่งใส",  # a year
        "1.",  # numbering with nothing after it is the text itself
        "๓",
    ],
)
def test_text_without_numbering_is_kept(typed: str) -> None:
    assert split_numbering(typed) == (None, typed)


@pytest.mark.parametrize("typed", ["1.2 จัดทำแผน", "๑.๒ จัดทำแผน"])
def test_an_outline_number_at_the_methods_own_place_is_numbering(typed: str) -> None:
    assert split_numbering(typed, outline=(1, 2)) == (1, "จัดทำแผน")
    assert split_numbering(typed, outline=(1, 3)) == (None, typed)


# --- years and dates -------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "be"), [(2021, 2564), (2564, 2564), (2399, 2942), (2400, 2400)])
def test_years_under_2400_are_christian_era(year: int, be: int) -> None:
    assert be_year(year) == be


def test_thai_date_is_day_long_month_be_year() -> None:
    assert thai_date(date(2021, 4, 19)) == "19 เมษายน 2564"


@pytest.mark.parametrize(
    "typed", ["19/4/2564", "19/4/2021", "๑๙/๔/๒๕๖๔", "19/04/2564", " 19-4-2564 ", "19.4.2021"]
)
def test_date_text_in_be_or_ce(typed: str) -> None:
    assert parse_date_text(typed) == date(2021, 4, 19)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("19 เม.ย. 64", date(2021, 4, 19)),
        ("๓๑ มี.ค. ๖๘", date(2025, 3, 31)),
        ("1 ต.ค. 67", date(2024, 10, 1)),
        ("1 ตุลาคม 2567", date(2024, 10, 1)),
        ("วันที่ 1 ตุลาคม พ.ศ. 2567", date(2024, 10, 1)),
        ("1/4/68", date(2025, 4, 1)),
        ("1/4/25", date(2025, 4, 1)),  # two digits under 40: C.E.
        ("2024-10-01", date(2024, 10, 1)),
        ("2567-10-01", date(2024, 10, 1)),
    ],
)
def test_thai_and_short_and_iso_date_text(typed: str, day: date) -> None:
    assert parse_date_text(typed) == day


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("29/2/2568", "วันที่ 29/2/2568 ไม่มีอยู่จริง (เดือนกุมภาพันธ์ พ.ศ. 2568 มี 28 วัน)"),
        ("31 เม.ย. 67", "วันที่ 31/4/2567 ไม่มีอยู่จริง (เดือนเมษายน พ.ศ. 2567 มี 30 วัน)"),
        ("1/13/2567", "วันที่ 1/13/2567 ไม่มีอยู่จริง (ไม่มีเดือนที่ 13)"),
    ],
)
def test_an_impossible_date_says_why(typed: str, why: str) -> None:
    with pytest.raises(ImpossibleDate) as caught:
        parse_date_text(typed)
    assert str(caught.value) == why


def test_a_be_date_cell_on_a_day_its_ce_year_lacks_is_impossible() -> None:
    with pytest.raises(ImpossibleDate, match="29/2/2568 ไม่มีอยู่จริง"):
        as_date(datetime(2568, 2, 29))


@pytest.mark.parametrize("typed", ["เมษายน", "2564", "", "1 เม.ย.", "19/4"])
def test_text_that_is_no_date_is_none(typed: str) -> None:
    assert parse_date_text(typed) is None


def test_a_date_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(ValueError):
        parse_date_text("31/2/2564")


@pytest.mark.parametrize(
    "typed", ["2021-03-31", "2564-03-31", "31/3/2564", "31/3/2021", "๓๑/๓/๒๕๖๔", " 31/03/2564 "]
)
def test_as_of_day_on_the_command_line(typed: str) -> None:
    assert parse_day(typed) == date(2021, 3, 31)


@pytest.mark.parametrize("typed", ["yesterday", "31/2/2564", "2021-13-01", ""])
def test_as_of_day_that_cannot_be_read_says_how_to_write_it(typed: str) -> None:
    with pytest.raises(ValueError, match=r"31/3/2564"):
        parse_day(typed)


# --- period text → dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # The three forms of SPEC §4, as typed in the workbook (with or without the space).
        ("มี.ค. – ก.ย.๖๔", date(2021, 3, 1), date(2021, 9, 30)),
        ("มี.ค. – ก.ย. ๖๔", date(2021, 3, 1), date(2021, 9, 30)),
        ("ต.ค. ๖๓ – ก.ย. ๖๔", date(2020, 10, 1), date(2021, 9, 30)),
        ("ก.พ. ๖๔", date(2021, 2, 1), date(2021, 2, 28)),
        # Other ways a clerk writes them.
        ("มี.ค.64-ก.ย.64", date(2021, 3, 1), date(2021, 9, 30)),
        ("มีค - กย 64", date(2021, 3, 1), date(2021, 9, 30)),
        ("มีนาคม – กันยายน 2564", date(2021, 3, 1), date(2021, 9, 30)),
        ("เดือนมีนาคม - เดือนกันยายน 2564", date(2021, 3, 1), date(2021, 9, 30)),
        ("มีนาคม พ.ศ. 2564 – กันยายน พ.ศ. 2564", date(2021, 3, 1), date(2021, 9, 30)),
        ("พ.ย. 2563 – ม.ค. 2564", date(2020, 11, 1), date(2021, 1, 31)),
        ("ก.ค. - ก.ย. 2021", date(2021, 7, 1), date(2021, 9, 30)),
        # A missing year: the other end's, else the fiscal year's (Oct-Dec in its first year).
        ("ต.ค. – ก.ย. ๖๔", date(2020, 10, 1), date(2021, 9, 30)),
        ("ต.ค. - ธ.ค.", date(2020, 10, 1), date(2020, 12, 31)),
        ("ก.พ.", date(2021, 2, 1), date(2021, 2, 28)),
        # Days in front of the months are not years.
        ("1 มี.ค. – 30 ก.ย. 2564", date(2021, 3, 1), date(2021, 9, 30)),
        ("1 มี.ค. 64 – 30 ก.ย. 64", date(2021, 3, 1), date(2021, 9, 30)),
        # The whole fiscal year.
        ("ตลอดปีงบประมาณ", date(2020, 10, 1), date(2021, 9, 30)),
        ("ทั้งปี", date(2020, 10, 1), date(2021, 9, 30)),
    ],
)
def test_period_text_read_as_months(text: str, start: date, end: date) -> None:
    assert parse_period_text(text, 2564) == (start, end)


def test_leap_february() -> None:
    assert parse_period_text("ก.พ. ๖๗", 2567) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    "text",
    [
        "ทุกเดือน",
        "ไตรมาสละครั้ง",
        "มีการประชุมทุกเดือน",
        # Month letters inside ordinary words are no month.
        "ตามความเหมาะสม",  # ม+ค: "มค"
        "เมื่อมีคำร้อง",  # มี+ค: "มีค"
        "พยายามให้เสร็จ",  # พ+ย: "พย"
        # More than two months is not one period.
        "ม.ค. มี.ค. พ.ค.",
    ],
)
def test_period_text_that_is_not_months_has_no_dates(text: str) -> None:
    assert parse_period_text(text, 2564) is None


# --- dates → period text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2021, 3, 1), date(2021, 9, 30), "มี.ค. – ก.ย. ๖๔"),
        (date(2020, 10, 1), date(2021, 9, 30), "ต.ค. ๖๓ – ก.ย. ๖๔"),
        (date(2021, 2, 1), date(2021, 2, 28), "ก.พ. ๖๔"),
        (date(2021, 2, 5), None, "ก.พ. ๖๔"),
        (None, date(2021, 2, 5), "ก.พ. ๖๔"),
        (date(2043, 1, 1), date(2043, 12, 31), "ม.ค. – ธ.ค. ๘๖"),
        (date(2057, 1, 1), date(2057, 3, 1), "ม.ค. – มี.ค. ๐๐"),  # B.E. 2600
        (None, None, ""),
    ],
)
def test_period_from_dates(start: date | None, end: date | None, text: str) -> None:
    assert format_period(start, end) == text


@given(
    fiscal_year=st.integers(2560, 2580),
    first=st.integers(0, 11),
    length=st.integers(0, 11),
)
def test_period_text_written_from_dates_reads_back_as_the_same_months(
    fiscal_year: int, first: int, length: int
) -> None:
    """What the report writes for a period inside a fiscal year, the reader reads back."""
    months = [(fiscal_year - 544 + (9 + i) // 12, (9 + i) % 12 + 1) for i in range(12)]
    last = min(first + length, 11)
    (y1, m1), (y2, m2) = months[first], months[last]
    start, end = date(y1, m1, 1), date(y2, m2, calendar.monthrange(y2, m2)[1])
    assert parse_period_text(format_period(start, end), fiscal_year) == (start, end)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ธ.ค. ๖๓ – ม.ค.", date(2020, 12, 1), date(2021, 1, 31)),
        ("พ.ย. ๖๓ - ก.พ.", date(2020, 11, 1), date(2021, 2, 28)),
    ],
)
def test_a_period_running_into_the_next_year_with_one_year_typed(
    text: str, start: date, end: date
) -> None:
    assert parse_period_text(text, 2564) == (start, end)


@pytest.mark.parametrize(
    ("typed", "next_year"),
    [
        ("มี.ค. – ก.ย. ๖๔", "มี.ค. – ก.ย. ๖๕"),
        ("ต.ค. ๖๓ – ก.ย. ๖๔", "ต.ค. ๖๔ – ก.ย. ๖๕"),
        ("1 มี.ค. – 30 ก.ย. 2564", "1 มี.ค. – 30 ก.ย. 2565"),
        ("ปีงบประมาณ 2564", "ปีงบประมาณ 2565"),
        ("ก.พ. 64", "ก.พ. 65"),
        ("ตลอดปีงบประมาณ", "ตลอดปีงบประมาณ"),
        ("ทุกเดือน (12 ครั้ง)", "ทุกเดือน (12 ครั้ง)"),
        ("ตามความเหมาะสม 64 ครั้ง", "ตามความเหมาะสม 64 ครั้ง"),  # no month: a count, not a year
    ],
)
def test_period_text_a_year_later_keeps_everything_else_as_typed(
    typed: str, next_year: str
) -> None:
    assert shift_period_text(typed, 1) == next_year
