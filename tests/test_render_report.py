"""The Word report as a reader sees it: rendered from a Plan, read back from the .docx XML."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from ita_report.render import Digits, ReportKind, ReportRenderer, renderer_for
from ita_report.render import renderer as renderer_module
from ita_report.thai import to_thai_digits
from tests.render_helpers import (
    ARABIC,
    CODE_LIKE,
    EMAIL,
    RESULTS_HEADINGS,
    THAI,
    URL,
    W,
    all_text,
    body_paragraphs,
    cell_texts,
    data_rows,
    edited_default,
    paragraph_text,
    part,
    render,
    rows,
    sample_plan,
    table,
    vmerge,
)


def test_title_agency_line_and_introduction_follow_the_reference_report() -> None:
    paragraphs = body_paragraphs(render())
    assert paragraphs[0] == (
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส\nประจำปีงบประมาณ พ.ศ. ๒๕๖๔"
    )
    assert paragraphs[1] == "เทศบาลตำบลพะโต๊ะ อำเภอบ้านฝาง จังหวัดชุมพร"
    assert paragraphs[2] == (
        "ตามที่เทศบาลตำบลพะโต๊ะ ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA)"
        " ของเทศบาลตำบลพะโต๊ะ ประจำปีงบประมาณ พ.ศ. ๒๕๖๓"
        " และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลตำบลพะโต๊ะ"
        " ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ แล้วนั้น"
    )
    assert paragraphs[3] == (
        "เทศบาลตำบลพะโต๊ะ ได้ดำเนินการขับเคลื่อนตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        "ของเทศบาลตำบลพะโต๊ะ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ดังต่อไปนี้"
    )


def test_title_is_bold_and_the_document_title_property_is_set() -> None:
    document = docx.Document(io.BytesIO(render()))
    title = document.paragraphs[0]
    assert title.style.font.bold
    rpr = title.style.element.rPr
    assert rpr.find(f"{W}bCs") is not None  # bold for Thai (complex script) too
    assert document.core_properties.title == (
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"
    )


def test_header_row_is_bold_shaded_and_repeats_on_every_page() -> None:
    header, *others = rows(render())
    assert cell_texts(header) == RESULTS_HEADINGS
    assert header.find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in others)
    for cell in header.findall(f"{W}tc"):
        assert cell.find(f"{W}tcPr/{W}shd").get(f"{W}fill") not in (None, "auto", "FFFFFF")
    document = docx.Document(io.BytesIO(render()))
    assert all(cell.paragraphs[0].style.font.bold for cell in document.tables[0].rows[0].cells)


def test_no_row_breaks_across_pages() -> None:
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows(render()))


def test_measure_cell_is_merged_over_exactly_its_own_methods() -> None:
    body = rows(render())[1:]
    assert [vmerge(row) for row in body] == [
        "restart",
        "continue",
        "continue",
        None,  # a measure with one method is not merged
        "restart",
        "continue",
    ]
    measure_cells = [cell_texts(row)[0] for row in body]
    assert measure_cells == [
        "๑. การปฏิบัติหน้าที่",
        "",
        "",
        "๒. การใช้งบประมาณ {{ agency }}",
        "๓. การเปิดเผยข้อมูล",
        "",
    ]
    # Only the measure column is merged.
    assert all(vmerge(row, column) is None for row in body for column in range(1, 6))


def test_each_method_starts_with_its_number_within_its_measure() -> None:
    numbers = [re.match(r"^([๐-๙]+)\. ", row[1]).group(1) for row in data_rows(render())]
    assert numbers == ["๑", "๒", "๓", "๑", "๑", "๒"]


def test_every_method_unit_period_result_and_suggestion_appears() -> None:
    plan = sample_plan()
    table_rows = data_rows(render(plan))
    assert len(table_rows) == len(plan.methods) == 6
    for row, method in zip(table_rows, plan.methods, strict=True):
        _, method_cell, unit, period, result, suggestion = row
        assert method_cell == f"{to_thai_digits(str(method.no))}. {to_thai_digits(method.text)}"
        assert unit == method.responsible
        assert result == to_thai_digits(method.result or method.status.thai)
        assert suggestion == to_thai_digits(method.suggestion)
        assert period  # checked exactly below


def test_periods_are_written_as_thai_agencies_write_them() -> None:
    periods = [row[3] for row in data_rows(render())]
    assert periods == [
        "ต.ค. ๖๓ – ก.ย. ๖๔",  # two years
        "มี.ค. – ก.ย. ๖๔",  # same year
        "ก.พ. ๖๔",  # one month
        "ตลอดปีงบประมาณ",  # typed in the workbook: kept as typed
        "มี.ค. – เม.ย. ๖๔",
        "มี.ค. – เม.ย. ๖๔",
    ]


def test_text_that_looks_like_template_code_comes_out_as_typed() -> None:
    table_rows = data_rows(render())
    assert table_rows[2][1] == f"๓. {CODE_LIKE}"
    assert table_rows[3][0] == "๒. การใช้งบประมาณ {{ agency }}"


def test_alt_enter_in_a_cell_becomes_a_line_break_in_word() -> None:
    data = render()
    result_cell = rows(data)[1].findall(f"{W}tc")[4]
    paragraph = result_cell.find(f"{W}p")
    assert paragraph_text(paragraph) == "-เผยแพร่แผนภูมิในเว็บไซต์\n-ติดประกาศ ณ จุดบริการ ๒ จุด"
    assert paragraph.find(f".//{W}br") is not None
    assert not any("\n" in (t.text or "") for t in part(data).iter(f"{W}t"))


def test_thai_digits_everywhere_except_in_web_and_email_addresses() -> None:
    text = all_text(render())
    assert URL in text
    assert EMAIL in text
    assert "โทร ๐๗๗-๑๒๓๔๕๖" in text
    assert "พ.ศ. ๒๕๖๔" in text
    without_addresses = text.replace(URL, "").replace(EMAIL, "")
    assert not ARABIC.search(without_addresses)


def test_arabic_digits_on_request() -> None:
    data = render(digits=Digits.ARABIC)
    text = all_text(data)
    assert body_paragraphs(data)[0].endswith("พ.ศ. 2564")
    assert "ต.ค. 63 – ก.ย. 64" in text
    assert "1. การปฏิบัติหน้าที่" in text
    assert "โทร 077-123456" in text
    assert not THAI.search(text)
    title = docx.Document(io.BytesIO(data)).core_properties.title
    assert title.endswith("พ.ศ. 2564")


def test_address_split_over_runs_keeps_its_digits(tmp_path: Path) -> None:
    template = docx.Document()
    paragraph = template.add_paragraph()
    for piece in ("ดูรายงานที่ http://www.", "patho", ".go.th/ita", "2564", " ปี 2564 ข้อ 12"):
        paragraph.add_run(piece)  # Word splits text into runs like this after editing
    path = tmp_path / "split.docx"
    template.save(path)
    text = body_paragraphs(render(template=path))[0]
    assert text == "ดูรายงานที่ http://www.patho.go.th/ita2564 ปี ๒๕๖๔ ข้อ ๑๒"


def test_plan_kind_has_four_columns_and_no_results() -> None:
    plan = sample_plan()
    data = render(plan, kind=ReportKind.PLAN)
    assert body_paragraphs(data)[0] == (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\nประจำปีงบประมาณ พ.ศ. ๒๕๖๔"
    )
    assert len(table(data).findall(f"{W}tblGrid/{W}gridCol")) == 4
    assert cell_texts(rows(data)[0]) == RESULTS_HEADINGS[:4]
    assert all(len(row) == 4 for row in data_rows(data))
    text = all_text(data)
    for method in plan.methods:
        assert to_thai_digits(method.text) in text
        if method.result:
            assert to_thai_digits(method.result.splitlines()[0]) not in text
        if method.suggestion:
            assert to_thai_digits(method.suggestion) not in text
    assert [vmerge(row) for row in rows(data)[1:]] == [
        "restart",
        "continue",
        "continue",
        None,
        "restart",
        "continue",
    ]


def test_progress_report_states_its_date_and_marks_overdue_methods() -> None:
    data = render(as_of=date(2021, 3, 31))
    paragraphs = body_paragraphs(data)
    assert paragraphs[2] == "ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๔"
    periods = [row[3] for row in data_rows(data)]
    # Only the not-started method that ended in February is overdue on 31 March.
    assert periods[2] == "ก.พ. ๖๔\n(เลยกำหนด)"
    assert sum("(เลยกำหนด)" in period for period in periods) == 1
    mark = next(t for t in part(data).iter(f"{W}t") if t.text == "(เลยกำหนด)")
    color = mark.getparent().find(f"{W}rPr/{W}color")
    assert color is not None and color.get(f"{W}val") not in ("auto", "000000")
    assert "๑ วิธีการที่เลยกำหนดเวลาแล้ว" in all_text(data)


def test_a_report_without_as_of_has_no_date_line_and_no_overdue_mark() -> None:
    text = all_text(render())
    assert "ข้อมูล ณ วันที่" not in text
    assert "เลยกำหนด" not in text


def test_summary_counts_methods_by_status_and_the_share_done() -> None:
    paragraphs = body_paragraphs(render())
    heading = paragraphs.index("สรุปผลการดำเนินการ")
    assert paragraphs[heading + 1] == (
        "เทศบาลตำบลพะโต๊ะ กำหนดมาตรการไว้ ๓ มาตรการ รวม ๖ วิธีการดำเนินการ"
        " ดำเนินการแล้ว ๔ วิธีการ อยู่ระหว่างดำเนินการ ๑ วิธีการ ยังไม่ดำเนินการ ๑ วิธีการ"
        " คิดเป็นร้อยละ ๖๖.๖๗ ของวิธีการดำเนินการทั้งหมด"
    )


def test_signature_block_only_when_a_signer_is_given() -> None:
    signed = body_paragraphs(render(sample_plan(signer=True)))
    assert signed[-4:] == [
        "ลงชื่อ ........................................ ผู้รายงาน",
        "(นายสมชาย ใจดี)",
        "ปลัดเทศบาลตำบลพะโต๊ะ",
        "๓๐ กันยายน ๒๕๖๔",
    ]
    unsigned = all_text(render(sample_plan(signer=False)))
    assert "ลงชื่อ" not in unsigned
    assert "นายสมชาย" not in unsigned


def test_page_is_a4_landscape() -> None:
    section = docx.Document(io.BytesIO(render())).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    assert abs(section.page_width - Cm(29.7)) < Cm(0.05)
    assert abs(section.page_height - Cm(21.0)) < Cm(0.05)


def test_table_has_fixed_widths_that_fill_the_text_width_exactly() -> None:
    data = render()
    section = docx.Document(io.BytesIO(data)).sections[0]
    text_width_twips = round(
        (section.page_width - section.left_margin - section.right_margin) / 635
    )
    widths = [int(col.get(f"{W}w")) for col in table(data).findall(f"{W}tblGrid/{W}gridCol")]
    assert sum(widths) == text_width_twips
    assert table(data).find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
    widest_two = sorted(range(6), key=lambda index: widths[index])[-2:]
    assert set(widest_two) == {1, 4}  # วิธีการดำเนินการ and ผลการดำเนินการ


def test_thai_font_and_size_are_set_for_complex_script_on_the_styles() -> None:
    styles = part(render(), "word/styles.xml")
    for style_id in ("Normal", "ITATable"):
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        fonts = style.find(f"{W}rPr/{W}rFonts")
        for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert fonts.get(f"{W}{attribute}") == "TH SarabunPSK"
        assert style.find(f"{W}rPr/{W}sz").get(f"{W}val") == "32"
        assert style.find(f"{W}rPr/{W}szCs").get(f"{W}val") == "32"
        assert style.find(f"{W}rPr/{W}lang").get(f"{W}bidi") == "th-TH"
    # No theme font may override the explicit one (Word prefers w:asciiTheme to w:ascii).
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}cs") == "TH SarabunPSK"
    assert not [name for name in defaults.attrib if "Theme" in name or "theme" in name]


def test_cells_are_top_aligned_with_tighter_line_spacing() -> None:
    data = render()
    for cell in rows(data)[1].findall(f"{W}tc"):
        assert cell.find(f"{W}tcPr/{W}vAlign").get(f"{W}val") == "top"
    styles = part(data, "word/styles.xml")
    cell_style = styles.find(f"{W}style[@{W}styleId='ITATableText']")
    assert int(cell_style.find(f"{W}pPr/{W}spacing").get(f"{W}line")) < 240


def test_same_plan_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # The build time is in the document's properties: pinned, or the clock may tick between.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render() == render()


def test_templates_compile_once_per_renderer(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls = []
    original = renderer_module.compile_template

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(renderer_module, "compile_template", counting)
    renderer = ReportRenderer()
    for _ in range(3):
        renderer.render(sample_plan())
    renderer.render(sample_plan(), renderer_module.RenderOptions(as_of=date(2021, 3, 31)))
    assert len(calls) == 1
    assert renderer_for() is renderer_for()


def test_an_edited_template_is_used(tmp_path: Path) -> None:
    template = edited_default(tmp_path, "ดังต่อไปนี้", "ตามตารางต่อไปนี้")
    paragraphs = body_paragraphs(render(template=template))
    assert paragraphs[3].endswith("พ.ศ. ๒๕๖๔ ตามตารางต่อไปนี้")


def test_a_template_can_print_the_introduction_and_measures_from_variables(
    tmp_path: Path,
) -> None:
    template = docx.Document()
    for text in (
        "{{ title }}",
        "{%p for paragraph in intro %}",
        "{{ paragraph }}",
        "{%p endfor %}",
        "{% for m in measures %}{{ m.label }} ({{ m.methods | length }}); {% endfor %}",
        "{{ summary_text }}",
    ):
        template.add_paragraph(text)
    path = tmp_path / "variables.docx"
    template.save(path)
    paragraphs = body_paragraphs(render(template=path))
    assert paragraphs[0].endswith("ประจำปีงบประมาณ พ.ศ. ๒๕๖๔")
    assert paragraphs[1].startswith("ตามที่เทศบาลตำบลพะโต๊ะ ได้ดำเนินการวิเคราะห์")
    assert paragraphs[2].endswith("ดังต่อไปนี้")
    assert paragraphs[3] == (
        "๑. การปฏิบัติหน้าที่ (๓); ๒. การใช้งบประมาณ {{ agency }} (๑); ๓. การเปิดเผยข้อมูล (๒); "
    )
    assert "คิดเป็นร้อยละ ๖๖.๖๗" in paragraphs[4]
