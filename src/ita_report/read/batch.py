"""Many workbooks read at once, in worker processes: a province's hundreds, for ``summary``.

Reading is most of what a summary costs, and each workbook is read on its own, so the work is
spread over the cores as ``build`` spreads its own. The outcomes come back in the order of the
paths, whatever order the workers finish in, so that the same folder gives the same summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ita_report.read.workbook import Loaded, load


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
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        futures = {pool.submit(_load_chunk, chunk, strict): i for i, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            found[futures[future]] = future.result()
            for loaded in found[futures[future]]:
                on_done(loaded)
    return [loaded for index in range(len(chunks)) for loaded in found[index]]


def _load_chunk(paths: list[Path], strict: bool) -> list[Loaded]:
    return [load(path, strict=strict) for path in paths]
