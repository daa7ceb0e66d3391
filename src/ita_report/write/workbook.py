"""Write the blank workbook a clerk fills in once a year (``ita-report init``, SPEC §2).

The workbook must be usable without a manual, so it carries its own help: a hint beside every
agency field, the ten ITA indicators already entered as measures, a drop-down list for status,
date formats, prompts on the cells that take a date or a status, and a sheet of instructions in
Thai that opens first. Every label is taken from :mod:`ita_report.labels`, never retyped, so
what ``init`` writes is exactly what the reader looks for.

Layout decisions:

- Sheets in this order: ``คำแนะนำ`` (instructions, active on opening), ``หน่วยงาน``,
  ``มาตรการ``, ``ผู้รับผิดชอบ``. The reader finds sheets by name, so the order is for people.
- The measures sheet has a title in row 1, an empty row 2 and the header in row 3, so the clerk
  sees whose plan it is; the reader takes the first row with three known labels as the header.
  The ``ลำดับ`` column is left out: numbering comes from typed numbering or sheet order.
- Formats (date format, wrap text, top alignment, font) are set on the whole column as well as
  on the cells written here. Excel and Calc give a cell typed into an empty column the column's
  format, so every row the clerk will ever use is covered, without materialising hundreds of
  empty styled cells that would make the sheet look as if it ran to row 500. The status
  drop-down and the date check cover rows 4 to :data:`LAST_ENTRY_ROW`.
- The date check is a *warning*, not a stop: SPEC §1.2 also accepts dates typed as text (Thai
  digits, B.E. years Excel does not recognise), so the clerk may keep such a value; the check
  mainly catches a two-digit year (``1/10/67`` is 1967 to Excel).
- The units sheet holds only its header: example units would later be mistaken for the
  agency's own. The instructions say the sheet is optional.

Font: TH SarabunPSK 16 pt throughout, the workbook's default and set on the columns, so text
typed later uses it too. It is the font of every Thai government document (and the report's,
SPEC §4), installed on government PCs, so lines in the workbook look like those in the report;
where it is missing, Excel and Calc fall back to another font with Thai glyphs, harmlessly.

Screen and paper (:mod:`~ita_report.write.sheet_layout`): rows as tall as their wrapped Thai
text (Calc does not fit rows of an .xlsx it opens), widths in digits of TH SarabunPSK that print
on A4 landscape at a readable size, each sheet fitted to the page width, header on every page.

Output is deterministic: fixed document properties and zip entry times, so two runs with the
same arguments give the same bytes (a committed template or a test can compare files).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.errors import OutputError
from ita_report.labels import (
    AGENCY_FIELDS,
    AGENCY_SHEET,
    INSTRUCTIONS_SHEET,
    ITA_INDICATORS,
    MEASURE_COLUMNS,
    MEASURES_SHEET,
    UNITS_HEADER,
    UNITS_SHEET,
)
from ita_report.model import Status
from ita_report.thai import be_year, to_thai_digits
from ita_report.write.atomic import write_atomic
from ita_report.write.instructions import DATE_HELP, STATUS_HELP, agency_hint, instructions
from ita_report.write.sheet_layout import (
    FONT_NAME,
    FONT_SIZE,
    fit_row_heights,
    set_print_layout,
    use_thai_font,
)
from ita_report.write.xlsx import FIXED_TIME, keep_as_text, workbook_bytes

#: Header of the agency sheet; its A cell is not a field label, so the reader skips the row.
AGENCY_HEADER = ("รายการ", "ข้อมูล", "คำอธิบาย")

TITLE_ROW = 1
HEADER_ROW = 3
FIRST_ENTRY_ROW = HEADER_ROW + 1
#: Last row covered by the status drop-down and the date check; a year's plan has ~30 rows.
LAST_ENTRY_ROW = 500

DATE_FORMAT = "d/m/yyyy"
#: Dates before this are almost surely a two-digit year read as 19xx (serial of 1 Jan 2000).
_EARLIEST_DATE_SERIAL = 36526


_BODY_FONT = Font(name=FONT_NAME, size=FONT_SIZE)
_BOLD_FONT = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
_TITLE_FONT = Font(name=FONT_NAME, size=FONT_SIZE + 4, bold=True)
_HEADING_FONT = Font(name=FONT_NAME, size=FONT_SIZE + 2, bold=True)
_HINT_FONT = Font(name=FONT_NAME, size=FONT_SIZE, italic=True, color="595959")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
_SECTION_FILL = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TOP_WRAP = Alignment(vertical="top", wrap_text=True)
_TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_NO_WRAP = Alignment(vertical="center", wrap_text=False)
_INSTRUCTIONS_TITLE = "วิธีกรอกแบบฟอร์มมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)"


@dataclass(frozen=True)
class _Column:
    """A measures-sheet column as ``init`` lays it out."""

    key: str
    width: float
    centred: bool = False
    date: bool = False


#: Column order and widths (digits of TH SarabunPSK) of the measures sheet; method and result get
#: the most room, as in the report (SPEC §4). All of them print on A4 landscape at about 3/4 size;
#: a date (``30/12/2568``) fits its column, which would otherwise show ``###``.
_MEASURE_LAYOUT: tuple[_Column, ...] = (
    _Column("measure", 20),
    _Column("method", 36),
    _Column("responsible", 15),
    _Column("period", 13, centred=True),
    _Column("start", 11, centred=True, date=True),
    _Column("end", 11, centred=True, date=True),
    _Column("status", 13, centred=True),
    _Column("result", 36),
    _Column("suggestion", 20),
)


_STATUS_VALUES = tuple(status.thai for status in Status)


def write_blank_workbook(
    path: Path,
    *,
    agency: str | None = None,
    fiscal_year: int | None = None,
    force: bool = False,
) -> None:
    """Write the fill-in workbook to ``path``; an existing file is replaced only with ``force``.

    ``fiscal_year`` may be given in C.E. (under 2400, as the reader accepts it) and is written
    as B.E., with the assessed year one before it, so the reader has nothing to warn about. The
    file is built in memory and then renamed into place, so an existing workbook is never left
    half-written.
    """
    refuse_existing(path, force=force)
    year = be_year(fiscal_year) if fiscal_year is not None else None
    workbook = build_blank_workbook(agency=agency, fiscal_year=year, file_name=path.name)
    write_atomic(path, workbook_bytes(workbook))


def refuse_existing(path: Path, *, force: bool) -> None:
    """OutputError when a file sits at ``path`` and ``force`` was not given: a clerk's filled-in
    workbook is never replaced by a blank one by accident."""
    if not force and _occupied(path):
        raise OutputError(
            "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ หากต้องการสร้างใหม่แทนไฟล์เดิม ให้สั่งอีกครั้งพร้อม --force",
            path,
        )


def _occupied(path: Path) -> bool:
    """A file (or a link, even a broken one) already sits at ``path``.

    A folder is not counted: :func:`write_atomic` refuses it with its own message. A path that
    cannot even be looked up is left to it too, which explains the OS error in Thai.
    """
    try:
        return path.is_symlink() or (path.exists() and not path.is_dir())
    except OSError:
        return False


def build_blank_workbook(
    *, agency: str | None = None, fiscal_year: int | None = None, file_name: str = "plan.xlsx"
) -> Workbook:
    """The blank workbook in memory, for :func:`write_blank_workbook` and for tests.

    ``fiscal_year`` is B.E. ``file_name`` goes into the commands the instructions show, so that
    the clerk can copy them as they are.
    """
    workbook = Workbook()
    use_thai_font(workbook)
    instructions = workbook.active  # a new workbook's one sheet
    instructions.title = INSTRUCTIONS_SHEET
    _write_instructions_sheet(instructions, file_name)
    _write_agency_sheet(workbook.create_sheet(AGENCY_SHEET.title), agency, fiscal_year)
    _write_measures_sheet(workbook.create_sheet(MEASURES_SHEET.title), fiscal_year)
    _write_units_sheet(workbook.create_sheet(UNITS_SHEET.title))
    workbook.active = 0
    _lay_out(workbook, fiscal_year)

    properties = workbook.properties
    properties.creator = "ita-report"
    properties.lastModifiedBy = "ita-report"
    properties.title = _measures_title(fiscal_year)
    properties.language = "th-TH"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    return workbook


# --- the sheets -------------------------------------------------------------------------------


def _write_agency_sheet(ws: Worksheet, agency: str | None, fiscal_year: int | None) -> None:
    """One field a row: label in A (exactly as the reader expects), value in B, hint in C."""
    values: dict[str, object] = {}
    if agency and agency.strip():
        values["agency"] = agency.strip()
    if fiscal_year is not None:
        values["fiscal_year"] = fiscal_year
        values["assessed_year"] = fiscal_year - 1

    ws.append(AGENCY_HEADER)
    _style_header(ws, 1)
    for row, field in enumerate(AGENCY_FIELDS, start=2):
        label = ws.cell(row=row, column=1, value=field.title)
        label.font = _BOLD_FONT if field.required else _BODY_FONT
        label.alignment = _TOP_WRAP
        value = keep_as_text(ws.cell(row=row, column=2, value=values.get(field.key)))
        value.font = _BODY_FONT
        value.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        if field.key == "report_date":
            value.number_format = DATE_FORMAT
        hint = ws.cell(row=row, column=3, value=agency_hint(field))
        hint.font = _HINT_FONT
        hint.alignment = _TOP_WRAP

    _set_columns(ws, (14, 30, 64))
    ws.freeze_panes = "A2"


def _write_measures_sheet(ws: Worksheet, fiscal_year: int | None) -> None:
    """Title, header in row 3, the ten ITA indicators as measures, then room to type."""
    columns = {label.key: label for label in MEASURE_COLUMNS}
    letters = {
        column.key: get_column_letter(index) for index, column in enumerate(_MEASURE_LAYOUT, 1)
    }

    for index, column in enumerate(_MEASURE_LAYOUT, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        dimension.font = _BODY_FONT
        dimension.alignment = _TOP_CENTER if column.centred else _TOP_WRAP
        if column.date:
            dimension.number_format = DATE_FORMAT

    title = ws.cell(row=TITLE_ROW, column=1, value=_measures_title(fiscal_year))
    title.font = _TITLE_FONT
    title.alignment = _NO_WRAP  # lets the title run across the empty cells beside it

    for index, column in enumerate(_MEASURE_LAYOUT, start=1):
        ws.cell(row=HEADER_ROW, column=index, value=columns[column.key].title)
    _style_header(ws, HEADER_ROW)

    for offset, indicator in enumerate(ITA_INDICATORS):
        row = FIRST_ENTRY_ROW + offset
        number = to_thai_digits(str(offset + 1))
        ws.cell(row=row, column=1, value=f"{number}. {indicator}")
        format_entry_row(ws, row)

    ws.add_data_validation(_status_validation(letters["status"]))
    ws.add_data_validation(_date_validation(letters["start"], letters["end"]))

    ws.freeze_panes = f"A{FIRST_ENTRY_ROW}"


def format_entry_row(ws: Worksheet, row: int) -> None:
    """Give a row of the measures sheet its column's font, wrapping and date format, as Excel
    and Calc give a cell typed there: a cell written by openpyxl would otherwise not wrap."""
    for index, column in enumerate(_MEASURE_LAYOUT, start=1):
        cell = ws.cell(row=row, column=index)
        cell.font = _BODY_FONT
        cell.alignment = _TOP_CENTER if column.centred else _TOP_WRAP
        if column.date:
            cell.number_format = DATE_FORMAT


def _measures_title(fiscal_year: int | None) -> str:
    year = to_thai_digits(str(fiscal_year)) if fiscal_year is not None else "...."
    return f"มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {year}"


def _status_validation(letter: str) -> DataValidation:
    """A drop-down of the three Thai statuses; anything else is refused (blank is allowed: the
    reader then infers the status from the result)."""
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(_STATUS_VALUES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        **STATUS_HELP,
    )
    validation.add(f"{letter}{FIRST_ENTRY_ROW}:{letter}{LAST_ENTRY_ROW}")
    return validation


def _date_validation(*letters: str) -> DataValidation:
    """A gentle date check: warns (the clerk may keep the value) on text and on dates before
    2000, which are nearly always a two-digit year that Excel read as 19xx."""
    validation = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1=str(_EARLIEST_DATE_SERIAL),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
        **DATE_HELP,
    )
    for letter in letters:
        validation.add(f"{letter}{FIRST_ENTRY_ROW}:{letter}{LAST_ENTRY_ROW}")
    return validation


def _write_units_sheet(ws: Worksheet) -> None:
    """Header only: the clerk lists the agency's own units, or leaves the sheet empty."""
    ws.cell(row=1, column=1, value=UNITS_HEADER)
    _style_header(ws, 1)
    _set_columns(ws, (36,))
    ws.freeze_panes = "A2"


def _write_instructions_sheet(ws: Worksheet, file_name: str) -> None:
    """A page to read: topic in A, explanation in B, as wide together as A4 landscape; each
    section after a blank row, its heading larger on a band across both columns."""
    _set_columns(ws, (26, 96))
    title = ws.cell(row=1, column=1, value=_INSTRUCTIONS_TITLE)
    title.font = _TITLE_FONT
    title.alignment = _NO_WRAP
    row = 1
    for topic, text in instructions(file_name):
        section = text is None
        row += 2 if section else 1
        for column, value in enumerate((topic, text), start=1):
            cell = ws.cell(row=row, column=column, value=value)
            if section:
                cell.font, cell.fill, cell.alignment = _HEADING_FONT, _SECTION_FILL, _NO_WRAP
            else:
                cell.font = _BOLD_FONT if column == 1 else _BODY_FONT
                cell.alignment = _TOP_WRAP
    ws.sheet_view.showGridLines = False


def _lay_out(workbook: Workbook, fiscal_year: int | None) -> None:
    """Row heights and print setup of every sheet; the page header names sheet and plan."""
    plan = _measures_title(fiscal_year)
    for sheet, title, header_rows in (
        (INSTRUCTIONS_SHEET, _INSTRUCTIONS_TITLE, None),
        (AGENCY_SHEET.title, f"{AGENCY_SHEET.title}: {plan}", "1:1"),
        (MEASURES_SHEET.title, plan, f"{HEADER_ROW}:{HEADER_ROW}"),
        (UNITS_SHEET.title, f"{UNITS_SHEET.title}: {plan}", "1:1"),
    ):
        fit_row_heights(workbook[sheet])
        set_print_layout(workbook[sheet], title=title, header_rows=header_rows)


# --- shared formatting ------------------------------------------------------------------------


def _style_header(ws: Worksheet, row: int) -> None:
    for cell in ws[row]:
        cell.font = _BOLD_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _HEADER_ALIGN


def _set_columns(ws: Worksheet, widths: Sequence[float]) -> None:
    """Widths plus the body font and wrapping, so that text typed later matches."""
    for index, width in enumerate(widths, start=1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = width
        dimension.font = _BODY_FONT
        dimension.alignment = _TOP_WRAP
