"""The Thai help in the workbook ``ita-report init`` writes: what to type where.

The instructions sheet, the hint beside each field of the agency sheet, and what the status and
date cells say when selected or refused.

Kept apart from the sheet layout (``workbook``) because it is prose: a clerk's manual that
changes with the wording, not with the code. Column names and status values come from the
vocabulary (``labels``, ``model.Status``), so the help cannot name a label the reader does not
know.
"""

from __future__ import annotations

from ita_report.labels import (
    AGENCY_FIELDS,
    AGENCY_SHEET,
    INSTRUCTIONS_SHEET,
    MEASURE_COLUMNS,
    MEASURES_SHEET,
    UNITS_HEADER,
    UNITS_SHEET,
    Label,
)
from ita_report.model import Status

_STATUS_VALUES = tuple(status.thai for status in Status)

_AGENCY_HINTS: dict[str, str] = {
    "agency": "ชื่อเต็มของหน่วยงาน เช่น เทศบาลตำบลพะโต๊ะ",
    "district": "ชื่ออำเภอ เช่น บ้านฝาง (ไม่ต้องพิมพ์คำว่า อำเภอ)",
    "province": "ชื่อจังหวัด เช่น ชุมพร (ไม่ต้องพิมพ์คำว่า จังหวัด)",
    "fiscal_year": "พ.ศ. เช่น 2568",
    "assessed_year": "ปี พ.ศ. ของผลการประเมิน ITA ที่นำมาวิเคราะห์ ถ้าเว้นว่างจะใช้ปีงบประมาณ − 1",
    "signer": "ชื่อ-สกุลผู้ลงนามท้ายรายงาน ถ้าเว้นว่าง รายงานจะไม่มีส่วนลงนาม",
    "signer_position": "ตำแหน่งของผู้รายงาน เช่น ปลัดเทศบาล",
    "approver": "ชื่อ-สกุลผู้อนุมัติหรือผู้เห็นชอบรายงาน เช่น นายกเทศมนตรี ถ้าเว้นว่าง รายงานจะมีเฉพาะผู้รายงานลงนาม",
    "approver_position": "ตำแหน่งของผู้อนุมัติ เช่น นายกเทศมนตรีตำบลพะโต๊ะ",
    "report_date": "วัน/เดือน/ปี เช่น 30/9/2568 หรือพิมพ์เป็นข้อความ เช่น 30 กันยายน 2568",
}
_REQUIRED_MARK = "(จำเป็น) "


#: What the status cells say when one is selected, and when a value is refused (Excel allows
#: 32 characters in a title, 255 in a text); keyword arguments of openpyxl's DataValidation.
STATUS_HELP = {
    "promptTitle": "สถานะ",
    "prompt": "เลือกจากรายการ หรือเว้นว่างไว้ให้โปรแกรมดูจากผลการดำเนินการ",
    "errorTitle": "สถานะไม่ถูกต้อง",
    "error": (
        "เลือกสถานะจากรายการ: " + ", ".join(_STATUS_VALUES) + " หรือเว้นว่างไว้"
        " (โปรแกรมจะดูจากผลการดำเนินการ)"
    ),
}
#: The same for the start and end date cells: the value may be kept (a warning).
DATE_HELP = {
    "promptTitle": "วันที่",
    "prompt": "วัน/เดือน/ปี เช่น 1/10/2567 (พ.ศ.) หรือ 1/10/2024 (ค.ศ.)",
    "errorTitle": "ตรวจสอบวันที่",
    "error": (
        "ค่านี้ไม่ใช่วันที่ที่ Excel รู้จัก หรือเป็นปีก่อน 2000 (เช่น พิมพ์ปีเป็นเลข 2 หลัก)"
        " ควรพิมพ์ วัน/เดือน/ปี 4 หลัก เช่น 1/10/2567 ถ้ามั่นใจว่าถูกต้อง กด ใช่ (Yes)"
    ),
}


def agency_hint(field: Label) -> str:
    """The hint shown beside an agency field; ``(จำเป็น)`` marks the required ones, taken from
    the label so that the mark cannot drift from the reader's rule."""
    return (_REQUIRED_MARK if field.required else "") + _AGENCY_HINTS[field.key]


def instructions(file_name: str) -> tuple[tuple[str, str | None], ...]:
    """The instruction rows: ``(heading, None)`` starts a section, ``(topic, text)`` explains.

    Column names and status values come from the vocabulary, so the help cannot name a label
    the reader does not know.
    """
    keys = ("measure", "method", "responsible", "period", "start", "end", "status", "result")
    measure, method, responsible, period, start, end, status, result = map(_measure_title, keys)
    suggestion = _measure_title("suggestion")
    done, in_progress, not_started = _STATUS_VALUES
    workbook = _quoted(file_name)
    required = ", ".join(field.title for field in AGENCY_FIELDS if field.required)
    sheets = (
        f"{AGENCY_SHEET.title}: ข้อมูลหน่วยงาน | {MEASURES_SHEET.title}: มาตรการและวิธีการดำเนินการ"
        f" | {UNITS_SHEET.title}: รายชื่อหน่วยงานย่อย (ไม่บังคับ) | {INSTRUCTIONS_SHEET}: แผ่นนี้"
    )
    return (
        ("ภาพรวม", None),
        (
            "ใช้ทำอะไร",
            "กรอกสมุดงานนี้ปีละหนึ่งไฟล์ แล้วใช้โปรแกรม ita-report สร้างรายงานผลการดำเนินการ"
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสเป็นไฟล์ Word ให้อัตโนมัติ",
        ),
        ("แผ่นงาน", sheets),
        (
            "ข้อควรระวัง",
            "อย่าเปลี่ยนชื่อแผ่นงานและชื่อหัวคอลัมน์ เพราะโปรแกรมใช้ชื่อเหล่านี้ค้นหาข้อมูล"
            " (สลับลำดับคอลัมน์ได้) และบันทึกไฟล์เป็น .xlsx เสมอ",
        ),
        (f"แผ่นงาน {AGENCY_SHEET.title}", None),
        (
            "วิธีกรอก",
            "กรอกในคอลัมน์ ข้อมูล (คอลัมน์ B) ทีละรายการ โดยไม่แก้ชื่อรายการในคอลัมน์ A คอลัมน์ C เป็นคำอธิบาย",
        ),
        ("รายการที่ต้องกรอก", f"{required} (คำอธิบายขึ้นต้นว่า จำเป็น) รายการอื่นเว้นว่างได้"),
        (
            "ปีงบประมาณ",
            "ปี พ.ศ. เช่น 2568 ปีงบประมาณ 2568 เริ่ม 1 ตุลาคม 2567 สิ้นสุด 30 กันยายน 2568",
        ),
        (f"แผ่นงาน {MEASURES_SHEET.title}", None),
        (
            "หนึ่งแถวต่อหนึ่งวิธีการ",
            "แต่ละแถวคือวิธีการดำเนินการหนึ่งวิธี แผ่นงานนี้ใส่มาตรการตามตัวชี้วัด ITA ทั้ง ๑๐ ตัว"
            "ไว้ให้แล้ว แก้ชื่อ เพิ่ม หรือลบมาตรการได้ตามที่หน่วยงานกำหนดเอง",
        ),
        (
            "มาตรการที่มีหลายวิธีการ",
            "แทรกแถวใต้แถวของมาตรการ (คลิกขวาที่หมายเลขแถว แล้วเลือก แทรก)"
            f" กรอกวิธีการถัดไปในแถวใหม่ และเว้นช่อง {measure} ว่างไว้"
            f" หรือผสานเซลล์ (Merge) ช่อง {measure} ลงมาก็ได้"
            " โปรแกรมถือว่าเป็นมาตรการเดียวกับแถวบน แถวว่างจะถูกข้ามไป",
        ),
        (
            "ลำดับ",
            "ไม่ต้องพิมพ์ลำดับหน้ามาตรการหรือวิธีการ โปรแกรมใส่ให้เอง"
            " ถ้าพิมพ์ไว้แล้ว (เช่น ๑. หรือ 1.) โปรแกรมจะไม่ใส่ซ้ำ",
        ),
        (measure, "ชื่อมาตรการหรือแนวทาง (จำเป็น)"),
        (method, "สิ่งที่ทำเพื่อให้มาตรการเกิดผล (จำเป็น)"),
        (
            responsible,
            "หน่วยงานย่อยที่รับผิดชอบ (จำเป็น) ถ้ามีหลายหน่วยให้คั่นด้วย / หรือ , เช่น สำนักปลัด/กองคลัง",
        ),
        (
            period,
            "ข้อความ เช่น มี.ค. – ก.ย. ๖๘ หรือ ตลอดปีงบประมาณ รายงานจะแสดงตามที่พิมพ์"
            f" ถ้าเว้นว่าง ให้กรอก {start} และ {end} แทน แล้วโปรแกรมจะเขียนระยะเวลาให้เอง",
        ),
        (
            f"{start} / {end}",
            "วันที่เริ่มและวันที่สิ้นสุด พิมพ์แบบ วัน/เดือน/ปี เช่น 1/10/2567"
            " ใช้ปี พ.ศ. หรือ ค.ศ. ก็ได้ (1/10/2024) แต่พิมพ์ปี 4 หลักเสมอ"
            " วันที่ควรอยู่ในปีงบประมาณ"
            f" ถ้ากรอกทั้ง {period} และวันที่ รายงานแสดงข้อความที่พิมพ์"
            " ส่วนวันที่ใช้ตรวจว่าวิธีการใดเลยกำหนด",
        ),
        (
            status,
            f"เลือกจากรายการในเซลล์ (ลูกศรด้านขวา): {done}, {in_progress} หรือ {not_started}"
            f" ถ้าเว้นว่าง โปรแกรมดูจาก{result}: ถ้าเขียนว่า อยู่ระหว่าง… ถือว่า{in_progress}"
            f" ถ้าไม่มีผล ถือว่า{not_started} ถ้ามีผลอื่น ถือว่า{done}",
        ),
        (result, "สิ่งที่ได้ทำไปแล้วและผลที่เกิดขึ้น เว้นว่างได้"),
        (suggestion, "ข้อเสนอแนะเพื่อปรับปรุงในปีต่อไป เว้นว่างได้"),
        (
            "ขึ้นบรรทัดใหม่",
            "ขึ้นบรรทัดใหม่ในเซลล์เดียวกันได้ด้วย Alt+Enter (LibreOffice Calc: Ctrl+Enter)"
            " รายงานจะขึ้นบรรทัดใหม่ตรงตำแหน่งเดียวกัน",
        ),
        (f"แผ่นงาน {UNITS_SHEET.title} (ไม่บังคับ)", None),
        (
            "รายชื่อหน่วยงานย่อย",
            f"พิมพ์ชื่อหน่วยงานย่อยของหน่วยงาน หนึ่งชื่อต่อแถว ใต้หัวคอลัมน์ {UNITS_HEADER}"
            f" ถ้ากรอกไว้ โปรแกรมจะเตือนเมื่อช่อง{responsible}ในแผ่นงาน {MEASURES_SHEET.title}"
            " มีชื่อที่ไม่อยู่ในรายชื่อ (เช่น พิมพ์ผิด) และเสนอชื่อที่ใกล้เคียง"
            " ถ้าไม่ใช้ ปล่อยว่างไว้ได้",
        ),
        ("สร้างรายงาน", None),
        (
            f"ita-report validate {workbook}",
            "ตรวจว่ากรอกครบและถูกต้อง ถ้าผิดจะบอกตำแหน่งเซลล์ เช่น มาตรการ!C4 (แผ่นงาน มาตรการ เซลล์ C4)",
        ),
        (
            f"ita-report check {workbook}",
            "แสดงวิธีการที่ยังไม่แล้วเสร็จ และวิธีการที่เลยกำหนดแล้ว",
        ),
        (
            f"ita-report build {workbook}",
            "สร้างรายงานเป็นไฟล์ Word ชื่อเดียวกันในโฟลเดอร์เดียวกัน (เติม --kind plan"
            " เพื่อสร้างเอกสารมาตรการต้นปี ซึ่งไม่มีคอลัมน์ผลการดำเนินการและข้อเสนอแนะ)",
        ),
        ("ชื่อไฟล์", "ถ้าเปลี่ยนชื่อไฟล์นี้ ให้ใช้ชื่อใหม่ในคำสั่ง"),
    )


def _measure_title(key: str) -> str:
    return next(label.title for label in MEASURE_COLUMNS if label.key == key)


def _quoted(file_name: str) -> str:
    """The file name as it must be typed in a shell: quoted when it has spaces."""
    return f'"{file_name}"' if any(ch.isspace() for ch in file_name) else file_name
