"""The default templates' compiled form, kept in the user's cache folder from one run to the next.

Compiling a template means gluing its tags back together with docxtpl, which loads python-docx:
more time than a small build spends on all the rest. What compiling a default template gives is
the same on every run (each part's patched source, the Python code Jinja made of it, the
unchanged parts compressed), so the first run keeps it in a file and the next ones load it,
importing neither docxtpl nor python-docx. What is kept is the compiler's business
(:func:`ita_report.render.compiler.compile_template`); this module says where, under which key,
and makes sure a bad file is never used.

- Only the default templates are kept. A user's ``--template`` is compiled from its own bytes on
  every run: the cache is never asked about it, whatever its name or path.
- A kept form is used only under its key, and the key covers all it was made from: the
  template's bytes, ita-report's version, the size and time of every module that compiles (as
  Python's own ``__pycache__`` checks its sources, so that an edited checkout recompiles),
  docxtpl's modules likewise, Jinja's version and the Python that runs (the code is bytecode,
  in ``marshal``'s format, which changes with Python).
- The cache is only ever a shortcut. A folder that is missing, read-only or full, a file that is
  damaged, cut short or from another version: the template is compiled as before, nothing is
  shown, no run fails. A digest of the contents is checked before ``marshal`` reads them, since
  ``marshal`` is no format for damaged data. The folder is the user's own and trusted as
  Python's ``__pycache__`` folders are: whoever can write there can already change the user's
  programs.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import ita_report

#: The folder of the kept templates, instead of the platform's; empty turns the cache off.
CACHE_DIR_ENV = "ITA_REPORT_CACHE_DIR"

#: The first bytes of every file; a new layout of the file gets a new number here.
_MAGIC = b"ita-report compiled template 1\n"
_DIGEST = 32  # SHA-256


def cache_folder() -> Path | None:
    """The folder of the kept templates, or None when there is none to use.

    ``ITA_REPORT_CACHE_DIR`` when set; else the platform's cache folder: ``%LOCALAPPDATA%``
    on Windows, ``~/Library/Caches`` on macOS, ``$XDG_CACHE_HOME`` or ``~/.cache`` elsewhere.
    """
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    if sys.platform == "win32":
        local = Path(os.environ.get("LOCALAPPDATA", ""))
        return local / "ita-report" / "Cache" if local.is_absolute() else None
    try:
        home = Path.home()
    except RuntimeError:  # no home directory to be found: no cache, as with a read-only one
        home = None
    if sys.platform == "darwin" and home is not None:
        return home / "Library" / "Caches" / "ita-report"
    xdg = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if xdg.is_absolute():  # the XDG specification: a relative path is to be ignored
        return xdg / "ita-report"
    return None if home is None else home / ".cache" / "ita-report"


def template_key(template: bytes) -> bytes:
    """The key a compiled form of ``template`` is kept under: see the module's description."""
    import jinja2

    digest = hashlib.sha256(_MAGIC)
    for text in (ita_report.__version__, _code_stamp(), jinja2.__version__, sys.version):
        digest.update(text.encode("utf-8", "replace") + b"\0")
    digest.update(b"%d\0" % marshal.version)
    digest.update(template)
    return digest.digest()


def load(name: str, key: bytes) -> Any:
    """What :func:`store` kept as ``name`` under ``key``, or None (missing, stale or damaged)."""
    path = _path(name)
    if path is None:
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    start = len(_MAGIC)
    payload = blob[start + 2 * _DIGEST :]
    if (
        blob[:start] != _MAGIC
        or blob[start : start + _DIGEST] != key
        or blob[start + _DIGEST : start + 2 * _DIGEST] != hashlib.sha256(payload).digest()
    ):
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):  # cannot happen past the digest, but costs nothing
        return None


def store(name: str, key: bytes, kept: Any) -> None:
    """Keep ``kept`` (anything ``marshal`` writes) as ``name`` under ``key``, if the folder lets us.

    The file is written beside its place and renamed into it, so that another process reading
    it at the same moment finds the old file or the new one, never half of one.
    """
    path = _path(name)
    if path is None:
        return
    try:
        payload = marshal.dumps(kept)
    except ValueError:
        return
    blob = b"".join((_MAGIC, key, hashlib.sha256(payload).digest(), payload))
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(blob)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


def _path(name: str) -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / f"{name}.compiled"


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Name, size and modification time of each module whose change changes a compiled form.

    The render package and ``ooxml`` (how parts are read, patched, compiled and compressed) and
    docxtpl's modules (how tags are glued), found without importing docxtpl.
    """
    from importlib.util import find_spec

    folders = [Path(__file__).parent, Path(ita_report.__file__).parent / "ooxml.py"]
    docxtpl = find_spec("docxtpl")
    if docxtpl is not None and docxtpl.submodule_search_locations:
        folders.extend(Path(folder) for folder in docxtpl.submodule_search_locations)
    stamps = []
    for where in folders:
        files = sorted(where.glob("*.py")) if where.is_dir() else [where]
        for file in files:
            try:
                status = file.stat()
            except OSError:
                continue
            stamps.append(f"{file}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(stamps)
