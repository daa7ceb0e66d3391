"""After Jinja: check a rendered part and give it its final form.

Every pass but the digits (``digits``) is here. Order matters: the XML must parse strictly
before anything else (docxtpl would parse with ``recover=True`` and silently drop whatever is
broken); merges are applied and their markers removed before the text checks (no text outside
``w:t``); line breaks typed in a cell become ``w:br``; digits are converted last, over the
finished text of each paragraph.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lxml import etree

from ita_report import __version__
from ita_report.ooxml import W_BR, W_T, WORD_NS, XML_SPACE, safe_parser, w
from ita_report.render.digits import (
    W_T_TEXTS,
    convert_digits,
    converter,
    set_page_number_format,
)
from ita_report.render.messages import MAX_QUOTE, quote_around, template_error
from ita_report.render.options import Digits
from ita_report.render.vmerge import MergeError, apply_vmerge

#: Strict (no ``recover``): a damaged part is an error, never silently repaired by dropping text.
#: Blank text between elements goes (the compiler's line starts); text inside ``w:t`` stays.
_PARSER = safe_parser(remove_blank_text=True)

_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
#: Document properties whose text is shown to readers (and so follows ``--digits``).
_SHOWN_PROPERTIES = (f"{_DC}title", f"{_DC}subject", f"{_DC}description")

#: ``docProps/app.xml`` of every report: the program that wrote it, the agency as the company.
#: No page or word counts: they would be the template's, and wrong.
APP_XML_TEMPLATE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
)
#: ``ita-report 0.1``: the application a report names, major and minor version.
APPLICATION = "ita-report " + ".".join(__version__.split(".")[:2])
#: Set (seconds since 1970) for reproducible builds: the reports' time stamps, instead of now.
SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


@dataclass(frozen=True)
class DocumentFacts:
    """What a report's properties say about it: its title, its agency, when it was built."""

    title: str
    subject: str
    agency: str
    built: datetime


def build_time() -> datetime:
    """Now, in UTC to the second; ``SOURCE_DATE_EPOCH`` when set to a number."""
    epoch = os.environ.get(SOURCE_DATE_EPOCH, "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def parse_strictly(text: str, template: Path | None) -> etree._Element:
    """Parse a rendered part; TemplateError, quoting the text near the damage, if it is broken."""
    try:
        return etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        raise template_error(
            "คำสั่งในแม่แบบทำให้โครงสร้างเอกสารเสียหาย (เช่น คำสั่ง {%tr %} หรือ {%p %}"
            " ที่เปิดและปิดไม่ครบคู่ หรืออยู่คนละแถวคนละย่อหน้า)",
            quote_around(text.splitlines(), error.lineno),
            str(error),
            template,
            near=True,
        ) from error


def finish_word_part(root: etree._Element, digits: Digits, template: Path | None) -> None:
    """Merges, checks, line breaks and digits of a document, header or footer part."""
    try:
        apply_vmerge(root)
    except MergeError as error:
        raise template_error(str(error), "", "vmerge", template) from error
    if (lost := drop_blank_find_stray(root)) is not None:
        raise template_error(
            "คำสั่งในแม่แบบวางข้อความไว้นอกย่อหน้า Word จะไม่แสดงข้อความนั้น"
            " (เช่น ใช้ {{p …}} หรือ {{r …}} กับข้อความธรรมดา ให้ใช้ {{ … }})",
            lost[:MAX_QUOTE],
            "text outside w:t",
            template,
            near=True,
        )
    # One look for the text of every w:t serves both passes. The digits pass needs only the
    # paragraphs whose text holds a digit, and a line break splits a text within its paragraph:
    # the texts as they were before the split name the same paragraphs (a second look took
    # 90 ms of a 7,200-method build).
    texts = W_T_TEXTS(root)
    apply_line_breaks(root, texts)
    convert_digits(root, digits, texts)
    set_page_number_format(root, digits)


def finish_properties(root: etree._Element, digits: Digits, facts: DocumentFacts) -> None:
    """Core properties that tell the truth: this report's title, subject and agency, the time of
    the build (a template's own dates and authors are replaced), shown text in the report's digits.
    """
    stamp = facts.built.strftime("%Y-%m-%dT%H:%M:%SZ")
    _set_property(root, f"{_DC}title", facts.title)
    _set_property(root, f"{_DC}subject", facts.subject)
    _set_property(root, f"{_DC}creator", facts.agency)
    _set_property(root, f"{_CP}lastModifiedBy", facts.agency)
    _set_property(root, f"{_CP}revision", "1")
    for tag in ("created", "modified"):
        _set_property(root, f"{_DCTERMS}{tag}", stamp).set(_XSI_TYPE, "dcterms:W3CDTF")
    for stale in root.findall(f"{_CP}lastPrinted"):
        root.remove(stale)
    convert = converter(digits)
    for node in root:
        if node.tag in _SHOWN_PROPERTIES and node.text:
            node.text = convert(node.text)


def application_properties(facts: DocumentFacts) -> bytes:
    """``docProps/app.xml`` of a report: ita-report X.Y wrote it, for this agency."""
    text = APP_XML_TEMPLATE.format(
        application=APPLICATION, company=html.escape(facts.agency, quote=False)
    )
    return text.encode("utf-8")


def _set_property(root: etree._Element, tag: str, value: str) -> etree._Element:
    node = root.find(tag)
    if node is None:
        node = etree.SubElement(root, tag)
    node.text = value
    return node


# --- text between elements, and text where Word shows none ---------------------------------
# The compiler's line starts leave white space between elements: it goes. Word shows text only
# inside ``w:t`` (and field codes inside ``w:instrText``). Some docxtpl tags print a value
# straight into the XML between paragraphs or runs (``{{p x }}``, ``{{r x }}`` are meant for
# prepared Word XML, not for plain text); the result is well-formed, so the strict parse accepts
# it, but Word would drop that text without a word. Finding it turns a silently shortened report
# into an error. One look at the text nodes serves both: each walk of a 7,200-method document
# (12 MB) took 60 ms, 20 times the walk of a tenth of it.

#: Containers whose own text or whose children's tails would be lost.
_CONTAINER_TAGS = ("body", "p", "r", "tbl", "tr", "tc", "hdr", "ftr")
_CONTAINERS = frozenset(w(tag) for tag in _CONTAINER_TAGS)

#: Every text node outside a ``w:t`` or beside another node (a tail, or the text of an element
#: with children), in document order, as strings that know their element. The text of a
#: childless ``w:t`` (nearly all the text) never reaches Python.
_OUTSIDE_OR_BETWEEN = etree.XPath(
    "descendant::text()[not(parent::w:t) or ../node()[not(self::text())]]",
    namespaces={"w": WORD_NS},
)


def drop_blank_find_stray(root: etree._Element) -> str | None:
    """Remove white space between elements; return the first text Word would not show, if any.

    Only text *between* elements goes (a tail, or the text of an element with children); the
    text of a ``w:t`` without children is never touched, so a cell holding only spaces keeps
    them. The text returned is the first (in document order) directly inside a paragraph, run,
    table, row, cell, body, header or footer.
    """
    for text in _OUTSIDE_OR_BETWEEN(root):
        holder = text.getparent()
        if not text.strip():
            if text.is_tail:
                holder.tail = None
            elif len(holder):
                holder.text = None
            continue
        # The element the text is in: a tail's is that of the element it follows.
        container = holder.getparent() if text.is_tail else holder
        if container is not None and container.tag in _CONTAINERS:
            return str(text).strip()
    return None


# --- line breaks ------------------------------------------------------------------------------
# Line breaks typed in a cell (Alt+Enter) become line breaks in Word. Word ignores a newline
# character inside ``w:t``; a line break is a ``w:br`` element between two pieces of text in the
# same run, which keeps the run's formatting on both lines.


def apply_line_breaks(root: etree._Element, texts: list[Any] | None = None) -> None:
    """Split every text node at its newlines (``\\n``, ``\\r\\n``, ``\\r``) with ``w:br``.

    ``texts``: :data:`~ita_report.render.digits.W_T_TEXTS` of ``root``, when the caller has it
    (the digits pass needs it too).
    """
    if texts is None:
        texts = W_T_TEXTS(root)
    for found in texts:
        # The text of a w:t itself (a tail inside one is not its text), holding a newline.
        if found.is_tail or ("\n" not in found and "\r" not in found):
            continue
        text_node = found.getparent()
        text = text_node.text
        if not text or ("\n" not in text and "\r" not in text):
            continue
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        text_node.text = lines[0]
        text_node.set(XML_SPACE, "preserve")
        anchor = text_node
        for line in lines[1:]:
            brk = text_node.makeelement(W_BR, {})
            piece = text_node.makeelement(W_T, {XML_SPACE: "preserve"})
            piece.text = line
            anchor.addnext(brk)
            brk.addnext(piece)
            anchor = piece
