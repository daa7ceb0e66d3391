"""Refuse a rendered part whose text sits where Word does not show text.

Word shows text only inside ``w:t`` (and field codes inside ``w:instrText``). Some docxtpl tags
print a value straight into the XML between paragraphs or runs (``{{p x }}``, ``{{r x }}`` are
meant for prepared Word XML, not for plain text); the result is well-formed, so the strict parse
accepts it, but Word would drop that text without a word. Finding it is cheap, and turns a
silently shortened report into an error.
"""

from __future__ import annotations

from lxml import etree

from ita_report.render.ooxml import w

#: Containers whose own text or whose children's tails would be lost.
_CONTAINERS = frozenset(w(tag) for tag in ("body", "p", "r", "tbl", "tr", "tc", "hdr", "ftr"))


def stray_text(root: etree._Element) -> str | None:
    """The first text found outside any text element, or None if there is none."""
    for element in root.iter():
        if element.tag not in _CONTAINERS:
            continue
        texts = [element.text, *(child.tail for child in element)]
        for text in texts:
            if text and text.strip():
                return str(text).strip()
    return None
