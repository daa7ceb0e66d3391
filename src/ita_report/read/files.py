"""Which files a command takes: the workbooks named, and every workbook under a folder named.

A folder is walked for .xlsx, .xlsm, .xls and .ods files (a province's batch holds all four),
skipping the lock files Office and LibreOffice leave beside an open file. A file that looks like
a spreadsheet but is none of those (a .csv export, an .xlsb) is named, never skipped in silence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
#: Files that look like a spreadsheet but are not read: each is named in a warning.
OTHER_SPREADSHEET_SUFFIXES = (
    ".csv", ".tsv", ".xlsb", ".xlt", ".xltx", ".xltm", ".ots", ".fods", ".numbers", ".et", ".ett",
)  # fmt: skip
#: What a command says when the paths it was given hold no workbook.
NO_WORKBOOKS = "ไม่พบไฟล์ Excel (.xlsx, .xlsm, .xls) หรือ LibreOffice (.ods) ในโฟลเดอร์ที่ระบุ"
#: What is said of a spreadsheet-like file in a folder that is not read.
SKIPPED = (
    "ข้ามไฟล์นี้ เพราะไม่ใช่เวิร์กบุ๊กที่อ่านได้ ({suffix}) — เปิดใน Excel หรือ LibreOffice Calc"
    " แล้วบันทึกเป็น .xlsx ไว้ในโฟลเดอร์เดียวกัน"
)


def is_lock_file(path: Path) -> bool:
    """Office and LibreOffice leave ``~$plan.xlsx`` and ``.~lock.plan.xlsx#`` beside open files."""
    return path.name.startswith(("~$", ".~lock"))


@dataclass(frozen=True)
class Inputs:
    """The workbooks a command takes, and the spreadsheet-like files it passes over."""

    #: Each workbook with the path ``--out-dir`` puts its report under (folder layout kept).
    found: list[tuple[Path, Path]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)

    @property
    def workbooks(self) -> list[Path]:
        return [path for path, _ in self.found]


def find_inputs(paths: Iterable[Path]) -> Inputs:
    """Each path as given; a folder stands for every workbook beneath it, in sorted order.

    A workbook found in a folder argument keeps its path below that folder; a file argument is
    taken as given (whatever its name: its content says what it is) and placed by its name.
    """
    inputs = Inputs()
    for argument in paths:
        if not argument.is_dir():
            inputs.found.append((argument, Path(argument.name)))
            continue
        for child in sorted(argument.rglob("*")):
            suffix = child.suffix.lower()
            if is_lock_file(child) or not child.is_file():
                continue
            if suffix in WORKBOOK_SUFFIXES:
                inputs.found.append((child, child.relative_to(argument)))
            elif suffix in OTHER_SPREADSHEET_SUFFIXES:
                inputs.skipped.append(child)
    return inputs
