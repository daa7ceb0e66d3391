"""The pieces of the renderer: filters, context, sandbox, and the passes over the rendered XML."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError
from lxml import etree

from ita_report.model import Agency, Period
from ita_report.render import Digits, RenderOptions, ReportKind, build_context
from ita_report.render.context import agency_line, text
from ita_report.render.digits import convert_digits
from ita_report.render.environment import make_environment
from ita_report.render.filters import percent, period, thai_date
from ita_report.render.passes import apply_line_breaks, drop_blank_find_stray, finish_word_part
from ita_report.render.vmerge import apply_vmerge, patch_vmerge
from tests.render_helpers import W, paragraph_text, sample_plan

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.8966, "89.66"), (1, "100"), (0.5, "50"), (2 / 3, "66.67"), (0.125, "12.5"), (0, "0")],
)
def test_percent(share: float, shown: str) -> None:
    assert percent(share) == shown


def test_percent_rounds_half_up_as_people_do() -> None:
    assert percent(0.00125) == "0.13"  # round() would give 0.12


def test_thai_date() -> None:
    assert thai_date(date(2021, 3, 31)) == "31 มีนาคม 2564"
    assert thai_date("ภายในเดือนกันยายน") == "ภายในเดือนกันยายน"
    assert thai_date(None) == ""


def test_period_filter() -> None:
    assert period(Period(None, date(2021, 3, 1), date(2021, 9, 30))) == "มี.ค. – ก.ย. ๖๔"
    assert period(Period("ตลอดปี", date(2020, 10, 1), date(2021, 9, 30))) == "ตลอดปี"
    assert period(None) == ""


@pytest.mark.parametrize(
    ("district", "province", "line"),
    [
        ("บ้านฝาง", "ชุมพร", "เทศบาลตำบลพะโต๊ะ อำเภอบ้านฝาง จังหวัดชุมพร"),
        ("อำเภอบ้านฝาง", "จังหวัดชุมพร", "เทศบาลตำบลพะโต๊ะ อำเภอบ้านฝาง จังหวัดชุมพร"),
        ("เขตบางรัก", "กรุงเทพมหานคร", "เทศบาลตำบลพะโต๊ะ เขตบางรัก กรุงเทพมหานคร"),
        (None, None, "เทศบาลตำบลพะโต๊ะ"),
    ],
)
def test_agency_line_does_not_double_prefixes(
    district: str | None, province: str | None, line: str
) -> None:
    agency = Agency("เทศบาลตำบลพะโต๊ะ", 2564, 2563, district=district, province=province)
    assert agency_line(agency) == line


def test_context_rows_say_how_each_measure_cell_merges() -> None:
    context = build_context(sample_plan(), RenderOptions())
    assert [row.merge for row in context["rows"]] == [
        "restart",
        "continue",
        "continue",
        "",
        "restart",
        "continue",
    ]
    assert [row.first for row in context["rows"]] == [True, False, False, True, True, False]


def test_context_outcome_falls_back_to_the_status() -> None:
    methods = build_context(sample_plan(), RenderOptions())["measures"][0].methods
    assert methods[2].result == ""
    assert methods[2].outcome == "ยังไม่ดำเนินการ"


def test_context_summary_and_wording() -> None:
    context = build_context(sample_plan(), RenderOptions(as_of=date(2021, 3, 31)))
    summary = context["summary"]
    assert (summary.methods, summary.done, summary.in_progress, summary.not_started) == (6, 4, 1, 1)
    assert summary.overdue == 1
    assert context["title"].endswith("ประจำปีงบประมาณ พ.ศ. 2564")
    assert context["intro"][0].startswith("ตามที่เทศบาลตำบลพะโต๊ะ ได้ดำเนินการวิเคราะห์")
    plan_context = build_context(sample_plan(), RenderOptions(kind=ReportKind.PLAN))
    assert plan_context["title"].startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")


def test_wording_in_the_context_is_plain_text_not_escaped() -> None:
    agency = Agency("หน่วยงาน A & B", 2564, 2563)
    plan = sample_plan()
    plan = type(plan)(plan.source, agency, plan.measures)
    assert "หน่วยงาน A & B" in build_context(plan, RenderOptions())["intro"][0]


def test_control_characters_are_dropped_and_vertical_tab_is_a_line_break() -> None:
    assert text("ก\x0bข\x07ค") == "ก\nขค"


def test_environment_escapes_is_strict_and_sandboxed() -> None:
    env = make_environment()
    assert env.from_string("{{ x }}").render(x="<a & {{ b }}>") == "&lt;a &amp; {{ b }}&gt;"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()
    with pytest.raises(SecurityError):
        env.from_string("{{ cycler.__init__.__globals__ }}").render()


def paragraph(runs: str) -> etree._Element:
    return etree.fromstring(f"<w:body {NS}><w:p>{runs}</w:p></w:body>")


def test_digits_pass_reads_a_paragraph_across_runs() -> None:
    body = paragraph(
        "<w:r><w:t>เว็บ www.</w:t></w:r><w:r><w:t>a1.go.th/2564</w:t></w:r>"
        "<w:r><w:t xml:space='preserve'> ปี 2564 </w:t></w:r>"
        "<w:r><w:t>อีเมล x2@a.go.th</w:t><w:br/><w:t>2564</w:t></w:r>"
    )
    convert_digits(body, Digits.THAI)
    assert paragraph_text(body[0]) == "เว็บ www.a1.go.th/2564 ปี ๒๕๖๔ อีเมล x2@a.go.th\n๒๕๖๔"
    convert_digits(body, Digits.ARABIC)
    assert paragraph_text(body[0]) == "เว็บ www.a1.go.th/2564 ปี 2564 อีเมล x2@a.go.th\n2564"


@given(st.text(alphabet="ก ข0123456789๐๑๒\n.:/@w", max_size=40))
def test_digits_pass_never_changes_anything_but_digits(value: str) -> None:
    body = paragraph("".join(f"<w:r><w:t xml:space='preserve'>{c}</w:t></w:r>" for c in value))
    convert_digits(body, Digits.THAI)
    shown = "".join(t.text or "" for t in body.iter(f"{W}t"))
    assert len(shown) == len(value)
    for before, after in zip(value, shown, strict=True):
        assert before == after or (before.isdigit() and after.isdigit())


def test_line_breaks_pass_handles_every_newline() -> None:
    body = paragraph("<w:r><w:t>ก\r\nข\rค\nง</w:t></w:r>")
    apply_line_breaks(body)
    assert paragraph_text(body[0]) == "ก\nข\nค\nง"
    assert len(body[0].findall(f".//{W}br")) == 3


def test_blank_text_between_elements_goes_and_a_cell_of_spaces_stays() -> None:
    body = paragraph("\n  <w:r>\n\t<w:t xml:space='preserve'>   </w:t>\n</w:r>\n")
    body.tail = "\n"
    assert drop_blank_find_stray(body) is None
    assert etree.tostring(body[0], encoding="unicode").split(">", 1)[1] == (
        '<w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>'
    )


def test_the_first_text_word_would_not_show_is_found_after_the_blanks_go() -> None:
    body = paragraph("\n <w:r><w:t>ก</w:t></w:r> หลัง <w:r>ใน</w:r>")
    assert drop_blank_find_stray(body) == "หลัง"
    assert body[0].text is None  # the white space before it went first
    assert drop_blank_find_stray(paragraph("<w:r><w:instrText>PAGE 1</w:instrText></w:r>")) is None


def test_digits_reach_the_lines_a_line_break_made() -> None:
    """The digits pass looks at the texts found before the line breaks split them."""
    body = paragraph("<w:r><w:t>ปี 2564\nข้อ 1</w:t></w:r><w:r><w:t>ไม่มี\nเลข</w:t></w:r>")
    finish_word_part(body, Digits.THAI, None)
    assert paragraph_text(body[0]) == "ปี ๒๕๖๔\nข้อ ๑ไม่มี\nเลข"
    assert len(body[0].findall(f".//{W}br")) == 2


def test_vmerge_is_placed_where_the_schema_wants_it() -> None:
    source = patch_vmerge("<w:t>{% vmerge row.merge %}{{ x }}</w:t>")
    assert source == "<w:t><?ita-vmerge {{ row.merge }}?>{{ x }}</w:t>"
    cell = etree.fromstring(
        f"<w:tc {NS}><w:tcPr><w:tcW w:w='10'/><w:vAlign w:val='top'/></w:tcPr>"
        "<w:p><w:r><w:t><?ita-vmerge continue?>เนื้อหา</w:t></w:r></w:p></w:tc>"
    )
    apply_vmerge(cell)
    properties = [child.tag.split("}")[1] for child in cell.find(f"{W}tcPr")]
    assert properties == ["tcW", "vMerge", "vAlign"]
    assert cell.find(f"{W}tcPr/{W}vMerge").get(f"{W}val") == "continue"
    assert "".join(cell.itertext()) == ""  # a continuing cell is emptied
