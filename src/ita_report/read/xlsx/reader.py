"""An .xlsx or .xlsm as a :class:`~ita_report.read.sheet.SpreadsheetFile`: sheets and their grids.

The package is checked once (``package``); the shared strings and cell formats, which every sheet
needs, are read on the first sheet asked for; each sheet is then streamed on its own (``scan``),
so that sheets nobody reads (instructions, drop-down lists) cost nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ita_report.errors import WorkbookUnreadable
from ita_report.read.sheet import Grid, SheetInfo
from ita_report.read.xlsx.package import PART_ERRORS, WorkbookPackage, open_package
from ita_report.read.xlsx.parts import read_cell_formats, read_shared_strings
from ita_report.read.xlsx.scan import CellStyles, scan_sheet


class XlsxWorkbook:
    """An opened .xlsx; close it when done (the zip stays open between sheets)."""

    def __init__(self, package: WorkbookPackage) -> None:
        self.package = package
        self.path = package.path
        self._styles: CellStyles | None = None

    @property
    def sheets(self) -> tuple[SheetInfo, ...]:
        hidden = self.package.hidden
        return tuple(SheetInfo(name, name not in hidden) for name in self.package.sheet_parts)

    def grid(self, name: str) -> Grid:
        package = self.package
        try:
            if self._styles is None:
                formats = read_cell_formats(package.archive, package.styles)
                self._styles = CellStyles(
                    read_shared_strings(package.archive, package.shared_strings),
                    formats.dates,
                    package.date1904,
                    formats.numbers,
                )
            return scan_sheet(package.archive, package.sheet_parts[name], self._styles)
        except PART_ERRORS as exc:
            raise WorkbookUnreadable(
                "เนื้อหาภายในไฟล์เสียหาย (XML ของชีตอ่านไม่ได้) — เปิดไฟล์ใน Excel หรือ LibreOffice Calc "
                "แล้วบันทึกเป็น .xlsx อีกครั้ง",
                self.path,
            ) from exc

    def close(self) -> None:
        self.package.close()


def open_xlsx(
    path: Path, *, head: bytes | None = None, archive: zipfile.ZipFile | None = None
) -> XlsxWorkbook:
    """Open an .xlsx/.xlsm; WorkbookUnreadable, saying what the file is, for anything else.

    ``head`` and ``archive``: the file's first bytes and the file opened as a zip, when the
    caller has them already (see :func:`~ita_report.read.xlsx.package.open_package`).
    """
    return XlsxWorkbook(open_package(path, head=head, archive=archive))
