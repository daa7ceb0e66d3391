"""Where a workbook stands on a day: the methods not yet done, and which of them are overdue.

This is what ``check`` computes (SPEC §2); how it is shown — a table, or the JSON of §2.1 — is
the command line's business (:mod:`ita_report.cli.output`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ita_report.errors import ItaError
from ita_report.labels import did_you_mean
from ita_report.model import Measure, Method, Plan, Status, Summary
from ita_report.thai import normalise_label


@dataclass(frozen=True)
class PendingMethod:
    measure: Measure
    method: Method
    overdue: bool


@dataclass(frozen=True)
class Standing:
    """One workbook's standing on a day, optionally for one unit only."""

    summary: Summary
    pending: tuple[PendingMethod, ...]

    @property
    def overdue(self) -> int:
        return sum(item.overdue for item in self.pending)


def names_unit(method: Method, unit: str) -> bool:
    """Whether the method's responsible value (``งานการเจ้าหน้าที่/งานนิติการ``) names ``unit``."""
    wanted = normalise_label(unit)
    return any(normalise_label(part) == wanted for part in method.units)


def require_unit(plans: Iterable[Plan], unit: str) -> None:
    """Refuse a ``--unit`` that names no method at all: "all done" would be a false answer.

    Raises ItaError with the closest unit the workbooks do name.
    """
    known = {
        normalise_label(name): name for plan in plans for m in plan.methods for name in m.units
    }
    if not known or normalise_label(unit) in known:
        return
    raise ItaError(f"ไม่พบหน่วยงาน '{unit}' ในคอลัมน์ผู้รับผิดชอบของไฟล์ที่ตรวจ{did_you_mean(unit, known)}")


def standing(plan: Plan, *, as_of: date, unit: str | None = None) -> Standing:
    """Methods not done, in sheet order; the summary counts the methods in scope (the unit's)."""
    measures: list[Measure] = []
    for measure in plan.measures:
        methods = tuple(m for m in measure.methods if unit is None or names_unit(m, unit))
        if methods:
            measures.append(Measure(measure.no, measure.title, methods, measure.cell))
    scoped = Plan(plan.source, plan.agency, tuple(measures), plan.units)
    pending = tuple(
        PendingMethod(measure, method, method.is_overdue(as_of))
        for measure in scoped.measures
        for method in measure.methods
        if method.status is not Status.DONE
    )
    return Standing(scoped.summary(), pending)
