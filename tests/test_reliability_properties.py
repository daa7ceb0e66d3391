"""Any text in any field: the report holds it, or the build says why. Nothing else happens.

Hypothesis fills every field of both sheets with arbitrary Unicode: Thai with stacked marks,
emoji, right-to-left and zero-width marks, control characters, ``&<>"'``, Jinja syntax, Thai
and Arabic digits, line breaks, and cells of tens of thousands of characters. Control
characters and lone surrogates are written as Excel writes them, ``_xHHHH_`` (openpyxl refuses
them raw; every ``_`` is escaped as ``_x005F_`` so that typed text never reads as an escape).

Then ``ita-report build`` either

* exits 0, every XML part of the .docx parses, python-docx opens it, every cell's text is in it
  (as the SPEC shapes it: control characters dropped, each with a warning naming its cell;
  outer white space stripped; typed numbering in front of a measure or method replaced by the
  report's own; digits compared after conversion), or
* exits 2 with a message, and writes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import event, given, settings
from lxml import etree
from typer.testing import CliRunner

from ita_report.cli import app
from ita_report.periods import parse_date_text
from ita_report.thai import arabic, split_numbering
from tests.property_helpers import PROPERTY_SETTINGS, Case, cases, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUNNER = CliRunner()

#: What cells.py drops (Word cannot hold it); a vertical tab is a line break instead.
NOT_IN_WORD = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def shown(text: str) -> str:
    """What the report shows of a cell typed as ``text`` (SPEC §1.2)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return NOT_IN_WORD.sub("", text).strip()


def has_control(text: str) -> bool:
    return bool(NOT_IN_WORD.search(text.replace("\x0b", "\n")))


def expected_texts(case: Case) -> list[str]:
    """Every text of the workbook that the results report must show."""
    expected = [shown(case.agency[key]) for key in ("agency", "district", "province")]
    signer = shown(case.agency["signer"])
    if signer:
        expected += [signer, shown(case.agency["signer_position"])]
        if isinstance(case.report_date, str) and not _reads_as_date(shown(case.report_date)):
            expected.append(shown(case.report_date))
    for row in case.rows:
        if row.measure is not None:
            expected.append(split_numbering(shown(row.measure))[1])
        expected.append(split_numbering(shown(row.method))[1])
        expected += [shown(row.responsible), shown(row.period)]
        expected += [shown(row.result), shown(row.suggestion)]
    return [text for text in expected if text]


def _reads_as_date(text: str) -> bool:
    try:
        return parse_date_text(text) is not None
    except ValueError:
        return True


def report_text(data: bytes) -> str:
    """All the text of the document, a line break as ``\\n``; every XML part parsed strictly."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), etree.XMLParser(recover=False))
        root = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        nodes = paragraph.iter(f"{W}t", f"{W}br")
        paragraphs.append("".join("\n" if n.tag == f"{W}br" else n.text or "" for n in nodes))
    return "\n".join(paragraphs)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@settings(PROPERTY_SETTINGS, max_examples=40)
@given(case=cases(any_structure=False))
def test_any_text_in_the_text_fields_is_in_the_report(folder: Path, case: Case) -> None:
    build_and_check(folder, case)


@settings(PROPERTY_SETTINGS, max_examples=30)
@given(case=cases(any_structure=True))
def test_any_text_in_any_field_is_in_the_report_or_the_build_says_why(
    folder: Path, case: Case
) -> None:
    build_and_check(folder, case)


def build_and_check(folder: Path, case: Case) -> None:
    workbook = folder / "plan.xlsx"
    report = folder / "plan.docx"
    report.unlink(missing_ok=True)
    typed = write(case, workbook)

    result = RUNNER.invoke(
        app,
        ["build", str(workbook), "--digits", case.digits],
        env={"COLUMNS": "100000"},
        catch_exceptions=False,
    )

    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: how often each way
    if result.exit_code == 2:
        assert f"ข้อผิดพลาด: {workbook}: " in result.stderr
        assert not report.exists()
        first_error = next(line for line in result.stderr.splitlines() if "ข้อผิดพลาด" in line)
        event(re.sub(r"'.*'|“.*”", "…", first_error.split(": ", 3)[-1])[:60])
        return

    data = report.read_bytes()
    text = arabic(report_text(data))
    docx.Document(io.BytesIO(data))  # Word's own reader opens it
    for expected in expected_texts(case):
        assert arabic(expected) in text, expected[:200]
    for where, value in typed.items():
        if has_control(value):
            event("a control character dropped and reported")
            warning = f"คำเตือน: {workbook}: {where}: ตัดอักขระควบคุมที่ Word แสดงไม่ได้ออก"
            assert warning in result.stderr, (where, result.stderr[:2000])
