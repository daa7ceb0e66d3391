"""The one error hierarchy of ita-report.

Every failure a user can cause or meet derives from :class:`ItaError` and carries a message
written for that user (in Thai) plus the exit status the CLI must return. The CLI catches
``ItaError`` once, at its edge; anything else escaping is a bug.
"""

from __future__ import annotations

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
