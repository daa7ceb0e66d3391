"""Line breaks typed in a cell (Alt+Enter) become line breaks in Word.

Word ignores a newline character inside ``w:t``; a line break is a ``w:br`` element between two
pieces of text in the same run, which keeps the run's formatting on both lines.
"""

from __future__ import annotations

from lxml import etree

from ita_report.render.ooxml import W_BR, W_T, XML_SPACE


def apply_line_breaks(root: etree._Element) -> None:
    """Split every text node at its newlines (``\\n``, ``\\r\\n``, ``\\r``) with ``w:br``."""
    for text_node in list(root.iter(W_T)):
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
