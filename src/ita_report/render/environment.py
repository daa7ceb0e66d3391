"""The Jinja environment every template is rendered in.

A template is a file a user edited, and the text it prints is data from a workbook, so:

- sandboxed: a tag cannot reach Python internals (``cycler.__init__.__globals__`` is refused);
- ``StrictUndefined``: a misspelt variable is an error, not a silently empty cell;
- autoescape: a cell holding ``<``, ``&`` or ``{{ x }}`` prints as typed and cannot break the XML
  (Jinja never evaluates the text it prints, so ``{{ x }}`` from a cell stays text);
- repetition and powers are bounded, so that one tag cannot exhaust the memory of a batch run.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from ita_report.render.filters import FILTERS

#: Longest text or list a ``*`` may build; far beyond any report, far below a memory problem.
MAX_REPEAT = 100_000
#: Largest exponent ``**`` may use.
MAX_EXPONENT = 1_000


class LimitExceeded(SecurityError):
    """A tag would build a text, list or number too large for any report."""


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox, with bounded ``*`` and ``**`` and the report's filters."""

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *, autoescape: bool = True) -> None:
        super().__init__(
            autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True
        )
        self.filters.update(FILTERS)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise LimitExceeded(f"exponent {right} is too large")
        return super().call_binop(context, operator, left, right)


def _check_repeat(sequence: Any, times: Any) -> None:
    if (
        isinstance(sequence, Sized)
        and isinstance(times, int)
        and len(sequence) * times > MAX_REPEAT
    ):
        raise LimitExceeded("the repeated text or list would be too long")


def make_environment(*, autoescape: bool = True) -> ReportEnvironment:
    """A fresh environment; one per renderer is enough, it holds no per-report state.

    ``autoescape=False`` is for text that is not XML (the wording put into the context, which
    the template escapes when it prints it); a template part must always be escaped.
    """
    return ReportEnvironment(autoescape=autoescape)
