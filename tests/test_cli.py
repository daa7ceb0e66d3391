"""The command line: exit statuses, help, usage errors, validate and init (SPEC §2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import Result

from ita_report import __version__
from ita_report.cli import app
from ita_report.read.workbook import load_workbook
from tests.workbook_helpers import AGENCY, AGENCY_NAME, HEADER, method_row

Cli = Callable[..., Result]
Make = Callable[..., Path]


# --- --version and --help --------------------------------------------------------------------


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"ita-report {__version__}"
    assert __version__ != "0.0.0"  # the installed package's version, not the fallback


def commands(
    group: typer.core.TyperGroup, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every command of the CLI, sub-commands of groups included, as its argument path."""
    for name, command in group.commands.items():
        if isinstance(command, typer.core.TyperGroup):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


COMMANDS = sorted(commands(typer.main.get_command(app)))  # type: ignore[arg-type]


def test_every_command_of_spec_2_is_covered() -> None:
    assert {"build", "check", "validate", "init", "template export"} <= {
        " ".join(c) for c in COMMANDS
    }


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_of_every_command_shows_an_example(cli: Cli, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert f"วิธีใช้: ita-report {' '.join(command)}" in result.stdout
    assert f"ตัวอย่าง: ita-report {' '.join(command)}" in result.stdout


def test_help_of_the_program_lists_the_commands(cli: Cli) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("validate", "check", "init"):
        assert f"  {command} " in result.stdout


def test_no_arguments_shows_help_as_a_usage_error(cli: Cli) -> None:
    result = cli()
    assert result.exit_code == 2
    assert "วิธีใช้: ita-report" in result.output


# --- usage errors exit 2 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "--bogus"], "คำสั่ง check ไม่มีตัวเลือก --bogus"),
        (["validate", "--json"], "คำสั่ง validate ไม่มีตัวเลือก --json"),
        (["validate"], "ยังไม่ได้ระบุ ไฟล์..."),
        (["frobnicate"], "ไม่มีคำสั่ง 'frobnicate'"),
        (["check", "plan.xlsx", "--as-of", "yesterday"], "ค่าของ --as-of ไม่ถูกต้อง"),
        (["init", "x.xlsx", "--year", "สองพัน"], "ค่าของ --year ไม่ถูกต้อง"),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: list[str], says: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""


# --- validate --------------------------------------------------------------------------------


def test_validate_a_valid_workbook_exits_0(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook()
    result = cli("validate", path)
    assert result.exit_code == 0
    assert result.stdout.strip() == (
        f"✓ {path}: ถูกต้อง — {AGENCY_NAME}, มาตรการ 1 ข้อ, วิธีการ 2 รายการ"
    )
    assert result.stderr == ""


def test_validate_an_invalid_workbook_exits_2_and_names_every_cell(
    cli: Cli, make_workbook: Make
) -> None:
    path = make_workbook(
        agency=[("ชื่อหน่วยงาน", AGENCY_NAME), ("ปีงบประมาณ", "ปีหน้า")],
        rows=[method_row("ก", measure="ม", status="เสร็จ"), method_row("ข", responsible=None)],
    )
    result = cli("validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"ข้อผิดพลาด: {path}: หน่วยงาน!B3: 'ปีงบประมาณ' ต้องเป็นปี พ.ศ. สี่หลัก เช่น 2564 (พบ 'ปีหน้า')",
        f"ข้อผิดพลาด: {path}: มาตรการ!E2: สถานะ 'เสร็จ' ไม่ถูกต้อง — หมายถึง ดำเนินการแล้ว หรือไม่?"
        " (ใช้ได้: ดำเนินการแล้ว / อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ)",
        f"ข้อผิดพลาด: {path}: มาตรการ!C3: ต้องกรอก 'ผู้รับผิดชอบ'",
    ]
    assert result.stdout.strip() == f"✗ {path}: ไม่ผ่านการตรวจ (3 ข้อผิดพลาด)"


def test_validate_prints_warnings_and_goes_on(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook(agency=[("ชื่อหน่วยงาน", AGENCY_NAME), ("ปีงบประมาณ", 2021)])
    result = cli("validate", path)
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        f"คำเตือน: {path}: หน่วยงาน!B3: 'ปีงบประมาณ' 2021 เป็นปี ค.ศ. จึงใช้เป็น พ.ศ. 2564"
    )
    assert result.stdout.startswith(f"✓ {path}: ถูกต้อง")


def test_strict_makes_a_warning_an_error_exit_2(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook(header=(*HEADER, "หมายเหตุ"))
    result = cli("validate", path, "--strict")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"ข้อผิดพลาด: {path}: มาตรการ!G1: ไม่รู้จักคอลัมน์ 'หมายเหตุ' จึงไม่ได้ใช้")
    assert result.stdout.strip() == f"✗ {path}: ไม่ผ่านการตรวจ (1 ข้อผิดพลาด)"


def test_strict_without_warnings_exits_0(cli: Cli, make_workbook: Make) -> None:
    assert cli("validate", make_workbook(), "--strict").exit_code == 0


def test_validate_several_workbooks_exits_2_if_any_is_invalid(
    cli: Cli, make_workbook: Make
) -> None:
    good = make_workbook("good.xlsx")
    bad = make_workbook("bad.xlsx", agency=[("ปีงบประมาณ", 2564)])
    result = cli("validate", good, bad)
    assert result.exit_code == 2
    assert f"✓ {good}: ถูกต้อง" in result.stdout
    assert f"✗ {bad}: ไม่ผ่านการตรวจ" in result.stdout
    assert f"ข้อผิดพลาด: {bad}: หน่วยงาน: ต้องกรอก 'ชื่อหน่วยงาน'" in result.stderr


def test_validate_a_folder(cli: Cli, make_workbook: Make, tmp_path: Path) -> None:
    make_workbook("a.xlsx")
    make_workbook("sub/b.xlsx")
    result = cli("validate", tmp_path)
    assert result.exit_code == 0
    assert result.stdout.count("✓") == 2


def test_text_from_the_workbook_is_not_taken_as_console_markup(
    cli: Cli, make_workbook: Make
) -> None:
    name = "เทศบาล [bold]ทดสอบ[/bold] [red]"
    path = make_workbook(agency=[("ชื่อหน่วยงาน", name), *AGENCY[1:], ("[x]", "y")])
    result = cli("validate", path)
    assert result.exit_code == 0
    assert name in result.stdout
    assert "'[x]'" in result.stderr


# --- init ------------------------------------------------------------------------------------


def test_init_writes_plan_xlsx_in_the_current_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.xlsx").is_file()
    assert "ita-report validate plan.xlsx" in result.stdout


def test_init_fills_the_agency_sheet(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    result = cli("init", path, "--agency", "อบต.ทดสอบ", "--year", "2568")
    assert result.exit_code == 0
    loaded = load_workbook(path)
    assert not [p for p in loaded.problems if p.cell and p.cell.startswith("หน่วยงาน")]


def test_init_will_not_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"the clerk's work")
    result = cli("init", path)
    assert result.exit_code == 2
    assert f"ข้อผิดพลาด: {path}: มีไฟล์นี้อยู่แล้ว" in result.stderr
    assert "--force" in result.stderr
    assert path.read_bytes() == b"the clerk's work"


def test_init_overwrites_with_force(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"old")
    assert cli("init", path, "--force").exit_code == 0
    assert path.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("year", ["0100", "2400", "๒๗๐๐"])
def test_init_refuses_a_year_no_workbook_can_be_for(cli: Cli, tmp_path: Path, year: str) -> None:
    result = cli("init", tmp_path / "plan.xlsx", "--year", year)
    assert result.exit_code == 2
    assert "ปีงบประมาณต้องเป็นปี พ.ศ. สี่หลัก" in result.output
    assert not (tmp_path / "plan.xlsx").exists()
