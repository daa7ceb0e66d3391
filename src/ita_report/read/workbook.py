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

from ita_report.errors import WorkbookUnreadable
from ita_report.labels import AGENCY_SHEET, MEASURES_SHEET, UNITS_SHEET, is_sheet
from ita_report.model import HasProblems, Plan, Problem, ProblemLog, Severity
from ita_report.read.agency import read_agency, read_units
from ita_report.read.measures import read_measures
from ita_report.read.sheet import BadFormula, Sheet, SheetInfo
from ita_report.read.spreadsheet import open_spreadsheet

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
    problems = ProblemLog()
    book = open_spreadsheet(path)
    try:
        chosen, ambiguous = _choose_sheets(book.sheets, problems)
        grids = {key: (name, book.grid(name)) for key, name in chosen.items()}
    finally:
        book.close()
    sheets: dict[str, Sheet] = {}
    for key, (name, grid) in grids.items():
        if grid.last_row > MAX_SHEET_ROWS:
            problems.error(
                f"{name}!{grid.last_cell}",
                f"มีข้อมูลอยู่ไกลถึงแถว {grid.last_row:,} ซึ่งมากผิดปกติสำหรับแผนมาตรการ "
                f"(เกิน {MAX_SHEET_ROWS:,} แถว) — ลบข้อมูลในเซลล์นี้ หรือตรวจว่าเลือกไฟล์ถูก",
            )
        else:
            sheets[key] = Sheet(name, grid)
    agency_sheet = sheets.get(AGENCY_SHEET.key)
    measures_sheet = sheets.get(MEASURES_SHEET.key)
    for label in (AGENCY_SHEET, MEASURES_SHEET):
        if label.key not in chosen and label.key not in ambiguous:
            names = ", ".join(sheet.name for sheet in book.sheets) or "(ไม่มี)"
            problems.error(None, f"ไม่พบชีต '{label.title}' (หรือ '{label.key}') — ชีตที่มีอยู่: {names}")
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


def _choose_sheets(
    sheets: tuple[SheetInfo, ...], problems: ProblemLog
) -> tuple[dict[str, str], set[str]]:
    """The sheet read as each of the agency, measures and units sheets, by English key.

    Only visible sheets are candidates while there is one: a hidden copy of last year's
    ``มาตรการ`` is never read in place of this year's ``มาตรการ (2)``. Two visible candidates are
    an error naming both (which one the clerk means cannot be guessed); a sheet found only
    hidden is read, with a warning. Returns the choices and the keys that were ambiguous.
    """
    chosen: dict[str, str] = {}
    ambiguous: set[str] = set()
    for label in (AGENCY_SHEET, MEASURES_SHEET, UNITS_SHEET):
        candidates = [sheet for sheet in sheets if is_sheet(sheet.name, label)]
        visible = [sheet.name for sheet in candidates if sheet.visible]
        if len(visible) > 1:
            listed = ", ".join(f"'{name}'" for name in visible)
            problems.error(
                None,
                f"พบชีตที่อาจเป็นชีต '{label.title}' มากกว่าหนึ่งชีต ({listed}) จึงไม่รู้ว่าจะอ่านชีตใด"
                " — ลบหรือซ่อนชีตที่ไม่ใช้ หรือเปลี่ยนชื่อให้เหลือชีตเดียว",
            )
            ambiguous.add(label.key)
        elif visible:
            chosen[label.key] = visible[0]
        elif candidates:
            chosen[label.key] = candidates[0].name
            problems.warning(
                candidates[0].name,
                "ชีตนี้ถูกซ่อนไว้ แต่ไม่มีชีตอื่นที่ใช้แทนได้ จึงอ่านชีตนี้ — ตรวจว่าเป็นข้อมูลของปีนี้",
            )
    return chosen, ambiguous


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


__all__ = ["Loaded", "load", "load_workbook"]
