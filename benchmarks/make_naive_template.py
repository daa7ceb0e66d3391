"""Write ``benchmarks/naive_template.docx``, the template of the naive baseline.

The default template of ita-report cannot be rendered by docxtpl alone: it uses ita-report's own
``{% vmerge %}`` tag and filters (``thai_date``, ``period``). So the baseline renders this small
template instead, made as one would by hand for the same report: A4 landscape, TH SarabunPSK
16 pt (Latin and complex script), a bold title, the agency line, the introduction, the six-column
table with a repeated header row and one ``{%tr for %}`` row, and a summary line.

Run from the repository root (``benchmarks/run.py`` does it when the file is missing)::

    .venv/bin/python benchmarks/make_naive_template.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUTPUT = Path(__file__).with_name("naive_template.docx")
FONT = "TH SarabunPSK"
COLUMNS = (
    ("มาตรการ/แนวทาง", "{{ r.measure }}", 4.0),
    ("วิธีการดำเนินการ", "{{ r.method }}", 6.8),
    ("ผู้รับผิดชอบ", "{{ r.responsible }}", 3.0),
    ("ระยะเวลาดำเนินการ", "{{ r.period }}", 2.7),
    ("ผลการดำเนินการ", "{{ r.result }}", 6.0),
    ("ข้อเสนอแนะ", "{{ r.suggestion }}", 2.66),
)


def main() -> None:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = Cm(2.54)
    section.right_margin = section.top_margin = section.bottom_margin = Cm(2)

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(16)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:cs"), FONT)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "32")
    normal.element.get_or_add_rPr().append(size_cs)

    title = document.add_paragraph()
    title.add_run(
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}"
    ).bold = True
    document.add_paragraph("{{ agency }} อำเภอ{{ district }} จังหวัด{{ province }}")
    document.add_paragraph(
        "ตามที่{{ agency }} ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA)"
        " ของ{{ agency }} ประจำปีงบประมาณ พ.ศ. {{ assessed_year }}"
        " และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของ{{ agency }}"
        " ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} แล้วนั้น"
    )
    document.add_paragraph(
        "{{ agency }} ได้ดำเนินการขับเคลื่อนตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        "ของ{{ agency }} ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} ดังต่อไปนี้"
    )

    table = document.add_table(rows=4, cols=len(COLUMNS))
    table.style = "Table Grid"
    header, loop_start, data, loop_end = table.rows
    repeat = OxmlElement("w:tblHeader")
    header._tr.get_or_add_trPr().append(repeat)
    for index, (heading, tag, width) in enumerate(COLUMNS):
        header.cells[index].paragraphs[0].add_run(heading).bold = True
        data.cells[index].text = tag
        for row in table.rows:
            row.cells[index].width = Cm(width)
    loop_start.cells[0].text = "{%tr for r in rows %}"
    loop_end.cells[0].text = "{%tr endfor %}"

    document.add_paragraph("ดำเนินการแล้ว {{ done }} จาก {{ total }} วิธีการ คิดเป็นร้อยละ {{ share }}")
    document.save(OUTPUT)
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
