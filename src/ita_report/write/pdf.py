"""PDFs of the reports, made by LibreOffice (``build --pdf``).

Agencies publish the report as a PDF on their web site. LibreOffice is the one free converter that
lays out a Word document faithfully, so we drive its ``soffice`` program headless
(:mod:`ita_report.write.soffice`; which one: :mod:`ita_report.write.soffice_locate`).

A batch may be one agency or every local administration of the country (8,000 reports), so the
reports are converted in chunks (:func:`ita_report.write.soffice.split`), one ``soffice`` per
core, each worker with its own private LibreOffice profile and each call with its own time
limit. Each chunk goes through every step on its own (:mod:`ita_report.write.pdf_chunks`),
from its reports read to its PDFs put in place, so that a worker never waits for the others,
and a chunk that fails costs its own reports only:

1. Each report's copy is prepared (:mod:`ita_report.write.pdf_copy`) and converted; the copies
   have unique names in a scratch folder (reports from different folders may share a stem,
   ``a/plan.docx``, ``b/plan.docx``, and LibreOffice names its output after the stem only).
   Its row bookmarks tell on which page each table row landed.
2. The reports where a merged measure cell runs on to a new page are converted once more, by the
   same worker with the same profile, from a copy with ``(ต่อ)`` and the measure's title in the
   first row of that page; should that move a page break, once more again (three passes at
   most). A report whose later pass fails keeps the PDF of the pass before.
3. Each PDF gets its page numbers (Thai digits when the report has them), loses the copy's extra
   page and bookmarks, and its fonts are checked: a font not embedded, or TH SarabunPSK replaced by
   another font, is a warning (:class:`PdfRun`), never a failure.
4. ``soffice`` exits 0 even when it could not convert a file, so each PDF is checked: it must
   exist, start with ``%PDF`` and end with ``%%EOF``. The good ones are moved beside their .docx
   (same stem) atomically through :mod:`ita_report.write.atomic`, chunk by chunk as each is done.

When some reports get no PDF (a chunk stopped at its time limit, LibreOffice crashing on one
file), every other PDF is still put in place and one PdfError names the files without one.
Preparing and finishing a PDF (pure Python, a tenth of a conversion) runs in worker processes
from :data:`ita_report.write.pdf_chunks.PARALLEL_FROM` reports on.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from ita_report.errors import PdfError
from ita_report.write import soffice
from ita_report.write.pdf_chunks import Batch, Failure, Helpers, run_chunks
from ita_report.write.soffice import TIMEOUT_ENV, quote
from ita_report.write.soffice_locate import INSTALL_HINT, SOFFICE_ENV, find_soffice

__all__ = ["INSTALL_HINT", "SOFFICE_ENV", "TIMEOUT_ENV", "convert_to_pdf", "find_soffice"]


def convert_to_pdf(
    docx_paths: Sequence[Path],
    *,
    timeout: float | None = None,
    warnings: list[tuple[Path, str]] | None = None,
) -> list[Path]:
    """Write ``<stem>.pdf`` beside each .docx; return the PDFs written, in the order given.

    ``timeout`` fixes the seconds each soffice call (a chunk of reports) may take, as
    ``ITA_REPORT_PDF_TIMEOUT`` does; by default the limit grows with the chunk
    (:func:`ita_report.write.soffice.time_limit`). What the user should know about a PDF (a font
    substituted or not embedded) is appended to ``warnings`` as (PDF, message in Thai). When
    some reports get no PDF, the others are still put in place, and PdfError then names the
    files without one.
    """
    if not docx_paths:
        return []
    program = find_soffice()
    fixed = timeout if timeout is not None else soffice.fixed_limit()
    workers = soffice.worker_count(len(docx_paths))
    chunks = soffice.split(len(docx_paths), workers)
    with (
        tempfile.TemporaryDirectory(prefix="ita-pdf-", ignore_cleanup_errors=True) as scratch,
        Helpers(len(docx_paths)) as helpers,
    ):
        work = Path(scratch)
        batch = Batch(program, work, docx_paths, soffice.Profiles(work, workers), fixed, helpers)
        outcomes = run_chunks(batch, chunks, workers)
    placed = sorted(index for outcome in outcomes for index in outcome.placed)
    if warnings is not None:
        said = sorted(said for outcome in outcomes for said in outcome.warnings)
        warnings.extend((docx_paths[index].with_suffix(".pdf"), text) for index, text in said)
    failures = sorted(failure for outcome in outcomes for failure in outcome.failures)
    if failures:
        raise _conversion_failed(failures)
    return [docx_paths[index].with_suffix(".pdf") for index in placed]


def _conversion_failed(failures: list[Failure]) -> PdfError:
    """One error for every report without a PDF: the files named, grouped by what went wrong."""
    logs = "\n".join(dict.fromkeys(failure.log for failure in failures if failure.log))
    advice = "".join(dict.fromkeys(failure.advice for failure in failures))
    if len(failures) == 1:
        failure = failures[0]
        return PdfError(f"{failure.problem}{advice}{quote(logs)}", failure.path)
    by_problem: dict[str, list[str]] = defaultdict(list)
    for failure in failures:
        by_problem[failure.problem].append(str(failure.path))
    listed = "; ".join(f"{problem}: {', '.join(paths)}" for problem, paths in by_problem.items())
    return PdfError(f"สร้าง PDF ไม่สำเร็จ {len(failures)} ไฟล์ ({listed}){advice}{quote(logs)}")
