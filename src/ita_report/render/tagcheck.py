"""Refuse a template whose tags are not closed within their paragraph.

docxtpl glues a tag back together by deleting every piece of XML between ``{{`` and the next
``}}``. A tag missing its closing braces (``{{ agency_line }``) therefore swallows the paragraphs
up to the next tag, and Jinja, seeing valid code, renders a report with those paragraphs gone and
no error. Checking each paragraph's own text first turns that silent loss into a clear message.
"""

from __future__ import annotations

import re

from lxml import etree

from ita_report.render.ooxml import W_P, W_T

_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def unclosed_tags(root: etree._Element) -> list[tuple[str, str]]:
    """(opening delimiter, paragraph text) for each paragraph that leaves a tag open."""
    found: list[tuple[str, str]] = []
    for paragraph in root.iter(W_P):
        text = "".join(
            node.text or ""
            for node in paragraph.iter(W_T)
            if next(node.iterancestors(W_P), None) is paragraph
        )
        opened = _first_unclosed(text)
        if opened is not None:
            found.append((opened, text))
    return found


def _first_unclosed(text: str) -> str | None:
    opened: str | None = None
    for match in _DELIMITER.finditer(text):
        token = match.group()
        if token in CLOSER:
            if opened is not None:
                return opened  # a new tag starts before the last one closed
            opened = token
        elif opened is not None and token == CLOSER[opened]:
            opened = None
    return opened
