"""The Thai guide (docs/guide-th.md) is long enough, shows real output, and every command in it works.

Every command line of its code blocks runs here, in the order of the guide, in one folder laid
out as a clerk's (``plan.xlsx`` filled in, last year's workbook, a folder of agencies, a
roster). An ``init`` that writes a blank workbook is followed by the clerk filling it in (the
example workbook copied over it). A command must end with status 0 (``check``: 0 or 1). The
few lines that cannot run here are listed in ``NOT_RUN`` with the reason, and the test fails
on any other line it does not know how to run.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ita_report.cli import app
from tests.workbook_helpers import EXAMPLE

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "guide-th.md"
TEXT = GUIDE.read_text(encoding="utf-8")

#: Lines of the guide that are not run here, and why.
NOT_RUN = {
    # Installing needs the wheel built with hatchling (from PyPI) and the libraries from PyPI:
    # the tests run in the venv the package is already installed in.
    "py -m pip install --user ita_report-0.1.0-py3-none-any.whl",
    "py -m pip install --user pipx",
    "py -m pipx install ita_report-0.1.0-py3-none-any.whl",
    "py -m pipx ensurepath",
    "py -m pip wheel --no-deps -w dist .",
    # PowerShell is not on this machine: tests/test_windows.py checks the script's steps.
    r"powershell -ExecutionPolicy Bypass -File examples\yearly.ps1 -Workbooks D:\ITA\agencies -Year 2568",
    # Runs in tests/test_cycle.py::test_the_yearly_script_runs_the_whole_cycle.
    "examples/yearly.sh /srv/ita/agencies 2568",
}


def command_lines() -> list[str]:
    """Every line of the guide's code blocks that are commands (not ```text output)."""
    lines = []
    for language, block in re.findall(r"^ *```(\w*)\n(.*?)^ *```", TEXT, flags=re.S | re.M):
        if language != "text":
            lines += [line.strip() for line in block.splitlines() if line.strip()]
    return lines


COMMANDS = command_lines()


def test_the_guide_is_long_enough_and_in_thai() -> None:
    letters = re.findall("[\u0e01-\u0e3a\u0e40-\u0e45]", TEXT)
    assert len(letters) >= 4000


def test_the_readme_opens_in_thai_with_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_link = re.search(r"\]\(([^)]+)\)", readme)
    assert first_link is not None and first_link.group(1) == "docs/guide-th.md"
    opening = readme.split("\n\n")[1]
    assert len(re.findall("[\u0e01-\u0e5b]", opening)) > len(re.findall("[A-Za-z]", opening))


def test_the_pictures_are_made_from_real_output() -> None:
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", TEXT)
    makers = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "docs").glob("make-*"))
    made = [name for name in pictures if Path(name).stem in makers]
    assert len(made) >= 3 and set(made) == set(pictures)
    assert {"guide-check.png", "guide-validate.png"} <= set(made)
    for name in pictures:
        assert (ROOT / "docs" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name


def test_every_message_in_the_table_is_one_the_program_says() -> None:
    table = TEXT.split("### ๘.")[1].split("```")[0]
    messages = re.findall(r"^\| `([^`]+)` \|", table, flags=re.M)
    assert len(messages) >= 15
    source = "\n".join(
        path.read_text(encoding="utf-8") for path in (ROOT / "src" / "ita_report").rglob("*.py")
    )
    for message in messages:
        pattern = ".*?".join(re.escape(part) for part in message.split("…"))
        assert re.search(pattern, source), message


@pytest.fixture
def clerks_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "plan.xlsx")
    shutil.copy(EXAMPLE, tmp_path / "plan-2568.xlsx")
    (tmp_path / "agencies" / "amphoe").mkdir(parents=True)
    shutil.copy(EXAMPLE, tmp_path / "agencies" / "pato.xlsx")
    shutil.copy(EXAMPLE.with_suffix(".ods"), tmp_path / "agencies" / "amphoe" / "other.ods")
    (tmp_path / "roster.csv").write_text("หน่วยงาน\nเทศบาลตำบลพะโต๊ะ\nเทศบาลตำบลบ้านนา\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_line(line: str, folder: Path) -> tuple[int, str]:
    """Run one command line of the guide as a clerk would type it: (status, what it said)."""
    words = shlex.split(line)
    stdout = None
    if ">" in words:
        words, stdout = words[: words.index(">")], words[words.index(">") + 1]
    if words[:3] == ["py", "-m", "ita_report"]:
        done = subprocess.run(
            [sys.executable, "-m", "ita_report", *words[3:]],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stdout + done.stderr
    assert words[0] == "ita-report", f"the guide has a command this test cannot run: {line}"
    if words[1] == "init" and "--from" not in words:
        (folder / words[2]).unlink(missing_ok=True)
    result = CliRunner().invoke(app, words[1:], env={"COLUMNS": "100"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    if stdout is not None:
        (folder / stdout).write_text(result.stdout, encoding="utf-8")
    if words[1] == "init" and "--from" not in words:
        shutil.copy(EXAMPLE, folder / words[2])  # the clerk fills it in
    return result.exit_code, result.output


def test_every_command_of_the_guide_runs(clerks_folder: Path) -> None:
    ran = []
    for line in COMMANDS:
        if line in NOT_RUN:
            continue
        if "--pdf" in line and shutil.which("soffice") is None:
            continue  # LibreOffice is absent here; CI installs it
        status, said = run_line(line, clerks_folder)
        allowed = {0, 1} if shlex.split(line)[1:2] == ["check"] else {0}
        assert status in allowed, f"{line}\n{said}"
        ran.append(line)
    assert set(NOT_RUN) <= set(COMMANDS), "NOT_RUN names a line the guide no longer has"
    assert len(ran) >= 15
    assert (clerks_folder / "plan.docx").exists()
    assert (clerks_folder / "plan-2569.xlsx").exists()
    assert (clerks_folder / "summary.xlsx").exists()
    assert (clerks_folder / "แม่แบบ" / "report.docx").exists()
    assert '"workbooks"' in (clerks_folder / "pending.json").read_text(encoding="utf-8")
