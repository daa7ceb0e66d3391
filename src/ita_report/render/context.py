"""Plan + options → the variables a template sees.

The views are flat, ready-to-print values (numbered labels, period text, an overdue flag) so that
a template stays a matter of placing ``{{ }}`` tags, not of computing. ``docs/template.md``
documents every name here; keep the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from jinja2 import Template

from ita_report.model import Agency, Measure, Method, Period, Plan
from ita_report.periods import period_text
from ita_report.render.environment import make_environment, template_view
from ita_report.render.options import RenderOptions
from ita_report.render.wording import INTRO, SUMMARY, TITLE

#: Characters XML 1.0 cannot hold. The reader already drops them; a Plan built any other way
#: must not turn them into a "damaged template" error. A vertical tab is Word's own line break.
_NOT_XML: dict[int, int | None] = dict.fromkeys(
    (*range(0x00, 0x09), 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)
)
_NOT_XML[0x0B] = ord("\n")
_HAS_NOT_XML = re.compile("[" + "".join(re.escape(chr(code)) for code in _NOT_XML) + "]")

#: The ``merge`` value of a measure cell: first row of a merged cell, rows below it, no merge.
MERGE_RESTART = "restart"
MERGE_CONTINUE = "continue"
MERGE_NONE = ""


@template_view
@dataclass(frozen=True, slots=True)
class MethodView:
    no: int
    text: str
    #: ``1. จัดทำ…``: the method as the report's table shows it.
    label: str
    responsible: str
    period: str
    start: date | None
    end: date | None
    status: str
    status_text: str
    result: str
    suggestion: str
    #: The result, or the status in Thai when no result was typed (``ยังไม่ดำเนินการ``).
    outcome: str
    overdue: bool
    cell: str


@template_view
@dataclass(frozen=True, slots=True)
class MeasureView:
    no: int
    title: str
    #: ``1. การปฏิบัติหน้าที่``
    label: str
    methods: tuple[MethodView, ...]
    cell: str


@template_view
@dataclass(frozen=True, slots=True)
class RowView:
    """One table row: a method with its measure, and how the measure cell merges."""

    measure: MeasureView
    method: MethodView
    first: bool
    last: bool
    merge: str


@template_view
@dataclass(frozen=True, slots=True)
class SummaryView:
    measures: int
    methods: int
    done: int
    in_progress: int
    not_started: int
    #: Fraction of methods done, 0.0–1.0; print it with ``| percent``.
    share_done: float
    #: Methods past their end date and not done; 0 unless the report has an ``as_of`` date.
    overdue: int


def build_context(plan: Plan, options: RenderOptions) -> dict[str, Any]:
    """Every variable of a template, for this plan rendered with these options."""
    measures = tuple(_measure_view(measure, options.as_of) for measure in plan.measures)
    summary = plan.summary()
    agency = plan.agency
    context: dict[str, Any] = {
        "kind": options.kind.value,
        "agency": text(agency.name),
        "district": text(agency.district),
        "province": text(agency.province),
        "agency_line": agency_line(agency),
        "fiscal_year": agency.fiscal_year,
        "assessed_year": agency.assessed_year,
        "as_of": options.as_of,
        "measures": measures,
        "rows": _rows(measures),
        "summary": SummaryView(
            measures=summary.measures,
            methods=summary.methods,
            done=summary.done,
            in_progress=summary.in_progress,
            not_started=summary.not_started,
            share_done=summary.share_done,
            overdue=sum(method.overdue for measure in measures for method in measure.methods),
        ),
        "signer": text(agency.signer),
        "signer_position": text(agency.signer_position),
        "approver": text(agency.approver),
        "approver_position": text(agency.approver_position),
        "report_date": (
            text(agency.report_date) if isinstance(agency.report_date, str) else agency.report_date
        ),
    }
    context["title"] = " ".join(_wording(line).render(context) for line in TITLE[options.kind])
    context["intro"] = [_wording(text).render(context) for text in INTRO[options.kind]]
    context["summary_text"] = _wording(SUMMARY[options.kind]).render(context)
    return context


def text(value: str | None) -> str:
    """Workbook text as the document can hold it: ``None`` as empty, no control characters."""
    if not value:
        return ""
    return value.translate(_NOT_XML) if _HAS_NOT_XML.search(value) else value


def agency_line(agency: Agency) -> str:
    """``เทศบาลตำบลพะโต๊ะ อำเภอบ้านฝาง จังหวัดชุมพร``, not doubling a prefix the user typed."""
    parts = [text(agency.name)]
    if agency.district:
        parts.append(_prefixed(text(agency.district), "อำเภอ", ("อำเภอ", "อ.", "เขต", "กิ่งอำเภอ")))
    if agency.province:
        parts.append(
            _prefixed(text(agency.province), "จังหวัด", ("จังหวัด", "จ.", "กรุงเทพมหานคร", "กรุงเทพฯ"))
        )
    return " ".join(parts)


def _prefixed(value: str, prefix: str, already: tuple[str, ...]) -> str:
    value = value.strip()
    return value if value.startswith(already) else prefix + value


def _measure_view(measure: Measure, as_of: date | None) -> MeasureView:
    return MeasureView(
        no=measure.no,
        title=text(measure.title),
        label=f"{measure.no}. {text(measure.title)}",
        methods=tuple(_method_view(method, as_of) for method in measure.methods),
        cell=measure.cell,
    )


def _method_view(method: Method, as_of: date | None) -> MethodView:
    status_text = method.status.thai
    return MethodView(
        no=method.no,
        text=text(method.text),
        label=f"{method.no}. {text(method.text)}",
        responsible=text(method.responsible),
        period=text(_period_text(method.period)),
        start=method.period.start,
        end=method.period.end,
        status=method.status.value,
        status_text=status_text,
        result=text(method.result),
        suggestion=text(method.suggestion),
        outcome=text(method.result) or status_text,
        overdue=as_of is not None and method.is_overdue(as_of),
        cell=method.cell,
    )


def _period_text(period: Period) -> str:
    """:func:`~ita_report.periods.period_text`, its short form of two dates kept per process.

    The text of a period is as typed; two dates become ``มี.ค. – ก.ย. ๖๔``, the same few
    pairs in every workbook of a year (the last 4,096 of them are kept).
    """
    return period.text or _two_dates(period)


_two_dates = lru_cache(maxsize=4096)(period_text)


def _rows(measures: tuple[MeasureView, ...]) -> list[RowView]:
    rows: list[RowView] = []
    for measure in measures:
        count = len(measure.methods)
        for index, method in enumerate(measure.methods):
            merge = MERGE_RESTART if index == 0 else MERGE_CONTINUE
            if count == 1:
                merge = MERGE_NONE
            rows.append(RowView(measure, method, index == 0, index == count - 1, merge))
    return rows


@cache
def _wording(source: str) -> Template:
    return _ENV.from_string(source)


#: Plain text, not XML: the template escapes these values when it prints them.
_ENV = make_environment(autoescape=False)
