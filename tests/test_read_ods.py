"""The .ods reader: Calc's own files give the same Grid as the .xlsx reader, cell for cell.

The committed files of tests/data/ods were saved by LibreOffice Calc (``make_ods_files.py``);
the edge cases Calc never writes (a formula with no value, a damaged part, an entity bomb, a
repeat bomb) are small content.xml parts written here. The tests marked ``libreoffice`` make
files with Calc at test time.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from ita_report.errors import WorkbookUnreadable
from ita_report.read.ods import open_ods
from ita_report.read.sheet import BadFormula, Grid, MergedRange, SheetInfo
from ita_report.read.xlsx.reader import open_xlsx
from tests.pdf_helpers import needs_libreoffice

DATA = Path(__file__).parent / "data"
CELLS = DATA / "ods" / "cells.ods"
FORMATTED = DATA / "ods" / "formatted.ods"

SAVE_AGAIN = "เปิดไฟล์ใน LibreOffice Calc แล้วบันทึกใหม่เป็น .ods หรือ Excel Workbook (.xlsx)"
DAMAGED = f"เนื้อหาภายในไฟล์เสียหาย (XML ของตาราง content.xml อ่านไม่ได้) — {SAVE_AGAIN}"
REFUSED = (
    "ไฟล์มีข้อมูลซ้ำหรือการประกาศ (DTD) ที่ขยายออกได้มากผิดปกติสำหรับเวิร์กบุ๊ก จึงไม่อ่าน — "
    "ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือคัดลอกเฉพาะข้อมูลไปยังเวิร์กบุ๊กใหม่ (เช่น จาก ita-report init)"
)


def typed(grid: Grid) -> dict[tuple[int, int], tuple[type, object]]:
    """The cells with their types: 1 == True and 2564 == 2564.0 must not pass for equal."""
    return {key: (type(value), value) for key, value in grid.cells.items()}


def assert_same_grid(ods: Grid, xlsx: Grid) -> None:
    assert typed(ods) == typed(xlsx)
    assert ods.merged == xlsx.merged
    assert (ods.last_row, ods.last_col, ods.last_cell) == (
        xlsx.last_row,
        xlsx.last_col,
        xlsx.last_cell,
    )
    assert ods.unsaved_formulas == xlsx.unsaved_formulas


# --- files saved by Calc ------------------------------------------------------------------------


def test_calc_example_reads_as_its_xlsx_cell_for_cell() -> None:
    ods = open_ods(DATA / "calc-example.ods")
    xlsx = open_xlsx(DATA / "calc-example.xlsx")
    try:
        assert ods.sheets == xlsx.sheets
        assert [sheet.name for sheet in ods.sheets] == ["หน่วยงาน", "มาตรการ", "ผู้รับผิดชอบ"]
        for sheet in ods.sheets:
            assert_same_grid(ods.grid(sheet.name), xlsx.grid(sheet.name))
    finally:
        xlsx.close()
    measures = ods.grid("มาตรการ")
    assert (measures.last_row, measures.last_cell, len(measures.merged)) == (32, "B32", 10)
    assert measures.cells[(4, 5)] == datetime(2021, 3, 1)
    assert measures.cells[(7, 8)] == (
        "-เผยแพร่ผลการจัดซื้อจัดจ้างในเว็บไซต์ ทต.พะโต๊ะ\n"
        "-เผยแพร่ผลการใช้จ่ายงบประมาณ เป็นรายเดือน รายไตรมาส และประจำปี"
    )


def test_sheets_keep_their_tab_names_order_and_visibility() -> None:
    assert open_ods(CELLS).sheets == (
        SheetInfo("ค่า (ปี 68)"),
        SheetInfo("ซ่อน", visible=False),
        SheetInfo("ว่าง"),
    )


def test_every_kind_of_value_calc_writes() -> None:
    grid = open_ods(CELLS).grid("ค่า (ปี 68)")
    assert typed(grid) == {
        (1, 1): (str, "ชื่อ"),
        (1, 2): (str, "ผสานแนวนอน"),
        (2, 1): (int, 2564),
        (2, 2): (float, 3.25),
        (2, 3): (int, 1),  # Calc turns an .xlsx TRUE into =TRUE(), saved as the number 1
        (2, 4): (str, "ซ้ำ"),  # one cell repeated over three columns
        (2, 5): (str, "ซ้ำ"),
        (2, 6): (str, "ซ้ำ"),
        (3, 1): (str, "ผสานแนวตั้ง"),
        (3, 2): (datetime, datetime(2568, 3, 31)),  # a B.E. year, left for the reader
        (3, 3): (str, "85%"),
        (4, 2): (datetime, datetime(2568, 2, 29)),
        (4, 3): (str, "85.5%"),
        (5, 2): (str, "29/2/2567"),  # no such day: Calc keeps the text
        (5, 3): (str, "1,234,567"),  # #,##0: as the .xlsx reader shows it
        (6, 1): (str, "บรรทัดแรก\nบรรทัดสอง"),
        (6, 2): (str, "  นำหน้า  กลาง   ท้าย"),
        (6, 3): (BadFormula, BadFormula("#DIV/0!")),
        (6, 4): (int, 2564),  # =2563+1, by the value Calc saved
        (6, 5): (datetime, datetime(2021, 3, 1, 10, 30)),
        (6, 6): (str, "10:30"),  # a time, as shown
        (7, 1): (str, "มีหมายเหตุ"),  # the comment on it is no part of its value
        (7, 2): (str, "ตัวหนาปกติ"),
        (9, 1): (str, "แถวซ้ำ"),
        (9, 2): (int, 7),
        (10, 1): (str, "แถวซ้ำ"),
        (10, 2): (int, 7),
        (11, 1): (str, "แถวซ้ำ"),
        (11, 2): (int, 7),
        (13, 1): (str, "ท้ายตาราง"),
    }
    assert grid.merged == [MergedRange(2, 1, 3, 1), MergedRange(1, 3, 1, 5)]
    assert (grid.last_row, grid.last_col, grid.last_cell) == (13, 6, "A13")
    assert grid.unsaved_formulas == []  # =\"\" (C7) was saved as empty text: no cell at all


def test_hidden_and_empty_sheets() -> None:
    workbook = open_ods(CELLS)
    assert typed(workbook.grid("ซ่อน")) == {(1, 1): (str, "ปีที่แล้ว")}
    assert workbook.grid("ว่าง") == Grid()


def test_a_sheet_formatted_to_the_last_row_costs_nothing() -> None:
    started = time.perf_counter()
    grid = open_ods(FORMATTED).grid("ยาว")
    elapsed = time.perf_counter() - started
    assert typed(grid) == {
        (1, 1): (str, "หัว"),
        (2, 2): (str, "ข้อมูล"),
        (1_048_576, 3): (str, "หลงมา"),
    }
    assert (grid.last_row, grid.last_col, grid.last_cell) == (1_048_576, 3, "C1048576")
    assert elapsed < 0.5  # ~2 ms: a million formatted rows are one repeated row, never expanded


def test_a_grid_is_read_once_and_let_go_on_close() -> None:
    workbook = open_ods(CELLS)
    grid = workbook.grid("ค่า (ปี 68)")
    assert workbook.grid("ค่า (ปี 68)") is grid
    workbook.close()
    assert workbook.grid("ค่า (ปี 68)") is not grid
    with pytest.raises(KeyError):
        workbook.grid("ไม่มีชีตนี้")


# --- content.xml written here -------------------------------------------------------------------

NAMESPACES = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
    for prefix, name in [
        ("office", "office"),
        ("table", "table"),
        ("text", "text"),
        ("style", "style"),
        ("draw", "drawing"),
    ]
)
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
CALCEXT = 'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def content(tables: str, styles: str = "", prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f"<office:document-content {NAMESPACES} {CALCEXT} {XLINK}>"
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    ).encode()


def table(rows: str, name: str = "ชีต1", style: str = "") -> str:
    styled = f' table:style-name="{style}"' if style else ""
    return f'<table:table table:name="{name}"{styled}>{rows}</table:table>'


def write_ods(
    path: Path,
    content_xml: bytes | None,
    *,
    mimetype: bytes = MIMETYPE,
    manifest: bytes = b"<manifest:manifest/>",
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        if content_xml is not None:
            archive.writestr("content.xml", content_xml)
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


def read_rows(tmp_path: Path, rows: str) -> Grid:
    return open_ods(write_ods(tmp_path / "t.ods", content(table(rows)))).grid("ชีต1")


def cell(attributes: str = "", paragraphs: str = "") -> str:
    return f"<table:table-cell {attributes}>{paragraphs}</table:table-cell>"


def row(*cells: str, attributes: str = "") -> str:
    return f"<table:table-row {attributes}>{''.join(cells)}</table:table-row>"


def test_formulas_with_no_value_an_error_or_empty_text(tmp_path: Path) -> None:
    grid = read_rows(
        tmp_path,
        row(
            cell('table:formula="of:=1+1"'),  # written by a program, never calculated
            cell(
                'table:formula="of:=1/0" office:value-type="float" office:value="0"',
                "<text:p>Err:532</text:p>",
            ),
            cell('table:formula="of:=&quot;&quot;"', "<text:p/>"),  # saved as empty text
            cell('table:formula="of:=[.Z9]" office:value-type="float"'),  # a type, no value
        ),
    )
    assert typed(grid) == {
        (1, 1): (BadFormula, BadFormula(None)),
        (1, 2): (BadFormula, BadFormula("Err:532")),
        (1, 4): (BadFormula, BadFormula(None)),
    }
    assert grid.unsaved_formulas == ["A1", "D1"]


def test_values_by_their_type(tmp_path: Path) -> None:
    grid = read_rows(
        tmp_path,
        row(
            cell(
                'office:value-type="boolean" office:boolean-value="true"', "<text:p>TRUE</text:p>"
            ),
            cell(
                'office:value-type="boolean" office:boolean-value="false"', "<text:p>FALSE</text:p>"
            ),
            cell('office:value-type="float" office:value="0.1"', "<text:p>0.1</text:p>"),
            cell('office:value-type="float" office:value="1e20"', "<text:p>1E+20</text:p>"),
            cell('office:value-type="float" office:value="2564"', "<text:p>2564.00</text:p>"),
            cell('office:value-type="float" office:value="1234.5"', "<text:p>1,234.50</text:p>"),
            cell('office:value-type="float" office:value="3.14159"', "<text:p>3.14</text:p>"),
            cell('office:value-type="currency" office:value="1500"', "<text:p>฿1,500.00</text:p>"),
        )
        + row(
            cell('office:value-type="date" office:date-value="2567-02-29"', "<text:p>x</text:p>"),
            cell('office:value-type="date" office:date-value="2021-03-01T10:30:15"'),
            cell(
                'office:value-type="time" office:time-value="PT10H30M00S"', "<text:p>10:30</text:p>"
            ),
            cell(
                'office:value-type="string" office:string-value="ค่าจริง"', "<text:p>ที่แสดง</text:p>"
            ),
            cell('office:value-type="string"', "<text:p/>"),  # empty text: no cell
            cell("", "<text:p>ไม่มีชนิด</text:p>"),
        ),
    )
    assert typed(grid) == {
        (1, 1): (bool, True),
        (1, 2): (bool, False),
        (1, 3): (float, 0.1),
        (1, 4): (float, 1e20),  # past 2**53 an int would claim a precision it does not have
        (1, 5): (str, "2564.00"),  # fixed decimals, as the .xlsx reader shows them
        (1, 6): (str, "1,234.50"),
        (1, 7): (float, 3.14159),  # no separator, no trailing zero: maybe General, so the number
        (1, 8): (str, "฿1,500.00"),
        (2, 1): (str, "2567-02-29"),  # no such day: the reader names it
        (2, 2): (datetime, datetime(2021, 3, 1, 10, 30, 15)),
        (2, 3): (str, "10:30"),
        (2, 4): (str, "ค่าจริง"),
        (2, 6): (str, "ไม่มีชนิด"),
    }


def test_text_spaces_tabs_breaks_spans_and_what_is_not_text(tmp_path: Path) -> None:
    grid = read_rows(
        tmp_path,
        row(
            cell(
                'office:value-type="string"',
                "<office:annotation><text:p>หมายเหตุ</text:p></office:annotation>"
                '<text:p>ก<text:s text:c="3"/>ข<text:tab/>ค<text:line-break/>ง</text:p>'
                '<text:p><text:span>ตัว</text:span><text:a xlink:href="x">ลิงก์</text:a> ท้าย</text:p>'
                "<draw:frame><draw:text-box><text:p>รูป</text:p></draw:text-box></draw:frame>",
            ),
            cell('office:value-type="string"', "<text:p>ยุบ  \n\t ช่องว่าง</text:p>"),
            cell('office:value-type="string"', '<text:p><text:s text:c="1000000000"/>x</text:p>'),
        ),
    )
    assert grid.cells[(1, 1)] == "ก   ข\tค\nง\nตัวลิงก์ ท้าย"
    assert grid.cells[(1, 2)] == "ยุบ ช่องว่าง"  # ODF collapses white space that is not <text:s>
    # A billion spaces asked for: a sheet may have a million, of which A1 took three.
    assert grid.cells[(1, 3)] == " " * (1_000_000 - 3) + "x"


def test_repeats_spans_and_covered_cells(tmp_path: Path) -> None:
    value = '<table:table-cell office:value-type="float" office:value="5" {}><text:p>5</text:p></table:table-cell>'  # fmt: skip
    grid = read_rows(
        tmp_path,
        row(
            cell('table:number-columns-repeated="2"'),
            value.format('table:number-columns-repeated="2"'),
        )
        + row(cell(), attributes='table:number-rows-repeated="3"')
        + row(
            value.format('table:number-columns-spanned="2" table:number-rows-spanned="2"'),
            '<table:covered-table-cell office:value-type="string"><text:p>ซ่อน</text:p></table:covered-table-cell>',
            value.format(""),
            attributes='table:number-rows-repeated="2"',
        )
        + row(
            cell('table:number-columns-repeated="16383"'),
            value.format('table:number-columns-repeated="5"'),
        )
        + row(cell(), attributes='table:number-rows-repeated="1048560"')
        + row(value.format(""), attributes='table:number-rows-repeated="10"'),
    )
    assert typed(grid) == {
        (1, 3): (int, 5),
        (1, 4): (int, 5),
        (5, 1): (int, 5),  # a repeated row with a value is put once for each repeat
        (5, 3): (int, 5),
        (6, 1): (int, 5),
        (6, 3): (int, 5),
        (7, 16_384): (int, 5),  # repeated past column XFD: stops there
        # after 1,048,560 empty rows, ten repeats of a row of which nine fit in the sheet
        **{(number, 1): (int, 5) for number in range(1_048_568, 1_048_577)},
    }
    assert grid.merged == [MergedRange(1, 5, 2, 6), MergedRange(1, 6, 2, 7)]
    assert (grid.last_row, grid.last_cell) == (1_048_576, "A1048576")


def test_hidden_tables_and_a_table_inside_a_cell(tmp_path: Path) -> None:
    styles = (
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
    )
    inner = table(row(cell('office:value-type="string"', "<text:p>ใน</text:p>")), name="ย่อย")
    tables = (
        table(row(cell("", inner)), name="ซ่อน", style="ta1")
        + table(row(cell()), name="แสดง", style="ta2")
        + table(row(cell()), name="ไม่มีรูปแบบ")
    )
    workbook = open_ods(write_ods(tmp_path / "t.ods", content(tables, styles)))
    assert workbook.sheets == (
        SheetInfo("ซ่อน", visible=False),
        SheetInfo("แสดง"),
        SheetInfo("ไม่มีรูปแบบ"),
    )
    assert workbook.grid("ซ่อน") == Grid()  # a table in a cell is neither a sheet nor its rows


# --- files that are no readable .ods ------------------------------------------------------------


def refused(path: Path) -> str:
    with pytest.raises(WorkbookUnreadable) as caught:
        workbook = open_ods(path)
        for sheet in workbook.sheets:
            workbook.grid(sheet.name)
    assert caught.value.path == path
    return caught.value.message


def test_damaged_xml_is_unreadable(tmp_path: Path) -> None:
    cut = content(table(row(cell('office:value-type="string"', "<text:p>ก</text:p>"))))[:-40]
    assert refused(write_ods(tmp_path / "cut.ods", cut)) == DAMAGED
    number = content(table(row(cell('office:value-type="float" office:value="สิบ"'))))
    assert refused(write_ods(tmp_path / "number.ods", number)) == DAMAGED
    # Calc never saves a spreadsheet without a sheet: such a content.xml is damaged, not empty.
    assert refused(write_ods(tmp_path / "no-sheet.ods", content(""))) == DAMAGED


def test_entity_expansion_is_refused_before_anything_is_expanded(tmp_path: Path) -> None:
    laughs = '<!DOCTYPE office:document-content [<!ENTITY a0 "ฮา">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    body = table(row(cell('office:value-type="string"', "<text:p>&a9;</text:p>")))
    path = write_ods(tmp_path / "laughs.ods", content(body, prolog=laughs + "]>"))
    started = time.perf_counter()
    assert refused(path) == REFUSED
    assert time.perf_counter() - started < 1


def test_a_value_repeated_over_the_whole_sheet_is_refused(tmp_path: Path) -> None:
    everywhere = row(
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/>',
        attributes='table:number-rows-repeated="1048576"',
    )
    started = time.perf_counter()
    assert refused(write_ods(tmp_path / "repeats.ods", content(table(everywhere)))) == REFUSED
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda path: path.write_text("ชื่อ,ค่า\n", encoding="utf-8"),
            f"ไม่ใช่ไฟล์ OpenDocument (.ods) — {SAVE_AGAIN}",
        ),
        (
            lambda path: path.write_bytes((DATA / "calc-example.ods").read_bytes()[:5000]),
            "ไฟล์เสียหายหรือถูกตัดขาด (อ่านเป็นไฟล์ zip ไม่ได้) — ดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้ว" + SAVE_AGAIN,
        ),
        (
            lambda path: write_ods(path, None),
            f"ไฟล์ zip นี้ไม่มีเนื้อหาของตารางคำนวณ (content.xml) — ไฟล์อาจเสียหาย; {SAVE_AGAIN}",
        ),
        (
            lambda path: write_ods(
                path, content(""), mimetype=b"application/vnd.oasis.opendocument.text"
            ),
            "เป็นเอกสาร OpenDocument ชนิดอื่น (เช่น เอกสาร Writer) ไม่ใช่ตารางคำนวณ — ตรวจว่าเลือกไฟล์ถูก",
        ),
        (
            lambda path: write_ods(
                path,
                b"\x8f\x13 encrypted bytes",
                manifest=b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:'
                b'xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
                b'<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>'
                b"</manifest:file-entry></manifest:manifest>",
            ),
            "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้ — เปิดใน LibreOffice Calc แล้วเลือก ไฟล์ > บันทึกเป็น "
            "โดยไม่เลือก “บันทึกพร้อมรหัสผ่าน” แล้วบันทึกใหม่",
        ),
    ],
    ids=["csv", "cut-short", "no-content", "writer", "encrypted-manifest"],
)
def test_what_is_no_readable_ods_is_named(
    tmp_path: Path, make: Callable[[Path], object], message: str
) -> None:
    path = tmp_path / "plan.ods"
    make(path)
    assert refused(path) == message


def test_a_password_protected_ods_saved_by_calc_is_named() -> None:
    assert refused(DATA / "ods" / "encrypted.ods") == (
        "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้ — เปิดใน LibreOffice Calc แล้วเลือก ไฟล์ > บันทึกเป็น "
        "โดยไม่เลือก “บันทึกพร้อมรหัสผ่าน” แล้วบันทึกใหม่"
    )


def test_a_zip_bomb_is_refused_by_the_package_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ita_report.read.xlsx.package.MAX_UNPACKED_BYTES", 10_000)
    path = tmp_path / "bomb.ods"
    shutil.copy(CELLS, path)
    assert refused(path).startswith("ไฟล์คลายออกแล้วมีขนาดใหญ่ผิดปกติสำหรับเวิร์กบุ๊กประเภทนี้")


# --- files made by LibreOffice at test time ------------------------------------------------------


@pytest.fixture(scope="module")
def made_by_calc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files of tests/data/ods made again by Calc, beside the .xlsx each was made from."""
    from tests.data.ods.make_ods_files import make_all

    out = tmp_path_factory.mktemp("ods")
    make_all(out)
    return out


@pytest.mark.parametrize("name", ["cells.ods", "formatted.ods"])
@pytest.mark.libreoffice
@needs_libreoffice
def test_the_committed_files_are_what_calc_makes_today(made_by_calc: Path, name: str) -> None:
    committed, made = open_ods(DATA / "ods" / name), open_ods(made_by_calc / name)
    assert made.sheets == committed.sheets
    for sheet in committed.sheets:
        grid, again = committed.grid(sheet.name), made.grid(sheet.name)
        assert typed(again) == typed(grid)
        assert (again.merged, again.last_cell) == (grid.merged, grid.last_cell)


@pytest.mark.libreoffice
@needs_libreoffice
def test_one_workbook_saved_by_calc_as_ods_and_as_xlsx_reads_alike(made_by_calc: Path) -> None:
    from tests.data.make_real_files import convert

    xlsx_path = made_by_calc / "calc" / "cells.xlsx"
    xlsx_path.parent.mkdir()
    convert(made_by_calc / "cells.xlsx", xlsx_path)
    ods, xlsx = open_ods(made_by_calc / "cells.ods"), open_xlsx(xlsx_path)
    try:
        assert ods.sheets == xlsx.sheets
        for sheet in ods.sheets[1:]:
            assert_same_grid(ods.grid(sheet.name), xlsx.grid(sheet.name))
        values, as_xlsx = typed(ods.grid("ค่า (ปี 68)")), typed(xlsx.grid("ค่า (ปี 68)"))
    finally:
        xlsx.close()
    differ = {key for key in values.keys() | as_xlsx.keys() if values.get(key) != as_xlsx.get(key)}
    # The one known difference: Calc saves =TRUE() as a number in .ods and as a boolean in
    # .xlsx. (A time of day alone reads "10:30" from both.)
    assert {key: (values[key], as_xlsx[key]) for key in differ} == {
        (2, 3): ((int, 1), (bool, True)),
    }
