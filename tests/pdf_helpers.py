"""A fake ``soffice`` that fails in each way the real one does, a check for live processes, and
what the tests of real LibreOffice share: their skip marker and poppler's output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ita_report.write.pdf import SOFFICE_ENV

# The fake records its arguments, then acts as MODE says on every .docx it is given.
FAKE = """\
import pathlib, sys
args = sys.argv[1:]
pathlib.Path({argv_log!r}).write_text("\\n".join(args), encoding="utf-8")
out_dir = pathlib.Path(args[args.index("--outdir") + 1])
inputs = [pathlib.Path(a) for a in args if a.endswith(".docx")]
for number, docx in enumerate(inputs):
    pdf = out_dir / (docx.stem + ".pdf")
{mode}
"""

MODES = {
    # A PDF whose body is the .docx's bytes, so a test can tell which report it came from.
    "good": "    pdf.write_bytes(b'%PDF-1.7\\n' + docx.read_bytes() + b'\\n%%EOF\\n')",
    "none": "    print('Error: source file could not be loaded', file=sys.stderr)",
    "first_only": (
        "    if number == 0:\n"
        "        pdf.write_bytes(b'%PDF-1.7\\n' + docx.read_bytes() + b'\\n%%EOF\\n')"
    ),
    "not_pdf": "    pdf.write_bytes(b'<html>error</html>')",
    "truncated": "    pdf.write_bytes(b'%PDF-1.7\\n1 0 obj')",
    "crash": "    pass\nsys.exit(134)",
}


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str) -> Path:
    """Install a fake soffice; return the file where it records its arguments."""
    argv_log = tmp_path / "argv.txt"
    script = tmp_path / "fake-soffice"
    body = FAKE.format(argv_log=str(argv_log), mode=MODES[mode])
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv(SOFFICE_ENV, str(script))
    return argv_log


def alive(pid: int) -> bool:
    """Running (a zombie waiting for a parent that does not reap it counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in {"Z", "X"}


#: Skips a test of real LibreOffice where it is not installed (CI installs it).
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed",
)


def poppler(*command: str) -> str:
    """What a poppler-utils command (``pdftotext``, ``pdffonts``) prints."""
    assert shutil.which(command[0]), "the libreoffice tests need poppler-utils"
    return subprocess.run(command, capture_output=True, check=True, text=True).stdout


def pdf_text(pdf: Path) -> str:
    """The text of a PDF, as ``pdftotext`` reads it."""
    return poppler("pdftotext", str(pdf), "-")
