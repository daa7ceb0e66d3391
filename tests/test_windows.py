"""What would go wrong on the PCs the clerks use, tried here with the platform faked.

- A process pool on Windows refuses more than 61 workers (``ValueError`` from
  ``ProcessPoolExecutor``): ``-j 64``, or the default on a 64-core server. The pools of
  ``build`` and ``summary`` are faked with one that refuses as Windows does.
- Windows and macOS do not tell ``Plan.docx`` from ``plan.docx``: two workbooks whose reports
  differ only in case are refused, on every system, naming both.
- ``examples/yearly.ps1``, the yearly run for PowerShell, cannot run here (no PowerShell): its
  steps are checked against ``examples/yearly.sh``, which runs in ``test_cycle.py``.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import Result

from ita_report import build
from ita_report.build import BuildJob, build_all, default_workers, plan_jobs
from ita_report.errors import ItaError
from ita_report.read import batch
from ita_report.read.batch import WINDOWS_MAX_WORKERS, load_many, pool_size
from ita_report.render.options import RenderOptions
from tests.workbook_helpers import write_workbook

ROOT = Path(__file__).resolve().parents[1]


class WindowsPool(ThreadPoolExecutor):
    """A pool that refuses what Windows' ProcessPoolExecutor refuses, and remembers its size."""

    sizes: ClassVar[list[int]] = []

    def __init__(self, max_workers: int) -> None:
        if sys.platform == "win32" and max_workers > 61:
            raise ValueError("max_workers must be <= 61")
        WindowsPool.sizes.append(max_workers)
        super().__init__(max_workers=max_workers)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> type[WindowsPool]:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(build, "ProcessPoolExecutor", WindowsPool)
    monkeypatch.setattr(batch, "ProcessPoolExecutor", WindowsPool)
    WindowsPool.sizes = []
    return WindowsPool


@pytest.mark.parametrize(
    ("platform", "expected"), [("win32", WINDOWS_MAX_WORKERS), ("linux", 64), ("darwin", 64)]
)
def test_the_pool_is_capped_on_windows_only(
    monkeypatch: pytest.MonkeyPatch, platform: str, expected: int
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert pool_size(64, 100) == expected
    assert pool_size(64, 3) == 3
    assert pool_size(0, 10) == 1


def test_the_default_on_a_64_core_windows_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr("os.sched_getaffinity", raising=False)  # as on Windows
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert default_workers() == 61


def test_build_with_64_jobs_on_windows(windows: type[WindowsPool], tmp_path: Path) -> None:
    jobs = [BuildJob(tmp_path / f"{i}.xlsx", tmp_path / f"{i}.docx") for i in range(70)]
    outcomes = build_all(jobs, RenderOptions(), workers=64)
    assert windows.sizes == [61]
    assert [outcome.job for outcome in outcomes] == jobs  # every one, in order (none exists)


def test_summary_with_64_jobs_on_windows(windows: type[WindowsPool], tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.xlsx" for i in range(70)]
    loaded = load_many(paths, workers=64)
    assert windows.sizes == [61]
    assert [book.path for book in loaded] == paths


# --- names that differ only in case ----------------------------------------------------------


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_reports_that_differ_only_in_case_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    upper, lower = tmp_path / "Plan.xlsx", tmp_path / "plan.xlsm"
    with pytest.raises(ItaError) as caught:
        plan_jobs(
            [(upper, Path("Plan.xlsx")), (lower, Path("plan.xlsm"))], output=None, out_dir=None
        )
    message = str(caught.value)
    assert f"{upper} และ {lower}" in message
    assert f"({tmp_path / 'Plan.docx'} และ {tmp_path / 'plan.docx'})" in message
    assert "Windows และ macOS เป็นไฟล์เดียวกัน" in message


def test_folders_that_differ_only_in_case_under_out_dir(tmp_path: Path) -> None:
    inputs = [
        (tmp_path / "A" / "plan.xlsx", Path("A/plan.xlsx")),
        (tmp_path / "a" / "plan.xlsx", Path("a/plan.xlsx")),
    ]
    with pytest.raises(ItaError, match="ถ้าไม่นับตัวพิมพ์เล็กพิมพ์ใหญ่"):
        plan_jobs(inputs, output=None, out_dir=tmp_path / "reports")


def test_names_that_differ_otherwise_are_kept(tmp_path: Path) -> None:
    inputs = [
        (tmp_path / "plan.xlsx", Path("plan.xlsx")),
        (tmp_path / "plan2.xlsx", Path("plan2.xlsx")),
    ]
    assert len(plan_jobs(inputs, output=None, out_dir=None)) == 2


def test_build_refuses_them_and_writes_nothing(tmp_path: Path, cli: Callable[..., Result]) -> None:
    upper = write_workbook(tmp_path / "Plan.xlsx")
    shutil.copy(upper, tmp_path / "plan.xlsm")
    result = cli("build", tmp_path)
    assert result.exit_code == 2
    assert "จะได้รายงานชื่อเดียวกันถ้าไม่นับตัวพิมพ์เล็กพิมพ์ใหญ่" in result.stderr
    assert not list(tmp_path.glob("*.docx"))


# --- the yearly run in PowerShell --------------------------------------------------------------


def ita_report_calls(script: str) -> list[str]:
    """The ita-report command of each call in a script, with the options it passes."""
    calls = re.findall(r'(?:"\$ita_report"|& \$itaReport) (\w+)([^\n]*)', script)
    return [
        f"{command} {' '.join(sorted(re.findall(r'--[a-z-]+', rest)))}" for command, rest in calls
    ]


def test_yearly_ps1_runs_the_steps_of_yearly_sh() -> None:
    shell = (ROOT / "examples" / "yearly.sh").read_text(encoding="utf-8")
    power = (ROOT / "examples" / "yearly.ps1").read_text(encoding="utf-8-sig")
    assert (
        ita_report_calls(power)
        == ita_report_calls(shell)
        == [
            "check --json",
            "summary --quiet",
            "build --json --out-dir --pdf",
            "init --force --from --year",
        ]
    )
    for written in ("pending.json", "summary.xlsx", "summary.txt", "build.json", "next-$"):
        assert written in power


def test_yearly_ps1_keeps_thai_and_json_in_utf8() -> None:
    data = (ROOT / "examples" / "yearly.ps1").read_bytes()
    # Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page: Thai in it
    # would be garbled; and its ">" writes UTF-16, which no JSON reader expects.
    assert data.startswith(b"\xef\xbb\xbf")
    script = data.decode("utf-8-sig")
    assert "[Console]::OutputEncoding = $utf8" in script
    assert "New-Object System.Text.UTF8Encoding $false" in script
    assert not re.search(r"--json\s*>", script)
    assert "$LASTEXITCODE" in script and "exit 2" in script


def test_every_pool_goes_through_pool_size() -> None:
    for module in (build, batch):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        sizes: Any = re.findall(r"ProcessPoolExecutor\(max_workers=([^)]*\))", source)
        assert sizes and all(size.startswith("pool_size(") for size in sizes), module
