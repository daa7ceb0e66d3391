"""PDF conversion: one soffice call, failures detected, nothing left running or lying around.

Most tests run a fake ``soffice`` (a script named by ``ITA_REPORT_SOFFICE``) so they can make it
fail in each way the real one does; the last test converts for real with LibreOffice.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from ita_report.errors import PdfError
from ita_report.write import pdf, soffice, soffice_locate
from ita_report.write.atomic import TEMP_PREFIX
from ita_report.write.pdf import SOFFICE_ENV, convert_to_pdf
from tests.pdf_helpers import alive, fake_soffice, needs_libreoffice, pdf_text

posix_only = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a POSIX script")

THAI_AGENCY = "เทศบาลตำบลพะโต๊ะ"


def make_docx(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def scratch_of(argv_log: Path) -> Path:
    """The run's scratch folder: ``<scratch>/chunk<n>-<pass>/out`` is where soffice writes."""
    args = argv_log.read_text(encoding="utf-8").split("\n")
    return Path(args[args.index("--outdir") + 1]).parent.parent


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
    monkeypatch.setattr(soffice_locate.shutil, "which", lambda name: None)
    monkeypatch.setattr(soffice_locate, "candidates", list)
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
    monkeypatch.setattr(soffice_locate.shutil, "which", lambda name: None)
    monkeypatch.setattr(soffice_locate, "candidates", lambda: [tmp_path / "missing", program])
    assert pdf.find_soffice() == program


@posix_only
def test_unreadable_docx_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, monkeypatch, "good")
    missing = tmp_path / "gone.docx"
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([missing])
    assert caught.value.path == missing


@pytest.mark.libreoffice
@needs_libreoffice
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
        text = pdf_text(result)
        assert f"{THAI_AGENCY} ({folder})" in text
    assert temp_files(*(path.parent for path in paths)) == []


# --- chunks: many reports, one soffice per worker, a time limit per chunk ----------------------

#: A fake soffice that logs each call (its profile, how many inputs, whether another call ran
#: beside it) as a JSON line, notices a profile used by two calls at once, writes a PDF of each
#: input's bytes, and hangs (with a helper process, as the real launcher has) when an input
#: contains ``HANG``.
CHUNK_FAKE = """\
import json, os, pathlib, subprocess, sys, time
args = sys.argv[1:]
log = pathlib.Path({log!r})
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
lock = pathlib.Path(profile.split("file://", 1)[1]) / "in-use"
try:
    os.close(os.open(lock, os.O_CREAT | os.O_EXCL))
except FileExistsError:
    with log.open("a") as out:
        out.write(json.dumps({{"shared": profile}}) + "\\n")
out_dir = pathlib.Path(args[args.index("--outdir") + 1])
inputs = [pathlib.Path(a) for a in args if a.endswith(".docx")]
# Wait a little for another call to run at the same time (two workers), and say if one did.
running = pathlib.Path({log!r}).with_name("running")
running.mkdir(exist_ok=True)
(running / str(os.getpid())).touch()
start = time.monotonic()
while len(list(running.iterdir())) < 2 and time.monotonic() - start < 5:
    time.sleep(0.02)
met = len(list(running.iterdir())) >= 2
if any(b"HANG" in path.read_bytes() for path in inputs):
    helper = subprocess.Popen(["sleep", "300"])
    with pathlib.Path({pids!r}).open("a") as out:
        out.write(f"{{os.getpid()}} {{helper.pid}}\\n")
    time.sleep(300)
for docx in inputs:
    (out_dir / (docx.stem + ".pdf")).write_bytes(b"%PDF-1.7\\n" + docx.read_bytes() + b"\\n%%EOF\\n")
time.sleep(0.2)
(running / str(os.getpid())).unlink()
lock.unlink()
with log.open("a") as out:
    out.write(json.dumps({{"profile": profile, "inputs": len(inputs), "met": met}}) + "\\n")
"""


def chunk_fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cores: int) -> Path:
    """Install CHUNK_FAKE as soffice on a machine of ``cores`` cores; return its call log."""
    log = tmp_path / "calls.jsonl"
    script = tmp_path / "chunk-soffice"
    body = CHUNK_FAKE.format(log=str(log), pids=str(tmp_path / "pids"))
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    monkeypatch.setattr(soffice, "available_cores", lambda: cores)
    return log


def calls(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    ("count", "workers", "chunks"),
    [
        (1, 1, 1),
        (5, 1, 1),
        (20, 2, 2),
        (120, 2, 4),
        (1_000, 2, 20),
        (8_000, 2, 160),
        (8_000, 16, 160),
    ],
)
def test_every_report_is_in_one_chunk_of_at_most_fifty(
    count: int, workers: int, chunks: int
) -> None:
    split = soffice.split(count, workers)
    assert len(split) == chunks
    assert [index for chunk in split for index in chunk] == list(range(count))
    assert max(map(len, split)) <= soffice.MOST_PER_CHUNK
    assert max(map(len, split)) - min(map(len, split)) <= 1  # no worker left with a long tail


@pytest.mark.parametrize(
    ("cores", "reports", "workers"),
    [(1, 8_000, 1), (2, 5, 1), (2, 6, 2), (2, 20, 2), (8, 20, 6), (8, 8_000, 8), (64, 8_000, 16)],
)
def test_one_soffice_per_core_for_three_reports_or_more_each(
    monkeypatch: pytest.MonkeyPatch, cores: int, reports: int, workers: int
) -> None:
    monkeypatch.setattr(soffice, "available_cores", lambda: cores)
    assert soffice.worker_count(reports) == workers


def test_a_chunks_time_limit_grows_with_it_unless_fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(soffice.TIMEOUT_ENV, raising=False)
    assert soffice.fixed_limit() is None
    assert soffice.time_limit(1) == 66
    assert soffice.time_limit(50) == 360  # 50 reports: six minutes, never a batch's worth
    monkeypatch.setenv(soffice.TIMEOUT_ENV, "900")
    assert soffice.time_limit(50, soffice.fixed_limit()) == 900


@pytest.mark.parametrize("value", ["0", "-5", "ten", "nan", "inf"])
def test_a_time_limit_that_is_no_positive_number_is_refused_naming_the_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    fake_soffice(tmp_path, monkeypatch, "good")
    monkeypatch.setenv(soffice.TIMEOUT_ENV, value)
    docx = make_docx(tmp_path / "plan.docx", b"x")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf([docx])
    assert f"ตัวแปร {soffice.TIMEOUT_ENV} ต้องเป็นจำนวนวินาทีที่มากกว่า 0" in caught.value.message
    assert not (tmp_path / "plan.pdf").exists()


@posix_only
def test_a_batch_of_many_chunks_gets_every_pdf_two_workers_never_sharing_a_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = chunk_fake(tmp_path, monkeypatch, cores=2)
    reports = [make_docx(tmp_path / f"a{n:03}" / "plan.docx", b"agency %d" % n) for n in range(120)]

    result = convert_to_pdf(reports)

    assert result == [path.with_suffix(".pdf") for path in reports]
    for number, pdf_path in enumerate(result):
        assert pdf_path.read_bytes() == b"%%PDF-1.7\nagency %d\n%%%%EOF\n" % number
    made = calls(log)
    assert not [call for call in made if "shared" in call]
    assert sorted(call["inputs"] for call in made) == [30, 30, 30, 30]  # 4 chunks, one call each
    profiles = {call["profile"] for call in made}
    assert len(profiles) == 2  # one per worker, kept from chunk to chunk
    assert any(call["met"] for call in made)  # the two workers ran at the same time


@posix_only
def test_a_hung_chunk_is_killed_alone_and_the_other_chunks_keep_their_pdfs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chunk_fake(tmp_path, monkeypatch, cores=2)
    reports = [make_docx(tmp_path / f"a{n}" / "plan.docx", b"agency %d" % n) for n in range(6)]
    reports[4].write_bytes(b"HANG")  # chunks: a0-a2, a3-a5

    started = time.monotonic()
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(reports, timeout=1.0)
    assert time.monotonic() - started < 10

    message = caught.value.message
    assert message.startswith("สร้าง PDF ไม่สำเร็จ 3 ไฟล์ (LibreOffice ไม่ตอบสนองภายใน 1 วินาที")
    for report in reports[3:]:
        assert str(report) in message
        assert not report.with_suffix(".pdf").exists()
    for report in reports[:3]:
        assert str(report) not in message
        assert report.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert soffice.TIMEOUT_ENV in message  # how to give a slow PC more time
    launched = [int(pid) for pid in (tmp_path / "pids").read_text().split()]
    assert len(launched) == 2
    deadline = time.monotonic() + 5
    while any(map(alive, launched)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(alive, launched)), f"still running: {launched}"


@posix_only
def test_a_failed_start_stops_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "not-a-program"
    script.write_text("no shebang, not runnable", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    monkeypatch.setattr(soffice, "available_cores", lambda: 2)
    reports = [make_docx(tmp_path / f"a{n}" / "plan.docx", b"x") for n in range(6)]
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(reports)
    assert "เรียกโปรแกรม LibreOffice" in caught.value.message
    assert not any(report.with_suffix(".pdf").exists() for report in reports)


@pytest.mark.libreoffice
@needs_libreoffice
def test_real_libreoffice_uses_a_profile_under_a_thai_user_name_with_a_space(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a PC whose user is สมชาย ใจดี the scratch folder, and the profile in it, is under
    # C:\Users\สมชาย ใจดี\AppData\Local\Temp: LibreOffice must get it as a URL it can read back.
    import docx

    real = shutil.which("soffice") or shutil.which("libreoffice")
    temp = tmp_path / "สมชาย ใจดี" / "Temp"
    temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen = tmp_path / "profile-seen"
    wrapper = tmp_path / "soffice-wrapper"
    wrapper.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, subprocess, sys, urllib.parse\n"
        "args = sys.argv[1:]\n"
        f"code = subprocess.call([{real!r}, *args])\n"
        "url = next(a for a in args if a.startswith('-env:UserInstallation='))\n"
        "profile = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(url.split('=', 1)[1]).path))\n"
        "settings = profile / 'user' / 'registrymodifications.xcu'\n"
        f"pathlib.Path({str(seen)!r}).write_text(f'{{profile}}\\n{{settings.stat().st_size}}')\n"
        "sys.exit(code)\n",
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(wrapper))
    document = docx.Document()
    document.add_paragraph(THAI_AGENCY)
    path = tmp_path / "plan.docx"
    document.save(str(path))

    convert_to_pdf([path], timeout=300)

    profile, size = seen.read_text(encoding="utf-8").split("\n")
    assert Path(profile).parent.parent == temp  # <temp>/ita-pdf-…/profile1, decoded as given
    assert int(size) > 2_000  # LibreOffice wrote its settings there: the profile it used
    text = pdf_text(path.with_suffix(".pdf"))
    assert THAI_AGENCY in text
