"""Which files a command takes: the workbooks named, and every workbook under a folder named."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ita_report.errors import ItaError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: What a command says when the paths it was given hold no workbook.
NO_WORKBOOKS = "ไม่พบไฟล์ .xlsx ในโฟลเดอร์ที่ระบุ"


def is_lock_file(path: Path) -> bool:
    """Office and LibreOffice leave ``~$plan.xlsx`` and ``.~lock.plan.xlsx#`` beside open files."""
    return path.name.startswith(("~$", ".~lock"))


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Each path as given; a folder stands for every workbook beneath it, lock files skipped.

    Raises ItaError when that leaves no workbook at all.
    """
    found = [path for path, _ in with_layout(paths)]
    if not found:
        raise ItaError(NO_WORKBOOKS)
    return found


def with_layout(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """Each workbook with the path ``--out-dir`` puts its report under, keeping folder layout.

    A workbook found in a folder argument keeps its path below that folder, and the folder is
    walked in sorted order; a file argument is taken as given and placed by its name alone.
    """
    for argument in paths:
        if not argument.is_dir():
            yield argument, Path(argument.name)
            continue
        found = (
            child
            for child in argument.rglob("*")
            if child.suffix.lower() in WORKBOOK_SUFFIXES
            and child.is_file()
            and not is_lock_file(child)
        )
        for path in sorted(found):
            yield path, path.relative_to(argument)
