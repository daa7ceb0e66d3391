"""Everything the CLI shows people on a console: problems, ``check``'s table, ``build``'s progress.

Kept apart from the commands (``app``) so that they stay a thin layer of options, and apart from
the core so that the core never prints. JSON for scripts is in ``json_output``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ita_report.cli.wrap import Wrapped, fit_widths, measure
from ita_report.model import Problem, Severity, Status
from ita_report.periods import period_text

if TYPE_CHECKING:
    from ita_report.build import BuildOutcome
    from ita_report.read import Loaded
    from ita_report.standing import Overview, Standing

_STATUS_STYLE = {Status.IN_PROGRESS: "yellow", Status.NOT_STARTED: "red"}


def make_console(*, stderr: bool = False) -> Console:
    """A console that never fails on an encoding that has no Thai (cp1252, cp874 pipes).

    No emoji codes: a file or folder named ``:warning:`` must print as it is named (and rich's
    table of emoji codes need not be loaded).
    """
    stream = sys.stderr if stderr else sys.stdout
    never_fail_on_encoding(stream)
    return Console(file=stream, highlight=False, emoji=False, soft_wrap=not stream.isatty())


def never_fail_on_encoding(*streams: TextIO) -> None:
    """A character the stream's encoding cannot show becomes ``?``, not a UnicodeEncodeError.

    Whatever the console's encoding (a cp1252 Windows console, a cp874 pipe): ``--help`` and
    click's own usage messages print before any console exists, and they are in Thai.
    """
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def print_problems(console: Console, path: Path, problems: Iterable[Problem]) -> None:
    """One line a problem: ``ข้อผิดพลาด: plan.xlsx: มาตรการ!C4: …`` — file, cell, what to do."""
    for problem in problems:
        kind, style = (
            ("ข้อผิดพลาด", "bold red") if problem.severity is Severity.ERROR else ("คำเตือน", "yellow")
        )
        where = f"{path}: {problem.cell}: " if problem.cell else f"{path}: "
        console.print(f"[{style}]{kind}:[/] {escape(where + problem.message)}")


def print_skipped(console: Console, paths: Iterable[Path]) -> None:
    """A warning for each spreadsheet-like file a folder held that is not read."""
    from ita_report.read.files import SKIPPED

    for path in paths:
        message = SKIPPED.format(suffix=path.suffix.lower())
        console.print(f"[yellow]คำเตือน:[/] {escape(f'{path}: {message}')}")


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


def print_standing(console: Console, loaded: Loaded, state: Standing, unit: str | None) -> None:
    """The pending methods grouped by measure, then a one-line summary."""
    assert loaded.plan is not None
    agency = loaded.plan.agency
    scope = f" — เฉพาะ {unit}" if unit else ""
    console.print(
        f"[bold]{escape(agency.name)}[/] ปีงบประมาณ {agency.fiscal_year}{escape(scope)} "
        f"([dim]{escape(str(loaded.path))}[/])"
    )
    if state.pending:
        console.print(_pending_table(state, console.width))
    summary = state.summary
    overdue = state.overdue
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


#: The columns of check's table: heading, and whether its cells may wrap between words.
_PENDING_COLUMNS = (
    ("ข้อ", False),
    ("วิธีการดำเนินการ", True),
    ("ผู้รับผิดชอบ", True),
    ("ระยะเวลา", True),
    ("สถานะ", True),
)


def _pending_table(state: Standing, width: int) -> Table:
    """The pending methods grouped by measure, laid out so that no Thai word is cut in two.

    Each column is as wide as its longest line when the table fits the console; otherwise the
    width left is shared among the columns that wrap, in proportion to their text, none
    narrower than its longest word, and every cell breaks between words (``wrap``).
    """
    rows: list[list[Text]] = []
    sections: set[int] = set()
    previous = None
    for item in state.pending:
        if item.measure is not previous:
            if previous is not None:
                sections.add(len(rows) - 1)
            title = Text(f"{item.measure.no}. {item.measure.title}", style="bold")
            rows.append([Text(""), title, Text(""), Text(""), Text("")])
            previous = item.measure
        status = item.method.status
        mark = Text(status.thai, style=_STATUS_STYLE[status])
        if item.overdue:
            mark.append("\nเลยกำหนด", style="bold red")
        number = Text(f"{item.measure.no}.{item.method.no}\n")
        number.append(item.method.cell, style="dim")
        rows.append(
            [
                number,
                Text(item.method.text),
                Text(item.method.responsible),
                Text(period_text(item.method.period)),
                mark,
            ]
        )
    ranges = []
    for index, (heading, wraps) in enumerate(_PENDING_COLUMNS):
        texts = [heading, *(row[index].plain for row in rows)]
        if wraps:
            measured = [measure(text) for text in texts]
        else:
            measured = [(cell_len(max(t.split("\n"), key=cell_len)),) * 2 for t in texts]
        ranges.append((max(m[0] for m in measured), max(m[1] for m in measured)))
    # Each column has a cell of padding either side and a border line before it, and one after.
    widths = fit_widths(ranges, width - 3 * len(_PENDING_COLUMNS) - 1)
    table = Table(show_lines=False, expand=False)
    for (heading, wraps), column_width in zip(_PENDING_COLUMNS, widths, strict=True):
        table.add_column(
            Wrapped(heading) if wraps else heading, width=column_width, no_wrap=not wraps
        )
    for index, row in enumerate(rows):
        cells = [
            Wrapped(cell) if wraps else cell
            for cell, (_, wraps) in zip(row, _PENDING_COLUMNS, strict=True)
        ]
        table.add_row(*cells, end_section=index in sections)
    return table


# --- build -----------------------------------------------------------------------------------

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
        # Loaded here: check and validate never show a bar, and need not pay for it.
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as ProgressBar

        columns = (
            TextColumn("สร้างรายงาน"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        with ProgressBar(*columns, console=self.out, transient=True) as bar:
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
        for outcome in outcomes:  # the PDF step's warnings (a font substituted) come last
            pdf = str(outcome.job.report.with_suffix(".pdf"))
            late = [p for p in outcome.warnings if p.cell == pdf]
            print_problems(self.err, outcome.job.workbook, late)
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


# --- summary ---------------------------------------------------------------------------------

#: The agencies a console summary lists: the lowest shares done, one screen's worth.
LOWEST_SHOWN = 10


@contextmanager
def reading_progress(
    console: Console, total: int, *, quiet: bool
) -> Iterator[Callable[[object], None]]:
    """A bar while many workbooks are read (on a terminal, for more than one); else nothing."""
    if quiet or not console.is_terminal or total <= 1:
        yield lambda item: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
    from rich.progress import Progress as ProgressBar

    columns = (TextColumn("อ่านไฟล์"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with ProgressBar(*columns, console=console, transient=True) as bar:
        task = bar.add_task("read", total=total)
        yield lambda item: bar.advance(task)


def print_overview(console: Console, overview: Overview, written: Path) -> None:
    """One screen: the counts, the agencies furthest behind, and where the workbook is."""
    read = [row for row in overview.rows if row.summary is not None]
    methods = sum(row.summary.methods for row in read if row.summary is not None)
    done = sum(row.summary.done for row in read if row.summary is not None)
    share = f"{done / methods:.0%}" if methods else "-"
    console.print(
        f"[bold]สรุป {len(overview.rows)} หน่วยงาน[/]: อ่านได้ {len(read)}"
        f" · ไม่ถูกต้อง {len(overview.invalid)} · ไม่ได้ส่ง {len(overview.missing)}"
        f" — วิธีการทั้งหมด {methods} รายการ ดำเนินการแล้ว {share}"
        f" ค้าง {len(overview.pending)} รายการ"
    )
    behind = [row for row in overview.rows if row.summary is not None][:LOWEST_SHOWN]
    if behind:
        table = Table(title="หน่วยงานที่ดำเนินการได้น้อยที่สุด", title_justify="left")
        for heading in ("หน่วยงาน", "ดำเนินการแล้ว", "ค้าง", "เลยกำหนด"):
            table.add_column(heading, overflow="fold")
        for row in behind:
            assert row.summary is not None
            pending = row.summary.methods - row.summary.done
            table.add_row(
                escape(row.agency), f"{row.summary.share_done:.0%}", str(pending), str(row.overdue)
            )
        console.print(table)
    for row in overview.missing:
        console.print(f"[yellow]ไม่ได้ส่ง:[/] {escape(row.agency)}")
    console.print(f"[green]✓[/] {escape(str(written))}")
