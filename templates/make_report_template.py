"""Generate the default Word templates of ita-report: ``report.docx`` (results) and ``plan.docx``.

Run from the repository root after changing the layout or the wording::

    .venv/bin/python templates/make_report_template.py

The templates are ordinary Word documents holding docxtpl/Jinja tags (``{{ agency }}``,
``{%tr for row in rows %}``), so a user can restyle a copy in Word or LibreOffice; they are
written into ``src/ita_report/templates`` and ship inside the package. Output is byte-for-byte
reproducible (fixed properties, fixed zip timestamps), so re-running changes nothing unless the
script did.

Layout, as a Thai government report is set:

- A4 landscape; the margins of a Thai official document turned with the page: 3 cm at the top
  (the binding edge of a landscape page filed in a portrait binder), 2.5 cm on the right, 2 cm on
  the left and at the bottom (``docs/decisions.md`` says why), leaving a text width of 25.2 cm.
- Pages numbered from the second, top centre, ``- PAGE -``: the first page has a header of its
  own, empty. Word prints the number in the section's format (``thaiNumbers`` with Thai digits);
  LibreOffice ignores that format, so ``ita_report.write.pdf_pages`` stamps the numbers of the
  PDF itself.
- TH SarabunPSK 16 pt throughout, set for Latin *and* complex-script text (Word lays out Thai
  with the ``w:cs`` font and ``w:szCs`` size), language ``th-TH``; the title 18 pt bold.
- One table whose fixed column widths add up to the text width exactly, the method and result
  columns widest, the period column wide enough for ``มี.ค. – ก.ย. ๖๔`` on one line; a bold,
  shaded header row repeated on every page; rows that do not break across pages; cell text
  top-aligned with tighter line spacing than body text.
- Document properties filled at the build (``ita_report.render.passes``): the report's title,
  the agency, the time of the build, ``ita-report`` as the application.

The wording (title, introduction, summary) comes from ``ita_report.render.wording`` so that the
documents and the context variables ``title``/``intro``/``summary_text`` say the same thing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import cast

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from docx.styles.styles import Styles
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ita_report.render.docx import read_package
from ita_report.render.options import ReportKind
from ita_report.render.passes import APP_XML_TEMPLATE
from ita_report.render.wording import (
    APPROVAL_LINE,
    AS_OF,
    INTRO,
    ITA_SUBJECT,
    OVERDUE_MARK,
    SIGNATURE_LINE,
    SUMMARY,
    SUMMARY_HEADING,
    TITLE,
)

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "ita_report" / "templates"
FILE_NAMES = {ReportKind.RESULTS: "report.docx", ReportKind.PLAN: "plan.docx"}

FONT = "TH SarabunPSK"
BODY_SIZE = 16
TITLE_SIZE = 18
#: Light grey behind the header row: prints well in black and white, as most reports are.
HEADER_FILL = "D9D9D9"
OVERDUE_COLOR = "C00000"
OVERDUE_SIZE = 13
#: The template's own time stamps, fixed for a reproducible file; a report gets its build's.
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
APP_XML = APP_XML_TEMPLATE.format(application="ita-report", company="")

# Page geometry in twips (1 cm = 567 twips; 1 inch = 1440).
PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906  # A4 landscape
# A Thai official document has top 2.5, left 3 (binding), right 2, bottom 2 cm on a portrait
# page. A landscape page is filed turned, its top edge at the binding: 3 cm at the top, the
# portrait top's 2.5 cm on the right, 2 cm on the left and at the bottom.
MARGIN_TOP = 1701  # 3 cm
MARGIN_RIGHT = 1417  # 2.5 cm
MARGIN_LEFT = 1134  # 2 cm
MARGIN_BOTTOM = 1134  # 2 cm
HEADER_DISTANCE = 850  # 1.5 cm: the page number halfway into the top margin
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 14287 = 25.2 cm
FIRST_LINE_INDENT = 1418  # 2.5 cm, the paragraph indent of Thai official writing
CELL_MARGIN = 57  # 0.1 cm either side of cell text
#: Line spacing of table text in 240ths of a line, and the space after a cell paragraph (twips).
CELL_LINE = 204
CELL_AFTER = 20
#: Space above the text of a cell: none, the line height of Sarabun already has room for marks.
CELL_MARGIN_TOP = 0
#: Header cells: narrower side margins, so that bold headings break at word boundaries.
HEADER_CELL_MARGIN = 28  # 0.05 cm
SIGNATURE_INDENT = TEXT_WIDTH - 5670  # the block takes the last 10 cm of the line


@dataclass(frozen=True)
class Column:
    heading: str
    width: int  # twips
    #: What a data cell prints; ``None`` for the period cell, which has the overdue mark too.
    tag: str | None


MEASURE_CELL = "{% vmerge row.merge %}{{ row.measure.label }}"

# Widths chosen by laying out the example in LibreOffice (rows do not break across pages, so a
# row as tall as its fullest cell decides how much of a page is left empty): the method and
# result columns widest; the period column 3.7 cm, so that "มี.ค. – ก.ย. ๖๔" stays on one line
# ("ต.ค. ๖๓ – ก.ย. ๖๔" wraps after the dash, never leaving the year alone) and "(เลยกำหนด)" in
# 13 pt fits.
COLUMNS: dict[ReportKind, tuple[Column, ...]] = {
    ReportKind.RESULTS: (
        # 3.2 cm: the bold heading "มาตรการ/แนวทาง" breaks at the slash, not inside a word.
        Column("มาตรการ/แนวทาง", 1814, MEASURE_CELL),  # 3.2 cm
        Column("วิธีการดำเนินการ", 3548, "{{ row.method.label }}"),  # 6.26 cm
        # 3.5 cm: "ประชาสัมพันธ์" in 16 pt fits on one line; narrower, Word and LibreOffice
        # break it inside the word ("ประชาสัมพั/นธ์").
        Column("ผู้รับผิดชอบ", 1984, "{{ row.method.responsible }}"),  # 3.5 cm
        Column("ระยะเวลาดำเนินการ", 2098, None),  # 3.7 cm
        Column("ผลการดำเนินการ", 3028, "{{ row.method.outcome }}"),  # 5.34 cm
        # 3.2 cm: the bold heading "ข้อเสนอแนะ" with room on either side.
        Column("ข้อเสนอแนะ", 1815, "{{ row.method.suggestion }}"),  # 3.2 cm
    ),
    # No result columns: the method column takes the room, the unit and period columns are
    # wide enough for every line to stay one line.
    ReportKind.PLAN: (
        Column("มาตรการ/แนวทาง", 2778, MEASURE_CELL),  # 4.9 cm
        Column("วิธีการดำเนินการ", 7087, "{{ row.method.label }}"),  # 12.5 cm
        Column("ผู้รับผิดชอบ", 2324, "{{ row.method.responsible }}"),  # 4.1 cm
        Column("ระยะเวลาดำเนินการ", 2098, None),  # 3.7 cm
    ),
}

# Paragraph styles the template uses; a user restyles the report by editing these in Word.
STYLE_TITLE = "ITA Title"
STYLE_AGENCY = "ITA Agency"
STYLE_AS_OF = "ITA As Of"
STYLE_BODY = "ITA Body"
STYLE_HEADING = "ITA Heading"
STYLE_SIGNATURE = "ITA Signature"
STYLE_CELL = "ITA Table Text"
STYLE_CELL_HEADER = "ITA Table Header"
STYLE_TABLE = "ITA Table"
STYLE_PAGE_NUMBER = "ITA Page Number"


def build(kind: ReportKind) -> bytes:
    """The template of ``kind`` as .docx bytes."""
    document = Document()
    _drop_unused_parts(document)
    _set_properties(document)
    _set_defaults(document)
    _add_styles(document)
    _set_page(document)
    _write_body(document, kind)
    buffer = io.BytesIO()
    document.save(buffer)
    return read_package(buffer.getvalue()).write({})  # fixed zip timestamps


def main() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for kind, name in FILE_NAMES.items():
        path = OUT_DIR / name
        path.write_bytes(build(kind))
        print(f"wrote {path}")


# --- package and document-wide settings ---------------------------------------------------


def _drop_unused_parts(document: DocumentType) -> None:
    """Remove python-docx's thumbnail of a blank page and the Word 2010 copy of the styles.

    A stale thumbnail would show a blank preview; ``stylesWithEffects`` would be a second,
    outdated set of styles next to the ones defined here.
    """
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]


def _set_properties(document: DocumentType) -> None:
    properties = document.core_properties
    # The renderer fills these again at every build (title, subject, agency, times,
    # application), so that a report never carries a template's history; these are what Word
    # shows of the template itself.
    properties.title = "{{ title }}"
    properties.subject = ITA_SUBJECT
    properties.author = "{{ agency }}"
    properties.last_modified_by = "ita-report"
    properties.keywords = "ITA"
    properties.comments = ""
    properties.category = ""
    properties.revision = 1
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.last_printed = FIXED_TIME
    _set_application(document)


def _set_application(document: DocumentType) -> None:
    """``docProps/app.xml``: ita-report, not the Word that made python-docx's blank document."""
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML.encode("utf-8")


def _set_defaults(document: DocumentType) -> None:
    """Document defaults and Normal: TH SarabunPSK 16 pt for every script, Thai language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_run_format(run_defaults, size=BODY_SIZE)
    paragraph_defaults = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set_spacing(paragraph_defaults, after=0, line=240)
    normal = document.styles["Normal"]
    _set_run_format(normal.element.get_or_add_rPr(), size=BODY_SIZE)


def _set_page(document: DocumentType) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Twips(PAGE_WIDTH)
    section.page_height = Twips(PAGE_HEIGHT)
    section.left_margin = Twips(MARGIN_LEFT)
    section.right_margin = Twips(MARGIN_RIGHT)
    section.top_margin = Twips(MARGIN_TOP)
    section.bottom_margin = Twips(MARGIN_BOTTOM)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(HEADER_DISTANCE)
    _page_numbers(document)


def _page_numbers(document: DocumentType) -> None:
    """``- PAGE -`` centred in the header from the second page; the first page's header is empty.

    The digits come from the section's number format, which the renderer sets to ``thaiNumbers``
    or ``decimal`` as ``--digits`` says; the field's stored result is only what a reader shows
    before Word updates it.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = document.styles[STYLE_PAGE_NUMBER]
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.style = document.styles[STYLE_PAGE_NUMBER]
    paragraph.add_run("- ")
    _field_char(paragraph.add_run(), "begin")
    instruction = _element("w:instrText", {"xml:space": "preserve"})
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run("2")
    _field_char(paragraph.add_run(), "end")
    paragraph.add_run(" -")


def _field_char(run: Run, kind: str) -> None:
    run._r.append(_element("w:fldChar", {"w:fldCharType": kind}))


# --- styles -----------------------------------------------------------------------------


def _add_styles(document: DocumentType) -> None:
    styles = document.styles
    _paragraph_style(styles, STYLE_TITLE, size=TITLE_SIZE, bold=True, center=True, keep=True)
    _paragraph_style(styles, STYLE_AGENCY, bold=True, center=True, keep=True, after=120)
    _paragraph_style(styles, STYLE_AS_OF, center=True, keep=True, after=120)
    body = _paragraph_style(styles, STYLE_BODY, justify=True)
    body.paragraph_format.first_line_indent = Twips(FIRST_LINE_INDENT)
    _paragraph_style(styles, STYLE_HEADING, bold=True, keep=True, before=240)
    signature = _paragraph_style(styles, STYLE_SIGNATURE, center=True, keep=True)
    signature.paragraph_format.left_indent = Twips(SIGNATURE_INDENT)
    # Table text: single spacing less 15 % (Sarabun's line is tall), a little air below.
    _paragraph_style(styles, STYLE_CELL, line=CELL_LINE, after=CELL_AFTER)
    header = _paragraph_style(styles, STYLE_CELL_HEADER, bold=True, center=True, line=CELL_LINE)
    header.base_style = cast(ParagraphStyle, styles[STYLE_CELL])
    _paragraph_style(styles, STYLE_PAGE_NUMBER, center=True)
    _table_style(document)


def _paragraph_style(
    styles: Styles,
    name: str,
    *,
    size: int = BODY_SIZE,
    bold: bool = False,
    center: bool = False,
    justify: bool = False,
    keep: bool = False,
    before: int = 0,
    after: int = 0,
    line: int = 240,
) -> ParagraphStyle:
    style = cast(ParagraphStyle, styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
    style.base_style = styles["Normal"]
    style.quick_style = True
    _set_run_format(style.element.get_or_add_rPr(), size=size, bold=bold)
    paragraph = style.element.get_or_add_pPr()
    if keep:
        paragraph.append(OxmlElement("w:keepNext"))
    _set_spacing(paragraph, before=before, after=after, line=line)
    if center:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif justify:
        # Thai distributed: Word spreads a justified Thai line between characters, not only at
        # the rare spaces; LibreOffice reads it as justified.
        _append(paragraph, "w:jc", {"w:val": "thaiDistribute"})
    return style


def _table_style(document: DocumentType) -> None:
    """Thin black grid, narrow cell margins, table text in TH SarabunPSK 16 pt."""
    style = document.styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    element = style.element
    paragraph = OxmlElement("w:pPr")
    _set_spacing(paragraph, after=0, line=CELL_LINE)
    element.append(paragraph)
    run = OxmlElement("w:rPr")
    _set_run_format(run, size=BODY_SIZE)
    element.append(run)
    table = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _append(
            borders,
            f"w:{edge}",
            {"w:val": "single", "w:sz": "4", "w:space": "0", "w:color": "000000"},
        )
    table.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (
        ("top", CELL_MARGIN_TOP),
        ("left", CELL_MARGIN),
        ("bottom", 0),
        ("right", CELL_MARGIN),
    ):
        _append(margins, f"w:{edge}", {"w:w": str(width), "w:type": "dxa"})
    table.append(margins)
    element.append(table)


def _set_run_format(rpr: BaseOxmlElement, *, size: int, bold: bool = False) -> None:
    """Font, size, weight and language for Latin and complex-script (Thai) text alike."""
    for child in list(rpr):
        if child.tag in {qn(f"w:{tag}") for tag in ("rFonts", "b", "bCs", "sz", "szCs", "lang")}:
            rpr.remove(child)
    # Schema order: rFonts, b, bCs, …, sz, szCs, …, lang.
    rpr.insert(
        0,
        _element(
            "w:rFonts",
            {"w:ascii": FONT, "w:hAnsi": FONT, "w:eastAsia": FONT, "w:cs": FONT, "w:hint": "cs"},
        ),
    )
    position = 1
    if bold:
        rpr.insert(1, _element("w:b"))
        rpr.insert(2, _element("w:bCs"))
        position = 3
    rpr.insert(position, _element("w:sz", {"w:val": str(size * 2)}))
    rpr.insert(position + 1, _element("w:szCs", {"w:val": str(size * 2)}))
    rpr.append(_element("w:lang", {"w:val": "en-US", "w:eastAsia": "en-US", "w:bidi": "th-TH"}))


def _set_spacing(ppr: BaseOxmlElement, *, before: int = 0, after: int = 0, line: int = 240) -> None:
    old = ppr.find(qn("w:spacing"))
    if old is not None:
        ppr.remove(old)
    spacing = _element(
        "w:spacing",
        {"w:before": str(before), "w:after": str(after), "w:line": str(line), "w:lineRule": "auto"},
    )
    # Schema order: keepNext, keepLines, …, spacing, ind, …, jc.
    later = [c for c in ppr if c.tag in {qn("w:ind"), qn("w:jc"), qn("w:rPr")}]
    if later:
        later[0].addprevious(spacing)
    else:
        ppr.append(spacing)


# --- body -------------------------------------------------------------------------------


def _write_body(document: DocumentType, kind: ReportKind) -> None:
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:  # python-docx's blank document has no paragraph, but be sure
        body._p.getparent().remove(body._p)
    add = document.add_paragraph
    title = add(TITLE[kind][0], STYLE_TITLE)
    for line in TITLE[kind][1:]:
        run = title.add_run()
        run.add_break()
        run.add_text(line)
    add("{{ agency_line }}", STYLE_AGENCY)
    add("{%p if as_of %}")
    add(AS_OF, STYLE_AS_OF)
    add("{%p endif %}")
    for paragraph in INTRO[kind]:
        intro = add(paragraph, STYLE_BODY)
    intro.paragraph_format.space_after = Pt(6)  # a little air above the table
    _write_table(document, COLUMNS[kind])
    add(SUMMARY_HEADING[kind], STYLE_HEADING)
    # Kept with the signature block, so that a signature never stands alone on a last page.
    add(SUMMARY[kind], STYLE_BODY).paragraph_format.keep_with_next = True
    add("{%p if signer %}")
    signature = add(SIGNATURE_LINE[kind], STYLE_SIGNATURE)
    signature.paragraph_format.space_before = Pt(36)
    add("({{ signer }})", STYLE_SIGNATURE)
    add("{%p if signer_position %}")
    add("{{ signer_position }}", STYLE_SIGNATURE)
    add("{%p endif %}")
    add("{%p if report_date %}")
    add("{{ report_date | thai_date }}", STYLE_SIGNATURE)
    add("{%p endif %}")
    add("{%p endif %}")
    # The head of the agency approves under the reporter, when ผู้อนุมัติ is given.
    add("{%p if approver %}")
    approval = add(APPROVAL_LINE, STYLE_SIGNATURE)
    approval.paragraph_format.space_before = Pt(36)
    add("({{ approver }})", STYLE_SIGNATURE)
    add("{%p if approver_position %}")
    add("{{ approver_position }}", STYLE_SIGNATURE)
    add("{%p endif %}")
    add("{%p endif %}")


def _write_table(document: DocumentType, columns: Sequence[Column]) -> None:
    table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles[STYLE_TABLE]
    table.autofit = False
    _fix_layout(table, columns)
    header, loop_start, data, loop_end = table.rows
    for cell, column in zip(header.cells, columns, strict=True):
        _cell_text(cell, column.heading, STYLE_CELL_HEADER)
        _shade(cell)
        _side_margins(cell, HEADER_CELL_MARGIN)
        _valign(cell, "center")
    _row_flags(header, repeat=True)
    _cell_text(loop_start.cells[0], "{%tr for row in rows %}", STYLE_CELL)
    _cell_text(loop_end.cells[0], "{%tr endfor %}", STYLE_CELL)
    for cell, column in zip(data.cells, columns, strict=True):
        if column.tag is None:
            _period_cell(cell)
        else:
            _cell_text(cell, column.tag, STYLE_CELL)
        _valign(cell, "top")
    for row in (loop_start, data, loop_end):
        _row_flags(row, repeat=False)


def _fix_layout(table: Table, columns: Sequence[Column]) -> None:
    """Fixed layout (``table.autofit = False``), full text width, each column its width."""
    assert sum(column.width for column in columns) == TEXT_WIDTH
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = _element("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(TEXT_WIDTH))
    width.set(qn("w:type"), "dxa")
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:  # schema order: tblLayout, tblCellMar, tblLook
        tbl_pr.remove(look)
        tbl_pr.append(look)
    for grid_column, column in zip(
        table._tbl.tblGrid.findall(qn("w:gridCol")), columns, strict=True
    ):
        grid_column.set(qn("w:w"), str(column.width))
    for row in table.rows:
        for cell, column in zip(row.cells, columns, strict=True):
            cell.width = Twips(column.width)


def _row_flags(row: _Row, *, repeat: bool) -> None:
    """Every row stays whole on a page; the header row also repeats at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:cantSplit"))
    if repeat:
        tr_pr.append(_element("w:tblHeader"))


def _cell_text(cell: _Cell, text: str, style: str) -> Paragraph:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.add_run(text)
    return paragraph


def _period_cell(cell: _Cell) -> None:
    """The period, then, on a line of its own, the overdue mark in dark red when overdue.

    The mark is set in 13 pt: at 16 pt "(เลยกำหนด)" is wider than the period column and would
    break in two.
    """
    paragraph = _cell_text(cell, "{{ row.method.period }}", STYLE_CELL)
    paragraph.add_run("{% if row.method.overdue %}")
    mark = paragraph.add_run()
    mark.add_break()
    mark.add_text(OVERDUE_MARK)
    mark.font.color.rgb = RGBColor.from_string(OVERDUE_COLOR)
    mark.font.size = Pt(OVERDUE_SIZE)
    size = mark._r.get_or_add_rPr().find(qn("w:sz"))
    size.addnext(_element("w:szCs", {"w:val": str(OVERDUE_SIZE * 2)}))
    paragraph.add_run("{% endif %}")


def _shade(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = _element("w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": HEADER_FILL})
    valign = tc_pr.find(qn("w:vAlign"))
    if valign is not None:
        valign.addprevious(shading)
    else:
        tc_pr.append(shading)


def _side_margins(cell: _Cell, width: int) -> None:
    margins = _element("w:tcMar")
    for edge in ("left", "right"):
        _append(margins, f"w:{edge}", {"w:w": str(width), "w:type": "dxa"})
    cell._tc.get_or_add_tcPr().append(margins)


def _valign(cell: _Cell, value: str) -> None:
    cell._tc.get_or_add_tcPr().append(_element("w:vAlign", {"w:val": value}))


# --- XML helpers --------------------------------------------------------------------------


def _element(tag: str, attributes: dict[str, str] | None = None) -> BaseOxmlElement:
    return OxmlElement(tag, {qn(name): value for name, value in (attributes or {}).items()})


def _append(parent: BaseOxmlElement, tag: str, attributes: dict[str, str]) -> None:
    parent.append(_element(tag, attributes))


if __name__ == "__main__":
    main()
