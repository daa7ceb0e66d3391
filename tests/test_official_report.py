"""The report as an official document, without LibreOffice: approval, page numbers in Word, fonts.

* ``ผู้อนุมัติ`` and ``ตำแหน่งผู้อนุมัติ`` typed in the agency sheet become a second signature
  block under the reporter's.
* The .docx numbers its pages from the second, top centre, with Word's own ``PAGE`` field in the
  report's digits, on the margins of an official document.
* The font check says, in Thai, which font replaced TH SarabunPSK and how to install it.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from ita_report.read.workbook import load_workbook
from ita_report.render import Digits
from ita_report.write.pdf_pages import FontUse, font_warnings
from tests.render_helpers import W, body_paragraphs, render
from tests.workbook_helpers import AGENCY, write_workbook


def test_the_approver_typed_in_the_agency_sheet_signs_under_the_reporter(tmp_path: Path) -> None:
    agency = (
        *AGENCY,
        ("ผู้รายงาน", "นายสมชาย ใจดี"),
        ("ตำแหน่ง", "ปลัดเทศบาล"),
        ("ผู้อนุมัติ", "นายใหญ่ ใจกว้าง"),
        ("ตำแหน่งผู้อนุมัติ", "นายกเทศมนตรี"),
    )
    loaded = load_workbook(write_workbook(tmp_path / "plan.xlsx", agency=agency))
    assert loaded.plan is not None, loaded.problems
    assert not loaded.warnings  # the labels are known
    assert loaded.plan.agency.approver == "นายใหญ่ ใจกว้าง"
    assert loaded.plan.agency.approver_position == "นายกเทศมนตรี"
    paragraphs = body_paragraphs(render(loaded.plan))
    reporter = paragraphs.index("(นายสมชาย ใจดี)")
    approver = paragraphs.index("(นายใหญ่ ใจกว้าง)")
    assert reporter < approver
    assert paragraphs[approver - 1].endswith("ผู้อนุมัติ")
    assert paragraphs[approver + 1] == "นายกเทศมนตรี"


def test_without_an_approver_there_is_no_approval_block(tmp_path: Path) -> None:
    loaded = load_workbook(write_workbook(tmp_path / "plan.xlsx"))
    assert loaded.plan is not None
    assert loaded.plan.agency.approver is None
    assert not any("ผู้อนุมัติ" in text for text in body_paragraphs(render(loaded.plan)))


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_word_numbers_the_pages_from_the_second_in_the_reports_digits() -> None:
    for digits, fmt, shown in (
        (Digits.THAI, "thaiNumbers", "- ๒ -"),
        (Digits.ARABIC, "decimal", "- 2 -"),
    ):
        data = render(digits=digits)
        section = _part(data, "word/document.xml").find(f"{W}body/{W}sectPr")
        assert section is not None
        assert section.find(f"{W}titlePg") is not None  # the first page has a header of its own
        numbering = section.find(f"{W}pgNumType")
        assert (numbering.get(f"{W}fmt") if numbering is not None else "decimal") == fmt
        margins = section.find(f"{W}pgMar")
        assert {k: margins.get(f"{W}{k}") for k in ("top", "right", "bottom", "left")} == {
            "top": "1701",  # 3 cm: the binding edge of a landscape page
            "right": "1417",  # 2.5 cm
            "bottom": "1134",  # 2 cm
            "left": "1134",  # 2 cm
        }
        references = {
            ref.get(f"{W}type"): ref.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            for ref in section.findall(f"{W}headerReference")
        }
        rels = _part(data, "word/_rels/document.xml.rels")
        target = {rel.get("Id"): rel.get("Target") for rel in rels}
        default = _part(data, f"word/{target[references['default']]}")
        first = _part(data, f"word/{target[references['first']]}")
        instruction = "".join(node.text or "" for node in default.iter(f"{W}instrText"))
        assert instruction.strip() == "PAGE"
        shown_text = "".join(node.text or "" for node in default.iter(f"{W}t"))
        assert shown_text == shown  # the field's stored result, in the report's digits
        assert "".join(node.text or "" for node in first.iter(f"{W}t")) == ""


def test_a_substituted_thai_font_is_named_with_how_to_install_the_right_one() -> None:
    used = [FontUse("Laksaman", True), FontUse("Laksaman-Bold", True)]
    [warning] = font_warnings(used, ["TH SarabunPSK"])
    assert "TH SarabunPSK" in warning and "Laksaman แทน" in warning
    assert "TH Sarabun New" in warning and "ติดตั้ง" in warning
    assert font_warnings([FontUse("THSarabunPSK-Bold", True)], ["TH SarabunPSK"]) == []


def test_a_font_not_embedded_is_a_warning() -> None:
    warnings = font_warnings([FontUse("THSarabunPSK", False)], ["TH SarabunPSK"])
    assert len(warnings) == 1 and "ไม่ได้ฝังฟอนต์ THSarabunPSK" in warnings[0]
