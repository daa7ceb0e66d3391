"""A .docx file as a zip of parts, held in memory: read once, written again per report.

The renderer replaces only the parts it renders (the document, its headers and footers, the
document and application properties) and copies every other part byte for byte, compressed once
when the template is read rather than once per report. The zip is written with fixed
timestamps, so the same workbook gives the same report, byte for byte.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from lxml import etree

from ita_report.ooxml import Deflated, deflate, parse_or_none, parse_part, write_zip

#: More than any real template (a logo or two); guards against a zip bomb passed as a template.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_PARTS = 2_000

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"
_HEADER_FOOTER = ("/header", "/footer")
_CORE_PROPERTIES = "/metadata/core-properties"
_APP_PROPERTIES = "/extended-properties"


class NotADocx(Exception):
    """The bytes are not a Word document we can use; ``str()`` says why, in Thai."""


@dataclass(frozen=True)
class DocxPackage:
    """The parts of a .docx in their original order, and the names of the parts we render."""

    parts: tuple[tuple[str, bytes], ...]
    document: str
    headers_footers: tuple[str, ...]
    core: str | None
    #: ``docProps/app.xml``: the application that wrote the file; rewritten for every report.
    app: str | None = None
    #: Every part no report replaces, already compressed (see :meth:`with_unchanged_deflated`).
    deflated: Mapping[str, Deflated] = field(default_factory=dict)

    def part(self, name: str) -> bytes:
        return dict(self.parts)[name]

    @property
    def rendered(self) -> tuple[str, ...]:
        """The parts each report replaces: the document, headers, footers and properties."""
        names = (self.document, *self.headers_footers, self.core, self.app)
        return tuple(name for name in names if name is not None)

    def with_unchanged_deflated(self) -> DocxPackage:
        """This package with the parts no report replaces compressed, once for all reports."""
        rendered = set(self.rendered)
        deflated = {name: deflate(data) for name, data in self.parts if name not in rendered}
        return replace(self, deflated=deflated)

    def write(self, replaced: Mapping[str, bytes | Deflated]) -> bytes:
        """The package as .docx bytes, with ``replaced`` parts swapped in (compressed or not)."""
        return write_zip(
            (name, replaced[name] if name in replaced else self.deflated.get(name, data))
            for name, data in self.parts
        )


def read_package(data: bytes) -> DocxPackage:
    """Unpack a .docx; raises :class:`NotADocx` for anything else (a .doc, a PDF, a broken zip)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise NotADocx("ไฟล์ใหญ่ผิดปกติสำหรับแม่แบบเอกสาร Word")
            parts = tuple(
                (info.filename, archive.read(info)) for info in infos if not info.is_dir()
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as error:
        raise NotADocx("ไม่ใช่ไฟล์ Word (.docx) หรือไฟล์เสียหาย") from error
    except NotImplementedError as error:  # an encrypted or exotically compressed zip
        raise NotADocx("เปิดไฟล์ไม่ได้ (อาจมีรหัสผ่านหรือบีบอัดด้วยวิธีที่ไม่รองรับ)") from error
    parts = _without_styles_with_effects(parts)
    contents = dict(parts)
    package_rels = _relationships(contents, "_rels/.rels", "")
    document = next(
        (target for kind, target in package_rels if kind.endswith(_OFFICE_DOCUMENT)), None
    )
    if document is None or document not in contents or not document.endswith(".xml"):
        raise NotADocx("ไม่ใช่ไฟล์ Word (.docx): ไม่พบเนื้อหาเอกสาร")
    base = posixpath.dirname(document)
    document_rels = _relationships(
        contents, posixpath.join(base, "_rels", posixpath.basename(document) + ".rels"), base
    )
    headers_footers = tuple(
        target
        for kind, target in document_rels
        if kind.endswith(_HEADER_FOOTER) and target in contents
    )
    core = next((target for kind, target in package_rels if kind.endswith(_CORE_PROPERTIES)), None)
    app = next((target for kind, target in package_rels if kind.endswith(_APP_PROPERTIES)), None)
    package = DocxPackage(
        parts=parts,
        document=document,
        headers_footers=headers_footers,
        core=core if core in contents else None,
        app=app if app in contents else None,
    )
    return package.with_unchanged_deflated()


_STYLES_WITH_EFFECTS = "/stylesWithEffects"
_CONTENT_TYPES = "[Content_Types].xml"


def _without_styles_with_effects(
    parts: tuple[tuple[str, bytes], ...],
) -> tuple[tuple[str, bytes], ...]:
    """The parts less Word 2010's copy of the styles (``stylesWithEffects.xml``).

    Word keeps that copy only as a cache and rebuilds it; a copy out of step with the styles (as
    python-docx's blank document has, and a template whose styles were edited elsewhere) is what
    makes Word offer to repair "unreadable content". Its relationship and content type go too.
    """
    contents = dict(parts)
    dropped: set[str] = set()
    edited: dict[str, bytes] = {}
    for name, data in parts:
        if not name.endswith(".rels") or _STYLES_WITH_EFFECTS.encode() not in data:
            continue
        try:
            root = parse_part(data)
        except etree.XMLSyntaxError:
            continue
        folder = posixpath.dirname(posixpath.dirname(name))
        for rel in list(root.iter(_REL)):
            if rel.get("Type", "").endswith(_STYLES_WITH_EFFECTS):
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
                dropped.add(target.lstrip("/"))
                rel.getparent().remove(rel)
        edited[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if not dropped:
        return parts
    root = parse_or_none(contents.get(_CONTENT_TYPES))
    if root is not None:
        for override in list(root):
            if override.get("PartName", "").lstrip("/") in dropped:
                root.remove(override)
        edited[_CONTENT_TYPES] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
    return tuple((name, edited.get(name, data)) for name, data in parts if name not in dropped)


def _relationships(contents: Mapping[str, bytes], name: str, base: str) -> list[tuple[str, str]]:
    """(type, part name) of each internal relationship in the .rels part ``name``."""
    data = contents.get(name)
    if data is None:
        return []
    try:
        root = parse_part(data)
    except etree.XMLSyntaxError as error:
        raise NotADocx("ไฟล์ Word เสียหาย: อ่านโครงสร้างไฟล์ไม่ได้") from error
    found: list[tuple[str, str]] = []
    for rel in root.iter(_REL):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        found.append((rel.get("Type", ""), posixpath.normpath(path)))
    return found
