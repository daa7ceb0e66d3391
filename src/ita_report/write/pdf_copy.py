"""The copy of a report that LibreOffice converts to PDF, prepared so that the PDF comes out right.

The .docx a clerk opens in Word stays as it is; the copy converted differs in what LibreOffice
would otherwise print wrong:

* **Merged cells.** LibreOffice keeps the rows of a vertically merged cell together on one page
  whenever they fit on the next, leaving most of a page empty; Word does not. In the copy every
  merge becomes separate cells that look merged (no border between them), so that rows flow page
  by page as Word lays them out, and each row carries a bookmark, which LibreOffice exports as a
  named destination: the PDF then says on which page each row landed.
* **Continued measures.** Each merged cell's text with ``(ต่อ)`` is laid out on a page of its
  own after the report (``ItaSnip`` bookmarks), in a borderless one-cell table as wide as the
  cell, so that :mod:`ita_report.write.pdf_layout` can draw it into the first row of each page
  the merged cell runs on to, as the seed report does (``๕. การแก้ไขปัญหาการทุจริต (ต่อ)``).
  Where that row is too short for it, :meth:`Copy.converted` writes the text into the cell
  instead, and closes the border at the foot of the page before, for one more conversion.
* **Page numbers.** LibreOffice cannot print Thai page numbers, so the copy has none; see
  :mod:`ita_report.write.pdf_numbers`.

A file that is no readable .docx is converted as it is (:func:`prepare` returns None).
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from ita_report.ooxml import (
    W_P,
    W_PPR,
    W_R,
    W_T,
    W_TC,
    W_TCPR,
    W_VAL,
    W_VMERGE,
    XML_SPACE,
    parse_or_none,
    parse_part,
    w,
    write_zip,
)
from ita_report.write.pdf_numbers import (
    REL,
    PageNumbers,
    add_glyph_page,
    header_parts,
    take_page_numbers,
    xml_bytes,
)

#: Bookmarks named ``ItaRow<n>`` mark the n-th table row (counted over the body's tables),
#: ``ItaCell<n>x<c>`` the cell of row n in grid column c that continues a merge, and
#: ``ItaSnip<n>x<c>`` the text of the merged cell that starts in row n, column c, with (ต่อ), laid
#: out alone on an extra page at the end, ready to be placed in a continuing cell.
BOOKMARK_PREFIX = "ItaRow"
CELL_PREFIX = "ItaCell"
SNIPPET_PREFIX = "ItaSnip"
CONTINUED = " (ต่อ)"
#: What may follow ``w:tcBorders`` inside ``w:tcPr`` (schema order).
_AFTER_BORDERS = tuple(
    w(tag)
    for tag in (
        "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
        "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
    )
)  # fmt: skip
_BORDER_ORDER = ("top", "start", "left", "bottom", "end", "right", "insideH", "insideV")


@dataclass(frozen=True)
class CopyFacts:
    """What the PDF step needs to know of a copy, without its XML (it crosses processes)."""

    continues: Mapping[int, Mapping[int, int]]
    tables: Mapping[int, int]
    numbers: PageNumbers | None
    snippets: tuple[tuple[int, int], ...]
    thai_fonts: tuple[str, ...]

    @property
    def extra_pages(self) -> int:
        """Pages at the end of the PDF that are not the report's: snippets, then the glyphs."""
        return len(self.snippets) + (self.numbers is not None)


@dataclass
class Copy:
    """A report's .docx taken apart once, and written again for each conversion."""

    parts: dict[str, bytes]
    document_name: str
    root: etree._Element
    #: For each bookmarked row: the rows above it whose cells it continues, by grid column.
    continues: dict[int, dict[int, int]] = field(default_factory=dict)
    #: Every bookmarked row, in order, with its table: {row number: table number}.
    tables: dict[int, int] = field(default_factory=dict)
    numbers: PageNumbers | None = None
    #: The merged cells (row, column) whose text is laid out on an extra page, in page order.
    snippets: list[tuple[int, int]] = field(default_factory=list)
    #: The Thai (complex-script) fonts the report asks for, to check the PDF's against.
    thai_fonts: tuple[str, ...] = ()

    @property
    def facts(self) -> CopyFacts:
        return CopyFacts(
            self.continues, self.tables, self.numbers, tuple(self.snippets), self.thai_fonts
        )

    def converted(self, starts: Iterable[int] = ()) -> bytes:
        """The .docx to convert: ``(ต่อ)`` in the rows in ``starts`` (rows that begin a page)."""
        starts = set(starts)
        if not starts:
            return write_zip({**self.parts, self.document_name: xml_bytes(self.root)}.items())
        root = copy.deepcopy(self.root)
        rows = {int(node.get(w("name"), "")[len(BOOKMARK_PREFIX) :]): node for node in _marks(root)}
        for number in sorted(set(starts)):
            if number not in self.continues or number not in rows:
                continue
            row = _row_of(rows[number])
            for column, origin in self.continues[number].items():
                above = _row_of(rows[origin]) if origin in rows else None
                _write_continued(row, above, column)
                previous = _row_of(rows[number - 1]) if number - 1 in rows else None
                if previous is not None:
                    _set_border(_cell_at(previous, column), "bottom", single=True)
        parts = dict(self.parts)
        parts[self.document_name] = xml_bytes(root)
        return write_zip(parts.items())


def prepare(data: bytes) -> Copy | None:
    """The copy of a .docx to convert, or None when the file is no .docx we can read."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        document_name = _document_name(parts)
        root = parse_part(parts[document_name])
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, etree.XMLSyntaxError):
        return None
    result = Copy(parts, document_name, root, thai_fonts=_thai_fonts(parts, root))
    _unmerge(result)
    _add_snippets(result)
    headers = header_parts(parts, document_name, root)
    taken = take_page_numbers(parts, headers, root)
    if taken is not None:
        result.numbers, look = taken
        add_glyph_page(root, result.numbers, look)
    return result


# --- merges -------------------------------------------------------------------------------


def _unmerge(result: Copy) -> None:
    """Every vertical merge of the body's tables becomes cells that only look merged."""
    body = result.root.find(w("body"))
    if body is None:
        return
    number = 0
    for table_number, table in enumerate(body.findall(w("tbl"))):
        open_merges: dict[int, int] = {}  # grid column → the row number that started it
        cells_above: dict[int, etree._Element] = {}
        for row in table.findall(w("tr")):
            number += 1
            result.tables[number] = table_number
            cells = _grid_cells(row)
            for column, cell in cells.items():
                merge = cell.find(f"{W_TCPR}/{W_VMERGE}")
                value = None if merge is None else merge.get(W_VAL, "continue")
                if value == "continue" and column in open_merges:
                    result.continues.setdefault(number, {})[column] = open_merges[column]
                    _set_border(cells_above[column], "bottom", single=False)
                    _set_border(cell, "top", single=False)
                    _bookmark(
                        cell, f"{CELL_PREFIX}{number}x{column}", 20_000_000 + number * 64 + column
                    )
                elif value == "restart":
                    open_merges[column] = number
                else:
                    open_merges.pop(column, None)
                if merge is not None:
                    merge.getparent().remove(merge)
                cells_above[column] = cell
            first = next(iter(cells.values()), None)
            if first is not None:
                _bookmark(first, f"{BOOKMARK_PREFIX}{number}", 30_000_000 + number)


def _grid_cells(row: etree._Element) -> dict[int, etree._Element]:
    """The row's cells by the grid column each starts at (``w:gridSpan`` counted)."""
    cells: dict[int, etree._Element] = {}
    column = 0
    for cell in row.findall(W_TC):
        cells[column] = cell
        span = cell.find(f"{W_TCPR}/{w('gridSpan')}")
        column += int(span.get(W_VAL, "1")) if span is not None else 1
    return cells


def _cell_at(row: etree._Element, column: int) -> etree._Element:
    return _grid_cells(row).get(column, row.findall(W_TC)[0])


def _row_of(node: etree._Element) -> etree._Element:
    return next(node.iterancestors(w("tr")))


def _bookmark(cell: etree._Element, name: str, ident: int) -> None:
    paragraph = cell.find(W_P)
    if paragraph is None:
        paragraph = etree.SubElement(cell, W_P)
    start = paragraph.makeelement(w("bookmarkStart"), {w("id"): str(ident)})
    start.set(w("name"), name)
    end = paragraph.makeelement(w("bookmarkEnd"), {w("id"): str(ident)})
    properties = paragraph.find(W_PPR)
    at = 0 if properties is None else list(paragraph).index(properties) + 1
    paragraph.insert(at, start)
    paragraph.insert(at + 1, end)


def _add_snippets(result: Copy) -> None:
    """After the report, one page per merged cell that some row continues: its text with (ต่อ),
    in a borderless one-cell table as wide as the cell, formatted as the cell."""
    body = result.root.find(w("body"))
    if body is None:
        return
    rows = {int(node.get(w("name"), "")[len(BOOKMARK_PREFIX) :]): node for node in _marks(body)}
    origins = sorted({(o, c) for cells in result.continues.values() for c, o in cells.items()})
    anchor = body.find(w("sectPr"))
    for origin, column in origins:
        if origin not in rows:
            continue
        row = _row_of(rows[origin])
        table = row.getparent()
        cell = _cell_at(row, column)
        width = cell.find(f"{W_TCPR}/{w('tcW')}")
        breaker = body.makeelement(W_P, {})
        etree.SubElement(etree.SubElement(breaker, W_PPR), w("pageBreakBefore"))
        snippet = body.makeelement(w("tbl"), {})
        table_properties = table.find(w("tblPr"))
        properties = copy.deepcopy(table_properties) if table_properties is not None else None
        if properties is None:
            properties = snippet.makeelement(w("tblPr"), {})
        for old in properties.findall(w("tblBorders")) + properties.findall(w("tblW")):
            properties.remove(old)
        snippet.append(properties)
        grid = etree.SubElement(snippet, w("tblGrid"))
        twips = width.get(w("w"), "2000") if width is not None else "2000"
        etree.SubElement(grid, w("gridCol"), {w("w"): twips})
        new_row = etree.SubElement(snippet, w("tr"))
        new_cell = etree.SubElement(new_row, W_TC)
        cell_properties = copy.deepcopy(cell.find(W_TCPR))
        if cell_properties is None:
            cell_properties = new_cell.makeelement(W_TCPR, {})
        for old in cell_properties:
            if old.tag not in (w("tcW"), w("tcMar"), w("vAlign"), w("shd")):
                cell_properties.remove(old)
        new_cell.append(cell_properties)
        etree.SubElement(new_cell, W_P)
        for edge in ("top", "left", "bottom", "right"):
            _set_border(new_cell, edge, single=False)
        _write_continued(new_row, row, 0, source_column=column, border=False)
        _bookmark(new_cell, f"{SNIPPET_PREFIX}{origin}x{column}", 10_000_000 + origin * 64 + column)
        if anchor is None:
            body.append(breaker)
            body.append(snippet)
        else:
            anchor.addprevious(breaker)
            anchor.addprevious(snippet)
        result.snippets.append((origin, column))


def _marks(root: etree._Element) -> list[etree._Element]:
    return [
        node
        for node in root.iter(w("bookmarkStart"))
        if node.get(w("name"), "").startswith(BOOKMARK_PREFIX)
    ]


def _set_border(cell: etree._Element, edge: str, *, single: bool) -> None:
    properties = cell.find(W_TCPR)
    if properties is None:
        properties = cell.makeelement(W_TCPR, {})
        cell.insert(0, properties)
    borders = properties.find(w("tcBorders"))
    if borders is None:
        borders = properties.makeelement(w("tcBorders"), {})
        following = next((c for c in properties if c.tag in _AFTER_BORDERS), None)
        if following is None:
            properties.append(borders)
        else:
            following.addprevious(borders)
    old = borders.find(w(edge))
    if old is not None:
        borders.remove(old)
    attributes = {w("val"): "nil"}
    if single:
        attributes = {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "000000"}
    line = borders.makeelement(w(edge), attributes)
    later = _BORDER_ORDER[_BORDER_ORDER.index(edge) + 1 :]
    following = next((c for c in borders if etree.QName(c).localname in later), None)
    if following is None:
        borders.append(line)
    else:
        following.addprevious(line)


def _write_continued(
    row: etree._Element,
    above: etree._Element | None,
    column: int,
    *,
    source_column: int | None = None,
    border: bool = True,
) -> None:
    """The cell of ``row`` at ``column`` gets the text of the merged cell above, with (ต่อ)."""
    cell = _cell_at(row, column)
    if border:
        _set_border(cell, "top", single=True)
    if above is None:
        return
    origin = column if source_column is None else source_column
    source = [copy.deepcopy(p) for p in _cell_at(above, origin).findall(W_P)]
    source = [p for p in source if "".join(t.text or "" for t in p.iter(W_T)).strip()]
    if not source:
        return
    for node in source:
        for mark in [*node.iter(w("bookmarkStart")), *node.iter(w("bookmarkEnd"))]:
            mark.getparent().remove(mark)
    last_run = next(reversed(list(source[-1].iter(W_R))), None)
    run = source[-1].makeelement(W_R, {})
    if last_run is not None and last_run.find(w("rPr")) is not None:
        run.append(copy.deepcopy(last_run.find(w("rPr"))))
    text = run.makeelement(W_T, {XML_SPACE: "preserve"})
    text.text = CONTINUED
    run.append(text)
    source[-1].append(run)
    old = cell.findall(W_P)
    anchor = old[0]
    for node in source:
        anchor.addprevious(node)
    # Keep the row's bookmark (in the first old paragraph) and drop the old empty paragraphs.
    marks = [m for m in anchor if m.tag in (w("bookmarkStart"), w("bookmarkEnd"))]
    first = source[0]
    properties = first.find(W_PPR)
    at = 0 if properties is None else list(first).index(properties) + 1
    for offset, mark in enumerate(marks):
        first.insert(at + offset, mark)
    for node in old:
        if not "".join(t.text or "" for t in node.iter(W_T)).strip():
            cell.remove(node)


# --- page numbers -------------------------------------------------------------------------


def _document_name(parts: Mapping[str, bytes]) -> str:
    rels = parse_part(parts["_rels/.rels"])
    for rel in rels.iter(REL):
        if rel.get("Type", "").endswith("/officeDocument"):
            return str(rel.get("Target", "")).lstrip("/")
    raise KeyError("officeDocument")


def _thai_fonts(parts: Mapping[str, bytes], root: etree._Element) -> tuple[str, ...]:
    """The ``w:cs`` fonts of the document defaults, of the styles the body uses, and of its runs."""
    used_styles = {node.get(W_VAL) for node in root.iter(w("pStyle"), w("rStyle"), w("tblStyle"))}
    names: list[str] = []
    styles = parse_or_none(parts.get("word/styles.xml"))
    if styles is not None:
        for fonts in styles.iter(w("rFonts")):
            style = next(fonts.iterancestors(w("style")), None)
            if style is None or style.get(w("styleId")) in used_styles | {"Normal"}:
                names.append(fonts.get(w("cs"), ""))
    names.extend(fonts.get(w("cs"), "") for fonts in root.iter(w("rFonts")))
    return tuple(dict.fromkeys(name for name in names if name))
