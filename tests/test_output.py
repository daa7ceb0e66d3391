"""An existing report is replaced only by a complete new one, and failures say what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ita_report.errors import OutputError
from ita_report.write import atomic as output
from ita_report.write.atomic import TEMP_PREFIX, replace_atomic, write_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def no_sleep(_: float) -> None:
    pass


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_mode_follows_the_umask_not_private_temp_mode(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX file modes")
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "plan.docx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "plan.docx").stat().st_mode & 0o777 == 0o644


def test_creates_missing_parent_folders(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2567" / "plan.docx"
    write_atomic(target, b"data")
    assert target.read_bytes() == b"data"


def test_failure_during_write_keeps_old_content_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full_disk)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert caught.value.path == target
    assert "ดิสก์เต็ม" in str(caught.value)
    assert str(target) in str(caught.value)
    assert target.read_bytes() == b"old report"
    assert leftovers(tmp_path) == []


def test_unexpected_exception_during_write_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old report"
    assert leftovers(tmp_path) == []


def test_failing_replace_keeps_old_content_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")

    def broken(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(output.os, "replace", broken)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new")
    assert caught.value.path == target
    assert "Input/output error" in str(caught.value)
    assert target.read_bytes() == b"old report"
    assert leftovers(tmp_path) == []


def test_permission_error_on_replace_is_retried_then_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")
    attempts: list[object] = []
    slept: list[float] = []

    def locked(src: object, dst: object) -> None:
        attempts.append(dst)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "replace", locked)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"new", sleep=slept.append)
    assert len(attempts) == 5
    assert len(slept) == 4
    assert 1.0 <= sum(slept) <= 3.0
    message = str(caught.value)
    assert "ปิดไฟล์นี้ใน Word แล้วลองอีกครั้ง" in message
    assert str(target) in message
    assert target.read_bytes() == b"old report"
    assert leftovers(tmp_path) == []


def test_permission_error_that_clears_is_ridden_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old report")
    real_replace = os.replace
    refusals = iter([True, True])

    def briefly_locked(src: str, dst: str) -> None:
        if next(refusals, False):
            raise PermissionError(errno.EACCES, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", briefly_locked)
    write_atomic(target, b"new", sleep=no_sleep)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_name_too_long_is_explained(tmp_path: Path) -> None:
    target = tmp_path / ("ร" * 300 + ".docx")  # 900+ bytes in UTF-8: over any file-name limit
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"x")
    assert caught.value.path == target
    assert "ยาวเกินไป" in caught.value.message
    assert leftovers(tmp_path) == []


def test_folder_name_too_long_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / ("ร" * 300)
    with pytest.raises(OutputError) as caught:
        write_atomic(folder / "plan.docx", b"x")
    assert "ยาวเกินไป" in caught.value.message


def test_read_only_folder_is_explained(tmp_path: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs POSIX permissions that apply (not root)")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError) as caught:
            write_atomic(folder / "plan.docx", b"x")
    finally:
        folder.chmod(0o755)
    assert "ไม่มีสิทธิ์" in caught.value.message


def test_read_only_folder_is_explained_whoever_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores folder permissions, so the refusal is simulated where the temp file is made.
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "open", refuse)
    target = tmp_path / "plan.docx"
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"x")
    assert caught.value.path == target
    assert "ไม่มีสิทธิ์" in caught.value.message


def test_read_only_disk_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args: object, **kwargs: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.os, "open", read_only)
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "plan.docx", b"x")
    assert "อ่านได้อย่างเดียว" in caught.value.message


def test_target_that_is_a_folder_is_explained(tmp_path: Path) -> None:
    (tmp_path / "plan.docx").mkdir()
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "plan.docx", b"x")
    assert "โฟลเดอร์" in caught.value.message
    assert leftovers(tmp_path) == []


def test_parent_that_is_a_file_is_explained(tmp_path: Path) -> None:
    (tmp_path / "reports").write_bytes(b"not a folder")
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "reports" / "plan.docx", b"x")
    assert caught.value.path == tmp_path / "reports"
    assert "มีไฟล์ชื่อเดียวกัน" in caught.value.message


def test_replace_atomic_moves_content_across_folders(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    source = scratch / "report-1.pdf"
    source.write_bytes(b"%PDF-1.7 new")
    target = tmp_path / "out" / "plan.pdf"
    replace_atomic(source, target)
    assert target.read_bytes() == b"%PDF-1.7 new"
    assert not source.exists()
    assert leftovers(target.parent) == []


def test_replace_atomic_shares_the_retry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "new.pdf"
    source.write_bytes(b"new")
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(output.os, "replace", locked)
    with pytest.raises(OutputError, match="ปิดไฟล์นี้ใน Word"):
        replace_atomic(source, target, sleep=no_sleep)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_replace_atomic_without_source_is_explained(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        replace_atomic(tmp_path / "gone.pdf", tmp_path / "plan.pdf")
    assert caught.value.path == tmp_path / "plan.pdf"
