"""Playing the clerk: fill in a workbook ``init`` wrote, as a person would, with openpyxl."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl

from ita_report.labels import (
    AGENCY_SHEET,
    ITA_INDICATORS,
    MEASURE_COLUMNS,
    MEASURES_SHEET,
    UNITS_SHEET,
)
from ita_report.model import Status
from ita_report.write.workbook import FIRST_ENTRY_ROW, HEADER_ROW

#: The header label of each measures column, by key.
TITLES = {label.key: label.title for label in MEASURE_COLUMNS}

#: What :func:`fill_in` types; round-trip tests can compare the reader's result with these.
FILL_UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง")
FILL_AGENCY = "เทศบาลตำบลทดสอบ"
FILL_YEAR = 2568


def fill_in(path: Path, *, with_units: bool = True) -> None:
    """Fill a workbook written by ``init`` as a clerk would, and save it in place.

    Every indicator row gets one method, a responsible unit, real start and end dates inside the
    fiscal year, the status ``ดำเนินการแล้ว`` and a result. The agency name and fiscal year are
    typed only where ``init`` left them empty (default :data:`FILL_AGENCY`, :data:`FILL_YEAR`).
    Columns are found by their header labels, not letters, so a change of layout does not break
    it. ``with_units`` also lists the units used on the units sheet.
    """
    workbook = openpyxl.load_workbook(path)
    agency = workbook[AGENCY_SHEET.title]
    field_rows = {agency.cell(row, 1).value: row for row in range(1, agency.max_row + 1)}
    name_cell = agency.cell(field_rows["ชื่อหน่วยงาน"], 2)
    year_cell = agency.cell(field_rows["ปีงบประมาณ"], 2)
    if name_cell.value is None:
        name_cell.value = FILL_AGENCY
    if year_cell.value is None:
        year_cell.value = FILL_YEAR
    ce_year = int(year_cell.value) - 543

    measures = workbook[MEASURES_SHEET.title]
    column = {
        measures.cell(HEADER_ROW, index).value: index for index in range(1, measures.max_column + 1)
    }
    for offset in range(len(ITA_INDICATORS)):
        row = FIRST_ENTRY_ROW + offset
        values = {
            "method": f"จัดทำแนวทางปฏิบัติเรื่องที่ {offset + 1} และเผยแพร่ให้บุคลากรทราบ",
            "responsible": FILL_UNITS[offset % len(FILL_UNITS)],
            "start": datetime(ce_year - 1, 10, 1),
            "end": datetime(ce_year, 9, 30),
            "status": Status.DONE.thai,
            "result": f"ดำเนินการแล้ว เผยแพร่ทางเว็บไซต์ ครั้งที่ {offset + 1}",
        }
        for key, value in values.items():
            measures.cell(row, column[TITLES[key]], value)

    if with_units:
        units = workbook[UNITS_SHEET.title]
        for unit in FILL_UNITS:
            units.append([unit])
    workbook.save(path)
