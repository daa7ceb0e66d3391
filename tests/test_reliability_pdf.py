"""``build --pdf`` when LibreOffice misbehaves, and two batches converting at once.

``test_pdf.py`` proves ``convert_to_pdf`` against a fake ``soffice`` for every way the real one
fails; these tests add what the clerk sees from ``ita-report build --pdf`` (the report is kept,
the PDF's failure is one message, exit 2), and two real conversions running side by side, each
with its own LibreOffice profile.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from ita_report.write import pdf
from ita_report.write.atomic import TEMP_PREFIX
from ita_report.write.pdf import SOFFICE_ENV
from tests.pdf_helpers import alive, fake_soffice
from tests.workbook_helpers import AGENCY, write_workbook

Cli = Callable[..., Result]
Make = Callable[..., Path]

ITA_REPORT = Path(sys.executable).with_name("ita-report")
posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")
has_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed",
)


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
    monkeypatch.setattr(pdf, "convert_to_pdf", functools.partial(pdf.convert_to_pdf, timeout=1.0))
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
@has_libreoffice
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
        text = subprocess.run(
            ["pdftotext", str(workbook.with_suffix(".pdf")), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        assert agencies[folder] in text
        assert [p for p in workbook.parent.iterdir() if p.name.startswith(TEMP_PREFIX)] == []
