"""What would go wrong on the PCs the clerks use, tried here with the platform faked.

- A process pool on Windows refuses more than 61 workers (``ValueError`` from
  ``ProcessPoolExecutor``): ``-j 64``, or the default on a 64-core server. The pools of
  ``build`` and ``summary`` are faked with one that refuses as Windows does.
- Windows and macOS do not tell ``Plan.docx`` from ``plan.docx``: two workbooks whose reports
  differ only in case are refused, on every system, naming both.
- ``examples/yearly.ps1``, the yearly run for PowerShell, cannot run here (no PowerShell): its
  steps are checked against ``examples/yearly.sh``, which runs in ``test_cycle.py``.
- LibreOffice is rarely on PATH on Windows: it is found in the registry (a fake ``winreg`` in
  ``sys.modules``), under either Program Files, or as LibreOffice Portable, with the folders
  faked by environment variables; its profile's URL is built for a Thai user name with
  ``PureWindowsPath``.
"""

from __future__ import annotations

import concurrent.futures
import os
import re
import shutil
import sys
import types
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PureWindowsPath
from typing import Any, ClassVar

import pytest
from typer.testing import Result

from ita_report.build import BuildJob, build_all, default_workers, plan_jobs
from ita_report.errors import ItaError, PdfError
from ita_report.read import batch
from ita_report.read.batch import WINDOWS_MAX_WORKERS, load_many, pool_size
from ita_report.render.options import RenderOptions
from ita_report.write import pdf_chunks, soffice, soffice_locate
from ita_report.write.soffice_locate import PORTABLE_PROGRAM, SOFFICE_ENV, find_soffice
from tests.workbook_helpers import write_workbook

ROOT = Path(__file__).resolve().parents[1]


class WindowsPool(ThreadPoolExecutor):
    """A pool that refuses what Windows' ProcessPoolExecutor refuses, and remembers its size."""

    sizes: ClassVar[list[int]] = []

    def __init__(self, max_workers: int) -> None:
        if sys.platform == "win32" and max_workers > 61:
            raise ValueError("max_workers must be <= 61")
        WindowsPool.sizes.append(max_workers)
        super().__init__(max_workers=max_workers)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> type[WindowsPool]:
    monkeypatch.setattr(sys, "platform", "win32")
    # build and load_many import the pool class where they start one (concurrent.futures').
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", WindowsPool)
    WindowsPool.sizes = []
    return WindowsPool


@pytest.mark.parametrize(
    ("platform", "expected"), [("win32", WINDOWS_MAX_WORKERS), ("linux", 64), ("darwin", 64)]
)
def test_the_pool_is_capped_on_windows_only(
    monkeypatch: pytest.MonkeyPatch, platform: str, expected: int
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert pool_size(64, 100) == expected
    assert pool_size(64, 3) == 3
    assert pool_size(0, 10) == 1


def test_the_default_on_a_64_core_windows_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr("os.sched_getaffinity", raising=False)  # as on Windows
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert default_workers() == 61


def test_build_with_64_jobs_on_windows(windows: type[WindowsPool], tmp_path: Path) -> None:
    jobs = [BuildJob(tmp_path / f"{i}.xlsx", tmp_path / f"{i}.docx") for i in range(70)]
    outcomes = build_all(jobs, RenderOptions(), workers=64)
    assert windows.sizes == [61]
    assert [outcome.job for outcome in outcomes] == jobs  # every one, in order (none exists)


def test_summary_with_64_jobs_on_windows(windows: type[WindowsPool], tmp_path: Path) -> None:
    paths = [tmp_path / f"{i}.xlsx" for i in range(70)]
    loaded = load_many(paths, workers=64)
    assert windows.sizes == [61]
    assert [book.path for book in loaded] == paths


# --- names that differ only in case ----------------------------------------------------------


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_reports_that_differ_only_in_case_are_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    upper, lower = tmp_path / "Plan.xlsx", tmp_path / "plan.xlsm"
    with pytest.raises(ItaError) as caught:
        plan_jobs(
            [(upper, Path("Plan.xlsx")), (lower, Path("plan.xlsm"))], output=None, out_dir=None
        )
    message = str(caught.value)
    assert f"{upper} และ {lower}" in message
    assert f"({tmp_path / 'Plan.docx'} และ {tmp_path / 'plan.docx'})" in message
    assert "Windows และ macOS เป็นไฟล์เดียวกัน" in message


def test_folders_that_differ_only_in_case_under_out_dir(tmp_path: Path) -> None:
    inputs = [
        (tmp_path / "A" / "plan.xlsx", Path("A/plan.xlsx")),
        (tmp_path / "a" / "plan.xlsx", Path("a/plan.xlsx")),
    ]
    with pytest.raises(ItaError, match="ถ้าไม่นับตัวพิมพ์เล็กพิมพ์ใหญ่"):
        plan_jobs(inputs, output=None, out_dir=tmp_path / "reports")


def test_names_that_differ_otherwise_are_kept(tmp_path: Path) -> None:
    inputs = [
        (tmp_path / "plan.xlsx", Path("plan.xlsx")),
        (tmp_path / "plan2.xlsx", Path("plan2.xlsx")),
    ]
    assert len(plan_jobs(inputs, output=None, out_dir=None)) == 2


def test_build_refuses_them_and_writes_nothing(tmp_path: Path, cli: Callable[..., Result]) -> None:
    upper = write_workbook(tmp_path / "Plan.xlsx")
    shutil.copy(upper, tmp_path / "plan.xlsm")
    result = cli("build", tmp_path)
    assert result.exit_code == 2
    assert "จะได้รายงานชื่อเดียวกันถ้าไม่นับตัวพิมพ์เล็กพิมพ์ใหญ่" in result.stderr
    assert not list(tmp_path.glob("*.docx"))


# --- the yearly run in PowerShell --------------------------------------------------------------


def ita_report_calls(script: str) -> list[str]:
    """The ita-report command of each call in a script, with the options it passes."""
    calls = re.findall(r'(?:"\$ita_report"|& \$itaReport) (\w+)([^\n]*)', script)
    return [
        f"{command} {' '.join(sorted(re.findall(r'--[a-z-]+', rest)))}" for command, rest in calls
    ]


def test_yearly_ps1_runs_the_steps_of_yearly_sh() -> None:
    shell = (ROOT / "examples" / "yearly.sh").read_text(encoding="utf-8")
    power = (ROOT / "examples" / "yearly.ps1").read_text(encoding="utf-8-sig")
    assert (
        ita_report_calls(power)
        == ita_report_calls(shell)
        == [
            "check --json",
            "summary --quiet",
            "build --json --out-dir --pdf",
            "init --force --from --year",
        ]
    )
    for written in ("pending.json", "summary.xlsx", "summary.txt", "build.json", "next-$"):
        assert written in power


def test_yearly_ps1_keeps_thai_and_json_in_utf8() -> None:
    data = (ROOT / "examples" / "yearly.ps1").read_bytes()
    # Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page: Thai in it
    # would be garbled; and its ">" writes UTF-16, which no JSON reader expects.
    assert data.startswith(b"\xef\xbb\xbf")
    script = data.decode("utf-8-sig")
    assert "[Console]::OutputEncoding = $utf8" in script
    assert "New-Object System.Text.UTF8Encoding $false" in script
    assert not re.search(r"--json\s*>", script)
    assert "$LASTEXITCODE" in script and "exit 2" in script


def test_every_pool_goes_through_pool_size() -> None:
    for module in (batch, pdf_chunks):  # build's pool is batch.map_chunked's
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        sizes: Any = re.findall(r"ProcessPoolExecutor\(max_workers=([^)]*\))", source)
        assert sizes and all(size.startswith("pool_size(") for size in sizes), module


# --- LibreOffice on a Windows PC ----------------------------------------------------------------

APP_PATHS = r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"
UNO_INSTALL_PATH = r"SOFTWARE\LibreOffice\UNO\InstallPath"
THAI_USER = "สมชาย ใจดี"


class FakeKey:
    def __init__(self, value: Any, kind: int) -> None:
        self.value, self.kind = value, kind

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class FakeWinreg(types.ModuleType):
    """The part of ``winreg`` that LibreOffice's discovery reads, with Windows' own constants."""

    HKEY_CURRENT_USER = 0x80000001
    HKEY_LOCAL_MACHINE = 0x80000002
    KEY_READ = 0x20019
    KEY_WOW64_64KEY = 0x0100
    KEY_WOW64_32KEY = 0x0200
    REG_SZ = 1
    REG_EXPAND_SZ = 2

    def __init__(self) -> None:
        super().__init__("winreg")
        self.values: dict[tuple[int, int, str], tuple[Any, int] | OSError] = {}
        self.opened: list[tuple[int, int, str]] = []

    def set(self, hive: int, view: int, sub_key: str, value: Any, kind: int = REG_SZ) -> None:
        self.values[hive, view, sub_key] = (value, kind)

    def OpenKey(self, key: int, sub_key: str, reserved: int = 0, access: int = KEY_READ) -> FakeKey:
        view = access & (self.KEY_WOW64_64KEY | self.KEY_WOW64_32KEY)
        self.opened.append((key, view, sub_key))
        found = self.values.get((key, view, sub_key))
        if found is None:
            raise FileNotFoundError(2, "The system cannot find the file specified")
        if isinstance(found, OSError):
            raise found
        return FakeKey(*found)

    def QueryValueEx(self, key: FakeKey, name: str) -> tuple[Any, int]:
        assert name == ""  # the key's default value
        return key.value, key.kind

    def ExpandEnvironmentStrings(self, text: str) -> str:
        return re.sub(r"%([^%]+)%", lambda m: os.environ.get(m[1], m[0]), text)


class WindowsPc:
    """A faked Windows PC: its registry, Program Files folders and user folders under tmp_path."""

    def __init__(self, root: Path, registry: FakeWinreg) -> None:
        self.root = root
        self.registry = registry
        self.program_files = root / "Program Files"
        self.program_files_x86 = root / "Program Files (x86)"
        self.home = root / "Users" / THAI_USER

    def install(self, *parts: str) -> Path:
        """A runnable ``soffice.exe`` at ``root/parts``."""
        program = self.root.joinpath(*parts)
        program.parent.mkdir(parents=True, exist_ok=True)
        program.write_text("@echo off\n", encoding="utf-8")
        program.chmod(0o755)
        return program


@pytest.fixture
def windows_pc(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> WindowsPc:
    registry = FakeWinreg()
    pc = WindowsPc(tmp_path, registry)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "winreg", registry)
    monkeypatch.setattr(soffice_locate.shutil, "which", lambda name: None)  # not on PATH
    monkeypatch.delenv(SOFFICE_ENV, raising=False)
    monkeypatch.delenv("ONEDRIVE", raising=False)
    monkeypatch.setenv("ProgramW6432", str(pc.program_files))
    monkeypatch.setenv("ProgramFiles", str(pc.program_files))
    monkeypatch.setenv("ProgramFiles(x86)", str(pc.program_files_x86))
    monkeypatch.setenv("USERPROFILE", str(pc.home))
    monkeypatch.chdir(tmp_path)
    return pc


def test_the_variable_comes_first_on_windows_too(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    chosen = windows_pc.install("D", "LibreOffice 24.2", "program", "soffice.exe")
    monkeypatch.setenv(SOFFICE_ENV, str(chosen))
    assert find_soffice() == chosen


def test_path_comes_before_the_registry(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path = windows_pc.install("bin", "soffice.exe")
    registered = windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    registry = windows_pc.registry
    registry.set(registry.HKEY_LOCAL_MACHINE, registry.KEY_WOW64_64KEY, APP_PATHS, str(registered))
    monkeypatch.setattr(
        soffice_locate.shutil, "which", lambda name: str(on_path) if name == "soffice" else None
    )
    assert find_soffice() == on_path


def test_app_paths_of_the_user_come_before_the_machines(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A per-user install writes HKCU, quoted, with %LOCALAPPDATA% left for Windows to expand.
    monkeypatch.setenv("LOCALAPPDATA", str(windows_pc.home / "AppData" / "Local"))
    mine = windows_pc.install(
        "Users", THAI_USER, "AppData", "Local", "Programs", "LibreOffice", "program", "soffice.exe"
    )
    machine = windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    registry = windows_pc.registry
    registry.set(
        registry.HKEY_CURRENT_USER,
        registry.KEY_WOW64_64KEY,
        APP_PATHS,
        '"%LOCALAPPDATA%/Programs/LibreOffice/program/soffice.exe"',
        registry.REG_EXPAND_SZ,
    )
    registry.set(registry.HKEY_LOCAL_MACHINE, registry.KEY_WOW64_64KEY, APP_PATHS, str(machine))
    assert find_soffice() == mine


def test_libreoffices_own_key_in_the_32_bit_view(windows_pc: WindowsPc) -> None:
    # A 32-bit LibreOffice on 64-bit Windows registers under Wow6432Node: the 32-bit view.
    program = windows_pc.install("Program Files (x86)", "LibreOffice", "program", "soffice.exe")
    windows_pc.program_files_x86.rename(windows_pc.root / "elsewhere")  # found by its key only
    program = windows_pc.root / "elsewhere" / "LibreOffice" / "program" / "soffice.exe"
    registry = windows_pc.registry
    registry.set(
        registry.HKEY_LOCAL_MACHINE,
        registry.KEY_WOW64_32KEY,
        UNO_INSTALL_PATH,
        str(program.parent),  # the installer writes the program folder
    )
    assert find_soffice() == program
    assert (registry.HKEY_LOCAL_MACHINE, registry.KEY_WOW64_64KEY, UNO_INSTALL_PATH) in (
        registry.opened
    )  # both views are read, the 64-bit one first


def test_a_registry_key_that_cannot_be_read_or_holds_no_path_is_passed_over(
    windows_pc: WindowsPc,
) -> None:
    machine = windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    registry = windows_pc.registry
    registry.values[registry.HKEY_CURRENT_USER, registry.KEY_WOW64_64KEY, APP_PATHS] = (
        PermissionError(5, "Access is denied")
    )
    registry.set(registry.HKEY_CURRENT_USER, registry.KEY_WOW64_32KEY, APP_PATHS, 42, 4)  # DWORD
    registry.set(registry.HKEY_LOCAL_MACHINE, registry.KEY_WOW64_64KEY, UNO_INSTALL_PATH, "  ")
    registry.set(registry.HKEY_LOCAL_MACHINE, registry.KEY_WOW64_32KEY, APP_PATHS, str(machine))
    assert find_soffice() == machine


@pytest.mark.parametrize(
    "where",
    [
        ("Program Files", "LibreOffice"),
        ("Program Files (x86)", "LibreOffice"),
        ("Program Files", "LibreOffice 4"),  # LibreOffice before 5 put its version in the name
    ],
)
def test_found_under_either_program_files_without_the_registry(
    windows_pc: WindowsPc, where: tuple[str, str]
) -> None:
    program = windows_pc.install(*where, "program", "soffice.exe")
    assert find_soffice() == program


@pytest.mark.parametrize(
    "where",
    [
        ("Desktop", "LibreOfficePortable"),
        ("Downloads", "LibreOfficePortable"),
        ("Documents", "PortableApps", "LibreOfficePortable"),
        ("PortableApps", "LibreOfficePortable"),
        ("OneDrive", "Desktop", "LibreOfficePortable"),
    ],
)
def test_a_portable_libreoffice_in_the_users_folders(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch, where: tuple[str, ...]
) -> None:
    monkeypatch.setenv("ONEDRIVE", str(windows_pc.home / "OneDrive"))
    program = windows_pc.install("Users", THAI_USER, *where, *PORTABLE_PROGRAM)
    assert find_soffice() == program


def test_an_installed_libreoffice_comes_before_a_portable_one(windows_pc: WindowsPc) -> None:
    windows_pc.install("Users", THAI_USER, "Desktop", "LibreOfficePortable", *PORTABLE_PROGRAM)
    installed = windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    assert find_soffice() == installed


def test_the_portable_search_looks_in_a_few_named_folders_only(windows_pc: WindowsPc) -> None:
    # Never a scan of every drive: a disconnected network drive would hang the search.
    places = soffice_locate.portable_locations()
    assert len(places) <= 20
    home = windows_pc.home
    bases = {home, home / "Desktop", home / "Documents", home / "Downloads", Path("/")}
    for place in places:
        folder = place.parents[len(PORTABLE_PROGRAM) - 1]
        assert folder.name == "LibreOfficePortable"
        base = folder.parent.parent if folder.parent.name == "PortableApps" else folder.parent
        assert base in bases, place


def test_nothing_found_on_windows_says_how_to_install(windows_pc: WindowsPc) -> None:
    with pytest.raises(PdfError) as caught:
        find_soffice()
    assert "ไม่พบโปรแกรม LibreOffice" in caught.value.message
    assert "https://www.libreoffice.org/" in caught.value.message


def test_no_registry_off_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "winreg", None)  # import winreg raises ImportError
    assert soffice_locate.registry_locations() == []


def test_the_profile_url_of_a_thai_user_with_a_space_in_the_name() -> None:
    profile = PureWindowsPath(rf"C:\Users\{THAI_USER}\AppData\Local\Temp\ita-pdf-x\profile1")
    url = soffice.profile_uri(profile)
    assert url.startswith("file:///C:/Users/%E0%B8%AA%E0%B8%A1")  # สม, UTF-8 percent-encoded
    assert "\\" not in url and " " not in url and url.isascii()
    assert urllib.parse.unquote(url) == (
        f"file:///C:/Users/{THAI_USER}/AppData/Local/Temp/ita-pdf-x/profile1"
    )


def test_soffice_workers_on_a_64_core_windows_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr("os.sched_getaffinity", raising=False)  # as on Windows
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert soffice.available_cores() == 64
    assert soffice.worker_count(8_000) == soffice.MOST_WORKERS
    assert soffice.worker_count(20) == 6


@pytest.mark.parametrize("given", ["program", "folder", "install folder", "quoted"])
def test_the_variable_may_name_the_program_or_its_folder(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    # What a clerk copies from Explorer's address bar, quotation marks and all.
    program = windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    value = {
        "program": str(program),
        "folder": str(program.parent),
        "install folder": str(program.parent.parent),
        "quoted": f'"{program}"',
    }[given]
    monkeypatch.setenv(SOFFICE_ENV, value)
    assert find_soffice() == program


def test_the_variable_naming_a_folder_without_libreoffice_is_an_error(
    windows_pc: WindowsPc, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows_pc.install("Program Files", "LibreOffice", "program", "soffice.exe")
    monkeypatch.setenv(SOFFICE_ENV, str(windows_pc.home))
    with pytest.raises(PdfError) as caught:
        find_soffice()
    assert f"ตัวแปร {SOFFICE_ENV} ชี้ไปที่ {windows_pc.home}" in caught.value.message
