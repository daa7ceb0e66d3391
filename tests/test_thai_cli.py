"""The command line speaks Thai everywhere a person reads it (SPEC §2): help, usage, errors.

Every command is run with every kind of bad usage click knows (an unknown option, a missing
value, a value for a flag, a wrong value, a missing argument, one too many) and with ``-h``
and ``--help``; nothing click says in English may reach the user. What counts as English is
:func:`english`: two English words in a row, or one of click's own words, file names, options,
command names and the programs' names (Excel, Word, LibreOffice …) aside.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.testing import Result

from ita_report.cli import app
from ita_report.cli.params import parse_digits, parse_jobs, parse_kind
from ita_report.cli.thai_click import ThaiCommand, ThaiGroup
from ita_report.cli.usage import ThaiUsageError, thai_message
from ita_report.render.options import Digits, ReportKind
from tests.workbook_helpers import EXAMPLE

Cli = Callable[..., Result]

ROOT = typer.main.get_command(app)
#: Names that are not English sentences: the programs, the formats, the commands, the values.
NAMES = {
    "ita-report", "Excel", "Word", "LibreOffice", "PDF", "JSON", "ITA", "Windows", "macOS",
    "validate", "check", "init", "build", "summary", "template", "export",
    "results", "plan", "thai", "arabic",
}  # fmt: skip
#: Click's and typer's own words, which must never show on their own either.
CLICK_WORDS = {
    "Usage", "Error", "Try", "Options", "Arguments", "Commands", "default", "required",
    "Missing", "Invalid", "Show", "Aborted", "Possible", "Did", "Got",
}  # fmt: skip
#: A word, bracketed or followed by punctuation; a word in single quotes is what the user typed.
_WORD = re.compile(r"[(\"\[]*(?P<word>[A-Za-z]+)[)\"\].,:;!?]*")


def english(text: str) -> list[str]:
    """The English in ``text``: runs of two or more English words, and click's own words."""
    found: list[str] = []
    run: list[str] = []
    for token in [*text.split(), ""]:
        match = _WORD.fullmatch(token)
        word = match["word"] if match else None
        if word in CLICK_WORDS:
            found.append(word)
        if word is not None and word not in NAMES:
            run.append(token)
            continue
        if len(run) >= 2:
            found.append(" ".join(run))
        run = []
    return found


def test_english_is_found_in_what_click_says() -> None:
    assert english("Error: Missing argument 'WORKBOOK'.") == [
        "Error",
        "Missing",
        "Error: Missing argument",
    ]
    assert english("Show this message and exit.")
    assert english("Error: Invalid value for '--year': ปีงบประมาณต้อง…")
    assert english("ไฟล์ Excel ไฟล์เดียว ita-report template export my-templates plan.xlsx") == []


def commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield prefix, group
    for name, command in group.commands.items():
        if isinstance(command, typer.core.TyperGroup):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


COMMANDS = dict(commands(ROOT))
#: Options whose value is read by a parser of ours, and a value each refuses.
PARSED = {
    "--as-of": "เมื่อวาน",
    "--year": "สองพัน",
    "--kind": "plam",
    "--digits": "roman",
    "--jobs": "0",
}


def bad_usage() -> Iterator[tuple[str, list[str]]]:
    """(id, arguments) of every kind of bad usage, for every command."""
    for path, command in COMMANDS.items():
        name = " ".join(path) or "(root)"
        yield f"{name} --nope", [*path, "--nope"]
        yield f"{name} -Z", [*path, "-Z"]
        params = [p for p in command.params if p.param_type_name == "option"]
        for option in params:
            long = max(option.opts, key=len)
            if option.is_flag:
                yield f"{name} {long}=1", [*path, f"{long}=1"]
                continue
            yield f"{name} {long} (no value)", [*path, long]
            if long in PARSED:
                yield f"{name} {long} {PARSED[long]}", [*path, long, PARSED[long], "x.xlsx"]
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        if any(p.required for p in arguments):
            yield f"{name} (nothing)", list(path)
        if arguments and all(p.nargs == 1 for p in arguments):
            yield f"{name} a b c", [*path, "a.xlsx", "b.xlsx", "c.xlsx"]
    yield "unknown command", ["frobnicate"]
    yield "a command mistyped", ["chek", "plan.xlsx"]
    yield "unknown template command", ["template", "frobnicate"]
    yield "-o and --out-dir", ["build", str(EXAMPLE), "-o", "a.docx", "--out-dir", "reports"]
    yield "summary not to .xlsx", ["summary", str(EXAMPLE), "-o", "summary.csv"]


BAD_USAGE = dict(bad_usage())


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_command_is_thai() -> None:
    for path, command in COMMANDS.items():
        group = isinstance(command, typer.core.TyperGroup)
        assert isinstance(command, ThaiGroup if group else ThaiCommand), path


@pytest.mark.parametrize("case", BAD_USAGE)
def test_bad_usage_is_said_in_thai_only(cli: Cli, in_tmp: Path, case: str) -> None:
    result = cli(*BAD_USAGE[case])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "ข้อผิดพลาด:" in result.stderr
    assert english(result.stderr) == [], result.stderr


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "(root)")
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_is_thai_only(cli: Cli, path: tuple[str, ...], flag: str) -> None:
    result = cli(*path, flag)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"วิธีใช้: {' '.join(['ita-report', *path])}")
    assert english(result.stdout) == [], result.stdout
    # No placeholder of click's own: <int range>, [x>=1], {WORKBOOK}, [workbooks]...
    assert not re.search(r"[<{]|x>=|\[[a-z]+\]", result.stdout), result.stdout


def test_an_empty_command_line_shows_the_help_in_thai(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == 2
    assert result.stderr.startswith("วิธีใช้: ita-report [ตัวเลือก] คำสั่ง ...")
    assert english(result.stderr) == []


def test_one_usage_style_for_every_command(cli: Cli) -> None:
    usage = {" ".join(path): cli(*path, "-h").stdout.splitlines()[0] for path in COMMANDS if path}
    assert usage == {
        "validate": "วิธีใช้: ita-report validate [ตัวเลือก] ไฟล์...",
        "check": "วิธีใช้: ita-report check [ตัวเลือก] [ไฟล์...]",
        "init": "วิธีใช้: ita-report init [ตัวเลือก] [ไฟล์]",
        "build": "วิธีใช้: ita-report build [ตัวเลือก] ไฟล์...",
        "summary": "วิธีใช้: ita-report summary [ตัวเลือก] -o ไฟล์.xlsx ไฟล์...",
        "template": "วิธีใช้: ita-report template [ตัวเลือก] คำสั่ง ...",
        "template export": "วิธีใช้: ita-report template export [ตัวเลือก] โฟลเดอร์",
    }


def test_an_example_path_is_never_cut_in_the_help(cli: Cli) -> None:
    result = cli("template", "export", "--help")
    assert "--template my-templates/report.docx" in result.stdout


# --- the four of the issue, word for word ------------------------------------------------


def stderr_of(cli: Cli, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 2
    return result.stderr


def test_build_without_a_workbook(cli: Cli) -> None:
    assert stderr_of(cli, "build") == (
        "วิธีใช้: ita-report build [ตัวเลือก] ไฟล์...\n"
        "ดูวิธีใช้ทั้งหมด: ita-report build --help\n\n"
        "ข้อผิดพลาด: ยังไม่ได้ระบุ ไฟล์... — ไฟล์ Excel (.xlsx .xlsm .xls) หรือ .ods"
        " หรือโฟลเดอร์ที่มีไฟล์เหล่านี้\n"
    )


def test_build_with_a_kind_mistyped(cli: Cli) -> None:
    assert stderr_of(cli, "build", "x.xlsx", "--kind", "plam").endswith(
        "ข้อผิดพลาด: ค่าของ --kind ไม่ถูกต้อง: ไม่รู้จัก 'plam' — ใช้ ผล หรือ แผน (หรือ results, plan)\n"
    )


def test_build_with_an_unknown_option(cli: Cli) -> None:
    assert stderr_of(cli, "build", "x.xlsx", "--nope").endswith(
        "ข้อผิดพลาด: คำสั่ง build ไม่มีตัวเลือก --nope\n"
    )
    assert stderr_of(cli, "build", "x.xlsx", "--jsn").endswith(
        "ข้อผิดพลาด: คำสั่ง build ไม่มีตัวเลือก --jsn — หมายถึง --jobs หรือ --json หรือไม่?\n"
    )


def test_a_year_refused_is_said_in_thai_only(cli: Cli) -> None:
    assert stderr_of(cli, "init", "x.xlsx", "--year", "สองพัน").endswith(
        "ข้อผิดพลาด: ค่าของ --year ไม่ถูกต้อง: ปีงบประมาณต้องเป็นปี พ.ศ. สี่หลัก เช่น 2568 (พบ 'สองพัน')\n"
    )


def test_a_file_name_with_a_space_not_quoted_is_explained(cli: Cli) -> None:
    assert "ให้ใส่ชื่อนั้นในเครื่องหมายคำพูด" in stderr_of(cli, "init", "แผน", "2568.xlsx")


def test_the_console_script_says_it_in_thai(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("ita-report")
    done = subprocess.run(
        [str(script), "build", "x.xlsx", "--kind", "plam"],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    stderr = done.stderr.decode("utf-8")
    assert "ค่าของ --kind ไม่ถูกต้อง" in stderr and english(stderr) == [], stderr


# --- Thai values -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("ผล", ReportKind.RESULTS),
        ("แผน", ReportKind.PLAN),
        ("plan", ReportKind.PLAN),
        ("Results", ReportKind.RESULTS),
    ],
)
def test_kind_in_thai_or_english(typed: str, kind: ReportKind) -> None:
    assert parse_kind(typed) is kind


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("ไทย", Digits.THAI),
        ("อารบิก", Digits.ARABIC),
        ("อารบิค", Digits.ARABIC),
        ("arabic", Digits.ARABIC),
    ],
)
def test_digits_in_thai_or_english(typed: str, digits: Digits) -> None:
    assert parse_digits(typed) is digits


def test_jobs_in_thai_digits() -> None:
    assert parse_jobs("๔") == 4
    with pytest.raises(typer.BadParameter, match="ตั้งแต่ 1 ขึ้นไป"):
        parse_jobs("-1")


def test_build_takes_the_thai_values(cli: Cli, tmp_path: Path) -> None:
    report = tmp_path / "แผน.docx"
    result = cli("build", EXAMPLE, "-o", report, "--kind", "แผน", "--digits", "อารบิก", "-j", "๒")
    assert result.exit_code == 0, result.output
    assert report.exists()


# --- each of click's errors, from its fields -------------------------------------------------


def context(*args: str) -> Any:
    ctx = typer.main.get_command(app).make_context("ita-report", ["build", "x.xlsx"])
    build = ROOT.commands["build"]
    return build.make_context("build", ["x.xlsx", *args], parent=ctx)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (NoSuchOption("--pfd", possibilities=["--pdf"]), "ไม่มีตัวเลือก --pfd — หมายถึง --pdf หรือไม่?"),
        (
            BadOptionUsage("--kind", "Option '--kind' requires an argument."),
            "ตัวเลือก --kind ต้องมีค่าตามหลัง",
        ),
        (BadParameter("'abc' is not a valid integer."), "ใช้ไม่ได้ 'abc'"),
        (BadParameter("ใช้ -o หรือ --out-dir อย่างใดอย่างหนึ่ง"), "ใช้ -o หรือ --out-dir อย่างใดอย่างหนึ่ง"),
        (MissingParameter(), "ยังระบุไม่ครบ"),
        (BadArgumentUsage("Argument 'x' takes 2 values."), "ระบุไฟล์หรือโฟลเดอร์ไม่ถูกต้อง 'x'"),
        (UsageError("Got unexpected extra argument(s) (b c)"), "ไม่ได้รับเกินมา: 'b' 'c'"),
        (UsageError("Missing command."), "ยังไม่ได้ระบุคำสั่ง"),
        (UsageError("Something new click says one day 'x'."), "สั่งงานไม่ถูกต้อง 'x'"),
    ],
)
def test_every_usage_error_is_said_in_thai(error: UsageError, said: str) -> None:
    message = thai_message(error)
    assert said in message
    assert english(message) == [], message
    assert ThaiUsageError.of(error).exit_code == 2
