"""Many workbooks read at once, in worker processes: a province's hundreds, for ``summary``.

Reading is most of what a summary costs, and each workbook is read on its own, so the work is
spread over the cores as ``build`` spreads its own. The outcomes come back in the order of the
paths, whatever order the workers finish in, so that the same folder gives the same summary.
A pool has at most 61 workers on Windows (:func:`pool_size`), where more raise ValueError.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ita_report.read.workbook import Loaded, load

#: The most worker processes a pool may have on Windows: it waits on the workers with
#: WaitForMultipleObjects, 64 handles at most, three of them its own; ProcessPoolExecutor
#: raises ValueError above 61 (``-j 64``, or the default on a 64-core server).
WINDOWS_MAX_WORKERS = 61


def pool_size(workers: int, tasks: int) -> int:
    """How many worker processes to start: no more than asked, than tasks, or than Windows allows."""
    size = max(1, min(workers, tasks))
    return min(size, WINDOWS_MAX_WORKERS) if sys.platform == "win32" else size


def load_many(
    paths: Sequence[Path],
    *,
    strict: bool = False,
    workers: int = 1,
    on_done: Callable[[Loaded], None] = lambda loaded: None,
) -> list[Loaded]:
    """Every workbook loaded (an unreadable one as an outcome with its error), in path order."""
    if workers <= 1 or len(paths) <= 1:
        outcomes = []
        for path in paths:
            outcomes.append(load(path, strict=strict))
            on_done(outcomes[-1])
        return outcomes
    # In chunks, a few per worker: one task per workbook would cost more in passing tasks and
    # results between processes than reading a small workbook does.
    size = max(1, min(32, len(paths) // (workers * 4)))
    chunks = [list(paths[start : start + size]) for start in range(0, len(paths), size)]
    found: dict[int, list[Loaded]] = {}
    with ProcessPoolExecutor(max_workers=pool_size(workers, len(chunks))) as pool:
        futures = {pool.submit(_load_chunk, chunk, strict): i for i, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            found[futures[future]] = future.result()
            for loaded in found[futures[future]]:
                on_done(loaded)
    return [loaded for index in range(len(chunks)) for loaded in found[index]]


def _load_chunk(paths: list[Path], strict: bool) -> list[Loaded]:
    return [load(path, strict=strict) for path in paths]
