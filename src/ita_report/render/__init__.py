"""The Word report: a Plan rendered through a docx template (docxtpl tags, sandboxed Jinja).

Use::

    renderer = renderer_for()            # one per process: templates compile once
    data = renderer.render(plan, RenderOptions(kind=ReportKind.PLAN, as_of=date(2021, 3, 31)))

``render`` returns the .docx bytes; writing them (atomically) is the caller's business. Every
failure of a template is a :class:`ita_report.errors.TemplateError`.

Layout: ``options`` (what a caller asks for, and the default templates), ``context`` and
``wording`` (the variables and fixed sentences a template sees), ``environment``, ``filters`` and
``limits`` (the sandbox), ``docx`` and ``compiler`` (a template unpacked and compiled),
``renderer`` (evaluation), ``passes`` and ``digits`` (what is done to the rendered XML), ``vmerge``
and ``messages`` (our merge tag, and template errors in Thai).

Only the options are imported with this package: ``check`` and ``validate`` import it through
the CLI and must not pay for docxtpl, python-docx and Jinja. The renderer loads on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ita_report.render.options import (
    DEFAULT_TEMPLATES,
    Digits,
    RenderOptions,
    ReportKind,
    default_template,
    default_templates,
)

if TYPE_CHECKING:
    from ita_report.render.context import build_context
    from ita_report.render.renderer import ReportRenderer, renderer_for

_LAZY = {
    "build_context": "ita_report.render.context",
    "ReportRenderer": "ita_report.render.renderer",
    "renderer_for": "ita_report.render.renderer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_TEMPLATES",
    "Digits",
    "RenderOptions",
    "ReportKind",
    "ReportRenderer",
    "build_context",
    "default_template",
    "default_templates",
    "renderer_for",
]
