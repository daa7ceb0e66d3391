"""Collect every problem of a workbook in one pass, each tied to its ``SHEET!CELL``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_report.model import HasProblems, Problem, Severity


@dataclass
class Problems(HasProblems):
    """Errors and warnings in the order found; a reader keeps going after each."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, cell: str | None, message: str) -> None:
        self.problems.append(Problem(message, cell, Severity.ERROR))

    def warning(self, cell: str | None, message: str) -> None:
        self.problems.append(Problem(message, cell, Severity.WARNING))
