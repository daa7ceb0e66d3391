"""Running LibreOffice's ``soffice``: how many at once, on how many reports, never left running.

* **Workers.** One ``soffice`` per core (:func:`worker_count`), each converting a chunk of
  reports at a time. Starting one costs about 1.5 s, converting a report about 0.4 s, so a
  worker is only worth starting for :data:`LEAST_PER_WORKER` reports or more; and each takes
  some 200 MB, hence :data:`MOST_WORKERS`.
* **Profiles.** Each worker has its own private, throw-away LibreOffice profile
  (``-env:UserInstallation``), kept for every chunk and pass it runs (a profile's first start
  costs an extra half second or more) and never lent to two processes at once: a second
  ``soffice`` on a profile in use hands its files to the first and exits 0, and half the PDFs are
  silently missing. Neither a LibreOffice the user has open nor a parallel run shares it either.
  The profile is set to export Word bookmarks as named destinations (the PDF's pages are read
  through them).
* **Chunks.** At most :data:`MOST_PER_CHUNK` reports go to one ``soffice`` call
  (:func:`split`), each call with its own time limit scaled by its size (:func:`time_limit`): a
  hang costs one chunk's PDFs, never the whole batch's, and a batch of any size gets a limit
  that fits it. ``ITA_REPORT_PDF_TIMEOUT`` fixes the limit of every call instead.
* **Never left running.** ``soffice`` runs in its own session (process group on Windows); at
  its time limit, on Ctrl+C, or when the run is stopped, the whole group is killed: its launcher
  starts child processes that would otherwise keep running.
"""

from __future__ import annotations

import contextlib
import math
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO

from ita_report.errors import PdfError, seconds_setting
from ita_report.read.batch import available_cores as available_cores  # the PDF step's, re-exported
from ita_report.write.soffice_locate import INSTALL_HINT

#: Environment variable that fixes the time limit of every soffice call, in seconds.
TIMEOUT_ENV = "ITA_REPORT_PDF_TIMEOUT"
#: A call's time limit: this much to start LibreOffice (a first start on a slow PC with an
#: antivirus scanning every file takes tens of seconds) ...
BASE_SECONDS = 60.0
#: ... and this much for each report: fifteen times what one takes here, for slow PCs and long
#: reports. A chunk of 50 may take 6 minutes before it is stopped.
SECONDS_PER_REPORT = 6.0
#: Reports in one soffice call at most.
MOST_PER_CHUNK = 50
#: A second worker is started only for this many reports or more each (six for two, as before).
LEAST_PER_WORKER = 3
#: soffice processes at once at most, whatever the cores: each takes some 200 MB.
MOST_WORKERS = 16
#: How often a waiting worker looks whether the run was stopped.
_POLL_SECONDS = 0.25
_LOG_TAIL = 400  # characters of LibreOffice's own output quoted in a message


class Stopped(Exception):
    """The run was stopped (another worker failed, or Ctrl+C) and this call's soffice killed."""


def worker_count(reports: int) -> int:
    """How many soffice processes convert ``reports`` reports at once: one per core, at most."""
    return max(1, min(available_cores(), MOST_WORKERS, reports // LEAST_PER_WORKER))


def split(count: int, workers: int) -> list[range]:
    """``range(count)`` in contiguous chunks of nearly equal size, at most MOST_PER_CHUNK each.

    There are at least ``workers`` chunks, and a multiple of ``workers``, so that no worker
    waits idle through the last round while another converts a full chunk.
    """
    if count <= 0:
        return []
    chunks = max(workers, math.ceil(count / MOST_PER_CHUNK))
    chunks = min(count, math.ceil(chunks / workers) * workers)
    size, extra = divmod(count, chunks)
    ranges = []
    start = 0
    for number in range(chunks):
        end = start + size + (1 if number < extra else 0)
        ranges.append(range(start, end))
        start = end
    return ranges


def fixed_limit() -> float | None:
    """The time limit ``ITA_REPORT_PDF_TIMEOUT`` sets for every call, or None when unset.

    A value that is no positive number is an error naming the variable: a typo must neither lift
    the limit silently nor stop every conversion at once.
    """
    return seconds_setting(
        TIMEOUT_ENV,
        example=600,
        otherwise="เพื่อให้โปรแกรมกำหนดเวลาตามจำนวนรายงาน",
        error=PdfError,
    )


def time_limit(reports: int, fixed: float | None = None) -> float:
    """Seconds one soffice call on ``reports`` reports may take before it is killed."""
    if fixed is not None:
        return fixed
    return BASE_SECONDS + SECONDS_PER_REPORT * reports


def hang_advice() -> str:
    """What to do after a chunk was stopped at its time limit (Thai, after the problem)."""
    return (
        f" — ลองอีกครั้ง; ถ้าเครื่องช้าหรือรายงานยาวมาก ให้ตั้งตัวแปร {TIMEOUT_ENV}"
        f" เป็นจำนวนวินาทีที่ให้ LibreOffice แปลงรายงานแต่ละชุด (ชุดละไม่เกิน {MOST_PER_CHUNK} ไฟล์)"
    )


class Profiles:
    """One private profile per worker, lent to one soffice call at a time.

    A worker takes a profile for a chunk and gives it back after, so the next chunk (or pass)
    it runs finds a profile LibreOffice has already set up.
    """

    def __init__(self, work: Path, count: int) -> None:
        self._free: queue.SimpleQueue[Path] = queue.SimpleQueue()
        for number in range(1, count + 1):
            profile = work / f"profile{number}"
            _configure(profile)
            self._free.put(profile)

    @contextlib.contextmanager
    def lend(self) -> Iterator[Path]:
        profile = self._free.get()
        try:
            yield profile
        finally:
            self._free.put(profile)


def profile_uri(profile: PurePath) -> str:
    """The profile as the file URL ``-env:UserInstallation`` takes.

    LibreOffice wants a URL: forward slashes, ``file:///C:/…`` on Windows, and anything beyond
    ASCII percent-encoded as UTF-8 (a Thai user name, a space in ``C:\\Users\\สมชาย ใจดี``).
    ``as_uri`` does exactly that on both systems; a plain ``"file:///" + str(path)`` would not.
    """
    return profile.as_uri()


@dataclass(frozen=True)
class Run:
    """One soffice call: its exit status (None when it was killed at its limit) and output."""

    code: int | None
    limit: float
    log: str


def convert(
    soffice: Path,
    inputs: Sequence[Path],
    out_dir: Path,
    profile: Path,
    limit: float,
    stop: threading.Event | None = None,
) -> Run:
    """One soffice call: ``inputs`` to PDFs in ``out_dir``, killed at ``limit`` seconds.

    Raises PdfError when soffice cannot be started at all, and Stopped when ``stop`` is set
    while it runs; a hang or a crash is the Run's to tell, for its files only.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [
        str(soffice),
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--nodefault",
        f"-env:UserInstallation={profile_uri(profile)}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, inputs),
    ]
    log_path = out_dir.parent / f"{out_dir.name}.log"
    with log_path.open("wb") as log:
        try:
            process = _start(command, log)
        except OSError as error:
            raise PdfError(
                f"เรียกโปรแกรม LibreOffice ({soffice}) ไม่ได้ ({error.strerror}) — {INSTALL_HINT}"
            ) from error
        code = _wait(process, limit, stop)
    output = log_path.read_text(encoding="utf-8", errors="replace").strip()
    return Run(code, limit, output)


def _wait(
    process: subprocess.Popen[bytes], limit: float, stop: threading.Event | None
) -> int | None:
    """The exit status, or None once ``limit`` has passed; the process group is killed after."""
    deadline = time.monotonic() + limit
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                return process.wait(timeout=min(left, _POLL_SECONDS) if stop else left)
            except subprocess.TimeoutExpired:
                if stop is not None and stop.is_set():
                    raise Stopped from None
    finally:  # a hang, Ctrl+C, a stop; and the helpers a launcher that exited left behind
        _kill_group(process)
        process.wait()


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
        if process.poll() is None:
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
