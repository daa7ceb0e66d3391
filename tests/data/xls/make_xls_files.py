"""Regenerate the committed .xls files of tests/data/xls with LibreOffice Calc.

    .venv/bin/python tests/data/xls/make_xls_files.py     # needs libreoffice-calc (CI does not)

Each workbook is written with openpyxl as .xlsx and saved by Calc as *Excel 97–2003*, so that
the tests read what a real program writes into BIFF8, not our idea of it:

- ``cells.xls``: every kind of value the .xls reader turns into a Grid (see ``CELLS``), merges,
  a hidden and a very hidden sheet, and a sheet whose data starts at C5.
- ``cells.xlsx``: the same saved by Calc as *Excel 2007–365*, so that a test can show that the
  two readers give the same grid, cell for cell and type for type (85%, #N/A, dates, times).
- ``encrypted.xls``: the same saved by Calc with the password ``secret`` (a Basic macro: the
  command line cannot set a password), so that the message for a protected file is proven on
  a real one.

Calc writes a very hidden sheet as merely hidden; the script then sets the sheet's state byte in
its BOUNDSHEET record to 2 (very hidden), as Excel would have written it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

HERE = Path(__file__).resolve().parent
PASSWORD = "secret"

#: Cell → (value, number format) of the first sheet, ``ข้อมูล``.
CELLS: dict[str, tuple[object, str | None]] = {
    "A1": ("แผนมาตรการ ปีงบประมาณ พ.ศ. ๒๕๖๘", None),  # merged A1:C1 (horizontal)
    "A3": ("๑. การใช้งบประมาณ", None),  # merged A3:A5 (vertical)
    "B3": (datetime(2568, 3, 31), "d/m/yyyy"),  # 31/3/2568 typed: a B.E. year in a date cell
    "B4": (datetime(2568, 2, 29), "d/m/yyyy"),  # 29/2/2568: a day of 2568 C.E., none of 2025
    "B5": ("29/2/2567", None),  # no such day in either calendar: Calc keeps it as text
    "B6": (0.85, "0%"),
    "B7": (1234.5, "#,##0.00"),
    "B8": ("=1/0", None),  # #DIV/0!
    "B9": ("=NA()", None),  # #N/A
    "B10": ("=2563+1", None),  # computed and saved by Calc: 2564
    "B11": ('="เผยแพร่"&"แล้ว"', None),
    "B12": ("บรรทัดหนึ่ง\nบรรทัดสอง", None),  # a line break in the cell (wrap text)
    "B13": (True, None),
    "B14": (time(12, 30), "hh:mm"),
    "B15": (1.5, "[h]:mm:ss"),  # a duration: 36 hours
    "B16": (datetime(2021, 3, 1, 14, 30), "d/m/yyyy hh:mm"),
    "B17": (0.1, None),
    "B18": (2564.0, None),
    "B19": ("  ", None),  # spaces only: kept as typed
}


def source_workbook(path: Path) -> Path:
    wb = Workbook()
    data = wb.active
    assert data is not None
    data.title = "ข้อมูล"
    for ref, (value, number_format) in CELLS.items():
        data[ref] = value
        if number_format:
            data[ref].number_format = number_format
    data["B12"].alignment = Alignment(wrap_text=True)
    data.merge_cells("A1:C1")
    data.merge_cells("A3:A5")
    hidden = wb.create_sheet("ซ่อน")
    hidden["A1"] = "ชีตที่ซ่อน"
    hidden.sheet_state = "hidden"
    very_hidden = wb.create_sheet("ซ่อนมาก")
    very_hidden["A1"] = "ชีตที่ซ่อนมาก"
    very_hidden.sheet_state = "veryHidden"
    offset = wb.create_sheet("เริ่มC5")
    offset["C5"] = "หัวตาราง"
    offset["D6"] = 7
    offset["E8"] = "ท้าย"
    offset["C9"] = "ผสานแนวนอน"
    offset.merge_cells("C9:E9")
    offset["F5"] = "ผสานแนวตั้ง"
    offset.merge_cells("F5:F7")
    wb.save(path)
    return path


def soffice(profile: Path, *arguments: str) -> None:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise SystemExit("needs LibreOffice Calc: apt-get install libreoffice-calc-nogui")
    subprocess.run(
        [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            *arguments,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )


def make_very_hidden(path: Path, sheet: str) -> None:
    """Set the BOUNDSHEET state of ``sheet`` (a UTF-16 name) from hidden (1) to very hidden (2)."""
    data = bytearray(path.read_bytes())
    name = sheet.encode("utf-16-le")
    at = data.find(bytes([len(sheet), 1]) + name)  # cch, fHighByte, the name
    assert at > 10 and data[at - 10 : at - 8] == b"\x85\x00", "BOUNDSHEET record not found"
    assert data[at - 2] == 1, "the sheet is not hidden"
    data[at - 2] = 2
    path.write_bytes(bytes(data))


_SAVE_WITH_PASSWORD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub SaveWithPassword
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = "Hidden" : load(0).Value = True
  doc = StarDesktop.loadComponentFromURL("{source}", "_blank", 0, load())
  Dim store(1) As New com.sun.star.beans.PropertyValue
  store(0).Name = "FilterName" : store(0).Value = "MS Excel 97"
  store(1).Name = "Password" : store(1).Value = "{password}"
  doc.storeToURL("{target}", store())
  doc.close(True)
End Sub
</script:module>
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        profile = scratch / "profile"
        source = source_workbook(scratch / "cells.xlsx")
        soffice(profile, "--convert-to", "xls:MS Excel 97", "--outdir", str(scratch), str(source))
        made = scratch / "cells.xls"
        make_very_hidden(made, "ซ่อนมาก")
        shutil.copyfile(made, HERE / "cells.xls")
        as_xlsx = scratch / "xlsx"
        soffice(
            profile,
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(as_xlsx),
            str(source),
        )
        shutil.copyfile(as_xlsx / "cells.xlsx", HERE / "cells.xlsx")
        # The first run made the profile and its Standard Basic library; put the macro in it.
        module = profile / "user" / "basic" / "Standard" / "Module1.xba"
        encrypted = scratch / "encrypted.xls"
        module.write_text(
            _SAVE_WITH_PASSWORD.format(
                source=source.as_uri(), target=encrypted.as_uri(), password=PASSWORD
            ),
            encoding="utf-8",
        )
        soffice(profile, "macro:///Standard.Module1.SaveWithPassword")
        shutil.copyfile(encrypted, HERE / "encrypted.xls")
    for path in sorted(HERE.glob("*.xls*")):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
