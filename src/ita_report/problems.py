"""Collect every problem of a workbook in one pass, each tied to its ``SHEET!CELL``."""

from __future__ import annotations

from dataclasses import dataclass, field

from ita_report.model import Problem, Severity


@dataclass
class Problems:
    """Errors and warnings in the order found; a reader keeps going after each."""

    items: list[Problem] = field(default_factory=list)

    def error(self, cell: str | None, message: str) -> None:
        self.items.append(Problem(message, cell, Severity.ERROR))

    def warning(self, cell: str | None, message: str) -> None:
        self.items.append(Problem(message, cell, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]
