"""How one chunk of reports goes through the PDF step, and how the chunks are run.

:func:`ita_report.write.pdf.convert_to_pdf` splits a batch into chunks; here each chunk goes
through every step on its own, from its reports read to its PDFs put in place (:func:`run_chunks`,
``workers`` chunks at a time, the first error stopping them all): the copies prepared, one
``soffice`` call on them (:meth:`Batch.convert`), the passes again where a carried-over title
moved a page break (at most :data:`MAX_PASSES`), the PDFs finished and checked, then moved
beside their .docx. What failed for a report is a :class:`Failure` in the chunk's
:class:`Outcome`. The worker processes that prepare copies and finish PDFs (:class:`Helpers`)
are shared by every chunk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import NamedTuple, TypeVar

from ita_report.errors import OutputError
from ita_report.read.batch import pool_size
from ita_report.write import pdf_copy, soffice
from ita_report.write.atomic import replace_atomic

#: Conversions of one report at most: the first, with (ต่อ), and once more if a page moved.
MAX_PASSES = 3
#: From this many reports on, copies are prepared and PDFs finished in worker processes.
PARALLEL_FROM = 6

_CHECK_ADVICE = " — เปิดไฟล์ .docx ใน Word หรือ LibreOffice เพื่อตรวจว่าไฟล์ไม่เสีย แล้วลองอีกครั้ง"


class Failure(NamedTuple):
    """A report without a PDF: why (Thai), what to do (after `` — ``), LibreOffice's words."""

    position: int
    path: Path
    problem: str
    advice: str
    log: str = ""


@dataclass
class Outcome:
    """What became of one chunk's reports."""

    placed: list[int] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


_In = TypeVar("_In")
_Out = TypeVar("_Out")


class Helpers:
    """The worker processes that prepare copies and finish PDFs, shared by every chunk.

    They are all started here, in the calling thread, before any chunk's thread exists: with
    ``fork`` (Linux), forking while other threads hold locks can deadlock the children.
    """

    def __init__(self, reports: int) -> None:
        cores = soffice.available_cores()
        self._pool: Executor | None = None
        if reports >= PARALLEL_FROM and cores >= 2:
            self._pool = ProcessPoolExecutor(max_workers=pool_size(cores, reports))
            self._pool.submit(int).result()  # starts the processes now (see above)

    def map(self, function: Callable[[_In], _Out], jobs: Sequence[_In]) -> list[_Out]:
        """``function`` over ``jobs`` in order, in the worker processes when there are some."""
        if self._pool is None or len(jobs) < 2:
            return [function(job) for job in jobs]
        return list(self._pool.map(function, jobs))

    def __enter__(self) -> Helpers:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Batch:
    """What every chunk of one call of :func:`ita_report.write.pdf.convert_to_pdf` shares."""

    program: Path
    work: Path
    docx_paths: Sequence[Path]
    profiles: soffice.Profiles
    fixed: float | None
    helpers: Helpers
    stop: threading.Event = field(default_factory=threading.Event)

    def convert(
        self, profile: Path, label: str, contents: dict[int, bytes]
    ) -> tuple[dict[int, Path], list[Failure]]:
        """One soffice call on these reports' copies: the good PDFs, and what failed for the rest."""
        folder = self.work / label
        inputs = _write_inputs(list(contents.values()), folder / "in")
        run = soffice.convert(
            self.program,
            inputs,
            folder / "out",
            profile,
            soffice.time_limit(len(inputs), self.fixed),
            self.stop,
        )
        good: dict[int, Path] = {}
        failures: list[Failure] = []
        for index, source in zip(contents, inputs, strict=True):
            pdf = folder / "out" / f"{source.stem}.pdf"
            problem = _check_pdf(pdf)
            if problem is None:
                good[index] = pdf
                continue
            path = self.docx_paths[index]
            if run.code is None:
                failures.append(
                    Failure(
                        index,
                        path,
                        f"LibreOffice ไม่ตอบสนองภายใน {run.limit:g} วินาที จึงถูกหยุด และไม่ได้สร้าง PDF",
                        soffice.hang_advice(),
                        run.log,
                    )
                )
            elif run.code != 0:
                failures.append(
                    Failure(
                        index,
                        path,
                        f"LibreOffice ทำงานผิดพลาด (รหัส {run.code}) และไม่ได้สร้าง PDF",
                        " — ลองอีกครั้ง หรือเปิดไฟล์ .docx ใน LibreOffice เพื่อตรวจ",
                        run.log,
                    )
                )
            else:
                failures.append(Failure(index, path, problem, _CHECK_ADVICE, run.log))
        return good, failures


def run_chunks(batch: Batch, chunks: list[range], workers: int) -> list[Outcome]:
    """Every chunk converted, ``workers`` at a time; the first error stops them all.

    An error here is one that would fail every chunk alike (soffice cannot be started) or a
    Ctrl+C: the workers' soffice calls are then killed, and nothing more is started.
    """
    if workers <= 1:
        return [_convert_chunk(batch, number, chunk) for number, chunk in enumerate(chunks, 1)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ita-soffice") as threads:
        futures = [
            threads.submit(_convert_chunk, batch, number, chunk)
            for number, chunk in enumerate(chunks, 1)
        ]
        try:
            pending = set(futures)
            while pending:
                # A timeout, so that Ctrl+C reaches this thread on Windows too.
                done, pending = wait_for(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()  # raises the chunk's error, if any
        except BaseException:
            batch.stop.set()
            for future in futures:
                future.cancel()
            raise
        return [future.result() for future in futures]


def _convert_chunk(batch: Batch, number: int, chunk: range) -> Outcome:
    """One chunk of reports, from their .docx read to their PDFs put in place."""
    outcome = Outcome()
    contents: dict[int, bytes] = {}
    for index in chunk:
        path = batch.docx_paths[index]
        try:
            contents[index] = path.read_bytes()
        except OSError as error:
            outcome.failures.append(
                Failure(
                    index,
                    path,
                    f"อ่านไฟล์ Word เพื่อสร้าง PDF ไม่ได้ ({error.strerror})",
                    " — ตรวจว่าไฟล์ยังอยู่แล้วลองอีกครั้ง",
                )
            )
    if not contents:
        return outcome
    prepared = batch.helpers.map(_prepare_one, list(contents.values()))
    copies: dict[int, _Prepared] = {
        index: (facts, data if converted is None else converted, data)
        for (index, data), (facts, converted) in zip(contents.items(), prepared, strict=True)
    }
    del contents
    with batch.profiles.lend() as profile:
        good, failures = batch.convert(
            profile, f"chunk{number}-1", {index: copy[1] for index, copy in copies.items()}
        )
        outcome.failures.extend(failures)
        outcome.warnings.extend(_settle_all(batch, profile, number, copies, good))
    for index in sorted(good):
        path = batch.docx_paths[index]
        try:
            replace_atomic(good[index], path.with_suffix(".pdf"))
        except OutputError as error:
            outcome.failures.append(Failure(index, path.with_suffix(".pdf"), error.message, ""))
        else:
            outcome.placed.append(index)
    return outcome


#: One report's copy: what the PDF step knows of it (None for a file that is no .docx we
#: read, converted as it is), the bytes converted first, and the report's own bytes.
_Prepared = tuple[pdf_copy.CopyFacts | None, bytes, bytes]


def _prepare_one(data: bytes) -> tuple[pdf_copy.CopyFacts | None, bytes | None]:
    """A report's facts and the copy to convert first; (None, None) to convert it as it is.

    The report's own bytes stay with the caller: sent back from a helper process, every report
    would cross the process boundary twice."""
    copy = pdf_copy.prepare(data)
    if copy is None:
        return None, None
    return copy.facts, copy.converted()


def _settle_all(
    batch: Batch,
    profile: Path,
    number: int,
    copies: dict[int, _Prepared],
    good: dict[int, Path],
) -> list[tuple[int, str]]:
    """Finish a chunk's PDFs; first convert again, together, the reports where a carried-over
    title does not fit in its row (its text is then written in the cell, and the row grows).

    ``good`` is updated to the PDF of each report's last good pass.
    """
    warnings: dict[int, list[str]] = {}
    written: dict[int, frozenset[int]] = dict.fromkeys(good, frozenset())
    pending = sorted(index for index in good if copies[index][0] is not None)
    final: set[int] = set()  # a later pass failed: finished as the pass before left it
    for attempt in range(1, MAX_PASSES + 1):
        jobs: list[_Job] = []
        for index in pending:
            facts = copies[index][0]
            assert facts is not None
            last = attempt == MAX_PASSES or index in final
            jobs.append((good[index], written[index], last, facts))
        again: dict[int, frozenset[int]] = {}
        for index, (wanted, said) in zip(pending, batch.helpers.map(_settle, jobs), strict=True):
            if wanted is None:
                warnings[index] = said
            else:
                again[index] = wanted
        if not again:
            break
        order = sorted(again)
        redone = batch.helpers.map(
            _converted, [(copies[index][2], again[index]) for index in order]
        )
        converted, failed = batch.convert(
            profile, f"chunk{number}-{attempt + 1}", dict(zip(order, redone, strict=True))
        )
        for index, pdf in converted.items():
            good[index] = pdf
            written[index] = again[index]
        final = {failure.position for failure in failed}
        pending = order
    return [(index, warning) for index in sorted(warnings) for warning in warnings[index]]


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


def _converted(job: tuple[bytes, frozenset[int]]) -> bytes:
    """The copy to convert again, with the titles of ``starts`` written in their rows."""
    data, starts = job
    copy = pdf_copy.prepare(data)
    assert copy is not None
    return copy.converted(starts)


def _write_inputs(contents: Sequence[bytes], folder: Path) -> list[Path]:
    """Copies named ``report-<n>.docx``: unique, and plain ASCII for LibreOffice's command line."""
    folder.mkdir(parents=True)
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
