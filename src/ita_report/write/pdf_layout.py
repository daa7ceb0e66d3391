"""Where LibreOffice put the table's rows, and the measure titles carried over with ``(ต่อ)``.

The copy converted (:mod:`ita_report.write.pdf_copy`) has a bookmark in every table row, in every
cell that continues a merged cell, and in the text of each merged cell laid out alone, with
``(ต่อ)``, on an extra page at the end; LibreOffice exports them as named destinations, which say
on which page, and where, each one landed.

* :func:`read_layout`: the rows that continue a merged cell and begin a page (they need the title
  with ``(ต่อ)``), and which of those have too little room for it, so that the title must be
  written into the cell and the report converted again (its row grows).
* :func:`place_titles`: the title of each such row is drawn from its extra page into the empty
  cell, at the cell's text position (LibreOffice's own glyphs, nothing re-typeset), and the foot
  of the table on the page before is closed where the merged cells had no border.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

from ita_report.write.pdf_copy import BOOKMARK_PREFIX, CELL_PREFIX, SNIPPET_PREFIX, CopyFacts

#: A title needs its text height and this much below the last baseline (a fraction of the size).
_DESCENT = 0.45
_SEGMENT_TOLERANCE = 0.6  # points


@dataclass(frozen=True)
class Mark:
    """Where a bookmark landed: page index, and the top-left of its line (PDF points)."""

    page: int
    left: float
    top: float


@dataclass(frozen=True)
class Layout:
    """What one conversion's PDF says about the rows that continue a merged cell."""

    #: Rows that continue a merged cell and are the first row of their table on a page.
    starts: frozenset[int]
    #: Of those not already written, the rows whose title would not fit in the room there.
    too_tall: frozenset[int]


def marks(reader: PdfReader) -> dict[str, Mark]:
    """Every named destination of the copy's bookmarks."""
    found: dict[str, Mark] = {}
    try:
        destinations = reader.named_destinations
    except (PyPdfError, KeyError, ValueError, TypeError):
        return found
    for name, destination in destinations.items():
        key = str(name).lstrip("/")
        if not key.startswith((BOOKMARK_PREFIX, CELL_PREFIX, SNIPPET_PREFIX)):
            continue
        try:
            page = reader.get_destination_page_number(destination)
            left, top = float(destination.left or 0), float(destination.top or 0)
        except (PyPdfError, KeyError, ValueError, TypeError):
            continue
        if page is not None and page >= 0:
            found[key] = Mark(page, left, top)
    return found


def read_layout(reader: PdfReader, copy: CopyFacts, written: Iterable[int] = ()) -> Layout:
    """The rows that need ``(ต่อ)``, and those of them (not ``written``) too short for it."""
    found = marks(reader)
    rows = _row_marks(found)
    first: dict[tuple[int, int], int] = {}
    for row, mark in rows.items():
        key = (copy.tables.get(row, 0), mark.page)
        first[key] = min(first.get(key, row), row)
    starts = frozenset(row for row in first.values() if row in copy.continues)
    done = set(written)
    too_tall = frozenset(
        row
        for row in starts - done
        if any(not _fits(reader, copy, found, rows, row, column) for column in copy.continues[row])
    )
    return Layout(starts, too_tall)


def _row_marks(found: dict[str, Mark]) -> dict[int, Mark]:
    rows: dict[int, Mark] = {}
    for key, mark in found.items():
        number = key[len(BOOKMARK_PREFIX) :]
        if key.startswith(BOOKMARK_PREFIX) and number.isdigit():
            rows[int(number)] = mark
    return rows


def _fits(
    reader: PdfReader,
    copy: CopyFacts,
    found: dict[str, Mark],
    rows: dict[int, Mark],
    row: int,
    column: int,
) -> bool:
    """Whether the title fits between the row's top and the end of its merged cell on the page."""
    origin = copy.continues[row][column]
    target = found.get(f"{CELL_PREFIX}{row}x{column}")
    snippet = found.get(f"{SNIPPET_PREFIX}{origin}x{column}")
    if target is None or snippet is None:
        return False
    height = snippet.top - _lowest_text(reader.pages[snippet.page])
    below = [
        mark.top
        for number, mark in rows.items()
        if number > row
        and mark.page == target.page
        and copy.tables.get(number) == copy.tables.get(row)
        and copy.continues.get(number, {}).get(column) != origin
    ]
    if below:
        bottom = max(below)
    else:
        segments = _horizontal_segments(reader.pages[target.page])
        page_bottom = float(reader.pages[target.page].mediabox.bottom)
        bottom = min((segment[0] for segment in segments), default=page_bottom)
    return target.top - height >= bottom


def _lowest_text(page: Any) -> float:
    """The lowest point of the page's text: its last baseline less a descent."""
    lowest = [y - _DESCENT * size for y, size in text_baselines(page)]
    return min(lowest, default=float(page.mediabox.bottom))


# LibreOffice writes each piece of text as ``BT x y Td /F1 16 Tf …`` or ``1 0 0 1 x y Tm`` and
# each border as ``q 0.5 w … x y m x y l S Q`` in page space; reading these with a pattern is
# a hundred times faster than pypdf's interpreter, which is the fallback for any other writer.
_TEXT_AT = re.compile(
    rb"(?:(?P<tx>-?[\d.]+) (?P<ty>-?[\d.]+) Td|1 0 0 1 (?P<mx>-?[\d.]+) (?P<my>-?[\d.]+) Tm)"
    rb"\s*/\S+ (?P<size>[\d.]+) Tf"
)
_LINE = re.compile(
    rb"(?P<width>[\d.]+) w\b|(?P<x1>-?[\d.]+) (?P<y1>-?[\d.]+) m\s+"
    rb"(?P<x2>-?[\d.]+) (?P<y2>-?[\d.]+) l\s+S"
)


def page_content(page: Any) -> bytes:
    """The page's content streams, decoded, without pypdf parsing them into operations."""
    try:
        contents = page.get("/Contents")
        if contents is None:
            return b""
        contents = contents.get_object()
        streams = list(contents) if isinstance(contents, ArrayObject) else [contents]
        return b"\n".join(bytes(stream.get_object().get_data()) for stream in streams)
    except (PyPdfError, KeyError, ValueError, TypeError):
        return b""


def text_baselines(page: Any) -> list[tuple[float, float]]:
    """(baseline y, font size) of each piece of text on the page."""
    found = [
        (float(match["ty"] or match["my"]), float(match["size"]))
        for match in _TEXT_AT.finditer(page_content(page))
    ]
    if found:
        return found

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            found.append((tm[5] * cm[3] + tm[4] * cm[1] + cm[5], size * abs(tm[3] * cm[3] or 1)))

    try:
        page.extract_text(visitor_text=visit)
    except (PyPdfError, KeyError, ValueError, TypeError):
        return []
    return found


def _horizontal_segments(page: Any) -> list[tuple[float, float, float, float]]:
    """(y, x from, x to, line width) of every horizontal line the page strokes (its borders)."""
    key = id(page)
    if key in _SEGMENTS and _SEGMENTS[key][0] is page:
        return _SEGMENTS[key][1]
    segments: list[tuple[float, float, float, float]] = []
    width = 1.0
    for match in _LINE.finditer(page_content(page)):
        if match["width"] is not None:
            width = float(match["width"])
            continue
        x1, y1 = float(match["x1"]), float(match["y1"])
        x2, y2 = float(match["x2"]), float(match["y2"])
        if abs(y1 - y2) < 0.01:
            segments.append((y1, min(x1, x2), max(x1, x2), width))
    if len(_SEGMENTS) > 64:
        _SEGMENTS.clear()
    _SEGMENTS[key] = (page, segments)
    return segments


#: The segments of the pages read last (a page is looked at for each row on it).
_SEGMENTS: dict[int, tuple[Any, list[tuple[float, float, float, float]]]] = {}


def place_titles(
    writer: PdfWriter,
    reader: PdfReader,
    copy: CopyFacts,
    written: Iterable[int],
    layout: Layout | None = None,
) -> None:
    """Draw the carried-over titles into the rows that begin a page (those not ``written``),
    and close the table's foot on the page before each of them."""
    found = marks(reader)
    layout = layout or read_layout(reader, copy, written)
    closed: set[int] = set()
    forms: dict[int, Any] = {}
    for row in sorted(layout.starts):
        target_page = found[f"{BOOKMARK_PREFIX}{row}"].page
        if target_page - 1 >= 0 and target_page - 1 not in closed:
            closed.add(target_page - 1)
            _close_foot(writer, writer.pages[target_page - 1])
        if row in set(written):
            continue
        for column, origin in copy.continues[row].items():
            target = found.get(f"{CELL_PREFIX}{row}x{column}")
            snippet = found.get(f"{SNIPPET_PREFIX}{origin}x{column}")
            if target is None or snippet is None:
                continue
            if snippet.page not in forms:
                forms[snippet.page] = _title_form(writer, writer.pages[snippet.page], snippet)
            name = f"/ItaTitle{snippet.page}"
            page = writer.pages[target.page]
            resources = page.get("/Resources")
            resources = DictionaryObject() if resources is None else resources.get_object()
            page[NameObject("/Resources")] = resources
            objects = resources.get("/XObject")
            objects = DictionaryObject() if objects is None else objects.get_object()
            objects[NameObject(name)] = forms[snippet.page]
            resources[NameObject("/XObject")] = objects
            dx, dy = target.left - snippet.left, target.top - snippet.top
            drawing = f"q 1 0 0 1 {dx:.3f} {dy:.3f} cm {name} Do Q"
            _wrap(writer, page, b"q\n", b"\nQ\n" + drawing.encode("ascii") + b"\n")


def _title_form(writer: PdfWriter, page: Any, snippet: Mark) -> Any:
    """The title of a snippet page as a form, clipped to the title (not a header or footer a
    template may print on that page)."""
    bottom = _lowest_text(page) - 2
    top = snippet.top + 4
    left = snippet.left - 4
    right = float(page.mediabox.right)
    clip = f"{left:.2f} {bottom:.2f} {right - left:.2f} {top - bottom:.2f} re W n\n"
    form = DecodedStreamObject()
    form.set_data(clip.encode("ascii") + page_content(page))
    box = page.mediabox
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [
                    FloatObject(box.left),
                    FloatObject(box.bottom),
                    FloatObject(box.right),
                    FloatObject(box.top),
                ]
            ),
            NameObject("/Resources"): page.raw_get("/Resources"),
        }
    )
    return writer._add_object(form)


def _close_foot(writer: PdfWriter, page: Any) -> None:
    """Stroke the missing part of the lowest horizontal border, from the table's left edge."""
    segments = _horizontal_segments(page)
    if not segments:
        return
    left = min(segment[1] for segment in segments)
    right = max(segment[2] for segment in segments)
    bottom = min(segment[0] for segment in segments)
    covered = sorted((a, b) for y, a, b, _ in segments if abs(y - bottom) < _SEGMENT_TOLERANCE)
    gaps: list[tuple[float, float]] = []
    position = left
    for start, end in covered:
        if start - position > _SEGMENT_TOLERANCE:
            gaps.append((position, start))
        position = max(position, end)
    if right - position > _SEGMENT_TOLERANCE:
        gaps.append((position, right))
    if not gaps:
        return
    width = next(w for y, _, _, w in segments if abs(y - bottom) < _SEGMENT_TOLERANCE)
    drawing = " ".join(f"{a:.3f} {bottom:.3f} m {b:.3f} {bottom:.3f} l S" for a, b in gaps)
    data = f"q {width:g} w 0 0 0 RG {drawing} Q".encode("ascii")
    _wrap(writer, page, b"q\n", b"\nQ\n" + data + b"\n")


def _wrap(writer: PdfWriter, page: Any, head: bytes, tail: bytes) -> None:
    """Put ``head`` before the page's content and ``tail`` after it."""
    before = DecodedStreamObject()
    before.set_data(head)
    after = DecodedStreamObject()
    after.set_data(tail)
    contents = page.get("/Contents")
    existing: list[Any] = []
    if contents is not None:
        resolved = contents.get_object()
        existing = (
            list(resolved) if isinstance(resolved, ArrayObject) else [page.raw_get("/Contents")]
        )
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *existing, writer._add_object(after)]
    )
