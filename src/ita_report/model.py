"""The typed model of one agency's workbook: what the reader produces and the renderer consumes.

Everything here is immutable and already validated; text is exactly as the user typed it, less
the numbering the tool recognised (it is re-generated) and characters Word cannot hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class Status(StrEnum):
    """How far a method has got; the value is the English key used in JSON."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"

    @property
    def thai(self) -> str:
        """The Thai label, as typed in the workbook's status column."""
        return _STATUS_THAI[self]


_STATUS_THAI = {
    Status.DONE: "ดำเนินการแล้ว",
    Status.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    Status.NOT_STARTED: "ยังไม่ดำเนินการ",
}


_UNIT_SEPARATORS = re.compile(r"[/,]")


def split_units(responsible: str) -> tuple[str, ...]:
    """The units a responsible value names: ``งานการเจ้าหน้าที่/งานนิติการ`` → both (SPEC §1.3)."""
    return tuple(part.strip() for part in _UNIT_SEPARATORS.split(responsible) if part.strip())


#: The fiscal years (B.E.) a workbook can sensibly be for; 256 or 25640 is a typo.
FISCAL_YEARS = range(2500, 2700)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a workbook, pointing at the cell (``มาตรการ!C4``) or sheet at fault."""

    message: str
    cell: str | None = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.cell}: {self.message}" if self.cell else self.message


class HasProblems:
    """Errors and warnings of anything that carries ``problems`` in the order found."""

    problems: tuple[Problem, ...] | list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


@dataclass
class ProblemLog(HasProblems):
    """Errors and warnings in the order found; a reader keeps going after each."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, cell: str | None, message: str) -> None:
        self.problems.append(Problem(message, cell, Severity.ERROR))

    def warning(self, cell: str | None, message: str) -> None:
        self.problems.append(Problem(message, cell, Severity.WARNING))


@dataclass(frozen=True)
class Agency:
    """The agency sheet. Years are Buddhist era (B.E.)."""

    name: str
    fiscal_year: int
    assessed_year: int
    district: str | None = None
    province: str | None = None
    signer: str | None = None
    signer_position: str | None = None
    report_date: date | str | None = None
    #: ผู้อนุมัติ: the head of the agency, who signs under the reporter (optional).
    approver: str | None = None
    approver_position: str | None = None

    @property
    def fiscal_start(self) -> date:
        """1 October of the previous C.E. year: Thai fiscal year N runs Oct N-1 to Sep N."""
        return date(self.fiscal_year - 543 - 1, 10, 1)

    @property
    def fiscal_end(self) -> date:
        return date(self.fiscal_year - 543, 9, 30)


@dataclass(frozen=True)
class Period:
    """When a method runs: the text as typed (if any) and the dates it stands for (if known)."""

    text: str | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class Method:
    """One row of the measures sheet: a way the measure is carried out."""

    no: int
    text: str
    responsible: str
    period: Period
    status: Status
    result: str = ""
    suggestion: str = ""
    #: Where the method's text sits, e.g. ``มาตรการ!B14``; reported by ``check``.
    cell: str = ""

    @property
    def units(self) -> tuple[str, ...]:
        return split_units(self.responsible)

    def is_overdue(self, as_of: date) -> bool:
        """Not done and its end date has passed."""
        end = self.period.end
        return self.status is not Status.DONE and end is not None and end < as_of


@dataclass(frozen=True)
class Measure:
    """A measure (มาตรการ/แนวทาง) and the methods under it, in sheet order."""

    no: int
    title: str
    methods: tuple[Method, ...]
    cell: str = ""


@dataclass(frozen=True)
class Summary:
    measures: int
    methods: int
    done: int
    in_progress: int
    not_started: int

    @property
    def share_done(self) -> float:
        """Fraction of methods done, 0.0 when there are none."""
        return self.done / self.methods if self.methods else 0.0


@dataclass(frozen=True)
class Plan:
    """One agency's workbook, read and validated."""

    source: Path
    agency: Agency
    measures: tuple[Measure, ...]
    units: tuple[str, ...] = ()

    @property
    def methods(self) -> tuple[Method, ...]:
        return tuple(method for measure in self.measures for method in measure.methods)

    def summary(self) -> Summary:
        statuses = [method.status for method in self.methods]
        return Summary(
            measures=len(self.measures),
            methods=len(statuses),
            done=statuses.count(Status.DONE),
            in_progress=statuses.count(Status.IN_PROGRESS),
            not_started=statuses.count(Status.NOT_STARTED),
        )
