"""Faults while ``ita-report build`` writes a report: the old report survives, nothing is left over.

``test_output.py`` proves ``write_atomic`` itself; these tests inject the same faults under the
command a clerk runs, and check what the clerk sees: the exit status, the message naming the file
and what to do, last year's report untouched, and no ``.~ita-…`` scratch file in the folder.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from typer.testing import Result

from ita_report.write import atomic as output
from ita_report.write.atomic import TEMP_PREFIX
from tests.workbook_helpers import AGENCY_NAME

Cli = Callable[..., Result]
Make = Callable[..., Path]

OLD_REPORT = b"last year's report, which must survive"
#: Bytes of a name of this many Thai characters in UTF-8: each takes three.
THAI_BYTES = 3


def scratch_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(TEMP_PREFIX)]


def agency_in(report: Path) -> bool:
    return any(AGENCY_NAME in p.text for p in Document(str(report)).paragraphs)


def failed_build(result: Result, workbook: Path, report: Path, says: str) -> None:
    """One workbook not built because its report could not be written; what the clerk sees."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"ข้อผิดพลาด: {workbook}: {report}: {says}" in result.stderr, result.stderr
    assert f"✗ {workbook}: ไม่ได้สร้างรายงาน" in result.stdout


@pytest.fixture
def workbook_with_old_report(make_workbook: Make) -> tuple[Path, Path]:
    workbook = make_workbook()
    report = workbook.with_suffix(".docx")
    report.write_bytes(OLD_REPORT)
    return workbook, report


# --- a fault in the middle of writing ------------------------------------------------------------


class HalfWritingFile:
    """A file that writes half of what it is given and then finds the disk full."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> HalfWritingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()


def test_a_disk_that_fills_up_mid_write_keeps_the_old_report(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, report = workbook_with_old_report
    real_open = Path.open
    half_written: list[int] = []

    def open_(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        stream = real_open(self, mode, *args, **kwargs)
        if self.name.startswith(TEMP_PREFIX) and "w" in mode:
            half_written.append(1)
            return HalfWritingFile(stream)
        return stream

    monkeypatch.setattr(Path, "open", open_)

    result = cli("build", workbook)

    assert half_written, "the fault was not injected"
    failed_build(result, workbook, report, "พื้นที่ดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้แล้ว")
    assert report.read_bytes() == OLD_REPORT
    assert scratch_files(workbook.parent) == []


def test_an_error_flushing_to_disk_keeps_the_old_report(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, report = workbook_with_old_report

    def failing_disk(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(output.os, "fsync", failing_disk)

    result = cli("build", workbook)

    failed_build(result, workbook, report, "เขียนไฟล์ไม่สำเร็จ (Input/output error)")
    assert report.read_bytes() == OLD_REPORT
    assert scratch_files(workbook.parent) == []


def test_ctrl_c_mid_write_keeps_the_old_report(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, report = workbook_with_old_report

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)

    result = cli("build", workbook)

    assert result.exit_code == 130  # 128 + SIGINT, as a shell reports Ctrl+C
    assert "Traceback" not in result.output
    assert report.read_bytes() == OLD_REPORT
    assert scratch_files(workbook.parent) == []


def test_one_report_that_cannot_be_written_does_not_stop_the_others(
    cli: Cli, make_workbook: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = make_workbook("a.xlsx")
    bad = make_workbook("b.xlsx")
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst).name == "b.docx":
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)

    result = cli("build", good, bad, "--jobs", "1")

    assert result.exit_code == 2
    assert agency_in(good.with_suffix(".docx"))
    assert not bad.with_suffix(".docx").exists()
    assert "สร้างรายงาน 1 จาก 2 ไฟล์ — ไม่สำเร็จ 1 ไฟล์" in result.stdout
    assert scratch_files(good.parent) == []


# --- a report open in Word -----------------------------------------------------------------------


@pytest.fixture
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """The retries of a refused rename, without the pauses between them."""
    monkeypatch.setattr(output, "REPLACE_DELAYS", (0, 0, 0, 0))


@pytest.mark.usefixtures("no_waiting")
def test_a_report_open_in_word_is_retried_then_the_clerk_is_asked_to_close_it(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, report = workbook_with_old_report
    attempts: list[str] = []

    def locked(src: str, dst: str) -> None:
        attempts.append(str(dst))
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "replace", locked)

    result = cli("build", workbook)

    assert attempts == [str(report)] * (len(output.REPLACE_DELAYS) + 1)
    failed_build(
        result,
        workbook,
        report,
        "ไม่สามารถเขียนทับไฟล์นี้ได้ เพราะไฟล์เปิดอยู่ในโปรแกรมอื่น (เช่น Word) หรือถูกตั้งเป็นอ่านอย่างเดียว"
        " — ปิดไฟล์นี้ใน Word แล้วลองอีกครั้ง",
    )
    assert report.read_bytes() == OLD_REPORT
    assert scratch_files(workbook.parent) == []


@pytest.mark.usefixtures("no_waiting")
def test_a_lock_that_clears_while_retrying_gets_the_report_written(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook, report = workbook_with_old_report
    real_replace = os.replace
    refusals = iter([True, True, True])

    def briefly_locked(src: str, dst: str) -> None:
        if next(refusals, False):
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", briefly_locked)

    result = cli("build", workbook)

    assert result.exit_code == 0, result.output
    assert agency_in(report)
    assert scratch_files(workbook.parent) == []


def test_no_permission_to_write_in_the_folder_is_explained(
    cli: Cli, workbook_with_old_report: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated where the scratch file is made: root, which runs CI, ignores folder permissions.
    workbook, report = workbook_with_old_report

    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "open", refuse)

    result = cli("build", workbook)

    failed_build(
        result, workbook, report, "ไม่มีสิทธิ์เขียนไฟล์ในโฟลเดอร์นี้ — เลือกที่เก็บอื่นด้วย -o หรือ --out-dir"
    )
    assert report.read_bytes() == OLD_REPORT


# --- Thai and very long names --------------------------------------------------------------------


def test_thai_names_with_spaces_and_thai_digits_work(cli: Cli, make_workbook: Make) -> None:
    workbook = make_workbook("อำเภอบ้านฝาง/แผน ITA ๒๕๖๗ (ฉบับแก้ไข).xlsx")
    report = workbook.with_suffix(".docx")

    result = cli("build", workbook)

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"✓ {report}"
    assert agency_in(report)


def test_thai_output_file_and_folder_names_work(
    cli: Cli, make_workbook: Make, tmp_path: Path
) -> None:
    workbook = make_workbook("แผน.xlsx")
    named = tmp_path / "รายงาน ๒๕๖๗" / "ผลการดำเนินการ ITA.docx"

    assert cli("build", workbook, "-o", named).exit_code == 0
    assert cli("build", workbook, "--out-dir", tmp_path / "รายงานทั้งจังหวัด").exit_code == 0

    assert agency_in(named)
    assert agency_in(tmp_path / "รายงานทั้งจังหวัด" / "แผน.docx")


def test_a_name_as_long_as_the_file_system_allows_works(cli: Cli, make_workbook: Make) -> None:
    # 81 Thai characters + ".xlsx" is 248 bytes, within the 255-byte limit of a file name; the
    # scratch file beside the report has a short name of its own.
    stem = "ก" * 81
    assert len(f"{stem}.docx".encode()) <= 255
    workbook = make_workbook(f"{stem}.xlsx")

    result = cli("build", workbook)

    assert result.exit_code == 0, result.output
    assert agency_in(workbook.with_suffix(".docx"))


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_name_too_long_for_the_file_system_is_explained(
    cli: Cli, make_workbook: Make, tmp_path: Path, where: str
) -> None:
    workbook = make_workbook()
    long_name = "ร" * (256 // THAI_BYTES + 1)  # over 255 bytes
    if where == "file":
        report = tmp_path / f"{long_name}.docx"
        result = cli("build", workbook, "-o", report)
        blamed = report
    else:
        out_dir = tmp_path / long_name
        result = cli("build", workbook, "--out-dir", out_dir)
        blamed = out_dir / "plan.docx"

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"ข้อผิดพลาด: {workbook}: {blamed}: ชื่อไฟล์หรือเส้นทางยาวเกินไป" in result.stderr
    assert "ตั้งชื่อไฟล์ให้สั้นลง" in result.stderr
    assert scratch_files(tmp_path) == []


def test_a_report_name_that_is_a_folder_is_explained(cli: Cli, make_workbook: Make) -> None:
    workbook = make_workbook()
    report = workbook.with_suffix(".docx")
    report.mkdir()

    result = cli("build", workbook)

    failed_build(result, workbook, report, "ชื่อนี้เป็นโฟลเดอร์ ไม่ใช่ไฟล์")
