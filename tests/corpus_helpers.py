"""What each workbook of the other-programs corpus holds, cell by cell, and how to read a file back.

``tests/data/corpus/make_corpus.py`` writes every case below with xlsxwriter and has LibreOffice
save it again as .xls, .ods and its own .xlsx; ``tests/test_corpus.py`` proves that each of the
four files still holds what is typed here (read back with python-calamine, a reader that is
neither ita-report's nor the writer's), then runs ``ita-report`` over them.

A sheet is given as its rows from row 1, each a tuple of cells from column A; ``None`` is an empty
cell. A merged range takes the value typed in its top-left cell; the other cells of the range are
``None`` here. ``DateSerial`` is a date cell given by its serial number, for a day xlsxwriter
refuses to write as a ``datetime``.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from lxml import etree
from python_calamine import CalamineWorkbook, SheetVisibleEnum

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"

#: The four files of each case, by their name's ending: xlsxwriter's .xlsx, then LibreOffice
#: Calc's .xlsx, .xls (Excel 97–2003) and .ods, each saved from the first.
FORMATS: tuple[str, ...] = ("xlsx", "calc.xlsx", "xls", "ods")

#: Day 0 of Excel's (and Calc's) 1900 date system as it is used for serial numbers.
EPOCH = date(1899, 12, 30)
DATE_FORMAT = "d/m/yyyy"


@dataclass(frozen=True)
class DateSerial:
    """A number shown as a date (``d/m/yyyy``): a real date cell, written by its serial."""

    serial: int

    @property
    def day(self) -> date:
        return EPOCH + timedelta(days=self.serial)


Cell = str | int | datetime | DateSerial | None
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class SheetSpec:
    name: str
    rows: tuple[Row, ...]
    merges: tuple[str, ...] = ()
    hidden: bool = False


@dataclass(frozen=True)
class CaseSpec:
    """One workbook of the corpus. ``inline_strings``: xlsxwriter writes it in constant-memory
    mode, where every string is an inline string (``t="inlineStr"``), not a shared string."""

    name: str
    sheets: tuple[SheetSpec, ...]
    inline_strings: bool = False


def path_of(case: str, fmt: str) -> Path:
    return CORPUS / f"{case}.{fmt}"


# --- the agency sheets -------------------------------------------------------------------------

AGENCY_NAME = "เทศบาลตำบลบ้านนา"


def agency_sheet(*, colons: bool = False) -> SheetSpec:
    """ชื่อหน่วยงาน, อำเภอ, จังหวัด, ปีงบประมาณ 2568: under a ``รายการ | ข้อมูล`` header, or
    (``colons``) with no header and each label typed with a colon, as an office's form has it."""
    if colons:
        rows: tuple[Row, ...] = (
            ("ชื่อหน่วยงาน :", AGENCY_NAME),
            ("อำเภอ :", "บ้านนา"),
            ("จังหวัด :", "นครนายก"),
            ("ปีงบประมาณ:", 2568),
        )
    else:
        rows = (
            ("รายการ", "ข้อมูล"),
            ("ชื่อหน่วยงาน", AGENCY_NAME),
            ("อำเภอ", "บ้านนา"),
            ("จังหวัด", "นครนายก"),
            ("ปีงบประมาณ", 2568),
        )
    return SheetSpec("หน่วยงาน", rows)


# --- the cases ---------------------------------------------------------------------------------

DONE = "ดำเนินการแล้ว"
IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
NOT_STARTED = "ยังไม่ดำเนินการ"

#: The usual single-row header with a typed period column.
PERIOD_HEADER: Row = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ระยะเวลาดำเนินการ",
    "สถานะ",
    "ผลการดำเนินการ",
)
#: The usual single-row header with start and end columns.
DATES_HEADER: Row = (
    "มาตรการ/แนวทาง",
    "วิธีการดำเนินการ",
    "ผู้รับผิดชอบ",
    "เริ่ม",
    "สิ้นสุด",
    "สถานะ",
    "ผลการดำเนินการ",
)

LAYOUT_TWO_ROW_HEADER = CaseSpec(
    "layout_two_row_header",
    (
        agency_sheet(colons=True),
        SheetSpec(
            "มาตรการ",
            (
                ("แผนการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",) + (None,) * 7,
                ("เทศบาลตำบลบ้านนา ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",) + (None,) * 7,
                (
                    "มาตรการ",
                    "วิธีการดำเนินการ",
                    "หน่วยงานที่รับผิดชอบ",
                    "ระยะเวลาดำเนินการ",
                    None,
                    "สถานะ",
                    "ผลการดำเนินงาน",
                    "ข้อเสนอแนะ",
                ),
                (None, None, None, "เริ่ม", "สิ้นสุด", None, None, None),
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนและระยะเวลาการให้บริการประชาชน",
                    "ทุกกอง",
                    datetime(2024, 10, 1),
                    datetime(2025, 9, 30),
                    DONE,
                    "ติดประกาศแผนภูมิ ณ จุดบริการ 3 จุด",
                    "ควรปรับปรุงทุกปี",
                ),
                (
                    None,
                    "จัดทำแบบประเมินความพึงพอใจของผู้รับบริการ",
                    "สำนักปลัด",
                    datetime(2024, 11, 1),
                    datetime(2025, 3, 31),
                    IN_PROGRESS,
                    "อยู่ระหว่างรวบรวมแบบประเมิน",
                    None,
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงานของเจ้าหน้าที่",
                    "สำนักปลัด/กองคลัง",
                    datetime(2025, 1, 1),
                    datetime(2025, 9, 30),
                    NOT_STARTED,
                    None,
                    None,
                ),
                (
                    "การเปิดเผยข้อมูล",
                    "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์ของหน่วยงาน",
                    "งานประชาสัมพันธ์",
                    datetime(2024, 10, 1),
                    datetime(2025, 5, 31),
                    DONE,
                    "เผยแพร่ครบ 12 รายการ",
                    None,
                ),
                (
                    None,
                    "จัดให้มีช่องทางรับฟังความคิดเห็นของประชาชน",
                    "งานประชาสัมพันธ์",
                    datetime(2025, 2, 1),
                    datetime(2025, 4, 30),
                    IN_PROGRESS,
                    None,
                    None,
                ),
            ),
            merges=(
                "A1:H1",
                "A2:H2",
                "A3:A4",
                "B3:B4",
                "C3:C4",
                "D3:E3",
                "F3:F4",
                "G3:G4",
                "H3:H4",
                "A5:A7",
                "A8:A9",
            ),
        ),
    ),
)

LAYOUT_MERGED_PERIOD = CaseSpec(
    "layout_merged_period",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ 2568",) + (None,) * 6,
                (
                    "มาตรการ/แนวทาง",
                    "วิธีการดำเนินการ",
                    "ผู้รับผิดชอบ",
                    "ระยะเวลา",
                    None,
                    "สถานะ",
                    "ผลการดำเนินการ",
                ),
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี",
                    "กองคลัง",
                    datetime(2024, 10, 1),
                    datetime(2024, 12, 31),
                    DONE,
                    "เผยแพร่เมื่อ 15 พ.ย. 2567",
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณรายไตรมาส",
                    "กองคลัง",
                    datetime(2025, 3, 1),
                    datetime(2025, 9, 30),
                    IN_PROGRESS,
                    "รายงานแล้ว 2 ไตรมาส",
                ),
                (
                    "การใช้ทรัพย์สินของทางราชการ",
                    "จัดทำทะเบียนคุมการยืมทรัพย์สิน",
                    "งานพัสดุ",
                    datetime(2024, 11, 1),
                    datetime(2025, 2, 28),
                    NOT_STARTED,
                    None,
                ),
                (
                    None,
                    "ตรวจสอบการใช้รถยนต์ส่วนกลาง",
                    "งานพัสดุ",
                    datetime(2025, 1, 1),
                    datetime(2025, 1, 31),
                    DONE,
                    "ตรวจสอบครบทุกคัน",
                ),
            ),
            merges=("A1:G1", "D2:E2"),
        ),
    ),
)

LAYOUT_REPEATED_TITLES = CaseSpec(
    "layout_repeated_titles",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                PERIOD_HEADER,
                (
                    "1. การปฏิบัติหน้าที่",
                    "1.1 จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    DONE,
                    "ติดประกาศ ณ จุดบริการ",
                ),
                (
                    "1. การปฏิบัติหน้าที่",
                    "1.2 จัดทำแบบประเมินความพึงพอใจผู้รับบริการ",
                    "สำนักปลัด",
                    "ม.ค. – มี.ค. ๖๘",
                    IN_PROGRESS,
                    None,
                ),
                (
                    "๒. การใช้งบประมาณ",
                    "๒.๑ เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "ต.ค. – ธ.ค. ๖๗",
                    DONE,
                    "เผยแพร่ทางเว็บไซต์",
                ),
                (
                    "๒. การใช้งบประมาณ",
                    "\u200b2. รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    IN_PROGRESS,
                    "รายงานแล้ว 2 ไตรมาส",
                ),
                (
                    "๔. การใช้ทรัพย์สินของทางราชการ",
                    "(1) จัดทำทะเบียนทรัพย์สิน",
                    "งานพัสดุ",
                    "พ.ย. ๖๗",
                    DONE,
                    "จัดทำทะเบียนครบ",
                ),
                (
                    "๔. การใช้ทรัพย์สินของทางราชการ",
                    "- กำหนดขั้นตอนการยืมทรัพย์สิน",
                    "งานพัสดุ",
                    "ก.พ. ๖๘",
                    DONE,
                    "ออกประกาศแล้ว",
                ),
                (
                    "๔. การใช้ทรัพย์สินของทางราชการ",
                    "• ตรวจสอบการใช้ทรัพย์สินประจำปี",
                    "งานพัสดุ",
                    "ก.ย. ๖๘",
                    NOT_STARTED,
                    None,
                ),
            ),
        ),
    ),
)

LAYOUT_TRAILER = CaseSpec(
    "layout_trailer",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                ("ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568",)
                + (None,) * 5,
                PERIOD_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    DONE,
                    "ติดประกาศ ณ จุดบริการ",
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงาน",
                    "สำนักปลัด",
                    "ม.ค. – มี.ค. ๖๘",
                    DONE,
                    "จัดทำคู่มือ 5 เรื่อง",
                ),
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "ต.ค. – ธ.ค. ๖๗",
                    DONE,
                    "เผยแพร่ทางเว็บไซต์",
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    IN_PROGRESS,
                    "รายงานแล้ว 3 ไตรมาส",
                ),
                (
                    "การเปิดเผยข้อมูล",
                    "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์",
                    "งานประชาสัมพันธ์",
                    "ต.ค. ๖๗ – มี.ค. ๖๘",
                    DONE,
                    "เผยแพร่ครบ 12 รายการ",
                ),
                (
                    None,
                    "จัดให้มีช่องทางถาม-ตอบ",
                    "งานประชาสัมพันธ์",
                    "เม.ย. – พ.ค. ๖๘",
                    NOT_STARTED,
                    None,
                ),
                ("รวม 3 มาตรการ 6 วิธีการ",) + (None,) * 5,  # row 9, merged A9:B9
                (),
                (None, None, None, None, "ลงชื่อ ....... ผู้รายงาน"),
                (None, None, None, None, "(นายสมชาย ใจดี)"),
                (None, None, None, None, "ตำแหน่ง ปลัดเทศบาล"),
                (),
                ("หมายเหตุ ข้อมูล ณ วันที่ 30 มิถุนายน 2568",),
            ),
            merges=("A1:F1", "A9:B9"),
        ),
    ),
)

LAYOUT_HIDDEN_SHEETS = CaseSpec(
    "layout_hidden_sheets",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",  # last year's, hidden: every method done
            (
                DATES_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำคู่มือการให้บริการประชาชน",
                    "สำนักปลัด",
                    datetime(2023, 10, 1),
                    datetime(2024, 3, 31),
                    DONE,
                    "จัดทำคู่มือแล้ว",
                ),
                (
                    None,
                    "ประเมินความพึงพอใจผู้รับบริการ",
                    "สำนักปลัด",
                    datetime(2024, 4, 1),
                    datetime(2024, 9, 30),
                    DONE,
                    "ประเมินแล้ว",
                ),
                (
                    "การใช้อำนาจ",
                    "เผยแพร่คำสั่งมอบอำนาจ",
                    "สำนักปลัด",
                    datetime(2023, 10, 1),
                    datetime(2023, 12, 31),
                    DONE,
                    "เผยแพร่แล้ว",
                ),
            ),
            hidden=True,
        ),
        SheetSpec(
            "มาตรการ (2)",  # this year's, visible
            (
                ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส",),
                ("ประจำปีงบประมาณ พ.ศ. 2568",),
                (),
                DATES_HEADER,
                (
                    "การแก้ไขปัญหาการทุจริต",
                    "จัดทำแผนป้องกันการทุจริตประจำปี",
                    "สำนักปลัด",
                    datetime(2024, 10, 1),
                    datetime(2024, 12, 31),
                    IN_PROGRESS,
                    "ร่างแผนแล้ว",
                ),
                (
                    None,
                    "จัดช่องทางแจ้งเรื่องร้องเรียนการทุจริต",
                    "สำนักปลัด",
                    datetime(2024, 10, 1),
                    datetime(2025, 9, 30),
                    DONE,
                    "มีช่องทางร้องเรียน 3 ช่องทาง",
                ),
                (
                    "การป้องกันการทุจริต",
                    "ประกาศเจตจำนงสุจริตของผู้บริหาร",
                    "สำนักปลัด",
                    datetime(2024, 11, 1),
                    datetime(2024, 11, 30),
                    DONE,
                    "ประกาศเมื่อ 1 พ.ย. 2567",
                ),
                (
                    None,
                    "อบรมคุณธรรมจริยธรรมให้บุคลากร",
                    "งานการเจ้าหน้าที่",
                    datetime(2025, 7, 1),
                    datetime(2025, 8, 31),
                    NOT_STARTED,
                    None,
                ),
            ),
        ),
    ),
)

_SMALL_PLAN: tuple[Row, ...] = (
    PERIOD_HEADER,
    (
        "การปฏิบัติหน้าที่",
        "จัดทำแผนภูมิขั้นตอนการให้บริการ",
        "สำนักปลัด",
        "ต.ค. ๖๗ – ก.ย. ๖๘",
        DONE,
        "ติดประกาศแล้ว",
    ),
    (None, "จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ม.ค. – มี.ค. ๖๘", IN_PROGRESS, None),
    (
        "การใช้งบประมาณ",
        "เผยแพร่แผนการจัดซื้อจัดจ้าง",
        "กองคลัง",
        "ต.ค. – ธ.ค. ๖๗",
        DONE,
        "เผยแพร่ทางเว็บไซต์",
    ),
    (None, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", NOT_STARTED, None),
)

LAYOUT_TWO_VISIBLE = CaseSpec(
    "layout_two_visible",
    (
        agency_sheet(),
        SheetSpec("มาตรการ", _SMALL_PLAN),
        SheetSpec("มาตรการ (2)", _SMALL_PLAN),
    ),
)

VALUES_STATUSES = CaseSpec(
    "values_statuses",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                PERIOD_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "ต.ค. – ธ.ค. ๖๗",
                    "เสร็จแล้ว",
                    "ติดประกาศแล้ว",
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงาน",
                    "สำนักปลัด",
                    "ต.ค. – ธ.ค. ๖๗",
                    "เสร็จสิ้น",
                    "จัดทำคู่มือ 5 เรื่อง",
                ),
                (
                    None,
                    "จัดทำแบบประเมินความพึงพอใจ",
                    "สำนักปลัด",
                    "ม.ค. – มี.ค. ๖๘",
                    "ดำเนินการเสร็จแล้ว",
                    "ประเมินแล้ว 120 ราย",
                ),
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "ต.ค. ๖๗",
                    "ดำเนินการเรียบร้อยแล้ว",
                    "เผยแพร่ทางเว็บไซต์",
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    "กำลังดำเนินการ",
                    "รายงานแล้ว 2 ไตรมาส",
                ),
                (
                    None,
                    "จัดทำรายงานการเงินประจำปี",
                    "กองคลัง",
                    "ม.ค. – เม.ย. ๖๘",
                    "อยู่ระหว่างการดำเนินการ",
                    None,
                ),
                (
                    "การเปิดเผยข้อมูล",
                    "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์",
                    "งานประชาสัมพันธ์",
                    "ต.ค. – พ.ย. ๖๗",
                    "ดำเนินการ\u0e40\u0e40ล้ว",  # เ+เ typed for แ
                    "เผยแพร่ครบ 12 รายการ",
                ),
                (
                    None,
                    "จัดให้มีช่องทางถาม-ตอบ",
                    "งานประชาสัมพันธ์",
                    "ก.พ. – พ.ค. ๖๘",
                    "อยู่ระหว่างด\u0e4d\u0e32เนินการ",  # ํ+า typed for ำ
                    "ทดลองใช้งาน",
                ),
                (
                    None,
                    "ประชาสัมพันธ์ช่องทางรับเรื่องร้องเรียน",
                    "งานประชาสัมพันธ์",
                    "ก.ค. – ก.ย. ๖๘",
                    "ยังไม่ได้ดำเนินการ",
                    None,
                ),
            ),
        ),
    ),
    inline_strings=True,
)

VALUES_BAD_STATUS = CaseSpec(
    "values_bad_status",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                PERIOD_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    DONE,
                    "ติดประกาศแล้ว",
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงาน",
                    "สำนักปลัด",
                    "ม.ค. – มี.ค. ๖๘",
                    "ดำเนนการแล้ว",  # the first ิ left out
                    "จัดทำคู่มือแล้ว",
                ),
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "ต.ค. – ธ.ค. ๖๗",
                    DONE,
                    "เผยแพร่ทางเว็บไซต์",
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    "ต.ค. ๖๗ – ก.ย. ๖๘",
                    IN_PROGRESS,
                    None,
                ),
            ),
        ),
    ),
)

VALUES_DATES = CaseSpec(
    "values_dates",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                DATES_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "1 ต.ค. 67",
                    "๓๑ มี.ค. ๖๘",
                    IN_PROGRESS,
                    None,
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงาน",
                    "สำนักปลัด",
                    "1 ตุลาคม 2567",
                    datetime(2568, 9, 30),  # a B.E. year in a real date cell
                    IN_PROGRESS,
                    "ร่างคู่มือแล้ว",
                ),
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "1/4/68",
                    "31/5/2568",
                    NOT_STARTED,
                    None,
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    "2024-10-01",
                    datetime(2568, 3, 31),  # a B.E. year in a real date cell
                    NOT_STARTED,
                    None,
                ),
                (
                    None,
                    "จัดทำรายงานการเงินประจำปี",
                    "กองคลัง",
                    datetime(2025, 7, 1),  # a C.E. year in a real date cell
                    "30 ก.ย. 2568",
                    NOT_STARTED,
                    None,
                ),
            ),
        ),
    ),
)

#: 29 February 2568 as Excel shows it: the day after 28/2/2568 (2568 C.E. is a leap year, 2025,
#: which 2568 B.E. is, is not).
FEB_29_2568 = DateSerial((date(2568, 2, 28) - EPOCH).days + 1)

VALUES_IMPOSSIBLE_DATE = CaseSpec(
    "values_impossible_date",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                DATES_HEADER,
                (
                    "การใช้งบประมาณ",
                    "เผยแพร่แผนการจัดซื้อจัดจ้าง",
                    "กองคลัง",
                    "1/10/2567",
                    "29/2/2568",
                    DONE,
                    "เผยแพร่แล้ว",
                ),
                (
                    None,
                    "รายงานผลการใช้จ่ายงบประมาณ",
                    "กองคลัง",
                    FEB_29_2568,
                    datetime(2568, 9, 30),
                    IN_PROGRESS,
                    None,
                ),
                (
                    None,
                    "จัดทำรายงานการเงินประจำปี",
                    "กองคลัง",
                    "1/10/2567",
                    "30/9/2568",
                    DONE,
                    "จัดทำแล้ว",
                ),
            ),
        ),
    ),
)

VALUES_ROW_PROBLEMS = CaseSpec(
    "values_row_problems",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                DATES_HEADER,
                (
                    "การปฏิบัติหน้าที่",
                    "จัดทำแผนภูมิขั้นตอนการให้บริการ",
                    "สำนักปลัด",
                    "1/10/2567",
                    "31/12/2567",
                    DONE,
                    "ติดประกาศแล้ว",
                ),
                (
                    None,
                    "จัดทำคู่มือการปฏิบัติงาน",
                    "สำนักปลัด",
                    "ไม่ระบุ",
                    "รอประกาศ",
                    "เสร็จ 50%",
                    "ร่างคู่มือแล้ว",
                ),
                (
                    None,
                    "จัดทำแบบประเมินความพึงพอใจ",
                    "สำนักปลัด",
                    "1/1/2568",
                    "31/3/2568",
                    DONE,
                    "ประเมินแล้ว",
                ),
                (
                    "การเปิดเผยข้อมูล",
                    "เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์",
                    "งานประชาสัมพันธ์",
                    "1/10/2567",
                    "30/9/2568",
                    IN_PROGRESS,
                    None,
                ),
            ),
        ),
    ),
)

UNKNOWN_COLUMN = CaseSpec(
    "unknown_column",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                (*PERIOD_HEADER, "หมายเหตุการดำเนินงาน"),
                (
                    "การใช้อำนาจ",
                    "จัดทำหลักเกณฑ์การมอบอำนาจ",
                    "สำนักปลัด",
                    "ต.ค. – ธ.ค. ๖๗",
                    DONE,
                    "ออกคำสั่งมอบอำนาจแล้ว",
                    "ตามคำสั่งที่ 12/2567",
                ),
                (
                    None,
                    "เผยแพร่คำสั่งมอบอำนาจ",
                    "สำนักปลัด",
                    "ม.ค. ๖๘",
                    DONE,
                    "เผยแพร่ทางเว็บไซต์",
                    None,
                ),
                (
                    "การปรับปรุงการทำงาน",
                    "ปรับปรุงขั้นตอนการขออนุญาตก่อสร้าง",
                    "กองช่าง",
                    "ม.ค. – พ.ค. ๖๘",
                    IN_PROGRESS,
                    "ลดขั้นตอนแล้ว 2 ขั้นตอน",
                    "รออนุมัติ",
                ),
                (
                    None,
                    "นำระบบคิวออนไลน์มาใช้",
                    "กองช่าง",
                    "ก.ค. – ก.ย. ๖๘",
                    NOT_STARTED,
                    None,
                    None,
                ),
            ),
        ),
    ),
)

UNKNOWN_RESULT_COLUMN = CaseSpec(
    "unknown_result_column",
    (
        agency_sheet(),
        SheetSpec(
            "มาตรการ",
            (
                (*PERIOD_HEADER[:5], "ผลการปฏิบัติงาน"),
                (
                    "การใช้อำนาจ",
                    "จัดทำหลักเกณฑ์การมอบอำนาจ",
                    "สำนักปลัด",
                    "ต.ค. – ธ.ค. ๖๗",
                    DONE,
                    "ออกคำสั่งมอบอำนาจแล้ว",
                ),
                (
                    None,
                    "เผยแพร่คำสั่งมอบอำนาจ",
                    "สำนักปลัด",
                    "ม.ค. ๖๘",
                    DONE,
                    "เผยแพร่ทางเว็บไซต์",
                ),
                (
                    "การปรับปรุงการทำงาน",
                    "ปรับปรุงขั้นตอนการขออนุญาตก่อสร้าง",
                    "กองช่าง",
                    "ม.ค. – พ.ค. ๖๘",
                    IN_PROGRESS,
                    "ลดขั้นตอนแล้ว 2 ขั้นตอน",
                ),
            ),
        ),
    ),
)

CASES: dict[str, CaseSpec] = {
    case.name: case
    for case in (
        LAYOUT_TWO_ROW_HEADER,
        LAYOUT_MERGED_PERIOD,
        LAYOUT_REPEATED_TITLES,
        LAYOUT_TRAILER,
        LAYOUT_HIDDEN_SHEETS,
        LAYOUT_TWO_VISIBLE,
        VALUES_STATUSES,
        VALUES_BAD_STATUS,
        VALUES_DATES,
        VALUES_IMPOSSIBLE_DATE,
        VALUES_ROW_PROBLEMS,
        UNKNOWN_COLUMN,
        UNKNOWN_RESULT_COLUMN,
    )
}


# --- reading a file back, independently of ita-report ---------------------------------------


def typed(cell: Cell) -> object:
    """What a reader should find in a cell: dates as ``date``, whatever wrote them."""
    if isinstance(cell, DateSerial):
        return cell.day
    if isinstance(cell, datetime):
        return cell.date()
    return cell


def expected_grid(sheet: SheetSpec) -> list[list[object]]:
    """The sheet's rows as :func:`read_back` gives them: trailing empties trimmed."""
    return _trim([[typed(cell) for cell in row] for row in sheet.rows])


def _plain(value: object) -> object:
    if value == "":
        return None
    if isinstance(value, datetime):
        assert (value.hour, value.minute, value.second) == (0, 0, 0), value
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _trim(rows: list[list[object]]) -> list[list[object]]:
    trimmed = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        trimmed.append(cells)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    return trimmed


@dataclass(frozen=True)
class ReadBack:
    """A sheet as python-calamine reads it from a file."""

    visible: bool
    rows: list[list[object]]
    merges: set[str]


def read_back(path: Path) -> dict[str, ReadBack]:
    """Every sheet of ``path`` by name, read with python-calamine (xlsx, xls and ods alike).

    calamine reads no merged ranges from an .ods: those come from its ``content.xml``.
    """
    ods_merges = _ods_merges(path) if path.suffix == ".ods" else {}
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        sheets: dict[str, ReadBack] = {}
        for meta in workbook.sheets_metadata:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = [[_plain(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
            ranges = sheet.merged_cell_ranges
            merges = (
                ods_merges.get(meta.name, set())
                if ranges is None
                else {_range_name(span) for span in ranges}
            )
            sheets[meta.name] = ReadBack(
                visible=meta.visible == SheetVisibleEnum.Visible, rows=_trim(rows), merges=merges
            )
        return sheets
    finally:
        workbook.close()


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_merges(path: Path) -> dict[str, set[str]]:
    """The merged ranges of each table of an .ods: its cells' ``number-*-spanned``."""
    with zipfile.ZipFile(path) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    merges: dict[str, set[str]] = {}
    for table in content.iter(f"{_TABLE}table"):
        spans = merges.setdefault(table.get(f"{_TABLE}name", ""), set())
        row = 0
        for table_row in table.iter(f"{_TABLE}table-row"):
            col = 0
            for cell in table_row:
                if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    continue
                across = int(cell.get(f"{_TABLE}number-columns-spanned", "1"))
                down = int(cell.get(f"{_TABLE}number-rows-spanned", "1"))
                if across > 1 or down > 1:
                    spans.add(_range_name(((row, col), (row + down - 1, col + across - 1))))
                col += int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
            row += int(table_row.get(f"{_TABLE}number-rows-repeated", "1"))
    return merges


def _range_name(span: tuple[tuple[int, int], tuple[int, int]]) -> str:
    (top, left), (bottom, right) = span
    return f"{_column(left)}{top + 1}:{_column(right)}{bottom + 1}"


def _column(index: int) -> str:
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
