"""``build``, the use case: workbooks in, reports (and PDFs) out, one by one or in worker processes.

The flow goes through the layers in one direction: each workbook is read (``read``), rendered
(``render``) and written (``write.atomic``) on its own, in a worker process when there are many;
then, with ``pdf``, the reports written go through LibreOffice (``write.pdf``). A bad workbook
becomes a failed outcome and never stops the others; a report is written only complete, and
only for a valid workbook. The command line calls :func:`plan_jobs` and :func:`run_build` and
shows what they return; it decides nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from ita_report.errors import ItaError, TemplateError
from ita_report.model import HasProblems, Problem, Severity
from ita_report.read import load
from ita_report.read.batch import available_cores, map_chunked, pool_size
from ita_report.read.files import NO_WORKBOOKS
from ita_report.render.options import RenderOptions
from ita_report.write.atomic import write_atomic


class BuildJob:
    """One workbook and where its report goes.

    The two paths are kept as text and made Paths when asked for: a national batch plans its
    8,000 jobs before the first is built, in the process whose memory is the batch's largest,
    and a Path costs several times its text.
    """

    __slots__ = ("_report", "_workbook")

    def __init__(self, workbook: Path, report: Path) -> None:
        self._workbook, self._report = str(workbook), str(report)

    @property
    def workbook(self) -> Path:
        return Path(self._workbook)

    @property
    def report(self) -> Path:
        return Path(self._report)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BuildJob):
            return NotImplemented
        return (self._workbook, self._report) == (other._workbook, other._report)

    def __hash__(self) -> int:
        return hash((self._workbook, self._report))

    def __repr__(self) -> str:
        return f"BuildJob(workbook={self.workbook!r}, report={self.report!r})"


@dataclass(frozen=True)
class BuildOutcome(HasProblems):
    """What became of one workbook: its report, or the problems that stopped it."""

    job: BuildJob
    written: bool
    problems: tuple[Problem, ...]
    #: The template failed on this workbook: a template bug, which stops the run (a template
    #: that loops until its timeout would otherwise cost that timeout for every workbook).
    template_failed: bool = False


def _not_built(job: BuildJob) -> BuildOutcome:
    return BuildOutcome(
        job, False, (Problem("ไม่ได้สร้าง — หยุดก่อนถึงไฟล์นี้ เพราะแม่แบบใช้ไม่ได้ (ดูข้อผิดพลาดข้างบน)"),)
    )


@dataclass(frozen=True)
class BuildRun:
    """What a whole ``build`` did: each workbook's outcome, and the PDF step's failure if any."""

    outcomes: list[BuildOutcome]
    #: PDFs were asked for (``--pdf``).
    pdf: bool = False
    #: Why the PDFs could not all be made; the reports themselves are written all the same.
    pdf_error: ItaError | None = None
    #: What the user should know about the PDFs made (a font substituted): (PDF, Thai message).
    #: Each is also a warning of its workbook's outcome, at the PDF (``Problem.cell``).
    pdf_warnings: tuple[tuple[Path, str], ...] = ()

    @property
    def ok(self) -> bool:
        """Every report written, and every PDF asked for made."""
        return self.pdf_error is None and all(outcome.written for outcome in self.outcomes)


def plan_jobs(
    inputs: Iterable[tuple[Path, Path]], *, output: Path | None, out_dir: Path | None
) -> list[BuildJob]:
    """Where each report goes: ``-o FILE``, under ``--out-dir`` (layout kept), or beside its workbook.

    ``inputs`` are the workbooks with their place under ``--out-dir``
    (``Inputs.found`` of :func:`ita_report.read.find_inputs`). Raises ItaError when there is no workbook at all, and
    when two workbooks would write the same report (``plan.xlsx`` and ``plan.xlsm``, or the same
    file given twice), or reports whose names differ only in case (``Plan.xlsx`` and
    ``plan.xlsm``): one would silently replace the other.
    """
    jobs: dict[str, BuildJob] = {}  # by the report's resolved path, as text (see BuildJob)
    folded: dict[str, BuildJob] = {}
    for workbook, relative in inputs:
        if output is not None:
            report = output
        elif out_dir is not None:
            report = (out_dir / relative).with_suffix(".docx")
        else:
            report = workbook.with_suffix(".docx")
        if report.suffix.lower() != ".docx":
            raise ItaError(f"รายงานต้องเป็นไฟล์ .docx (ได้ {report}) — เช่น -o รายงาน.docx")
        key = str(report.resolve())  # a .docx: never the workbook itself
        if key in jobs:
            raise ItaError(
                f"{jobs[key].workbook} และ {workbook} จะได้รายงานไฟล์เดียวกัน ({report}) — "
                "เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือสร้างทีละไฟล์ด้วย -o"
            )
        # Windows and macOS do not tell Plan.docx from plan.docx: refused on every system, so
        # that a folder built here gives the same reports when copied to a clerk's PC.
        other = folded.get(key.casefold())
        if other is not None:
            raise ItaError(
                f"{other.workbook} และ {workbook} จะได้รายงานชื่อเดียวกันถ้าไม่นับตัวพิมพ์เล็กพิมพ์ใหญ่"
                f" ({other.report} และ {report}) ซึ่งบน Windows และ macOS เป็นไฟล์เดียวกัน"
                " — เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือสร้างทีละไฟล์ด้วย -o"
            )
        jobs[key] = folded[key.casefold()] = BuildJob(workbook, report)
    if not jobs:
        raise ItaError(NO_WORKBOOKS)
    return list(jobs.values())


def run_build(
    jobs: list[BuildJob],
    options: RenderOptions,
    *,
    pdf: bool = False,
    strict: bool = False,
    workers: int = 1,
    on_done: Callable[[BuildOutcome], None] = lambda outcome: None,
) -> BuildRun:
    """Build every job, then make the PDFs of the reports written.

    A template that does not compile raises TemplateError here, before any workbook is read.
    """
    from ita_report.render import renderer_for

    renderer_for(options.template)
    outcomes = build_all(jobs, options, strict=strict, workers=workers, on_done=on_done)
    if not pdf:
        return BuildRun(outcomes)
    from ita_report.write import pdf as pdf_writer

    written = [outcome.job.report for outcome in outcomes if outcome.written]
    warnings: list[tuple[Path, str]] = []
    error: ItaError | None = None
    try:
        if written:
            pdf_writer.convert_to_pdf(written, warnings=warnings)
    except ItaError as failure:
        error = failure
    outcomes = [_with_pdf_warnings(outcome, warnings) for outcome in outcomes]
    return BuildRun(outcomes, pdf=True, pdf_error=error, pdf_warnings=tuple(warnings))


def _with_pdf_warnings(outcome: BuildOutcome, warnings: list[tuple[Path, str]]) -> BuildOutcome:
    pdf = outcome.job.report.with_suffix(".pdf")
    found = [Problem(text, str(path), Severity.WARNING) for path, text in warnings if path == pdf]
    if not found:
        return outcome
    return BuildOutcome(
        outcome.job, outcome.written, (*outcome.problems, *found), outcome.template_failed
    )


def build_one(job: BuildJob, options: RenderOptions, *, strict: bool = False) -> BuildOutcome:
    """Read, validate, render and write one report; any problem becomes a failed outcome.

    A template that does not compile fails before any workbook is read (``renderer_for`` in the
    CLI); one that fails while rendering fails this workbook, named, and marks the outcome so
    that the run stops.
    """
    rendered = _render(job, options, strict=strict)
    if isinstance(rendered, BuildOutcome):
        return rendered
    return _write(job, *rendered)


def _render(
    job: BuildJob, options: RenderOptions, *, strict: bool
) -> BuildOutcome | tuple[bytes, tuple[Problem, ...]]:
    """The report's bytes and the workbook's problems, or the outcome of a job that failed."""
    from ita_report.render import renderer_for

    loaded = load(job.workbook, strict=strict)
    if loaded.plan is None:
        return BuildOutcome(job, False, loaded.problems)
    try:
        return renderer_for(options.template).render(loaded.plan, options), loaded.problems
    except TemplateError as exc:
        return BuildOutcome(job, False, (*loaded.problems, Problem(str(exc))), template_failed=True)
    except ItaError as exc:
        return BuildOutcome(job, False, (*loaded.problems, Problem(str(exc))))


def _write(job: BuildJob, data: bytes, problems: tuple[Problem, ...]) -> BuildOutcome:
    """The report written all at once (``write_atomic``), or the outcome that says why not."""
    try:
        write_atomic(job.report, data)
    except ItaError as exc:
        return BuildOutcome(job, False, (*problems, Problem(str(exc))))
    return BuildOutcome(job, True, problems)


def build_all(
    jobs: list[BuildJob],
    options: RenderOptions,
    *,
    strict: bool = False,
    workers: int = 1,
    on_done: Callable[[BuildOutcome], None] = lambda outcome: None,
) -> list[BuildOutcome]:
    """Build every job, in ``workers`` processes when there is more than one job.

    ``on_done`` hears of each outcome as it finishes (for progress); the list returned keeps the
    order of ``jobs``, so that summaries read the same on every run. A template failure stops
    the run: the jobs not yet started are returned as not built.

    The jobs go to the workers in chunks, a few chunks per worker at a time
    (:func:`ita_report.read.batch.stream_chunks`), so that a country's 8,000 workbooks cost the
    parent no more memory than a district's 50. What is kept of each job is its outcome: the
    job and its problems, never the plan or the document.
    """
    found: list[BuildOutcome | None] = [None] * len(jobs)
    if len(jobs) == 1:  # a clerk's one report: no writer thread to start
        found[0] = outcome = build_one(jobs[0], options, strict=strict)
        on_done(outcome)
    elif workers <= 1:
        for index, outcome in enumerate(_built_in_turn(jobs, options, strict=strict)):
            found[index] = outcome
            on_done(outcome)
    else:
        failed: list[BuildOutcome] = []  # the template failures seen: the run stops at one
        task = partial(_build_chunk, options=options, strict=strict)
        for index, built in map_chunked(task, jobs, workers=workers, stop=lambda: bool(failed)):
            # The worker's copy of the job is dropped for ours: two fewer paths a job.
            outcome = found[index] = replace(built, job=jobs[index])
            on_done(outcome)
            if outcome.template_failed:
                failed.append(outcome)
    return [outcome or _not_built(job) for job, outcome in zip(jobs, found, strict=True)]


def _build_chunk(
    jobs: list[BuildJob], *, options: RenderOptions, strict: bool
) -> list[BuildOutcome]:
    """One task: a chunk of jobs built in a worker (:func:`_built_in_turn`).

    Module level, so that a worker started by ``spawn`` (Windows) finds it by name.
    """
    return list(_built_in_turn(jobs, options, strict=strict))


def _built_in_turn(
    jobs: Iterable[BuildJob], options: RenderOptions, *, strict: bool
) -> Iterator[BuildOutcome]:
    """Each job's outcome in turn, each report written by a thread while the next is rendered.

    Writing waits on the disk, not the processor (``write_atomic`` flushes the report and its
    folder to disk: about 4.6 ms a report here, of which 0.7 ms is work), and a process that
    waited for it left its core idle a quarter of a batch. The writer thread waits instead,
    one report behind; each report is still written whole, and its outcome, which says written
    only once it is, comes after it is on disk and before the next job's.

    Stops after a template failure: a template that loops until its timeout would otherwise
    cost that timeout for each job left; those jobs are the caller's to report as not built.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    writing: Future[BuildOutcome] | None = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ita-report-write") as writer:
        for job in jobs:
            rendered = _render(job, options, strict=strict)
            if writing is not None:
                yield writing.result()
                writing = None
            if isinstance(rendered, BuildOutcome):
                yield rendered
                if rendered.template_failed:
                    return
            else:
                writing = writer.submit(_write, job, *rendered)
        if writing is not None:
            yield writing.result()


def default_workers() -> int:
    """The number of cores this process may use (at most 61 on Windows: ``pool_size``)."""
    cores = available_cores()
    return pool_size(cores, cores)
