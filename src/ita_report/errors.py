"""The one error hierarchy of ita-report.

Every failure a user can cause or meet derives from :class:`ItaError` and carries a message
written for that user (in Thai) plus the exit status the CLI must return. The CLI catches
``ItaError`` once, at its edge; anything else escaping is a bug.

It also holds the one rule that reads a time limit from an environment variable
(:func:`seconds_setting`): a bad setting is one of those errors.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

#: Exit status for bad input of any kind: an invalid workbook, a broken template, usage errors.
EXIT_INVALID = 2


class ItaError(Exception):
    """Base of every error shown to a user; ``str(error)`` is the whole message."""

    exit_code: int = EXIT_INVALID

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        return f"{self.path}: {self.message}"


class WorkbookUnreadable(ItaError):
    """The file is not a workbook we can open at all (corrupt, encrypted, wrong format)."""


class TemplateError(ItaError):
    """A Word template that cannot be rendered: syntax error, unknown variable, unsafe code."""


class OutputError(ItaError):
    """A report could not be written (permissions, a file open in Word, a full disk)."""


class PdfError(ItaError):
    """LibreOffice is missing, hung, or produced no PDF."""


def seconds_setting(
    name: str, *, example: int, otherwise: str, error: type[ItaError] = ItaError
) -> float | None:
    """The seconds environment variable ``name`` sets; None when it is unset or blank.

    A time limit set by a variable (``ITA_REPORT_RENDER_TIMEOUT``, ``ITA_REPORT_PDF_TIMEOUT``) is
    a number of seconds greater than 0. Anything else is an error naming the variable: a typo
    must neither lift the limit silently nor stop every report with a misleading message.

    ``example`` is shown as a sensible value, ``otherwise`` says (in Thai) what happens when the
    variable is removed; ``error`` is the exception raised for a value that is no positive number.
    """
    text = os.environ.get(name, "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise error(
            f"ตัวแปร {name} ต้องเป็นจำนวนวินาทีที่มากกว่า 0 เช่น {example} (พบ '{text}')"
            f" — แก้ค่าตัวแปร หรือลบตัวแปรนี้{otherwise}"
        )
    return seconds
