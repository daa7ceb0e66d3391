"""What a caller can ask of one rendering: the kind of report, its digits, a progress date, a template.

Kept apart from the renderer so that the CLI can build options without importing docx machinery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path


class ReportKind(StrEnum):
    """Which ITA document is written; the value is what ``--kind`` accepts."""

    #: How the measures went during the year (ITA item O43 in 2564–2566): all six columns.
    RESULTS = "results"
    #: The measures published at the start of the year (O42): no result or suggestion column.
    PLAN = "plan"


class Digits(StrEnum):
    """Which digits the whole document is written in; the value is what ``--digits`` accepts."""

    THAI = "thai"
    ARABIC = "arabic"


@dataclass(frozen=True)
class RenderOptions:
    """Everything about one report that does not come from the workbook."""

    kind: ReportKind = ReportKind.RESULTS
    digits: Digits = Digits.THAI
    #: A progress report: the date the data stands at; methods past their end are marked overdue.
    as_of: date | None = None
    #: A user's edited copy of a template; None uses the default template of ``kind``.
    template: Path | None = None
