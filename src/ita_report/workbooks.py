"""Which files a command takes, and each one loaded to a uniform outcome.

Commands treat every workbook alike — valid, invalid, or no workbook at all — so that one bad
file in a batch never stops the others and is reported the same way whatever went wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ita_report.errors import WorkbookUnreadable
from ita_report.model import Problem, Severity
from ita_report.reader import Loaded, load_workbook

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def is_lock_file(path: Path) -> bool:
    """Office and LibreOffice leave ``~$plan.xlsx`` and ``.~lock.plan.xlsx#`` beside open files."""
    return path.name.startswith(("~$", ".~lock"))


def expand_inputs(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path as given; a folder stands for every workbook beneath it, lock files skipped."""
    for path in paths:
        if path.is_dir():
            found = (
                child
                for child in path.rglob("*")
                if child.suffix.lower() in WORKBOOK_SUFFIXES
                and child.is_file()
                and not is_lock_file(child)
            )
            yield from sorted(found)
        else:
            yield path


def load(path: Path, *, strict: bool = False) -> Loaded:
    """Load a workbook; an unreadable file becomes an outcome with one error, not an exception.

    With ``strict``, warnings count as errors and no plan is given.
    """
    try:
        loaded = load_workbook(path)
    except WorkbookUnreadable as exc:
        return Loaded(path, None, (Problem(exc.message),))
    if strict and loaded.warnings:
        strict_problems = tuple(replace(p, severity=Severity.ERROR) for p in loaded.problems)
        return Loaded(path, None, strict_problems)
    return loaded


def with_layout(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Each workbook with the path ``--out-dir`` puts its report under, keeping folder layout.

    A workbook found in a folder argument keeps its path below that folder; a file argument is
    placed by its name alone.
    """
    for argument in paths:
        if argument.is_dir():
            for path in expand_inputs([argument]):
                yield path, path.relative_to(argument)
        else:
            yield argument, Path(argument.name)
