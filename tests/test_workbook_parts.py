"""The reader's own XML reading: values as Excel stores them, without openpyxl."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from ita_report.read.sheet import Sheet, column_index, column_letter, range_bounds, split_reference
from ita_report.read.xlsx.parts import (
    format_number,
    is_date_format,
    read_cell_formats,
    read_shared_strings,
    serial_to_datetime,
)
from ita_report.read.xlsx.scan import BadFormula, CellStyles, SheetDamaged, scan_sheet

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip(tmp_path: Path, parts: dict[str, str]) -> zipfile.ZipFile:
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return zipfile.ZipFile(path)


def _sheet(cells: str, extra: str = "") -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{cells}</sheetData>{extra}</worksheet>'


@pytest.mark.parametrize(
    ("letters", "index"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52), ("XFD", 16_384)]
)
def test_column_letters_and_numbers_round_trip(letters: str, index: int) -> None:
    assert column_index(letters) == index
    assert column_letter(index) == letters


def test_references_and_ranges() -> None:
    assert split_reference("C7") == (7, 3)
    assert split_reference("$B$1048576") == (1_048_576, 2)
    assert range_bounds("B3:A1") == (1, 1, 2, 3)
    assert range_bounds("D4") == (4, 4, 4, 4)
    for bad in ("", "7C", "A0", "XFE1", "A1048577"):
        with pytest.raises(ValueError):
            split_reference(bad)


@pytest.mark.parametrize(
    ("code", "is_date"),
    [
        ("d/m/yyyy", True),
        ("[$-th-TH]d mmm bb", True),
        ("[$-1070000]d/m/yyyy;@", True),
        ("ว/ด/ปปปป", True),
        ("h:mm", True),
        ("[h]:mm:ss", True),
        ("General", False),
        ("@", False),
        ("0.00", False),
        ("0.00E+00", False),
        ('#,##0 "บาท"', False),
        ('"วันที่" 0', False),
        ("[Red]0.00", False),
    ],
)
def test_date_formats_are_told_from_number_formats(code: str, is_date: bool) -> None:
    assert is_date_format(code) is is_date


def test_date_styles_come_from_custom_and_built_in_formats(tmp_path: Path) -> None:
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="d/m/yyyy"/>'
        '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts><cellXfs>'
        '<xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/>'
        '<xf numFmtId="49"/><xf numFmtId="71"/></cellXfs></styleSheet>'
    )
    archive = _zip(tmp_path, {"xl/styles.xml": styles})
    formats = read_cell_formats(archive, "xl/styles.xml")
    assert formats.dates == {1, 3, 5}
    assert formats.numbers == {2: "0.0%"}
    assert read_cell_formats(archive, "xl/missing.xml").dates == frozenset()


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (0.85, "0%", "85%"),
        (0.8512, "0.0%", "85.1%"),
        (1_500_000, "#,##0", "1,500,000"),
        (1234.5, "#,##0.00", "1,234.50"),
        (3.14159, "0.00", "3.14"),
        (-1500, "#,##0 ;(#,##0)", "-1,500"),
        (12.5, '0.0 "บาท"', "12.5"),
    ],
)
def test_numbers_read_as_their_format_shows_them(value: float, code: str, shown: str) -> None:
    assert format_number(value, code) == shown


def test_shared_strings_join_rich_text_and_leave_out_phonetic_guides(tmp_path: Path) -> None:
    strings = (
        f'<sst xmlns="{MAIN}"><si><t>งานพัสดุ</t></si>'
        "<si><r><t>กอง</t></r><r><rPr><b/></rPr><t>คลัง</t></r><rPh><t>x</t></rPh></si>"
        '<si><t xml:space="preserve"> _x005F_x0041_ </t></si><si><t/></si></sst>'
    )
    archive = _zip(tmp_path, {"xl/sharedStrings.xml": strings})
    assert read_shared_strings(archive, "xl/sharedStrings.xml") == [
        "งานพัสดุ",
        "กองคลัง",
        " _x005F_x0041_ ",  # decoded later, once (cells.py): the clerk typed _x0041_
        "",
    ]


def test_cell_values_by_type_and_format(tmp_path: Path) -> None:
    cells = (
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>44256</v></c>'
        '<c r="C2"><v>2564</v></c><c r="D2"><v>1.5</v></c><c r="E2" t="b"><v>1</v></c>'
        '<c r="F2" t="e"><v>#N/A</v></c><c r="G2" t="str"><f>A2</f><v>คลัง</v></c>'
        '<c r="H2" t="inlineStr"><is><r><t>ก</t></r><r><t>ข</t></r></is></c>'
        '<c r="I2" t="d"><v>2021-03-01T00:00:00</v></c><c r="J2" s="2"/><c r="K2"><f>1+1</f></c>'
        "</row>"
    )
    archive = _zip(
        tmp_path, {"sheet.xml": _sheet(cells, '<mergeCells><mergeCell ref="A2:A5"/></mergeCells>')}
    )
    styles = CellStyles(["x", "กองคลัง"], frozenset({1}), date1904=False)

    scan = scan_sheet(archive, "sheet.xml", styles)
    sheet = Sheet("มาตรการ", scan)

    assert [sheet.raw(2, col) for col in range(1, 12)] == [
        "กองคลัง",
        datetime(2021, 3, 1),
        2564,
        1.5,
        True,
        None,  # #N/A: an error value reads as empty, and is remembered as read
        "คลัง",
        "กข",
        datetime(2021, 3, 1),
        None,
        None,  # a formula with no saved value: the same
    ]
    assert sheet.read_problems == {
        "มาตรการ!F2": BadFormula("#N/A"),
        "มาตรการ!K2": BadFormula(None),
    }
    assert sheet.row_items(1) == []
    assert scan.unsaved_formulas == ["K2"]
    assert (scan.last_row, scan.last_col, scan.last_cell) == (2, 11, "A2")
    merge = scan.merge_at(2, 1)
    assert merge is not None and (merge.min_row, merge.max_row) == (2, 5)
    assert scan.merge_at(2, 2) is None


def test_a_shared_string_that_is_not_there_is_damage(tmp_path: Path) -> None:
    archive = _zip(tmp_path, {"sheet.xml": _sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>')})
    with pytest.raises(SheetDamaged):
        scan_sheet(archive, "sheet.xml", CellStyles(["only one"]))


def test_serials_in_both_date_systems() -> None:
    assert serial_to_datetime(44256, date1904=False) == datetime(2021, 3, 1)
    assert serial_to_datetime(44256 - 1462, date1904=True) == datetime(2021, 3, 1)
    assert serial_to_datetime(1, date1904=False) == datetime(1900, 1, 1)
    assert serial_to_datetime(61, date1904=False) == datetime(1900, 3, 1)
    assert serial_to_datetime(44256.5, date1904=False) == datetime(2021, 3, 1, 12)
