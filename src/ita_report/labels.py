"""The workbook's vocabulary: sheet names, agency fields, measure columns and status values.

Each entry pairs the English key with its Thai label(s); both are accepted wherever a user types
them, compared in :func:`ita_report.thai.normalise_label` form. ``init`` writes the first Thai
label of each, so what it writes is what the reader expects.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

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

# The first Thai label of each is the one ``init`` writes; the others are the wordings offices
# use for the same thing (SPEC §1.2), each read as that label.
AGENCY_FIELDS: tuple[Label, ...] = (
    Label("agency", ("ชื่อหน่วยงาน", "ชื่อส่วนราชการ", "ชื่อองค์กรปกครองส่วนท้องถิ่น", "ชื่อ อปท."), True),
    Label("district", ("อำเภอ",)),
    Label("province", ("จังหวัด",)),
    Label("fiscal_year", ("ปีงบประมาณ", "ปีงบประมาณ พ.ศ.", "ประจำปีงบประมาณ", "ปีงบ"), True),
    Label("assessed_year", ("ปีที่ประเมิน", "ปีที่ประเมิน ITA", "ปีที่นำผลมาวิเคราะห์")),
    Label("signer", ("ผู้รายงาน", "ชื่อผู้รายงาน", "ผู้จัดทำรายงาน")),
    Label("signer_position", ("ตำแหน่ง", "ตำแหน่งผู้รายงาน")),
    # The optional approval under the reporter's signature: the head of the agency signs many.
    Label("approver", ("ผู้อนุมัติ", "ชื่อผู้อนุมัติ", "ผู้เห็นชอบ")),
    Label("approver_position", ("ตำแหน่งผู้อนุมัติ", "ตำแหน่งผู้เห็นชอบ")),
    Label("report_date", ("วันที่รายงาน", "วันที่")),
)

MEASURE_COLUMNS: tuple[Label, ...] = (
    Label("no", ("ลำดับ", "ลำดับที่", "ที่", "ข้อ")),
    Label("measure", ("มาตรการ/แนวทาง", "มาตรการ", "แนวทาง", "มาตรการ/แนวทางการดำเนินการ"), True),
    Label(
        "method",
        (
            "วิธีการดำเนินการ",
            "วิธีการดำเนินงาน",
            "วิธีดำเนินการ",
            "วิธีการ",
            "กิจกรรม",
            "โครงการ/กิจกรรม",
            "กิจกรรม/โครงการ",
            "ขั้นตอนการดำเนินการ",
        ),
        True,
    ),
    Label(
        "responsible",
        (
            "ผู้รับผิดชอบ",
            "หน่วยงานที่รับผิดชอบ",
            "หน่วยงานรับผิดชอบ",
            "หน่วยงาน/ผู้รับผิดชอบ",
            "ผู้รับผิดชอบ/หน่วยงาน",
            "ส่วนราชการที่รับผิดชอบ",
            "ผู้ดำเนินการ",
        ),
        True,
    ),
    Label(
        "period",
        (
            "ระยะเวลาดำเนินการ",
            "ระยะเวลา",
            "ระยะเวลาการดำเนินการ",
            "ระยะเวลาดำเนินงาน",
            "ช่วงเวลาดำเนินการ",
            "ห้วงเวลาดำเนินการ",
            "ช่วงเวลา",
        ),
    ),
    Label("start", ("เริ่ม", "เริ่มต้น", "วันเริ่ม", "วันที่เริ่ม", "วันเริ่มต้น", "วันที่เริ่มต้น")),
    Label("end", ("สิ้นสุด", "วันสิ้นสุด", "วันที่สิ้นสุด", "กำหนดเสร็จ", "วันที่แล้วเสร็จ")),
    Label("status", ("สถานะ", "สถานะการดำเนินการ", "สถานะการดำเนินงาน")),
    Label("result", ("ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลดำเนินการ", "ผลการดำเนินการตามมาตรการ")),
    Label(
        "suggestion",
        (
            "ข้อเสนอแนะ",
            "ข้อเสนอแนะ/ปัญหาอุปสรรค",
            "ปัญหา/อุปสรรค",
            "ปัญหาอุปสรรค",
            "ปัญหาอุปสรรคและข้อเสนอแนะ",
            "ปัญหา/อุปสรรค/ข้อเสนอแนะ",
            "ข้อสังเกต",
        ),
    ),
)

#: What clerks type for each status beyond its Thai label and English key (SPEC §1.2).
_STATUS_WORDINGS: Mapping[Status, tuple[str, ...]] = {
    Status.DONE: ("เสร็จแล้ว", "เสร็จสิ้น", "ดำเนินการเสร็จแล้ว", "ดำเนินการเรียบร้อยแล้ว", "แล้วเสร็จ"),
    Status.IN_PROGRESS: ("กำลังดำเนินการ", "อยู่ระหว่างการดำเนินการ", "อยู่ระหว่างดำเนินงาน"),
    Status.NOT_STARTED: ("ยังไม่ได้ดำเนินการ", "ยังไม่เริ่ม", "ยังไม่ได้เริ่ม"),
}

STATUS_SPELLINGS: Mapping[str, Status] = {
    normalise_label(spelling): status
    for status in Status
    for spelling in (
        status.value,
        status.thai,
        status.value.replace("_", " "),
        *_STATUS_WORDINGS[status],
    )
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


#: The copy mark a spreadsheet program adds to a copied sheet's name: ``มาตรการ (2)``.
_COPY_MARK = re.compile(r"\(\d+\)$")


@lru_cache(maxsize=256)
def is_sheet(name: str, sheet: Label) -> bool:
    """Whether a sheet named ``name`` is ``sheet``, or a copy of it (``มาตรการ (2)``).

    Kept per process: a batch's workbooks have the same few sheet names, and each answer
    normalises the name and every spelling of the label.
    """
    typed = _COPY_MARK.sub("", normalise_label(name))
    return typed in {normalise_label(spelling) for spelling in sheet.spellings()}
