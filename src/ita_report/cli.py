"""The command line: options in, one call to the core, results out. Nothing else lives here.

Every ``ItaError`` is caught once, in :func:`main`, and becomes its message and exit status.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from typer.core import TyperGroup

from ita_report import __version__
from ita_report.console import make_console, print_problems, print_progress, print_validation
from ita_report.errors import EXIT_INVALID, ItaError
from ita_report.periods import parse_day
from ita_report.workbooks import expand_inputs, load


class _Commands(TyperGroup):
    """The root group: the one place where an ItaError becomes its message and exit status."""

    # typer vendors click and exposes its Context only under a private name; ours is that one.
    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ItaError as exc:
            make_console(stderr=True).print(f"[bold red]ข้อผิดพลาด:[/] {escape(str(exc))}")
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_Commands,
    name="ita-report",
    help="รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) จากไฟล์ Excel ไฟล์เดียว",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
template_app = typer.Typer(help="เทมเพลต Word ของรายงาน", no_args_is_help=True)
app.add_typer(template_app, name="template")

EXIT_PENDING = 1

Workbooks = Annotated[
    list[Path],
    typer.Argument(help="ไฟล์ .xlsx หรือโฟลเดอร์ (ทุกไฟล์ .xlsx ในโฟลเดอร์)", show_default=False),
]
Strict = Annotated[bool, typer.Option("--strict", help="ถือคำเตือนเป็นข้อผิดพลาด")]


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ita-report {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="แสดงรุ่นของโปรแกรม")
    ] = False,
) -> None:
    """รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) จากไฟล์ Excel ไฟล์เดียว"""


def _inputs(paths: list[Path]) -> list[Path]:
    found = list(expand_inputs(paths))
    if not found:
        raise ItaError("ไม่พบไฟล์ .xlsx ในโฟลเดอร์ที่ระบุ")
    return found


@app.command()
def validate(workbooks: Workbooks, strict: Strict = False) -> None:
    """ตรวจไฟล์ Excel ว่ากรอกครบและถูกต้อง โดยไม่สร้างรายงาน

    Example: ita-report validate plan.xlsx

    ออก 0 เมื่อถูกต้องทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    """
    out, err = make_console(), make_console(stderr=True)
    invalid = 0
    for path in _inputs(workbooks):
        loaded = load(path, strict=strict)
        print_problems(err, path, loaded.problems)
        print_validation(out, loaded)
        invalid += loaded.plan is None
    if invalid:
        raise typer.Exit(EXIT_INVALID)


@app.command()
def check(
    workbooks: Annotated[
        list[Path] | None,
        typer.Argument(help="ไฟล์ .xlsx หรือโฟลเดอร์ (ค่าเริ่มต้น plan.xlsx)", show_default=False),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="เฉพาะวิธีการที่หน่วยงานนี้รับผิดชอบ", show_default=False)
    ] = None,
    as_of: AsOf = None,
    as_json: Annotated[bool, typer.Option("--json", help="พิมพ์ผลเป็น JSON สำหรับสคริปต์")] = False,
    strict: Strict = False,
) -> None:
    """แสดงวิธีการที่ยังไม่เสร็จ (อยู่ระหว่างดำเนินการ หรือ ยังไม่ดำเนินการ) และที่เลยกำหนด

    Example: ita-report check plan.xlsx --unit งานพัสดุ --as-of 31/3/2564

    ออก 0 เมื่อเสร็จทุกรายการ, 1 เมื่อยังมีรายการค้าง, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    """
    from ita_report.pending import progress, workbook_json

    day = as_of or date.today()
    out, err = make_console(), make_console(stderr=True)
    invalid = pending = 0
    documents = []
    for path in _inputs(workbooks or [Path("plan.xlsx")]):
        loaded = load(path, strict=strict)
        invalid += loaded.plan is None
        if as_json:
            documents.append(workbook_json(loaded, as_of=day, unit=unit, display_path=str(path)))
            if loaded.plan is not None:
                pending += bool(progress(loaded.plan, as_of=day, unit=unit).pending)
            continue
        print_problems(err, path, loaded.problems)
        if loaded.plan is None:
            print_validation(err, loaded)
            continue
        state = progress(loaded.plan, as_of=day, unit=unit)
        pending += bool(state.pending)
        print_progress(out, loaded, state, unit)
    if as_json:
        text = json.dumps({"workbooks": documents}, ensure_ascii=False, indent=2)
        sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
        sys.stdout.flush()
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if pending:
        raise typer.Exit(EXIT_PENDING)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="ไฟล์ที่จะสร้าง")] = Path("plan.xlsx"),
    agency: Annotated[
        str | None, typer.Option("--agency", help="ชื่อหน่วยงาน", show_default=False)
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="ปีงบประมาณ พ.ศ. เช่น 2568", show_default=False)
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="เขียนทับไฟล์เดิม")] = False,
) -> None:
    """สร้างไฟล์ Excel เปล่าสำหรับกรอกมาตรการของปีงบประมาณ

    Example: ita-report init plan.xlsx --agency "เทศบาลตำบลพะโต๊ะ" --year 2568
    """
    from ita_report.init_workbook import write_blank_workbook
    from ita_report.thai import be_year

    write_blank_workbook(
        path, agency=agency, fiscal_year=be_year(year) if year else None, force=force
    )
    make_console().print(f"สร้าง {path} แล้ว — กรอกข้อมูล แล้วใช้ ita-report validate {path}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="ita-report")
