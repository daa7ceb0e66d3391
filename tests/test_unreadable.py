"""A file that is no readable .xlsx is one clear error, exit 2, never a traceback (SPEC §1.4).

Every kind is made here for real and run through ``ita-report validate``; each gets its own
message, which says what the file is and what to do.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from typer.testing import Result

from tests.workbook_helpers import rewrite_member, sheet_member, write_workbook

Cli = Callable[..., Result]
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MiB = 1024 * 1024


def valid_workbook(path: Path) -> Path:
    return write_workbook(path)


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def text_file(path: Path) -> None:
    path.write_text("มาตรการส่งเสริมคุณธรรมและความโปร่งใส\n", encoding="utf-8")


def csv_file(path: Path) -> None:
    path.write_text(
        "มาตรการ/แนวทาง,วิธีการดำเนินการ,ผู้รับผิดชอบ\nการใช้งบประมาณ,เผยแพร่แผน,กองคลัง\n",
        encoding="utf-8-sig",
    )


def damaged_xls(path: Path) -> None:
    # An OLE2 compound file without an EncryptionInfo stream, and nothing in it: an Excel
    # 97-2003 workbook cut short.
    path.write_bytes(OLE2_MAGIC + b"\x00" * 4088)


def encrypted_xlsx(path: Path) -> None:
    plain = valid_workbook(path.with_name("plain.xlsx"))
    with plain.open("rb") as source, path.open("wb") as target:
        OOXMLFile(source).encrypt("1234", target)


def damaged_ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
        archive.writestr("META-INF/manifest.xml", "<manifest/>")


def xlsb_renamed(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
        archive.writestr("xl/worksheets/sheet1.bin", b"\x81\x01\x00")


def docx_renamed(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")


def truncated(path: Path) -> None:
    data = valid_workbook(path.with_name("whole.xlsx")).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def empty_zip(path: Path) -> None:
    zipfile.ZipFile(path, "w").close()


def zip_without_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")


def malformed_sheet_xml(path: Path) -> None:
    valid_workbook(path)
    member = sheet_member(path, "มาตรการ")
    rewrite_member(path, member, lambda xml: xml[: len(xml) // 2])


def malformed_workbook_xml(path: Path) -> None:
    valid_workbook(path)
    rewrite_member(path, "xl/workbook.xml", lambda xml: b"<workbook><sheets><sheet")


def entity_bomb_in_sheet(path: Path) -> None:
    """A billion-laughs sheet: refused as damaged, never expanded."""
    valid_workbook(path)
    entities = '<!ENTITY a0 "ลลลลลลลลลล">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    rewrite_member(path, sheet_member(path, "มาตรการ"), lambda _: xml.encode())


UNREADABLE: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty file": (empty_file, "ไฟล์ว่างเปล่า (0 ไบต์)"),
    "text renamed": (text_file, "ดูเหมือนเป็นไฟล์ข้อความหรือ CSV ที่เปลี่ยนนามสกุล"),
    "csv renamed": (csv_file, "ดูเหมือนเป็นไฟล์ข้อความหรือ CSV ที่เปลี่ยนนามสกุล"),
    "damaged xls": (damaged_xls, "ไฟล์ Excel 97–2003 (.xls) นี้เสียหายหรือถูกตัดขาด จึงอ่านไม่ได้"),
    "encrypted xlsx": (encrypted_xlsx, "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้"),
    "damaged ods": (damaged_ods, "เนื้อหาภายในไฟล์เสียหาย (XML ของตาราง content.xml อ่านไม่ได้)"),
    "xlsb renamed": (xlsb_renamed, "เป็นไฟล์ Excel Binary (.xlsb) ที่เปลี่ยนนามสกุล"),
    "docx renamed": (docx_renamed, "เป็นเอกสาร Word ไม่ใช่เวิร์กบุ๊ก Excel"),
    "truncated zip": (truncated, "ไฟล์เสียหายหรือถูกตัดขาด"),
    "empty zip": (empty_zip, "เป็นไฟล์ zip ว่าง"),
    "zip without workbook": (zip_without_workbook, "ไม่มีส่วนประกอบของเวิร์กบุ๊ก Excel (xl/workbook.xml)"),
    "malformed sheet xml": (malformed_sheet_xml, "XML ของชีตอ่านไม่ได้"),
    "entity bomb in sheet": (entity_bomb_in_sheet, "XML ของชีตอ่านไม่ได้"),
    "malformed workbook xml": (malformed_workbook_xml, "ส่วนประกอบหลักของเวิร์กบุ๊กเสียหาย"),
}
#: Kinds that cannot be told apart by what is wrong share a message; every other kind has its own.
SAME_MESSAGE = {"csv renamed": "text renamed", "entity bomb in sheet": "malformed sheet xml"}


def assert_one_clear_error(result: Result, path: Path, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stderr.count("ข้อผิดพลาด:") == 1, result.stderr
    assert f"ข้อผิดพลาด: {path}: " in result.stderr
    assert message in result.stderr
    assert result.stdout.strip() == f"✗ {path}: ไม่ผ่านการตรวจ (1 ข้อผิดพลาด)"


@pytest.mark.parametrize("kind", UNREADABLE)
def test_unreadable_file_is_one_clear_error(cli: Cli, tmp_path: Path, kind: str) -> None:
    make, message = UNREADABLE[kind]
    path = tmp_path / "plan.xlsx"
    make(path)
    assert_one_clear_error(cli("validate", path), path, message)


def messages_by_kind(cli: Cli, tmp_path: Path) -> dict[str, str]:
    """What ``validate`` says about each kind, with the file's path taken out."""
    messages: dict[str, str] = {}
    for index, (kind, (make, _)) in enumerate(UNREADABLE.items()):
        path = tmp_path / str(index) / "plan.xlsx"
        path.parent.mkdir()
        make(path)
        messages[kind] = cli("validate", path).stderr.replace(str(path), "plan.xlsx")
    return messages


def test_each_kind_has_its_own_message(cli: Cli, tmp_path: Path) -> None:
    messages = messages_by_kind(cli, tmp_path)
    for kind, same in SAME_MESSAGE.items():
        assert messages[kind] == messages[same]
    distinct = {m for kind, m in messages.items() if kind not in SAME_MESSAGE}
    assert len(distinct) == len(UNREADABLE) - len(SAME_MESSAGE)


def test_every_message_says_what_it_is_then_what_to_do(cli: Cli, tmp_path: Path) -> None:
    for kind, message in messages_by_kind(cli, tmp_path).items():
        what, _, to_do = message.partition(" — ")
        assert what.startswith("ข้อผิดพลาด: plan.xlsx: ") and to_do.strip(), (kind, message)


def test_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    assert_one_clear_error(cli("validate", path), path, "ไม่พบไฟล์ — ตรวจชื่อและตำแหน่งของไฟล์")


# --- zip bombs: refused from the zip directory, before anything is unpacked ------------------


def zeros_member(archive: zipfile.ZipFile, name: str, size: int) -> None:
    with archive.open(name, "w", force_zip64=True) as member:
        chunk = b"\x00" * MiB
        for _ in range(size // MiB):
            member.write(chunk)


def test_a_zip_bomb_over_the_unpacked_limit_is_refused(cli: Cli, tmp_path: Path) -> None:
    # Many members, each too small for the ratio rule, together over the 256 MiB limit.
    path = tmp_path / "plan.xlsx"
    member_size = 15 * MiB
    count = 256 * MiB // member_size + 1  # SPEC §1.4's limit, not the code's constant
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(count):
            zeros_member(archive, f"xl/media/image{index}.bin", member_size)
    assert path.stat().st_size < 2 * MiB
    result = cli("validate", path)
    assert_one_clear_error(result, path, "ไฟล์คลายออกแล้วมีขนาดใหญ่ผิดปกติสำหรับเวิร์กบุ๊กประเภทนี้")
    assert f"(xl/media/image{count - 1}.bin)" in result.stderr


def test_a_zip_bomb_sheet_over_the_compression_ratio_is_refused(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        zeros_member(archive, "xl/worksheets/sheet1.xml", 17 * MiB)
    result = cli("validate", path)
    assert_one_clear_error(result, path, "ไฟล์คลายออกแล้วมีขนาดใหญ่ผิดปกติสำหรับเวิร์กบุ๊กประเภทนี้")
    assert "(xl/worksheets/sheet1.xml)" in result.stderr


# --- in a batch, and as JSON -----------------------------------------------------------------


def test_one_unreadable_file_does_not_stop_the_others(cli: Cli, tmp_path: Path) -> None:
    good = valid_workbook(tmp_path / "a_good.xlsx")
    bad = tmp_path / "b_old.xls"
    damaged_xls(bad)
    result = cli("validate", tmp_path)
    assert result.exit_code == 2
    assert f"✓ {good}: ถูกต้อง" in result.stdout
    assert f"✗ {bad}: ไม่ผ่านการตรวจ (1 ข้อผิดพลาด)" in result.stdout


def test_check_json_gives_an_unreadable_file_a_null_summary_and_one_error(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "plan.xlsx"
    encrypted_xlsx(path)
    result = cli("check", path, "--json")
    assert result.exit_code == 2
    (entry,) = json.loads(result.stdout)["workbooks"]
    assert entry["summary"] is None
    assert entry["pending"] == [] and entry["warnings"] == []
    (error,) = entry["errors"]
    assert error["cell"] is None
    assert error["message"].startswith("ไฟล์นี้ตั้งรหัสผ่านไว้")
