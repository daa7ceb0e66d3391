"""PDF conversion: one soffice call, failures detected, nothing left running or lying around.

Most tests run a fake ``soffice`` (a script named by ``ITA_REPORT_SOFFICE``) so they can make it
fail in each way the real one does; the last test converts for real with LibreOffice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ita_report.errors import PdfError
from ita_report.write import pdf
from ita_report.write.atomic import TEMP_PREFIX
from ita_report.write.pdf import SOFFICE_ENV, convert_to_pdf
from tests.pdf_helpers import alive, fake_soffice

posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")

THAI_AGENCY = "เทศบาลตำบลพะโต๊ะ"


def make_docx(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def scratch_of(argv_log: Path) -> Path:
    args = argv_log.read_text(encoding="utf-8").split("\n")
    return Path(args[args.index("--outdir") + 1]).parent


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


@posix_only
def test_one_call_converts_all_and_same_stems_do_not_collide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv_log = fake_soffice(tmp_path, monkeypatch, "good")
    first = make_docx(tmp_path / "a" / "plan.docx", b"agency A")
    second = make_docx(tmp_path / "b" / "plan.docx", b"agency B")

    result = convert_to_pdf([first, second])

    assert result == [tmp_path / "a" / "plan.pdf", tmp_path / "b" / "plan.pdf"]
    assert b"agency A" in result[0].read_bytes()
    assert b"agency B" in result[1].read_bytes()
    args = argv_log.read_text(encoding="utf-8").split("\n")
    assert {"--headless", "--norestore", "--nolockcheck"} <= set(args)
    assert args[args.index("--convert-to") + 1] == "pdf"
    assert sum(a.endswith(".docx") for a in args) == 2  # both in the one call
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert str(scratch_of(argv_log).name) in profile  # private, inside the scratch folder
    assert not scratch_of(argv_log).exists()  # scratch folder and profile removed
    assert temp_files(tmp_path / "a", tmp_path / "b") == []


@posix_only
def test_replaces_an_existing_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "good")
    docx = make_docx(tmp_path / "plan.docx", b"this year")
    (tmp_path / "plan.pdf").write_bytes(b"%PDF last year")
    convert_to_pdf([docx])
    assert b"this year" in (tmp_path / "plan.pdf").read_bytes()


def test_no_reports_no_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOFFICE_ENV, "/nowhere/soffice")
    assert convert_to_pdf([]) == []


@posix_only
def test_zero_exit_without_pdf_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv_log = fake_soffice(tmp_path, monkeypatch, "none")
    docx = make_docx(tmp_path / "plan.docx", b"x")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([docx])
    assert caught.value.path == docx
    assert str(docx) in str(caught.value)
    assert "ไม่ได้สร้าง PDF" in caught.value.message
    assert "source file could not be loaded" in caught.value.message  # LibreOffice's own words
    assert not (tmp_path / "plan.pdf").exists()
    assert not scratch_of(argv_log).exists()


@posix_only
def test_partial_failure_keeps_good_pdfs_and_names_the_failed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, "first_only")
    good = make_docx(tmp_path / "a" / "plan.docx", b"ok")
    bad = make_docx(tmp_path / "b" / "plan.docx", b"broken")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([good, bad])
    assert caught.value.path == bad
    assert (tmp_path / "a" / "plan.pdf").exists()
    assert not (tmp_path / "b" / "plan.pdf").exists()


@posix_only
def test_output_that_is_not_pdf_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path, monkeypatch, "not_pdf")
    docx = make_docx(tmp_path / "plan.docx", b"x")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([docx])
    assert caught.value.path == docx
    assert "ไม่ใช่ PDF" in caught.value.message
    assert not (tmp_path / "plan.pdf").exists()


@posix_only
def test_truncated_pdf_is_detected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "truncated")
    docx = make_docx(tmp_path / "plan.docx", b"x")
    with pytest.raises(PdfError, match="ไม่สมบูรณ์"):
        convert_to_pdf([docx])
    assert not (tmp_path / "plan.pdf").exists()


@posix_only
def test_nonzero_exit_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "crash")
    docx = make_docx(tmp_path / "plan.docx", b"x")
    with pytest.raises(PdfError, match="134"):
        convert_to_pdf([docx])


@posix_only
def test_hung_soffice_and_its_children_are_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    script = tmp_path / "hung-soffice"
    # Like the real launcher it starts a helper process, then hangs.
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $$ $! > '{pids}'\nwait\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    docx = make_docx(tmp_path / "plan.docx", b"x")

    started = time.monotonic()
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([docx], timeout=1.0)
    assert time.monotonic() - started < 10
    assert "ไม่ตอบสนองภายใน 1 วินาที" in caught.value.message
    assert caught.value.path == docx

    launched = [int(pid) for pid in pids.read_text().split()]
    assert len(launched) == 2
    deadline = time.monotonic() + 5
    while any(map(alive, launched)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, launched)), f"still running: {launched}"
    assert not (tmp_path / "plan.pdf").exists()


def test_missing_soffice_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_install_locations", list)
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([Path("plan.docx")])
    message = caught.value.message
    assert "ไม่พบโปรแกรม LibreOffice" in message
    assert "sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg" in message
    assert "libreoffice.org" in message


def test_wrong_env_var_is_an_error_not_a_fallback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "no-such-soffice"))
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([tmp_path / "plan.docx"])
    assert SOFFICE_ENV in caught.value.message


def test_finds_soffice_in_an_install_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_install_locations", lambda: [tmp_path / "missing", program])
    assert pdf.find_soffice() == program


@posix_only
def test_unreadable_docx_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "good")
    missing = tmp_path / "gone.docx"
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([missing])
    assert caught.value.path == missing


@pytest.mark.libreoffice
@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed",
)
def test_real_libreoffice_converts_thai_reports_from_two_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docx

    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    paths = []
    for folder in ("อำเภอ ก", "b"):  # a Thai folder name with a space, and the same stem twice
        document = docx.Document()
        document.add_paragraph(f"{THAI_AGENCY} ({folder})")
        path = tmp_path / folder / "plan.docx"
        path.parent.mkdir()
        document.save(str(path))
        paths.append(path)

    pdfs = convert_to_pdf(paths, timeout=300)

    assert pdfs == [path.with_suffix(".pdf") for path in paths]
    assert shutil.which("pdftotext"), "the libreoffice tests need pdftotext (poppler-utils)"
    for folder, result in zip(("อำเภอ ก", "b"), pdfs, strict=True):
        assert result.read_bytes().startswith(b"%PDF")
        text = subprocess.run(
            ["pdftotext", str(result), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert f"{THAI_AGENCY} ({folder})" in text
    assert temp_files(*(path.parent for path in paths)) == []
