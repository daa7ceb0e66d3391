"""The agency sheet (SPEC §1.1) and the optional units sheet (§1.3): a label or a name a row."""

from __future__ import annotations

import re
from datetime import date

from ita_report.labels import AGENCY_FIELDS, UNITS_HEADER, UNITS_SHEET, lookup
from ita_report.model import FISCAL_YEARS, Agency, ProblemLog
from ita_report.periods import as_date, parse_date_text
from ita_report.read.cells import cell_text, normalised
from ita_report.read.sheet import Sheet, is_blank
from ita_report.thai import arabic, be_year, normalise_label

_FIELDS = lookup(AGENCY_FIELDS)
_YEAR = re.compile(r"^\s*(?:พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)?\s*(\d{4})\s*$")


def read_agency(sheet: Sheet, problems: ProblemLog) -> Agency | None:
    """The agency, or None when a required field is missing (each problem recorded)."""
    values: dict[str, object] = {}
    cells: dict[str, str] = {}
    for row in range(1, sheet.last_row + 1):
        label_value = sheet.raw(row, 1)
        if is_blank(label_value):
            if not is_blank(sheet.raw(row, 2)):
                problems.warning(
                    sheet.ref(row, 1), "มีข้อมูลในคอลัมน์ B แต่ไม่มีชื่อรายการในคอลัมน์ A จึงไม่ได้ใช้"
                )
            continue
        field = _FIELDS.get(normalised(str(label_value)))
        if field is None:
            if row != 1:  # a first row such as "รายการ | ข้อมูล" is a header
                problems.warning(sheet.ref(row, 1), f"ไม่รู้จักรายการ '{label_value}' จึงไม่ได้ใช้")
            continue
        if field.key in values:
            problems.error(sheet.ref(row, 1), f"รายการ '{field.title}' ซ้ำ — เหลือไว้แถวเดียว")
            continue
        values[field.key] = sheet.raw(row, 2)
        cells[field.key] = sheet.ref(row, 2)

    def text(key: str) -> str:
        return cell_text(values.get(key), cells.get(key, sheet.name), problems)

    for field in AGENCY_FIELDS:
        if field.required and is_blank(values.get(field.key)):
            where = cells.get(field.key, sheet.name)
            problems.error(where, f"ต้องกรอก '{field.title}'")
    name = text("agency")
    fiscal_year = _year(values.get("fiscal_year"), cells.get("fiscal_year"), "ปีงบประมาณ", problems)
    assessed_year = _year(
        values.get("assessed_year"), cells.get("assessed_year"), "ปีที่ประเมิน", problems
    )
    if not name or fiscal_year is None:
        return None
    return Agency(
        name=name,
        fiscal_year=fiscal_year,
        assessed_year=assessed_year if assessed_year is not None else fiscal_year - 1,
        district=text("district") or None,
        province=text("province") or None,
        signer=text("signer") or None,
        signer_position=text("signer_position") or None,
        report_date=_report_date(values.get("report_date"), cells.get("report_date"), problems),
        approver=text("approver") or None,
        approver_position=text("approver_position") or None,
    )


def _year(value: object, cell: str | None, title: str, problems: ProblemLog) -> int | None:
    if is_blank(value):
        return None
    number: int | None = None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
    elif isinstance(value, str) and (match := _YEAR.match(arabic(value).replace(",", ""))):
        number = int(match.group(1))
    if number is None:
        problems.error(cell, f"'{title}' ต้องเป็นปี พ.ศ. สี่หลัก เช่น 2564 (พบ '{value}')")
        return None
    year = be_year(number)
    if year not in FISCAL_YEARS:
        problems.error(cell, f"'{title}' {number} ไม่ใช่ปีที่เป็นไปได้ — ใช้ปี พ.ศ. เช่น 2564")
        return None
    if year != number:
        problems.warning(cell, f"'{title}' {number} เป็นปี ค.ศ. จึงใช้เป็น พ.ศ. {year}")
    return year


def _report_date(value: object, cell: str | None, problems: ProblemLog) -> date | str | None:
    if is_blank(value):
        return None
    day = as_date(value)
    if day is not None:
        return day
    text = cell_text(value, cell or "", problems)
    try:
        return parse_date_text(text) or text
    except ValueError:
        return text


# --- the units sheet: the agency's units, one a row in column A ---------------------------

#: A first row that is one of these is a header, not a unit.
_HEADERS = {
    normalise_label(text) for text in (*UNITS_SHEET.spellings(), UNITS_HEADER, "หน่วยงาน", "unit")
}


def read_units(sheet: Sheet, problems: ProblemLog) -> tuple[str, ...]:
    units: list[str] = []
    for row in range(1, sheet.last_row + 1):
        name = cell_text(sheet.raw(row, 1), sheet.ref(row, 1), problems)
        if not name or (row == 1 and normalise_label(name) in _HEADERS):
            continue
        units.append(name)
    return tuple(units)
