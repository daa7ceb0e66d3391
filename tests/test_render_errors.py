"""A broken template is one clear TemplateError that says, in Thai, what is wrong and where."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ita_report.errors import EXIT_INVALID, TemplateError
from ita_report.render import ReportKind
from tests.render_helpers import body_paragraphs, edited_default, render, user_template


def problem(template: Path) -> TemplateError:
    with pytest.raises(TemplateError) as caught:
        render(template=template)
    error = caught.value
    assert error.exit_code == EXIT_INVALID
    assert error.path == template
    assert "Traceback" not in str(error)
    return error


def test_unknown_variable_names_it_and_quotes_the_text_around(tmp_path: Path) -> None:
    message = problem(
        user_template(tmp_path, "บทนำ", "รายงานประจำปี {{ fiscal_yaer }} ของหน่วยงาน")
    ).message
    assert "ไม่รู้จักตัวแปร “fiscal_yaer”" in message
    assert "“รายงานประจำปี {{ fiscal_yaer }} ของหน่วยงาน”" in message


def test_unknown_attribute_is_reported(tmp_path: Path) -> None:
    template = edited_default(tmp_path, "{{ row.method.responsible }}", "{{ row.method.unit }}")
    message = problem(template).message
    assert "“unit”" in message
    assert "{{ row.method.unit }}" in message


def test_jinja_syntax_error_quotes_the_paragraph(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "ก่อน", "ถ้ามี {% if %} แสดง", "หลัง")).message
    assert "เขียนไม่ถูกต้อง" in message
    assert "“ถ้ามี {% if %} แสดง”" in message


def test_unclosed_tag_is_refused_instead_of_swallowing_paragraphs(tmp_path: Path) -> None:
    # docxtpl would glue everything up to the next "}}" into this tag and drop it silently.
    template = edited_default(tmp_path, "{{ agency_line }}", "{{ agency_line }")
    message = problem(template).message
    assert "ไม่มี “}}” ปิด" in message
    assert "“{{ agency_line }”" in message


def test_unclosed_block_names_the_block(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "{% if signer %}", "ลงชื่อ {{ signer }}")).message
    assert "{% if %} ที่ไม่มีคำสั่งปิด {% endif %}" in message


def test_unknown_filter_is_reported(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "ปี {{ fiscal_year | buddhist }}")).message
    assert "ไม่รู้จักตัวกรอง (filter) “buddhist”" in message
    assert "“ปี {{ fiscal_year | buddhist }}”" in message


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "x {{ cycler.__init__.__globals__ }} y")).message
    assert "ไม่อนุญาต" in message
    assert "“x {{ cycler.__init__.__globals__ }} y”" in message


def test_huge_repetition_is_refused(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "{{ 'ก' * 1000000000 }}")).message
    assert "ใหญ่เกินไป" in message


def test_error_inside_a_table_cell_quotes_the_cell(tmp_path: Path) -> None:
    message = problem(user_template(tmp_path, "หัว", cell="หน่วย {{ unit_name }}")).message
    assert "“หน่วย {{ unit_name }}”" in message


def test_template_that_would_damage_the_document_is_refused(tmp_path: Path) -> None:
    # A row loop closed by a paragraph tag: Jinja is happy, the XML it makes is not.
    template = edited_default(tmp_path, "{%tr endfor %}", "{%p endfor %}")
    message = problem(template).message
    assert "โครงสร้างเอกสารเสียหาย" in message


def test_vmerge_needs_a_known_value(tmp_path: Path) -> None:
    template = edited_default(tmp_path, "{% vmerge row.merge %}", "{% vmerge row.measure.no %}")
    assert "vmerge" in problem(template).message


def test_a_file_that_is_not_a_docx(tmp_path: Path) -> None:
    text = tmp_path / "template.docx"
    text.write_text("ไม่ใช่ไฟล์ Word", encoding="utf-8")
    assert "ไม่ใช่ไฟล์ Word (.docx)" in problem(text).message
    not_word = tmp_path / "other.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "zip, but no Word document inside")
    assert "ไม่ใช่ไฟล์ Word (.docx)" in problem(not_word).message


def test_a_missing_template(tmp_path: Path) -> None:
    assert "ไม่พบไฟล์แม่แบบ" in problem(tmp_path / "nowhere.docx").message


@pytest.mark.parametrize("kind", list(ReportKind))
def test_default_templates_render(kind: ReportKind) -> None:
    assert body_paragraphs(render(kind=kind))[1] == "เทศบาลตำบลพะโต๊ะ อำเภอบ้านฝาง จังหวัดชุมพร"


def test_text_word_would_not_show_is_refused(tmp_path: Path) -> None:
    # {{p }} is meant for prepared Word XML; with plain text, Word would drop the text silently.
    message = problem(user_template(tmp_path, "ก่อน", "{{p agency }}", "หลัง")).message
    assert "นอกย่อหน้า" in message
    assert "เทศบาลตำบลพะโต๊ะ" in message
