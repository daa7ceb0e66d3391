"""Every report Word opens without "repair": valid against the Office schemas (openxml-audit).

Each variant a user can make is checked: the results and plan reports, a progress report
(``--as-of``), Arabic digits, an approval block, a template edited in Word and one typed from
scratch, and the workbooks the reliability suite fuzzes (any text in any field). The same
validator checks SpreadsheetML, where its ``font`` order findings are false positives
(SpreadsheetML's ``CT_Font`` is an unordered choice); no workbook is checked here.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from openxml_audit import OpenXmlValidator

from ita_report.read.workbook import load_workbook
from ita_report.render import Digits, ReportKind
from ita_report.render.passes import APPLICATION
from tests.property_helpers import PROPERTY_SETTINGS, Case, cases, write
from tests.render_helpers import edited_default, render, sample_plan, user_template
from tests.workbook_helpers import EXAMPLE

VALIDATOR = OpenXmlValidator()


def errors_of(data: bytes, folder: Path, name: str = "report.docx") -> list[str]:
    path = folder / name
    path.write_bytes(data)
    result = VALIDATOR.validate(str(path))
    return [str(error) for error in result.errors]


def approved_plan():  # type: ignore[no-untyped-def]
    plan = sample_plan()
    agency = dataclasses.replace(
        plan.agency, approver="นายใหญ่ ใจกว้าง", approver_position="นายกเทศมนตรีตำบลพะโต๊ะ"
    )
    return dataclasses.replace(plan, agency=agency)


VARIANTS = {
    "results": {},
    "plan": {"kind": ReportKind.PLAN},
    "as_of": {"as_of": date(2021, 3, 31)},
    "arabic": {"digits": Digits.ARABIC},
    "plan_arabic": {"kind": ReportKind.PLAN, "digits": Digits.ARABIC},
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_each_kind_of_report_is_valid(tmp_path: Path, name: str) -> None:
    example = load_workbook(EXAMPLE).plan
    assert example is not None
    assert errors_of(render(example, **VARIANTS[name]), tmp_path) == []  # type: ignore[arg-type]
    assert errors_of(render(**VARIANTS[name]), tmp_path) == []  # type: ignore[arg-type]


def test_a_report_with_an_approval_block_is_valid_and_shows_it(tmp_path: Path) -> None:
    data = render(approved_plan())
    assert errors_of(data, tmp_path) == []
    text = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "ผู้อนุมัติ" in text and "(นายใหญ่ ใจกว้าง)" in text and "นายกเทศมนตรีตำบลพะโต๊ะ" in text
    assert "ผู้อนุมัติ" not in zipfile.ZipFile(io.BytesIO(render())).read("word/document.xml").decode()


def test_custom_templates_give_valid_reports(tmp_path: Path) -> None:
    edited = edited_default(tmp_path, "ดังต่อไปนี้", "ดังนี้")
    assert errors_of(render(template=edited), tmp_path) == []
    typed = user_template(tmp_path, "{{ title }}", "{{ agency_line }}", cell="{{ summary_text }}")
    assert errors_of(render(template=typed), tmp_path, "typed.docx") == []


def test_the_properties_tell_the_truth(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the build's own time, not a pinned one
    before = date.today()
    properties = docx.Document(io.BytesIO(render())).core_properties
    assert properties.title.startswith("รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    assert properties.title.endswith("๒๕๖๔")
    assert properties.author == "เทศบาลตำบลพะโต๊ะ"
    assert properties.created.date() >= before and properties.modified == properties.created
    assert properties.last_printed is None
    app = zipfile.ZipFile(io.BytesIO(render())).read("docProps/app.xml").decode()
    assert f"<Application>{APPLICATION}</Application>" in app
    assert APPLICATION.startswith("ita-report ") and "Microsoft" not in app


@settings(PROPERTY_SETTINGS, max_examples=12)
@given(case=cases(any_structure=False))
def test_the_fuzzed_workbooks_give_valid_reports(
    tmp_path_factory: pytest.TempPathFactory, case: Case
) -> None:
    folder = tmp_path_factory.mktemp("fuzzed")
    workbook = folder / "plan.xlsx"
    write(case, workbook)
    plan = load_workbook(workbook).plan
    if plan is None:  # a workbook the reader refuses makes no report to check
        return
    digits = Digits(case.digits) if case.digits in ("thai", "arabic") else Digits.THAI
    for kind in ReportKind:
        assert errors_of(render(plan, kind=kind, digits=digits), folder) == []
