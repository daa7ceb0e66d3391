"""Build small test workbooks in code, so that every test shows the sheet it reads.

``write_workbook`` writes an agency sheet and a measures sheet (and, if asked, a units sheet)
from Python lists. The defaults make a valid workbook of one measure with two methods::

    มาตรการ sheet          A               B                C             D                 E       F
    row 1 (header)         มาตรการ/แนวทาง  วิธีการดำเนินการ  ผู้รับผิดชอบ  ระยะเวลาดำเนินการ  สถานะ   ผลการดำเนินการ
    row 2                  การใช้งบประมาณ   เผยแพร่แผน        กองคลัง       มี.ค. – ก.ย. ๖๔    ...
    row 3                  (empty)         รายงานผล          กองคลัง       ...

so that a test changes only what it is about, and can name cells such as ``มาตรการ!E3``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

#: The seed report transcribed: 10 measures, 29 methods, 4.4, 6.1 and 6.2 in progress.
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "plan.xlsx"

AGENCY_NAME = "เทศบาลตำบลทดสอบ"

#: Rows of the agency sheet below its ``รายการ | ข้อมูล`` header.
AGENCY: tuple[tuple[Any, Any], ...] = (
    ("ชื่อหน่วยงาน", AGENCY_NAME),
    ("อำเภอ", "บ้านฝาง"),
    ("จังหวัด", "ชุมพร"),
    ("ปีงบประมาณ", 2564),
)

HEADER: tuple[str, ...] = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "สถานะ",
    "ผลการดำเนินการ",
)

DONE = "ดำเนินการแล้ว"
IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
NOT_STARTED = "ยังไม่ดำเนินการ"
PERIOD = "มี.ค. – ก.ย. ๖๔"

#: Data rows under HEADER: one measure, two methods, both done.
ROWS: tuple[tuple[Any, ...], ...] = (
    ("การใช้งบประมาณ", "เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", PERIOD, DONE, "เผยแพร่แล้ว"),
    (None, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", PERIOD, DONE, "รายงานทุกเดือน"),
)

Row = Sequence[Any] | Mapping[str, Any]


def write_workbook(
    path: Path,
    *,
    agency: Sequence[tuple[Any, Any]] | None = AGENCY,
    agency_header: Sequence[Any] | None = ("รายการ", "ข้อมูล"),
    agency_sheet: str = "หน่วยงาน",
    measures_sheet: str | None = "มาตรการ",
    title_rows: Sequence[Sequence[Any]] = (),
    header: Sequence[Any] = HEADER,
    rows: Sequence[Row] = ROWS,
    merges: Sequence[str] = (),
    units: Sequence[Any] | None = None,
    units_sheet: str = "ผู้รับผิดชอบ",
    customise: Callable[[Workbook], None] | None = None,
) -> Path:
    """Write a workbook to ``path`` and return ``path``.

    ``agency=None`` leaves the agency sheet out; ``measures_sheet=None`` the measures sheet.
    ``title_rows`` go above the measures header. A row given as a mapping puts each value under
    the header label that is its key. ``merges`` are ranges of the measures sheet (``"A2:A4"``).
    ``customise`` gets the openpyxl workbook just before it is saved.
    """
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    if agency is not None:
        ws = wb.create_sheet(agency_sheet)
        if agency_header is not None:
            ws.append(list(agency_header))
        for label, value in agency:
            ws.append([label, value])
    if measures_sheet is not None:
        ws = wb.create_sheet(measures_sheet)
        for title in title_rows:
            ws.append(list(title))
        ws.append(list(header))
        header_row = ws.max_row
        for offset, row in enumerate(rows, 1):
            _write_row(ws, header_row + offset, header, row)
        for merged in merges:
            ws.merge_cells(merged)
    if units is not None:
        ws = wb.create_sheet(units_sheet)
        for unit in units:
            ws.append([unit])
    if customise is not None:
        customise(wb)
    if not wb.sheetnames:
        wb.create_sheet("Sheet1")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _write_row(ws: Worksheet, row: int, header: Sequence[Any], values: Row) -> None:
    if isinstance(values, Mapping):
        columns = {label: col for col, label in enumerate(header, 1)}
        for label, value in values.items():
            ws.cell(row=row, column=columns[label], value=value)
        return
    for col, value in enumerate(values, 1):
        if value is not None:
            ws.cell(row=row, column=col, value=value)


def method_row(
    method: str,
    *,
    measure: str | None = None,
    responsible: str = "กองคลัง",
    period: Any = PERIOD,
    status: Any = DONE,
    result: Any = "ดำเนินการแล้วเสร็จ",
) -> tuple[Any, ...]:
    """A data row in HEADER's column order."""
    return (measure, method, responsible, period, status, result)


def rewrite_member(path: Path, member: str, edit: Callable[[bytes], bytes]) -> None:
    """Replace one zip member of the workbook at ``path`` by ``edit(old bytes)``."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, edit(data) if info.filename == member else data)


def sheet_member(path: Path, sheet_name: str) -> str:
    """The zip member that holds ``sheet_name`` (openpyxl writes sheetN.xml in sheet order)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        index = wb.sheetnames.index(sheet_name) + 1
    finally:
        wb.close()
    return f"xl/worksheets/sheet{index}.xml"


def errors(loaded: Any) -> list[tuple[str | None, str]]:
    """``(cell, message)`` of each error of a loaded workbook, in the order found."""
    return [(p.cell, p.message) for p in loaded.errors]


def warnings(loaded: Any) -> list[tuple[str | None, str]]:
    """``(cell, message)`` of each warning of a loaded workbook, in the order found."""
    return [(p.cell, p.message) for p in loaded.warnings]


def the_error(loaded: Any) -> tuple[str | None, str]:
    """The one error of a workbook that has exactly one (and so no plan)."""
    found = errors(loaded)
    assert len(found) == 1, found
    assert loaded.plan is None
    return found[0]


def the_warning(loaded: Any) -> tuple[str | None, str]:
    """The one warning of a workbook that is otherwise valid."""
    assert errors(loaded) == []
    found = warnings(loaded)
    assert len(found) == 1, found
    assert loaded.plan is not None
    return found[0]
