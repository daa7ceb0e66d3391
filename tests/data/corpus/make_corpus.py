"""Regenerate the other-programs corpus (see README.md here): xlsxwriter, then LibreOffice Calc.

    .venv/bin/python tests/data/corpus/make_corpus.py    # needs LibreOffice (soffice); CI does not

Each case of ``tests/corpus_helpers.py`` is written by xlsxwriter (a second writer beside
openpyxl, which writes the rest of the tests' workbooks) as ``<case>.xlsx``; LibreOffice then saves
every one again as ``<case>.xls`` (Excel 97–2003), ``<case>.ods`` and ``<case>.calc.xlsx`` (Calc's
own .xlsx), one ``soffice`` call per format. ``examples/plan.xls`` and ``examples/plan.ods`` are
saved from ``examples/plan.xlsx`` the same way. Every file is then read back with python-calamine
and compared with what was typed, so that a conversion that lost a cell fails here, not in a test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_cell_to_rowcol, xl_range_abs
from xlsxwriter.workbook import Format
from xlsxwriter.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.corpus_helpers import (  # noqa: E402
    CASES,
    DATE_FORMAT,
    CaseSpec,
    Cell,
    DateSerial,
    SheetSpec,
    expected_grid,
    path_of,
    read_back,
)

#: LibreOffice's export filters, by the ending of the file they write.
FILTERS = {
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
    "calc.xlsx": "xlsx:Calc MS Excel 2007 XML",
}
#: Fixed document properties, so that xlsxwriter writes the same bytes on every run.
CREATED = datetime(2025, 6, 30, 9, 0, 0)


def write_case(case: CaseSpec, path: Path) -> None:
    """Write one case with xlsxwriter; in constant-memory mode its strings are inline strings."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": case.inline_strings})
    workbook.set_properties({"created": CREATED, "author": "สำนักปลัด"})
    dates = workbook.add_format({"num_format": DATE_FORMAT})
    merged = workbook.add_format({"align": "center", "valign": "vcenter", "text_wrap": True})
    for spec in case.sheets:
        sheet = workbook.add_worksheet(spec.name)
        if spec.hidden:
            sheet.hide()
        sheet.set_column(0, 7, 24)
        _write_sheet(sheet, spec, dates, merged)
    workbook.close()


def _write_sheet(sheet: Worksheet, spec: SheetSpec, dates: Format, merged: Format) -> None:
    merge_tops = {}
    for span in spec.merges:
        first, last = span.split(":")
        (top, left), (bottom, right) = xl_cell_to_rowcol(first), xl_cell_to_rowcol(last)
        merge_tops[(top, left)] = (bottom, right)
        for row in range(top, bottom + 1):
            for col in range(left, right + 1):
                if (row, col) != (top, left):
                    assert _cell(spec, row, col) is None, f"{spec.name}: {span} covers a value"
    for row, cells in enumerate(spec.rows):
        for col, value in enumerate(cells):
            if (row, col) in merge_tops:
                bottom, right = merge_tops[(row, col)]
                assert isinstance(value, str), xl_range_abs(row, col, bottom, right)
                sheet.merge_range(row, col, bottom, right, value, merged)
            elif isinstance(value, str):
                sheet.write_string(row, col, value)
            elif isinstance(value, datetime):
                sheet.write_datetime(row, col, value, dates)
            elif isinstance(value, DateSerial):
                sheet.write_number(row, col, value.serial, dates)
            elif isinstance(value, int):
                sheet.write_number(row, col, value)


def _cell(spec: SheetSpec, row: int, col: int) -> Cell:
    cells = spec.rows[row] if row < len(spec.rows) else ()
    return cells[col] if col < len(cells) else None


def convert(sources: list[Path], fmt: str, target: Path) -> None:
    """Save every source again with LibreOffice, as ``<stem>.<fmt>`` in ``target``."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("needs LibreOffice Calc: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}",
                "--convert-to",
                FILTERS[fmt],
                "--outdir",
                str(out),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        suffix = fmt.removeprefix("calc.")
        for source in sources:
            made = out / f"{source.stem}.{suffix}"
            if not made.exists():
                raise SystemExit(f"LibreOffice did not write {made.name}")
            shutil.move(made, target / f"{source.stem}.{fmt}")


def verify(case: CaseSpec, fmt: str) -> None:
    """The file holds what was typed: every sheet, its visibility, its cells and merges."""
    path = path_of(case.name, fmt)
    sheets = read_back(path)
    assert list(sheets) == [spec.name for spec in case.sheets], (path, list(sheets))
    for spec in case.sheets:
        found = sheets[spec.name]
        assert found.visible is not spec.hidden, (path, spec.name)
        assert found.rows == expected_grid(spec), (path, spec.name, found.rows)
        assert found.merges == set(spec.merges), (path, spec.name, found.merges)
    if fmt == "xlsx":
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            inline = any(
                b't="inlineStr"' in archive.read(name)
                for name in names
                if name.startswith("xl/worksheets/")
            )
        assert inline is case.inline_strings, path
        assert ("xl/sharedStrings.xml" in names) is not case.inline_strings, path


def main() -> None:
    sources = []
    for case in CASES.values():
        path = path_of(case.name, "xlsx")
        write_case(case, path)
        sources.append(path)
    for fmt in FILTERS:
        convert(sources, fmt, HERE)
    examples = ROOT / "examples"
    for fmt in ("xls", "ods"):
        convert([examples / "plan.xlsx"], fmt, examples)
    for case in CASES.values():
        for fmt in ("xlsx", *FILTERS):
            verify(case, fmt)
            print(f"{path_of(case.name, fmt).name:40} {path_of(case.name, fmt).stat().st_size:>7}")


if __name__ == "__main__":
    main()
