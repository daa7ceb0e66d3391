"""The console script's way in and out: ``--version`` before typer, and a quick, complete exit.

These run ``python -m ita_report`` as a user's shell would: the in-process ``cli`` fixture never
goes through ``main``, which is what answers ``--version`` early and leaves with ``os._exit``.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from ita_report import __version__
from tests.workbook_helpers import EXAMPLE


def run(*args: str | Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "ita_report"]
    return subprocess.run(
        [*command, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_version_is_answered_without_typer_or_rich() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['ita-report', '--version']\n"
        "from ita_report.cli import main\n"
        "main()\n"
        "print(sorted(m for m in ('typer', 'rich', 'click', 'ita_report.cli.app')"
        " if m in sys.modules), file=sys.stderr)\n"
    )
    done = run(code=code)
    assert done.returncode == 0
    assert done.stdout == f"ita-report {__version__}\n"
    assert done.stderr == "[]\n"


def test_version_from_the_console_script_is_what_typer_printed() -> None:
    done = run("--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"ita-report {__version__}\n", "")


def test_version_with_more_arguments_is_still_click_s_business() -> None:
    done = run("--version", "--nonsense")
    assert done.returncode == 2
    assert "--nonsense" in done.stderr
    assert done.stdout == ""


def test_the_exit_status_and_every_line_survive_the_quick_exit(tmp_path: Path) -> None:
    pending = run("check", EXAMPLE)
    assert pending.returncode == 1, pending.stderr
    assert pending.stdout.rstrip().endswith("เลยกำหนด 3")  # the last line: all was flushed

    missing = run("check", tmp_path / "missing.xlsx")
    assert missing.returncode == 2
    assert "ไม่พบไฟล์" in missing.stderr

    usage = run("build")
    assert usage.returncode == 2


def test_a_report_written_before_the_quick_exit_is_whole(tmp_path: Path) -> None:
    report = tmp_path / "plan.docx"
    done = run("build", EXAMPLE, "-o", report)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"✓ {report}\n"
    with zipfile.ZipFile(report) as archive:
        assert archive.testzip() is None
        assert "word/document.xml" in archive.namelist()


def test_several_reports_from_worker_processes_then_the_quick_exit(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.xlsx").write_bytes(EXAMPLE.read_bytes())

    done = run("build", folder, "--jobs", "2")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "สร้างรายงาน 3 จาก 3 ไฟล์"
    assert sorted(path.name for path in folder.glob("*.docx")) == ["a.docx", "b.docx", "c.docx"]
