"""Writing a finished file so that a reader never sees half of it.

A report replaces last year's copy, often while a batch runs over many agencies or while someone
has the old one open in Word. So every file is first written in full to a temporary file in the
same folder (same folder: a rename is only atomic within one file system), flushed to disk, and
only then renamed over the target. If anything fails, the temporary file is removed and an
existing report is left exactly as it was.

Failures the user can act on (a file open in Word, no permission, a full disk, a name too long)
become :class:`~ita_report.errors.OutputError` with a Thai message that says what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from ita_report.errors import OutputError

#: Temporary files start like this: the ``.~`` prefix is how Office and LibreOffice mark their
#: own scratch files, so a user who sees one knows it is not a report (and it is hidden on Unix).
TEMP_PREFIX = ".~ita-"
TEMP_SUFFIX = ".tmp"

#: Pauses between tries of the final rename when it is refused. Windows refuses to replace a file
#: that Word (or an antivirus scan, or a sync client) holds open; such holds are often brief, so
#: five tries over about two seconds ride them out before we ask the user to close the file.
REPLACE_DELAYS: Sequence[float] = (0.1, 0.25, 0.5, 1.0)

Sleep = Callable[[float], None]

_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_ACCESS = {errno.EACCES, errno.EPERM}


def write_atomic(path: Path, data: bytes, *, sleep: Sleep = time.sleep) -> None:
    """Replace ``path`` with ``data`` all at once; create missing parent folders.

    Parent folders are created because ``--out-dir`` names a folder that need not exist yet.
    ``sleep`` is injectable so that tests of the retry do not wait.
    """
    _write_via_temp(path, lambda out: out.write(data), sleep)


def replace_atomic(tmp_source: Path, path: Path, *, sleep: Sleep = time.sleep) -> None:
    """Put the content of ``tmp_source`` at ``path`` all at once, then delete ``tmp_source``.

    Meant for files another program made in a scratch folder (LibreOffice's PDFs). That folder is
    usually on another file system (``/tmp``), where a plain rename fails; so the content is
    copied into a temporary file beside ``path`` first, and renamed from there.
    """
    try:
        source = tmp_source.open("rb")
    except OSError as error:
        raise OutputError(
            f"ไม่พบไฟล์ชั่วคราวที่ต้องย้ายมาเป็นไฟล์นี้ ({error.strerror}) — ลองสั่งใหม่อีกครั้ง", path
        ) from error
    with source:
        _write_via_temp(path, lambda out: shutil.copyfileobj(source, out), sleep)
    tmp_source.unlink(missing_ok=True)


def _write_via_temp(path: Path, fill: Callable[[BinaryIO], object], sleep: Sleep) -> None:
    """The one implementation behind both public functions: temp file, fsync, rename, clean up."""
    try:
        is_folder = path.is_dir()
    except OSError as error:  # e.g. a name too long even to look up
        raise _explain(error, path) from error
    if is_folder:
        raise OutputError("ชื่อนี้เป็นโฟลเดอร์ ไม่ใช่ไฟล์ — ระบุชื่อไฟล์ที่จะเขียน เช่น report.docx", path)
    folder = path.parent
    _make_folder(folder)
    tmp = _create_temp(folder, path)
    try:
        try:
            with tmp.open("wb") as out:
                fill(out)
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            raise _explain(error, path) from error
        _replace_with_retry(tmp, path, sleep)
    except BaseException:
        # Whatever went wrong (an error, Ctrl+C), no scratch file is left behind; a failure to
        # delete it must not hide the error that matters.
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:
        raise OutputError(
            "สร้างโฟลเดอร์สำหรับไฟล์ผลลัพธ์ไม่ได้ เพราะมีไฟล์ชื่อเดียวกันอยู่ในเส้นทางนี้แล้ว"
            " — เลือกโฟลเดอร์อื่น หรือเปลี่ยนชื่อไฟล์นั้น",
            folder,
        ) from error
    except OSError as error:
        raise _explain(error, folder, creating_folder=True) from error


def _create_temp(folder: Path, path: Path) -> Path:
    """Create an empty, new temporary file in ``folder`` and return its path.

    Not :func:`tempfile.mkstemp`: that makes the file readable by its owner only, and the renamed
    report would keep that mode. ``os.open`` with 0o666 lets the umask decide, as for any
    ordinarily saved file.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{TEMP_SUFFIX}"
        try:
            os.close(os.open(tmp, flags, 0o666))
        except FileExistsError:
            continue
        except OSError as error:
            raise _explain(error, path) from error
        return tmp
    raise OutputError(  # pragma: no cover - 100 collisions of 48 random bits
        "สร้างไฟล์ชั่วคราวในโฟลเดอร์นี้ไม่ได้ — ลบไฟล์ที่ขึ้นต้นด้วย .~ita- ในโฟลเดอร์แล้วลองอีกครั้ง",
        folder,
    )


def _replace_with_retry(tmp: Path, path: Path, sleep: Sleep) -> None:
    for delay in (*REPLACE_DELAYS, None):
        try:
            tmp.replace(path)
        except PermissionError as error:
            if delay is None:
                raise OutputError(
                    "ไม่สามารถเขียนทับไฟล์นี้ได้ เพราะไฟล์เปิดอยู่ในโปรแกรมอื่น (เช่น Word)"
                    " หรือถูกตั้งเป็นอ่านอย่างเดียว — ปิดไฟล์นี้ใน Word แล้วลองอีกครั้ง",
                    path,
                ) from error
            sleep(delay)
        except OSError as error:
            raise _explain(error, path) from error
        else:
            return


def _explain(error: OSError, path: Path, *, creating_folder: bool = False) -> OutputError:
    """Turn an OS error into a message that names the cause and what the user can do."""
    code = error.errno
    if code in _DISK_FULL:
        message = "พื้นที่ดิสก์เต็ม — ลบไฟล์ที่ไม่ใช้แล้ว หรือเลือกที่เก็บอื่นด้วย -o หรือ --out-dir แล้วลองอีกครั้ง"
    elif code == errno.ENAMETOOLONG or getattr(error, "winerror", None) == 206:
        message = (
            "ชื่อไฟล์หรือเส้นทางยาวเกินไป — ตั้งชื่อไฟล์ให้สั้นลง หรือเลือกโฟลเดอร์ที่อยู่ใกล้รากของไดรฟ์ด้วย --out-dir"
        )
    elif code == errno.EROFS:
        message = "ดิสก์นี้เขียนไม่ได้ (อ่านได้อย่างเดียว) — เลือกที่เก็บอื่นด้วย -o หรือ --out-dir"
    elif code in _ACCESS or isinstance(error, PermissionError):
        what = "สร้างโฟลเดอร์นี้" if creating_folder else "เขียนไฟล์ในโฟลเดอร์นี้"
        message = f"ไม่มีสิทธิ์{what} — เลือกที่เก็บอื่นด้วย -o หรือ --out-dir หรือขอสิทธิ์เขียนจากผู้ดูแลเครื่อง"
    else:
        reason = error.strerror or type(error).__name__
        message = f"เขียนไฟล์ไม่สำเร็จ ({reason}) — ตรวจสอบที่เก็บไฟล์แล้วลองอีกครั้ง"
    return OutputError(message, path)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry too, so that the rename itself survives a power cut (POSIX only).

    Best effort: the report is already complete and in place, and some file systems (network
    shares) refuse to fsync a directory.
    """
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
