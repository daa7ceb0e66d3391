"""JSON for scripts: ``check --json`` (SPEC §2.1) and ``build --json``, written as UTF-8 bytes.

The documents are written to stdout's bytes, not through a console: Thai stays unescaped and
whole whatever the console's encoding (a cp874 pipe on Windows would otherwise turn it to ``?``).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from ita_report.build import BuildRun
from ita_report.model import Problem
from ita_report.periods import period_text
from ita_report.read import Loaded
from ita_report.standing import Standing


def write_json(document: dict[str, Any]) -> None:
    """One JSON document on stdout, UTF-8, Thai unescaped, indented for people who read it."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def problem_json(problem: Problem) -> dict[str, str | None]:
    """An error or a warning: the cell it names (or null) and the message."""
    return {"cell": problem.cell, "message": problem.message}


def check_json(loaded: Loaded, state: Standing | None) -> dict[str, Any]:
    """One workbook's entry in ``check --json`` (SPEC §2.1); ``state`` is None when invalid."""
    entry: dict[str, Any] = {
        "path": str(loaded.path),
        "agency": None,
        "fiscal_year": None,
        "summary": None,
        "pending": [],
        "errors": [problem_json(p) for p in loaded.errors],
        "warnings": [problem_json(p) for p in loaded.warnings],
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
            "period": period_text(item.method.period),
            "start": _iso(item.method.period.start),
            "end": _iso(item.method.period.end),
            "status": item.method.status.value,
            "overdue": item.overdue,
            "cell": item.method.cell,
        }
        for item in state.pending
    ]
    return entry


def build_json(run: BuildRun) -> dict[str, Any]:
    """``build --json``: each workbook with its outputs, errors and warnings."""
    entries: list[dict[str, Any]] = []
    for outcome in run.outcomes:
        outputs = []
        if outcome.written:
            outputs.append(str(outcome.job.report))
            if run.pdf and run.pdf_error is None:
                outputs.append(str(outcome.job.report.with_suffix(".pdf")))
        entries.append(
            {
                "path": str(outcome.job.workbook),
                "written": outcome.written,
                "outputs": outputs,
                "errors": [problem_json(p) for p in outcome.errors],
                "warnings": [problem_json(p) for p in outcome.warnings],
            }
        )
    document: dict[str, Any] = {"workbooks": entries}
    if run.pdf_error is not None:
        document["pdf_error"] = str(run.pdf_error)
    if run.pdf:
        document["pdf_warnings"] = [
            {"path": str(path), "message": message} for path, message in run.pdf_warnings
        ]
    return document


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
