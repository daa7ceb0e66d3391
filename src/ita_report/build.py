"""``build``: workbooks in, reports out — one at a time or in worker processes for a yearly batch.

Each workbook is read, validated, rendered and written on its own; a bad one becomes a failed
outcome and never stops the others. A report is written only complete (``output.write_atomic``),
and only for a valid workbook.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ita_report.errors import ItaError, TemplateProblem
from ita_report.model import HasProblems, Problem
from ita_report.output import write_atomic
from ita_report.render.options import RenderOptions
from ita_report.workbooks import load


@dataclass(frozen=True)
class BuildJob:
    """One workbook and where its report goes."""

    workbook: Path
    report: Path


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


def plan_jobs(
    inputs: Iterable[tuple[Path, Path]], *, output: Path | None, out_dir: Path | None
) -> list[BuildJob]:
    """Where each report goes: ``-o FILE``, under ``--out-dir`` (layout kept), or beside its workbook.

    Raises ItaError when two workbooks would write the same report (``plan.xlsx`` and
    ``plan.xlsm``, or the same file given twice): one would silently replace the other.
    """
    jobs: dict[Path, BuildJob] = {}
    for workbook, relative in inputs:
        if output is not None:
            report = output
        elif out_dir is not None:
            report = (out_dir / relative).with_suffix(".docx")
        else:
            report = workbook.with_suffix(".docx")
        if report.suffix.lower() != ".docx":
            raise ItaError(f"รายงานต้องเป็นไฟล์ .docx (ได้ {report}) — เช่น -o รายงาน.docx")
        key = report.resolve()  # a .docx: never the workbook itself
        if key in jobs:
            raise ItaError(
                f"{jobs[key].workbook} และ {workbook} จะได้รายงานไฟล์เดียวกัน ({report}) — "
                "เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่ง หรือสร้างทีละไฟล์ด้วย -o"
            )
        jobs[key] = BuildJob(workbook, report)
    return list(jobs.values())


def build_one(job: BuildJob, options: RenderOptions, *, strict: bool = False) -> BuildOutcome:
    """Read, validate, render and write one report; any problem becomes a failed outcome.

    A template that does not compile fails before any workbook is read (``renderer_for`` in the
    CLI); one that fails while rendering fails this workbook, named, and marks the outcome so
    that the run stops.
    """
    from ita_report.render import renderer_for

    loaded = load(job.workbook, strict=strict)
    if loaded.plan is None:
        return BuildOutcome(job, False, loaded.problems)
    try:
        data = renderer_for(options.template).render(loaded.plan, options)
        write_atomic(job.report, data)
    except TemplateProblem as exc:
        return BuildOutcome(job, False, (*loaded.problems, Problem(str(exc))), template_failed=True)
    except ItaError as exc:
        return BuildOutcome(job, False, (*loaded.problems, Problem(str(exc))))
    return BuildOutcome(job, True, loaded.problems)


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
    """
    finished: dict[BuildJob, BuildOutcome] = {}
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            outcome = finished[job] = build_one(job, options, strict=strict)
            on_done(outcome)
            if outcome.template_failed:
                break
    else:
        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            futures = {pool.submit(build_one, job, options, strict=strict): job for job in jobs}
            for future in as_completed(futures):
                if future.cancelled():
                    continue
                outcome = finished[futures[future]] = future.result()
                on_done(outcome)
                if outcome.template_failed:
                    for other in futures:
                        other.cancel()
    return [finished.get(job) or _not_built(job) for job in jobs]


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
