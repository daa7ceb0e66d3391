"""The last pass: every digit of the report in Thai (or Arabic), except in web and e-mail addresses.

Digits come from the template's own text as well as from the data, and Word splits text into
runs wherever formatting or editing history changes, so an address can be cut over several
``w:t`` nodes (``www.`` + ``patho.go.th``). The pass therefore reads each paragraph's text as a
whole, converts it, and writes it back node by node; digit conversion never changes the length,
so every node keeps its own slice.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any

from lxml import etree

from ita_report.ooxml import (
    W_BR,
    W_CR,
    W_FMT,
    W_P,
    W_PGNUMTYPE,
    W_SECTPR,
    W_T,
    W_TAB,
    WORD_NS,
    w,
)
from ita_report.render.options import Digits
from ita_report.thai import HAS_ARABIC_DIGIT, HAS_THAI_DIGIT, to_arabic_digits, to_thai_digits

_SEPARATORS = (W_BR, W_CR, W_TAB)
#: The text of every ``w:t``, as strings that know their element (``getparent``, ``is_tail``),
#: in document order: libxml2 finds them faster than a walk over the elements from Python.
W_T_TEXTS = etree.XPath("//w:t/text()", namespaces={"w": WORD_NS})
#: What may follow ``w:pgNumType`` in ``w:sectPr`` (schema order), to insert it in its place.
_AFTER_PGNUMTYPE = tuple(
    w(tag)
    for tag in (
        "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
        "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    )
)  # fmt: skip


def converter(digits: Digits) -> Callable[[str], str]:
    """The report's digits for any text: ``to_thai_digits`` or ``to_arabic_digits``."""
    return to_thai_digits if digits is Digits.THAI else to_arabic_digits


def convert_digits(root: etree._Element, digits: Digits, texts: list[Any] | None = None) -> None:
    """Convert the digits of every paragraph under ``root``, addresses left as they are.

    ``texts``: :data:`W_T_TEXTS` of ``root``, when the caller has it already; found before
    the line-break pass split some of them is as good: only the paragraphs they are in count.
    """
    convert = converter(digits)
    to_convert = HAS_ARABIC_DIGIT if digits is Digits.THAI else HAS_THAI_DIGIT
    if texts is None:
        texts = W_T_TEXTS(root)
    # Only the paragraphs with a digit to convert in their text are read whole; a dict takes each of them
    # once (however many of its texts hold digits), in document order.
    with_digits = dict.fromkeys(
        _paragraph_of(text.getparent()) for text in texts if to_convert.search(text)
    )
    for paragraph in with_digits:
        if paragraph is None:
            continue
        nodes: list[etree._Element | None] = []
        pieces: list[str] = []
        # A paragraph nested in a text box is converted on its own: its text is skipped here.
        nested = next(islice(paragraph.iter(W_P), 1, None), None) is not None
        for node in paragraph.iter(W_T, *_SEPARATORS):
            if nested and _paragraph_of(node) is not paragraph:
                continue
            if node.tag == W_T:
                nodes.append(node)
                pieces.append(node.text or "")
            else:  # a break ends an address as a space would
                nodes.append(None)
                pieces.append(" ")
        original = "".join(pieces)
        converted = convert(original)
        if converted == original:
            continue
        offset = 0
        for node, piece in zip(nodes, pieces, strict=True):
            if node is not None and piece:
                node.text = converted[offset : offset + len(piece)]
            offset += len(piece)


def _paragraph_of(node: etree._Element) -> etree._Element | None:
    return next(node.iterancestors(W_P), None)


def set_page_number_format(root: etree._Element, digits: Digits) -> None:
    """Page numbers (Word computes them) in the same digits as the text.

    Only the two plain formats are switched; a user who chose roman numerals keeps them.
    """
    for section in root.iter(W_SECTPR):
        numbering = section.find(W_PGNUMTYPE)
        current = None if numbering is None else numbering.get(W_FMT)
        if digits is Digits.THAI and current in (None, "decimal"):
            if numbering is None:
                numbering = section.makeelement(W_PGNUMTYPE, {})
                _insert_in_order(section, numbering)
            numbering.set(W_FMT, "thaiNumbers")
        elif digits is Digits.ARABIC and numbering is not None and current == "thaiNumbers":
            numbering.set(W_FMT, "decimal")


def _insert_in_order(section: etree._Element, element: etree._Element) -> None:
    following = next((child for child in section if child.tag in _AFTER_PGNUMTYPE), None)
    if following is None:
        section.append(element)
    else:
        following.addprevious(element)
