"""Open a workbook file safely, or say in one sentence why it cannot be opened.

A clerk's "workbook" may be anything: an old .xls, a password-protected file, a CSV or an .ods
renamed, a download cut short, or a hostile zip. Each is recognised here, before openpyxl sees
it, so that the user gets a message that says what the file is and what to do, never a traceback;
and so that a file that would unpack to gigabytes is refused before it is unpacked.
"""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ita_report.errors import WorkbookUnreadable
from ita_report.ooxml import (
    OFFICE_REL_NS,
    PACKAGE_REL_NS,
    XML_ERROR,
    KeptByBytes,
    parse_bytes,
    small_part,
    stream_name,
    stream_part,
    x,
)

_SHEET, _WORKBOOK_PROPERTIES = x("sheet"), x("workbookPr")
_RELATIONSHIP = stream_name(PACKAGE_REL_NS, "Relationship")
_RELATION_ID = stream_name(OFFICE_REL_NS, "id")

#: A workbook of this kind unpacks to well under a megabyte; a sheet formatted down to row
#: 1,048,576 to some tens. Past this, the file is refused as out of all proportion.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Compression ratio above which a large member counts as a zip bomb.
MAX_RATIO = 250
_RATIO_FLOOR = 16 * 1024 * 1024

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


_SAVE_AS_XLSX = "เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น Excel Workbook (.xlsx)"

#: What :mod:`zipfile` raises for a damaged archive or member, beyond BadZipFile: a corrupt
#: deflate or LZMA stream (zlib.error, LZMAError; bz2 raises OSError), a member or archive of a
#: zip version or compression method it cannot read (NotImplementedError), a member flagged as
#: encrypted (RuntimeError), a cut-off stream (EOFError), a bad name or header (ValueError).
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,
)

#: What reading an XML part of the package may raise: a damaged zip, XML that is not well formed,
#: a DTD or a value that cannot be what it says (ValueError), a part that is not there (KeyError).
PART_ERRORS: tuple[type[Exception], ...] = (XML_ERROR, KeyError, *ZIP_ERRORS)


@dataclass(frozen=True)
class WorkbookPackage:
    """An opened .xlsx zip whose worksheets are known by name."""

    path: Path
    archive: zipfile.ZipFile
    #: Sheet name as shown in Excel → the zip member of its XML, in workbook order.
    sheet_parts: dict[str, str]
    #: The members holding the shared strings and the styles, where the workbook has them.
    shared_strings: str | None = None
    styles: str | None = None
    #: Dates count from 1904 (old Mac Excel) rather than 1900.
    date1904: bool = False
    #: The sheets whose tab is hidden (``state="hidden"`` or ``"veryHidden"``).
    hidden: frozenset[str] = frozenset()

    def close(self) -> None:
        self.archive.close()


def open_package(
    path: Path, *, head: bytes | None = None, archive: zipfile.ZipFile | None = None
) -> WorkbookPackage:
    """Check that ``path`` is a sane .xlsx/.xlsm and index its sheets.

    Raises WorkbookUnreadable with a message naming what the file really is. ``head`` (its
    first bytes, :func:`read_head`) and ``archive`` (the file opened as a zip, now this
    package's to close) spare reading them again when the caller has them.
    """
    try:
        if head is None:
            head = read_head(path)
        _refuse_non_zip(path, head)
    except BaseException:
        if archive is not None:
            archive.close()
        raise
    if archive is None:
        try:
            archive = zipfile.ZipFile(path)
        except ZIP_ERRORS as exc:
            raise WorkbookUnreadable(
                f"ไฟล์เสียหายหรือถูกตัดขาด (อ่านเป็นไฟล์ zip ไม่ได้) — ดาวน์โหลดหรือคัดลอกไฟล์ใหม่ แล้ว{_SAVE_AS_XLSX}",
                path,
            ) from exc
    try:
        _refuse_other_formats(path, archive)
        refuse_bombs(path, archive)
        package = _index(path, archive)
    except BaseException:
        archive.close()
        raise
    return package


def read_head(path: Path) -> bytes:
    """The first bytes of the file, enough to tell its format; an OLE2 file's directory too."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
            if head.startswith(OLE2_MAGIC):
                # The directory of an OLE2 file is small; an encrypted OOXML names its stream.
                stream.seek(0)
                return head + stream.read(4 * 1024 * 1024)
            return head
    except OSError as exc:
        raise cannot_open(path, exc) from exc


def cannot_open(path: Path, error: OSError) -> WorkbookUnreadable:
    """A file that cannot even be opened, said as the clerk can act on it."""
    if isinstance(error, FileNotFoundError):
        return WorkbookUnreadable("ไม่พบไฟล์ — ตรวจชื่อและตำแหน่งของไฟล์", path)
    if isinstance(error, IsADirectoryError):
        return WorkbookUnreadable("เป็นโฟลเดอร์ ไม่ใช่ไฟล์ Excel", path)
    return WorkbookUnreadable(f"เปิดไฟล์ไม่ได้ ({error.strerror})", path)


def _refuse_non_zip(path: Path, head: bytes) -> None:
    if not head:
        raise WorkbookUnreadable(f"ไฟล์ว่างเปล่า (0 ไบต์) — {_SAVE_AS_XLSX}", path)
    if head.startswith(OLE2_MAGIC):
        if ENCRYPTED_MARK in head:
            raise WorkbookUnreadable(
                "ไฟล์นี้ตั้งรหัสผ่านไว้ จึงอ่านไม่ได้ — เปิดใน Excel แล้วเอารหัสผ่านออก "
                "(ไฟล์ > ข้อมูล > ป้องกันเวิร์กบุ๊ก > เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสผ่าน) แล้วบันทึกใหม่",
                path,
            )
        raise WorkbookUnreadable(f"เป็นไฟล์ Excel รุ่นเก่า (.xls) ซึ่งไม่รองรับ — {_SAVE_AS_XLSX}", path)
    if head.startswith(_EMPTY_ZIP_MAGIC):
        raise WorkbookUnreadable(f"เป็นไฟล์ zip ว่าง ไม่มีเวิร์กบุ๊กอยู่ภายใน — {_SAVE_AS_XLSX}", path)
    if not head.startswith(_ZIP_MAGIC):
        raise WorkbookUnreadable(
            f"ไม่ใช่ไฟล์ Excel (.xlsx) — ดูเหมือนเป็นไฟล์ข้อความหรือ CSV{_renamed(path)}; {_SAVE_AS_XLSX}",
            path,
        )


def _renamed(path: Path, to: str = "") -> str:
    """`` ที่เปลี่ยนนามสกุล`` for a file named as a workbook that is none; nothing for ``plan.ods``."""
    return f" ที่เปลี่ยนนามสกุล{to}" if path.suffix.lower() in (".xlsx", ".xlsm") else ""


def _refuse_other_formats(path: Path, archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "mimetype" in names and "content.xml" in names:
        raise WorkbookUnreadable(
            f"เป็นไฟล์ OpenDocument (.ods){_renamed(path, 'เป็น .xlsx')} ซึ่งไม่รองรับ — {_SAVE_AS_XLSX}",
            path,
        )
    if "xl/workbook.bin" in names:
        raise WorkbookUnreadable(
            f"เป็นไฟล์ Excel Binary (.xlsb){_renamed(path)} ซึ่งไม่รองรับ — {_SAVE_AS_XLSX}", path
        )
    if "word/document.xml" in names:
        raise WorkbookUnreadable("เป็นเอกสาร Word ไม่ใช่เวิร์กบุ๊ก Excel — ตรวจว่าเลือกไฟล์ถูก", path)
    if "xl/workbook.xml" not in names:
        raise WorkbookUnreadable(
            "ไฟล์ zip นี้ไม่มีส่วนประกอบของเวิร์กบุ๊ก Excel (xl/workbook.xml) — "
            f"ไฟล์อาจเสียหาย; {_SAVE_AS_XLSX}",
            path,
        )


def refuse_bombs(path: Path, archive: zipfile.ZipFile) -> None:
    """WorkbookUnreadable for a zip (any package: .xlsx, .ods) that unpacks out of all proportion."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise WorkbookUnreadable(
                "ไฟล์คลายออกแล้วมีขนาดใหญ่ผิดปกติสำหรับเวิร์กบุ๊กประเภทนี้ "
                f"({info.filename}) จึงไม่อ่าน — ตรวจว่าเป็นไฟล์ที่ถูกต้อง หรือคัดลอกเฉพาะข้อมูลไปยัง"
                "เวิร์กบุ๊กใหม่ (เช่น จาก ita-report init)",
                path,
            )


def _index(path: Path, archive: zipfile.ZipFile) -> WorkbookPackage:
    """Sheets by name, the shared strings, the styles and the date system, from workbook.xml.

    Read once for each small workbook.xml and relationships a process meets (their bytes are
    the key, :class:`~ita_report.ooxml.KeptByBytes`): a batch of workbooks made from one
    template has the same ones throughout.
    """
    try:
        key = _index_key(archive)
        if key is None:
            found = _read_index(archive, None)
        else:
            found = _INDEXES.get(key, lambda: _read_index(archive, key))
    except PART_ERRORS as exc:
        raise WorkbookUnreadable(
            f"ส่วนประกอบหลักของเวิร์กบุ๊กเสียหาย (xl/workbook.xml) — {_SAVE_AS_XLSX}", path
        ) from exc
    parts, hidden, shared_strings, styles, date1904 = found
    return WorkbookPackage(
        path,
        archive,
        dict(parts),
        shared_strings=shared_strings,
        styles=styles,
        date1904=date1904,
        hidden=hidden,
    )


_RELS = "xl/_rels/workbook.xml.rels"
#: What :func:`_index` reads from a workbook.xml and its relationships: the sheets' parts (name,
#: member) in order, the hidden sheets, the shared strings' and the styles' members, date1904.
_Index = tuple[tuple[tuple[str, str], ...], frozenset[str], str, str, bool]
_INDEXES: KeptByBytes[tuple[bytes, bytes | None], _Index] = KeptByBytes()


def _index_key(archive: zipfile.ZipFile) -> tuple[bytes, bytes | None] | None:
    """The bytes of workbook.xml and its relationships (None if absent); None if either is large."""
    workbook = small_part(archive, "xl/workbook.xml")
    if workbook is None:
        return None
    if _RELS not in archive.namelist():
        return workbook, None
    rels = small_part(archive, _RELS)
    return None if rels is None else (workbook, rels)


def _read_index(archive: zipfile.ZipFile, key: tuple[bytes, bytes | None] | None) -> _Index:
    """Parse workbook.xml and its relationships: from ``key``'s bytes, or streamed if large."""
    sheets: list[dict[str, str]] = []  # each <sheet>'s attributes, in order
    properties: list[dict[str, str]] = []  # <workbookPr> under the root
    relationships: list[dict[str, str]] = []
    depth = 0

    def workbook_start(name: str, attrs: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if name == _SHEET:
            sheets.append(attrs)
        elif name == _WORKBOOK_PROPERTIES and depth == 2:
            properties.append(attrs)

    def workbook_end(_name: str) -> None:
        nonlocal depth
        depth -= 1

    def relationship(name: str, attrs: dict[str, str]) -> None:
        if name == _RELATIONSHIP:
            relationships.append(attrs)

    if key is not None:
        workbook, rels = key
        parse_bytes(workbook, workbook_start, workbook_end)
        if rels is not None:
            parse_bytes(rels, relationship)
    else:
        stream_part(archive, "xl/workbook.xml", workbook_start, workbook_end)
        if _RELS in archive.namelist():
            stream_part(archive, _RELS, relationship)
    targets: dict[str, str] = {}
    by_type: dict[str, str] = {}
    for rel in relationships:
        target = rel.get("Target", "")
        member = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        )
        targets[rel.get("Id", "")] = str(PurePosixPath(member))
        by_type.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], str(PurePosixPath(member)))
    parts: dict[str, str] = {}
    hidden: set[str] = set()
    for sheet in sheets:
        sheet_part = targets.get(sheet.get(_RELATION_ID, ""))
        if sheet_part is not None:
            parts[sheet.get("name", "")] = sheet_part
            if sheet.get("state", "visible") in ("hidden", "veryHidden"):
                hidden.add(sheet.get("name", ""))
    date1904 = bool(properties) and properties[0].get("date1904", "") in ("1", "true")
    return (
        tuple(parts.items()),
        frozenset(hidden),
        by_type.get("sharedStrings", "xl/sharedStrings.xml"),
        by_type.get("styles", "xl/styles.xml"),
        date1904,
    )
