"""The layout of the measures table (SPEC §1.2): its header, where it ends, what it leaves unread.

Offices lay the table out in their own way: a title above it; a header on two rows, with a label
merged across columns over its sub-labels (``ระยะเวลาดำเนินการ`` over ``เริ่ม | สิ้นสุด``) and the
other labels merged down over both rows; a period label merged over two columns that hold the
dates themselves; a row of column numbers ``(1) (2) (3)`` under the labels. Each is recognised
here, so that the rows below are read by what their columns mean.

The table ends at its last method: a totals row, a signature block or notes under it are named
in one warning, and every value in a column the report does not read is named too, so that
nothing the clerk typed is left out of the report in silence.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ita_report.labels import MEASURE_COLUMNS, Label, lookup
from ita_report.model import ProblemLog
from ita_report.read.cells import normalised
from ita_report.read.sheet import Sheet, is_blank
from ita_report.thai import normalise_label

COLUMNS = lookup(MEASURE_COLUMNS)
#: A cell of a row of column numbers under the labels: ``(1)``, ``1``, ``๑``.
_COLUMN_NUMBER = re.compile(r"^\(?[0-9๐-๙]{1,2}\)?\.?$")


@dataclass(frozen=True)
class Header:
    """Where the table's header is and what each of its columns holds."""

    #: The header's rows (one or two), and the first row that may hold a method.
    rows: tuple[int, ...]
    first_data_row: int
    #: The column of each key (``measure`` → 1); the first of two columns with one label wins.
    columns: dict[str, int]
    #: Each header cell that holds a known label: column → (row, label).
    known: dict[int, tuple[int, Label]] = field(default_factory=dict)
    #: Header cells that are no known label and whose column nothing else names: column → (row,
    #: text as typed).
    unknown: dict[int, tuple[int, str]] = field(default_factory=dict)
    #: A period label merged over two columns without sub-labels: they are ``start`` and ``end``,
    #: and hold dates or, failing that, the period as text.
    period_pair: bool = False


def _labels_in(sheet: Sheet, row: int) -> dict[int, Label]:
    found: dict[int, Label] = {}
    for col, value in sheet.row_items(row):
        if isinstance(value, str) and (label := COLUMNS.get(normalised(value))) is not None:
            found[col] = label
    return found


def find_header(sheet: Sheet) -> Header | None:
    """The first row with at least three known labels, and the second header row if any."""
    for row in range(1, sheet.last_row + 1):
        found = _labels_in(sheet, row)
        if len(found) >= 3:
            return _read_header(sheet, row, found)
    return None


def _read_header(sheet: Sheet, row: int, found: dict[int, Label]) -> Header:
    columns = {label.key: col for col, label in reversed(found.items())}
    known = {col: (row, label) for col, label in found.items()}
    rows: tuple[int, ...] = (row,)
    below = row + 1
    sub_labels = _labels_in(sheet, below)
    others = [
        value
        for col, value in sheet.row_items(below)
        if not is_blank(value) and col not in sub_labels
    ]
    if sub_labels and not others:
        # A second header row: its labels name the columns under a label merged above them.
        rows = (row, below)
        parents = {
            merge.min_col
            for col in sub_labels
            if (merge := sheet.grid.merge_at(row, col)) is not None
            and merge.min_col != merge.max_col
        }
        # A label merged over sub-labels names a group, not a column of its own.
        columns = {key: c for key, c in columns.items() if c not in parents}
        for col, label in sub_labels.items():
            columns.setdefault(label.key, col)
            known[col] = (below, label)
    last = rows[-1]
    if _is_column_numbers(sheet, last + 1):
        last += 1
    period_pair = False
    if "period" in columns and not {"start", "end"} & columns.keys():
        merge = sheet.grid.merge_at(row, columns["period"])
        if merge is not None and merge.max_col - merge.min_col == 1 and merge.max_row <= last:
            del columns["period"]
            columns["start"], columns["end"] = merge.min_col, merge.max_col
            period_pair = True
    used = set(columns.values()) | set(known)
    unknown = {
        col: (header_row, str(value).strip())
        for header_row in rows
        for col, value in sheet.row_items(header_row)
        if not is_blank(value)
        and col not in used
        and not sheet.is_merged_continuation(header_row, col)
    }
    return Header(rows, last + 1, columns, known, unknown, period_pair)


def _is_column_numbers(sheet: Sheet, row: int) -> bool:
    """A row that only numbers the columns: ``(1) (2) (3) …`` under the labels."""
    items = [value for _, value in sheet.row_items(row) if not is_blank(value)]
    return len(items) >= 3 and all(_COLUMN_NUMBER.match(str(value).strip()) for value in items)


# --- what is under and beside the table --------------------------------------------------------

#: The first words of a row under the table that is no method: a totals row, a signature block,
#: notes. ``รวม`` only as a word of its own (``รวม 10 มาตรการ``), not ``รวมพลังต่อต้านการทุจริต``.
_TRAILER = re.compile(
    r"(?:รวม(?:ทั้งสิ้น|ทั้งหมด)?(?=[\s:0-9๐-๙]|$)|ลงชื่อ|ลงนาม|\(\s*(?:นาย|นาง|น\.ส\.|ว่าที่)"
    r"|ตำแหน่ง|หมายเหตุ|ผู้รายงาน|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้อนุมัติ|ผู้เสนอ|ผู้เห็นชอบ|ที่มา\s*:)"
)
#: Columns the report prints: one of these missing while an unknown column holds values that
#: look like it is an error, so that typed results never give way to status words in silence.
_PRINTED = frozenset(
    {"method", "responsible", "period", "start", "end", "status", "result", "suggestion"}
)
_LABELS_BY_SPELLING = {
    normalise_label(spelling): label for label in MEASURE_COLUMNS for spelling in label.spellings()
}


def _first_text(sheet: Sheet, row: int) -> tuple[int, str] | None:
    for col, value in sheet.row_items(row):
        if not is_blank(value):
            return col, str(value).strip()
    return None


def is_trailer(sheet: Sheet, row: int) -> bool:
    """A totals row, a signature line or a note: where the table of methods ends."""
    first = _first_text(sheet, row)
    return first is not None and _TRAILER.match(first[1]) is not None


def name_trailer(sheet: Sheet, row: int, problems: ProblemLog) -> None:
    """One warning for every row from ``row`` down: what is there is not read as methods."""
    rows = [r for r in range(row, sheet.last_row + 1) if _first_text(sheet, r) is not None]
    col, text = _first_text(sheet, row) or (1, "")
    shown = text if len(text) <= 40 else text[:39] + "…"
    problems.warning(
        sheet.ref(row, col),
        f"ข้อความใต้ตาราง {len(rows)} แถว (แถว {rows[0]}–{rows[-1]} เช่น '{shown}') ไม่ใช่วิธีการดำเนินการ"
        f" จึงไม่ได้ใส่ในรายงาน — ถ้ามีวิธีการอยู่ในแถวเหล่านี้ ให้ย้ายขึ้นไปไว้ก่อนแถว {row}",
    )


def name_unread_columns(sheet: Sheet, header: Header, end: int, problems: ProblemLog) -> None:
    """Name every column the table holds values in but the report does not read.

    An unknown label gets a warning with the closest known one; an error instead when that label
    is a column the report prints and the table lacks (``ผลการปฏิบัติงาน`` holding the results
    while no result column was recognised). Values under no label at all get a warning too.
    """
    used = set(header.columns.values()) | set(header.known)
    found: dict[int, list[str]] = {}
    for row in range(header.first_data_row, end + 1):
        for col, value in sheet.row_items(row):
            if col not in used and not is_blank(value):
                found.setdefault(col, []).append(sheet.ref(row, col))
    for col, (row, text) in sorted(header.unknown.items()):
        close = difflib.get_close_matches(
            normalise_label(text), list(_LABELS_BY_SPELLING), n=1, cutoff=0.6
        )
        label = _LABELS_BY_SPELLING[close[0]] if close else None
        hint = f" — หมายถึง '{label.title}' หรือไม่?" if label is not None else ""
        cells = found.pop(col, [])
        if cells and label is not None and label.key in _PRINTED - header.columns.keys():
            problems.error(
                sheet.ref(row, col),
                f"ไม่รู้จักคอลัมน์ '{text}' ซึ่งมีข้อมูล {len(cells)} แถว{hint} — แก้หัวคอลัมน์เป็น"
                f" '{label.title}' ไม่เช่นนั้นข้อมูลในคอลัมน์นี้จะไม่อยู่ในรายงาน",
            )
        else:
            problems.warning(sheet.ref(row, col), f"ไม่รู้จักคอลัมน์ '{text}' จึงไม่ได้ใช้{hint}")
    for cells in found.values():
        problems.warning(
            cells[0],
            f"มีข้อมูล {len(cells)} เซลล์ในคอลัมน์ที่ไม่มีหัวตาราง จึงไม่ได้ใช้ — ใส่ชื่อคอลัมน์ในแถวหัวตาราง"
            " หรือลบข้อมูลนี้",
        )
