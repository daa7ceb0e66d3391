"""Generate the default Word templates of ita-report: ``report.docx`` (results) and ``plan.docx``.

Run from the repository root after changing the layout or the wording::

    .venv/bin/python templates/make_report_template.py

The templates are ordinary Word documents holding docxtpl/Jinja tags (``{{ agency }}``,
``{%tr for row in rows %}``), so a user can restyle a copy in Word or LibreOffice; they are
written into ``src/ita_report/templates`` and ship inside the package. Output is byte-for-byte
reproducible (fixed properties, fixed zip timestamps), so re-running changes nothing unless the
script did.

Layout, as a Thai government report is set:

- A4 landscape; margins 2.54 cm on the left (the binding edge of a filed report) and 2 cm on the
  other sides, leaving a text width of 25.16 cm. No page numbers: LibreOffice (which makes the
  PDF) ignores Word's Thai page-number format and would print them in Arabic digits.
- TH SarabunPSK 16 pt throughout, set for Latin *and* complex-script text (Word lays out Thai
  with the ``w:cs`` font and ``w:szCs`` size), language ``th-TH``; the title 18 pt bold.
- One table whose fixed column widths add up to the text width exactly, the method and result
  columns widest; a bold, shaded header row repeated on every page; rows that do not break
  across pages; cell text top-aligned with tighter line spacing than body text.

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

from ita_report.render.docx import read_package
from ita_report.render.options import ReportKind
from ita_report.render.wording import (
    AS_OF,
    INTRO,
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
FIXED_TIME = datetime(2021, 10, 1, 9, 0, 0)

# Page geometry in twips (1 cm = 567 twips; 1 inch = 1440).
PAGE_WIDTH, PAGE_HEIGHT = 16838, 11906  # A4 landscape
MARGIN_LEFT = 1440  # 2.54 cm
MARGIN_OTHER = 1134  # 2 cm
HEADER_DISTANCE = 567  # 1 cm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_OTHER  # 14264 = 25.16 cm
FIRST_LINE_INDENT = 1418  # 2.5 cm, the paragraph indent of Thai official writing
CELL_MARGIN = 85  # 0.15 cm either side of cell text
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

# The period column is 2.7 cm on purpose: too narrow for "มี.ค. – ก.ย." or "ต.ค. ๖๓ – ก.ย." on
# one line, so both periods wrap after the dash ("ต.ค. ๖๓ –" / "ก.ย. ๖๔") and never leave the
# year alone on the second line; wide enough for "(เลยกำหนด)" in 13 pt (checked in LibreOffice).
COLUMNS: dict[ReportKind, tuple[Column, ...]] = {
    ReportKind.RESULTS: (
        Column("มาตรการ/แนวทาง", 1928, MEASURE_CELL),  # 3.4 cm
        Column("วิธีการดำเนินการ", 3459, "{{ row.method.label }}"),  # 6.1 cm
        # 3.6 cm: "ประชาสัมพันธ์" in 16 pt fits on one line; narrower, Word and LibreOffice
        # break it inside the word ("ประชาสัมพั/นธ์").
        Column("ผู้รับผิดชอบ", 2041, "{{ row.method.responsible }}"),  # 3.6 cm
        Column("ระยะเวลาดำเนินการ", 1531, None),  # 2.7 cm
        Column("ผลการดำเนินการ", 3175, "{{ row.method.outcome }}"),  # 5.6 cm
        # 3.76 cm: the seed's one-sentence suggestion takes six lines, not seven, so that the
        # first row still fits under the introduction of a progress report on page one.
        Column("ข้อเสนอแนะ", 2130, "{{ row.method.suggestion }}"),  # 3.76 cm
    ),
    ReportKind.PLAN: (
        Column("มาตรการ/แนวทาง", 2835, MEASURE_CELL),  # 5.0 cm
        Column("วิธีการดำเนินการ", 7346, "{{ row.method.label }}"),  # 12.96 cm
        Column("ผู้รับผิดชอบ", 2552, "{{ row.method.responsible }}"),  # 4.5 cm
        Column("ระยะเวลาดำเนินการ", 1531, None),  # 2.7 cm
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
    properties.title = "{{ title }}"
    properties.subject = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"
    properties.author = ""
    properties.last_modified_by = ""
    properties.keywords = "ITA"
    properties.comments = ""
    properties.category = ""
    properties.revision = 1
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    properties.last_printed = FIXED_TIME


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
    section.right_margin = Twips(MARGIN_OTHER)
    section.top_margin = Twips(MARGIN_OTHER)
    section.bottom_margin = Twips(MARGIN_OTHER)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(HEADER_DISTANCE)


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
    # Table text: single spacing less 10 % (Sarabun's line is tall), a little air below.
    _paragraph_style(styles, STYLE_CELL, line=216, after=40)
    header = _paragraph_style(styles, STYLE_CELL_HEADER, bold=True, center=True, line=216)
    header.base_style = cast(ParagraphStyle, styles[STYLE_CELL])
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
    _set_spacing(paragraph, after=0, line=216)
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
    for edge, width in (("top", 0), ("left", CELL_MARGIN), ("bottom", 0), ("right", CELL_MARGIN)):
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
