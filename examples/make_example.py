"""Generate ``examples/plan.xlsx``, the example workbook for ``ita-report``.

The workbook transcribes the seed report of เทศบาลตำบลพะโต๊ะ (fiscal year 2564):
ten measures, 29 methods, in the seed's order.  Where the PDF's text extraction
broke the text, the workbook holds what the agency meant; every such fix is
listed in ``examples/README.md``.

Run from the repository root::

    .venv/bin/python examples/make_example.py

The output is byte-for-byte reproducible: the document properties and the zip
entry timestamps are fixed, so re-running does not change a committed file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ita_report.write.workbook import workbook_bytes

OUTPUT = Path(__file__).with_name("plan.xlsx")

# Fixed timestamps so that every run writes the same bytes.
FIXED_TIMESTAMP = datetime(2021, 10, 1, 9, 0, 0)

DONE = "ดำเนินการแล้ว"
IN_PROGRESS = "อยู่ระหว่างดำเนินการ"
NOT_STARTED = "ยังไม่ดำเนินการ"

# The seed's two periods, March-September and March-April of B.E. 2564 (C.E. 2021).
MAR_SEP_64 = (date(2021, 3, 1), date(2021, 9, 30))
MAR_APR_64 = (date(2021, 3, 1), date(2021, 4, 30))


@dataclass(frozen=True)
class Method:
    """One row of the measures sheet."""

    text: str
    responsible: str
    period: tuple[date, date]
    result: str
    status: str = DONE
    suggestion: str = ""


@dataclass(frozen=True)
class Measure:
    """A measure with its methods; its cell is merged down over them."""

    title: str
    methods: tuple[Method, ...]


AGENCY: tuple[tuple[str, str | int | None], ...] = (
    ("ชื่อหน่วยงาน", "เทศบาลตำบลพะโต๊ะ"),
    ("อำเภอ", "บ้านฝาง"),
    ("จังหวัด", "ชุมพร"),
    ("ปีงบประมาณ", 2564),
    ("ปีที่ประเมิน", 2563),
    ("ผู้รายงาน", None),  # the seed report has no signature block
    ("ตำแหน่ง", None),
    ("วันที่รายงาน", None),
)

MEASURES: tuple[Measure, ...] = (
    Measure(
        "๑. การปฏิบัติหน้าที่",
        (
            Method(
                "๑. จัดทำแผนภูมิ ขั้นตอน ระยะเวลาและผู้รับผิดชอบในการบริการอย่างชัดเจน",
                "ทุกงาน",
                MAR_SEP_64,
                "มีแผนผังคู่มือประชาชนเผยแพร่ในเว็บไซต์ ทต.พะโต๊ะ",
                suggestion="ควรปรับปรุงขั้นตอนการทำงานให้ประชาชนได้รับความสะดวกมากขึ้น",
            ),
            Method(
                "๒. จัดทำแบบประเมินความพึงพอใจ ข้อเสนอแนะของผู้รับบริการไว้ ณ จุดบริการประชาชน",
                "ทุกงาน",
                MAR_SEP_64,
                "มี QR code ประเมินความพึงพอใจไว้ ณ จุดบริการประชาชน",
            ),
            Method(
                "๓. จัดทำมาตรฐานการบริหารงานบุคคลและการพิจารณาให้โทษ ตามหลักคุณธรรมและความสามารถ",
                "งานการเจ้าหน้าที่",
                MAR_SEP_64,
                "มีประกาศ ทต.พะโต๊ะ เรื่อง การดำเนินการทางวินัย"
                " และการเสริมสร้างขวัญกำลังใจ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔",
            ),
        ),
    ),
    Measure(
        "๒. การใช้งบประมาณ",
        (
            Method(
                "๑. เผยแพร่การใช้จ่ายงบประมาณ แผนการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
                " กระบวนการเบิกจ่ายงบประมาณ อย่างโปร่งใส",
                "กองคลัง",
                MAR_SEP_64,
                "-เผยแพร่ผลการจัดซื้อจัดจ้างในเว็บไซต์ ทต.พะโต๊ะ\n"
                "-เผยแพร่ผลการใช้จ่ายงบประมาณ เป็นรายเดือน รายไตรมาส และประจำปี",
            ),
            Method(
                "๒. จัดทำรายงานผลการใช้จ่ายงบประมาณอย่างสม่ำเสมอและเผยแพร่อย่างโปร่งใส",
                "กองคลัง",
                MAR_SEP_64,
                "-มีรายงานผลการใช้จ่ายงบประมาณ เป็นประจำทุกเดือน ไตรมาส และรายปี",
            ),
        ),
    ),
    Measure(
        "๓. การใช้อำนาจ",
        (
            Method(
                "๑. จัดทำรายละเอียดของตำแหน่งงาน (Job description)"
                " และเกณฑ์การประเมินผลการปฏิบัติงานอย่างชัดเจน และเผยแพร่อย่างเปิดเผย",
                "งานการเจ้าหน้าที่",
                MAR_SEP_64,
                "-มีคำสั่งมอบหมายหน้าที่ความรับผิดชอบของพนักงานเทศบาล พนักงานครูเทศบาล"
                " และพนักงานจ้างทุกตำแหน่ง และเผยแพร่ในเว็บไซต์ของ ทต.พะโต๊ะ",
            ),
            Method(
                "๒. รับฟังความคิดเห็นจากผู้ที่เกี่ยวข้องเพื่อปรับปรุงประสิทธิภาพการปฏิบัติงาน",
                "ทุกงาน",
                MAR_SEP_64,
                "-มีการประชุมประจำเดือนเพื่อรับฟังความคิดเห็นจากทุกกอง ทุกส่วนราชการ",
            ),
        ),
    ),
    Measure(
        "๔. การใช้ทรัพย์สินของทางราชการ",
        (
            Method(
                "๑. จัดทำคู่มือและระเบียบการใช้ทรัพย์สินของราชการ",
                "งานพัสดุ",
                MAR_SEP_64,
                "มีคู่มือและระเบียบการใช้ทรัพย์สินของทางราชการ",
            ),
            Method(
                "๒. จัดทำคำร้องขอยืมใช้ทรัพย์สินของราชการ",
                "งานพัสดุ",
                MAR_SEP_64,
                "มีคำร้องขอยืมวัสดุ ครุภัณฑ์",
            ),
            Method(
                "๓. จัดทำทะเบียนคุม บันทึกการปฏิบัติงานของเจ้าหน้าที่ผู้ขอใช้ทรัพย์สินของราชการ",
                "งานพัสดุ",
                MAR_SEP_64,
                "มีทะเบียนคุมการยืมวัสดุ ครุภัณฑ์",
            ),
            Method(
                "๔. กำหนดบทลงโทษกรณีไม่ปฏิบัติตามระเบียบการใช้ทรัพย์สินของทางราชการ",
                "งานพัสดุ",
                MAR_SEP_64,
                "อยู่ระหว่างดำเนินการ",
                status=IN_PROGRESS,
            ),
        ),
    ),
    Measure(
        "๕. การแก้ไขปัญหาการทุจริต",
        (
            Method(
                "๑. การสร้างค่านิยมที่พึงประสงค์ สร้างวัฒนธรรมการทำงานเพื่อประโยชน์สูงสุดของส่วนรวม ให้กับเจ้าหน้าที่",
                "งานการเจ้าหน้าที่/งานนิติการ",
                MAR_SEP_64,
                "ผู้บริหารมอบนโยบายในการปฏิบัติงาน โดยให้คำนึงถึงประโยชน์ส่วนรวม และประชาชนเป็นหลัก",
            ),
            Method(
                "๒. ปรับทัศนคติเจ้าหน้าที่ให้มีจิตสาธารณะและพร้อมให้บริการประชาชนอย่างเต็มกำลังความสามารถ",
                "ทุกงาน",
                MAR_SEP_64,
                "ให้มีจิตสาธารณะ บริการประชาชนอย่างเต็มความสามารถ"
                " ในการประชุมเมื่อวันที่ ๑๙ เมษายน ๒๕๖๔ ณ ห้องประชุม ทต.พะโต๊ะ",
            ),
            Method(
                "๓. จัดทำมาตรฐานการป้องกันการทุจริตและประพฤติมิชอบและเผยแพร่อย่างเปิดเผย",
                "งานนิติการ",
                MAR_SEP_64,
                "มีมาตรการป้องกันการทุจริต และเผยแพร่ในเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๔. จัดทำช่องทางการร้องเรียนการทุจริตของเจ้าหน้าที่"
                " โดยให้ประชาชนสามารถร้องเรียนและแสดงความคิดเห็นได้โดยง่ายและสะดวก",
                "งานนิติการ",
                MAR_SEP_64,
                "มีช่องทางการรับเรื่องร้องเรียนการทุจริตในเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๕. จัดทำช่องทางให้ประชาชนมีส่วนร่วมในการแสดงความคิดเห็น"
                "และการติดตามตรวจสอบการทำงานได้โดยง่ายและสะดวก",
                "งานประชาสัมพันธ์",
                MAR_SEP_64,
                "มีช่องทางให้ประชาชนแสดงความคิดเห็นในเว็บไซต์ ทต.พะโต๊ะ",
            ),
        ),
    ),
    Measure(
        "๖. คุณภาพการดำเนินงาน",
        (
            Method(
                "๑. ประชาสัมพันธ์แผนภูมิ ขั้นตอน ระยะเวลาผู้รับผิดชอบในการให้บริการงานด้านต่างๆ"
                " ให้กับเจ้าหน้าที่รับทราบและถือปฏิบัติ",
                "งานพัสดุ",
                MAR_SEP_64,
                "อยู่ระหว่างดำเนินการ",
                status=IN_PROGRESS,
            ),
            Method(
                "๒. ฝึกอบรมเพื่อพัฒนาเพิ่มพูนทักษะและความรู้เกี่ยวกับการปฏิบัติงานอย่างสม่ำเสมอ อย่างน้อยคนละ ๑ ครั้ง/ปี",
                "งานการเจ้าหน้าที่/งานที่เกี่ยวข้องในการปฏิบัติงาน",
                MAR_SEP_64,
                "อยู่ระหว่างดำเนินการ",
                status=IN_PROGRESS,
            ),
        ),
    ),
    Measure(
        "๗. ประสิทธิภาพการสื่อสาร",
        (
            Method(
                "๑. จัดทำสื่อประชาสัมพันธ์ เช่น จดหมายข่าว แผ่นพับ แผ่นผัง การให้บริการ",
                "ทุกงาน",
                MAR_SEP_64,
                "มีจัดทำแผ่นพับการให้บริการ",
            ),
            Method(
                "๒. เผยแพร่สื่อประชาสัมพันธ์บนเว็บไซต์หลักของหน่วยงาน",
                "งานประชาสัมพันธ์",
                MAR_SEP_64,
                "มีการเผยแพร่ผลการดำเนินงานบนเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๓. จัดทำช่องทางการสนทนาบนหน้าเว็บไซต์หลักของหน่วยงาน (กระดานถาม-ตอบ)",
                "งานประชาสัมพันธ์",
                MAR_SEP_64,
                "มีกระดานสนทนา (ถาม-ตอบ) ในเว็บไซต์ของ ทต.พะโต๊ะ",
            ),
        ),
    ),
    Measure(
        "๘. การปรับปรุงการทำงาน",
        (
            Method(
                "๑. จัดการประชุมประจำเดือนผู้บริหาร พนักงาน เพื่อทบทวนปัญหาและอุปสรรคในการทำงาน",
                "งานการเจ้าหน้าที่",
                MAR_SEP_64,
                "มีการประชุมประจำเดือนของคณะผู้บริหาร พนักงานเทศบาล และพนักงานจ้าง",
            ),
            Method(
                "๒. ประชาสัมพันธ์ให้ผู้รับบริการ และประชาชนทั่วไป ร่วมแสดงความคิดเห็น"
                " หรือให้คำแนะนำในการพัฒนาและปรับปรุงคุณภาพและมาตรฐานการให้บริการได้โดยสะดวก",
                "ทุกงาน",
                MAR_SEP_64,
                "มีช่องทางการรับฟังความคิดเห็น ข้อเสนอแนะจากประชาชนบนเว็บไซต์ ทต.พะโต๊ะ",
            ),
        ),
    ),
    Measure(
        "๙. การเปิดเผยข้อมูล",
        (
            Method(
                "๑. เผยแพร่ข้อมูลเกี่ยวกับการปฏิบัติงาน ประกอบด้วย ข้อมูลด้านการบริหารงานทั่วไป"
                " ข้อมูลงบประมาณ การจัดซื้อจัดจ้าง การจัดหาพัสดุ การบริหารงานบุคคล"
                " และข่าวประชาสัมพันธ์ ผ่านเว็บไซต์หลักของหน่วยงาน",
                "งานพัสดุ",
                MAR_SEP_64,
                "เผยแพร่ข้อมูลเกี่ยวกับการปฏิบัติงาน ประกอบด้วย ข้อมูลด้านการบริหารงานทั่วไป"
                " ข้อมูลงบประมาณ การจัดซื้อจัดจ้าง การจัดหาพัสดุ การบริหารงานบุคคล"
                " และข่าวประชาสัมพันธ์ ในเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๒. จัดให้มีช่องทางการสนทนา (ถาม-ตอบ) บนเว็บไซต์หลักของหน่วยงาน",
                "งานประชาสัมพันธ์",
                MAR_SEP_64,
                "มีกระดานสนทนา (ถาม-ตอบ) ในเว็บไซต์ของ ทต.พะโต๊ะ",
            ),
            Method(
                "๓. จัดให้มีบริการผ่านระบบ E-Service บนเว็บไซต์หลักของหน่วยงาน",
                "ทุกงาน",
                MAR_SEP_64,
                "มีช่องทางบริการประชาชนผ่าน E-Service ในเว็บไซต์ ทต.พะโต๊ะ",
            ),
        ),
    ),
    Measure(
        "๑๐. การป้องกันการทุจริต",
        (
            Method(
                "๑. จัดทำแผน/แนวทางการปฏิบัติการป้องกันการทุจริตให้ครอบคลุมทุกมิติของการปฏิบัติงานในองค์กร",
                "งานนิติการ",
                MAR_APR_64,
                "มีแผนปฏิบัติการการป้องกันการทุจริตที่มีครอบคลุมทุกมิติของการปฏิบัติราชการ"
                " และเผยแพร่ในเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๒. กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                "งานนิติการ",
                MAR_APR_64,
                "มีมาตรการส่งเสริมคุณธรรมและความโปร่งใส และเผยแพร่ในเว็บไซต์ ทต.พะโต๊ะ",
            ),
            Method(
                "๓. กำหนดวิธีการติดตามผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                "งานนิติการ",
                MAR_APR_64,
                "ติดตามการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในการประชุมประจำเดือน",
            ),
        ),
    ),
)

TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ — เทศบาลตำบลพะโต๊ะ"

# (header label, column width) for columns A..I of the measures sheet.
MEASURE_COLUMNS: tuple[tuple[str, float], ...] = (
    ("มาตรการ/แนวทาง", 24),
    ("วิธีการดำเนินการ", 60),
    ("ผู้รับผิดชอบ", 26),
    ("ระยะเวลาดำเนินการ", 14),
    ("เริ่ม", 12),
    ("สิ้นสุด", 12),
    ("สถานะ", 20),
    ("ผลการดำเนินการ", 60),
    ("ข้อเสนอแนะ", 36),
)
HEADER_ROW = 3
FIRST_DATA_ROW = HEADER_ROW + 1
DATE_FORMAT = "d/m/yyyy"

BOLD = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
TOP_WRAP = Alignment(vertical="top", wrap_text=True)
TOP_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)


def style_header(ws: Worksheet, row: int) -> None:
    for cell in ws[row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGN


def set_widths(ws: Worksheet, widths: list[float]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def write_agency_sheet(ws: Worksheet) -> None:
    ws.append(["รายการ", "ข้อมูล"])
    for label, value in AGENCY:
        ws.append([label, value])
    style_header(ws, 1)
    set_widths(ws, [18, 36])


def write_measures_sheet(ws: Worksheet) -> None:
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    for col, (label, _) in enumerate(MEASURE_COLUMNS, start=1):
        ws.cell(row=HEADER_ROW, column=col, value=label)
    style_header(ws, HEADER_ROW)
    set_widths(ws, [width for _, width in MEASURE_COLUMNS])

    row = FIRST_DATA_ROW
    for measure in MEASURES:
        first = row
        for method in measure.methods:
            start, end = method.period
            values = (
                measure.title if row == first else None,
                method.text,
                method.responsible,
                None,  # ระยะเวลาดำเนินการ: left empty, the dates below carry the period
                start,
                end,
                method.status,
                method.result,
                method.suggestion or None,
            )
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row=row, column=col, value=value)
                cell.alignment = TOP_WRAP
            for col in (5, 6):
                ws.cell(row=row, column=col).number_format = DATE_FORMAT
                ws.cell(row=row, column=col).alignment = TOP_CENTER
            row += 1
        if row - 1 > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=row - 1, end_column=1)

    status_list = DataValidation(
        type="list", formula1=f'"{DONE},{IN_PROGRESS},{NOT_STARTED}"', allow_blank=True
    )
    status_list.add(f"G{FIRST_DATA_ROW}:G{row - 1}")
    ws.add_data_validation(status_list)

    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def units() -> list[str]:
    """Every distinct unit named in the responsible column, in order of first use."""
    seen: dict[str, None] = {}
    for measure in MEASURES:
        for method in measure.methods:
            for part in method.responsible.replace(",", "/").split("/"):
                if part.strip():
                    seen.setdefault(part.strip(), None)
    return list(seen)


def write_units_sheet(ws: Worksheet) -> None:
    ws.append(["หน่วยงานย่อย"])
    for unit in units():
        ws.append([unit])
    style_header(ws, 1)
    set_widths(ws, [40])


def build_workbook() -> WorkbookType:
    wb = Workbook()
    agency = wb.active
    assert agency is not None
    agency.title = "หน่วยงาน"
    write_agency_sheet(agency)
    write_measures_sheet(wb.create_sheet("มาตรการ"))
    write_units_sheet(wb.create_sheet("ผู้รับผิดชอบ"))
    wb.properties.title = TITLE
    wb.properties.creator = "ita-report examples/make_example.py"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def main() -> None:
    # The same reproducible save as ``ita-report init``: fixed properties and zip entry times.
    OUTPUT.write_bytes(workbook_bytes(build_workbook()))
    methods = sum(len(m.methods) for m in MEASURES)
    print(f"wrote {OUTPUT} ({len(MEASURES)} measures, {methods} methods)")


if __name__ == "__main__":
    main()
