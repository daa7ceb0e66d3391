"""A .docx template → Jinja templates for its parts, compiled once per renderer.

The text of a Word document is cut into runs wherever Word likes, so a tag typed as
``{{ agency }}`` may sit in three ``w:t`` nodes; docxtpl's ``patch_xml`` glues tags back together
and turns its row and paragraph tags (``{%tr for … %}``, ``{%p if … %}``) into plain Jinja. We
reuse that, add ``{% vmerge %}``, start a new line at every paragraph (so that an error's line
number points at one paragraph of text), and compile with the sandboxed environment.

docxtpl (and python-docx, which it loads) is imported only to patch a template: the default
templates' compiled form is kept on disk (:mod:`ita_report.render.cache`), so that a build with
them loads neither.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, Template, TemplateSyntaxError
from lxml import etree

from ita_report.ooxml import W_P, W_T, Deflated, parse_part
from ita_report.render import cache
from ita_report.render.docx import DocxPackage, NotADocx, read_package
from ita_report.render.messages import describe, quote_around, template_error
from ita_report.render.vmerge import patch_vmerge

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

_SAVE_AS_DOCX = "เปิดแม่แบบใน Word แล้วบันทึกเป็นเอกสาร Word (.docx) อีกครั้ง"
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_HAS_TAG = re.compile(r"\{[{%#]")


@dataclass(frozen=True)
class CompiledPart:
    """One XML part of the template, ready to render."""

    name: str
    #: The file name Jinja gives the compiled code; finds the part's lines in a traceback.
    filename: str
    #: None for a part without tags: it is only passed through the final passes.
    template: Template | None
    source: str
    #: A Word part (document, header, footer) rather than the document properties.
    is_word: bool
    #: The Python code Jinja compiled ``template`` from: what the on-disk cache keeps of it.
    code: CodeType | None = None

    @property
    def lines(self) -> list[str]:
        return self.source.splitlines()


@dataclass(frozen=True)
class CompiledTemplate:
    package: DocxPackage
    parts: tuple[CompiledPart, ...]
    #: The user's template file, or None for a default template.
    path: Path | None


def compile_template(
    data: bytes, env: Environment, path: Path | None, *, keep_as: str | None = None
) -> CompiledTemplate:
    """Compile every part of a template; raises TemplateError for anything that is not usable.

    ``keep_as`` names a default template: its compiled form is then loaded from the cache of
    an earlier run when that run compiled these very bytes with this very code, and kept for
    the next run otherwise (:mod:`ita_report.render.cache`). A user's template passes None.
    """
    if keep_as is None:
        return _compile_package(data, env, path)
    key = cache.template_key(data)
    kept = _from_kept(cache.load(keep_as, key), env, path)
    if kept is None:
        kept = _compile_package(data, env, path)
        cache.store(keep_as, key, _kept_form(kept))
    return kept


def _compile_package(data: bytes, env: Environment, path: Path | None) -> CompiledTemplate:
    try:
        package = read_package(data)
    except NotADocx as error:
        raise template_error(str(error), "", "ต้องเป็นไฟล์ .docx", path, fix=_SAVE_AS_DOCX) from error
    parts = [_compile_word_part(package, name, env, path) for name in _word_parts(package)]
    if package.core is not None:
        parts.append(_compile_core_part(package, package.core, env, path))
    return CompiledTemplate(package=package, parts=tuple(parts), path=path)


def _kept_form(compiled: CompiledTemplate) -> tuple[object, ...]:
    """What the cache keeps of a compiled template: plain values and code, as ``marshal`` takes."""
    package = compiled.package
    return (
        package.parts,
        package.document,
        package.headers_footers,
        package.core,
        package.app,
        tuple((name, tuple(part)) for name, part in package.deflated.items()),
        tuple((p.name, p.filename, p.source, p.is_word, p.code) for p in compiled.parts),
    )


def _from_kept(kept: Any, env: Environment, path: Path | None) -> CompiledTemplate | None:
    """The compiled template :func:`_kept_form` kept, its code bound to ``env`` again."""
    if kept is None:
        return None
    try:
        parts, document, headers_footers, core, app, deflated, compiled = kept
        package = DocxPackage(
            parts=parts,
            document=document,
            headers_footers=headers_footers,
            core=core,
            app=app,
            deflated={name: Deflated(*part) for name, part in deflated},
        )
        return CompiledTemplate(
            package=package,
            parts=tuple(
                CompiledPart(
                    name,
                    filename,
                    None if code is None else template_from_code(env, code),
                    source,
                    is_word,
                    code,
                )
                for name, filename, source, is_word, code in compiled
            ),
            path=path,
        )
    except (TypeError, ValueError):  # a layout of another version: only the key would let it in
        return None


def _word_parts(package: DocxPackage) -> list[str]:
    return [package.document, *package.headers_footers]


def _compile_word_part(
    package: DocxPackage, name: str, env: Environment, path: Path | None
) -> CompiledPart:
    try:
        root = parse_part(package.part(name))
    except etree.XMLSyntaxError as error:
        raise template_error(
            "ไฟล์ Word เสียหาย อ่านเนื้อหาไม่ได้", "", str(error), path, fix=_SAVE_AS_DOCX
        ) from error
    for opened, text in unclosed_tags(root):
        raise template_error(
            f"คำสั่งที่ขึ้นต้นด้วย “{opened}” ไม่มี “{CLOSER[opened]}” ปิดในย่อหน้าเดียวกัน",
            quote_around([text], 1),
            f"unclosed {opened}",
            path,
        )
    source = etree.tostring(root, encoding="unicode")
    if _HAS_TAG.search(source):
        source = patch_vmerge(_patcher().patch_xml(source))
    source = _PARAGRAPH_START.sub(r"\n<w:p\1", source)
    return _compile(name, source, env, path, is_word=True)


def _compile_core_part(
    package: DocxPackage, name: str, env: Environment, path: Path | None
) -> CompiledPart:
    try:
        source = package.part(name).decode("utf-8")
    except UnicodeDecodeError as error:
        raise template_error(
            "คุณสมบัติเอกสารเสียหาย", "", str(error), path, fix=_SAVE_AS_DOCX
        ) from error
    return _compile(name, source, env, path, is_word=False)


def _compile(
    name: str, source: str, env: Environment, path: Path | None, *, is_word: bool
) -> CompiledPart:
    filename = f"<ita-report template part {name}>"
    if not _HAS_TAG.search(source):
        return CompiledPart(name, filename, None, source, is_word)
    try:
        code = env.compile(source, name=name, filename=filename)
    except TemplateSyntaxError as error:
        quote = quote_around(source.splitlines(), error.lineno)
        raise template_error(describe(error), quote, error.message or "", path) from error
    return CompiledPart(name, filename, template_from_code(env, code), source, is_word, code)


def template_from_code(env: Environment, code: CodeType) -> Template:
    """The template Jinja compiled to ``code``, bound to ``env`` (Jinja's own bytecode cache)."""
    return env.template_class.from_code(env, code, env.make_globals(None), None)


@lru_cache(maxsize=1)
def _patcher() -> DocxTemplate:
    """docxtpl's tag-gluing, used on its own: it opens no file until asked to render."""
    from docxtpl import DocxTemplate

    return DocxTemplate(io.BytesIO())


# --- unclosed tags ----------------------------------------------------------------------------
# docxtpl glues a tag back together by deleting every piece of XML between ``{{`` and the next
# ``}}``. A tag missing its closing braces (``{{ agency_line }``) therefore swallows the
# paragraphs up to the next tag, and Jinja, seeing valid code, renders a report with those
# paragraphs gone and no error. Checking each paragraph's own text first turns that silent loss
# into a clear message.

_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}


def unclosed_tags(root: etree._Element) -> list[tuple[str, str]]:
    """(opening delimiter, paragraph text) for each paragraph that leaves a tag open."""
    found: list[tuple[str, str]] = []
    for paragraph in root.iter(W_P):
        text = "".join(
            node.text or ""
            for node in paragraph.iter(W_T)
            if next(node.iterancestors(W_P), None) is paragraph
        )
        opened = _first_unclosed(text)
        if opened is not None:
            found.append((opened, text))
    return found


def _first_unclosed(text: str) -> str | None:
    opened: str | None = None
    for match in _DELIMITER.finditer(text):
        token = match.group()
        if token in CLOSER:
            if opened is not None:
                return opened  # a new tag starts before the last one closed
            opened = token
        elif opened is not None and token == CLOSER[opened]:
            opened = None
    return opened
