"""Click's usage errors, said in Thai from the fields they carry.

Click (vendored by typer) words its usage errors in English (``Missing argument 'WORKBOOK'``,
``No such option: --nope``, ``Invalid value for '--kind': …``). Each exception class carries
what went wrong in fields (the parameter, the option typed, the close matches); the Thai
sentence is built here from those fields, never by translating the English. The few errors
click raises as a bare ``UsageError`` with only an English sentence (extra arguments, a missing
command) are recognised by that sentence; anything else gets a Thai sentence of its own that
keeps only what the user typed. :class:`ThaiUsageError` shows the message as click would: the
usage line, where to find help, then the error.
"""

from __future__ import annotations

import re
from typing import IO, Any

from rich.markup import escape
from typer._click.core import Context
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

#: A character of the Thai script: a message that has one was written by us, in Thai.
_THAI = re.compile("[\u0e01-\u0e5b]")
#: What click's bare UsageErrors say, in its own words (typer 0.26-0.28).
_EXTRA_ARGUMENTS = re.compile(
    r"^Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)$", re.S
)
_MISSING_COMMAND = "Missing command."


def is_thai(text: str) -> bool:
    """Whether ``text`` has any Thai in it (a message of ours, not click's English)."""
    return bool(_THAI.search(text))


def _metavar(param: Any) -> str:
    """What the help calls a parameter: ``-o ไฟล์.xlsx`` for an option, ``ไฟล์...`` for an argument."""
    if getattr(param, "param_type_name", "") == "option":
        name = max(param.opts, key=len)
        return name if param.is_flag else f"{name} {param.metavar or 'ค่า'}"
    name = str(param.metavar or param.name)
    return f"{name}..." if param.nargs != 1 else name


def _hint(param: Any) -> str:
    """The option as typed (``--kind``) or the argument's placeholder (``ไฟล์``)."""
    if getattr(param, "param_type_name", "") == "option":
        return str(max(param.opts, key=len))
    return str(param.metavar or param.name)


def _typed(message: str) -> str:
    """What click's English quotes from the user's input: ``'plam'``, ``(a b)``."""
    quoted = re.findall(r"'([^']*)'", message) or re.findall(r"\(([^)]*)\)", message)
    return " ".join(f"'{text}'" for text in quoted)


def _quoted(typed: str) -> str:
    return " ".join(f"'{word}'" for word in typed.split())


def _option(ctx: Any, name: str) -> Any:
    if ctx is None:
        return None
    for param in ctx.command.params:
        if name in getattr(param, "opts", ()) or name in getattr(param, "secondary_opts", ()):
            return param
    return None


def thai_message(error: ClickException) -> str:
    """The Thai sentence for a usage error (or any other error click raises)."""
    ctx = getattr(error, "ctx", None)
    command = ctx.info_name if ctx is not None else "ita-report"
    if isinstance(error, NoSuchOption):
        message = f"คำสั่ง {command} ไม่มีตัวเลือก {error.option_name}"
        if error.possibilities:
            message += f" — หมายถึง {' หรือ '.join(sorted(error.possibilities))} หรือไม่?"
        return message
    if isinstance(error, BadOptionUsage):
        option = _option(ctx, error.option_name)
        if option is not None and option.is_flag:
            return f"ตัวเลือก {error.option_name} ไม่ต้องมีค่าตามหลัง — ใช้ {error.option_name} อย่างเดียว"
        wanted = f" ({option.metavar})" if option is not None and option.metavar else ""
        return f"ตัวเลือก {error.option_name} ต้องมีค่าตามหลัง{wanted}"
    if isinstance(error, MissingParameter):
        if error.param is None:
            return "ยังระบุไม่ครบ — ดูวิธีใช้ข้างบน"
        help_text = getattr(error.param, "help", None)
        about = f" — {help_text}" if help_text else ""
        return f"ยังไม่ได้ระบุ {_metavar(error.param)}{about}"
    if isinstance(error, BadParameter):
        said = error.message if is_thai(error.message) else f"ใช้ไม่ได้ {_typed(error.message)}"
        if error.param is None and error.param_hint is None:
            return said
        hint = _hint(error.param) if error.param is not None else str(error.param_hint)
        return f"ค่าของ {hint} ไม่ถูกต้อง: {said}"
    if isinstance(error, BadArgumentUsage):
        return f"ระบุไฟล์หรือโฟลเดอร์ไม่ถูกต้อง {_typed(error.message)}".rstrip()
    if is_thai(error.message):
        return error.message
    extra = _EXTRA_ARGUMENTS.match(error.message)
    if extra:
        return (
            f"มีสิ่งที่คำสั่ง {command} ไม่ได้รับเกินมา: {_quoted(extra['extra'])}"
            " — ถ้าชื่อไฟล์หรือโฟลเดอร์มีช่องว่าง"
            ' ให้ใส่ชื่อนั้นในเครื่องหมายคำพูด เช่น "แผน 2568.xlsx"'
        )
    if error.message == _MISSING_COMMAND:
        return f"ยังไม่ได้ระบุคำสั่ง — เช่น {command} check plan.xlsx"
    typed = _typed(error.message)
    return f"สั่งงานไม่ถูกต้อง{' ' + typed if typed else ''} — ดูวิธีใช้ข้างบน"


class ThaiUsageError(UsageError):
    """A usage error whose message is Thai, shown as click shows one: usage, help, error."""

    def __init__(self, message: str, ctx: Context | None = None) -> None:
        super().__init__(message, ctx)

    @classmethod
    def of(cls, error: ClickException) -> ThaiUsageError:
        """The same error, said in Thai (an error that already is one is returned as it is)."""
        if isinstance(error, ThaiUsageError):
            return error
        thai = cls(thai_message(error), getattr(error, "ctx", None))
        thai.exit_code = error.exit_code
        return thai

    def format_message(self) -> str:
        return self.message

    def show(self, file: IO[Any] | None = None) -> None:
        from ita_report.cli.console import make_console

        console = make_console(stderr=True)
        if self.ctx is not None:
            console.print(escape(self.ctx.get_usage()))
            console.print(f"ดูวิธีใช้ทั้งหมด: {escape(self.ctx.command_path)} --help\n")
        console.print(f"[bold red]ข้อผิดพลาด:[/] {escape(self.message)}")
