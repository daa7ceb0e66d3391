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
* With six reports or more on a machine with two cores or more, the reports are shared between
  two ``soffice`` processes (each with its own profile: two processes on one profile lose files).

What is converted is a prepared copy (:mod:`ita_report.write.pdf_copy`), and the PDF is finished
afterwards (:mod:`ita_report.write.pdf_pages`), so that the PDF shows what Word shows:

1. Every report's copy is converted in one pass. Its row bookmarks tell on which page each table
   row landed.
2. The reports where a merged measure cell runs on to a new page are converted once more, from a
   copy with ``(ต่อ)`` and the measure's title in the first row of that page; should that move a
   page break, once more again (three passes at most).
3. Each PDF gets its page numbers (Thai digits when the report has them), loses the copy's extra
   page and bookmarks, and its fonts are checked: a font not embedded, or TH SarabunPSK replaced by
   another font, is a warning (:class:`PdfRun`), never a failure.

Which ``soffice``: the environment variable ``ITA_REPORT_SOFFICE`` if set (a path, or a command
name looked up on PATH), else ``soffice`` or ``libreoffice`` on PATH, else the usual install
locations on macOS, Windows and Linux tarball installs.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from ita_report.errors import PdfError
from ita_report.write import pdf_copy
from ita_report.write.soffice import INSTALL_HINT, PARALLEL_FROM, SOFFICE_ENV, convert, quote

__all__ = ["INSTALL_HINT", "SOFFICE_ENV", "convert_to_pdf", "find_soffice"]
from ita_report.write.atomic import replace_atomic

#: Conversions of one report at most: the first, with (ต่อ), and once more if a page moved.
MAX_PASSES = 3


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


def convert_to_pdf(
    docx_paths: Sequence[Path],
    *,
    timeout: float = 180,
    warnings: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Write ``<stem>.pdf`` beside each .docx, all reports of each ``soffice`` pass together.

    Returns the PDFs in the order of ``docx_paths``; what the user should know about them (a
    font substituted or not embedded) is appended to ``warnings`` as (PDF, message in Thai). A timeout (per pass) kills
    LibreOffice and moves no PDF. When only some files fail to convert, the good PDFs are still
    put in place (in a batch of many agencies the others should not lose theirs) and PdfError
    names the failed file(s).
    """
    if not docx_paths:
        return []
    soffice = find_soffice()
    warnings = [] if warnings is None else warnings
    with tempfile.TemporaryDirectory(prefix="ita-pdf-", ignore_cleanup_errors=True) as scratch:
        work = Path(scratch)
        copies = _prepare(docx_paths)
        inputs = _write_inputs([converted for _, converted, _ in copies], work / "in")
        log = convert(soffice, inputs, work, 1, timeout, docx_paths)
        produced = [work / "out1" / f"{path.stem}.pdf" for path in inputs]
        failures: list[tuple[Path, str]] = []
        good: dict[int, Path] = {}
        for index, (docx, pdf) in enumerate(zip(docx_paths, produced, strict=True)):
            problem = _check_pdf(pdf)
            if problem is None:
                good[index] = pdf
            else:
                failures.append((docx, problem))
        warnings.extend(_settle_all(soffice, work, copies, good, timeout, docx_paths))
        results: list[Path] = []
        for index, docx in enumerate(docx_paths):
            if index not in good:
                continue
            target = docx.with_suffix(".pdf")
            replace_atomic(good[index], target)
            results.append(target)
    if failures:
        raise _conversion_failed(failures, log)
    return results


#: One report's copy: what the PDF step knows of it (None for a file that is no .docx we
#: read, converted as it is), the bytes converted first, and the report's own bytes.
_Prepared = tuple[pdf_copy.CopyFacts | None, bytes, bytes]


def _prepare(docx_paths: Sequence[Path]) -> list[_Prepared]:
    """Each report's prepared copy, made in worker processes from PARALLEL_FROM reports on."""
    contents: list[bytes] = []
    for docx in docx_paths:
        try:
            contents.append(docx.read_bytes())
        except OSError as error:
            raise PdfError(
                f"อ่านไฟล์ Word เพื่อสร้าง PDF ไม่ได้ ({error.strerror}) — ตรวจว่าไฟล์ยังอยู่แล้วลองอีกครั้ง",
                docx,
            ) from error
    return _map(_prepare_one, contents)


def _prepare_one(data: bytes) -> _Prepared:
    copy = pdf_copy.prepare(data)
    if copy is None:
        return None, data, data
    return copy.facts, copy.converted(), data


def _settle_all(
    soffice: Path,
    work: Path,
    copies: list[_Prepared],
    good: dict[int, Path],
    timeout: float,
    docx_paths: Sequence[Path],
) -> list[tuple[Path, str]]:
    """Finish every PDF; first convert again, together, the reports where a carried-over title
    does not fit in its row (its text is then written in the cell, and the row grows).

    Reading and finishing a PDF (pypdf) costs a tenth of its conversion, so from
    :data:`PARALLEL_FROM` reports on it runs in worker processes, one per core.
    """
    warnings: dict[int, list[str]] = {}
    written: dict[int, frozenset[int]] = dict.fromkeys(good, frozenset())
    pending = sorted(index for index in good if copies[index][0] is not None)
    for number in range(1, MAX_PASSES + 1):
        jobs: list[_Job] = []
        for index in pending:
            facts = copies[index][0]
            assert facts is not None
            last = number == MAX_PASSES
            jobs.append((good[index], written[index], last, facts))
        again: dict[int, frozenset[int]] = {}
        for index, (wanted, said) in zip(pending, _map(_settle, jobs), strict=True):
            if wanted is None:
                warnings[index] = said
            else:
                again[index] = wanted
        if not again:
            break
        order = sorted(again)
        inputs = _write_inputs(
            [_converted(copies[index][2], again[index]) for index in order],
            work / f"in{number + 1}",
        )
        convert(soffice, inputs, work, number + 1, timeout, [docx_paths[i] for i in order])
        for index, path in zip(order, inputs, strict=True):
            pdf = work / f"out{number + 1}" / f"{path.stem}.pdf"
            if _check_pdf(pdf) is None:  # else the PDF of the pass before stays
                good[index] = pdf
                written[index] = again[index]
        pending = order
    return [
        (docx_paths[index].with_suffix(".pdf"), warning)
        for index in sorted(warnings)
        for warning in warnings[index]
    ]


_In = TypeVar("_In")
_Out = TypeVar("_Out")


def _map(function: Callable[[_In], _Out], jobs: Sequence[_In]) -> list[_Out]:
    """``function`` over ``jobs`` in order, in worker processes when there are enough jobs."""
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [function(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 2, 4)) as pool:
        return list(pool.map(function, jobs))


_Job = tuple[Path, frozenset[int], bool, pdf_copy.CopyFacts]


def _settle(job: _Job) -> tuple[frozenset[int] | None, list[str]]:
    """One report's PDF: the rows to write in and convert again, or None and its warnings once
    the PDF is finished (titles, page numbers, extra pages gone, fonts checked)."""
    from ita_report.write import pdf_layout, pdf_pages

    pdf, written, last, facts = job
    try:
        reader = pdf_pages.read(pdf)
        layout = pdf_layout.read_layout(reader, facts, written)
        wanted = (written & layout.starts) | layout.too_tall
        if wanted != written and not last:
            return frozenset(wanted), []
        used = pdf_pages.finish(pdf, facts, written, reader=reader, layout=layout)
    except pdf_pages.PdfUnreadable as error:
        return None, [f"อ่าน PDF ที่ LibreOffice สร้างไม่ได้ จึงไม่ได้ใส่เลขหน้าและตรวจฟอนต์ ({error})"]
    return None, pdf_pages.font_warnings(used, facts.thai_fonts)


def _converted(data: bytes, starts: frozenset[int]) -> bytes:
    copy = pdf_copy.prepare(data)
    assert copy is not None
    return copy.converted(starts)


def _write_inputs(contents: Sequence[bytes], folder: Path) -> list[Path]:
    """Copies named ``report-<n>.docx``: unique, and plain ASCII for LibreOffice's command line."""
    folder.mkdir()
    copies = []
    for number, data in enumerate(contents, 1):
        copy = folder / f"report-{number}.docx"
        copy.write_bytes(data)
        copies.append(copy)
    return copies


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
        return PdfError(f"{problem}{advice}{quote(log)}", docx)
    listed = "; ".join(f"{docx}: {problem}" for docx, problem in failures)
    return PdfError(
        f"สร้าง PDF ไม่สำเร็จ {len(failures)} ไฟล์ ({listed}){advice}{quote(log)}", failures[0][0]
    )
