"""The report's page numbers, taken out of the copy LibreOffice converts and described for stamping.

LibreOffice ignores Word's ``thaiNumbers`` page format (and maps ``\\* ThaiArabic`` to Thai
letters), so the copy converted has no ``PAGE`` field: :func:`take_page_numbers` removes it from
the default header (or footer) and returns a :class:`PageNumbers` that says how it looked (the
text around it, its digits, alignment, size, the page's geometry), and
:func:`add_glyph_page` ends the copy with one extra page holding every character a number can
need (``- ๐๑…๙ -``) in the field's own format, so that the PDF embeds their glyphs.
:mod:`ita_report.write.pdf_pages` stamps the numbers and removes that page.
"""

from __future__ import annotations

import copy
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from ita_report.ooxml import (
    OFFICE_REL_NS,
    W_P,
    W_PPR,
    W_R,
    W_SECTPR,
    W_T,
    W_VAL,
    XML_SPACE,
    parse_part,
    w,
)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = f"{{{OFFICE_REL_NS}}}id"
_FIELD = re.compile(r"^\s*PAGE\b(?P<switches>.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class PageNumbers:
    """Where and how the report numbers its pages, for stamping them on the PDF (points)."""

    before: str
    after: str
    thai: bool
    #: ``center``, ``left`` or ``right``.
    align: str
    in_header: bool
    #: The first page shows a number too (no different first page, or its header has one).
    on_first_page: bool
    start: int
    size: float
    page_width: float
    page_height: float
    margin_top: float
    margin_left: float
    margin_right: float
    #: From the top edge to the header (or from the bottom edge to the footer).
    distance: float

    @property
    def glyphs(self) -> str:
        """Every character a number can need, for the extra page that embeds them."""
        return f"{self.before}{THAI_DIGITS if self.thai else '0123456789'}{self.after}"

    def text(self, number: int) -> str:
        digits = str(number)
        if self.thai:
            digits = digits.translate(str.maketrans("0123456789", THAI_DIGITS))
        return f"{self.before}{digits}{self.after}"


def header_parts(
    parts: Mapping[str, bytes], document_name: str, root: etree._Element
) -> dict[tuple[str, str], str]:
    """(``header``/``footer``, ``default``/``first``/``even``) → part name, for the last section."""
    base = posixpath.dirname(document_name)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(document_name) + ".rels")
    targets: dict[str, str] = {}
    if rels_name in parts:
        for rel in parse_part(parts[rels_name]).iter(REL):
            targets[rel.get("Id", "")] = posixpath.normpath(
                posixpath.join(base, rel.get("Target", ""))
            )
    section = _last_section(root)
    found: dict[tuple[str, str], str] = {}
    if section is None:
        return found
    for kind in ("header", "footer"):
        for reference in section.findall(w(f"{kind}Reference")):
            target = targets.get(reference.get(_R_ID, ""))
            if target is not None and target in parts:
                found[(kind, reference.get(w("type"), "default"))] = target
    return found


def _last_section(root: etree._Element) -> etree._Element | None:
    body = root.find(w("body"))
    return None if body is None else body.find(W_SECTPR)


def take_page_numbers(
    parts: dict[str, bytes], headers: Mapping[tuple[str, str], str], root: etree._Element
) -> tuple[PageNumbers, etree._Element] | None:
    """Remove the ``PAGE`` field of the default header (or footer): how it looked, and a copy of
    its paragraph (its style and the field's run format) for the extra page."""
    section = _last_section(root)
    if section is None:
        return None
    for kind in ("header", "footer"):
        name = headers.get((kind, "default"))
        if name is None:
            continue
        part = parse_part(parts[name])
        for paragraph in part.iter(W_P):
            found = _page_field(paragraph)
            if found is None:
                continue
            before, after, switches, size = found
            look = _look_of(paragraph)
            _clear(paragraph)
            parts[name] = xml_bytes(part)
            first_name = headers.get((kind, "first"))
            titled = section.find(w("titlePg")) is not None and _truthy(section.find(w("titlePg")))
            on_first = not titled or (
                first_name is not None and b"PAGE" in parts.get(first_name, b"")
            )
            if titled and first_name is not None and b"PAGE" in parts[first_name]:
                first = parse_part(parts[first_name])
                for other in first.iter(W_P):
                    if _page_field(other) is not None:
                        _clear(other)
                parts[first_name] = xml_bytes(first)
            styles = _styles(parts)
            align = _styled(styles, paragraph, f"{W_PPR}/{w('jc')}", "pPr/jc")
            if not size:
                size = _run_size(styles, paragraph)
            numbers = _numbers(section, kind, before, after, switches, size, on_first, align)
            return numbers, look
    return None


def _look_of(paragraph: etree._Element) -> etree._Element:
    """An empty paragraph with the properties of ``paragraph`` and one run formatted like its
    field's."""
    look = paragraph.makeelement(W_P, {})
    properties = paragraph.find(W_PPR)
    if properties is not None:
        look.append(copy.deepcopy(properties))
    run = look.makeelement(W_R, {})
    field_run = next((node.getparent() for node in paragraph.iter(w("instrText"))), None)
    if field_run is None:
        field_run = next(paragraph.iter(W_R), None)
    if field_run is not None and field_run.find(w("rPr")) is not None:
        run.append(copy.deepcopy(field_run.find(w("rPr"))))
    look.append(run)
    return look


def _page_field(paragraph: etree._Element) -> tuple[str, str, str, float] | None:
    """(text before, text after, switches, size in points) of a paragraph with a PAGE field."""
    before: list[str] = []
    after: list[str] = []
    instruction: list[str] = []
    state = "before"  # before → code → result → after
    size = 0.0
    for node in paragraph.iter(w("fldChar"), w("instrText"), W_T, w("fldSimple")):
        tag = etree.QName(node).localname
        if tag == "fldSimple":
            if _FIELD.match(node.get(w("instr"), "")):
                instruction.append(node.get(w("instr"), ""))
                state = "after"
                size = _size(node)
            continue
        if tag == "fldChar":
            kind = node.get(w("fldCharType"))
            if kind == "begin" and state == "before":
                state = "code"
            elif kind == "separate" and state == "code":
                state = "result"
            elif kind == "end" and state in ("code", "result"):
                state = "after"
        elif tag == "instrText" and state == "code":
            instruction.append(node.text or "")
            size = _size(node)
        elif (
            tag == "t"
            and state == "before"
            and next(node.iterancestors(w("fldSimple")), None) is None
        ):
            before.append(node.text or "")
        elif (
            tag == "t"
            and state == "after"
            and next(node.iterancestors(w("fldSimple")), None) is None
        ):
            after.append(node.text or "")
    match = _FIELD.match("".join(instruction))
    if match is None or state != "after":
        return None
    return "".join(before), "".join(after), match.group("switches"), size or _size(paragraph)


def _size(node: etree._Element) -> float:
    run = node if node.tag == W_R else next(node.iterancestors(W_R), None)
    if run is not None:
        size = run.find(f"{w('rPr')}/{w('szCs')}")
        if size is None:
            size = run.find(f"{w('rPr')}/{w('sz')}")
        if size is not None and size.get(W_VAL, "").isdigit():
            return int(size.get(W_VAL, "0")) / 2
    return 0.0


def _clear(paragraph: etree._Element) -> None:
    for child in list(paragraph):
        if child.tag != W_PPR:
            paragraph.remove(child)


def _truthy(node: etree._Element | None) -> bool:
    return node is not None and node.get(W_VAL, "true") not in ("0", "false", "off")


def _styles(parts: Mapping[str, bytes]) -> etree._Element | None:
    try:
        return parse_part(parts["word/styles.xml"])
    except (KeyError, etree.XMLSyntaxError):
        return None


def _style_chain(styles: etree._Element | None, style_id: str | None) -> list[etree._Element]:
    """The paragraph style ``style_id`` and those it is based on, nearest first."""
    chain: list[etree._Element] = []
    while styles is not None and style_id and len(chain) < 20:
        style = next((s for s in styles.iter(w("style")) if s.get(w("styleId")) == style_id), None)
        if style is None:
            break
        chain.append(style)
        based = style.find(w("basedOn"))
        style_id = None if based is None else based.get(W_VAL)
    return chain


def _styled(
    styles: etree._Element | None, paragraph: etree._Element, direct: str, in_style: str
) -> str | None:
    """The ``w:val`` of a paragraph property, set directly or through its style."""
    found = paragraph.find(direct)
    if found is not None:
        return str(found.get(W_VAL, ""))
    style = paragraph.find(f"{W_PPR}/{w('pStyle')}")
    for link in _style_chain(styles, None if style is None else style.get(W_VAL)):
        found = link.find("/".join(w(part) for part in in_style.split("/")))
        if found is not None:
            return str(found.get(W_VAL, ""))
    return None


def _run_size(styles: etree._Element | None, paragraph: etree._Element) -> float:
    """The font size of the paragraph's text from its style or the document defaults."""
    value = _styled(styles, paragraph, f"{W_PPR}/{w('rPr')}/{w('szCs')}", "rPr/szCs")
    if value is None and styles is not None:
        default = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('szCs')}")
        value = None if default is None else default.get(W_VAL)
    return int(value) / 2 if value and value.isdigit() else 0.0


def _numbers(
    section: etree._Element,
    kind: str,
    before: str,
    after: str,
    switches: str,
    size: float,
    on_first: bool,
    justification: str | None,
) -> PageNumbers:
    size_of = section.find(w("pgSz"))
    margins = section.find(w("pgMar"))
    numbering = section.find(w("pgNumType"))

    def twips(node: etree._Element | None, name: str, default: int) -> float:
        value = None if node is None else node.get(w(name))
        return (int(value) if value and value.lstrip("-").isdigit() else default) / 20

    thai = "thaiarabic" in switches.lower().replace(" ", "") or (
        numbering is not None and numbering.get(w("fmt")) == "thaiNumbers"
    )
    align = {"center": "center", "right": "right", "end": "right"}.get(justification or "", "left")
    start = numbering.get(w("start")) if numbering is not None else None
    return PageNumbers(
        before=before,
        after=after,
        thai=thai,
        align=align,
        in_header=kind == "header",
        on_first_page=on_first,
        start=int(start) if start and start.isdigit() else 1,
        size=size or 16.0,
        page_width=twips(size_of, "w", 16838),
        page_height=twips(size_of, "h", 11906),
        margin_top=twips(margins, "top", 1440),
        margin_left=twips(margins, "left", 1440),
        margin_right=twips(margins, "right", 1440),
        distance=twips(margins, kind, 720),
    )


def add_glyph_page(root: etree._Element, numbers: PageNumbers, look: etree._Element) -> None:
    """A last page holding every character of a page number, formatted as the header's number."""
    body = root.find(w("body"))
    if body is None:
        return
    last = [child for child in body if child.tag == W_P]
    if last:  # a paragraph kept with the next would follow the extra page onto it
        properties = _properties(last[-1])
        for keep in properties.findall(w("keepNext")):
            properties.remove(keep)
        properties.insert(
            _after_style(properties), properties.makeelement(w("keepNext"), {W_VAL: "0"})
        )
    paragraph = copy.deepcopy(look)
    properties = _properties(paragraph)
    properties.insert(_after_style(properties), properties.makeelement(w("pageBreakBefore"), {}))
    run = paragraph.find(W_R)
    assert run is not None
    text = run.makeelement(W_T, {XML_SPACE: "preserve"})
    text.text = numbers.glyphs
    run.append(text)
    section = body.find(W_SECTPR)
    if section is None:
        body.append(paragraph)
    else:
        section.addprevious(paragraph)


def _properties(paragraph: etree._Element) -> etree._Element:
    properties = paragraph.find(W_PPR)
    if properties is None:
        properties = paragraph.makeelement(W_PPR, {})
        paragraph.insert(0, properties)
    return properties


def _after_style(properties: etree._Element) -> int:
    """Where ``w:keepNext`` or ``w:pageBreakBefore`` goes: after the style, if any."""
    style = properties.find(w("pStyle"))
    return 0 if style is None else list(properties).index(style) + 1


def xml_bytes(root: etree._Element) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data
