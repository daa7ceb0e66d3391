"""The fixed wording of the reports, written once as Jinja text.

The default templates spell these sentences out in the document itself, so that a clerk can
reword them in Word; the context renders the very same sources into ``title`` and ``intro`` for
templates that would rather print the variables. One source for both keeps them from drifting.
The results wording follows the reference report (เทศบาลตำบลพะโต๊ะ, พ.ศ. ๒๕๖๔), with the space
after ``พ.ศ.`` made consistent.
"""

from __future__ import annotations

from collections.abc import Mapping

from ita_report.render.options import ReportKind

#: The title, as the lines the default templates break it into; ``title`` joins them with a space.
TITLE: Mapping[ReportKind, tuple[str, ...]] = {
    ReportKind.RESULTS: (
        "รายงานผลการดำเนินการมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}",
    ),
    ReportKind.PLAN: (
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}",
    ),
}

INTRO: Mapping[ReportKind, tuple[str, ...]] = {
    ReportKind.RESULTS: (
        "ตามที่{{ agency }} ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส (ITA)"
        " ของ{{ agency }} ประจำปีงบประมาณ พ.ศ. {{ assessed_year }}"
        " และได้กำหนดมาตรการ/แนวทางในการส่งเสริมคุณธรรมและความโปร่งใสของ{{ agency }}"
        " ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} แล้วนั้น",
        "{{ agency }} ได้ดำเนินการขับเคลื่อนตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        "ของ{{ agency }} ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} ดังต่อไปนี้",
    ),
    # O42: the measures an agency commits to at the start of the year, after analysing the
    # previous assessment; worded as such announcements are in Thai government practice.
    ReportKind.PLAN: (
        "ตามที่{{ agency }} ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส"
        "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ{{ agency }} ประจำปีงบประมาณ"
        " พ.ศ. {{ assessed_year }} เพื่อนำผลการวิเคราะห์มาปรับปรุงและพัฒนาการดำเนินงาน"
        "ให้เกิดคุณธรรมและความโปร่งใสยิ่งขึ้น แล้วนั้น",
        "เพื่อให้การดำเนินงานของ{{ agency }} เป็นไปด้วยความถูกต้อง โปร่งใส และตรวจสอบได้"
        " {{ agency }} จึงได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        " ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }} โดยมีรายละเอียดดังต่อไปนี้",
    ),
}

#: The subject of every report (its document properties), whatever the kind.
ITA_SUBJECT = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)"

#: The line under the title of a progress report.
AS_OF = "ข้อมูล ณ วันที่ {{ as_of | thai_date }}"

#: The mark after the period of a method that is not done and whose end date has passed.
OVERDUE_MARK = "(เลยกำหนด)"

SUMMARY_HEADING: Mapping[ReportKind, str] = {
    ReportKind.RESULTS: "สรุปผลการดำเนินการ",
    ReportKind.PLAN: "สรุป",
}

SUMMARY: Mapping[ReportKind, str] = {
    ReportKind.RESULTS: (
        "{{ agency }} กำหนดมาตรการไว้ {{ summary.measures }} มาตรการ"
        " รวม {{ summary.methods }} วิธีการดำเนินการ"
        " ดำเนินการแล้ว {{ summary.done }} วิธีการ"
        " อยู่ระหว่างดำเนินการ {{ summary.in_progress }} วิธีการ"
        " ยังไม่ดำเนินการ {{ summary.not_started }} วิธีการ"
        " คิดเป็นร้อยละ {{ summary.share_done | percent }} ของวิธีการดำเนินการทั้งหมด"
        "{% if summary.overdue %} โดยมี {{ summary.overdue }} วิธีการที่เลยกำหนดเวลาแล้ว{% endif %}"
    ),
    ReportKind.PLAN: (
        "{{ agency }} กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสไว้ {{ summary.measures }} มาตรการ"
        " รวม {{ summary.methods }} วิธีการดำเนินการ"
    ),
}

#: The signature block, line by line; each line is left out when its variable is empty.
SIGNATURE_LINE: Mapping[ReportKind, str] = {
    ReportKind.RESULTS: "ลงชื่อ ........................................ ผู้รายงาน",
    ReportKind.PLAN: "ลงชื่อ ........................................",
}

#: The approval under the reporter's signature, when ผู้อนุมัติ is given.
APPROVAL_LINE = "ลงชื่อ ........................................ ผู้อนุมัติ"
