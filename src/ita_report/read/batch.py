"""Many workbooks handled at once, in worker processes: a province's hundreds, a country's 8,000.

Reading is most of what a summary costs, and each workbook is read on its own, so the work is
spread over the cores as ``build`` spreads its own. The outcomes come back in the order of the
paths, whatever order the workers finish in, so that the same folder gives the same summary.

How the work reaches the workers (:func:`stream_chunks`, shared with ``build``):

- in *chunks* of several workbooks a task: one task per small workbook would cost more in
  passing tasks and results between processes than reading it does;
- a *bounded* number of chunks in flight, a few per worker, more submitted as results come
  back: submitting the whole country at once made the parent hold a future, a task and a
  result for every workbook, and its memory grew with the folder (39 MiB for 500 workbooks,
  71 MiB for 8,000); it also meant that an error could not stop the run before every queued
  task had run;
- results *streamed*: each chunk's results are handed over as it finishes (for progress).

Everything submitted must pickle and every task must be a module-level function: Windows starts
its workers with ``spawn`` (a fresh interpreter that imports the task by name). A pool has at
most 61 workers on Windows (:func:`pool_size`), where more raise ValueError.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ita_report.read.workbook import Loaded, load

if TYPE_CHECKING:  # a pool is imported where one is started: one workbook needs none
    from concurrent.futures import Executor, Future

#: The most worker processes a pool may have on Windows: it waits on the workers with
#: WaitForMultipleObjects, 64 handles at most, three of them its own; ProcessPoolExecutor
#: raises ValueError above 61 (``-j 64``, or the default on a 64-core server).
WINDOWS_MAX_WORKERS = 61

#: Chunks submitted and not yet back, per worker: one running and one waiting keeps every worker
#: busy while a result travels back, and the parent's memory does not grow with the folder.
CHUNKS_IN_FLIGHT_PER_WORKER = 2

#: The most workbooks in one chunk. Beyond a few, a bigger chunk saves nothing measurable (the
#: cost of a task is paid once per chunk) and makes progress move in bigger jumps.
MOST_PER_CHUNK = 16

#: Chunks per worker at least, when the batch is small enough that chunks get smaller than
#: MOST_PER_CHUNK: so that the last chunks end close together and no worker idles long at the end.
LEAST_CHUNKS_PER_WORKER = 4

Item = TypeVar("Item")
Result = TypeVar("Result")


def available_cores() -> int:
    """The cores this process may use (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS
        return os.cpu_count() or 1


def pool_size(workers: int, tasks: int) -> int:
    """How many worker processes to start: no more than asked, than tasks, or than Windows allows."""
    size = max(1, min(workers, tasks))
    return min(size, WINDOWS_MAX_WORKERS) if sys.platform == "win32" else size


def chunk_size(items: int, workers: int) -> int:
    """How many items a task carries: at most MOST_PER_CHUNK, and enough chunks for every worker."""
    return max(1, min(MOST_PER_CHUNK, items // (max(1, workers) * LEAST_CHUNKS_PER_WORKER)))


def stream_chunks(
    pool: Executor,
    task: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    *,
    workers: int,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[int, list[Result]]]:
    """Run ``task`` over ``items`` in chunks on ``pool``; yield (index of its first item, results).

    Chunks are yielded as they finish, in any order; at most ``workers`` ×
    CHUNKS_IN_FLIGHT_PER_WORKER are submitted and not yet yielded at any time. Once ``stop()``
    is true, nothing more is submitted and the chunks not yet started are cancelled; those
    already running are still yielded, because what they did (a report written) must be told.
    An exception raised by a task is raised here, after the chunks not started are cancelled.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    size = chunk_size(len(items), workers)
    chunks = ((start, list(items[start : start + size])) for start in range(0, len(items), size))
    limit = max(1, workers) * CHUNKS_IN_FLIGHT_PER_WORKER
    pending: dict[Future[list[Result]], int] = {}
    try:
        while True:
            if stop():
                for future in pending:
                    future.cancel()
                pending = {f: start for f, start in pending.items() if not f.cancelled()}
            else:
                for start, chunk in islice(chunks, limit - len(pending)):
                    pending[pool.submit(task, chunk)] = start
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=pending.__getitem__):
                yield pending.pop(future), future.result()
    finally:
        for future in pending:
            future.cancel()


def map_chunked(
    task: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    *,
    workers: int,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[int, Result]]:
    """Each item's index and result, computed by ``task`` over chunks in worker processes.

    The one way a batch is spread over processes (build's and summary's): a pool of
    :func:`pool_size` workers fed by :func:`stream_chunks`, results in the order chunks finish.
    """
    from concurrent.futures import ProcessPoolExecutor  # not imported for one workbook

    size = pool_size(workers, len(items))  # also what stream_chunks keeps in flight
    with ProcessPoolExecutor(max_workers=pool_size(workers, len(items))) as pool:
        for start, results in stream_chunks(pool, task, items, workers=size, stop=stop):
            for offset, result in enumerate(results):
                yield start + offset, result


def load_many(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    workers: int = 1,
    on_done: Callable[[Loaded], None] = lambda loaded: None,
) -> list[Loaded]:
    """Every workbook loaded (an unreadable one as an outcome with its error), in path order.

    ``on_done`` hears of each workbook as its chunk comes back. The plans are all kept: the
    summary is made of them.
    """
    if workers <= 1 or len(paths) <= 1:
        outcomes = []
        for path in paths:
            outcomes.append(load(path, strict=strict))
            on_done(outcomes[-1])
        return outcomes
    found: list[Loaded | None] = [None] * len(paths)
    for index, loaded in map_chunked(partial(_load_chunk, strict=strict), paths, workers=workers):
        found[index] = loaded
        on_done(loaded)
    assert None not in found  # nothing stops a summary: every chunk came back
    return [loaded for loaded in found if loaded is not None]


def _load_chunk(paths: list[Path], *, strict: bool) -> list[Loaded]:
    """One task: a chunk of workbooks read in a worker (module level, so that spawn finds it)."""
    return [load(path, strict=strict) for path in paths]
