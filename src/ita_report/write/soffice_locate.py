"""Where LibreOffice's ``soffice`` is: the one the user named, else the one installed.

On Linux LibreOffice is on PATH; on the clerks' Windows PCs it rarely is: the installer
registers it in the registry and puts it under Program Files, and offices that may not install
software carry LibreOffice Portable on a USB stick or on the Desktop. So the search goes, first
found wins:

1. ``ITA_REPORT_SOFFICE``: the program, its folder, or a command name looked up on PATH. Set but
   wrong is an error, never a reason to fall back: the user set it to choose one LibreOffice.
2. ``soffice`` or ``libreoffice`` on PATH.
3. Windows' registry, current user before machine, the 64-bit view before the 32-bit one:
   ``App Paths\\soffice.exe`` (the full path of the program; Windows' own way for a program to
   be found by name) and ``SOFTWARE\\LibreOffice\\UNO\\InstallPath`` (LibreOffice's installer
   writes the ``program`` folder there).
4. The install folders: ``LibreOffice*`` under every Program Files (64-bit, x86, and as the
   environment names them, so a 32-bit Python finds a 64-bit LibreOffice); on macOS the
   Applications folders; on Linux the tarball installs under ``/opt``.
5. On Windows, a LibreOffice Portable, looked for in a bounded set of places only (never a
   scan of the disks, which would hang on a disconnected network drive):
   ``LibreOfficePortable`` and ``PortableApps\\LibreOfficePortable`` in the user's home,
   Desktop, Documents and Downloads (and OneDrive's Desktop and Documents, where Windows moves
   them), and at the root of the drive the command runs from and of the drive Python runs
   from (a USB stick carrying both).
"""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol, cast

from ita_report.errors import PdfError

#: Names the program to run instead of searching for LibreOffice.
SOFFICE_ENV = "ITA_REPORT_SOFFICE"

INSTALL_HINT = (
    "ติดตั้ง LibreOffice ก่อน: Debian/Ubuntu ใช้คำสั่ง"
    " sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg ;"
    " Windows และ macOS ดาวน์โหลดได้จาก https://www.libreoffice.org/"
    f" — หรือกำหนดตัวแปร {SOFFICE_ENV} ให้ชี้ไปที่โปรแกรม soffice"
)

#: The registry keys that name LibreOffice, and whether their value is the program itself
#: (App Paths) or the folder holding it (LibreOffice's own key).
REGISTRY_KEYS: tuple[tuple[str, bool], ...] = (
    (r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe", True),
    (r"SOFTWARE\LibreOffice\UNO\InstallPath", False),
)

#: Where LibreOffice Portable (PortableApps.com) keeps the program, under its own folder.
PORTABLE_PROGRAM = ("App", "libreoffice", "program", "soffice.exe")


class Registry(Protocol):
    """What is used of :mod:`winreg`; a protocol so that tests can fake it off Windows."""

    HKEY_CURRENT_USER: int
    HKEY_LOCAL_MACHINE: int
    KEY_READ: int
    KEY_WOW64_64KEY: int
    KEY_WOW64_32KEY: int
    REG_EXPAND_SZ: int

    def OpenKey(self, key: int, sub_key: str, reserved: int, access: int) -> Any: ...

    def QueryValueEx(self, key: Any, name: str) -> tuple[Any, int]: ...

    def ExpandEnvironmentStrings(self, text: str) -> str: ...


def find_soffice() -> Path:
    """The LibreOffice program to run; PdfError with install instructions if there is none."""
    chosen = os.environ.get(SOFFICE_ENV, "").strip().strip('"')
    if chosen:
        program = _chosen(chosen)
        if program is None:
            raise PdfError(
                f"ตัวแปร {SOFFICE_ENV} ชี้ไปที่ {chosen} ซึ่งไม่พบหรือไม่ใช่โปรแกรมที่เรียกใช้ได้"
                f" — แก้ค่าตัวแปรให้ชี้ไปที่โปรแกรม soffice ของ LibreOffice หรือลบตัวแปรนี้"
            )
        return program
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    for candidate in candidates():
        if _runnable(candidate):
            return candidate
    raise PdfError(f"ไม่พบโปรแกรม LibreOffice ซึ่งจำเป็นสำหรับการสร้าง PDF (--pdf) — {INSTALL_HINT}")


def _chosen(chosen: str) -> Path | None:
    """What ``ITA_REPORT_SOFFICE`` names: a program, a command on PATH, or LibreOffice's folder.

    A folder is accepted because that is what a user copies from Explorer's address bar
    (``C:\\Program Files\\LibreOffice\\program``, or the install folder above it). Windows'
    users often paste the path in quotation marks, which are no part of it.
    """
    path = Path(chosen)
    if path.is_dir():
        for program in ("soffice.exe", "soffice", "program/soffice.exe", "program/soffice"):
            if _runnable(path / program):
                return path / program
        return None
    if _runnable(path):
        return path
    found = shutil.which(chosen)
    return Path(found) if found is not None else None


def _runnable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def candidates() -> list[Path]:
    """Every place LibreOffice may be off PATH, in the order they are tried."""
    if sys.platform == "win32":
        return [*registry_locations(), *program_files_locations(), *portable_locations()]
    if sys.platform == "darwin":
        return [
            Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
            Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
    # The tarballs from libreoffice.org install under /opt/libreoffice<version>.
    return [
        Path("/usr/lib/libreoffice/program/soffice"),
        *sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True),
    ]


def registry_locations(registry: Registry | None = None) -> list[Path]:
    """The programs Windows' registry names, current user first; none off Windows.

    An installer for all users writes HKLM, one for the user alone HKCU. The 64-bit and 32-bit
    views are both read explicitly: a 32-bit Python would otherwise see only the 32-bit view
    (``Wow6432Node``) and miss a 64-bit LibreOffice.
    """
    registry = registry or _winreg()
    if registry is None:
        return []
    found: list[Path] = []
    for hive in (registry.HKEY_CURRENT_USER, registry.HKEY_LOCAL_MACHINE):
        for view in (registry.KEY_WOW64_64KEY, registry.KEY_WOW64_32KEY):
            for sub_key, names_program in REGISTRY_KEYS:
                value = _default_value(registry, hive, sub_key, registry.KEY_READ | view)
                if value is None:
                    continue
                place = Path(value)
                places = [place] if names_program else [place / "soffice.exe"]
                if not names_program:  # the key is meant to hold the program folder; be lenient
                    places.append(place / "program" / "soffice.exe")
                found.extend(path for path in places if path not in found)
    return found


def program_files_locations() -> list[Path]:
    """``LibreOffice*\\program\\soffice.exe`` under each Program Files folder, newest name first.

    LibreOffice installs as ``LibreOffice``; versions before 5 as ``LibreOffice 4`` and the like.
    """
    roots: list[str] = []
    for name in ("ProgramW6432", "ProgramFiles", "ProgramFiles(x86)"):
        value = os.environ.get(name, "").strip()
        if value and value not in roots:
            roots.append(value)
    for fixed in (r"C:\Program Files", r"C:\Program Files (x86)"):
        if fixed not in roots:
            roots.append(fixed)
    found: list[Path] = []
    for root in roots:
        found.append(Path(root, "LibreOffice", "program", "soffice.exe"))
        try:
            others = sorted(Path(root).glob("LibreOffice*"), reverse=True)
        except OSError:
            others = []
        found.extend(
            folder / "program" / "soffice.exe" for folder in others if folder.name != "LibreOffice"
        )
    return found


def portable_locations() -> list[Path]:
    """Where a LibreOffice Portable may be: a fixed, short list of folders (see the module)."""
    bases: list[Path] = []
    home = Path(os.environ.get("USERPROFILE") or Path.home())
    bases.append(home)
    bases.extend(home / name for name in ("Desktop", "Documents", "Downloads"))
    onedrive = os.environ.get("ONEDRIVE", "").strip()
    if onedrive:
        bases.extend(Path(onedrive) / name for name in ("Desktop", "Documents"))
    bases.extend(Path(place.anchor) for place in (Path.cwd(), Path(sys.executable)) if place.anchor)
    found: list[Path] = []
    for base in _unique(bases):
        found.append(base.joinpath("LibreOfficePortable", *PORTABLE_PROGRAM))
        found.append(base.joinpath("PortableApps", "LibreOfficePortable", *PORTABLE_PROGRAM))
    return found


def _winreg() -> Registry | None:
    try:
        module = importlib.import_module("winreg")
    except ImportError:  # not Windows
        return None
    return cast(Registry, module)


def _default_value(registry: Registry, hive: int, sub_key: str, access: int) -> str | None:
    """A key's default value as a path, environment variables expanded; None if there is none."""
    try:
        with registry.OpenKey(hive, sub_key, 0, access) as key:
            value, kind = registry.QueryValueEx(key, "")
    except OSError:  # no such key or value, or no right to read it
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().strip('"').strip()
    if kind == registry.REG_EXPAND_SZ:
        text = registry.ExpandEnvironmentStrings(text)
    return text or None


def _unique(paths: list[Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for path in paths:
        if path not in seen:
            seen.add(path)
            yield path
