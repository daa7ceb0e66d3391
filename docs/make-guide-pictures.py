"""Draw the console pictures of docs/guide-th.md from the real output of ita-report.

Each picture is a command run for real (the installed ``ita-report`` beside this Python), its
colours kept (``FORCE_COLOR``), laid out by rich into an SVG terminal window and turned into a
PNG by ``rsvg-convert`` (Debian's librsvg2-bin) with the Thai fonts of fonts-thai-tlwg:

- ``guide-check.png``: ``check plan.xlsx --as-of 31/3/2564`` on the example workbook;
- ``guide-validate.png``: ``validate`` on a copy of it with three mistakes a clerk makes.

    .venv/bin/python docs/make-guide-pictures.py
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

DOCS = Path(__file__).resolve().parent
EXAMPLE = DOCS.parent / "examples" / "plan.xlsx"
ITA_REPORT = Path(sys.executable).with_name("ita-report")
WIDTH = 100
#: A monospace font with the box-drawing characters; fontconfig finds a Thai one for Thai text.
FONTS = "DejaVu Sans Mono, monospace"


#: rich's SVG: a run of text at ``x``, stretched to ``textLength`` (its number of characters).
_TEXT = re.compile(
    r'<text (?P<before>[^>]*?)x="(?P<x>[0-9.]+)"(?P<after>[^>]*)>(?P<text>[^<]*)</text>'
)
#: The width of a cell in rich's SVG: 20 px type, 0.61 of it wide.
CELL = 20 * 0.61


def _cell_by_cell(match: re.Match[str]) -> str:
    """A run of text drawn one character cluster a cell, each at its own place.

    rich stretches a run to its number of characters; a Thai vowel or tone mark takes no cell,
    so the run comes out too wide and the marks are pulled off their consonants. Placing each
    cluster (a character and the marks over or under it) at its cell keeps the table's lines
    straight whatever the Thai font's widths.
    """
    if "textLength" not in match["after"]:
        return match[0]
    after = re.sub(r' textLength="[0-9.]+"', "", match["after"])
    clusters: list[tuple[int, str]] = []
    cells = 0
    for char in html.unescape(match["text"]):
        if cell_len(char) == 0 and clusters:
            clusters[-1] = (clusters[-1][0], clusters[-1][1] + char)
            continue
        clusters.append((cells, char))
        cells += cell_len(char)
    x = float(match["x"])
    return "".join(
        f'<text {match["before"]}x="{x + at * CELL:.1f}"{after}>{html.escape(text)}</text>'
        for at, text in clusters
        if text.strip("\xa0 ")
    )


def run(folder: Path, *args: str) -> str:
    """The command's stdout and stderr, as a console showed them (colours included)."""
    env = {**os.environ, "COLUMNS": str(WIDTH), "FORCE_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run(
        [str(ITA_REPORT), *args], cwd=folder, env=env, capture_output=True, check=False
    )
    return (done.stderr + done.stdout).decode("utf-8")


def picture(name: str, prompt: str, output: str) -> None:
    console = Console(
        record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    console.print(Text(f"PS C:\\ITA> {prompt}", style="bold"))
    console.print(Text.from_ansi(output.rstrip("\n")))
    svg = console.export_svg(title="Windows PowerShell").replace("Fira Code", FONTS)
    svg = _TEXT.sub(_cell_by_cell, svg)
    with tempfile.TemporaryDirectory() as temp:
        source = Path(temp) / "picture.svg"
        source.write_text(svg, encoding="utf-8")
        subprocess.run(
            ["rsvg-convert", "--zoom", "1.5", "-o", str(DOCS / name), str(source)], check=True
        )
    print(f"docs/{name}")


def with_mistakes(path: Path) -> None:
    """The example with what clerks get wrong: a unit left empty, a status and a date mistyped."""
    book = load_workbook(path)
    sheet = book["มาตรการ"]
    sheet["C5"] = None
    sheet["G6"] = "เสร็จ"
    sheet["F7"] = "31/2/2564"
    book.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        shutil.copy(EXAMPLE, folder / "plan.xlsx")
        check = ("check", "plan.xlsx", "--as-of", "31/3/2564")
        picture("guide-check.png", " ".join(["ita-report", *check]), run(folder, *check))
        with_mistakes(folder / "plan.xlsx")
        validate = ("validate", "plan.xlsx")
        picture("guide-validate.png", " ".join(["ita-report", *validate]), run(folder, *validate))


if __name__ == "__main__":
    main()
