"""Reading a report's PDF as a reader sees it: words with their boxes, page by page (pdftotext).

Nothing here is a test. The checks are what a clerk checks on paper: a number ``- ๒ -`` in the
top margin of every page from the second, and, on a page whose first row carries on a measure
from the page before, that measure's title with ``(ต่อ)`` in the first column.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ita_report.model import Plan
from ita_report.thai import to_thai_digits
from tests.pdf_helpers import poppler

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_LABEL = re.compile(r"^([0-9๐-๙]+)\.")


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: tuple[Word, ...]


def pages(pdf: Path) -> list[Page]:
    """Every page with its words, top to bottom (PDF points, y down from the top)."""
    found = []
    for width, height, body in _PAGE.findall(poppler("pdftotext", "-bbox", str(pdf), "-")):
        words = tuple(
            Word(html.unescape(text), float(a), float(b), float(c), float(d))
            for a, b, c, d, text in _WORD.findall(body)
        )
        found.append(Page(float(width), float(height), words))
    return found


@dataclass(frozen=True)
class Geometry:
    """From the .docx: margins and the first column's right edge, in points."""

    top: float
    left: float
    right: float
    first_column_right: float


def geometry(docx: Path) -> Geometry:
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    margins = root.find(f".//{W}body/{W}sectPr/{W}pgMar")
    assert margins is not None
    column = root.find(f".//{W}tblGrid/{W}gridCol")
    assert column is not None
    left = int(margins.get(f"{W}left")) / 20
    return Geometry(
        top=int(margins.get(f"{W}top")) / 20,
        left=left,
        right=int(margins.get(f"{W}right")) / 20,
        first_column_right=left + int(column.get(f"{W}w")) / 20,
    )


def page_number_text(number: int, *, thai: bool) -> str:
    text = f"- {number} -"
    return to_thai_digits(text) if thai else text


def check_page_numbers(found: list[Page], where: Geometry, *, thai: bool) -> None:
    """No number on the first page; ``- n -`` centred in the top margin of every other page."""
    for number, page in enumerate(found, 1):
        in_margin = [word for word in page.words if word.bottom <= where.top]
        if number == 1:
            assert in_margin == [], f"page 1 carries {in_margin}"
            continue
        text = " ".join(word.text for word in sorted(in_margin, key=lambda word: word.left))
        assert text == page_number_text(number, thai=thai), f"page {number}: {text!r}"
        middle = (min(w.left for w in in_margin) + max(w.right for w in in_margin)) / 2
        centre = (where.left + page.width - where.right) / 2
        assert abs(middle - centre) < 3, f"page {number}: number at {middle}, centre {centre}"


def _header_bottom(page: Page, where: Geometry) -> float | None:
    """The bottom of the repeated header row: its ``…แนวทาง`` heading in the first column."""
    heads = [
        word
        for word in page.words
        if word.text.endswith("แนวทาง") and word.right <= where.first_column_right + 1
    ]
    return min((word.bottom for word in heads), default=None)


def measure_titles(plan: Plan, *, thai: bool) -> dict[int, str]:
    """Measure number → its label as printed, without spaces (``๕.การแก้ไขปัญหาการทุจริต``)."""
    convert = to_thai_digits if thai else str
    return {
        measure.no: convert(re.sub(r"\s+", "", f"{measure.no}. {measure.title}"))
        for measure in plan.measures
    }


def continued_pages(found: list[Page], where: Geometry, plan: Plan, *, thai: bool) -> list[int]:
    """Check every page whose first row carries on a measure; return their numbers.

    A page's first row continues a measure when its method label (first word of the second
    column under the header) is not ``1.``; its first column must then start with the title of
    the measure last named in the first column of the pages before, followed by ``(ต่อ)``.
    """
    titles = measure_titles(plan, thai=thai)
    one = "๑." if thai else "1."
    current: int | None = None
    continued: list[int] = []
    for number, page in enumerate(found, 1):
        bottom = _header_bottom(page, where)
        if bottom is None:
            continue
        below = sorted(
            (word for word in page.words if word.top > bottom),
            key=lambda word: (round(word.top), word.left),
        )
        first_column = [word for word in below if word.right <= where.first_column_right + 1]
        methods = [word for word in below if word.left > where.first_column_right]
        if not methods:
            continue
        first_label = methods[0].text
        start = "".join(word.text for word in first_column)
        if _LABEL.match(first_label) and not first_label.startswith(one):
            assert current is not None, f"page {number} continues a measure never named"
            expected = titles[current] + "(ต่อ)"
            assert start.startswith(expected), f"page {number}: {start[:60]!r} ≠ {expected!r}"
            continued.append(number)
        else:
            assert "(ต่อ)" not in start[:40], f"page {number} starts a measure with (ต่อ)"
        for word in first_column:
            label = _LABEL.match(word.text)
            if label and word.left <= where.left + 12:
                digits = label.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
                if int(digits) in titles:
                    current = int(digits)
    return continued


def docx_bytes_part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)
