"""Regenerate the tiny .ods files of tests/data/ods with LibreOffice Calc.

    .venv/bin/python tests/data/ods/make_ods_files.py     # needs libreoffice-calc (not CI)

Each workbook is written as .xlsx with openpyxl, then opened and saved as .ods by Calc, so that
the .ods reader is tested against what Calc really writes (repeats, spans, covered cells, its
value types), not against our idea of it. ``tests/test_read_ods.py`` asserts their cells, and
(where LibreOffice is installed) that the files made again read the same.

- ``cells.ods``: every kind of value, horizontal and vertical merges, a cell repeated over three
  columns, three equal rows, a comment, rich text, =1/0 and a formula with its value, a B.E.
  date (31/3/2568), 29/2/2568 (a real day in the C.E. year 2568, so Calc keeps it as a date),
  29/2/2567 (no such day: Calc keeps the text), a hidden sheet and an empty one.
- ``formatted.ods``: column A formatted down to row 1,048,576 and a stray value in C1048576.
- ``encrypted.ods`` is not made here: a small workbook saved by Calc 7.4 with the password
  "secret" (a Basic macro: ``doc.storeToURL(url, [FilterName="calc8", Password="secret"])``,
  which ``soffice --convert-to`` cannot do), kept because a real one proves what Calc's manifest
  of an encrypted file looks like.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime, time
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.data.make_real_files import convert  # noqa: E402


def cells_workbook(path: Path) -> Path:
    """Every kind of value, merge and repeat a clerk's sheet may hold, plus a hidden sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "ค่า (ปี 68)"
    ws["A1"] = "ชื่อ"
    ws["B1"] = "ผสานแนวนอน"
    ws.merge_cells("B1:C1")
    ws["A2"] = 2564
    ws["B2"] = 3.25
    ws["C2"] = True
    ws["D2"] = ws["E2"] = ws["F2"] = "ซ้ำ"  # one cell repeated over three columns
    ws["A3"] = "ผสานแนวตั้ง"
    ws.merge_cells("A3:A5")
    ws["B3"] = datetime(2568, 3, 31)  # a B.E. year typed into a date cell
    ws["B3"].number_format = "d/m/yyyy"
    ws["B4"] = datetime(2568, 2, 29)  # 29/2/2568 B.E. does not exist; as a C.E. year it does
    ws["B4"].number_format = "d/m/yyyy"
    ws["B5"] = "29/2/2567"  # no such day in either era: Calc keeps it as text
    ws["C3"] = 0.85
    ws["C3"].number_format = "0%"
    ws["C4"] = 0.855
    ws["C4"].number_format = "0.0%"
    ws["C5"] = 1234567
    ws["C5"].number_format = "#,##0"
    ws["A6"] = "บรรทัดแรก\nบรรทัดสอง"
    ws["B6"] = "  นำหน้า  กลาง   ท้าย"
    ws["C6"] = "=1/0"
    ws["D6"] = "=2563+1"
    ws["E6"] = datetime(2021, 3, 1, 10, 30)
    ws["E6"].number_format = "d/m/yyyy h:mm"
    ws["F6"] = time(10, 30)
    ws["F6"].number_format = "h:mm"
    ws["A7"] = "มีหมายเหตุ"
    ws["A7"].comment = Comment("หมายเหตุที่ไม่ใช่ค่า", "ผู้ตรวจ")
    ws["B7"] = CellRichText("ตัว", TextBlock(InlineFont(b=True), "หนา"), "ปกติ")
    ws["C7"] = '=""'  # a formula whose value is empty text: no value
    for row in (9, 10, 11):  # three identical rows: Calc writes one row repeated three times
        ws.cell(row, 1, "แถวซ้ำ")
        ws.cell(row, 2, 7)
    ws["A13"] = "ท้ายตาราง"
    hidden = wb.create_sheet("ซ่อน")
    hidden["A1"] = "ปีที่แล้ว"
    hidden.sheet_state = "hidden"
    wb.create_sheet("ว่าง")
    wb.save(path)
    return path


def formatted_workbook(path: Path) -> Path:
    """A sheet formatted down to row 1,048,576 with a stray value in its last row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "ยาว"
    fill = PatternFill("solid", fgColor="FFFF00")
    ws.column_dimensions["A"].fill = fill
    ws["A1"] = "หัว"
    ws["B2"] = "ข้อมูล"
    ws["C1048576"] = "หลงมา"
    ws["C1048576"].fill = fill
    wb.save(path)
    return path


SOURCES = {"cells": cells_workbook, "formatted": formatted_workbook}


def make_all(out: Path) -> list[Path]:
    """Write every .ods into ``out``; also leaves there the .xlsx each was made from."""
    made = []
    for name, make in SOURCES.items():
        source = make(out / f"{name}.xlsx")
        convert(source, out / f"{name}.ods")
        made.append(out / f"{name}.ods")
    return made


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for made in make_all(Path(scratch)):
            shutil.move(made, HERE / made.name)
            print(made.name, (HERE / made.name).stat().st_size)


if __name__ == "__main__":
    main()
