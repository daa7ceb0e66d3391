"""The Jinja environment every template is rendered in.

A template is a file a user edited, and the text it prints is data from a workbook, so:

- sandboxed: a tag cannot reach Python internals (``cycler.__init__.__globals__`` is refused);
- ``StrictUndefined``: a misspelt variable is an error, not a silently empty cell;
- autoescape: a cell holding ``<``, ``&`` or ``{{ x }}`` prints as typed and cannot break the XML
  (Jinja never evaluates the text it prints, so ``{{ x }}`` from a cell stays text);
- repetition, powers and padding are bounded (``'x' * 10**9``, ``'%999999999d' % 1``,
  ``'x'.center(10**9)``, ``'{:>999999999}'.format(x)``), so that one tag cannot exhaust the
  memory of a batch run;
- every call, attribute, item and intercepted operator checks the deadline of the evaluation
  under way (:mod:`ita_report.render.limits`), so that a loop stops even where no timer can.

The views a template reads in every row (:func:`template_view`) are plain frozen data: a field
of one is handed out as the sandbox would, without asking it again for each of a report's
hundreds of reads.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable, Mapping, Sized
from typing import Any, TypeVar

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.filters import do_center, do_format, do_indent
from jinja2.sandbox import SandboxedEnvironment

from ita_report.render.filters import FILTERS
from ita_report.render.limits import check_deadline

#: Longest text or list a ``*`` may build, and widest a value may be padded to; far beyond any
#: report, far below a memory problem.
MAX_REPEAT = 100_000
#: Largest exponent ``**`` may use.
MAX_EXPONENT = 1_000

#: ``str`` methods that pad to a width given as their first argument.
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
#: The width and precision of each ``%`` conversion (``%-10.3s``, ``%*d``).
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


_View = TypeVar("_View")
#: Each template view's class → its field names (:func:`template_view`).
_VIEW_FIELDS: dict[type, frozenset[str]] = {}


def template_view(cls: type[_View]) -> type[_View]:
    """Class decorator: ``cls`` is a frozen dataclass of plain data that templates read.

    Its fields are read without the sandbox's per-read checks. They are what the sandbox would
    allow anyway: no field name starts with ``_`` (checked here), and a field holds data (text,
    numbers, dates, views), never a function, a type or a frame, which is all
    ``is_internal_attribute`` guards.
    """
    fields = frozenset(field.name for field in dataclasses.fields(cls))  # type: ignore[arg-type]
    if any(name.startswith("_") for name in fields):
        raise TypeError(f"{cls.__name__}: a template view's fields may not start with _")
    _VIEW_FIELDS[cls] = fields
    return cls


class LimitExceeded(SecurityError):
    """A tag would build a text, list or number too large for any report."""


class ReportEnvironment(SandboxedEnvironment):
    """The sandbox, with bounded ``*``, ``**``, ``%`` and padding, and the report's filters."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def __init__(self, *, autoescape: bool = True) -> None:
        super().__init__(
            autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True
        )
        self.filters.update(FILTERS)
        self.filters.update(_BOUNDED_FILTERS)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_deadline()
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise LimitExceeded(f"exponent {right} is too large")
        elif operator == "%" and isinstance(left, str):
            _check_percent(left, right)
        return super().call_binop(context, operator, left, right)

    # The double underscores, as in Jinja's own ``call``: a template may pass keyword arguments
    # named ``self`` or ``obj`` to what it calls.
    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_deadline()
        if isinstance(getattr(__obj, "__self__", None), str) and (
            getattr(__obj, "__name__", "") in _PADDING_METHODS
        ):
            _check_width(args[0] if args else kwargs.get("width", kwargs.get("tabsize")))
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_deadline()
        fields = _VIEW_FIELDS.get(type(obj))
        if fields is not None and attribute in fields:
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        check_deadline()
        return super().getitem(obj, argument)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format_fields(value.__self__)
        return wrapped


def _check_repeat(sequence: Any, times: Any) -> None:
    if (
        isinstance(sequence, Sized)
        and isinstance(times, int)
        and len(sequence) * times > MAX_REPEAT
    ):
        raise LimitExceeded("the repeated text or list would be too long")


def _check_width(width: Any) -> None:
    if isinstance(width, int) and width > MAX_REPEAT:
        raise LimitExceeded(f"a width of {width} is too large")


def _check_percent(text: str, values: Any) -> None:
    """``text % values`` pads no field wider than MAX_REPEAT (``*`` widths included)."""
    stars = 0
    for match in _PERCENT_FIELD.finditer(text):
        for part in match.groups():
            if part == "*":
                stars += 1
            elif part is not None:
                _check_width(int(part))
    if stars:
        given = values if isinstance(values, tuple) else (values,)
        for value in given[:stars]:
            _check_width(value)


def _check_format_fields(text: str) -> None:
    """``text.format(…)`` pads no field wider than MAX_REPEAT; a width from a variable is refused."""
    for _, _, spec, _ in string.Formatter().parse(text):
        if not spec:
            continue
        if "{" in spec:
            raise LimitExceeded("a format width taken from a variable is not allowed")
        for number in _NUMBER.findall(spec):
            _check_width(int(number))


def _bounded_format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_percent(str(value), kwargs if kwargs else args)
    return do_format(value, *args, **kwargs)


def _bounded_center(value: str, width: int = 80) -> str:
    _check_width(width)
    return do_center(value, width)


def _bounded_indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    _check_width(width if isinstance(width, int) else len(width))
    return do_indent(s, width, first, blank)


#: Jinja's filters that pad, with the width bounded.
_BOUNDED_FILTERS: Mapping[str, Callable[..., str]] = {
    "format": _bounded_format,
    "center": _bounded_center,
    "indent": _bounded_indent,
}


def make_environment(*, autoescape: bool = True) -> ReportEnvironment:
    """A fresh environment; one per renderer is enough, it holds no per-report state.

    ``autoescape=False`` is for text that is not XML (the wording put into the context, which
    the template escapes when it prints it); a template part must always be escaped.
    """
    return ReportEnvironment(autoescape=autoescape)
