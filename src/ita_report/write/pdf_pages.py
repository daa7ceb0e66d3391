"""What LibreOffice's PDF says, and the finishing touches it needs (pypdf).

* :func:`finish`: the titles carried over with ``(ต่อ)`` placed (:mod:`ita_report.write.
  pdf_layout`); page numbers stamped in the header's place with the header's font, in Thai or
  Arabic digits (LibreOffice cannot print Thai page numbers); the extra pages that carried the
  titles and the glyphs removed; the bookmarks dropped.
* :func:`font_warnings`: every font embedded, and the Thai font the report asks for actually used;
  otherwise a warning in Thai naming the font LibreOffice used instead and how to install
  TH SarabunPSK or TH Sarabun New.

The glyphs of the page numbers are taken from the PDF itself: the extra page printed every
character a number can need in the header's font, so the font LibreOffice embedded has them; their
codes come from the font's ``ToUnicode`` map and their widths from ``Widths``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from ita_report.write.pdf_copy import CopyFacts
from ita_report.write.pdf_layout import Layout, page_content, place_titles, text_baselines
from ita_report.write.pdf_numbers import PageNumbers

#: The font resource name the stamped page numbers use on each page.
_FONT_PREFIX = "/ItaPageNumber"
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")

FONT_ADVICE = (
    "ติดตั้งฟอนต์ TH SarabunPSK (มีในเครื่องของส่วนราชการ) หรือ TH Sarabun New"
    " (ฟรีจากโครงการฟอนต์แห่งชาติ https://www.f0nt.com/release/th-sarabun-new/)"
    " แล้วสร้าง PDF อีกครั้ง"
)


class PdfUnreadable(Exception):
    """pypdf could not read the PDF LibreOffice made; the PDF is kept as it is."""


def read(pdf: Path) -> PdfReader:
    try:
        reader = PdfReader(pdf)
        _ = len(reader.pages)
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        raise PdfUnreadable(str(error)) from error
    return reader


# --- page numbers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Glyphs:
    """Where each character of a page number is: font resource, code, width (1/1000 em)."""

    fonts: dict[str, Any]  # resource name → indirect reference
    codes: dict[str, tuple[str, bytes, float]]
    #: From the top of a line to its baseline, in points, as LibreOffice laid the glyph line.
    ascent: float


def finish(
    pdf: Path,
    copy: CopyFacts,
    written: Iterable[int] = (),
    *,
    reader: PdfReader | None = None,
    layout: Layout | None = None,
) -> list[FontUse]:
    """Place the carried-over titles (in rows not ``written`` already), stamp the page numbers,
    remove the extra pages and the bookmarks; rewrite ``pdf``. Returns the fonts it uses."""
    reader = reader or read(pdf)
    writer = PdfWriter(clone_from=reader)
    numbers = copy.numbers
    place_titles(writer, reader, copy, written, layout)
    glyphs = None
    if numbers is not None and len(writer.pages) >= 2:
        glyphs = _glyphs(writer.pages[-1], numbers)
    for _ in range(min(copy.extra_pages, len(writer.pages) - 1)):
        writer.remove_page(len(writer.pages) - 1, clean=True)
    if numbers is not None and glyphs is not None:
        for index, page in enumerate(writer.pages):
            if index == 0 and not numbers.on_first_page:
                continue
            _stamp(writer, page, numbers, glyphs, numbers.start + index)
    root = writer.root_object
    for key in ("/Dests", "/Names"):
        if key in root:
            del root[NameObject(key)]
    _drop_open_action(root)
    writer.compress_identical_objects()
    with pdf.open("wb") as stream:
        writer.write(stream)
    return fonts_of(writer)


def _drop_open_action(root: DictionaryObject) -> None:
    """LibreOffice's open action may point at a destination; a plain first page is enough."""
    action = root.get("/OpenAction")
    if action is not None and not isinstance(action.get_object(), ArrayObject):
        del root[NameObject("/OpenAction")]


def _glyphs(page: Any, numbers: PageNumbers) -> _Glyphs | None:
    wanted = numbers.glyphs
    fonts = page.get("/Resources", {}).get_object().get("/Font")
    if fonts is None:
        return None
    fonts = fonts.get_object()
    # The fonts the glyph line is set in (the page holds nothing else) come first: a font of the
    # bold title may hold a few of the digits too.
    used = [b"/" + name for name in re.findall(rb"/(\S+) [\d.]+ Tf", page_content(page))]
    ordered = sorted(fonts.items(), key=lambda item: (str(item[0]).encode() not in used,))
    codes: dict[str, tuple[str, bytes, float]] = {}
    references: dict[str, Any] = {}
    for index, (name, reference) in enumerate(ordered):
        font = reference.get_object()
        table = _to_unicode(font)
        widths = font.get("/Widths")
        first = int(font.get("/FirstChar", 0))
        resource = f"{_FONT_PREFIX}{index}"
        for char in wanted:
            if char in codes or char not in table:
                continue
            code = table[char]
            width = 500.0
            if widths is not None and len(code) == 1:
                position = code[0] - first
                widths = widths.get_object()
                if 0 <= position < len(widths):
                    width = float(widths[position])
            codes[char] = (resource, code, width)
            references[resource] = fonts.raw_get(name)
    if any(char not in codes for char in wanted if not char.isspace()):
        return None
    return _Glyphs(references, codes, _line_ascent(page, numbers))


def _line_ascent(page: Any, numbers: PageNumbers) -> float:
    """How far below the top of its line LibreOffice set the glyph line's baseline.

    The glyph line is the first line of its page, at the top margin; the header's line is laid
    out the same way from the header distance, so this places the stamp where LibreOffice would
    have printed the number itself.
    """
    baselines = [y for y, _ in text_baselines(page)]
    top = float(page.mediabox.top)
    if not baselines:
        return numbers.size * 0.9
    return top - numbers.margin_top - max(baselines)


def _to_unicode(font: Any) -> dict[str, bytes]:
    """Character → code bytes, from a simple font's ``ToUnicode`` CMap."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data: bytes = stream.get_object().get_data()
    table: dict[str, bytes] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=False):
            table.setdefault(_text(text), bytes.fromhex(code.decode()))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.splitlines():
            values = _HEX.findall(line)
            if len(values) != 3 or b"[" in line:
                continue
            low, high = int(values[0], 16), int(values[1], 16)
            start = int(values[2], 16)
            size = len(values[0]) // 2
            for offset in range(high - low + 1):
                table.setdefault(chr(start + offset), (low + offset).to_bytes(size, "big"))
    return table


def _text(hex_text: bytes) -> str:
    raw = bytes.fromhex(hex_text.decode())
    return raw.decode("utf-16-be", errors="replace")


def _stamp(
    writer: PdfWriter, page: Any, numbers: PageNumbers, glyphs: _Glyphs, number: int
) -> None:
    text = numbers.text(number)
    size = numbers.size
    pieces: list[tuple[str, bytes | None, float]] = []
    for char in text:
        found = glyphs.codes.get(char)
        if found is None:  # a space the font does not hold: a gap a quarter of an em wide
            pieces.append(("", None, 250.0))
        else:
            pieces.append(found)
    width = sum(piece[2] for piece in pieces) * size / 1000
    box = page.mediabox
    left, right = float(box.left), float(box.right)
    bottom, top = float(box.bottom), float(box.top)
    inner_left = left + numbers.margin_left
    inner_right = right - numbers.margin_right
    x = {
        "center": (inner_left + inner_right - width) / 2,
        "right": inner_right - width,
    }.get(numbers.align, inner_left)
    if numbers.in_header:
        y = top - numbers.distance - glyphs.ascent
    else:
        y = bottom + numbers.distance + size * 0.4
    operators = [f"q 0 g BT 1 0 0 1 {x:.2f} {y:.2f} Tm"]
    current = ""
    for resource, code, advance in pieces:
        if code is None:
            operators.append(f"[ {-advance:.0f} ] TJ")
            continue
        if resource != current:
            operators.append(f"{resource} {size:g} Tf")
            current = resource
        operators.append(f"<{code.hex()}> Tj")
    operators.append("ET Q")
    resources = page.get("/Resources")
    resources = DictionaryObject() if resources is None else resources.get_object()
    page[NameObject("/Resources")] = resources
    fonts = resources.get("/Font")
    fonts = DictionaryObject() if fonts is None else fonts.get_object()
    for resource, reference in glyphs.fonts.items():
        fonts[NameObject(resource)] = reference
    resources[NameObject("/Font")] = fonts
    _append_content(writer, page, " ".join(operators).encode("ascii"))


def _append_content(writer: PdfWriter, page: Any, data: bytes) -> None:
    """Wrap the page's content in q/Q and draw ``data`` after it."""
    before = DecodedStreamObject()
    before.set_data(b"q\n")
    after = DecodedStreamObject()
    after.set_data(b"\nQ\n" + data + b"\n")
    contents = page.get("/Contents")
    existing: list[Any] = []
    if contents is not None:
        resolved = contents.get_object()
        if isinstance(resolved, ArrayObject):
            existing = list(resolved)
        else:
            existing = [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *existing, writer._add_object(after)]
    )


# --- fonts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontUse:
    """A font of the PDF: its name without the subset tag, and whether it is embedded."""

    name: str
    embedded: bool


def fonts_of(reader: PdfReader | PdfWriter) -> list[FontUse]:
    seen: dict[str, FontUse] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = None if resources is None else resources.get_object().get("/Font")
        if fonts is None:
            continue
        for reference in fonts.get_object().values():
            font = reference.get_object()
            name = _SUBSET.sub("", str(font.get("/BaseFont", "")).lstrip("/"))
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descendant = font["/DescendantFonts"].get_object()[0].get_object()
                descriptor = descendant.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if font.get("/Subtype") == "/Type3":
                embedded = True
            seen.setdefault(name, FontUse(name, embedded))
    return list(seen.values())


def font_warnings(used: Iterable[FontUse], asked: Iterable[str]) -> list[str]:
    """Warnings, in Thai, about the fonts of a PDF: not embedded, or substituted."""
    used = list(used)
    warnings = [
        f"PDF ไม่ได้ฝังฟอนต์ {font.name} เครื่องที่ไม่มีฟอนต์นี้จะแสดงตัวอักษรผิด — {FONT_ADVICE}"
        for font in used
        if not font.embedded
    ]
    families = {_family(font.name) for font in used}
    missing = [name for name in asked if _family(name) not in families]
    if missing:
        others = sorted(
            {_base(font.name) for font in used if _family(font.name) not in map(_family, asked)}
        )
        instead = f" จึงใช้ฟอนต์ {', '.join(others)} แทน" if others else ""
        warnings.append(f"เครื่องนี้ไม่มีฟอนต์ {', '.join(missing)} ที่รายงานกำหนด{instead} — {FONT_ADVICE}")
    return warnings


def _base(name: str) -> str:
    """``Laksaman-Bold`` → ``Laksaman``."""
    return re.sub(r"[-,](Bold|Italic|BoldItalic|Regular|Oblique|BoldOblique)$", "", name)


def _family(name: str) -> str:
    return re.sub(r"[\s_-]", "", _base(name)).lower()
