"""After Jinja: check a rendered part and give it its final form.

Order matters: the XML must parse strictly before anything else (docxtpl would parse with
``recover=True`` and silently drop whatever is broken); merges are applied and their markers
removed before the text checks; digits are converted last, over the finished text of each
paragraph.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ita_report.render.digits import convert_digits, converter, set_page_number_format
from ita_report.render.linebreaks import apply_line_breaks
from ita_report.render.options import Digits
from ita_report.render.problems import MAX_QUOTE, quote_around, template_problem
from ita_report.render.structure import stray_text
from ita_report.render.vmerge import MergeProblem, apply_vmerge

#: Strict (no ``recover``): a damaged part is an error, never silently repaired by dropping text.
#: Blank text between elements goes (the compiler's line starts); text inside ``w:t`` stays.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)

_DC = "{http://purl.org/dc/elements/1.1/}"
#: Document properties whose text is shown to readers (and so follows ``--digits``).
_SHOWN_PROPERTIES = (f"{_DC}title", f"{_DC}subject", f"{_DC}description")


def parse_strictly(text: str, template: Path | None) -> etree._Element:
    """Parse a rendered part; TemplateProblem, quoting the text near the damage, if it is broken."""
    try:
        return etree.fromstring(text.encode("utf-8"), _PARSER)
    except etree.XMLSyntaxError as error:
        raise template_problem(
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
    except MergeProblem as error:
        raise template_problem(str(error), "", "vmerge", template) from error
    _drop_blank_text(root)
    if (lost := stray_text(root)) is not None:
        raise template_problem(
            "คำสั่งในแม่แบบวางข้อความไว้นอกย่อหน้า Word จะไม่แสดงข้อความนั้น"
            " (เช่น ใช้ {{p …}} หรือ {{r …}} กับข้อความธรรมดา ให้ใช้ {{ … }})",
            lost[:MAX_QUOTE],
            "text outside w:t",
            template,
            near=True,
        )
    apply_line_breaks(root)
    convert_digits(root, digits)
    set_page_number_format(root, digits)


def finish_properties(root: etree._Element, digits: Digits) -> None:
    """The document title and subject in the report's digits."""
    convert = converter(digits)
    for node in root:
        if node.tag in _SHOWN_PROPERTIES and node.text:
            node.text = convert(node.text)


def _drop_blank_text(root: etree._Element) -> None:
    """Remove white space between elements, such as the compiler's line starts.

    Only text *between* elements goes; the text of ``w:t`` (an element without children) is
    never touched, so a cell holding only spaces keeps them.
    """
    for node in root.iter():
        if node.tail is not None and not node.tail.strip():
            node.tail = None
        if len(node) and node.text is not None and not node.text.strip():
            node.text = None
