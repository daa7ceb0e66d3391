"""What ``check`` reports: methods not yet done, overdue marks, and the JSON of SPEC §2.1."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ita_report.errors import ItaError
from ita_report.model import Measure, Method, Plan, Problem, Status, Summary
from ita_report.periods import format_period
from ita_report.reader import Loaded
from ita_report.thai import normalise_label


@dataclass(frozen=True)
class PendingMethod:
    measure: Measure
    method: Method
    overdue: bool


@dataclass(frozen=True)
class Progress:
    """One workbook's standing on a day, optionally for one unit only."""

    summary: Summary
    pending: tuple[PendingMethod, ...]


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
    close = difflib.get_close_matches(normalise_label(unit), list(known), n=1, cutoff=0.6)
    hint = f" — หมายถึง {known[close[0]]} หรือไม่?" if close else ""
    raise ItaError(f"ไม่พบหน่วยงาน '{unit}' ในคอลัมน์ผู้รับผิดชอบของไฟล์ที่ตรวจ{hint}")


def progress(plan: Plan, *, as_of: date, unit: str | None = None) -> Progress:
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
    return Progress(scoped.summary(), pending)


def period_text(method: Method) -> str:
    """The period as the report shows it: typed text, else formatted from the dates."""
    return method.period.text or format_period(method.period.start, method.period.end)


def workbook_json(loaded: Loaded, state: Progress | None, *, display_path: str) -> dict[str, Any]:
    """One workbook's entry in ``check --json`` (SPEC §2.1); ``state`` is None when invalid."""
    entry: dict[str, Any] = {
        "path": display_path,
        "agency": None,
        "fiscal_year": None,
        "summary": None,
        "pending": [],
        "errors": [_problem_json(p) for p in loaded.errors],
        "warnings": [_problem_json(p) for p in loaded.warnings],
    }
    if loaded.plan is None or state is None:
        return entry
    entry["agency"] = loaded.plan.agency.name
    entry["fiscal_year"] = loaded.plan.agency.fiscal_year
    entry["summary"] = {
        "measures": state.summary.measures,
        "methods": state.summary.methods,
        "done": state.summary.done,
        "in_progress": state.summary.in_progress,
        "not_started": state.summary.not_started,
    }
    entry["pending"] = [
        {
            "measure_no": item.measure.no,
            "measure": item.measure.title,
            "method_no": item.method.no,
            "method": item.method.text,
            "responsible": item.method.responsible,
            "period": period_text(item.method),
            "start": _iso(item.method.period.start),
            "end": _iso(item.method.period.end),
            "status": item.method.status.value,
            "overdue": item.overdue,
            "cell": item.method.cell,
        }
        for item in state.pending
    ]
    return entry


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _problem_json(problem: Problem) -> dict[str, str | None]:
    return {"cell": problem.cell, "message": problem.message}
