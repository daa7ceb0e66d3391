"""Where a workbook stands on a day: the methods not yet done, and which of them are overdue.

This is what ``check`` computes (SPEC §2), and, over many agencies, what ``summary`` computes
for the office above them (:func:`overview`). How it is shown — a table, the JSON of §2.1, a
summary workbook — is the business of ``cli`` and ``write``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ita_report.errors import ItaError
from ita_report.labels import ITA_INDICATORS, did_you_mean
from ita_report.model import Measure, Method, Plan, Problem, Severity, Status, Summary
from ita_report.thai import normalise_label


#: A method not yet done, with its measure, and whether its end date has passed.
class PendingMethod(NamedTuple):
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
    """Whether the method's responsible value (``งานการเจ้าหน้าที่/งานนิติการ``) names ``unit``,
    or all units (``ทุกกอง``: the unit shares the method)."""
    wanted = normalise_label(unit)
    return any(normalise_label(part) in (wanted, *ALL_UNITS) for part in method.units)


def require_unit(plans: Iterable[Plan], unit: str) -> None:
    """Refuse a ``--unit`` that names no method at all: "all done" would be a false answer.

    Raises ItaError with the closest unit the workbooks do name.
    """
    plans = list(plans)
    known = {
        normalise_label(name): name
        for plan in plans
        for name in (*plan.units, *(unit for m in plan.methods for unit in m.units))
        if normalise_label(name) not in ALL_UNITS
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


# --- many agencies at once: the office above them (``summary``) --------------------------------

#: ``ทุกกอง`` in the responsible column: every unit shares the method (SPEC §2 ``check --unit``).
ALL_UNITS = frozenset(
    normalise_label(name) for name in ("ทุกงาน", "ทุกกอง", "ทุกส่วนราชการ", "ทุกหน่วยงาน")
)


@dataclass(frozen=True)
class AgencyStanding:
    """One row of the summary: a workbook read, a workbook that could not be, or one not sent."""

    agency: str
    path: Path | None = None
    district: str | None = None
    province: str | None = None
    fiscal_year: int | None = None
    summary: Summary | None = None
    overdue: int = 0
    #: The share done of each ITA indicator (1–10) the agency has measures for.
    indicators: dict[int, float] = field(default_factory=dict)
    #: Why there are no figures: the workbook's first error, or that none was sent.
    problem: str | None = None
    #: A roster was given and this agency is not on it.
    unlisted: bool = False

    @property
    def share_done(self) -> float | None:
        return self.summary.share_done if self.summary is not None else None


@dataclass(frozen=True)
class Overview:
    """Every agency's standing, lowest share done first, and every pending method by agency."""

    rows: tuple[AgencyStanding, ...]
    pending: tuple[tuple[AgencyStanding, PendingMethod], ...]
    as_of: date

    @property
    def missing(self) -> tuple[AgencyStanding, ...]:
        return tuple(row for row in self.rows if row.path is None)

    @property
    def invalid(self) -> tuple[AgencyStanding, ...]:
        return tuple(row for row in self.rows if row.path is not None and row.summary is None)


def indicator_of(title: str) -> int | None:
    """The ITA indicator (1–10, SPEC §3) a measure stands for, by its title, if it is one."""
    typed = normalise_label(title)
    for number, name in _INDICATORS:
        if typed == name:
            return number
    for number, name in _INDICATORS:
        if name in typed:
            return number
    return None


def overview(
    workbooks: Sequence[tuple[Path, Plan | None, Sequence[Problem]]],
    *,
    as_of: date,
    roster: Sequence[str] | None = None,
) -> Overview:
    """The standing of every workbook, with the agencies of ``roster`` that sent none."""
    rows: list[AgencyStanding] = []
    pending: list[tuple[AgencyStanding, PendingMethod]] = []
    listed = {normalise_label(name): name for name in roster or ()}
    sent: set[str] = set()
    for path, plan, problems in workbooks:
        if plan is None:
            first = next((str(p) for p in problems if p.severity is Severity.ERROR), None)
            rows.append(AgencyStanding(path.stem, path, problem=first or "อ่านไม่ได้"))
            continue
        agency = plan.agency
        key = normalise_label(agency.name)
        sent.add(key)
        state = standing(plan, as_of=as_of)
        row = AgencyStanding(
            agency.name,
            path,
            agency.district,
            agency.province,
            agency.fiscal_year,
            state.summary,
            state.overdue,
            _indicators(plan),
            unlisted=roster is not None and key not in listed,
        )
        rows.append(row)
        pending.extend((row, item) for item in state.pending)
    rows.extend(
        AgencyStanding(name, problem=NOT_SENT) for key, name in listed.items() if key not in sent
    )
    rows.sort(key=_lowest_first)
    order = {id(row): index for index, row in enumerate(rows)}
    pending.sort(key=lambda item: order[id(item[0])])
    return Overview(tuple(rows), tuple(pending), as_of)


#: What the summary says of an agency on the roster that sent no workbook.
NOT_SENT = "ไม่ได้ส่ง"

_INDICATORS = tuple(
    (number, normalise_label(name)) for number, name in enumerate(ITA_INDICATORS, 1)
)


def _indicators(plan: Plan) -> dict[int, float]:
    done: dict[int, list[bool]] = {}
    for measure in plan.measures:
        number = indicator_of(measure.title)
        if number is not None:
            done.setdefault(number, []).extend(m.status is Status.DONE for m in measure.methods)
    return {number: sum(flags) / len(flags) for number, flags in sorted(done.items()) if flags}


def _lowest_first(row: AgencyStanding) -> tuple[int, float, str]:
    """Not sent, then unreadable, then by share done, lowest first; then by name."""
    if row.path is None:
        return (0, 0.0, row.agency)
    if row.summary is None:
        return (1, 0.0, row.agency)
    return (2, row.summary.share_done, row.agency)
