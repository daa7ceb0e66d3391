"""The commands around the yearly cycle: ``init`` (a new workbook, or next year's from this
year's) and ``summary`` (many agencies' progress in one workbook for the office above them).

They are registered on the root group by ``app``, in the order ``--help`` lists them.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ita_report.cli.console import make_console, print_overview, print_problems, reading_progress
from ita_report.cli.params import (
    AsOf,
    Jobs,
    Quiet,
    Strict,
    Workbooks,
    parse_year,
    valued_option,
    workbook_inputs,
)
from ita_report.errors import EXIT_INVALID, ItaError


def init(
    path: Annotated[
        Path, typer.Argument(help="ไฟล์ Excel ที่จะสร้าง", metavar="ไฟล์", show_default="plan.xlsx")
    ] = Path("plan.xlsx"),
    agency: Annotated[
        str | None,
        valued_option("--agency", metavar="ชื่อ", help="ชื่อหน่วยงาน"),
    ] = None,
    year: Annotated[
        int | None,
        valued_option(
            "--year",
            parser=parse_year,
            metavar="ปี",
            help="ปีงบประมาณ พ.ศ. เช่น 2568 หรือ ๒๕๖๘ (กับ --from ค่าเริ่มต้นคือปีถัดไป)",
        ),
    ] = None,
    source: Annotated[
        Path | None,
        valued_option(
            "--from",
            metavar="ไฟล์ปีก่อน",
            help="ไฟล์ของปีที่แล้ว (.xlsx .xls .ods): ยกมาตรการ วิธีการ และผู้รับผิดชอบมาเป็นปีถัดไป",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="เขียนทับไฟล์เดิม")] = False,
) -> None:
    """สร้างไฟล์ Excel สำหรับกรอกมาตรการของปีงบประมาณ — เปล่า หรือยกมาจากไฟล์ของปีที่แล้ว

    ตัวอย่าง: ita-report init plan.xlsx --agency "เทศบาลตำบลพะโต๊ะ" --year 2568

    ตัวอย่าง: ita-report init plan-2569.xlsx --from plan-2568.xlsx

    กับ --from: ระยะเวลาเลื่อนไปหนึ่งปี สถานะ ผล และข้อเสนอแนะว่างไว้สำหรับปีใหม่
    และวิธีการที่ยังไม่เสร็จในปีที่แล้วมีหมายเหตุในเซลล์บอกไว้
    """
    console = make_console()
    if source is None:
        from ita_report.write.workbook import write_blank_workbook

        write_blank_workbook(path, agency=agency, fiscal_year=year, force=force)
        console.print(f"สร้าง {path} แล้ว — กรอกข้อมูล แล้วใช้ ita-report validate {path}")
        return
    if agency is not None:
        raise typer.BadParameter("ใช้ --agency กับ --from ไม่ได้ — ชื่อหน่วยงานยกมาจากไฟล์ของปีที่แล้ว")
    from ita_report.read import load
    from ita_report.write.rollover import write_rolled_workbook
    from ita_report.write.workbook import refuse_existing

    refuse_existing(path, force=force)
    last = load(source)
    print_problems(make_console(stderr=True), source, last.problems)
    if last.plan is None:
        raise ItaError(
            f"ไฟล์ของปีที่แล้วยังไม่ถูกต้อง จึงไม่ได้สร้าง {path} — แก้ตามข้อผิดพลาดข้างบน แล้วสั่งอีกครั้ง",
            source,
        )
    rolled = write_rolled_workbook(path, last.plan, fiscal_year=year, force=force)
    summary = last.plan.summary()
    carried = summary.methods - summary.done
    console.print(
        f"สร้าง {path} แล้ว — ปีงบประมาณ {rolled}: มาตรการ {summary.measures} ข้อ"
        f" วิธีการ {summary.methods} รายการ จาก {source}"
        + (f"; ยังไม่เสร็จในปีที่แล้ว {carried} รายการ (มีหมายเหตุในเซลล์)" if carried else "")
    )


def summary(
    workbooks: Workbooks,
    output: Annotated[
        Path,
        valued_option("-o", "--output", metavar="ไฟล์.xlsx", help="ไฟล์สรุปที่จะสร้าง"),
    ],
    roster: Annotated[
        Path | None,
        valued_option(
            "--roster",
            metavar="ไฟล์",
            help="รายชื่อหน่วยงานที่ต้องส่ง (.csv หรือ .xlsx คอลัมน์แรก): บอกหน่วยงานที่ยังไม่ได้ส่ง",
        ),
    ] = None,
    as_of: AsOf = None,
    strict: Strict = False,
    jobs: Jobs = None,
    quiet: Quiet = False,
) -> None:
    """สรุปความคืบหน้าของหลายหน่วยงานเป็นไฟล์ Excel ไฟล์เดียว สำหรับจังหวัดหรือกระทรวง

    ตัวอย่าง: ita-report summary agencies/ -o summary.xlsx --roster roster.csv

    มีชีตสรุปรายหน่วยงาน (ร้อยละที่ดำเนินการแล้ว น้อยที่สุดก่อน) ชีตวิธีการที่ยังไม่เสร็จ
    ชีตตามตัวชี้วัด ITA และแผนภูมิ; ออก 0 เมื่ออ่านได้ทุกไฟล์, 2 เมื่อมีไฟล์ที่ไม่ถูกต้อง
    (ไฟล์สรุปยังถูกสร้าง)
    """
    from ita_report.build import default_workers
    from ita_report.read.batch import load_many
    from ita_report.read.roster import read_roster
    from ita_report.standing import overview
    from ita_report.write.summary import write_summary_workbook

    if output.suffix.lower() != ".xlsx":
        raise typer.BadParameter(f"ไฟล์สรุปต้องเป็น .xlsx (ได้ {output}) — เช่น -o summary.xlsx")
    err = make_console(stderr=True)
    paths = workbook_inputs(workbooks, err).workbooks
    names = read_roster(roster) if roster is not None else None
    with reading_progress(make_console(), len(paths), quiet=quiet) as advance:
        loaded = load_many(paths, strict=strict, workers=jobs or default_workers(), on_done=advance)
    for book in loaded:
        if book.plan is None:
            print_problems(err, book.path, book.errors[:1])
    # What was read lives until the workbook is written: frozen, it is not walked again each
    # time the collector runs among the summary's new cells (a tenth of the writing at 1,000).
    gc.freeze()
    try:
        standing = overview(
            [(book.path, book.plan, book.problems) for book in loaded],
            as_of=as_of or date.today(),
            roster=names,
        )
        write_summary_workbook(output, standing)
    finally:
        gc.unfreeze()
    print_overview(make_console(), standing, output)
    if standing.invalid:
        raise typer.Exit(EXIT_INVALID)
