"""What a caller can ask of one rendering: the kind of report, its digits, a progress date, a template.

Kept apart from the renderer so that the CLI can build options without importing docx machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from ita_report import package_file
from ita_report.errors import seconds_setting

#: Seconds a template may take to evaluate for one report. The default templates take well
#: under a second even for thousands of methods; only a template that loops runs into this.
DEFAULT_RENDER_TIMEOUT = 60.0
#: Environment variable that sets another limit, in seconds (``ITA_REPORT_RENDER_TIMEOUT=300``).
RENDER_TIMEOUT_ENV = "ITA_REPORT_RENDER_TIMEOUT"


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


def default_render_timeout() -> float:
    """The render timeout: ``ITA_REPORT_RENDER_TIMEOUT`` if set, else 60 seconds.

    Raises ItaError for a value that is not a positive number of seconds: a typo must neither
    remove the limit silently nor make every report fail with a misleading message.
    """
    seconds = seconds_setting(
        RENDER_TIMEOUT_ENV,
        example=120,
        otherwise=f"เพื่อใช้ค่าเริ่มต้น {DEFAULT_RENDER_TIMEOUT:g} วินาที",
    )
    return DEFAULT_RENDER_TIMEOUT if seconds is None else seconds


@dataclass(frozen=True)
class RenderOptions:
    """Everything about one report that does not come from the workbook."""

    kind: ReportKind = ReportKind.RESULTS
    digits: Digits = Digits.THAI
    #: A progress report: the date the data stands at; methods past their end are marked overdue.
    as_of: date | None = None
    #: A user's edited copy of a template; None uses the default template of ``kind``.
    template: Path | None = None
    #: Seconds evaluating the template may take for one report before it is stopped (a
    #: TemplateError); from ``ITA_REPORT_RENDER_TIMEOUT`` when not given.
    timeout: float = field(default_factory=default_render_timeout)


#: The default template of each kind, in ``ita_report/templates``. Two files, because Word
#: cannot leave table columns out conditionally: the plan has four columns, the results six.
DEFAULT_TEMPLATES = {ReportKind.RESULTS: "report.docx", ReportKind.PLAN: "plan.docx"}


def default_template(kind: ReportKind) -> bytes:
    """The bytes of the default template of ``kind`` (from a wheel or a checkout alike)."""
    return package_file("templates", DEFAULT_TEMPLATES[kind])


def default_templates() -> dict[str, bytes]:
    """File name → bytes of every default template, for ``ita-report template export``."""
    return {name: default_template(kind) for kind, name in DEFAULT_TEMPLATES.items()}
