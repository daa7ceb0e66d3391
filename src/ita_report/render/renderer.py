"""Plan → .docx bytes, with templates compiled once per process.

A batch run renders thousands of reports; reading, unzipping, patching and compiling a template
costs far more than rendering one, so :class:`ReportRenderer` keeps each template it has used
compiled, and per report only renders the parts, checks them and zips the package again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from ita_report.errors import TemplateProblem
from ita_report.model import Plan
from ita_report.render.compiler import CompiledPart, CompiledTemplate, compile_template
from ita_report.render.context import build_context
from ita_report.render.defaults import default_template
from ita_report.render.environment import make_environment
from ita_report.render.finish import finish_properties, finish_word_part, parse_strictly
from ita_report.render.options import RenderOptions, ReportKind
from ita_report.render.problems import describe, quote_around, template_lineno, template_problem

_shared: ReportRenderer | None = None


def renderer_for(template: Path | None = None) -> ReportRenderer:
    """The renderer of this process, shared so that each template compiles once per process.

    A user's ``template`` is compiled at once, so that a broken one fails before any workbook is
    read; the default templates compile on first use.
    """
    global _shared
    if _shared is None:
        _shared = ReportRenderer()
    if template is not None:
        _shared.template(RenderOptions(template=template))
    return _shared


class ReportRenderer:
    """Renders plans to Word documents; keep one for a whole run and call :meth:`render`."""

    def __init__(self) -> None:
        self._env = make_environment()
        self._compiled: dict[ReportKind | Path, CompiledTemplate] = {}

    def render(self, plan: Plan, options: RenderOptions | None = None) -> bytes:
        """The report of ``plan`` as .docx bytes; raises TemplateProblem, never writes a file."""
        options = options or RenderOptions()
        compiled = self.template(options)
        context = build_context(plan, options)
        replaced = {
            part.name: self._render_part(part, context, options, compiled.path)
            for part in compiled.parts
        }
        return compiled.package.write(replaced)

    def template(self, options: RenderOptions) -> CompiledTemplate:
        """The compiled template these options ask for, compiled on first use."""
        key: ReportKind | Path = options.template.resolve() if options.template else options.kind
        if key not in self._compiled:
            self._compiled[key] = compile_template(
                _template_bytes(options), self._env, options.template
            )
        return self._compiled[key]

    @staticmethod
    def _render_part(
        part: CompiledPart, context: dict[str, Any], options: RenderOptions, path: Path | None
    ) -> bytes:
        text = part.source
        if part.template is not None:
            try:
                text = part.template.render(context)
            # Anything a template can raise (a Jinja error, 1/0 …) is the template's problem.
            except Exception as error:
                lineno = template_lineno(error.__traceback__, part.filename)
                quote = quote_around(part.lines, lineno)
                raise template_problem(describe(error), quote, str(error), path) from error
        root = parse_strictly(text, path)
        if part.is_word:
            finish_word_part(root, options.digits, path)
        else:
            finish_properties(root, options.digits)
        xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return xml


def _template_bytes(options: RenderOptions) -> bytes:
    if options.template is None:
        return default_template(options.kind)
    try:
        return options.template.read_bytes()
    except FileNotFoundError as error:
        raise TemplateProblem("ไม่พบไฟล์แม่แบบ", options.template) from error
    except IsADirectoryError as error:
        raise TemplateProblem("ต้องระบุไฟล์แม่แบบ .docx ไม่ใช่โฟลเดอร์", options.template) from error
    except OSError as error:
        raise TemplateProblem(f"เปิดไฟล์แม่แบบไม่ได้ ({error.strerror})", options.template) from error
