"""What ``build`` shows while it runs and when it is done: progress, failures, or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from ita_report.build import BuildOutcome
from ita_report.console import print_problems

#: How many of a failed workbook's errors the closing table shows; all are printed as they come.
FIRST_ERRORS = 3


class BuildReporter:
    """Progress on a terminal (a bar), plain lines elsewhere, nothing when quiet."""

    def __init__(self, out: Console, err: Console, *, quiet: bool) -> None:
        self.out = out
        self.err = err
        self.quiet = quiet

    @contextmanager
    def progress(self, total: int) -> Iterator[Callable[[BuildOutcome], None]]:
        """A callback to call with each finished outcome."""
        if self.quiet:
            yield lambda outcome: None
            return
        if not self.out.is_terminal or total == 1:
            yield self._line
            return
        columns = (
            TextColumn("สร้างรายงาน"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=self.out, transient=True) as bar:
            task = bar.add_task("build", total=total, rate="")

            def advance(outcome: BuildOutcome) -> None:
                self._problems(outcome)
                bar.advance(task)
                speed = bar.tasks[0].speed
                bar.update(task, rate=f"{speed:.1f} ไฟล์/วินาที" if speed else "")

            yield advance

    def _line(self, outcome: BuildOutcome) -> None:
        self._problems(outcome)
        if outcome.written:
            self.out.print(f"[green]✓[/] {escape(str(outcome.job.report))}")
        else:
            self.out.print(f"[bold red]✗[/] {escape(str(outcome.job.workbook))}: ไม่ได้สร้างรายงาน")

    def _problems(self, outcome: BuildOutcome) -> None:
        print_problems(self.err, outcome.job.workbook, outcome.problems)

    def finish(self, outcomes: list[BuildOutcome]) -> None:
        """A closing summary: the count, and a table of failures with their first errors."""
        if self.quiet:
            return
        failed = [o for o in outcomes if not o.written]
        written = len(outcomes) - len(failed)
        if len(outcomes) > 1 or failed:
            line = f"สร้างรายงาน {written} จาก {len(outcomes)} ไฟล์"
            self.out.print(line + (f" — [bold red]ไม่สำเร็จ {len(failed)} ไฟล์[/]" if failed else ""))
        if failed and len(outcomes) > 1:
            table = Table(title="ไฟล์ที่ไม่ได้สร้างรายงาน", title_justify="left")
            table.add_column("ไฟล์ Excel", overflow="fold")
            table.add_column("ข้อผิดพลาดแรก", overflow="fold")
            for outcome in failed:
                errors = outcome.errors
                lines = [str(problem) for problem in errors[:FIRST_ERRORS]]
                if len(errors) > FIRST_ERRORS:
                    lines.append(f"… และอีก {len(errors) - FIRST_ERRORS} รายการ")
                table.add_row(escape(str(outcome.job.workbook)), escape("\n".join(lines)))
            self.err.print(table)


def build_json(outcomes: list[BuildOutcome], *, pdf: bool, pdf_problem: Exception | None) -> str:
    """``build --json``: each workbook with its outputs, errors and warnings."""
    entries: list[dict[str, Any]] = []
    for outcome in outcomes:
        outputs = []
        if outcome.written:
            outputs.append(str(outcome.job.report))
            if pdf and pdf_problem is None:
                outputs.append(str(outcome.job.report.with_suffix(".pdf")))
        entries.append(
            {
                "path": str(outcome.job.workbook),
                "written": outcome.written,
                "outputs": outputs,
                "errors": [{"cell": p.cell, "message": p.message} for p in outcome.errors],
                "warnings": [{"cell": p.cell, "message": p.message} for p in outcome.warnings],
            }
        )
    document: dict[str, Any] = {"workbooks": entries}
    if pdf_problem is not None:
        document["pdf_error"] = str(pdf_problem)
    return json.dumps(document, ensure_ascii=False, indent=2)
