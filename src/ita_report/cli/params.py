"""What the commands share: their arguments and options, and the workbooks they take.

Parsing a value a user typed (a date, a fiscal year) is done here, once, so that every command
accepts the same forms and refuses the rest with the same Thai message.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ita_report.cli.console import print_skipped
from ita_report.errors import ItaError
from ita_report.model import FISCAL_YEARS
from ita_report.periods import parse_day
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


Workbooks = Annotated[
    list[Path],
    typer.Argument(
        help="ไฟล์ Excel (.xlsx .xls) หรือ .ods หรือโฟลเดอร์ (ทุกไฟล์เหล่านี้ในโฟลเดอร์)",
        metavar="WORKBOOK",
        show_default=False,
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="ถือคำเตือนเป็นข้อผิดพลาด")]
AsOf = Annotated[
    date | None,
    typer.Option(
        "--as-of",
        parser=_day,
        metavar="DATE",
        help="ข้อมูล ณ วันที่ (2021-03-31 หรือ 31/3/2564)",
        show_default=False,
    ),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="จำนวนโปรเซสที่ทำงานพร้อมกัน (ค่าเริ่มต้น: จำนวนคอร์)",
        show_default=False,
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
