"""Whatever program saved it: a workbook saved again by LibreOffice reads the same.

Hypothesis makes valid workbooks of every shape the reader meets (measures with one method or
many, measure cells merged down or left empty or repeated, statuses typed or inferred, periods as
text, as real dates, as B.E. dates, results with line breaks), openpyxl writes each, and
LibreOffice Calc saves it again as .xlsx, .xls (Excel 97–2003) and .ods. ``check --json`` must
report exactly the same for all four files, apart from their paths: the format a clerk's office
uses changes nothing.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ita_report.cli import app
from tests.workbook_helpers import AGENCY, write_workbook

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent"),
]

SOFFICE = shutil.which("soffice") or "soffice"
#: Each target format and LibreOffice's filter for it.
FORMATS = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods:calc8"}
HEADER = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "เริ่ม",
    "สิ้นสุด",
    "ระยะเวลาดำเนินการ",
    "สถานะ",
    "ผลการดำเนินการ",
)
THAI = "กขคงจชซดตถทนบปผพฟมยรลวสหอะาำเแโใไ"
UNITS = ("กองคลัง", "สำนักปลัด", "กองช่าง", "งานพัสดุ/งานการเงิน")
STATUSES = (None, "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ", "เสร็จแล้ว")
TEXT_PERIODS = ("มี.ค. – ก.ย. ๖๔", "ต.ค. ๖๓ – ก.ย. ๖๔", "ตลอดปีงบประมาณ", "ก.พ. ๖๔", "ตามความเหมาะสม")

words = st.text(alphabet=THAI, min_size=2, max_size=12)


@dataclass
class Method:
    text: str
    unit: str
    period: tuple[Any, Any, str | None]
    status: str | None
    result: str | None


periods = st.one_of(
    st.sampled_from(TEXT_PERIODS).map(lambda text: (None, None, text)),
    st.tuples(st.integers(1, 12), st.integers(1, 28), st.integers(0, 200)).map(
        lambda t: (
            datetime(2020 + (t[0] >= 10 and 0), t[0], t[1]),
            datetime(2021, 9, 30),
            None,
        )
    ),
    # A B.E. year typed into a date cell, as a non-Thai Excel stores ``1/3/2564``.
    st.just((datetime(2564, 3, 1), datetime(2564, 9, 30), None)),
)
methods = st.builds(
    Method,
    text=words,
    unit=st.sampled_from(UNITS),
    period=periods,
    status=st.sampled_from(STATUSES),
    result=st.one_of(st.none(), words, st.tuples(words, words).map("\n".join)),
)
measures = st.lists(
    st.tuples(words, st.lists(methods, min_size=1, max_size=4)), min_size=1, max_size=4
)
#: How a measure's title sits over its methods: merged down, only on its first row, or repeated.
layouts = st.sampled_from(["merged", "first row", "repeated"])


def write(path: Path, plan: list[tuple[str, list[Method]]], layout: str) -> Path:
    rows: list[tuple[Any, ...]] = []
    merges: list[str] = []
    for title, items in plan:
        first = len(rows) + 2
        for index, method in enumerate(items):
            shown = title if index == 0 or layout == "repeated" else None
            start, end, text = method.period
            rows.append(
                (shown, method.text, method.unit, start, end, text, method.status, method.result)
            )
        if layout == "merged" and len(items) > 1:
            merges.append(f"A{first}:A{first + len(items) - 1}")
    return write_workbook(path, agency=AGENCY, header=HEADER, rows=rows, merges=merges)


def convert(source: Path, folder: Path) -> dict[str, Path]:
    """The workbook saved by LibreOffice Calc in each format, in one profile of its own."""
    saved: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix="ita-calc-") as profile:
        for suffix, target in FORMATS.items():
            out = folder / suffix
            subprocess.run(
                [
                    SOFFICE,
                    "--headless",
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(out),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
            saved[suffix] = out / f"{source.stem}.{suffix}"
    return saved


def check_json(path: Path) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(
        app, ["check", str(path), "--json", "--as-of", "2021-06-30"], catch_exceptions=False
    )
    (book,) = json.loads(result.stdout)["workbooks"]
    del book["path"]
    return result.exit_code, book


@settings(
    max_examples=6,
    deadline=None,
    # Each example costs three LibreOffice runs: no shrinking (a failure prints its example).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(plan=measures, layout=layouts)
def test_saving_through_libreoffice_changes_nothing_check_reports(
    tmp_path_factory: pytest.TempPathFactory, plan: list[tuple[str, list[Method]]], layout: str
) -> None:
    folder = tmp_path_factory.mktemp("formats")
    original = write(folder / "plan.xlsx", plan, layout)
    expected = check_json(original)
    assert expected[0] in (0, 1), expected[1]["errors"]
    assert expected[1]["summary"]["methods"] == sum(len(items) for _, items in plan)

    for suffix, saved in convert(original, folder).items():
        assert check_json(saved) == expected, suffix
