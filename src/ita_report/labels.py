"""The workbook's vocabulary: sheet names, agency fields, measure columns and status values.

Each entry pairs the English key with its Thai label(s); both are accepted wherever a user types
them, compared in :func:`ita_report.thai.normalise_label` form. ``init`` writes the first Thai
label of each, so what it writes is what the reader expects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ita_report.model import Status
from ita_report.thai import normalise_label


@dataclass(frozen=True)
class Label:
    key: str
    thai: tuple[str, ...]
    required: bool = False

    @property
    def title(self) -> str:
        """The label ``init`` writes and messages use."""
        return self.thai[0]

    def spellings(self) -> Iterable[str]:
        yield self.key
        yield from self.thai


AGENCY_SHEET = Label("agency", ("หน่วยงาน",))
MEASURES_SHEET = Label("measures", ("มาตรการ",))
UNITS_SHEET = Label("units", ("ผู้รับผิดชอบ",))
#: The header ``init`` writes above the units; the reader skips it.
UNITS_HEADER = "หน่วยงานย่อย"
#: The instructions sheet ``init`` writes; the reader ignores it like any other sheet.
INSTRUCTIONS_SHEET = "คำแนะนำ"

AGENCY_FIELDS: tuple[Label, ...] = (
    Label("agency", ("ชื่อหน่วยงาน",), required=True),
    Label("district", ("อำเภอ",)),
    Label("province", ("จังหวัด",)),
    Label("fiscal_year", ("ปีงบประมาณ",), required=True),
    Label("assessed_year", ("ปีที่ประเมิน",)),
    Label("signer", ("ผู้รายงาน",)),
    Label("signer_position", ("ตำแหน่ง",)),
    Label("report_date", ("วันที่รายงาน",)),
)

MEASURE_COLUMNS: tuple[Label, ...] = (
    Label("no", ("ลำดับ",)),
    Label("measure", ("มาตรการ/แนวทาง", "มาตรการ"), required=True),
    Label("method", ("วิธีการดำเนินการ",), required=True),
    Label("responsible", ("ผู้รับผิดชอบ",), required=True),
    Label("period", ("ระยะเวลาดำเนินการ",)),
    Label("start", ("เริ่ม",)),
    Label("end", ("สิ้นสุด",)),
    Label("status", ("สถานะ",)),
    Label("result", ("ผลการดำเนินการ",)),
    Label("suggestion", ("ข้อเสนอแนะ",)),
)

STATUS_SPELLINGS: Mapping[str, Status] = {
    normalise_label(spelling): status
    for status in Status
    for spelling in (status.value, status.thai, status.value.replace("_", " "))
}

#: What the ten ITA indicators are called (SPEC §3), for ``init``.
ITA_INDICATORS: tuple[str, ...] = (
    "การปฏิบัติหน้าที่",
    "การใช้งบประมาณ",
    "การใช้อำนาจ",
    "การใช้ทรัพย์สินของทางราชการ",
    "การแก้ไขปัญหาการทุจริต",
    "คุณภาพการดำเนินงาน",
    "ประสิทธิภาพการสื่อสาร",
    "การปรับปรุงการทำงาน",
    "การเปิดเผยข้อมูล",
    "การป้องกันการทุจริต",
)


def lookup(labels: Iterable[Label]) -> dict[str, Label]:
    """Normalised spelling → label, for matching what a user typed."""
    return {normalise_label(spelling): label for label in labels for spelling in label.spellings()}


def did_you_mean(typed: str, known: Mapping[str, str]) -> str:
    """`` — หมายถึง กองคลัง หรือไม่?`` for the closest of ``known``, else ``""``.

    ``known`` maps each name's normalised form to the name as it is shown.
    """
    close = difflib.get_close_matches(normalise_label(typed), list(known), n=1, cutoff=0.6)
    return f" — หมายถึง {known[close[0]]} หรือไม่?" if close else ""


def find_sheet(names: Iterable[str], sheet: Label) -> str | None:
    """The workbook's own name of ``sheet``, matched in normalised form."""
    wanted = {normalise_label(spelling) for spelling in sheet.spellings()}
    return next((name for name in names if normalise_label(name) in wanted), None)
