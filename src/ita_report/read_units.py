"""The optional units sheet (SPEC §1.3): the agency's units, one a row in column A."""

from __future__ import annotations

from ita_report.cells import cell_text
from ita_report.labels import UNITS_HEADER, UNITS_SHEET
from ita_report.problems import Problems
from ita_report.sheet import Sheet
from ita_report.thai import normalise_label

#: A first row that is one of these is a header, not a unit.
_HEADERS = {
    normalise_label(text) for text in (*UNITS_SHEET.spellings(), UNITS_HEADER, "หน่วยงาน", "unit")
}


def read_units(sheet: Sheet, problems: Problems) -> tuple[str, ...]:
    units: list[str] = []
    for row in range(1, sheet.last_row + 1):
        name = cell_text(sheet.raw(row, 1), sheet.ref(row, 1), problems)
        if not name or (row == 1 and normalise_label(name) in _HEADERS):
            continue
        units.append(name)
    return tuple(units)
