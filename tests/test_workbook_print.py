"""The clerk's workbook on screen and on paper: Thai row heights, the instructions, print setup.

The rules of :mod:`ita_report.write.sheet_layout` are checked on the workbook as openpyxl reads
it back; the paper itself by printing every workbook ``init`` writes through LibreOffice Calc
(``tests/print_helpers.py``): no two words drawn over one another, every text of every sheet on
paper, A4 landscape pages, the measures header on every page.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import Result

from ita_report.labels import AGENCY_SHEET, INSTRUCTIONS_SHEET, MEASURES_SHEET, UNITS_SHEET
from ita_report.write.sheet_layout import (
    FONT_NAME,
    fit_row_heights,
    row_height,
    text_lines,
    use_thai_font,
)
from ita_report.write.workbook import HEADER_ROW, write_blank_workbook
from tests.init_helpers import TITLES
from tests.pdf_helpers import needs_libreoffice
from tests.print_helpers import check_printed, fill_in_long, squeeze

#: The rows each sheet prints at the top of every page.
PRINT_TITLES = {
    AGENCY_SHEET.title: "1:1",
    MEASURES_SHEET.title: f"{HEADER_ROW}:{HEADER_ROW}",
    UNITS_SHEET.title: "1:1",
}
#: A long Thai method, with vowels and tone marks above and below its letters.
METHOD = (
    "ประชาสัมพันธ์ให้ผู้รับบริการ และประชาชนทั่วไป ร่วมแสดงความคิดเห็น หรือให้คำแนะนำในการพัฒนา"
    "และปรับปรุงคุณภาพและมาตรฐานการให้บริการได้โดยสะดวก"
)


@pytest.fixture
def blank(tmp_path: Path) -> Workbook:
    path = tmp_path / "plan.xlsx"
    write_blank_workbook(path, agency="เทศบาลตำบลพะโต๊ะ", fiscal_year=2568)
    return openpyxl.load_workbook(path)


def heights(ws: Worksheet) -> dict[int, float]:
    return {row: dim.ht for row, dim in ws.row_dimensions.items()}


# --- the estimate -----------------------------------------------------------------------------


def test_thai_marks_take_no_width() -> None:
    letters = "".join(ch for ch in METHOD if not "\u0e31" <= ch <= "\u0e4e" or ch in "ะาำเแโใไ")
    assert len(letters) < len(METHOD) - 15
    for width in (12, 20, 36, 60):
        assert text_lines(METHOD, width) == text_lines(letters, width), width


def test_lines_grow_with_the_text_and_with_line_breaks() -> None:
    assert text_lines("สำนักปลัด", 20) == 1
    assert text_lines("สำนักปลัด\nกองคลัง\nกองช่าง", 20) == 3
    assert text_lines(METHOD, 100) == 2
    assert text_lines(METHOD, 36) > text_lines(METHOD, 60) > text_lines(METHOD, 100)
    assert text_lines(METHOD, 36, size=20) > text_lines(METHOD, 36)
    assert text_lines("ก" * 40, 8) >= 6  # a run wider than the column breaks inside


def test_heights_grow_with_lines_and_leave_room_for_thai_above_and_below() -> None:
    one, two = row_height(1), row_height(2)
    assert 26 < one < 30  # Calc's own line of 16 pt TH SarabunPSK is 26.1 pt
    assert two - one == pytest.approx(one - row_height(0), abs=0.75)
    assert row_height(100) == 409  # Excel's tallest row


# --- the workbook init writes -----------------------------------------------------------------


def test_rows_are_as_tall_as_their_wrapped_text(blank: Workbook) -> None:
    ws = blank[MEASURES_SHEET.title]
    assert heights(ws)[HEADER_ROW] >= row_height(2)  # ระยะเวลาดำเนินการ takes two lines
    assert heights(ws)[1] >= row_height(1, 20)  # the title, at 20 pt
    indicator_rows = range(HEADER_ROW + 1, HEADER_ROW + 11)
    assert all(heights(ws)[row] >= row_height(1) for row in indicator_rows)
    assert max(heights(ws)[row] for row in indicator_rows) >= row_height(2)  # การใช้ทรัพย์สิน…
    assert ws.sheet_format.defaultRowHeight == row_height(1)  # rows the clerk types in later
    for name in blank.sheetnames:
        for row in range(1, blank[name].max_row + 1):
            assert heights(blank[name]).get(row), (name, row)


def test_heights_are_written_as_fitted_so_excel_and_calc_fit_them_again(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    write_blank_workbook(path)
    with zipfile.ZipFile(path) as package:
        sheets = [package.read(name) for name in package.namelist() if "worksheets/sheet" in name]
    assert len(sheets) == 4
    for xml in sheets:
        assert b' ht="' in xml and b'<row r="1" ' in xml
        assert b'customHeight="1"' not in xml.split(b"<sheetData>")[1]


def test_the_default_font_is_th_sarabunpsk_so_widths_count_its_digits(blank: Workbook) -> None:
    assert blank._named_styles["Normal"].font.name == FONT_NAME
    assert blank._fonts[0].name == FONT_NAME and blank._fonts[0].sz == 16


def test_merged_cells_take_the_width_of_all_their_columns() -> None:
    workbook = Workbook()
    use_thai_font(workbook)
    ws = workbook.active
    for letter in "ABC":
        ws.column_dimensions[letter].width = 20
    for row in (1, 2):
        ws.cell(row, 1, METHOD).alignment = Alignment(wrap_text=True)
    ws.merge_cells("A2:C2")
    ws.cell(3, 1, METHOD).alignment = Alignment(wrap_text=True)
    ws.merge_cells("A3:A5")
    fit_row_heights(ws)
    assert heights(ws)[1] == row_height(text_lines(METHOD, 20))
    assert heights(ws)[2] == row_height(text_lines(METHOD, 60)) < heights(ws)[1]
    assert sum(heights(ws)[row] for row in (3, 4, 5)) == pytest.approx(heights(ws)[1])


def test_every_sheet_prints_on_a4_landscape_fitted_to_the_page_width(blank: Workbook) -> None:
    for ws in blank:
        setup = ws.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "landscape"), ws.title  # A4
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        titles = PRINT_TITLES.get(ws.title)
        assert ws.print_title_rows == (titles and "$" + titles.replace(":", ":$")), ws.title
        assert ws.page_margins.left >= 0.4 and ws.page_margins.top > ws.page_margins.header
        assert "๒๕๖๘" in ws.oddHeader.center.text or ws.title == INSTRUCTIONS_SHEET
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_instructions_read_like_a_page(blank: Workbook) -> None:
    ws = blank[INSTRUCTIONS_SHEET]
    widths = [ws.column_dimensions[letter].width for letter in "AB"]
    assert 110 <= sum(widths) <= 128  # the width of A4 landscape in TH SarabunPSK 16 digits
    assert not ws.sheet_view.showGridLines
    headings = [
        row
        for row in range(2, ws.max_row + 1)
        if ws.cell(row, 1).value and not ws.cell(row, 2).value
    ]
    assert len(headings) >= 4
    for row in headings:
        heading = ws.cell(row, 1)
        assert heading.font.b and heading.font.sz > 16 and heading.fill.fill_type == "solid"
        assert ws.cell(row, 2).fill.fill_type == "solid"  # the band runs across the page
        assert ws.cell(row - 1, 1).value is None  # a blank row before
    for row in range(2, ws.max_row + 1):
        if row not in headings and ws.cell(row, 2).value:
            assert ws.cell(row, 2).alignment.wrap_text and ws.cell(row, 1).font.b


def test_the_measures_columns_print_at_a_readable_size(blank: Workbook) -> None:
    """Fitted to A4 landscape, 16 pt prints at about 3/4 size; a date (``30/12/2568``) still fits
    its column (a date that does not shows ``###``, which the printing test would catch)."""
    ws = blank[MEASURES_SHEET.title]
    width = {
        ws.cell(HEADER_ROW, column).value: ws.column_dimensions[letter].width
        for column, letter in enumerate("ABCDEFGHI", start=1)
    }
    assert sum(width.values()) <= 180
    assert min(width[TITLES["start"]], width[TITLES["end"]]) >= 11


# --- on paper ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    ["blank", "agency and year", "filled in at length"],
)
@pytest.mark.libreoffice
@needs_libreoffice
def test_every_workbook_init_writes_prints_cleanly(
    kind: str, tmp_path: Path, cli: Callable[..., Result]
) -> None:
    path = tmp_path / "แผน 2568.xlsx"
    options = () if kind == "blank" else ("--agency", "เทศบาลตำบลพะโต๊ะ", "--year", "2568")
    assert cli("init", path, *options).exit_code == 0
    if kind == "filled in at length":
        fill_in_long(path)
    (tmp_path / "print").mkdir()

    report = check_printed(
        path,
        tmp_path / "print",
        header_rows={name: [int(rows.split(":")[0])] for name, rows in PRINT_TITLES.items()},
    )

    assert not report.problems(), "\n".join(report.problems()[:40])
    assert set(report.pages) == set(openpyxl.load_workbook(path).sheetnames)
    measures = report.pages[MEASURES_SHEET.title]
    if kind == "filled in at length":
        assert len(measures) >= 3  # so the header was seen repeated
    title = squeeze(openpyxl.load_workbook(path)[MEASURES_SHEET.title]["A1"].value)
    assert all(title in page.text for page in measures)  # the page header


@pytest.mark.libreoffice
@needs_libreoffice
def test_print_helpers_see_overlap_and_missing_text(tmp_path: Path) -> None:
    """The checks above are no empty promise: rows left at 15 pt are caught."""
    workbook = Workbook()
    ws = workbook.active
    ws.column_dimensions["A"].width = 30
    for row in (1, 2, 3):
        ws.cell(row, 1, METHOD).alignment = Alignment(wrap_text=True, vertical="top")
    path = tmp_path / "tight.xlsx"
    workbook.save(path)
    report = check_printed(path, tmp_path)
    assert report.overlap_count > 0 or report.missing[ws.title]
