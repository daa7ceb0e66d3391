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
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from ita_report.cli import app
from ita_report.model import Status
from ita_report.periods import parse_date_text
from ita_report.thai import arabic, split_numbering
from tests.workbook_helpers import write_workbook

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUNNER = CliRunner()

#: What cells.py drops (Word cannot hold it); a vertical tab is a line break instead.
NOT_IN_WORD = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
#: What openpyxl will not write raw, and so is written as Excel's ``_xHHHH_``.
ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff_]")

THAI = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮะาำเแโใไๅๆฯ"
THAI_MARKS = "ัิีึืฺุู็่้๊๋์ํ๎"  # vowels above and below and tone marks: they stack
TRICKY = [
    "🙂", "👩‍👩‍👧", "🇹🇭", "𝕏", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",
    "\u200e", "\u200f", "\u202e", "\u202c", "\u2028", "\u2029", "\x85", "\xa0", "\t", "\n",
    "\r\n", "\r", "\x0b", "\x0c", "\x00", "\x01", "\x1f", "\x7f", "\ufffe", "\ud800", "&", "<",
    ">", '"', "'", "&amp;", "<w:t>", "]]>", "{{", "}}", "{%", "%}", "{#", "#}", "{{ agency }}",
    "{% for x in rows %}", "{%tr endfor %}", "{{p x }}", "_x0041_", "_x005F_", "x005F_",
    "%s", "\\", "1. ", "๑) ", "(2)", "www.example.go.th/2564", "a1@b.go.th", " ", "  ",
    "0", "123", "๒๕๖๔", "ก.ย.", "ม.ค. – ก.ย. ๖๔",
]  # fmt: skip

pieces = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=THAI + THAI_MARKS, min_size=1, max_size=12),
    st.text(min_size=1, max_size=8),  # anything at all, surrogates and controls included
)
short_text = st.lists(pieces, max_size=8).map("".join)
long_text = st.tuples(short_text, st.integers(10_000, 32_000)).map(
    lambda made: fit_in_a_cell((made[0] or "ก") * (made[1] // max(len(made[0]), 1) + 1))
)
#: Most cells short; now and then one of Excel's longest (32,767 characters).
cell_text = st.one_of(*[short_text] * 7, long_text)
#: A field that must not be empty: text with at least one letter.
filled_text = st.tuples(cell_text, st.sampled_from(THAI)).map(
    lambda made: fit_in_a_cell(made[1] + made[0])
)


#: Excel's limit on a cell, which openpyxl enforces by cutting the stored (escaped) text.
CELL_LIMIT = 32_767


def fit_in_a_cell(text: str) -> str:
    """``text`` cut so that Excel (and openpyxl) can store it whole."""
    while len(excel_escaped(text)) > CELL_LIMIT:
        text = text[: len(text) * CELL_LIMIT // len(excel_escaped(text))]
    return text


def excel_escaped(text: str) -> str:
    """How Excel stores text that XML cannot hold: ``_xHHHH_`` (``_`` itself as ``_x005F_``)."""
    return ESCAPED.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def shown(text: str) -> str:
    """What the report shows of a cell typed as ``text`` (SPEC §1.2)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return NOT_IN_WORD.sub("", text).strip()


def has_control(text: str) -> bool:
    return bool(NOT_IN_WORD.search(text.replace("\x0b", "\n")))


@dataclass
class Row:
    measure: str | None
    method: str
    responsible: str
    period: str
    status: str | None
    result: str
    suggestion: str


STATUSES = [status.thai for status in Status] + [status.value for status in Status]
AGENCY_TEXT = ("agency", "district", "province", "signer", "signer_position")


@dataclass
class Case:
    agency: dict[str, str]
    fiscal_year: Any
    report_date: Any
    rows: list[Row]
    digits: str


def cases(*, any_structure: bool) -> st.SearchStrategy[Case]:
    """Workbooks with arbitrary text in every text field.

    ``any_structure``: arbitrary text in the structured fields too (year, status, a first row
    without a measure), so that most such workbooks are invalid; otherwise those fields are
    valid, so that most builds succeed and their reports can be checked.
    """
    status = st.one_of(st.none(), st.sampled_from(STATUSES))
    year: st.SearchStrategy[Any] = st.sampled_from([2564, "2564", "๒๕๖๔", 2021])
    measure: st.SearchStrategy[str | None] = st.one_of(st.none(), filled_text)
    if any_structure:
        status, year = status | cell_text, year | cell_text
        measure = measure | cell_text

    def rows(measure: st.SearchStrategy[str | None]) -> st.SearchStrategy[Row]:
        return st.builds(
            Row,
            measure=measure,
            method=filled_text,
            responsible=filled_text,
            period=filled_text,
            status=status,
            result=cell_text,
            suggestion=cell_text,
        )

    row = rows(measure)
    first_row = row if any_structure else rows(filled_text)
    return st.builds(
        Case,
        agency=st.fixed_dictionaries(
            {
                "agency": filled_text,
                "district": cell_text,
                "province": cell_text,
                "signer": st.one_of(filled_text, cell_text),
                "signer_position": cell_text,
            }
        ),
        fiscal_year=year,
        report_date=st.one_of(st.none(), st.just(date(2021, 9, 30)), cell_text),
        rows=st.tuples(first_row, st.lists(row, max_size=3)).map(lambda made: [made[0], *made[1]]),
        digits=st.sampled_from(["arabic", "thai"]),
    )


LABELS = {
    "agency": "ชื่อหน่วยงาน",
    "district": "อำเภอ",
    "province": "จังหวัด",
    "signer": "ผู้รายงาน",
    "signer_position": "ตำแหน่ง",
}
HEADER = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "สถานะ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
)
COLUMNS = "ABCDEFG"


def cell(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    stored = excel_escaped(value)
    assert len(stored) <= CELL_LIMIT, "a test case Excel could not store"
    return stored


def write(case: Case, path: Path) -> dict[str, str]:
    """Write the case's workbook; return each text cell (``SHEET!CELL``) with what was typed."""
    agency_rows = [(LABELS[key], case.agency[key]) for key in AGENCY_TEXT]
    agency_rows.insert(1, ("ปีงบประมาณ", case.fiscal_year))
    agency_rows.append(("วันที่รายงาน", case.report_date))
    typed: dict[str, str] = {}
    for number, (_, value) in enumerate(agency_rows, 2):
        if isinstance(value, str):
            typed[f"หน่วยงาน!B{number}"] = value
    sheet_rows = []
    for number, row in enumerate(case.rows, 2):
        values = (
            row.measure,
            row.method,
            row.responsible,
            row.period,
            row.status,
            row.result,
            row.suggestion,
        )
        sheet_rows.append(tuple(cell(v) for v in values))
        for column, value in zip(COLUMNS, values, strict=True):
            if isinstance(value, str):
                typed[f"มาตรการ!{column}{number}"] = value
    write_workbook(
        path,
        agency=[(label, cell(value)) for label, value in agency_rows],
        header=HEADER,
        rows=sheet_rows,
    )
    return typed


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


PROPERTY_SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same cases on every CI run
    database=None,
)


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
