"""Workbooks written by other programs and laid out by offices: ``check --json`` and the report.

Each case of ``tests/data/corpus`` (what it holds, cell by cell: ``tests/corpus_helpers.py``) is
one file written by xlsxwriter and the same saved again by LibreOffice Calc as .xlsx, .xls and
.ods. SPEC §1: the same content gives the same result whatever program saved it, so each case
has ONE expectation, asserted for all four files, and every expected value is written out here.
The checks run with ``--as-of 2025-06-30``, inside fiscal year 2568 (1 Oct 2024 – 30 Sep 2025).

The first tests prove that the committed files really hold what the cases say (read back with
python-calamine, neither ita-report's reader nor the writer); then come the cases; last, the
example workbook saved by Calc as .xls and .ods reads exactly as the .xlsx does.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.corpus_helpers import CASES, CORPUS, FORMATS, expected_grid, path_of, read_back
from tests.render_helpers import all_text, data_rows
from tests.workbook_helpers import EXAMPLE

Cli = Callable[..., Result]

AS_OF = "2025-06-30"
AGENCY = "เทศบาลตำบลบ้านนา"

# --- what is expected ---------------------------------------------------------------------------

#: An error or a warning: the cell it names (None: the workbook as a whole) and words its
#: message must hold.
Problem = tuple[str | None, tuple[str, ...]]


@dataclass(frozen=True)
class Expected:
    exit_code: int
    summary: dict[str, int] | None
    pending: list[dict[str, Any]]
    errors: list[Problem]
    warnings: list[Problem]
    #: The report's table below its header, row by row; None for an invalid workbook.
    rows: list[list[str]] | None

    @property
    def valid(self) -> bool:
        return self.exit_code in (0, 1)


def summary(
    measures: int, methods: int, done: int, in_progress: int, not_started: int
) -> dict[str, int]:
    return {
        "measures": measures,
        "methods": methods,
        "done": done,
        "in_progress": in_progress,
        "not_started": not_started,
    }


def pending(
    measure_no: int,
    measure: str,
    method_no: int,
    method: str,
    responsible: str,
    period: str,
    start: str | None,
    end: str | None,
    status: str,
    overdue: bool,
    cell: str,
) -> dict[str, Any]:
    """One item of ``pending``, its keys in the order of SPEC §2.1."""
    return {
        "measure_no": measure_no,
        "measure": measure,
        "method_no": method_no,
        "method": method,
        "responsible": responsible,
        "period": period,
        "start": start,
        "end": end,
        "status": status,
        "overdue": overdue,
        "cell": cell,
    }


def invalid(*errors: Problem) -> Expected:
    """A workbook check refuses: exit 2, these errors and no warnings, nothing to report."""
    return Expected(2, None, [], list(errors), [], None)


EXPECTED: dict[str, Expected] = {
    # Title rows; a two-row header: ระยะเวลาดำเนินการ merged over เริ่ม | สิ้นสุด (real dates),
    # the other labels merged down both rows, in office wordings; the measure cells merged down
    # over their methods; agency labels typed with a colon.
    "layout_two_row_header": Expected(
        1,
        summary(2, 5, 2, 2, 1),
        [
            pending(1, "การปฏิบัติหน้าที่", 2, "จัดทำแบบประเมินความพึงพอใจของผู้รับบริการ", "สำนักปลัด", "พ.ย. ๖๗ – มี.ค. ๖๘", "2024-11-01", "2025-03-31", "in_progress", True, "มาตรการ!B6"),
            pending(1, "การปฏิบัติหน้าที่", 3, "จัดทำคู่มือการปฏิบัติงานของเจ้าหน้าที่", "สำนักปลัด/กองคลัง", "ม.ค. – ก.ย. ๖๘", "2025-01-01", "2025-09-30", "not_started", False, "มาตรการ!B7"),
            pending(2, "การเปิดเผยข้อมูล", 2, "จัดให้มีช่องทางรับฟังความคิดเห็นของประชาชน", "งานประชาสัมพันธ์", "ก.พ. – เม.ย. ๖๘", "2025-02-01", "2025-04-30", "in_progress", True, "มาตรการ!B9"),
        ],
        [],
        [],
        [
            ["๑. การปฏิบัติหน้าที่", "๑. จัดทำแผนภูมิขั้นตอนและระยะเวลาการให้บริการประชาชน", "ทุกกอง", "ต.ค. ๖๗ – ก.ย. ๖๘", "ติดประกาศแผนภูมิ ณ จุดบริการ ๓ จุด", "ควรปรับปรุงทุกปี"],
            ["", "๒. จัดทำแบบประเมินความพึงพอใจของผู้รับบริการ", "สำนักปลัด", "พ.ย. ๖๗ – มี.ค. ๖๘", "อยู่ระหว่างรวบรวมแบบประเมิน", ""],
            ["", "๓. จัดทำคู่มือการปฏิบัติงานของเจ้าหน้าที่", "สำนักปลัด/กองคลัง", "ม.ค. – ก.ย. ๖๘", "ยังไม่ดำเนินการ", ""],
            ["๒. การเปิดเผยข้อมูล", "๑. เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์ของหน่วยงาน", "งานประชาสัมพันธ์", "ต.ค. ๖๗ – พ.ค. ๖๘", "เผยแพร่ครบ ๑๒ รายการ", ""],
            ["", "๒. จัดให้มีช่องทางรับฟังความคิดเห็นของประชาชน", "งานประชาสัมพันธ์", "ก.พ. – เม.ย. ๖๘", "อยู่ระหว่างดำเนินการ", ""],
        ],
    ),
    # ระยะเวลา merged over two columns of real dates, no sub-labels: start and end.
    "layout_merged_period": Expected(
        1,
        summary(2, 4, 2, 1, 1),
        [
            pending(1, "การใช้งบประมาณ", 2, "รายงานผลการใช้จ่ายงบประมาณรายไตรมาส", "กองคลัง", "มี.ค. – ก.ย. ๖๘", "2025-03-01", "2025-09-30", "in_progress", False, "มาตรการ!B4"),
            pending(2, "การใช้ทรัพย์สินของทางราชการ", 1, "จัดทำทะเบียนคุมการยืมทรัพย์สิน", "งานพัสดุ", "พ.ย. ๖๗ – ก.พ. ๖๘", "2024-11-01", "2025-02-28", "not_started", True, "มาตรการ!B5"),
        ],
        [],
        [],
        [
            ["๑. การใช้งบประมาณ", "๑. เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี", "กองคลัง", "ต.ค. – ธ.ค. ๖๗", "เผยแพร่เมื่อ ๑๕ พ.ย. ๒๕๖๗", ""],
            ["", "๒. รายงานผลการใช้จ่ายงบประมาณรายไตรมาส", "กองคลัง", "มี.ค. – ก.ย. ๖๘", "รายงานแล้ว ๒ ไตรมาส", ""],
            ["๒. การใช้ทรัพย์สินของทางราชการ", "๑. จัดทำทะเบียนคุมการยืมทรัพย์สิน", "งานพัสดุ", "พ.ย. ๖๗ – ก.พ. ๖๘", "ยังไม่ดำเนินการ", ""],
            ["", "๒. ตรวจสอบการใช้รถยนต์ส่วนกลาง", "งานพัสดุ", "ม.ค. ๖๘", "ตรวจสอบครบทุกคัน", ""],
        ],
    ),
    # The measure title typed again on every row of its methods, as "1." and "๒." and "๔." (the
    # clerk kept the ITA numbers); methods typed "1.1", "๒.๑", U+200B "2.", "(1)", "-", "•".
    "layout_repeated_titles": Expected(
        1,
        summary(3, 7, 4, 2, 1),
        [
            pending(1, "การปฏิบัติหน้าที่", 2, "จัดทำแบบประเมินความพึงพอใจผู้รับบริการ", "สำนักปลัด", "ม.ค. – มี.ค. ๖๘", "2025-01-01", "2025-03-31", "in_progress", True, "มาตรการ!B3"),
            pending(2, "การใช้งบประมาณ", 2, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "2024-10-01", "2025-09-30", "in_progress", False, "มาตรการ!B5"),
            pending(4, "การใช้ทรัพย์สินของทางราชการ", 3, "ตรวจสอบการใช้ทรัพย์สินประจำปี", "งานพัสดุ", "ก.ย. ๖๘", "2025-09-01", "2025-09-30", "not_started", False, "มาตรการ!B8"),
        ],
        [],
        [],
        [
            ["๑. การปฏิบัติหน้าที่", "๑. จัดทำแผนภูมิขั้นตอนการให้บริการ", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘", "ติดประกาศ ณ จุดบริการ", ""],
            ["", "๒. จัดทำแบบประเมินความพึงพอใจผู้รับบริการ", "สำนักปลัด", "ม.ค. – มี.ค. ๖๘", "อยู่ระหว่างดำเนินการ", ""],
            ["๒. การใช้งบประมาณ", "๑. เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", "ต.ค. – ธ.ค. ๖๗", "เผยแพร่ทางเว็บไซต์", ""],
            ["", "๒. รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "รายงานแล้ว ๒ ไตรมาส", ""],
            ["๔. การใช้ทรัพย์สินของทางราชการ", "๑. จัดทำทะเบียนทรัพย์สิน", "งานพัสดุ", "พ.ย. ๖๗", "จัดทำทะเบียนครบ", ""],
            ["", "๒. กำหนดขั้นตอนการยืมทรัพย์สิน", "งานพัสดุ", "ก.พ. ๖๘", "ออกประกาศแล้ว", ""],
            ["", "๓. ตรวจสอบการใช้ทรัพย์สินประจำปี", "งานพัสดุ", "ก.ย. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # Under the last method (row 8): a totals row in A9:B9, a signature block in E11:E13 and a
    # note in A15. One warning, at the totals row's first cell.
    "layout_trailer": Expected(
        1,
        summary(3, 6, 4, 1, 1),
        [
            pending(2, "การใช้งบประมาณ", 2, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "2024-10-01", "2025-09-30", "in_progress", False, "มาตรการ!B6"),
            pending(3, "การเปิดเผยข้อมูล", 2, "จัดให้มีช่องทางถาม-ตอบ", "งานประชาสัมพันธ์", "เม.ย. – พ.ค. ๖๘", "2025-04-01", "2025-05-31", "not_started", True, "มาตรการ!B8"),
        ],
        [],
        [("มาตรการ!A9", ("ไม่ใช่วิธีการ",))],
        [
            ["๑. การปฏิบัติหน้าที่", "๑. จัดทำแผนภูมิขั้นตอนการให้บริการ", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘", "ติดประกาศ ณ จุดบริการ", ""],
            ["", "๒. จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ม.ค. – มี.ค. ๖๘", "จัดทำคู่มือ ๕ เรื่อง", ""],
            ["๒. การใช้งบประมาณ", "๑. เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", "ต.ค. – ธ.ค. ๖๗", "เผยแพร่ทางเว็บไซต์", ""],
            ["", "๒. รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "รายงานแล้ว ๓ ไตรมาส", ""],
            ["๓. การเปิดเผยข้อมูล", "๑. เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์", "งานประชาสัมพันธ์", "ต.ค. ๖๗ – มี.ค. ๖๘", "เผยแพร่ครบ ๑๒ รายการ", ""],
            ["", "๒. จัดให้มีช่องทางถาม-ตอบ", "งานประชาสัมพันธ์", "เม.ย. – พ.ค. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # A hidden มาตรการ (last year's, all done) before the visible มาตรการ (2) (this year's).
    "layout_hidden_sheets": Expected(
        1,
        summary(2, 4, 2, 1, 1),
        [
            pending(1, "การแก้ไขปัญหาการทุจริต", 1, "จัดทำแผนป้องกันการทุจริตประจำปี", "สำนักปลัด", "ต.ค. – ธ.ค. ๖๗", "2024-10-01", "2024-12-31", "in_progress", True, "มาตรการ (2)!B5"),
            pending(2, "การป้องกันการทุจริต", 2, "อบรมคุณธรรมจริยธรรมให้บุคลากร", "งานการเจ้าหน้าที่", "ก.ค. – ส.ค. ๖๘", "2025-07-01", "2025-08-31", "not_started", False, "มาตรการ (2)!B8"),
        ],
        [],
        [],
        [
            ["๑. การแก้ไขปัญหาการทุจริต", "๑. จัดทำแผนป้องกันการทุจริตประจำปี", "สำนักปลัด", "ต.ค. – ธ.ค. ๖๗", "ร่างแผนแล้ว", ""],
            ["", "๒. จัดช่องทางแจ้งเรื่องร้องเรียนการทุจริต", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘", "มีช่องทางร้องเรียน ๓ ช่องทาง", ""],
            ["๒. การป้องกันการทุจริต", "๑. ประกาศเจตจำนงสุจริตของผู้บริหาร", "สำนักปลัด", "พ.ย. ๖๗", "ประกาศเมื่อ ๑ พ.ย. ๒๕๖๗", ""],
            ["", "๒. อบรมคุณธรรมจริยธรรมให้บุคลากร", "งานการเจ้าหน้าที่", "ก.ค. – ส.ค. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # มาตรการ and มาตรการ (2), both visible: which is this year's is the clerk's to say.
    "layout_two_visible": invalid((None, ("มาตรการ (2)",))),
    # Every wording of SPEC §1.2 and the two typing slips (เ+เ for แ in row 8, ํ+า for ำ in row 9).
    "values_statuses": Expected(
        1,
        summary(3, 9, 5, 3, 1),
        [
            pending(2, "การใช้งบประมาณ", 2, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "2024-10-01", "2025-09-30", "in_progress", False, "มาตรการ!B6"),
            pending(2, "การใช้งบประมาณ", 3, "จัดทำรายงานการเงินประจำปี", "กองคลัง", "ม.ค. – เม.ย. ๖๘", "2025-01-01", "2025-04-30", "in_progress", True, "มาตรการ!B7"),
            pending(3, "การเปิดเผยข้อมูล", 2, "จัดให้มีช่องทางถาม-ตอบ", "งานประชาสัมพันธ์", "ก.พ. – พ.ค. ๖๘", "2025-02-01", "2025-05-31", "in_progress", True, "มาตรการ!B9"),
            pending(3, "การเปิดเผยข้อมูล", 3, "ประชาสัมพันธ์ช่องทางรับเรื่องร้องเรียน", "งานประชาสัมพันธ์", "ก.ค. – ก.ย. ๖๘", "2025-07-01", "2025-09-30", "not_started", False, "มาตรการ!B10"),
        ],
        [],
        [],
        [
            ["๑. การปฏิบัติหน้าที่", "๑. จัดทำแผนภูมิขั้นตอนการให้บริการ", "สำนักปลัด", "ต.ค. – ธ.ค. ๖๗", "ติดประกาศแล้ว", ""],
            ["", "๒. จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ต.ค. – ธ.ค. ๖๗", "จัดทำคู่มือ ๕ เรื่อง", ""],
            ["", "๓. จัดทำแบบประเมินความพึงพอใจ", "สำนักปลัด", "ม.ค. – มี.ค. ๖๘", "ประเมินแล้ว ๑๒๐ ราย", ""],
            ["๒. การใช้งบประมาณ", "๑. เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", "ต.ค. ๖๗", "เผยแพร่ทางเว็บไซต์", ""],
            ["", "๒. รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – ก.ย. ๖๘", "รายงานแล้ว ๒ ไตรมาส", ""],
            ["", "๓. จัดทำรายงานการเงินประจำปี", "กองคลัง", "ม.ค. – เม.ย. ๖๘", "อยู่ระหว่างดำเนินการ", ""],
            ["๓. การเปิดเผยข้อมูล", "๑. เผยแพร่ข้อมูลพื้นฐานบนเว็บไซต์", "งานประชาสัมพันธ์", "ต.ค. – พ.ย. ๖๗", "เผยแพร่ครบ ๑๒ รายการ", ""],
            ["", "๒. จัดให้มีช่องทางถาม-ตอบ", "งานประชาสัมพันธ์", "ก.พ. – พ.ค. ๖๘", "ทดลองใช้งาน", ""],
            ["", "๓. ประชาสัมพันธ์ช่องทางรับเรื่องร้องเรียน", "งานประชาสัมพันธ์", "ก.ค. – ก.ย. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # E3 holds ดำเนนการแล้ว.
    "values_bad_status": invalid(("มาตรการ!E3", ("หมายถึง", "ดำเนินการแล้ว"))),
    # Start and end typed as text in every form of SPEC §1.2, and real date cells in B.E.
    # (E3: 30/9/2568, E5: 31/3/2568) and in C.E. (D6: 1/7/2025). Every method is pending, so
    # that every date shows in check --json.
    "values_dates": Expected(
        1,
        summary(2, 5, 0, 2, 3),
        [
            pending(1, "การปฏิบัติหน้าที่", 1, "จัดทำแผนภูมิขั้นตอนการให้บริการ", "สำนักปลัด", "ต.ค. ๖๗ – มี.ค. ๖๘", "2024-10-01", "2025-03-31", "in_progress", True, "มาตรการ!B2"),
            pending(1, "การปฏิบัติหน้าที่", 2, "จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘", "2024-10-01", "2025-09-30", "in_progress", False, "มาตรการ!B3"),
            pending(2, "การใช้งบประมาณ", 1, "เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", "เม.ย. – พ.ค. ๖๘", "2025-04-01", "2025-05-31", "not_started", True, "มาตรการ!B4"),
            pending(2, "การใช้งบประมาณ", 2, "รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – มี.ค. ๖๘", "2024-10-01", "2025-03-31", "not_started", True, "มาตรการ!B5"),
            pending(2, "การใช้งบประมาณ", 3, "จัดทำรายงานการเงินประจำปี", "กองคลัง", "ก.ค. – ก.ย. ๖๘", "2025-07-01", "2025-09-30", "not_started", False, "มาตรการ!B6"),
        ],
        [],
        [],
        [
            ["๑. การปฏิบัติหน้าที่", "๑. จัดทำแผนภูมิขั้นตอนการให้บริการ", "สำนักปลัด", "ต.ค. ๖๗ – มี.ค. ๖๘", "อยู่ระหว่างดำเนินการ", ""],
            ["", "๒. จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘", "ร่างคู่มือแล้ว", ""],
            ["๒. การใช้งบประมาณ", "๑. เผยแพร่แผนการจัดซื้อจัดจ้าง", "กองคลัง", "เม.ย. – พ.ค. ๖๘", "ยังไม่ดำเนินการ", ""],
            ["", "๒. รายงานผลการใช้จ่ายงบประมาณ", "กองคลัง", "ต.ค. ๖๗ – มี.ค. ๖๘", "ยังไม่ดำเนินการ", ""],
            ["", "๓. จัดทำรายงานการเงินประจำปี", "กองคลัง", "ก.ค. – ก.ย. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # E2: the text 29/2/2568; D3: a real date cell Excel shows as 29/2/2568. 2568 B.E. is 2025.
    "values_impossible_date": invalid(
        ("มาตรการ!E2", ("ไม่มีอยู่จริง",)),
        ("มาตรการ!D3", ("ไม่มีอยู่จริง",)),
    ),
    # Row 3: start ไม่ระบุ, end รอประกาศ, status เสร็จ 50%: three errors in one run.
    "values_row_problems": invalid(
        ("มาตรการ!D3", ("ไม่ระบุ",)),
        ("มาตรการ!E3", ("รอประกาศ",)),
        ("มาตรการ!F3", ("เสร็จ 50%",)),
    ),
    # G1 หมายเหตุการดำเนินงาน holds values beside a real result column.
    "unknown_column": Expected(
        1,
        summary(2, 4, 2, 1, 1),
        [
            pending(2, "การปรับปรุงการทำงาน", 1, "ปรับปรุงขั้นตอนการขออนุญาตก่อสร้าง", "กองช่าง", "ม.ค. – พ.ค. ๖๘", "2025-01-01", "2025-05-31", "in_progress", True, "มาตรการ!B4"),
            pending(2, "การปรับปรุงการทำงาน", 2, "นำระบบคิวออนไลน์มาใช้", "กองช่าง", "ก.ค. – ก.ย. ๖๘", "2025-07-01", "2025-09-30", "not_started", False, "มาตรการ!B5"),
        ],
        [],
        [("มาตรการ!G1", ("หมายเหตุการดำเนินงาน",))],
        [
            ["๑. การใช้อำนาจ", "๑. จัดทำหลักเกณฑ์การมอบอำนาจ", "สำนักปลัด", "ต.ค. – ธ.ค. ๖๗", "ออกคำสั่งมอบอำนาจแล้ว", ""],
            ["", "๒. เผยแพร่คำสั่งมอบอำนาจ", "สำนักปลัด", "ม.ค. ๖๘", "เผยแพร่ทางเว็บไซต์", ""],
            ["๒. การปรับปรุงการทำงาน", "๑. ปรับปรุงขั้นตอนการขออนุญาตก่อสร้าง", "กองช่าง", "ม.ค. – พ.ค. ๖๘", "ลดขั้นตอนแล้ว ๒ ขั้นตอน", ""],
            ["", "๒. นำระบบคิวออนไลน์มาใช้", "กองช่าง", "ก.ค. – ก.ย. ๖๘", "ยังไม่ดำเนินการ", ""],
        ],
    ),
    # F1 ผลการปฏิบัติงาน holds the results and no column is a known result column: the report
    # would print status words in their place, so the workbook is refused.
    "unknown_result_column": invalid(("มาตรการ!F1", ("หมายถึง",))),
}  # fmt: skip

CASE_FILES = [pytest.param(case, fmt, id=f"{case}-{fmt}") for case in EXPECTED for fmt in FORMATS]
VALID_FILES = [
    pytest.param(case, fmt, id=f"{case}-{fmt}")
    for case, expected in EXPECTED.items()
    if expected.valid
    for fmt in FORMATS
]
INVALID_FILES = [
    pytest.param(case, fmt, id=f"{case}-{fmt}")
    for case, expected in EXPECTED.items()
    if not expected.valid
    for fmt in FORMATS
]


def check_entry(cli: Cli, path: Path) -> tuple[Result, dict[str, Any]]:
    result = cli("check", path, "--json", "--as-of", AS_OF)
    assert "Traceback" not in result.output
    (entry,) = json.loads(result.stdout)["workbooks"]
    return result, entry


def assert_problems(found: list[dict[str, Any]], expected: list[Problem]) -> None:
    """Exactly these problems, in any order: one at each cell, each message with its words."""

    def order(cell: str | None) -> tuple[bool, str]:
        return cell is not None, cell or ""

    cells = sorted((p["cell"] for p in found), key=order)
    assert cells == sorted((cell for cell, _ in expected), key=order), found
    by_cell = {p["cell"]: p["message"] for p in found}
    for cell, words in expected:
        for word in words:
            assert word in by_cell[cell], (cell, word, by_cell[cell])


# --- the corpus holds what the cases say -------------------------------------------------------


def test_the_corpus_has_every_case_in_every_format() -> None:
    assert set(EXPECTED) == set(CASES)
    made = {path.name for path in CORPUS.iterdir() if path.is_file()}
    wanted = {path_of(case, fmt).name for case in CASES for fmt in FORMATS}
    assert made == wanted | {"make_corpus.py", "README.md"}


@pytest.mark.parametrize(("case", "fmt"), CASE_FILES)
def test_each_file_holds_what_was_typed(case: str, fmt: str) -> None:
    """Every sheet in order, shown or hidden as typed, every cell (dates as real date cells,
    text as text) and every merged range, read back with python-calamine."""
    sheets = read_back(path_of(case, fmt))
    spec = CASES[case]
    assert list(sheets) == [sheet.name for sheet in spec.sheets]
    for sheet in spec.sheets:
        found = sheets[sheet.name]
        assert found.visible is not sheet.hidden, sheet.name
        assert found.rows == expected_grid(sheet), sheet.name
        assert found.merges == set(sheet.merges), sheet.name


@pytest.mark.parametrize("case", list(CASES))
def test_each_file_was_saved_by_the_program_it_claims(case: str) -> None:
    def app(path: Path) -> str:
        with zipfile.ZipFile(path) as archive:
            return archive.read("docProps/app.xml").decode()

    assert "<Application>Microsoft Excel</Application>" in app(path_of(case, "xlsx"))  # xlsxwriter
    assert "<Application>LibreOffice/" in app(path_of(case, "calc.xlsx"))
    assert path_of(case, "xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # OLE2
    with zipfile.ZipFile(path_of(case, "ods")) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert b"<meta:generator>LibreOffice/" in archive.read("meta.xml")


def test_one_file_has_inline_strings_and_no_shared_strings() -> None:
    """xlsxwriter's constant-memory mode writes ``t="inlineStr"``; Calc writes shared strings."""
    with zipfile.ZipFile(path_of("values_statuses", "xlsx")) as archive:
        assert "xl/sharedStrings.xml" not in archive.namelist()
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    # Every text cell: 6 labels, 3 measure titles, 9 × (method, unit, period, status), 7 results.
    assert sheet.count('t="inlineStr"') == 52
    assert 't="s"' not in sheet
    assert "<is><t>ดำเนินการ\u0e40\u0e40ล้ว</t></is>" in sheet
    with zipfile.ZipFile(path_of("values_statuses", "calc.xlsx")) as archive:
        assert 't="inlineStr"' not in archive.read("xl/worksheets/sheet2.xml").decode()
        assert "xl/sharedStrings.xml" in archive.namelist()


# --- check --json and the report, the same from all four programs -------------------------------


@pytest.mark.parametrize(("case", "fmt"), CASE_FILES)
def test_check_json(cli: Cli, case: str, fmt: str) -> None:
    expected = EXPECTED[case]
    path = path_of(case, fmt)
    result, entry = check_entry(cli, path)
    assert result.exit_code == expected.exit_code, result.output
    assert entry["path"] == str(path)
    if expected.valid:
        assert (entry["agency"], entry["fiscal_year"]) == (AGENCY, 2568)
    assert entry["summary"] == expected.summary
    assert entry["pending"] == expected.pending
    assert_problems(entry["errors"], expected.errors)
    assert_problems(entry["warnings"], expected.warnings)


@pytest.mark.parametrize(("case", "fmt"), VALID_FILES)
def test_report_rows(cli: Cli, tmp_path: Path, case: str, fmt: str) -> None:
    report = tmp_path / "report.docx"
    result = cli("build", path_of(case, fmt), "-o", report)
    assert result.exit_code == 0, result.output
    assert data_rows(report.read_bytes()) == EXPECTED[case].rows


@pytest.mark.parametrize(("case", "fmt"), INVALID_FILES)
def test_an_invalid_workbook_gets_no_report(cli: Cli, tmp_path: Path, case: str, fmt: str) -> None:
    report = tmp_path / "report.docx"
    result = cli("build", path_of(case, fmt), "-o", report)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not report.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_visible_measures_sheets_are_both_named(cli: Cli, fmt: str) -> None:
    _, entry = check_entry(cli, path_of("layout_two_visible", fmt))
    (error,) = entry["errors"]
    message = error["message"]
    assert "มาตรการ (2)" in message
    assert "มาตรการ" in message.replace("มาตรการ (2)", ""), message


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_impossible_date_is_never_shown_as_a_time(cli: Cli, fmt: str) -> None:
    path = path_of("values_impossible_date", fmt)
    result, _ = check_entry(cli, path)
    assert "00:00:00" not in result.stdout
    validated = cli("validate", path)
    assert validated.exit_code == 2
    assert "00:00:00" not in validated.output
    assert validated.output.count("ไม่มีอยู่จริง") == 2, validated.output


# --- the example saved by Calc as .xls and .ods -------------------------------------------------

EXAMPLE_COPIES = [EXAMPLE.with_suffix(".xls"), EXAMPLE.with_suffix(".ods")]


@pytest.mark.parametrize("copy", EXAMPLE_COPIES, ids=lambda path: path.suffix)
def test_the_example_copies_hold_what_the_example_holds(copy: Path) -> None:
    original = read_back(EXAMPLE)
    saved = read_back(copy)
    assert list(saved) == list(original)
    for name, sheet in original.items():
        assert saved[name].rows == sheet.rows, name
        assert saved[name].merges == sheet.merges, name


@pytest.mark.parametrize("copy", EXAMPLE_COPIES, ids=lambda path: path.suffix)
def test_the_example_copies_check_as_the_example_does(cli: Cli, copy: Path) -> None:
    original, expected = check_entry(cli, EXAMPLE)
    result, entry = check_entry(cli, copy)
    assert result.exit_code == original.exit_code == 1, result.output
    assert entry.pop("path") == str(copy)
    expected.pop("path")
    assert entry == expected
    assert entry["summary"] == summary(10, 29, 26, 3, 0)


@pytest.mark.parametrize("copy", EXAMPLE_COPIES, ids=lambda path: path.suffix)
def test_the_example_copies_give_the_same_report(cli: Cli, tmp_path: Path, copy: Path) -> None:
    reports = []
    for source, name in ((EXAMPLE, "from-xlsx.docx"), (copy, "from-copy.docx")):
        report = tmp_path / name
        result = cli("build", source, "-o", report)
        assert result.exit_code == 0, result.output
        reports.append(report.read_bytes())
    assert len(data_rows(reports[0])) == 29
    assert data_rows(reports[1]) == data_rows(reports[0])
    assert all_text(reports[1]) == all_text(reports[0])
