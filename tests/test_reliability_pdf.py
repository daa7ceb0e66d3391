"""``build --pdf`` when LibreOffice misbehaves, and two batches converting at once.

``test_pdf.py`` proves ``convert_to_pdf`` against a fake ``soffice`` for every way the real one
fails; these tests add what the clerk sees from ``ita-report build --pdf`` (the report is kept,
the PDF's failure is one message, exit 2), two real conversions running side by side, each
with its own LibreOffice profile, and one batch shared between two LibreOffice workers: every
report gets its PDF, and a worker that hangs costs its own chunk only.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ita_report.write import soffice
from ita_report.write.atomic import TEMP_PREFIX
from ita_report.write.pdf import SOFFICE_ENV, TIMEOUT_ENV
from tests.pdf_helpers import alive, fake_soffice, needs_libreoffice, pdf_text
from tests.workbook_helpers import AGENCY, write_workbook

Cli = Callable[..., Result]
Make = Callable[..., Path]

ITA_REPORT = Path(sys.executable).with_name("ita-report")
posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")


@posix_only
def test_a_zero_exit_without_a_pdf_keeps_the_report_and_says_so(
    cli: Cli, make_workbook: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, "none")
    workbook = make_workbook()

    result = cli("build", workbook, "--pdf")

    assert result.exit_code == 2, result.output
    report = workbook.with_suffix(".docx")
    assert f"✓ {report}" in result.stdout  # the Word report is written all the same
    assert f"ข้อผิดพลาด: {report}: LibreOffice ไม่ได้สร้าง PDF จากไฟล์นี้" in result.stderr
    assert not workbook.with_suffix(".pdf").exists()


@posix_only
def test_a_hung_libreoffice_is_stopped_and_leaves_nothing_running(
    cli: Cli, make_workbook: Make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    script = tmp_path / "hung-soffice"
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $$ $! > '{pids}'\nwait\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    monkeypatch.setenv(TIMEOUT_ENV, "1")
    workbook = make_workbook()

    result = cli("build", workbook, "--pdf")

    assert result.exit_code == 2, result.output
    assert "LibreOffice ไม่ตอบสนองภายใน 1 วินาที จึงถูกหยุด และไม่ได้สร้าง PDF" in result.stderr
    assert workbook.with_suffix(".docx").exists()
    assert not workbook.with_suffix(".pdf").exists()
    launched = [int(pid) for pid in pids.read_text().split()]
    deadline = time.monotonic() + 10  # a guard: killed processes vanish at once
    while any(map(alive, launched)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, launched)), f"still running: {launched}"


@pytest.mark.libreoffice
@needs_libreoffice
def test_two_batches_converting_at_once_both_get_their_pdfs(tmp_path: Path) -> None:
    # Each run has a private LibreOffice profile: with a shared one, the second soffice would
    # hand its files to the first and exit, or wait on the profile's lock.
    agencies = {"ก": "เทศบาลตำบลพะโต๊ะ", "ข": "องค์การบริหารส่วนตำบลปากทรง"}
    workbooks = {
        folder: write_workbook(
            tmp_path / folder / "plan.xlsx", agency=(("ชื่อหน่วยงาน", name), *AGENCY[1:])
        )
        for folder, name in agencies.items()
    }
    env = {key: value for key, value in os.environ.items() if key != SOFFICE_ENV}
    runs = [
        subprocess.Popen(
            [str(ITA_REPORT), "build", str(workbook), "--pdf"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for workbook in workbooks.values()
    ]
    outcomes = [run.communicate(timeout=600) for run in runs]  # a guard, not a measurement

    for run, (_, stderr) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, stderr.decode("utf-8", "replace")
    for folder, workbook in workbooks.items():
        text = pdf_text(workbook.with_suffix(".pdf"))
        assert agencies[folder] in text
        assert [p for p in workbook.parent.iterdir() if p.name.startswith(TEMP_PREFIX)] == []


#: Runs the real soffice, logging each call's profile and inputs; a call whose inputs hold the
#: marker agency hangs instead (with a helper process, as the real launcher has).
WRAPPER = """\
import json, os, pathlib, subprocess, sys, time, zipfile
args = sys.argv[1:]
inputs = [a for a in args if a.endswith(".docx")]
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
with open({log!r}, "a", encoding="utf-8") as out:
    out.write(json.dumps({{"profile": profile, "inputs": inputs}}) + "\\n")
def text(path):
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode("utf-8")
if any({marker!r} in text(path) for path in inputs):
    helper = subprocess.Popen(["sleep", "300"])
    with open({pids!r}, "a", encoding="utf-8") as out:
        out.write(f"{{os.getpid()}} {{helper.pid}}\\n")
    time.sleep(300)
os.execv({real!r}, [{real!r}, *args])
"""
HUNG_AGENCY = "องค์การบริหารส่วนตำบลค้างนาน"


def wrap_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Put WRAPPER in front of the real soffice on a two-core machine; return its call log."""
    real = shutil.which("soffice") or shutil.which("libreoffice")
    assert real is not None
    log = tmp_path / "calls.jsonl"
    script = tmp_path / "soffice-wrapper"
    body = WRAPPER.format(log=str(log), marker=HUNG_AGENCY, pids=str(tmp_path / "pids"), real=real)
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    monkeypatch.setattr(soffice, "available_cores", lambda: 2)
    return log


def agencies_workbooks(tmp_path: Path, names: list[str]) -> list[Path]:
    return [
        write_workbook(
            tmp_path / "plans" / f"a{number:02}" / "plan.xlsx",
            agency=(("ชื่อหน่วยงาน", name), *AGENCY[1:]),
        )
        for number, name in enumerate(names, 1)
    ]


@pytest.mark.libreoffice
@needs_libreoffice
def test_build_pdf_over_two_workers_writes_every_pdf(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = wrap_soffice(tmp_path, monkeypatch)
    places = [
        "บางกรวย",
        "ปากเกร็ด",
        "พะโต๊ะ",
        "ปากทรง",
        "ละแม",
        "หลังสวน",
        "ท่าแซะ",
        "สวี",
        "ทุ่งตะโก",
        "บ้านฝาง",
    ]
    names = [f"เทศบาลตำบล{place}" for place in places]
    workbooks = agencies_workbooks(tmp_path, names)

    result = cli("build", tmp_path / "plans", "--pdf")

    assert result.exit_code == 0, result.output
    for workbook, name in zip(workbooks, names, strict=True):
        assert name in pdf_text(workbook.with_suffix(".pdf"))  # each one opens, its own agency
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    first_pass = [call for call in calls if "-1/in/" in call["inputs"][0]]
    assert sorted(len(call["inputs"]) for call in first_pass) == [5, 5]  # two workers ...
    assert len({call["profile"] for call in first_pass}) == 2  # ... each with its own profile


@pytest.mark.libreoffice
@needs_libreoffice
def test_a_hung_libreoffice_costs_its_own_chunk_only(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrap_soffice(tmp_path, monkeypatch)
    # Long enough for a real chunk of two reports on a busy machine, short for a test.
    monkeypatch.setenv(TIMEOUT_ENV, "30")
    names = [
        "เทศบาลตำบลหนึ่ง",
        "เทศบาลตำบลสอง",
        "เทศบาลตำบลสาม",
        HUNG_AGENCY,
        "เทศบาลตำบลห้า",
        "เทศบาลตำบลหก",
    ]
    workbooks = agencies_workbooks(tmp_path, names)  # chunks: a01-a03, a04-a06

    result = cli("build", tmp_path / "plans", "--pdf")

    assert result.exit_code == 2, result.output
    assert "สร้าง PDF ไม่สำเร็จ 3 ไฟล์ (LibreOffice ไม่ตอบสนองภายใน 30 วินาที" in result.stderr
    for workbook, name in zip(workbooks[:3], names[:3], strict=True):
        assert name in pdf_text(workbook.with_suffix(".pdf"))  # the other chunk's PDFs are kept
        assert str(workbook.with_suffix(".docx")) not in result.stderr
    for workbook in workbooks[3:]:
        assert str(workbook.with_suffix(".docx")) in result.stderr  # the hung chunk's, named
        assert workbook.with_suffix(".docx").exists()
        assert not workbook.with_suffix(".pdf").exists()
    launched = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
    deadline = time.monotonic() + 10
    while any(map(alive, launched)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, launched)), f"still running: {launched}"
