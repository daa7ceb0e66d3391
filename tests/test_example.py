"""The example workbook (the seed report transcribed) reads in full, and check reports it right.

Also: the real console script on consoles that cannot show Thai.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from typer.testing import Result

from ita_report.model import Method, Plan
from ita_report.read.workbook import load_workbook
from tests.workbook_helpers import EXAMPLE

Cli = Callable[..., Result]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture(scope="module")
def plan() -> Plan:
    loaded = load_workbook(EXAMPLE)
    assert loaded.problems == ()
    assert loaded.plan is not None
    return loaded.plan


def test_validate_passes_without_errors_or_warnings(cli: Cli, example: Path) -> None:
    result = cli("validate", example)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.strip() == (
        f"✓ {example}: ถูกต้อง — เทศบาลตำบลพะโต๊ะ, มาตรการ 10 ข้อ, วิธีการ 29 รายการ"
    )


def test_the_agency(plan: Plan) -> None:
    agency = plan.agency
    assert (agency.name, agency.district, agency.province) == ("เทศบาลตำบลพะโต๊ะ", "บ้านฝาง", "ชุมพร")
    assert (agency.fiscal_year, agency.assessed_year) == (2564, 2563)
    assert agency.signer is None


def test_ten_measures_and_29_methods(plan: Plan) -> None:
    assert [m.no for m in plan.measures] == list(range(1, 11))
    assert [len(m.methods) for m in plan.measures] == [3, 2, 2, 4, 5, 2, 3, 2, 3, 3]
    assert len(plan.methods) == 29
    assert plan.measures[3].title == "การใช้ทรัพย์สินของทางราชการ"
    assert plan.measures[3].methods[3].cell == "มาตรการ!B14"


def test_every_cell_of_the_measures_sheet_is_in_the_model(plan: Plan, example: Path) -> None:
    """Nothing typed in the measures sheet is lost or altered on the way into the model."""
    methods: dict[str, tuple[int, Method]] = {
        method.cell: (measure.no, method) for measure in plan.measures for method in measure.methods
    }
    titles = {measure.cell: measure for measure in plan.measures}
    workbook = openpyxl.load_workbook(example)
    sheet = workbook["มาตรการ"]
    header = [cell.value for cell in sheet[3]]
    assert header == [
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "เริ่ม",
        "สิ้นสุด",
        "สถานะ",
        "ผลการดำเนินการ",
        "ข้อเสนอแนะ",
    ]
    seen = 0
    for row in sheet.iter_rows(min_row=4):
        values = dict(zip(header, (cell.value for cell in row), strict=True))
        if all(value is None for value in values.values()):
            continue
        _, method = methods[f"มาตรการ!B{row[0].row}"]
        if values["มาตรการ/แนวทาง"] is not None:
            measure = titles[f"มาตรการ!A{row[0].row}"]
            assert (
                values["มาตรการ/แนวทาง"]
                == f"{str(measure.no).translate(THAI_DIGITS)}. {measure.title}"
            )
        assert values["วิธีการดำเนินการ"] == f"{str(method.no).translate(THAI_DIGITS)}. {method.text}"
        assert values["ผู้รับผิดชอบ"] == method.responsible
        assert values["ระยะเวลาดำเนินการ"] is None and method.period.text is None
        assert isinstance(values["เริ่ม"], datetime) and isinstance(values["สิ้นสุด"], datetime)
        assert values["เริ่ม"].date() == method.period.start
        assert values["สิ้นสุด"].date() == method.period.end
        assert values["สถานะ"] == method.status.thai
        assert values["ผลการดำเนินการ"] == method.result
        assert (values["ข้อเสนอแนะ"] or "") == method.suggestion
        seen += 1
    assert seen == 29


def test_check_json_lists_exactly_the_three_in_progress(cli: Cli, example: Path) -> None:
    result = cli("check", example, "--json", "--as-of", "2021-10-01")
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)["workbooks"]
    assert (entry["agency"], entry["fiscal_year"]) == ("เทศบาลตำบลพะโต๊ะ", 2564)
    assert entry["summary"] == {
        "measures": 10,
        "methods": 29,
        "done": 26,
        "in_progress": 3,
        "not_started": 0,
    }
    assert [(p["measure_no"], p["method_no"], p["cell"]) for p in entry["pending"]] == [
        (4, 4, "มาตรการ!B14"),
        (6, 1, "มาตรการ!B20"),
        (6, 2, "มาตรการ!B21"),
    ]
    assert {p["status"] for p in entry["pending"]} == {"in_progress"}
    assert entry["pending"][0] == {
        "measure_no": 4,
        "measure": "การใช้ทรัพย์สินของทางราชการ",
        "method_no": 4,
        "method": "กำหนดบทลงโทษกรณีไม่ปฏิบัติตามระเบียบการใช้ทรัพย์สินของทางราชการ",
        "responsible": "งานพัสดุ",
        "period": "มี.ค. – ก.ย. ๖๔",
        "start": "2021-03-01",
        "end": "2021-09-30",
        "status": "in_progress",
        "overdue": True,
        "cell": "มาตรการ!B14",
    }
    assert entry["errors"] == [] and entry["warnings"] == []


def test_check_unit_on_the_example_includes_what_all_units_share(cli: Cli, example: Path) -> None:
    """งานพัสดุ has 6 methods of its own, and shares the 7 of ``ทุกงาน`` (SPEC §2)."""
    result = cli("check", example, "--json", "--unit", "งานพัสดุ")
    (entry,) = json.loads(result.stdout)["workbooks"]
    assert [p["cell"] for p in entry["pending"]] == ["มาตรการ!B14", "มาตรการ!B20"]
    assert entry["summary"] == {
        "measures": 8,
        "methods": 13,
        "done": 11,
        "in_progress": 2,
        "not_started": 0,
    }


def test_check_table_of_the_example(cli: Cli, example: Path) -> None:
    result = cli("check", example, "--as-of", "31/3/2564")
    assert result.exit_code == 1
    for text in ("4.4", "มาตรการ!B14", "6.1", "มาตรการ!B20", "6.2", "มาตรการ!B21"):
        assert text in result.stdout
    assert "เลยกำหนด" not in result.stdout
    assert result.stdout.rstrip().endswith("(เสร็จ 90%) — ค้าง 3 รายการ")


# --- the real console script on consoles without Thai --------------------------------------


def console_script() -> list[str]:
    """The installed ``ita-report`` script beside this Python, else ``python -m ita_report``."""
    found = shutil.which("ita-report", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "ita_report"]


def run_script(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [*console_script(), *args], capture_output=True, env=env, timeout=120, check=False
    )


@pytest.mark.parametrize("encoding", ["cp874", "cp1252"])
def test_check_on_a_console_without_full_unicode_does_not_crash(
    example: Path, encoding: str
) -> None:
    done = run_script(encoding, "check", str(example))
    stderr = done.stderr.decode(encoding, "replace")
    assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, stderr
    assert done.returncode == 1
    out = done.stdout.decode(encoding)
    assert "มาตรการ!B14".encode(encoding, "replace").decode(encoding) in out
    assert "ค้าง 3 รายการ".encode(encoding, "replace").decode(encoding) in out


def test_thai_survives_on_a_thai_codepage(example: Path) -> None:
    out = run_script("cp874", "check", str(example)).stdout.decode("cp874")
    assert "เทศบาลตำบลพะโต๊ะ" in out


@pytest.mark.parametrize("encoding", ["cp874", "cp1252"])
def test_problems_on_stderr_on_a_console_without_thai(tmp_path: Path, encoding: str) -> None:
    missing = tmp_path / "ไม่มีไฟล์.xlsx"
    done = run_script(encoding, "validate", str(missing))
    stderr = done.stderr.decode(encoding, "replace")
    assert "Traceback" not in stderr, stderr
    assert done.returncode == 2


@pytest.mark.parametrize("encoding", ["cp874", "cp1252"])
def test_json_is_utf8_whatever_the_console(example: Path, encoding: str) -> None:
    done = run_script(encoding, "check", str(example), "--json")
    assert done.returncode == 1
    document = json.loads(done.stdout.decode("utf-8"))
    assert document["workbooks"][0]["agency"] == "เทศบาลตำบลพะโต๊ะ"
