"""The naive baseline: a workbook to a Word report the way one would script it by hand.

    python benchmarks/naive_build.py plan.xlsx plan.docx

openpyxl reads the sheets, docxtpl renders ``naive_template.docx`` (see make_naive_template.py
for why it is not ita-report's template). No validation, no Thai digits, no merged cells.
"""

import sys
from datetime import date
from pathlib import Path

import openpyxl
from docxtpl import DocxTemplate

TEMPLATE = Path(__file__).with_name("naive_template.docx")


def text(value: object) -> str:
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year + 543}"
    return "" if value is None else str(value).strip()


def main(workbook: str, output: str) -> None:
    book = openpyxl.load_workbook(workbook, data_only=True)
    info = {
        text(a): b for a, b in book["หน่วยงาน"].iter_rows(min_row=2, max_col=2, values_only=True)
    }
    sheet = book["มาตรการ"]
    column = {text(cell.value): index for index, cell in enumerate(sheet[3])}
    rows, measure = [], ""
    for values in sheet.iter_rows(min_row=4, values_only=True):
        if not any(values):
            continue
        get = {name: text(values[index]) for name, index in column.items()}
        measure = get["มาตรการ/แนวทาง"] or measure
        rows.append(
            {"measure": measure, "method": get["วิธีการดำเนินการ"], "responsible": get["ผู้รับผิดชอบ"],
             "period": get["ระยะเวลาดำเนินการ"] or f"{get['เริ่ม']} – {get['สิ้นสุด']}",
             "result": get["ผลการดำเนินการ"], "suggestion": get["ข้อเสนอแนะ"],
             "done": get["สถานะ"] == "ดำเนินการแล้ว"}
        )  # fmt: skip
    done = sum(row["done"] for row in rows)
    template = DocxTemplate(TEMPLATE)
    context = {
        "agency": info["ชื่อหน่วยงาน"], "district": info["อำเภอ"], "province": info["จังหวัด"],
        "fiscal_year": info["ปีงบประมาณ"], "assessed_year": info["ปีที่ประเมิน"], "rows": rows,
        "done": done, "total": len(rows), "share": f"{100 * done / max(len(rows), 1):.2f}",
    }  # fmt: skip
    template.render(context, autoescape=True)
    template.save(output)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
