"""What the commands share: their arguments and options, and the workbooks they take.

Parsing a value a user typed (a date, a fiscal year, a number of processes, a report kind) is
done here, once, so that every command accepts the same forms, Thai ones included (``--kind
แผน``, ``--digits อารบิก``, ``-j ๔``), and refuses the rest with the same Thai message. Every
argument and option that takes a value has a Thai placeholder (``ไฟล์``, ``วันที่``), so that
the help shows no placeholder of click's own (``<int range>``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from ita_report.cli.console import print_skipped
from ita_report.errors import ItaError
from ita_report.model import FISCAL_YEARS
from ita_report.periods import parse_day
from ita_report.render.options import Digits, ReportKind
from ita_report.thai import arabic, be_year

if TYPE_CHECKING:
    from ita_report.read import Inputs


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def parse_year(value: str) -> int:
    """A fiscal year typed with Arabic or Thai digits, B.E. or C.E. → B.E."""
    plain = arabic(value.strip())
    year = be_year(int(plain)) if plain.isascii() and plain.isdigit() and len(plain) == 4 else 0
    if year not in FISCAL_YEARS:
        raise typer.BadParameter(f"ปีงบประมาณต้องเป็นปี พ.ศ. สี่หลัก เช่น 2568 (พบ '{value}')")
    return year


#: What ``--kind`` and ``--digits`` accept: Thai first (what the help shows), then English.
KINDS: dict[ReportKind, tuple[str, ...]] = {
    ReportKind.RESULTS: ("ผล", "results"),
    ReportKind.PLAN: ("แผน", "plan"),
}
DIGITS: dict[Digits, tuple[str, ...]] = {
    Digits.THAI: ("ไทย", "thai"),
    Digits.ARABIC: ("อารบิก", "arabic", "อารบิค"),
}


Choice = TypeVar("Choice", ReportKind, Digits)


def _choice(value: object, names: dict[Choice, tuple[str, ...]]) -> Choice:
    for choice, spellings in names.items():
        if value is choice or str(value).strip().casefold() in spellings:
            return choice
    allowed = " หรือ ".join(spellings[0] for spellings in names.values())
    english = ", ".join(spellings[1] for spellings in names.values())
    raise typer.BadParameter(f"ไม่รู้จัก '{value}' — ใช้ {allowed} (หรือ {english})")


def parse_kind(value: str | ReportKind) -> ReportKind:
    """``--kind``: ผล or แผน (results or plan)."""
    return _choice(value, KINDS)


def parse_digits(value: str | Digits) -> Digits:
    """``--digits``: ไทย or อารบิก (thai or arabic)."""
    return _choice(value, DIGITS)


def parse_jobs(value: str | int) -> int:
    """``--jobs``: a whole number of processes, 1 or more, in Arabic or Thai digits."""
    plain = arabic(str(value).strip())
    if not (plain.isascii() and plain.isdigit() and int(plain) >= 1):
        raise typer.BadParameter(f"ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป เช่น -j 4 (พบ '{value}')")
    return int(plain)


def valued_option(
    *names: str, metavar: str, help: str, parser: Callable[[str], Any] | None = None
) -> Any:
    """An option that takes a value and shows no default: its names, Thai placeholder and help."""
    return typer.Option(*names, parser=parser, metavar=metavar, help=help, show_default=False)


def choice_option(
    flag: str, parser: Callable[[str], Any], *, metavar: str, help: str, shown: str
) -> Any:
    """An option that takes one of a few words (``--kind ผล|แผน``), its default shown as ``shown``."""
    return typer.Option(flag, parser=parser, metavar=metavar, help=help, show_default=shown)


Workbooks = Annotated[
    list[Path],
    typer.Argument(
        help="ไฟล์ Excel (.xlsx .xlsm .xls) หรือ .ods หรือโฟลเดอร์ที่มีไฟล์เหล่านี้",
        metavar="ไฟล์",
        show_default=False,
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="ถือคำเตือนเป็นข้อผิดพลาด")]
AsOf = Annotated[
    date | None,
    valued_option(
        "--as-of", parser=_day, metavar="วันที่", help="ข้อมูล ณ วันที่ (31/3/2564 หรือ 2021-03-31)"
    ),
]
Jobs = Annotated[
    int | None,
    valued_option(
        "--jobs",
        "-j",
        parser=parse_jobs,
        metavar="จำนวน",
        help="จำนวนโปรเซสที่ทำงานพร้อมกัน (ค่าเริ่มต้น: จำนวนคอร์ของเครื่อง)",
    ),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="ไม่แสดงความคืบหน้า")]


def workbook_inputs(paths: list[Path], err: Console) -> Inputs:
    """The workbooks the paths name; each spreadsheet-like file passed over is named on stderr."""
    from ita_report.read import NO_WORKBOOKS, find_inputs

    inputs = find_inputs(paths)
    print_skipped(err, inputs.skipped)
    if not inputs.found:
        raise ItaError(NO_WORKBOOKS)
    return inputs
