"""Every command on a console that cannot show Thai, output redirected: no UnicodeEncodeError.

A Windows console in cp1252 has no Thai at all; cp874 (Windows Thai) has Thai but not ``✓``.
Each command runs as a clerk's script would run it, ``.venv/bin/ita-report`` with
``PYTHONIOENCODING`` set and stdout and stderr going to pipes, on its success path and its error
paths. What the console cannot show becomes ``?``; the exit status is the one the SPEC gives;
``--json`` is UTF-8 whatever the console. (``test_example.py`` checks the text of ``check``'s
table on these consoles.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from tests.workbook_helpers import EXAMPLE, write_workbook

ITA_REPORT = Path(sys.executable).with_name("ita-report")
ENCODINGS = ["cp874", "cp1252"]

Setup = Callable[[Path], list[str]]


def good(folder: Path) -> list[str]:
    return [str(write_workbook(folder / "แผน ๒๕๖๔.xlsx"))]


def invalid(folder: Path) -> list[str]:
    return [str(write_workbook(folder / "แผน.xlsx", agency=(("ชื่อหน่วยงาน", None),)))]


def broken_template(folder: Path) -> list[str]:
    document = Document()
    document.add_paragraph("ปี {{ fiscal_yaer }}")
    document.save(str(folder / "แม่แบบ.docx"))
    return [*good(folder), "--template", str(folder / "แม่แบบ.docx")]


def existing(folder: Path) -> list[str]:
    (folder / "แผน.xlsx").write_bytes(b"")
    return [str(folder / "แผน.xlsx")]


#: name → (arguments, made in a fresh folder, exit status)
RUNS: dict[str, tuple[list[str], Setup | None, int]] = {
    "--version": (["--version"], None, 0),
    "--help": (["--help"], None, 0),
    "build --help": (["build", "--help"], None, 0),
    "usage error": (["check", "--as-of", "เมื่อวาน", str(EXAMPLE)], None, 2),
    "validate": (["validate"], good, 0),
    "validate, invalid": (["validate"], invalid, 2),
    "validate, no such file": (["validate", "ไม่มีไฟล์นี้.xlsx"], None, 2),
    "check": (["check", str(EXAMPLE)], None, 1),
    "check --unit": (["check", str(EXAMPLE), "--unit", "งานพัสดุ"], None, 1),
    "check, invalid": (["check"], invalid, 2),
    "build": (["build"], good, 0),
    "build, invalid": (["build"], invalid, 2),
    "build, broken template": (["build"], broken_template, 2),
    "init": (["init", "แผนใหม่.xlsx", "--agency", "เทศบาลตำบลพะโต๊ะ", "--year", "2568"], None, 0),
    "init, file exists": (["init"], existing, 2),
    "template export": (["template", "export", "แม่แบบ"], None, 0),
}


def run(encoding: str, args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [str(ITA_REPORT), *args], capture_output=True, cwd=cwd, env=env, timeout=120, check=False
    )


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", RUNS)
def test_every_command_runs_on_a_console_without_thai(
    tmp_path: Path, encoding: str, name: str
) -> None:
    args, setup, status = RUNS[name]
    if setup is not None:
        args = [*args, *setup(tmp_path)]

    done = run(encoding, args, tmp_path)

    stderr = done.stderr.decode(encoding, "replace")
    assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, stderr
    assert done.returncode == status, stderr
    # What was written is in the console's encoding (Thai as "?" where it has none).
    done.stdout.decode(encoding)
    if status == 2:
        assert stderr.strip(), "an error must say something"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_thai_that_the_console_can_show_is_shown(tmp_path: Path, encoding: str) -> None:
    done = run(encoding, ["validate", *invalid(tmp_path)], tmp_path)
    stderr = done.stderr.decode(encoding)
    if encoding == "cp874":
        assert "ต้องกรอก 'ชื่อหน่วยงาน'" in stderr
    else:
        assert "?" in stderr and "หน่วยงาน!B2" not in stderr  # replaced, not crashed
        assert "B2:" in stderr  # the cell is still named


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_build_json_is_utf8_whatever_the_console(tmp_path: Path, encoding: str) -> None:
    done = run(encoding, ["build", "--json", *good(tmp_path)], tmp_path)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    (entry,) = json.loads(done.stdout.decode("utf-8"))["workbooks"]
    assert entry["path"].endswith("แผน ๒๕๖๔.xlsx")
    assert entry["written"] is True


def test_a_path_that_looks_like_an_emoji_code_prints_as_named(tmp_path: Path) -> None:
    folder = tmp_path / ":warning: แผน"
    folder.mkdir()
    workbook = folder / "plan.xlsx"
    workbook.write_bytes(EXAMPLE.read_bytes())

    done = run("utf-8", ["build", str(workbook)], tmp_path)

    assert done.returncode == 0, done.stderr.decode()
    stdout = done.stdout.decode()
    assert f"{folder / 'plan.docx'}" in stdout, stdout
    assert "⚠" not in stdout
