"""Turning what goes wrong in a template into a message a clerk can act on.

Jinja reports a line of the template's XML; the clerk only ever saw the text in Word. Each line
of a compiled part is one paragraph (the compiler starts a line at every ``<w:p``), so stripping
the XML tags off the failing line gives the words around the failing tag, which is what the
message quotes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ita_report.errors import TemplateError
from ita_report.render.environment import LimitExceeded

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
#: Longest quotation of template text in a message.
MAX_QUOTE = 160


def visible_text(line: str) -> str:
    """The text a Word user sees on one line of template XML."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", line))).strip()


def quote_around(lines: Sequence[str], lineno: int | None) -> str:
    """The visible text of line ``lineno`` (1-based), or of the nearest line above with text."""
    if lineno is None or not lines:
        return ""
    index = min(max(lineno, 1), len(lines)) - 1
    for candidate in range(index, -1, -1):
        text = visible_text(lines[candidate])
        if text:
            return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"
    return ""


def template_lineno(traceback: TracebackType | None, filename: str) -> int | None:
    """The template line being run when an error was raised (Jinja rewrites tracebacks so)."""
    lineno = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == filename:
            lineno = traceback.tb_lineno
        traceback = traceback.tb_next
    return lineno


def describe(error: BaseException) -> str:
    """What is wrong, in Thai, from a Jinja (or other) error raised by a template."""
    detail = str(error)
    if isinstance(error, LimitExceeded):
        return "คำสั่งในแม่แบบสร้างข้อความหรือตัวเลขที่ใหญ่เกินไป"
    if isinstance(error, RecursionError):
        return "คำสั่งในแม่แบบเรียกตัวเองซ้ำไม่รู้จบ (เช่น macro ที่เรียกตัวเอง)"
    if isinstance(error, SecurityError):
        return "แม่แบบพยายามเข้าถึงส่วนภายในของโปรแกรม ซึ่งไม่อนุญาต"
    if isinstance(error, UndefinedError):
        if match := re.search(r"'([^']*)' is undefined", detail):
            return f"ไม่รู้จักตัวแปร “{match.group(1)}”"
        if match := re.search(r"has no attribute '([^']*)'", detail):
            return f"ไม่รู้จักชื่อ “{match.group(1)}” หลังจุด"
        return "มีตัวแปรที่ไม่รู้จัก"
    if match := re.search(r"No filter named '([^']*)'", detail):
        return f"ไม่รู้จักตัวกรอง (filter) “{match.group(1)}”"
    if match := re.search(r"No test named '([^']*)'", detail):
        return f"ไม่รู้จักการทดสอบ (test) “{match.group(1)}”"
    if isinstance(error, TemplateSyntaxError):
        if match := re.search(r"Encountered unknown tag '([^']*)'", detail):
            return f"ไม่รู้จักคำสั่ง “{{% {match.group(1)} %}}” หรือคำสั่งนี้อยู่ผิดที่"
        if "unexpected end of template" in detail.lower():
            block = re.search(r"innermost block that needs to be closed is '([^']*)'", detail)
            if block:
                name = block.group(1)
                return f"มีคำสั่ง {{% {name} %}} ที่ไม่มีคำสั่งปิด {{% end{name} %}}"
            return "มีคำสั่งเปิด เช่น {% for %} หรือ {% if %} ที่ไม่มีคำสั่งปิด"
        return "คำสั่งในแม่แบบเขียนไม่ถูกต้อง"
    return "คำสั่งในแม่แบบทำงานไม่สำเร็จ"


#: What to do about a template that fails, unless the failure calls for something else.
FIX_IN_WORD = "แก้ไขแม่แบบใน Word แล้วลองอีกครั้ง"


def template_error(
    what: str,
    quote: str,
    detail: str,
    template: Path | None,
    *,
    near: bool = False,
    fix: str = FIX_IN_WORD,
) -> TemplateError:
    """The one error shown for a failing template: what, where (quoted text), and how to fix it.

    ``near`` says the quoted text is close to the fault rather than the failing tag itself. A
    user's template is named by the error's path; the default one has no path and is named in
    the message (it failing is a bug, but it still must not end in a traceback).
    """
    where = ""
    if quote:
        where = f" {'ใกล้' if near else 'ที่'}ข้อความ “{quote}”"
    if template is None:
        message = f"แม่แบบมาตรฐานของโปรแกรมใช้ไม่ได้: {what}{where} (รายละเอียด: {detail})"
    else:
        message = f"แม่แบบใช้ไม่ได้: {what}{where} — {fix} (รายละเอียด: {detail})"
    return TemplateError(message, template)
