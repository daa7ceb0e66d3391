"""The report as it prints: through LibreOffice to PDF, the way ``build --pdf`` publishes it.

Runs wherever LibreOffice is installed (CI installs it with Thai fonts and poppler-utils).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from ita_report.model import Agency, Measure, Method, Period, Plan, Status
from ita_report.write.pdf import convert_to_pdf
from tests.pdf_helpers import needs_libreoffice, pdf_text, poppler
from tests.render_helpers import render

pytestmark = [
    pytest.mark.libreoffice,
    needs_libreoffice,
]

LONG_METHOD = (
    "จัดทำแผนภูมิ ขั้นตอน ระยะเวลาและผู้รับผิดชอบในการให้บริการประชาชนอย่างชัดเจน"
    " และเผยแพร่ให้ประชาชนทราบผ่านเว็บไซต์หลักของหน่วยงานและบอร์ดประชาสัมพันธ์"
)
LONG_RESULT = (
    "มีแผนผังคู่มือประชาชนเผยแพร่ในเว็บไซต์ของหน่วยงาน และติดประกาศ ณ จุดบริการประชาชน"
    "\nมีการประชุมชี้แจงเจ้าหน้าที่ทุกส่วนราชการ เมื่อวันที่ 19 เมษายน 2564"
)


def long_plan() -> Plan:
    """Ten measures, 29 methods of realistic length: a report of several pages."""
    measures = []
    for number in range(1, 11):
        count = 2 if number % 3 else 5
        methods = tuple(
            Method(
                index,
                LONG_METHOD,
                "งานการเจ้าหน้าที่/งานนิติการ",
                Period(None, date(2020, 10, 1), date(2021, 9, 30)),
                Status.DONE,
                LONG_RESULT,
                "ควรปรับปรุงขั้นตอนการทำงานให้ประชาชนได้รับความสะดวกมากขึ้น",
            )
            for index in range(1, count + 1)
        )
        measures.append(Measure(number, f"มาตรการที่ {number} การปฏิบัติหน้าที่", methods))
    agency = Agency("เทศบาลตำบลพะโต๊ะ", 2564, 2563, "บ้านฝาง", "ชุมพร")
    return Plan(Path("plan.xlsx"), agency, tuple(measures))


def test_report_prints_landscape_in_a_sarabun_font_with_the_header_on_every_page(
    tmp_path: Path,
) -> None:
    plan = long_plan()
    assert len(plan.methods) == 29
    report = tmp_path / "plan.docx"
    report.write_bytes(render(plan))
    [pdf] = convert_to_pdf([report], timeout=300)

    info = poppler("pdfinfo", str(pdf))
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height  # landscape
    assert abs(width - 841.9) < 2 and abs(height - 595.3) < 2  # A4
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3

    # TH SarabunPSK where installed; its free twin Laksaman (fonts-thai-tlwg) elsewhere.
    fonts = poppler("pdffonts", str(pdf))
    assert re.search(r"Sarabun|Laksaman", fonts), fonts

    text = pdf_text(pdf)
    # PDF text extraction scatters spaces through Thai; compare without any white space.
    page_texts = [re.sub(r"\s+", "", page) for page in text.split("\f")[:pages]]
    assert "ประจำปีงบประมาณพ.ศ.๒๕๖๔" in page_texts[0]
    for page in page_texts:
        if "ต.ค.๖๓" in page:  # a page of the table repeats its header row
            assert "ผลการดำเนินการ" in page and "ข้อเสนอแนะ" in page
    table_pages = sum("ต.ค.๖๓" in page for page in page_texts)
    assert table_pages >= 3
    assert not re.search(r"[0-9]", text)  # Thai digits all through, as printed


def test_no_unit_of_the_example_is_broken_inside_a_word(tmp_path: Path) -> None:
    """The unit column is wide enough for the longest one-word unit (งานประชาสัมพันธ์ broke
    as 'ประชาสัมพั / นธ์' in a 3.2 cm column): each printed line of a unit cell is whole words."""
    from ita_report.read.workbook import load_workbook
    from tests.workbook_helpers import EXAMPLE

    plan = load_workbook(EXAMPLE).plan
    assert plan is not None
    docx = tmp_path / "plan.docx"
    docx.write_bytes(render(plan))
    (pdf,) = convert_to_pdf([docx])

    text = poppler("pdftotext", "-layout", str(pdf), "-")

    units = {unit for method in plan.methods for unit in method.units}
    assert "งานประชาสัมพันธ์" in units
    tokens = text.split()
    # Words that must not break. A compound such as นิติ|การ may break between its two words,
    # as Thai typesetting does; these break only inside a word (ประชาสัมพั|นธ์).
    for word in ("ประชาสัมพันธ์", "เจ้าหน้าที่"):
        # A token ending in more than half of the word, without the whole word: a broken word.
        heads = [word[:cut] for cut in range(len(word) // 2 + 1, len(word))]
        broken = [t for t in tokens if word not in t and any(t.endswith(h) for h in heads)]
        assert broken == [], f"{word} broken inside the word: {broken}"
