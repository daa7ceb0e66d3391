"""PDFs of the reports, made by LibreOffice (``build --pdf``).

Agencies publish the report as a PDF on their web site. LibreOffice is the one free converter that
lays out a Word document faithfully, so we drive its ``soffice`` program headless. Starting it
costs seconds, so all the reports of a run go through ONE ``soffice`` call.

What makes this robust:

* A private, throw-away LibreOffice profile per call (``-env:UserInstallation``), so that parallel
  runs, or a LibreOffice the user has open, never share (and lock) a profile.
* The reports are converted from copies with unique names in a scratch folder: reports from
  different folders may share a stem (``a/plan.docx``, ``b/plan.docx``), and LibreOffice names its
  output after the input's stem only.
* ``soffice`` runs in its own session (process group on Windows) and on a timeout the whole group
  is killed: its launcher starts child processes that would otherwise keep running.
* ``soffice`` exits 0 even when it could not convert a file, so each PDF is checked: it must exist,
  start with ``%PDF`` and end with ``%%EOF``.
* Each PDF is moved beside its .docx (same stem) atomically through :mod:`ita_report.write.atomic`.

Which ``soffice``: the environment variable ``ITA_REPORT_SOFFICE`` if set (a path, or a command
name looked up on PATH), else ``soffice`` or ``libreoffice`` on PATH, else the usual install
locations on macOS, Windows and Linux tarball installs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ita_report.errors import PdfError
from ita_report.write.atomic import replace_atomic

#: Names the program to run instead of searching for LibreOffice.
SOFFICE_ENV = "ITA_REPORT_SOFFICE"

INSTALL_HINT = (
    "ติดตั้ง LibreOffice ก่อน: Debian/Ubuntu ใช้คำสั่ง"
    " sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg ;"
    " Windows และ macOS ดาวน์โหลดได้จาก https://www.libreoffice.org/"
    f" — หรือกำหนดตัวแปร {SOFFICE_ENV} ให้ชี้ไปที่โปรแกรม soffice"
)

_LOG_TAIL = 400  # characters of LibreOffice's own output quoted in a message


def find_soffice() -> Path:
    """The LibreOffice program to run; PdfError with install instructions if there is none.

    A set but wrong ``ITA_REPORT_SOFFICE`` is an error, not a reason to fall back silently: the
    user set it to choose a particular LibreOffice.
    """
    chosen = os.environ.get(SOFFICE_ENV, "").strip()
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise PdfError(
                f"ตัวแปร {SOFFICE_ENV} ชี้ไปที่ {chosen} ซึ่งไม่พบหรือไม่ใช่โปรแกรมที่เรียกใช้ได้"
                f" — แก้ค่าตัวแปรให้ชี้ไปที่โปรแกรม soffice ของ LibreOffice หรือลบตัวแปรนี้"
            )
        return Path(found)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    for candidate in _install_locations():
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise PdfError(f"ไม่พบโปรแกรม LibreOffice ซึ่งจำเป็นสำหรับการสร้าง PDF (--pdf) — {INSTALL_HINT}")


def _install_locations() -> list[Path]:
    """Where installers put ``soffice`` when it is not on PATH (the usual case off Linux)."""
    if sys.platform == "win32":
        roots = {
            os.environ.get(var) for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")
        } | {r"C:\Program Files", r"C:\Program Files (x86)"}
        return [
            Path(root, "LibreOffice", "program", "soffice.exe")
            for root in sorted(filter(None, roots))
        ]
    if sys.platform == "darwin":
        return [
            Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
            Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
    # The tarballs from libreoffice.org install under /opt/libreoffice<version>.
    return [
        Path("/usr/lib/libreoffice/program/soffice"),
        *sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True),
    ]


def convert_to_pdf(docx_paths: Sequence[Path], *, timeout: float = 180) -> list[Path]:
    """Write ``<stem>.pdf`` beside each .docx with one ``soffice`` call; return the PDFs' paths.

    The result is in the order of ``docx_paths``. A timeout kills LibreOffice and moves no PDF.
    When only some files fail to convert, the good PDFs are still put in place (in a batch of
    many agencies the others should not lose theirs) and PdfError names the failed file(s).
    """
    if not docx_paths:
        return []
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="ita-pdf-", ignore_cleanup_errors=True) as scratch:
        work = Path(scratch)
        inputs = _copy_inputs(docx_paths, work / "in")
        out_dir = work / "out"
        out_dir.mkdir()
        command = [
            str(soffice),
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nologo",
            "--nodefault",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *map(str, inputs),
        ]
        log = _run(command, work / "soffice.log", timeout, docx_paths)
        produced = [out_dir / f"{copy.stem}.pdf" for copy in inputs]
        failures: list[tuple[Path, str]] = []
        results: list[Path] = []
        for docx, pdf in zip(docx_paths, produced, strict=True):
            problem = _check_pdf(pdf)
            if problem is not None:
                failures.append((docx, problem))
                continue
            target = docx.with_suffix(".pdf")
            replace_atomic(pdf, target)
            results.append(target)
    if failures:
        raise _conversion_failed(failures, log)
    return results


def _copy_inputs(docx_paths: Sequence[Path], folder: Path) -> list[Path]:
    """Copies named ``report-<n>.docx``: unique, and plain ASCII for LibreOffice's command line."""
    folder.mkdir()
    copies = []
    for number, docx in enumerate(docx_paths, 1):
        copy = folder / f"report-{number}.docx"
        try:
            shutil.copyfile(docx, copy)
        except OSError as error:
            raise PdfError(
                f"อ่านไฟล์ Word เพื่อสร้าง PDF ไม่ได้ ({error.strerror}) — ตรวจว่าไฟล์ยังอยู่แล้วลองอีกครั้ง",
                docx,
            ) from error
        copies.append(copy)
    return copies


def _run(command: list[str], log_path: Path, timeout: float, docx_paths: Sequence[Path]) -> str:
    """Run soffice to the end or kill its whole process group; return what it printed."""
    with log_path.open("wb") as log:
        try:
            process = _start(command, log)
        except OSError as error:
            raise PdfError(
                f"เรียกโปรแกรม LibreOffice ({command[0]}) ไม่ได้ ({error.strerror}) — {INSTALL_HINT}"
            ) from error
        try:
            returncode = process.wait(timeout=timeout)
        except BaseException as error:  # the timeout, and Ctrl+C: never leave soffice running
            _kill_group(process)
            process.wait()
            if isinstance(error, subprocess.TimeoutExpired):
                path = docx_paths[0] if len(docx_paths) == 1 else None
                raise PdfError(
                    f"LibreOffice ไม่ตอบสนองภายใน {timeout:g} วินาที จึงถูกหยุด และไม่ได้สร้าง PDF"
                    " — ลองอีกครั้ง หรือแยกสร้างทีละไฟล์ถ้ามีรายงานจำนวนมาก",
                    path,
                ) from error
            raise
        # The launcher can exit before helpers it started; sweep them so none outlives the run.
        _kill_group(process)
    output = log_path.read_text(encoding="utf-8", errors="replace").strip()
    if returncode != 0:
        raise PdfError(
            f"LibreOffice ทำงานผิดพลาด (รหัส {returncode}) และไม่ได้สร้าง PDF"
            f" — ลองอีกครั้ง หรือเปิดไฟล์ .docx ใน LibreOffice เพื่อตรวจ{_quote(output)}"
        )
    return output


def _start(command: list[str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    if sys.platform == "win32":
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            creationflags=subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW,
        )
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill soffice and every process it started (they share its new session/process group)."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is already gone
        os.killpg(process.pid, signal.SIGKILL)


def _check_pdf(pdf: Path) -> str | None:
    """None for a complete PDF, else what is wrong with it (Thai, for the message)."""
    try:
        size = pdf.stat().st_size
        with pdf.open("rb") as stream:
            head = stream.read(5)
            stream.seek(max(0, size - 1024))
            tail = stream.read()
    except FileNotFoundError:
        return "LibreOffice ไม่ได้สร้าง PDF จากไฟล์นี้"
    except OSError as error:
        return f"อ่าน PDF ที่ LibreOffice สร้างไม่ได้ ({error.strerror})"
    if not head.startswith(b"%PDF"):
        return "ไฟล์ที่ LibreOffice สร้างไม่ใช่ PDF"
    if b"%%EOF" not in tail:
        return "PDF ที่ LibreOffice สร้างไม่สมบูรณ์"
    return None


def _conversion_failed(failures: list[tuple[Path, str]], log: str) -> PdfError:
    advice = " — เปิดไฟล์ .docx ใน Word หรือ LibreOffice เพื่อตรวจว่าไฟล์ไม่เสีย แล้วลองอีกครั้ง"
    if len(failures) == 1:
        docx, problem = failures[0]
        return PdfError(f"{problem}{advice}{_quote(log)}", docx)
    listed = "; ".join(f"{docx}: {problem}" for docx, problem in failures)
    return PdfError(
        f"สร้าง PDF ไม่สำเร็จ {len(failures)} ไฟล์ ({listed}){advice}{_quote(log)}", failures[0][0]
    )


def _quote(log: str) -> str:
    """LibreOffice's own words, shortened, to help whoever debugs it."""
    if not log:
        return ""
    tail = log if len(log) <= _LOG_TAIL else "…" + log[-_LOG_TAIL:]
    return f" (ข้อความจาก LibreOffice: {tail})"
