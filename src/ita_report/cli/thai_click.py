"""Typer's command and group classes, speaking Thai: usage line, help page, help option, errors.

Typer (and the click it vendors) print their own words around ours: ``Usage:``, ``Options:``,
``Show this message and exit.``, ``[default: …]``, ``[x>=1]``. These subclasses override the
methods that write them, and nothing else:

- ``format_usage`` / ``collect_usage_pieces``: one usage style, ``วิธีใช้: ita-report build
  [ตัวเลือก] ไฟล์...`` (a required argument bare, an optional one in brackets, ``...`` where it
  may repeat, a required option spelled out);
- ``format_help``: the help page (``help_page``), laid out in Thai, wrapped at spaces only so
  that a path or an example is never cut (``my-templates/report.docx``);
- ``get_help_option``: ``-h`` and ``--help`` (from the root's ``context_settings``), in Thai;
- ``resolve_command``: an unknown command named in Thai, with the closest ones;
- ``make_context`` / ``invoke`` of a group: every error of click's becomes a :class:`ThaiUsageError`.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

import typer
from rich.cells import cell_len
from typer._click.core import Context
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from ita_report.cli.usage import ThaiUsageError
from ita_report.cli.wrap import wrap

HELP_OPTION_HELP = "แสดงวิธีใช้นี้"
OPTIONS = "[ตัวเลือก]"
#: The usage line's word for a group's sub-command and what follows it.
SUBCOMMAND = "คำสั่ง ..."
#: Where the help page puts the arguments: every argument of this program is a file or folder.
ARGUMENTS_HEADING = "ไฟล์และโฟลเดอร์:"
OPTIONS_HEADING = "ตัวเลือก:"
COMMANDS_HEADING = "คำสั่ง:"
#: A paragraph of a command's help that begins so is an example: never re-wrapped.
EXAMPLE = "ตัวอย่าง:"


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def argument_usage(param: Any) -> str:
    """``ไฟล์...`` (required, repeats), ``[ไฟล์]`` (optional)."""
    name = str(param.metavar or param.name)
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def option_names(param: Any) -> str:
    """``-o, --output ไฟล์.docx``: the short names first, then the value's placeholder."""
    names = ", ".join(sorted(param.opts, key=len))
    return names if param.is_flag else f"{names} {param.metavar or 'ค่า'}"


def usage_pieces(command: Any, ctx: Context) -> list[str]:
    """What follows the command's name on its usage line."""
    params = command.get_params(ctx)
    pieces = [OPTIONS] if any(_is_option(p) for p in params) else []
    pieces += [f"{p.opts[0]} {p.metavar}" for p in params if _is_option(p) and p.required]
    pieces += [argument_usage(p) for p in params if not _is_option(p) and not p.hidden]
    if isinstance(command, TyperGroup):
        pieces.append(SUBCOMMAND)
    return pieces


def _definitions(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """A definition list: names in a column up to 30 cells wide, help wrapped beside them."""
    first = min(max(cell_len(name) for name, _ in rows), 30) + 2
    lines = []
    for name, text in rows:
        body = wrap(text, max(width - first - 2, 20), words=False) if text else [""]
        if cell_len(name) + 2 > first:
            lines.append(f"  {name}")
            lines.extend(f"  {' ' * first}{line}" for line in body)
            continue
        lines.append(f"  {name}{' ' * (first - cell_len(name))}{body[0]}".rstrip())
        lines.extend(f"  {' ' * first}{line}" for line in body[1:])
    return lines


def _param_help(param: Any) -> str:
    extra = []
    if isinstance(getattr(param, "show_default", None), str):
        extra.append(f"ค่าเริ่มต้น: {param.show_default}")
    if param.required:
        extra.append("ต้องระบุ")
    text = getattr(param, "help", None) or ""
    return f"{text}  [{'; '.join(extra)}]" if extra else text


def _paragraphs(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in inspect.cleandoc(text).partition("\f")[0].split("\n\n"):
        for line in paragraph.splitlines():
            if line.startswith(EXAMPLE):
                lines.append(f"  {line}")
            else:
                lines.extend(f"  {part}" for part in wrap(line, width - 2, words=False))
        lines.append("")
    return lines


def short_help(command: Any, width: int) -> str:
    """A command's one line in its group's list: its ``short_help``, or its help's first line."""
    text = command.short_help or inspect.cleandoc(command.help or "").split("\n")[0]
    lines = wrap(text, width, words=False)
    return lines[0] + ("…" if len(lines) > 1 else "")


def help_page(command: Any, ctx: Context, width: int) -> str:
    """A command's (or a group's) whole help page, in Thai."""
    lines = [f"วิธีใช้: {' '.join([ctx.command_path, *usage_pieces(command, ctx)])}", ""]
    if command.help:
        lines += _paragraphs(command.help, width)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [
        (argument_usage(p).strip("[]"), _param_help(p)) for p in params if not _is_option(p)
    ]
    options = [(option_names(p), _param_help(p)) for p in params if _is_option(p)]
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (ARGUMENTS_HEADING, arguments),
        (OPTIONS_HEADING, options),
    ]
    if isinstance(command, TyperGroup):
        listed = [(n, c) for n, c in command.commands.items() if not c.hidden]
        limit = width - 6 - max((cell_len(n) for n, _ in listed), default=0)
        sections.append((COMMANDS_HEADING, [(n, short_help(c, limit)) for n, c in listed]))
    for heading, rows in sections:
        if rows:
            lines += [heading, *_definitions(rows, width), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


class _Thai:
    """What ThaiCommand and ThaiGroup share: usage, help page and help option in Thai."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return usage_pieces(self, ctx)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(f"วิธีใช้: {' '.join([ctx.command_path, *usage_pieces(self, ctx)])}\n")

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        formatter.write(help_page(self, ctx, formatter.width))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except UsageError as error:  # the parser raises some without the context: the usage line
            if error.ctx is None:  # and the option's kind come from it
                error.ctx, error.cmd = ctx, ctx.command
            raise

    def get_help_option(self, ctx: Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option


class ThaiCommand(_Thai, TyperCommand):
    """A command whose usage and help are in Thai."""


class ThaiGroup(_Thai, TyperGroup):
    """A group whose usage, help and usage errors (its own and its commands') are in Thai."""

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0]
        unknown = self.get_command(ctx, name) is None and not name.startswith("-")
        if unknown and not ctx.resilient_parsing:
            close = get_close_matches(name, list(self.commands))
            maybe = f" — หมายถึง {' หรือ '.join(close)} หรือไม่?" if close else ""
            raise ThaiUsageError(f"ไม่มีคำสั่ง '{name}'{maybe}", ctx)
        return super().resolve_command(ctx, args)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: Context | None = None,
        **extra: Any,
    ) -> Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except ClickException as error:
            raise _in_thai(error) from None

    def invoke(self, ctx: Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClickException as error:
            raise _in_thai(error) from None
        except typer.Abort:
            from ita_report.cli.console import make_console

            make_console(stderr=True).print("ยกเลิกแล้ว")
            raise typer.Exit(1) from None


def _in_thai(error: ClickException) -> ClickException:
    """An error of click's in Thai; the help page that an empty command line asks for stays."""
    return error if isinstance(error, NoArgsIsHelpError) else ThaiUsageError.of(error)
