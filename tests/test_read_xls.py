"""The .xls reader gives the Grid the .xlsx reader gives, and one Thai message for what it cannot read.

The main proof is a workbook saved by LibreOffice Calc both as .xls and as .xlsx: every sheet
must read the same, cell for cell and type for type, merges included. ``tests/data/xls/cells.*``
(written by ``make_xls_files.py`` there, with Calc) hold one cell of each kind: a percentage, a
grouped number, formula errors, dates, a time and a duration read alike from both, so that the
report shows from an .xls what the clerk sees. A damaged .xls (``damaged-*.xls``: files that
aborted the whole process under the former reader, python-calamine) is the damaged-file message.
"""

from __future__ import annotations

import json
import math
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
import xlrd
from msoffcrypto.format.ooxml import OOXMLFile

from ita_report.errors import WorkbookUnreadable
from ita_report.periods import ImpossibleDate, as_date
from ita_report.read import xls as xls_module
from ita_report.read.sheet import BadFormula, Grid, MergedRange, SheetInfo, split_reference
from ita_report.read.xls import XlsWorkbook, cell_formats, number_value, open_xls
from ita_report.read.xlsx.package import open_package
from ita_report.read.xlsx.parts import CellFormats, read_cell_formats
from ita_report.read.xlsx.reader import open_xlsx
from tests.workbook_helpers import write_workbook

DATA = Path(__file__).resolve().parent / "data"
CALC_XLS = DATA / "calc-example.xls"
CELLS_XLS = DATA / "xls" / "cells.xls"
ENCRYPTED_XLS = DATA / "xls" / "encrypted.xls"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def typed(cells: dict[tuple[int, int], object]) -> dict[tuple[int, int], tuple[type, object]]:
    """The cells with their types, so that 2564 and 2564.0 differ."""
    return {key: (type(value), value) for key, value in cells.items()}


def assert_same_grid(actual: Grid, expected: Grid) -> None:
    assert typed(actual.cells) == typed(expected.cells)
    assert actual.merged == expected.merged
    assert (actual.last_row, actual.last_col, actual.last_cell) == (
        expected.last_row,
        expected.last_col,
        expected.last_cell,
    )
    assert actual.unsaved_formulas == expected.unsaved_formulas == []


# --- the same workbook as .xls and .xlsx ------------------------------------------------------


@pytest.mark.parametrize(
    ("xls", "xlsx"),
    [(CALC_XLS, DATA / "calc-example.xlsx"), (CELLS_XLS, DATA / "xls" / "cells.xlsx")],
    ids=["calc-example", "cells"],
)
def test_an_xls_reads_exactly_as_its_xlsx_twin(xls: Path, xlsx: Path) -> None:
    twin = open_xlsx(xlsx)
    workbook = open_xls(xls)
    try:
        assert workbook.path == xls
        assert workbook.sheets == twin.sheets  # names, order, hidden
        for sheet in twin.sheets:
            assert_same_grid(workbook.grid(sheet.name), twin.grid(sheet.name))
    finally:
        workbook.close()
        twin.close()


def test_calc_example_cells_of_each_kind() -> None:
    workbook = open_xls(CALC_XLS)
    measures = workbook.grid("มาตรการ")
    assert measures.cells[(4, 5)] == datetime(2021, 3, 1)  # a date cell, as a datetime
    assert MergedRange(1, 30, 1, 32) in measures.merged  # ๑๐. merged over three methods
    assert workbook.grid("หน่วยงาน").cells[(5, 2)] == 2564
    workbook.close()


# --- the small files made with Calc -----------------------------------------------------------


@pytest.fixture(scope="module")
def cells() -> XlsWorkbook:
    return open_xls(CELLS_XLS)


def test_sheets_in_order_hidden_and_very_hidden_not_visible(cells: XlsWorkbook) -> None:
    assert cells.sheets == (
        SheetInfo("ข้อมูล"),
        SheetInfo("ซ่อน", visible=False),
        SheetInfo("ซ่อนมาก", visible=False),  # very hidden (state 2 in BOUNDSHEET)
        SheetInfo("เริ่มC5"),
    )
    assert cells.grid("ซ่อนมาก").cells == {(1, 1): "ชีตที่ซ่อนมาก"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("A1", "แผนมาตรการ ปีงบประมาณ พ.ศ. ๒๕๖๘"),
        ("A3", "๑. การใช้งบประมาณ"),
        ("B3", datetime(2568, 3, 31)),  # 31/3/2568 typed into a date cell: the year as typed
        ("B4", datetime(2568, 2, 29)),  # a day of 2568 C.E.; periods.as_date finds it impossible
        ("B5", "29/2/2567"),  # no such day: Calc keeps the text, and so does the reader
        ("B6", "85%"),  # 0.85 in a 0% cell: what the clerk sees
        ("B7", "1,234.50"),  # 1234.5 in a #,##0.00 cell
        ("B8", BadFormula("#DIV/0!")),  # =1/0
        ("B9", BadFormula("#N/A")),  # =NA()
        ("B10", 2564),  # =2563+1, the value Calc saved, a whole number as int
        ("B11", "เผยแพร่แล้ว"),  # a text formula's saved value
        ("B12", "บรรทัดหนึ่ง\nบรรทัดสอง"),
        ("B13", True),
        ("B14", "12:30"),  # a time of day alone (hh:mm), as the .xlsx and .ods readers give it
        ("B15", datetime(1900, 1, 1, 12)),  # 1.5 as [h]:mm:ss: a day of 1900, as from .xlsx
        ("B16", datetime(2021, 3, 1, 14, 30)),
        ("B17", 0.1),
        ("B18", 2564),
        ("B19", "  "),  # spaces only are a value, as in .xlsx
    ],
)
def test_values(cells: XlsWorkbook, cell: str, expected: object) -> None:
    value = cells.grid("ข้อมูล").cells[split_reference(cell)]
    assert value == expected
    assert type(value) is type(expected)


def test_a_be_date_is_read_as_typed_and_the_impossible_day_is_found_later(
    cells: XlsWorkbook,
) -> None:
    grid = cells.grid("ข้อมูล")
    assert as_date(grid.cells[(3, 2)]) == date(2025, 3, 31)
    with pytest.raises(ImpossibleDate):
        as_date(grid.cells[(4, 2)])  # 29/2/2568: 2025 has no 29 February


def test_empty_cells_are_not_put(cells: XlsWorkbook) -> None:
    grid = cells.grid("ข้อมูล")
    assert (2, 1) not in grid.cells and (1, 2) not in grid.cells  # never typed into
    assert (4, 1) not in grid.cells  # inside a merge: formatted by Calc, but empty
    assert grid.rows()[2] == ("๑. การใช้งบประมาณ", datetime(2568, 3, 31))


def test_merges_vertical_and_horizontal(cells: XlsWorkbook) -> None:
    grid = cells.grid("ข้อมูล")
    assert grid.merged == [MergedRange(1, 1, 3, 1), MergedRange(1, 3, 1, 5)]
    assert grid.merge_at(5, 1) == MergedRange(1, 3, 1, 5)


def test_data_from_c5_keeps_its_absolute_cells(cells: XlsWorkbook) -> None:
    grid = cells.grid("เริ่มC5")
    assert grid.cells == {
        (5, 3): "หัวตาราง",
        (5, 6): "ผสานแนวตั้ง",
        (6, 4): 7,
        (8, 5): "ท้าย",
        (9, 3): "ผสานแนวนอน",
    }
    assert (grid.last_row, grid.last_col, grid.last_cell) == (9, 6, "C9")
    assert sorted(grid.merged) == [MergedRange(3, 9, 5, 9), MergedRange(6, 5, 6, 7)]


def test_a_sheet_the_workbook_has_not_is_a_key_error(cells: XlsWorkbook) -> None:
    with pytest.raises(KeyError):
        cells.grid("ไม่มีชีตนี้")


def test_close_twice_and_the_file_is_not_held(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(CELLS_XLS.read_bytes())
    workbook = open_xls(path)
    path.unlink()  # xlrd was given the bytes: the grids need no file
    assert workbook.grid("ซ่อน").cells == {(1, 1): "ชีตที่ซ่อน"}
    assert workbook.grid("ซ่อน").cells == {(1, 1): "ชีตที่ซ่อน"}  # read again after unloading
    workbook.close()
    workbook.close()


# --- numbers as their format shows them --------------------------------------------------------

#: Cell format 1 is a date, 2 a percentage, 3 neither.
FORMATS = CellFormats(frozenset({1}), {2: "0.0%"})


@pytest.mark.parametrize(
    ("number", "xf", "expected"),
    [
        (2564.0, 3, 2564),
        (-3.0, 3, -3),
        (2.0**53, 3, 2.0**53),  # past exact integers: stays a float
        (0.5, 3, 0.5),
        (0.125, 2, "12.5%"),
        (math.inf, 2, math.inf),  # no text for what no format shows
        (45382.0, 1, datetime(2024, 3, 31)),
        (0.75, 1, "18:00"),  # a time of day alone
        (1e300, 1, 1e300),  # no calendar has it: the number, which the reader refuses
        (math.nan, 3, None),  # (compared below: NaN equals nothing)
        (45382.0, 99, 45382),  # a format the workbook does not list: plain
    ],
)
def test_number_value(number: float, xf: int, expected: object) -> None:
    value = number_value(number, xf, FORMATS, date1904=False)
    if expected is None:
        assert isinstance(value, float) and math.isnan(value)
        return
    assert value == expected
    assert type(value) is type(expected)


def test_number_value_in_the_1904_date_system() -> None:
    assert number_value(1.0, 1, FORMATS, date1904=True) == datetime(1904, 1, 2)


def fake_book(formats: dict[int, str], keys: list[int]) -> SimpleNamespace:
    """An xlrd book with FORMAT records ``formats`` and one XF per number format key."""
    return SimpleNamespace(
        format_list=[SimpleNamespace(format_key=k, format_str=v) for k, v in formats.items()],
        xf_list=[SimpleNamespace(format_key=key) for key in keys],
    )


def test_cell_formats_follow_the_xlsx_rule() -> None:
    """Built-in ids without a FORMAT record by id (14 a date, 9 a percent, 71 Thai Excel's
    ว/ด/ปปปป), a FORMAT record by its code, even for a built-in id."""
    book = fake_book(
        {164: "d/m/yyyy", 165: "#,##0.00", 166: "General", 14: "0.00"},
        [0, 14, 9, 71, 164, 165, 166, 22, 49],
    )
    assert cell_formats(book) == CellFormats(
        frozenset({3, 4, 7}), {1: "0.00", 2: "0%", 5: "#,##0.00"}
    )


def test_cells_xls_formats_as_the_xlsx_reader_decides_them() -> None:
    """The same decision from the two files' own format tables: one rule, two readers."""
    book = xlrd.open_workbook(file_contents=CELLS_XLS.read_bytes(), formatting_info=True)
    package = open_package(DATA / "xls" / "cells.xlsx")
    try:
        xls_formats = cell_formats(book)
        xlsx_formats = read_cell_formats(package.archive, package.styles)
    finally:
        package.close()
    assert set(xls_formats.numbers.values()) == set(xlsx_formats.numbers.values())
    assert {"0%", "#,##0.00"} <= set(xls_formats.numbers.values())
    assert len(xls_formats.dates) >= 4  # d/m/yyyy, hh:mm, [h]:mm:ss, d/m/yyyy hh:mm


# --- files that are no readable .xls ----------------------------------------------------------


def garbage(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 16)


def html_table(path: Path) -> None:
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><td>มาตรการ/แนวทาง</td><td>ผู้รับผิดชอบ</td></tr></table></body></html>",
        encoding="utf-8",
    )


def csv_utf8(path: Path) -> None:
    path.write_text("มาตรการ/แนวทาง,ผู้รับผิดชอบ\nการใช้งบประมาณ,กองคลัง\n", encoding="utf-8-sig")


def csv_thai_windows(path: Path) -> None:
    path.write_bytes("มาตรการ/แนวทาง,ผู้รับผิดชอบ\r\n".encode("cp874") * 5000)  # past the sample


def unicode_text(path: Path) -> None:  # Excel's "Unicode Text": UTF-16, tab-separated
    path.write_text("มาตรการ/แนวทาง\tผู้รับผิดชอบ\n", encoding="utf-16")


def xml_spreadsheet(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        "</Workbook>",
        encoding="utf-8",
    )


def xlsx_renamed(path: Path) -> None:
    path.write_bytes((DATA / "calc-example.xlsx").read_bytes())


def empty(path: Path) -> None:
    path.write_bytes(b"")


def truncated(path: Path) -> None:
    data = CALC_XLS.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def encrypted_xls(path: Path) -> None:
    path.write_bytes(ENCRYPTED_XLS.read_bytes())


def encrypted_xlsx(path: Path) -> None:  # an encrypted .xlsx is an OLE2 file too
    plain = write_workbook(path.with_name("plain.xlsx"))
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("1234", target)


def word_document(path: Path) -> None:  # the directory of a .doc names its WordDocument stream
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + "WordDocument".encode("utf-16-le"))


DAMAGED = "ไฟล์ Excel 97–2003 (.xls) นี้เสียหายหรือถูกตัดขาด จึงอ่านไม่ได้"
DAMAGED_PATTERN = re.escape(DAMAGED)
PASSWORD = "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้"

UNREADABLE: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage": (garbage, "ไม่ใช่ไฟล์ Excel และไม่รู้ว่าเป็นไฟล์ชนิดใด"),
    "html": (html_table, "เป็นหน้าเว็บ (HTML) ที่ตั้งนามสกุลเป็น .xls"),
    "csv": (csv_utf8, "เป็นไฟล์ข้อความหรือ CSV ที่ตั้งนามสกุลเป็น .xls"),
    "csv cp874": (csv_thai_windows, "เป็นไฟล์ข้อความหรือ CSV ที่ตั้งนามสกุลเป็น .xls"),
    "utf-16 text": (unicode_text, "เป็นไฟล์ข้อความหรือ CSV ที่ตั้งนามสกุลเป็น .xls"),
    "xml 2003": (xml_spreadsheet, "เป็นไฟล์ XML Spreadsheet 2003 ที่ตั้งนามสกุลเป็น .xls"),
    "xlsx renamed": (xlsx_renamed, "เป็นไฟล์ zip (เช่น Excel .xlsx หรือ OpenDocument .ods)"),
    "empty": (empty, "ไฟล์ว่างเปล่า (0 ไบต์)"),
    "truncated": (truncated, DAMAGED),
    "encrypted xls": (encrypted_xls, PASSWORD),
    "encrypted xlsx": (encrypted_xlsx, PASSWORD),
    "word": (word_document, "เป็นเอกสาร Word ไม่ใช่เวิร์กบุ๊ก Excel"),
}


@pytest.mark.parametrize("kind", UNREADABLE)
def test_unreadable_file_is_named_for_what_it_is(tmp_path: Path, kind: str) -> None:
    make, message = UNREADABLE[kind]
    path = tmp_path / "plan.xls"
    make(path)
    with pytest.raises(WorkbookUnreadable) as caught:
        open_xls(path)
    assert message in caught.value.message
    assert caught.value.path == path
    assert " — " in caught.value.message  # what the file is — what to do


def test_encrypted_xls_is_known_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.bin"  # calamine says "password" only for a file named .xls
    encrypted_xls(path)
    with pytest.raises(WorkbookUnreadable, match=PASSWORD):
        open_xls(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookUnreadable, match="ไม่พบไฟล์"):
        open_xls(tmp_path / "none.xls")
    with pytest.raises(WorkbookUnreadable, match="เป็นโฟลเดอร์"):
        open_xls(tmp_path)


def name_formula_too_long() -> bytes:
    """calc-example.xls with one byte changed: its first defined name (the NAME record of
    ``_xlnm.Print_Titles``, 44 bytes) says that its formula is 0x250B bytes long (calamine 0.37
    panicked on it; xlrd reads past the record: IndexError)."""
    data = bytearray(CALC_XLS.read_bytes())
    at = data.index(b"\x18\x00\x2c\x00")  # NAME, 44 bytes
    assert data[at + 19 : at + 37] == b"_xlnm.Print_Titles"
    data[at + 9] = 0x25  # the high byte of cce, the formula's length
    return bytes(data)


def test_a_damaged_record_is_the_damaged_file_message(tmp_path: Path) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(name_formula_too_long())
    with pytest.raises(WorkbookUnreadable, match=DAMAGED_PATTERN):
        open_xls(path)


def test_xlrd_prints_nothing_on_a_damaged_record(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    data = bytearray(CALC_XLS.read_bytes())
    at = data.index(b"\x7d\x00\x0c\x00")  # COLINFO, 12 bytes
    data[at + 4 : at + 6] = (300).to_bytes(2, "little")  # first column 300: xlrd warns
    path = tmp_path / "plan.xls"
    path.write_bytes(bytes(data))
    workbook = open_xls(path)
    assert [len(workbook.grid(sheet.name).cells) for sheet in workbook.sheets] == [15, 195, 8]
    assert capfd.readouterr() == ("", "")


#: Each formerly aborted the whole process under python-calamine (a Rust allocation failure)
#: → what it is now.
DAMAGED_FILES = {
    # a text cell (LABELSST) whose column's high byte was flipped: column 17,411 of 256
    "damaged-text-column.xls": "unreadable",
    # 19 random bytes, among them the same in another text cell (column 6,915)
    "damaged-many-bytes.xls": "unreadable",
    # DIMENSIONS says the data starts at row 1,728,053,248 (calamine allocated that much); xlrd
    # sizes a sheet by its cells, so it reads, with the one number the other flipped byte changed
    "damaged-dimensions.xls": "3 sheets",
}

_READ_ALL = """
import json, sys
from pathlib import Path
from ita_report.errors import WorkbookUnreadable
from ita_report.read.xls import open_xls
results = {}
for name in sys.argv[1:]:
    try:
        workbook = open_xls(Path(name))
        for sheet in workbook.sheets:
            workbook.grid(sheet.name)
        workbook.close()
        results[Path(name).name] = f"{len(workbook.sheets)} sheets"
    except WorkbookUnreadable as exc:
        results[Path(name).name] = exc.message
print(json.dumps(results))
"""


def test_damaged_files_never_end_the_process() -> None:
    """In a subprocess, since an abort cannot be caught: every file is read or refused with the
    damaged-file message, the process ends normally and nothing else is printed."""
    paths = [str(DATA / "xls" / name) for name in DAMAGED_FILES]
    done = subprocess.run(
        [sys.executable, "-c", _READ_ALL, *paths], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    results = json.loads(done.stdout)
    for name, outcome in DAMAGED_FILES.items():
        if outcome == "unreadable":
            assert results[name].startswith(DAMAGED), results[name]
        else:
            assert results[name] == outcome


class FailingBook:
    def __init__(self, error: BaseException) -> None:
        self.error = error

    def sheet_by_name(self, name: str) -> object:
        raise self.error


def test_grid_turns_any_error_into_the_message_but_never_ctrl_c() -> None:
    sheets = (SheetInfo("ข้อมูล"),)
    failing = XlsWorkbook(CELLS_XLS, sheets, FailingBook(struct.error("bad")), CellFormats())
    with pytest.raises(WorkbookUnreadable, match=DAMAGED_PATTERN):
        failing.grid("ข้อมูล")
    interrupted = XlsWorkbook(CELLS_XLS, sheets, FailingBook(KeyboardInterrupt()), CellFormats())
    with pytest.raises(KeyboardInterrupt):
        interrupted.grid("ข้อมูล")


@pytest.mark.parametrize("error", [KeyboardInterrupt, SystemExit])
def test_open_never_turns_ctrl_c_or_exit_into_a_message(
    monkeypatch: pytest.MonkeyPatch, error: type[BaseException]
) -> None:
    def interrupted(**_: object) -> None:
        raise error

    monkeypatch.setattr(xls_module.xlrd, "open_workbook", interrupted)
    with pytest.raises(error):
        open_xls(CELLS_XLS)


def test_xlrd_saying_encrypted_is_the_password_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A FILEPASS the sniff does not see (a BIFF5 workbook's): xlrd's own refusal says it."""
    monkeypatch.setattr(xls_module, "_FILEPASS", re.compile(b"(?!)"))
    with pytest.raises(WorkbookUnreadable, match=PASSWORD) as caught:
        open_xls(ENCRYPTED_XLS)
    assert str(caught.value.__cause__) == "Workbook is encrypted"


def test_zip_message_does_not_say_renamed_for_another_name(tmp_path: Path) -> None:
    path = tmp_path / "plan.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(WorkbookUnreadable) as caught:
        open_xls(path)
    assert "เป็นไฟล์ zip" in caught.value.message
    assert "ที่ตั้งนามสกุลเป็น .xls" not in caught.value.message
