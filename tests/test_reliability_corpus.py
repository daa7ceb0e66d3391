"""A corpus of bad and odd workbooks, each with the exit status and message a clerk gets.

``test_unreadable.py`` has the kinds of file that are no workbook at all, made in code; this
corpus adds what a real spreadsheet program writes (``tests/data``, saved by LibreOffice Calc:
see the README there), hostile packages (entity expansion in the shared strings and the
workbook part, zip bombs, a sheet formatted down to row 1,048,576), and workbooks that are
well-formed but odd: formulas never calculated, merged required cells, dates in every form a
clerk's file holds them, a ``<dimension>`` that lies.

The hostile ones run ``ita-report`` in a subprocess whose address space is limited to 1 GiB, so
that expanding or unpacking them would fail the test instead of the machine; its timeout is a
guard, not a measurement.
"""

from __future__ import annotations

import io
import json
import re
import resource
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.workbook import Workbook
from typer.testing import Result

from ita_report.read.workbook import Loaded
from tests.workbook_helpers import (
    DONE,
    EXAMPLE,
    HEADER,
    IN_PROGRESS,
    PERIOD,
    rewrite_member,
    sheet_member,
    write_workbook,
)

Cli = Callable[..., Result]

DATA = Path(__file__).resolve().parent / "data"
CALC_XLS = DATA / "calc-example.xls"
CALC_ODS = DATA / "calc-example.ods"
CALC_XLSX = DATA / "calc-example.xlsx"
CALC_DATES = DATA / "calc-dates-formulas.xlsx"

ITA_REPORT = Path(sys.executable).with_name("ita-report")
GiB = 1 << 30
MiB = 1 << 20
#: A guard against a hang, not a measurement: each of these ends in a few seconds.
GUARD = 120

SAVE_AS_XLSX = "เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น Excel Workbook (.xlsx)"
DAMAGED = "เนื้อหาภายในไฟล์เสียหาย (XML ของชีตอ่านไม่ได้)"


def copy_as(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


def only_error(result: Result, path: Path, cell: str | None, message: str) -> None:
    """``validate`` refused the file with exactly this one error."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    where = f"{path}: {cell}: " if cell else f"{path}: "
    assert result.stderr.splitlines() == [f"ข้อผิดพลาด: {where}{message}"], result.stderr
    assert result.stdout.strip() == f"✗ {path}: ไม่ผ่านการตรวจ (1 ข้อผิดพลาด)"


def valid(result: Result, path: Path) -> None:
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.startswith(f"✓ {path}: ถูกต้อง")


# --- files saved by a real spreadsheet program -------------------------------------------------


@pytest.mark.parametrize(
    ("source", "name"),
    [
        (CALC_XLS, "plan.xls"),
        (CALC_XLS, "plan.xlsx"),
        (CALC_ODS, "plan.ods"),
        (CALC_ODS, "plan.xlsx"),
    ],
    ids=["xls", "xls-renamed", "ods", "ods-renamed"],
)
def test_a_real_xls_or_ods_is_read_like_the_xlsx_whatever_its_name(
    cli: Cli, tmp_path: Path, source: Path, name: str
) -> None:
    """Saved by Calc from one workbook: the same JSON apart from the path, by content not name."""
    path = copy_as(source, tmp_path / name)
    reference = copy_as(CALC_XLSX, tmp_path / "reference.xlsx")

    def document(workbook: Path) -> dict[str, Any]:
        result = cli("check", workbook, "--json", "--as-of", "2021-10-01")
        assert result.exit_code == 1, result.output
        (book,) = json.loads(result.stdout)["workbooks"]
        del book["path"]
        return dict(book)

    expected = document(reference)
    assert expected["summary"] == {
        "measures": 10,
        "methods": 29,
        "done": 26,
        "in_progress": 3,
        "not_started": 0,
    }
    assert document(path) == expected


def test_an_encrypted_workbook_saved_by_calc_is_named_as_such(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with CALC_XLSX.open("rb") as plain, path.open("wb") as locked:
        OOXMLFile(plain).encrypt("รหัสผ่าน", locked)
    result = cli("validate", path)
    assert result.exit_code == 2
    assert f"ข้อผิดพลาด: {path}: ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้" in result.stderr


def report_text(path: Path) -> list[str]:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_the_example_saved_by_calc_gives_the_same_report(cli: Cli, tmp_path: Path) -> None:
    # Calc writes shared strings, its own styles and merged cells: the report must not change.
    ours = cli("build", EXAMPLE, "-o", tmp_path / "ours.docx")
    calcs = cli("build", CALC_XLSX, "-o", tmp_path / "calc.docx")
    assert ours.exit_code == calcs.exit_code == 0, ours.output + calcs.output
    assert calcs.stderr == ""
    assert report_text(tmp_path / "calc.docx") == report_text(tmp_path / "ours.docx")


def test_formulas_and_dates_saved_by_calc_are_read_by_their_values(cli: Cli) -> None:
    # ปีงบประมาณ is =2563+1 and a result ="เผยแพร่"&"แล้ว", both calculated and saved by Calc;
    # start and end are real date cells (serial numbers with a date format).
    result = cli("check", CALC_DATES, "--json", "--as-of", "2021-01-01")
    assert result.exit_code == 0, result.output
    (book,) = json.loads(result.stdout)["workbooks"]
    assert book["fiscal_year"] == 2564
    assert book["errors"] == book["warnings"] == []
    assert book["summary"]["done"] == 2


# --- entity expansion and zip bombs, under a memory limit --------------------------------------


def limited_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GiB, GiB))


def run_limited(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``ita-report ARGS`` in a process that cannot use more than 1 GiB."""
    return subprocess.run(
        [str(ITA_REPORT), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "300", "LANG": "C.UTF-8"},
        preexec_fn=limited_memory,
        timeout=GUARD,
        check=False,
    )


LAUGHS = '<!DOCTYPE x [<!ENTITY a0 "ลลลลลลลลลล">' + "".join(
    f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
)  # &a9; is 10**9 characters: 3 GB of Thai text if anything expanded it
LAUGHS += "]>"


def billion_laughs(path: Path, member: str, where: bytes, entity: bytes) -> Path:
    """The Calc-saved example with a billion-laughs DTD in ``member``, used at ``where``."""
    copy_as(CALC_XLSX, path)

    def plant(xml: bytes) -> bytes:
        body = re.sub(rb"^<\?xml[^>]*\?>\s*", b"", xml)
        planted, count = re.subn(where, entity, body, count=1)
        assert count == 1, member
        return LAUGHS.encode() + planted

    rewrite_member(path, member, plant)
    return path


def test_entity_expansion_is_refused_in_every_part_without_expanding(tmp_path: Path) -> None:
    strings = billion_laughs(
        tmp_path / "strings.xlsx", "xl/sharedStrings.xml", rb"<t([^>]*)>", rb"<t\1>&a9;"
    )
    workbook = billion_laughs(
        tmp_path / "workbook.xlsx", "xl/workbook.xml", rb'name="', b'name="&a9;'
    )
    sheet = billion_laughs(tmp_path / "sheet.xlsx", "xl/worksheets/sheet2.xml", rb"<v>", b"<v>&a9;")

    done = run_limited("validate", strings, workbook, sheet)

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert done.stderr.splitlines() == [
        f"ข้อผิดพลาด: {strings}: {DAMAGED} — เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น .xlsx อีกครั้ง",
        f"ข้อผิดพลาด: {workbook}: ส่วนประกอบหลักของเวิร์กบุ๊กเสียหาย (xl/workbook.xml) — {SAVE_AS_XLSX}",
        f"ข้อผิดพลาด: {sheet}: {DAMAGED} — เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น .xlsx อีกครั้ง",
    ]


def zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        for _ in range(size // MiB):
            member.write(bytes(MiB))


def bomb_refused(done: subprocess.CompletedProcess[str], path: Path, member: str) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"ข้อผิดพลาด: {path}: ไฟล์คลายออกแล้วมีขนาดใหญ่ผิดปกติสำหรับเวิร์กบุ๊กประเภทนี้ ({member}) จึงไม่อ่าน"
        " — ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือคัดลอกเฉพาะข้อมูลไปยังเวิร์กบุ๊กใหม่ (เช่น จาก ita-report init)"
    ]


def test_many_parts_adding_up_past_the_limit_are_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(EXAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            z.writestr(info.filename, source.read(info))
        for index in range(20):  # 20 × 15 MiB: each under the ratio rule, 300 MiB together
            zeros_member(z, f"xl/media/image{index}.png", 15 * MiB)

    done = run_limited("build", path)

    bomb_refused(done, path, "xl/media/image17.png")
    assert not path.with_suffix(".docx").exists()


def bomb_zip(path: Path, member: str, inflated_extra: int, *, declared: bool) -> None:
    """A copy of the example whose ``member`` inflates ``inflated_extra`` bytes of zeros more.

    ``declared``: its header says so (a plain zip bomb); else it declares the size and CRC of
    the real part only, the classic bypass of a check on declared sizes. Written by hand, from
    one compressed block repeated: zipfile would take seconds to deflate gigabytes, and will
    not write a member that lies.
    """
    with zipfile.ZipFile(EXAMPLE) as source:
        parts = [(info.filename, source.read(info)) for info in source.infolist()]
    zeros = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = zeros.compress(bytes(64 * MiB)) + zeros.flush(zlib.Z_FULL_FLUSH)
    out = io.BytesIO()
    directory = io.BytesIO()
    for name, content in parts:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        stream = compressor.compress(content) + compressor.flush(zlib.Z_FULL_FLUSH)
        if name == member:
            stream += block * (inflated_extra // (64 * MiB))
        stream += compressor.flush(zlib.Z_FINISH)
        crc, encoded, offset = zlib.crc32(content), name.encode(), out.tell()
        size = len(content)
        if name == member and declared:  # never read, so the CRC does not matter
            size += inflated_extra
        sizes = (crc, len(stream), size, len(encoded))
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, *sizes, 0)
        out.write(local + encoded + stream)
        entry = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, *sizes, 0, 0, 0, 0, 0o644 << 16, offset)  # fmt: skip
        directory.write(entry + encoded)
    start, size = out.tell(), directory.tell()
    out.write(directory.getvalue())
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), size, start, 0))
    path.write_bytes(out.getvalue())


def test_a_part_that_lies_about_its_size_is_read_no_further_than_it_says(tmp_path: Path) -> None:
    path = tmp_path / "lying.xlsx"
    bomb_zip(path, "xl/worksheets/sheet2.xml", 2 * GiB, declared=False)
    assert path.stat().st_size < 8 * MiB

    done = run_limited("validate", path)

    # Only the declared bytes are ever inflated; they are the real sheet, so the file reads.
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"✓ {path}: ถูกต้อง — เทศบาลตำบลพะโต๊ะ, มาตรการ 10 ข้อ, วิธีการ 29 รายการ"
    )


def test_a_sheet_that_unpacks_to_gigabytes_is_refused_unopened(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    bomb_zip(path, "xl/worksheets/sheet2.xml", 3 * GiB, declared=True)  # 3 GiB in 3 MB
    assert path.stat().st_size < 8 * MiB

    bomb_refused(run_limited("validate", path), path, "xl/worksheets/sheet2.xml")


def formatted_to_the_last_row(path: Path) -> Path:
    """A valid workbook whose measures sheet has a formatted, empty row down to 1,048,576."""
    source = write_workbook(path.with_name("source.xlsx"))
    member = sheet_member(source, "มาตรการ")
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            content = z.read(info)
            if info.filename != member:
                out.writestr(info.filename, content)
                continue
            head, rest = content.split(b"<sheetData>", 1)
            rows, tail = rest.split(b"</sheetData>", 1)
            with out.open(member, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>" + rows)
                for start in range(4, 1_048_577, 8192):
                    sheet.write(
                        "".join(
                            f'<row r="{r}" s="1" customFormat="1"><c r="A{r}" s="1"/>'
                            f'<c r="B{r}" s="1"/><c r="F{r}" s="1"/></row>'
                            for r in range(start, min(start + 8192, 1_048_577))
                        ).encode()
                    )
                sheet.write(b"</sheetData>" + tail)
    return path


def test_a_sheet_formatted_down_to_row_1048576_is_read_to_its_data(tmp_path: Path) -> None:
    path = formatted_to_the_last_row(tmp_path / "formatted.xlsx")
    with zipfile.ZipFile(path) as z:
        assert max(info.file_size for info in z.infolist()) > 100 * MiB  # a million rows of XML

    done = run_limited("validate", path)

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.startswith(
        f"✓ {path}: ถูกต้อง — เทศบาลตำบลทดสอบ, มาตรการ 1 ข้อ, วิธีการ 2 รายการ"
    )


# --- well-formed but odd ------------------------------------------------------------------------


def with_dimension(path: Path, ref: bytes | None) -> Path:
    write_workbook(path)

    def edit(xml: bytes) -> bytes:
        replacement = b"" if ref is None else b'<dimension ref="' + ref + b'"/>'
        return re.sub(rb"<dimension ref=\"[^\"]*\"/>", replacement, xml)

    rewrite_member(path, sheet_member(path, "มาตรการ"), edit)
    return path


@pytest.mark.parametrize(
    "ref",
    [b"A1:A1", b"A1:XFD1048576", b"C5", None],
    ids=["too small", "whole sheet", "elsewhere", "none"],
)
def test_a_wrong_dimension_does_not_change_what_is_read(
    cli: Cli, tmp_path: Path, ref: bytes | None
) -> None:
    # Programs other than Excel write a stale <dimension> or none; the data decides.
    path = with_dimension(tmp_path / "plan.xlsx", ref)
    result = cli("validate", path)
    valid(result, path)
    assert "มาตรการ 1 ข้อ, วิธีการ 2 รายการ" in result.stdout


def test_a_dimension_that_is_no_range_does_not_matter(cli: Cli, tmp_path: Path) -> None:
    # openpyxl refused the whole sheet; the data, not the <dimension>, says what the sheet holds.
    path = with_dimension(tmp_path / "plan.xlsx", b"garbage")
    result = cli("validate", path)
    assert result.exit_code == 0, result.output
    assert "ถูกต้อง" in result.stdout


def test_an_unsaved_formula_in_a_required_cell_is_one_error_naming_it(
    cli: Cli, tmp_path: Path
) -> None:
    # Written by a program, never calculated: the cell's value is unknown, not empty, so the
    # clerk is told to save it in Excel, not to fill in the method.
    def formula(wb: Workbook) -> None:
        wb["มาตรการ"]["B2"] = '="เผยแพร่"&"แผน"'

    path = write_workbook(tmp_path / "plan.xlsx", customise=formula)
    result = cli("build", path)
    only_error_build = result.stderr.splitlines()
    assert result.exit_code == 2
    assert only_error_build == [
        f"ข้อผิดพลาด: {path}: มาตรการ!B2: สูตรนี้ไม่มีค่าที่บันทึกไว้"
        " — เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกอีกครั้ง"
    ]
    assert not path.with_suffix(".docx").exists()


def merge(*ranges: str, sheet: str = "มาตรการ") -> Callable[[Workbook], None]:
    def customise(wb: Workbook) -> None:
        for cells in ranges:
            wb[sheet].merge_cells(cells)

    return customise


@pytest.mark.parametrize(
    ("customise", "cell", "message"),
    [
        (merge("A2:B2", sheet="หน่วยงาน"), "หน่วยงาน!B2", "ต้องกรอก 'ชื่อหน่วยงาน'"),
        (merge("B1:C1"), "มาตรการ!1:1", "ไม่พบคอลัมน์ 'ผู้รับผิดชอบ' ในแถวหัวตาราง (แถว 1)"),
    ],
    ids=["agency label merged over its value", "header label merged over the next"],
)
def test_a_merge_that_hides_a_required_cell_names_it(
    cli: Cli, tmp_path: Path, customise: Callable[[Workbook], None], cell: str, message: str
) -> None:
    path = write_workbook(tmp_path / "plan.xlsx", customise=customise)
    only_error(cli("validate", path), path, cell, message)


def test_merged_period_and_result_cells_give_each_method_their_value(
    cli: Cli, tmp_path: Path
) -> None:
    path = write_workbook(tmp_path / "plan.xlsx", customise=merge("D2:D3", "E2:E3", "F2:F3"))
    result = cli("check", path, "--json", "--as-of", "2021-06-01")
    assert result.exit_code == 0, result.output
    (book,) = json.loads(result.stdout)["workbooks"]
    assert book["errors"] == book["warnings"] == []
    assert book["summary"]["done"] == 2  # both methods took the merged status and result


def test_a_cell_merged_across_columns_gives_its_value_to_its_own_column_only(
    read: Callable[..., Loaded],
) -> None:
    """A result merged over the suggestion beside it is a wide result, not a suggestion too."""
    header = (*HEADER, "ข้อเสนอแนะ")
    rows = [("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", PERIOD, DONE, "เผยแพร่แล้ว", None)]
    loaded = read(header=header, rows=rows, customise=merge("F2:G2"))
    assert loaded.plan is not None
    (method,) = loaded.plan.methods
    assert (method.result, method.suggestion) == ("เผยแพร่แล้ว", "")


DATE_HEADER = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "เริ่ม", "สิ้นสุด", "สถานะ")


def dated(path: Path, start: Any, end: Any, **options: Any) -> Path:
    return write_workbook(
        path,
        header=DATE_HEADER,
        rows=[("การใช้งบประมาณ", "เผยแพร่แผน", "กองคลัง", start, end, IN_PROGRESS)],
        **options,
    )


def epoch_1904(wb: Workbook) -> None:
    wb.epoch = CALENDAR_MAC_1904


@pytest.mark.parametrize(
    ("start", "end", "options"),
    [
        (datetime(2021, 3, 1), datetime(2021, 9, 30), {}),
        (datetime(2564, 3, 1), datetime(2564, 9, 30), {}),
        ("1/3/2564", "30/9/2564", {}),
        ("๑/๓/๒๕๖๔", "๓๐/๙/๒๕๖๔", {}),
        ("1/3/2021", "30.9.2021", {}),
        ("1/3/64", "30/9/64", {}),
        ("2021-03-01", "2021-09-30", {}),
        ("1 มี.ค. 64", "๓๐ ก.ย. ๖๔", {}),
        ("1 มีนาคม 2564", "วันที่ 30 กันยายน พ.ศ. 2564", {}),
        (datetime(2021, 3, 1), datetime(2021, 9, 30), {"customise": epoch_1904}),
    ],
    ids=[
        "excel date",
        "excel date typed in B.E.",
        "text B.E.",
        "text Thai digits",
        "text C.E.",
        "text short B.E. year",
        "ISO text",
        "Thai abbreviated months",
        "Thai month names",
        "1904 system",
    ],
)
def test_dates_in_every_form_mean_the_same_days(
    cli: Cli, tmp_path: Path, start: Any, end: Any, options: dict[str, Any]
) -> None:
    path = dated(tmp_path / "plan.xlsx", start, end, **options)
    if "customise" in options:  # the file really counts days from 1904: 2021-03-01 is 42794
        with zipfile.ZipFile(path) as z:
            assert b'date1904="1"' in z.read("xl/workbook.xml")
            assert b"<v>42794</v>" in z.read(sheet_member(path, "มาตรการ"))

    result = cli("check", path, "--json", "--as-of", "2021-10-01")

    assert result.exit_code == 1, result.output
    (book,) = json.loads(result.stdout)["workbooks"]
    assert book["errors"] == book["warnings"] == []
    (method,) = book["pending"]
    assert (method["start"], method["end"], method["overdue"]) == ("2021-03-01", "2021-09-30", True)
    assert method["period"] == "มี.ค. – ก.ย. ๖๔"


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (
            44256,
            "อ่านวันที่ '44256' ไม่ได้ — ใช้วันที่ของ Excel หรือพิมพ์เป็น วัน/เดือน/ปี เช่น 1/3/2564 หรือ 1 มี.ค. 64",
        ),
        (
            "ต้นเดือนมีนาคม",
            "อ่านวันที่ 'ต้นเดือนมีนาคม' ไม่ได้ — ใช้วันที่ของ Excel หรือพิมพ์เป็น วัน/เดือน/ปี"
            " เช่น 1/3/2564 หรือ 1 มี.ค. 64",
        ),
        (
            "31/2/2564",
            "วันที่ 31/2/2564 ไม่มีอยู่จริง (เดือนกุมภาพันธ์ พ.ศ. 2564 มี 28 วัน) — แก้เป็นวันที่ที่มีอยู่จริง",
        ),
        (
            datetime(2568, 2, 29),  # a B.E. year typed into a date cell: 2025 has no 29 February
            "วันที่ 29/2/2568 ไม่มีอยู่จริง (เดือนกุมภาพันธ์ พ.ศ. 2568 มี 28 วัน) — แก้เป็นวันที่ที่มีอยู่จริง",
        ),
    ],
    ids=["serial without a date format", "words", "no such day", "no such day in a date cell"],
)
def test_a_date_that_cannot_be_read_is_an_error_naming_its_cell(
    cli: Cli, tmp_path: Path, start: Any, message: str
) -> None:
    path = dated(tmp_path / "plan.xlsx", start, datetime(2021, 9, 30))
    only_error(cli("validate", path), path, "มาตรการ!D2", message)


def test_openpyxls_own_warnings_stay_off_the_console(cli: Cli, tmp_path: Path) -> None:
    # A print area naming a sheet that is gone: openpyxl warns "Defined names for sheet index 9
    # cannot be located" on stderr. The clerk can do nothing with that; the workbook is fine.
    path = copy_as(EXAMPLE, tmp_path / "plan.xlsx")
    rewrite_member(
        path, "xl/workbook.xml", lambda xml: xml.replace(b'localSheetId="1"', b'localSheetId="9"')
    )
    with pytest.warns(UserWarning, match="cannot be located"):  # what openpyxl says on its own
        openpyxl.load_workbook(path, read_only=True).close()

    valid(cli("validate", path), path)
