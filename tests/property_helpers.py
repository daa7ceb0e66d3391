"""Shared helpers of the property tests: workbooks with any Unicode in every field, as saved.

Nothing here is a test. :func:`cases` draws workbooks (:class:`Case`) whose text fields hold
arbitrary Unicode: Thai with stacked marks, emoji, control characters, Jinja syntax, cells of
tens of thousands of characters. :func:`write` saves one as .xlsx, control characters and lone
surrogates escaped as Excel escapes them (``_xHHHH_``), and says what was typed in each cell.
:data:`PROPERTY_SETTINGS` are the Hypothesis settings every such test runs with: the same cases
on every run. Used by ``test_reliability_properties.py`` and ``test_report_schemas.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from ita_report.model import Status
from tests import workbook_helpers
from tests.workbook_helpers import write_workbook

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
#: The usual header, with the suggestion column the cases fill in too.
HEADER = (*workbook_helpers.HEADER, "ข้อเสนอแนะ")
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


PROPERTY_SETTINGS = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same cases on every CI run
    database=None,
)
