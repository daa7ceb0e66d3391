"""Everything the CLI shows people: problems on stderr, progress tables on stdout.

Kept apart from ``cli.py`` so that the commands stay a thin layer of options, and apart from the
core so that the core never prints.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ita_report.model import Problem, Severity, Status

if TYPE_CHECKING:
    from ita_report.pending import Progress
    from ita_report.reader import Loaded

_STATUS_STYLE = {Status.IN_PROGRESS: "yellow", Status.NOT_STARTED: "red"}


def make_console(*, stderr: bool = False) -> Console:
    """A console that never fails on an encoding that has no Thai (cp1252, cp874 pipes)."""
    stream = sys.stderr if stderr else sys.stdout
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return Console(file=stream, highlight=False, soft_wrap=not stream.isatty())


def print_problems(console: Console, path: Path, problems: Iterable[Problem]) -> None:
    """One line a problem: ``ข้อผิดพลาด: plan.xlsx: มาตรการ!C4: …`` — file, cell, what to do."""
    for problem in problems:
        kind, style = (
            ("ข้อผิดพลาด", "bold red") if problem.severity is Severity.ERROR else ("คำเตือน", "yellow")
        )
        where = f"{path}: {problem.cell}: " if problem.cell else f"{path}: "
        console.print(f"[{style}]{kind}:[/] {escape(where + problem.message)}")


def print_validation(console: Console, loaded: Loaded) -> None:
    if loaded.plan is None:
        console.print(
            f"[bold red]✗[/] {escape(str(loaded.path))}: ไม่ผ่านการตรวจ ({len(loaded.errors)} ข้อผิดพลาด)"
        )
        return
    summary = loaded.plan.summary()
    console.print(
        f"[green]✓[/] {escape(str(loaded.path))}: ถูกต้อง — {escape(loaded.plan.agency.name)}, "
        f"มาตรการ {summary.measures} ข้อ, วิธีการ {summary.methods} รายการ"
    )


def print_progress(console: Console, loaded: Loaded, state: Progress, unit: str | None) -> None:
    """The pending methods grouped by measure, then a one-line summary."""
    from ita_report.pending import period_text

    assert loaded.plan is not None
    agency = loaded.plan.agency
    scope = f" — เฉพาะ {unit}" if unit else ""
    console.print(
        f"[bold]{escape(agency.name)}[/] ปีงบประมาณ {agency.fiscal_year}{escape(scope)} "
        f"([dim]{escape(str(loaded.path))}[/])"
    )
    if state.pending:
        table = Table(show_lines=False, expand=False)
        table.add_column("ข้อ", no_wrap=True)
        table.add_column("วิธีการดำเนินการ", ratio=3, overflow="fold")
        table.add_column("ผู้รับผิดชอบ", ratio=1, overflow="fold")
        table.add_column("ระยะเวลา", no_wrap=True)
        table.add_column("สถานะ", ratio=1, overflow="fold")
        previous = None
        for item in state.pending:
            if item.measure is not previous:
                if previous is not None:
                    table.add_section()
                table.add_row("", f"[bold]{escape(f'{item.measure.no}. {item.measure.title}')}[/]")
                previous = item.measure
            status = item.method.status
            mark = f"[{_STATUS_STYLE[status]}]{status.thai}[/]"
            if item.overdue:
                mark += "\n[bold red]เลยกำหนด[/]"
            table.add_row(
                f"{item.measure.no}.{item.method.no}\n[dim]{escape(item.method.cell)}[/]",
                escape(item.method.text),
                escape(item.method.responsible),
                escape(period_text(item.method)),
                mark,
            )
        console.print(table)
    summary = state.summary
    overdue = sum(item.overdue for item in state.pending)
    line = (
        f"วิธีการ {summary.methods} รายการ: ดำเนินการแล้ว {summary.done} · "
        f"อยู่ระหว่างดำเนินการ {summary.in_progress} · ยังไม่ดำเนินการ {summary.not_started} "
        f"(เสร็จ {summary.share_done:.0%})"
    )
    if state.pending:
        line += f" — ค้าง {len(state.pending)} รายการ"
        if overdue:
            line += f", [bold red]เลยกำหนด {overdue}[/]"
    else:
        line += " — [green]ดำเนินการครบทุกรายการแล้ว[/]"
    console.print(line)
