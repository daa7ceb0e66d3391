"""Plan → .docx bytes, with templates compiled once per process.

A batch run renders thousands of reports; reading, unzipping, patching and compiling a template
costs far more than rendering one, so :class:`ReportRenderer` keeps each template it has used
compiled, and per report only renders the parts, checks them and zips the package again.
"""

from __future__ import annotations

import inspect
from collections.abc import Generator
from pathlib import Path
from typing import Any, cast

from jinja2 import Template
from lxml import etree

from ita_report.errors import TemplateError
from ita_report.model import Plan
from ita_report.ooxml import Deflated, deflate
from ita_report.render.compiler import CompiledPart, CompiledTemplate, compile_template
from ita_report.render.context import build_context
from ita_report.render.environment import LimitExceeded, make_environment
from ita_report.render.limits import (
    CHECK_EVERY,
    MAX_RENDERED_CHARS,
    RenderTimeout,
    check_deadline,
    deadline,
)
from ita_report.render.messages import describe, quote_around, template_error, template_lineno
from ita_report.render.options import (
    DEFAULT_TEMPLATES,
    RENDER_TIMEOUT_ENV,
    Digits,
    RenderOptions,
    ReportKind,
    default_template,
)
from ita_report.render.passes import (
    DocumentFacts,
    application_properties,
    build_time,
    finish_properties,
    finish_word_part,
    parse_strictly,
)
from ita_report.render.wording import ITA_SUBJECT

_shared: ReportRenderer | None = None

#: What to do about a template that runs past its deadline.
_FIX_LOOP = (
    "ตรวจคำสั่งวนซ้ำ {% for %} ในแม่แบบ (เช่น วนซ้ำซ้อนกันหลายชั้น หรือ macro ที่เรียกตัวเอง)"
    f" แล้วลองอีกครั้ง; ถ้าแม่แบบถูกต้องแต่ข้อมูลมากจริง ให้ตั้งตัวแปร {RENDER_TIMEOUT_ENV}"
    " เป็นจำนวนวินาทีที่มากขึ้น"
)


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
        #: Each Word part without tags (a header, a footer), finished in each digits and
        #: compressed: the same in every report, so made once, not once a report.
        self._fixed: dict[tuple[CompiledPart, Digits], Deflated] = {}

    def render(self, plan: Plan, options: RenderOptions | None = None) -> bytes:
        """The report of ``plan`` as .docx bytes; raises TemplateError, never writes a file.

        The template is evaluated within ``options.timeout`` seconds and a bounded size (see
        :mod:`ita_report.render.limits`); the checks and passes after it are linear in its output.
        """
        options = options or RenderOptions()
        compiled = self.template(options)
        context = build_context(plan, options)
        try:
            with deadline(options.timeout):
                texts = [(part, _evaluate(part, context, compiled.path)) for part in compiled.parts]
        except RenderTimeout as error:  # the timer went off between two parts
            raise _timeout_problem(error, "", compiled.path) from error
        facts = DocumentFacts(context["title"], ITA_SUBJECT, context["agency"], build_time())
        replaced: dict[str, bytes | Deflated] = {
            part.name: (
                self._fixed_part(part, options, compiled.path)
                if part.template is None and part.is_word
                else _finish(part, text, options, facts, compiled.path)
            )
            for part, text in texts
        }
        if compiled.package.app is not None:
            replaced[compiled.package.app] = application_properties(facts)
        return compiled.package.write(replaced)

    def _fixed_part(
        self, part: CompiledPart, options: RenderOptions, path: Path | None
    ) -> Deflated:
        """A Word part without tags as every report has it: finished once per digits.

        Its passes see only its own text and the digits (the facts are for the properties),
        so each report would redo the same parse, passes, serialisation and compression. A
        part that fails fails each time, as before: only a finished part is kept.
        """
        key = (part, options.digits)
        fixed = self._fixed.get(key)
        if fixed is None:
            fixed = self._fixed[key] = deflate(_finish_word(part.source, options, path))
        return fixed

    def template(self, options: RenderOptions) -> CompiledTemplate:
        """The compiled template these options ask for, compiled on first use."""
        key: ReportKind | Path = options.template.resolve() if options.template else options.kind
        if key not in self._compiled:
            # Only a default template is kept between runs: a user's is compiled from its bytes.
            keep_as = None if options.template else DEFAULT_TEMPLATES[options.kind]
            self._compiled[key] = compile_template(
                _template_bytes(options), self._env, options.template, keep_as=keep_as
            )
        return self._compiled[key]


def _evaluate(part: CompiledPart, context: dict[str, Any], path: Path | None) -> str:
    """The part's text with the template's tags evaluated; TemplateError if they fail."""
    if part.template is None:
        return part.source
    try:
        return _bounded(part.template, context)
    # Anything a template can raise (a Jinja error, 1/0, endless recursion …) is its problem.
    except Exception as error:
        lineno = template_lineno(error.__traceback__, part.filename)
        quote = quote_around(part.lines, lineno)
        if isinstance(error, RenderTimeout):
            raise _timeout_problem(error, quote, path) from error
        raise template_error(describe(error), quote, str(error), path) from error


def _timeout_problem(error: RenderTimeout, quote: str, path: Path | None) -> TemplateError:
    return template_error(
        f"แม่แบบใช้เวลานานเกิน {error.seconds:g} วินาที", quote, str(error), path, fix=_FIX_LOOP
    )


def _bounded(template: Template, context: dict[str, Any]) -> str:
    """``template.render(context)``, but stopped past the deadline or MAX_RENDERED_CHARS.

    Jinja's own ``render`` collects every output chunk in one list before joining them, so a
    loop printing one character at a time fills the memory long before any timeout; here the
    chunks are joined in batches and counted as they come.
    """
    pieces: list[str] = []
    batch: list[str] = []
    size = 0
    chunks = cast(Generator[str, None, None], template.generate(context))
    try:
        for chunk in chunks:
            batch.append(chunk)
            size += len(chunk)
            if size > MAX_RENDERED_CHARS:
                raise LimitExceeded(f"the rendered part exceeds {MAX_RENDERED_CHARS:,} characters")
            if len(batch) >= CHECK_EVERY:
                check_deadline()
                pieces.append("".join(batch))
                batch.clear()
    except (RenderTimeout, LimitExceeded) as error:
        if inspect.getgeneratorstate(chunks) == inspect.GEN_SUSPENDED:
            # Stopped here, between two chunks: raise it where the template stands, so that
            # its traceback (and so the message) points at the tag that was running.
            chunks.throw(error)
        raise
    pieces.append("".join(batch))
    return "".join(pieces)


def _finish(
    part: CompiledPart,
    text: str,
    options: RenderOptions,
    facts: DocumentFacts,
    path: Path | None,
) -> bytes:
    """The evaluated part checked, merged, line-broken and digit-converted, as XML bytes."""
    if part.is_word:
        return _finish_word(text, options, path)
    root = parse_strictly(text, path)
    finish_properties(root, options.digits, facts)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def _finish_word(text: str, options: RenderOptions, path: Path | None) -> bytes:
    """A Word part (document, header, footer) checked and finished, as XML bytes."""
    root = parse_strictly(text, path)
    finish_word_part(root, options.digits, path)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml


def _template_bytes(options: RenderOptions) -> bytes:
    if options.template is None:
        return default_template(options.kind)
    try:
        return options.template.read_bytes()
    except FileNotFoundError as error:
        raise TemplateError("ไม่พบไฟล์แม่แบบ", options.template) from error
    except IsADirectoryError as error:
        raise TemplateError("ต้องระบุไฟล์แม่แบบ .docx ไม่ใช่โฟลเดอร์", options.template) from error
    except OSError as error:
        raise TemplateError(f"เปิดไฟล์แม่แบบไม่ได้ ({error.strerror})", options.template) from error
