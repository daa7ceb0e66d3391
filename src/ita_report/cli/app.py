"""The commands: options in, one call to the core, results out through ``console`` or JSON.

Every ``ItaError`` is caught once, in the root group, and becomes its message and exit status.
Each command imports the core it needs when it runs, so that ``--version`` and ``--help`` do not
load openpyxl and ``check`` does not load the Word stack.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from ita_report import __version__
from ita_report.cli.console import (
    make_console,
    never_fail_on_encoding,
    print_problems,
    print_skipped,
    print_standing,
    print_validation,
)
from ita_report.errors import EXIT_INVALID, ItaError
from ita_report.model import FISCAL_YEARS
from ita_report.periods import parse_day
from ita_report.render.options import Digits, RenderOptions, ReportKind
from ita_report.thai import arabic, be_year

if TYPE_CHECKING:
    from ita_report.read import Inputs


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
template_app = typer.Typer(help="แม่แบบ (เทมเพลต) Word ของรายงาน", no_args_is_help=True)
app.add_typer(template_app, name="template")

EXIT_PENDING = 1

Workbooks = Annotated[
    list[Path],
    typer.Argument(
        help="ไฟล์ Excel (.xlsx .xls) หรือ .ods หรือโฟลเดอร์ (ทุกไฟล์เหล่านี้ในโฟลเดอร์)",
        metavar="WORKBOOK",
        show_default=False,
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="ถือคำเตือนเป็นข้อผิดพลาด")]


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _year(value: str) -> int:
    """A fiscal year typed with Arabic or Thai digits, B.E. or C.E. → B.E."""
    plain = arabic(value.strip())
    year = be_year(int(plain)) if plain.isascii() and plain.isdigit() and len(plain) == 4 else 0
    if year not in FISCAL_YEARS:
        raise typer.BadParameter(f"ปีงบประมาณต้องเป็นปี พ.ศ. สี่หลัก เช่น 2568 (พบ '{value}')")
    return year


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


def _inputs(paths: list[Path], err: Console) -> Inputs:
    """The workbooks the paths name; each spreadsheet-like file passed over is named on stderr."""
    from ita_report.read import NO_WORKBOOKS, find_inputs

    inputs = find_inputs(paths)
    print_skipped(err, inputs.skipped)
    if not inputs.found:
        raise ItaError(NO_WORKBOOKS)
    return inputs


@app.command()
def validate(workbooks: Workbooks, strict: Strict = False) -> None:
    """ตรวจไฟล์ Excel ว่ากรอกครบและถูกต้อง โดยไม่สร้างรายงาน

    Example: ita-report validate plan.xlsx

    ออก 0 เมื่อถูกต้องทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    """
    from ita_report.read import load

    out, err = make_console(), make_console(stderr=True)
    invalid = 0
    for path in _inputs(workbooks, err).workbooks:
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
        typer.Argument(
            help="ไฟล์ Excel (.xlsx .xls) หรือ .ods หรือโฟลเดอร์ (ค่าเริ่มต้น plan.xlsx)",
            show_default=False,
        ),
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
    from ita_report.cli.json_output import check_json, write_json
    from ita_report.read import load
    from ita_report.standing import require_unit, standing

    day = as_of or date.today()
    out, err = make_console(), make_console(stderr=True)
    paths = _inputs(workbooks or [Path("plan.xlsx")], err).workbooks
    loaded_all = [load(path, strict=strict) for path in paths]
    plans = [loaded.plan for loaded in loaded_all if loaded.plan is not None]
    unit_problem = None
    if unit is not None:
        try:
            require_unit(plans, unit)
        except ItaError as exc:  # still show every workbook's own problems, and the JSON
            unit_problem = exc
    invalid = pending = 0
    documents = []
    for loaded in loaded_all:
        state = None if loaded.plan is None else standing(loaded.plan, as_of=day, unit=unit)
        invalid += state is None
        pending += state is not None and bool(state.pending)
        if as_json:
            documents.append(check_json(loaded, state))
            continue
        print_problems(err, loaded.path, loaded.problems)
        if state is None:
            print_validation(err, loaded)
        elif unit_problem is None:  # an unknown unit has no progress: "all done" would be false
            print_standing(out, loaded, state, unit)
    if as_json:
        write_json({"workbooks": documents})
    if unit_problem is not None:
        raise unit_problem
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if pending:
        raise typer.Exit(EXIT_PENDING)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="ไฟล์ที่จะสร้าง", metavar="PATH")] = Path("plan.xlsx"),
    agency: Annotated[
        str | None, typer.Option("--agency", help="ชื่อหน่วยงาน", show_default=False)
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            parser=_year,
            metavar="YEAR",
            help="ปีงบประมาณ พ.ศ. เช่น 2568 หรือ ๒๕๖๘",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="เขียนทับไฟล์เดิม")] = False,
) -> None:
    """สร้างไฟล์ Excel เปล่าสำหรับกรอกมาตรการของปีงบประมาณ

    Example: ita-report init plan.xlsx --agency "เทศบาลตำบลพะโต๊ะ" --year 2568
    """
    from ita_report.write.workbook import write_blank_workbook

    write_blank_workbook(path, agency=agency, fiscal_year=year, force=force)
    make_console().print(f"สร้าง {path} แล้ว — กรอกข้อมูล แล้วใช้ ita-report validate {path}")


@app.command()
def build(
    workbooks: Workbooks,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="ไฟล์รายงาน .docx (เมื่อมีไฟล์ Excel ไฟล์เดียว)", show_default=False
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir", help="โฟลเดอร์ของรายงาน (คงโครงสร้างโฟลเดอร์ย่อยไว้)", show_default=False
        ),
    ] = None,
    kind: Annotated[
        ReportKind,
        typer.Option("--kind", help="results = รายงานผล (O43), plan = มาตรการต้นปี (O42)"),
    ] = ReportKind.RESULTS,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="แม่แบบ Word ที่แก้ไขเอง (.docx)", show_default=False),
    ] = None,
    digits: Annotated[
        Digits, typer.Option("--digits", help="ตัวเลขในรายงาน: thai (๑๒๓) หรือ arabic (123)")
    ] = Digits.THAI,
    pdf: Annotated[bool, typer.Option("--pdf", help="สร้าง PDF ด้วย LibreOffice ด้วย")] = False,
    as_of: AsOf = None,
    strict: Strict = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="จำนวนโปรเซสที่ทำงานพร้อมกัน (ค่าเริ่มต้น: จำนวนคอร์)",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="พิมพ์สรุปผลเป็น JSON สำหรับสคริปต์")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="ไม่แสดงความคืบหน้า")] = False,
) -> None:
    """สร้างรายงาน Word (.docx) จากไฟล์ Excel — วางไว้ข้างไฟล์ Excel ชื่อเดียวกัน

    Example: ita-report build plan.xlsx --pdf

    ไฟล์ที่ไม่ถูกต้องจะไม่มีรายงาน และรายงานเดิมจะถูกแทนที่ด้วยรายงานใหม่ที่สมบูรณ์เท่านั้น
    ออก 0 เมื่อสร้างครบทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้องหรืออ่านไม่ได้
    """
    from ita_report.build import default_workers, plan_jobs, run_build
    from ita_report.cli.console import BuildReporter
    from ita_report.cli.json_output import build_json, write_json

    inputs = _inputs(workbooks, make_console(stderr=True)).found
    if output is not None and out_dir is not None:
        raise typer.BadParameter("ใช้ -o หรือ --out-dir อย่างใดอย่างหนึ่ง")
    if output is not None and len(inputs) > 1:
        raise typer.BadParameter("-o ใช้ได้กับไฟล์ Excel ไฟล์เดียว — ใช้ --out-dir เมื่อมีหลายไฟล์")
    jobs_list = plan_jobs(inputs, output=output, out_dir=out_dir)
    options = RenderOptions(kind=kind, digits=digits, as_of=as_of, template=template)
    report = BuildReporter(make_console(), make_console(stderr=True), quiet=quiet or as_json)
    with report.progress(len(jobs_list)) as advance:
        run = run_build(
            jobs_list,
            options,
            pdf=pdf,
            strict=strict,
            workers=jobs or default_workers(),
            on_done=advance,
        )
    if as_json:
        write_json(build_json(run))
    else:
        report.finish(run.outcomes)
        if run.pdf_error is not None:
            raise run.pdf_error
    if not run.ok:
        raise typer.Exit(EXIT_INVALID)


@template_app.command("export")
def template_export(
    directory: Annotated[Path, typer.Argument(help="โฟลเดอร์ที่จะเขียนแม่แบบ")],
    force: Annotated[bool, typer.Option("--force", help="เขียนทับแม่แบบเดิม")] = False,
) -> None:
    """เขียนแม่แบบ Word ตั้งต้น (report.docx, plan.docx) ไว้แก้ไขใน Word

    Example: ita-report template export my-templates

    แก้ไขแล้วใช้กับ: ita-report build plan.xlsx --template my-templates/report.docx
    """
    from ita_report.render import default_templates
    from ita_report.write.atomic import write_atomic

    templates = default_templates()
    existing = [directory / name for name in templates if (directory / name).exists()]
    if existing and not force:
        raise ItaError(f"มีไฟล์ {', '.join(map(str, existing))} อยู่แล้ว — ใช้ --force เพื่อเขียนทับ")
    console = make_console()
    for name, data in templates.items():
        write_atomic(directory / name, data)
        console.print(f"เขียน {escape(str(directory / name))} แล้ว")


def main() -> None:
    """Console-script entry point: streams that never fail on Thai, then the commands."""
    never_fail_on_encoding(sys.stdout, sys.stderr)
    app(prog_name="ita-report")
