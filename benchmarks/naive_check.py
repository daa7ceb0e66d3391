"""The naive baseline of ``check``: what is still to do, the way one would script it by hand.

    python benchmarks/naive_check.py plan.xlsx

openpyxl in read-only mode (its fastest way to read values) walks the measures sheet and prints
each method not yet done, with its status and end date, and the count. No validation, no
merged cells, no overdue rule: less than ``ita-report check`` does, so a fair floor.
"""

import sys
from datetime import date

import openpyxl


def text(value: object) -> str:
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year + 543}"
    return "" if value is None else str(value).strip()


def main(workbook: str) -> int:
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    rows = book["มาตรการ"].iter_rows(min_row=3, values_only=True)
    column = {text(name): index for index, name in enumerate(next(rows))}
    pending, total = [], 0
    for values in rows:
        if not any(values):
            continue
        total += 1
        status = text(values[column["สถานะ"]])
        if status != "ดำเนินการแล้ว":
            method = text(values[column["วิธีการดำเนินการ"]])
            pending.append(f"{status}\t{text(values[column['สิ้นสุด']])}\t{method}")
    book.close()
    print("\n".join(pending))
    print(f"ยังไม่เสร็จ {len(pending)} จาก {total} วิธีการ")
    return 1 if pending else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
