"""The commands: options in, one call to the core, results out through ``console`` or JSON.

Every ``ItaError`` is caught once, in the root group, and becomes its message and exit status;
every usage error becomes a Thai one there too (``thai_click``). Each command imports the core
it needs when it runs, so that ``--version`` and ``--help`` do not load openpyxl and ``check``
does not load the Word stack.

No ``from __future__ import annotations`` here: typer reads each command's annotations on every
run, and as strings it compiles and evaluates every one of them twice, 4 ms of each command's
start. Evaluated once at import, they are only read.
"""

import atexit
import os
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from ita_report import version_line
from ita_report.cli import cycle
from ita_report.cli.console import (
    make_console,
    never_fail_on_encoding,
    print_problems,
    print_standing,
    print_validation,
)
from ita_report.cli.params import (
    AsOf,
    Jobs,
    Quiet,
    Strict,
    Workbooks,
    choice_option,
    parse_digits,
    parse_kind,
    valued_option,
    workbook_inputs,
)
from ita_report.cli.thai_click import ThaiCommand, ThaiGroup
from ita_report.errors import EXIT_INVALID, ItaError
from ita_report.render.options import Digits, RenderOptions, ReportKind


class _Commands(ThaiGroup):
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
    context_settings={"help_option_names": ["-h", "--help"]},
)
template_app = typer.Typer(
    cls=ThaiGroup,
    help="แม่แบบ (เทมเพลต) Word ของรายงาน",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(template_app, name="template")

EXIT_PENDING = 1


def _version(value: bool) -> None:
    if value:
        typer.echo(version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="แสดงรุ่นของโปรแกรม")
    ] = False,
) -> None:
    """รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA) จากไฟล์ Excel ไฟล์เดียว"""


@app.command(cls=ThaiCommand)
def validate(workbooks: Workbooks, strict: Strict = False) -> None:
    """ตรวจไฟล์ Excel ว่ากรอกครบและถูกต้อง โดยไม่สร้างรายงาน

    ตัวอย่าง: ita-report validate plan.xlsx

    ออก 0 เมื่อถูกต้องทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    """
    from ita_report.read import load

    out, err = make_console(), make_console(stderr=True)
    invalid = 0
    for path in workbook_inputs(workbooks, err).workbooks:
        loaded = load(path, strict=strict)
        print_problems(err, path, loaded.problems)
        print_validation(out, loaded)
        invalid += loaded.plan is None
    if invalid:
        raise typer.Exit(EXIT_INVALID)


@app.command(cls=ThaiCommand, short_help="แสดงวิธีการที่ยังไม่เสร็จ และที่เลยกำหนด")
def check(
    workbooks: Annotated[
        list[Path] | None,
        typer.Argument(
            help="ไฟล์ Excel (.xlsx .xlsm .xls) หรือ .ods หรือโฟลเดอร์ที่มีไฟล์เหล่านี้",
            metavar="ไฟล์",
            show_default="plan.xlsx",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        valued_option("--unit", metavar="หน่วยงาน", help="เฉพาะวิธีการที่หน่วยงานนี้รับผิดชอบ"),
    ] = None,
    as_of: AsOf = None,
    as_json: Annotated[bool, typer.Option("--json", help="พิมพ์ผลเป็น JSON สำหรับสคริปต์")] = False,
    strict: Strict = False,
) -> None:
    """แสดงวิธีการที่ยังไม่เสร็จ (อยู่ระหว่างดำเนินการ หรือ ยังไม่ดำเนินการ) และที่เลยกำหนด

    ตัวอย่าง: ita-report check plan.xlsx --unit งานพัสดุ --as-of 31/3/2564

    ออก 0 เมื่อเสร็จทุกรายการ, 1 เมื่อยังมีรายการค้าง, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    """
    from ita_report.read import load
    from ita_report.standing import require_unit, standing

    day = as_of or date.today()
    out, err = make_console(), make_console(stderr=True)
    paths = workbook_inputs(workbooks or [Path("plan.xlsx")], err).workbooks
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
        if as_json:  # json_output loads the build's modules too: only for --json
            from ita_report.cli.json_output import check_json

            documents.append(check_json(loaded, state))
            continue
        print_problems(err, loaded.path, loaded.problems)
        if state is None:
            print_validation(err, loaded)
        elif unit_problem is None:  # an unknown unit has no progress: "all done" would be false
            print_standing(out, loaded, state, unit)
    if as_json:
        from ita_report.cli.json_output import write_json

        write_json({"workbooks": documents})
    if unit_problem is not None:
        raise unit_problem
    if invalid:
        raise typer.Exit(EXIT_INVALID)
    if pending:
        raise typer.Exit(EXIT_PENDING)


app.command(cls=ThaiCommand, short_help="สร้างไฟล์ Excel สำหรับกรอก — เปล่า หรือยกมาจากปีที่แล้ว")(
    cycle.init
)


@app.command(cls=ThaiCommand, short_help="สร้างรายงาน Word (และ PDF) จากไฟล์ Excel")
def build(
    workbooks: Workbooks,
    output: Annotated[
        Path | None,
        valued_option(
            "-o", "--output", metavar="ไฟล์.docx", help="ไฟล์รายงาน (เมื่อมีไฟล์ Excel ไฟล์เดียว)"
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        valued_option(
            "--out-dir", metavar="โฟลเดอร์", help="โฟลเดอร์ของรายงาน (คงโครงสร้างโฟลเดอร์ย่อยไว้)"
        ),
    ] = None,
    kind: Annotated[
        ReportKind,
        choice_option(
            "--kind",
            parse_kind,
            metavar="ผล|แผน",
            help="ผล = รายงานผลการดำเนินการ (O43), แผน = มาตรการต้นปี (O42); ใช้ results|plan ก็ได้",
            shown="ผล",
        ),
    ] = ReportKind.RESULTS,
    template: Annotated[
        Path | None,
        valued_option("--template", metavar="ไฟล์.docx", help="แม่แบบ Word ที่แก้ไขเอง"),
    ] = None,
    digits: Annotated[
        Digits,
        choice_option(
            "--digits",
            parse_digits,
            metavar="ไทย|อารบิก",
            help="ตัวเลขในรายงาน: ไทย (๑๒๓) หรือ อารบิก (123); ใช้ thai|arabic ก็ได้",
            shown="ไทย",
        ),
    ] = Digits.THAI,
    pdf: Annotated[bool, typer.Option("--pdf", help="สร้าง PDF ด้วย LibreOffice ด้วย")] = False,
    as_of: AsOf = None,
    strict: Strict = False,
    jobs: Jobs = None,
    as_json: Annotated[bool, typer.Option("--json", help="พิมพ์สรุปผลเป็น JSON สำหรับสคริปต์")] = False,
    quiet: Quiet = False,
) -> None:
    """สร้างรายงาน Word (.docx) จากไฟล์ Excel — วางไว้ข้างไฟล์ Excel ชื่อเดียวกัน

    ตัวอย่าง: ita-report build plan.xlsx --pdf

    ไฟล์ที่ไม่ถูกต้องจะไม่มีรายงาน และรายงานเดิมจะถูกแทนที่ด้วยรายงานใหม่ที่สมบูรณ์เท่านั้น
    ออก 0 เมื่อสร้างครบทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้องหรืออ่านไม่ได้
    """
    from ita_report.build import default_workers, plan_jobs, run_build
    from ita_report.cli.console import BuildReporter

    inputs = workbook_inputs(workbooks, make_console(stderr=True)).found
    if output is not None and out_dir is not None:
        raise typer.BadParameter("ใช้ -o หรือ --out-dir อย่างใดอย่างหนึ่ง")
    if output is not None and len(inputs) > 1:
        raise typer.BadParameter("-o ใช้ได้กับไฟล์ Excel ไฟล์เดียว — ใช้ --out-dir เมื่อมีหลายไฟล์")
    jobs_list = plan_jobs(inputs, output=output, out_dir=out_dir)
    del inputs  # each workbook's two paths, not kept through a batch of thousands
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
        from ita_report.cli.json_output import build_json, write_json

        write_json(build_json(run))
    else:
        report.finish(run.outcomes)
        if run.pdf_error is not None:
            raise run.pdf_error
    if not run.ok:
        raise typer.Exit(EXIT_INVALID)


app.command(cls=ThaiCommand, short_help="สรุปความคืบหน้าของหลายหน่วยงานเป็นไฟล์ Excel")(cycle.summary)


@template_app.command("export", cls=ThaiCommand)
def template_export(
    directory: Annotated[
        Path, typer.Argument(metavar="โฟลเดอร์", help="โฟลเดอร์ที่จะเขียนแม่แบบ", show_default=False)
    ],
    force: Annotated[bool, typer.Option("--force", help="เขียนทับแม่แบบเดิม")] = False,
) -> None:
    """เขียนแม่แบบ Word ตั้งต้น (report.docx, plan.docx) ไว้แก้ไขใน Word

    ตัวอย่าง: ita-report template export my-templates

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
    """Console-script entry point: streams that never fail on Thai, then the commands.

    A command that has finished leaves the process at once (:func:`exit_now`) instead of letting
    the interpreter free every module and object one by one: that teardown cost ``check`` and a
    one-workbook ``build`` 25-30 ms, a tenth of their time, for what the system does anyway.
    """
    never_fail_on_encoding(sys.stdout, sys.stderr)
    try:
        app(prog_name="ita-report")
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            exit_now(done.code or 0)
        raise


def exit_now(code: int) -> None:
    """Leave with ``code`` now: exit handlers run, module teardown is skipped.

    Only the console script calls this (tests run ``app`` in-process and never get here), and only
    once the command is over: every file it wrote was closed by ``write_atomic``, and every pool
    of worker processes was shut down by its ``with`` block. The exit handlers still run (they
    stop what ``multiprocessing`` left behind), the streams are flushed, and a thread still
    running, or a stream that cannot be flushed (a closed pipe), gets the ordinary exit, with the
    interpreter's usual message and status.
    """
    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)
