"""Read a workbook into a :class:`~ita_report.model.Plan`, collecting every problem in one pass.

The flow is one way: the package is checked and indexed (``xlsx.package``), the shared strings
and date formats read (``xlsx.parts``), each sheet's values streamed in one pass up to its last
row of data (``xlsx.scan``), and the agency, units and measures sheets become the typed model.
openpyxl is not used for reading: it parsed every sheet a second time and cost every command
~60 ms to import. Nothing here prints or exits: problems are returned, and only
an unreadable file raises.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from ita_report.errors import WorkbookUnreadable
from ita_report.labels import AGENCY_SHEET, MEASURES_SHEET, UNITS_SHEET, find_sheet
from ita_report.model import HasProblems, Plan, Problem, ProblemLog, Severity
from ita_report.read.agency import read_agency, read_units
from ita_report.read.measures import read_measures
from ita_report.read.sheet import BadFormula, Grid, Sheet
from ita_report.read.xlsx.package import ZIP_ERRORS, WorkbookPackage, open_package
from ita_report.read.xlsx.parts import read_cell_formats, read_shared_strings
from ita_report.read.xlsx.scan import CellStyles, scan_sheet

#: Rows a sheet may run to: a year's measures take tens; past this the file is out of proportion.
MAX_SHEET_ROWS = 20_000


@dataclass(frozen=True)
class Loaded(HasProblems):
    """What reading one workbook gave: the plan when it is valid, and every problem found."""

    path: Path
    plan: Plan | None
    problems: tuple[Problem, ...]


def load_workbook(path: Path) -> Loaded:
    """Read and validate one workbook. Raises WorkbookUnreadable for a file that is no workbook."""
    package = open_package(path)
    try:
        sheets, oversized = _read_sheets(package)
    finally:
        package.close()
    problems = ProblemLog()
    for name, scan in oversized.values():
        problems.error(
            f"{name}!{scan.last_cell}",
            f"มีข้อมูลอยู่ไกลถึงแถว {scan.last_row:,} ซึ่งมากผิดปกติสำหรับแผนมาตรการ "
            f"(เกิน {MAX_SHEET_ROWS:,} แถว) — ลบข้อมูลในเซลล์นี้ หรือตรวจว่าเลือกไฟล์ถูก",
        )
    agency_sheet = sheets.get(AGENCY_SHEET.key)
    measures_sheet = sheets.get(MEASURES_SHEET.key)
    for label, sheet in ((AGENCY_SHEET, agency_sheet), (MEASURES_SHEET, measures_sheet)):
        if sheet is None and label.key not in oversized:
            problems.error(
                None, f"ไม่พบชีต '{label.title}' (หรือ '{label.key}') — ชีตที่มีอยู่: {_names(package)}"
            )
    agency = read_agency(agency_sheet, problems) if agency_sheet else None
    units_sheet = sheets.get(UNITS_SHEET.key)
    units = read_units(units_sheet, problems) if units_sheet else ()
    measures = read_measures(measures_sheet, agency, units, problems) if measures_sheet else ()
    read_problems = {
        cell: formula
        for sheet in (agency_sheet, measures_sheet, units_sheet)
        if sheet is not None
        for cell, formula in sheet.read_problems.items()
    }
    # The value of such a formula is unknown, not empty: what the sheet readers said about the
    # empty cell they saw ("ต้องกรอก …") would mislead; the formula's own error says what to do.
    problems.problems[:] = [p for p in problems.problems if p.cell not in read_problems]
    for cell, formula in read_problems.items():
        problems.error(cell, _formula_message(formula))
    if measures_sheet is not None and not measures and not problems.errors:
        problems.error(measures_sheet.name, "ยังไม่มีมาตรการในชีตนี้ — กรอกอย่างน้อยหนึ่งมาตรการ")
    plan = None
    if agency is not None and not problems.errors:
        plan = Plan(path, agency, measures, units)
    return Loaded(path, plan, tuple(problems.problems))


def load(path: Path, *, strict: bool = False) -> Loaded:
    """Load a workbook; an unreadable file becomes an outcome with one error, not an exception.

    Commands treat every workbook alike — valid, invalid, or no workbook at all — so that one
    bad file in a batch never stops the others. With ``strict``, warnings count as errors and
    no plan is given.
    """
    try:
        loaded = load_workbook(path)
    except WorkbookUnreadable as exc:
        return Loaded(path, None, (Problem(exc.message),))
    if strict and loaded.warnings:
        strict_problems = tuple(replace(p, severity=Severity.ERROR) for p in loaded.problems)
        return Loaded(path, None, strict_problems)
    return loaded


def _formula_message(formula: BadFormula) -> str:
    if formula.text is None:
        return "สูตรนี้ไม่มีค่าที่บันทึกไว้ — เปิดไฟล์ใน Excel หรือ LibreOffice Calc แล้วบันทึกอีกครั้ง"
    return f"สูตรในเซลล์นี้คำนวณไม่ได้ ({formula.text}) — แก้สูตร หรือพิมพ์ค่าลงไปแทน"


def _names(package: WorkbookPackage) -> str:
    return ", ".join(package.sheet_parts) or "(ไม่มี)"


def _read_sheets(
    package: WorkbookPackage,
) -> tuple[dict[str, Sheet], dict[str, tuple[str, Grid]]]:
    """The sheets the tool reads, keyed by their English key, each only to its last row of data.

    A sheet whose data runs past MAX_SHEET_ROWS is not laid out in rows at all (a stray value in
    row 1,048,576 would otherwise cost a million rows); it is returned with its scan, to be named.
    """
    wanted: dict[str, str] = {}
    for label in (AGENCY_SHEET, MEASURES_SHEET, UNITS_SHEET):
        name = find_sheet(package.sheet_parts, label)
        if name is not None:
            wanted[label.key] = name
    try:
        formats = read_cell_formats(package.archive, package.styles)
        styles = CellStyles(
            read_shared_strings(package.archive, package.shared_strings),
            formats.dates,
            package.date1904,
            formats.numbers,
        )
        scans = {
            key: scan_sheet(package.archive, package.sheet_parts[name], styles)
            for key, name in wanted.items()
        }
    except (etree.XMLSyntaxError, ValueError, KeyError, *ZIP_ERRORS) as exc:
        raise _damaged(package.path) from exc
    sheets: dict[str, Sheet] = {}
    oversized: dict[str, tuple[str, Grid]] = {}
    for key, name in wanted.items():
        scan = scans[key]
        if scan.last_row > MAX_SHEET_ROWS:
            oversized[key] = (name, scan)
        else:
            sheets[key] = Sheet(name, scan)
    return sheets, oversized


def _damaged(path: Path) -> WorkbookUnreadable:
    return WorkbookUnreadable(
        "เนื้อหาภายในไฟล์เสียหาย (XML ของชีตอ่านไม่ได้) — เปิดไฟล์ใน Excel หรือ LibreOffice Calc "
        "แล้วบันทึกเป็น .xlsx อีกครั้ง",
        path,
    )


__all__ = ["Loaded", "load", "load_workbook"]
