"""Running LibreOffice's ``soffice``: one pass of conversions, in one or two processes, never left running.

* A private, throw-away LibreOffice profile per process (``-env:UserInstallation``), so that
  parallel runs, or a LibreOffice the user has open, never share (and lock) a profile; it is set
  to export Word bookmarks as named destinations (the PDF's pages are read through them).
* From :data:`PARALLEL_FROM` reports on, on a machine with two cores or more, the reports of a pass
  are shared between two processes: starting one costs about 1.5 s, converting a report 0.3 s.
* ``soffice`` runs in its own session (process group on Windows) and on a timeout the whole group
  is killed: its launcher starts child processes that would otherwise keep running.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from ita_report.errors import PdfError

#: Names the program to run instead of searching for LibreOffice.
SOFFICE_ENV = "ITA_REPORT_SOFFICE"

INSTALL_HINT = (
    "ติดตั้ง LibreOffice ก่อน: Debian/Ubuntu ใช้คำสั่ง"
    " sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg ;"
    " Windows และ macOS ดาวน์โหลดได้จาก https://www.libreoffice.org/"
    f" — หรือกำหนดตัวแปร {SOFFICE_ENV} ให้ชี้ไปที่โปรแกรม soffice"
)

_LOG_TAIL = 400  # characters of LibreOffice's own output quoted in a message
#: From this many reports on, two soffice processes share a pass (when there are two cores).
PARALLEL_FROM = 6


def convert(
    soffice: Path,
    inputs: Sequence[Path],
    work: Path,
    number: int,
    timeout: float,
    docx_paths: Sequence[Path],
) -> str:
    """One pass: ``inputs`` to PDFs in ``work/out<number>``, in one or two soffice processes."""
    out_dir = work / f"out{number}"
    out_dir.mkdir()
    shares = 2 if len(inputs) >= PARALLEL_FROM and (os.cpu_count() or 1) >= 2 else 1
    commands = []
    for share in range(shares):
        profile = work / ("profile" if share == 0 else f"profile{share}")
        _configure(profile)
        commands.append(
            (
                [
                    str(soffice),
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--nologo",
                    "--nodefault",
                    f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out_dir),
                    *map(str, inputs[share::shares]),
                ],
                work / f"soffice-{number}-{share}.log",
            )
        )
    return run(commands, timeout, docx_paths)


#: The private profile's settings: PDF export with Word bookmarks as named destinations, so that
#: the copy's row bookmarks say on which page each row is.
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export">
<prop oor:name="ExportBookmarksToPDFDestination" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def _configure(profile: Path) -> None:
    settings = profile / "user" / "registrymodifications.xcu"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(_PROFILE_SETTINGS, encoding="utf-8")


def run(commands: list[tuple[list[str], Path]], timeout: float, docx_paths: Sequence[Path]) -> str:
    """Run the soffice processes to the end or kill their process groups; return their output."""
    processes: list[subprocess.Popen[bytes]] = []
    logs = [log_path.open("wb") for _, log_path in commands]
    try:
        for (command, _), log in zip(commands, logs, strict=True):
            try:
                processes.append(_start(command, log))
            except OSError as error:
                raise PdfError(
                    f"เรียกโปรแกรม LibreOffice ({command[0]}) ไม่ได้ ({error.strerror}) — {INSTALL_HINT}"
                ) from error
        deadline = time.monotonic() + timeout
        codes = [
            process.wait(timeout=max(0.0, deadline - time.monotonic())) for process in processes
        ]
    except BaseException as error:  # the timeout, and Ctrl+C: never leave soffice running
        for process in processes:
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
    finally:
        for log in logs:
            log.close()
    # The launcher can exit before helpers it started; sweep them so none outlives the run.
    for process in processes:
        _kill_group(process)
    output = "\n".join(
        log_path.read_text(encoding="utf-8", errors="replace").strip() for _, log_path in commands
    ).strip()
    for returncode in codes:
        if returncode != 0:
            raise PdfError(
                f"LibreOffice ทำงานผิดพลาด (รหัส {returncode}) และไม่ได้สร้าง PDF"
                f" — ลองอีกครั้ง หรือเปิดไฟล์ .docx ใน LibreOffice เพื่อตรวจ{quote(output)}"
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


def quote(log: str) -> str:
    """LibreOffice's own words, shortened, to help whoever debugs it."""
    if not log:
        return ""
    tail = log if len(log) <= _LOG_TAIL else "…" + log[-_LOG_TAIL:]
    return f" (ข้อความจาก LibreOffice: {tail})"
