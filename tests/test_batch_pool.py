"""How a batch reaches the worker processes: chunks, a bounded queue, results streamed, in order.

A country's batch is 8,000 workbooks. The parent keeps only a few chunks per worker in flight
(so its memory does not grow with the folder), hears of each outcome as its chunk comes back,
and still returns the outcomes in the order of the jobs. Counting what is in flight uses a pool
of threads that counts its tasks; what must hold in real worker processes (an unreadable file
failing alone, a template failure stopping the run, Windows' spawn) uses real ones.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import shutil
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from ita_report import build
from ita_report.build import BuildJob, BuildOutcome, build_all
from ita_report.model import Problem
from ita_report.read.batch import CHUNKS_IN_FLIGHT_PER_WORKER, load_many, stream_chunks
from ita_report.read.workbook import Loaded
from ita_report.render.options import RenderOptions
from tests.workbook_helpers import write_workbook


class CountingPool(ThreadPoolExecutor):
    """A pool that counts the tasks submitted and not yet handed back (their result taken)."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.submitted = 0
        self.handed_back = 0
        self.most_in_flight = 0
        self.items_submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        self.items_submitted += len(args[0])
        self.most_in_flight = max(self.most_in_flight, self.submitted - self.handed_back)
        future = super().submit(fn, *args, **kwargs)
        result = future.result

        def handed_back(timeout: float | None = None) -> Any:
            self.handed_back += 1
            return result(timeout)

        future.result = handed_back  # type: ignore[method-assign]
        return future


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[CountingPool]:
    """Every pool that build and load_many make, counted (threads in place of processes)."""
    made: list[CountingPool] = []

    def make(max_workers: int) -> CountingPool:
        made.append(CountingPool(max_workers))
        return made[-1]

    # build and load_many import the pool class where they start one (concurrent.futures').
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", make)
    return made


def _double(numbers: list[int]) -> list[int]:
    return [2 * number for number in numbers]


# --- stream_chunks -----------------------------------------------------------------------------


def test_stream_keeps_a_few_chunks_per_worker_in_flight_and_runs_every_item() -> None:
    items = list(range(1000))
    pool = CountingPool(2)
    results: dict[int, int] = {}
    with pool:
        for start, doubled in stream_chunks(pool, _double, items, workers=2):
            for offset, value in enumerate(doubled):
                assert start + offset not in results
                results[start + offset] = value

    assert results == {item: 2 * item for item in items}
    assert pool.most_in_flight == 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    # Several items a task, not one: 1,000 items in far fewer tasks.
    assert pool.submitted < len(items) // 4


def test_stream_stops_submitting_once_asked() -> None:
    pool = CountingPool(2)
    seen: list[int] = []
    with pool:
        for start, _ in stream_chunks(
            pool, _double, list(range(1000)), workers=2, stop=lambda: bool(seen)
        ):
            seen.append(start)

    # What was already in flight comes back; nothing is submitted after the stop.
    assert len(seen) <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert pool.submitted == 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert pool.items_submitted < 1000


def _fail_on_seven(numbers: list[int]) -> list[int]:
    if 7 in numbers:
        raise ValueError("seven")
    return numbers


def test_a_task_that_raises_raises_to_the_caller_without_running_the_rest() -> None:
    pool = CountingPool(2)
    with pool, pytest.raises(ValueError, match="seven"):
        for _ in stream_chunks(pool, _fail_on_seven, list(range(1000)), workers=2):
            pass

    assert pool.items_submitted < 1000


# --- build_all -----------------------------------------------------------------------------------


def _jobs(tmp_path: Path, count: int) -> list[BuildJob]:
    return [BuildJob(tmp_path / f"{i:04d}.xlsx", tmp_path / f"{i:04d}.docx") for i in range(count)]


def _fake_render(
    job: BuildJob, options: RenderOptions, *, strict: bool = False, failing: str = ""
) -> BuildOutcome | tuple[bytes, tuple[Problem, ...]]:
    """Reading and rendering without the work: a template failure for the workbook ``failing``."""
    if job.workbook.name == failing:
        return BuildOutcome(job, False, (Problem("แม่แบบใช้ไม่ได้"),), template_failed=True)
    return b"report", ()


def _fake_write(job: BuildJob, data: bytes, problems: tuple[Problem, ...]) -> BuildOutcome:
    """Writing without the disk."""
    return BuildOutcome(job, data == b"report", problems)


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "_render", _fake_render)
    monkeypatch.setattr(build, "_write", _fake_write)


def test_build_all_streams_every_outcome_once_and_returns_them_in_job_order(
    pools: list[CountingPool], no_work: None, tmp_path: Path
) -> None:
    jobs = _jobs(tmp_path, 500)
    heard: list[BuildOutcome] = []

    outcomes = build_all(jobs, RenderOptions(), workers=2, on_done=heard.append)

    assert [outcome.job for outcome in outcomes] == jobs
    assert all(outcome.written for outcome in outcomes)
    assert sorted(outcome.job.workbook.name for outcome in heard) == [
        job.workbook.name for job in jobs
    ]
    [pool] = pools
    assert pool.most_in_flight <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert pool.submitted < len(jobs) // 4


def test_build_all_stops_at_a_template_failure_and_reports_the_rest_as_not_built(
    pools: list[CountingPool], no_work: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(build, "_render", partial(_fake_render, failing="0003.xlsx"))
    jobs = _jobs(tmp_path, 500)
    heard: list[BuildOutcome] = []

    outcomes = build_all(jobs, RenderOptions(), workers=2, on_done=heard.append)

    assert [outcome.job for outcome in outcomes] == jobs
    assert outcomes[3].template_failed
    not_built = [outcome for outcome in outcomes if not outcome.written]
    assert "ไม่ได้สร้าง — หยุดก่อนถึงไฟล์นี้" in not_built[-1].problems[0].message
    # The rest of the failing chunk and everything not yet submitted: most of the 500.
    assert outcomes[4] in not_built and outcomes[-1] in not_built
    assert len(not_built) > 400
    # on_done heard of what the workers did, once each, and never of a job not built.
    assert len(heard) == len({outcome.job for outcome in heard}) == 500 - len(not_built) + 1


def test_a_batch_in_one_process_stops_at_a_template_failure(
    no_work: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(build, "_render", partial(_fake_render, failing="0003.xlsx"))
    jobs = _jobs(tmp_path, 10)
    heard: list[BuildOutcome] = []

    outcomes = build_all(jobs, RenderOptions(), workers=1, on_done=heard.append)

    assert [outcome.written for outcome in outcomes] == [True] * 3 + [False] * 7
    assert outcomes[3].template_failed
    assert all("หยุดก่อนถึงไฟล์นี้" in outcome.problems[0].message for outcome in outcomes[4:])
    assert [outcome.job for outcome in heard] == jobs[:4]  # in the jobs' order, each once


def test_build_in_processes_an_unreadable_file_fails_alone(tmp_path: Path) -> None:
    good = write_workbook(tmp_path / "in" / "good.xlsx")
    names = ["a", "broken", "b", "missing", "c", "d", "e"]
    for name in names:
        if name not in ("broken", "missing"):
            shutil.copy(good, tmp_path / "in" / f"{name}.xlsx")
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"not a workbook at all")
    jobs = [BuildJob(tmp_path / "in" / f"{n}.xlsx", tmp_path / "out" / f"{n}.docx") for n in names]
    heard: list[BuildOutcome] = []

    outcomes = build_all(jobs, RenderOptions(), workers=2, on_done=heard.append)

    assert [outcome.job for outcome in outcomes] == jobs
    assert [outcome.written for outcome in outcomes] == [
        n not in ("broken", "missing") for n in names
    ]
    assert sorted(p.stem for p in (tmp_path / "out").iterdir()) == ["a", "b", "c", "d", "e"]
    assert "ไม่พบไฟล์" in outcomes[3].problems[0].message
    assert len(heard) == len(jobs)


def test_build_in_processes_stops_at_a_template_failure_writing_nothing(tmp_path: Path) -> None:
    template = tmp_path / "second-measure.docx"
    document = Document()
    document.add_paragraph("{{ measures[1].title }}")  # every test workbook has one measure
    document.save(str(template))
    one = write_workbook(tmp_path / "in" / "0.xlsx")
    jobs = [BuildJob(one, tmp_path / "out" / "0.docx")]
    for i in range(1, 40):
        shutil.copy(one, tmp_path / "in" / f"{i}.xlsx")
        jobs.append(BuildJob(tmp_path / "in" / f"{i}.xlsx", tmp_path / "out" / f"{i}.docx"))

    outcomes = build_all(jobs, RenderOptions(template=template), workers=2)

    assert [outcome.job for outcome in outcomes] == jobs
    assert not any(outcome.written for outcome in outcomes)
    assert any(outcome.template_failed for outcome in outcomes)
    assert "ไม่ได้สร้าง" in outcomes[-1].problems[0].message
    assert not (tmp_path / "out").exists()


def test_build_works_with_spawned_workers_as_on_windows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Windows starts workers with spawn: the task and all it carries must pickle and import."""
    spawn = partial(ProcessPoolExecutor, mp_context=multiprocessing.get_context("spawn"))
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", spawn)
    good = write_workbook(tmp_path / "a.xlsx")
    shutil.copy(good, tmp_path / "b.xlsx")
    jobs = [BuildJob(tmp_path / f"{n}.xlsx", tmp_path / "out" / f"{n}.docx") for n in "ab"]

    outcomes = build_all(jobs, RenderOptions(), workers=2)

    assert [outcome.written for outcome in outcomes] == [True, True]


# --- load_many -----------------------------------------------------------------------------------


def test_load_many_gives_every_path_once_in_order_with_a_bounded_queue(
    pools: list[CountingPool], tmp_path: Path
) -> None:
    paths = [tmp_path / f"{i:04d}.xlsx" for i in range(300)]  # none exists: each fails alone
    heard: list[Loaded] = []

    loaded = load_many(paths, workers=2, on_done=heard.append)

    assert [book.path for book in loaded] == paths
    assert sorted(book.path for book in heard) == paths
    assert all("ไม่พบไฟล์" in book.errors[0].message for book in loaded)
    [pool] = pools
    assert pool.most_in_flight <= 2 * CHUNKS_IN_FLIGHT_PER_WORKER
    assert pool.submitted < len(paths) // 4


def test_load_many_in_processes_reads_each_workbook_once_in_path_order(tmp_path: Path) -> None:
    good = write_workbook(tmp_path / "good.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"")
    paths = [good, broken, *(shutil.copy(good, tmp_path / f"{i}.xlsx") for i in range(10))]
    heard: list[Loaded] = []

    loaded = load_many(paths, strict=True, workers=2, on_done=heard.append)

    assert [book.path for book in loaded] == paths
    assert sorted(book.path for book in heard) == sorted(paths)
    assert [book.plan is not None for book in loaded] == [True, False, *[True] * 10]
    assert "ไฟล์ว่างเปล่า" in loaded[1].errors[0].message


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_tells_a_report_written_only_once_it_is_on_disk(
    tmp_path: Path, workers: int
) -> None:
    """Reports are written by a thread (of each worker) while the next is rendered: an outcome
    still says written only for a report that is there, whole, and a report that cannot be
    written (a folder of that name) fails alone, with its message."""
    good = write_workbook(tmp_path / "in" / "good.xlsx")
    names = [f"agency-{i}" for i in range(9)]
    for name in names:
        shutil.copy(good, tmp_path / "in" / f"{name}.xlsx")
    (tmp_path / "out" / "agency-4.docx").mkdir(parents=True)
    jobs = [BuildJob(tmp_path / "in" / f"{n}.xlsx", tmp_path / "out" / f"{n}.docx") for n in names]
    told: list[tuple[str, bool, bool]] = []

    def heard(outcome: BuildOutcome) -> None:
        report = outcome.job.report
        told.append((report.stem, outcome.written, report.is_file()))

    outcomes = build_all(jobs, RenderOptions(), workers=workers, on_done=heard)

    assert [outcome.written for outcome in outcomes] == [n != "agency-4" for n in names]
    assert "ชื่อนี้เป็นโฟลเดอร์" in outcomes[4].problems[-1].message
    expected = [(n, n != "agency-4", n != "agency-4") for n in names]
    assert (told if workers == 1 else sorted(told)) == expected  # in turn: in the jobs' order
    first = zipfile.ZipFile(tmp_path / "out" / "agency-0.docx").read("word/document.xml")
    for name in names:
        if name != "agency-4":
            with zipfile.ZipFile(tmp_path / "out" / f"{name}.docx") as report:
                assert report.testzip() is None
                assert report.read("word/document.xml") == first
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".~")]
