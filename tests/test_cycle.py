"""The yearly cycle (SPEC §2): next year's workbook from this year's, and the office's summary.

``init --from`` is proven on the example in each format a clerk may keep it in, by reading the
new workbook back as the tool and as openpyxl; ``summary`` over a folder of several agencies, a
roster and an invalid file, by opening the workbook it writes (openpyxl, and the zip itself).
"""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from typer.testing import Result

from ita_report.model import Plan, Status
from ita_report.read.workbook import load_workbook
from ita_report.write.sheet_layout import FONT_NAME, row_height, text_lines
from ita_report.write.summary import HEADER_ROW
from tests.pdf_helpers import pdf_text
from tests.print_helpers import check_printed
from tests.workbook_helpers import EXAMPLE

Cli = Callable[..., Result]


def plan_of(path: Path) -> Plan:
    loaded = load_workbook(path)
    assert loaded.errors == [], loaded.errors
    assert loaded.plan is not None
    return loaded.plan


def a_year_later(day: date | None, years: int = 1) -> date | None:
    return None if day is None else day.replace(year=day.year + years)


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_rolling_the_example_carries_every_method_a_year_later(
    cli: Cli, tmp_path: Path, suffix: str
) -> None:
    last = EXAMPLE.with_suffix(suffix)
    new = tmp_path / "plan-2565.xlsx"

    result = cli("init", new, "--from", last)

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"สร้าง {new} แล้ว — ปีงบประมาณ 2565: มาตรการ 10 ข้อ วิธีการ 29 รายการ จาก {last};"
        " ยังไม่เสร็จในปีที่แล้ว 3 รายการ (มีหมายเหตุในเซลล์)"
    )
    before, after = plan_of(last), plan_of(new)
    assert after.agency.fiscal_year == 2565 and after.agency.assessed_year == 2564
    assert (after.agency.name, after.agency.district, after.agency.province) == (
        before.agency.name,
        before.agency.district,
        before.agency.province,
    )
    assert after.units == before.units
    assert [(m.no, m.title) for m in after.measures] == [(m.no, m.title) for m in before.measures]
    assert after.summary().methods == 29
    assert all(m.status is Status.NOT_STARTED for m in after.methods)
    assert all(m.result == "" and m.suggestion == "" for m in after.methods)
    for old, rolled in zip(before.methods, after.methods, strict=True):
        assert (rolled.text, rolled.responsible) == (old.text, old.responsible)
        assert rolled.period.start == a_year_later(old.period.start)
        assert rolled.period.end == a_year_later(old.period.end)


def test_each_method_not_done_last_year_carries_a_comment(cli: Cli, tmp_path: Path) -> None:
    new = tmp_path / "plan-2565.xlsx"
    assert cli("init", new, "--from", EXAMPLE).exit_code == 0

    sheet = openpyxl.load_workbook(new)["มาตรการ"]
    comments = {
        cell.coordinate: cell.comment.text
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment
    }
    # 4.4, 6.1 and 6.2 were in progress in 2564 (มาตรการ!B14, B20, B21 of the example).
    rolled = plan_of(new)
    cells = {f"{m.no}.{x.no}": x.cell for m in rolled.measures for x in m.methods}
    assert comments == {
        cells[number].split("!")[1]: "ยกมาจากปีงบประมาณ ๒๕๖๔: อยู่ระหว่างดำเนินการ"
        for number in ("4.4", "6.1", "6.2")
    }


def test_the_rolled_workbook_validates_and_builds_as_the_plan(cli: Cli, tmp_path: Path) -> None:
    new = tmp_path / "plan-2565.xlsx"
    assert cli("init", new, "--from", EXAMPLE).exit_code == 0
    assert cli("validate", new).exit_code == 0
    result = cli("build", new, "--kind", "plan", "-o", tmp_path / "plan-2565.docx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan-2565.docx").exists()


def test_rolling_twice_moves_every_period_two_years(cli: Cli, tmp_path: Path) -> None:
    first, second = tmp_path / "2565.xlsx", tmp_path / "2566.xlsx"
    assert cli("init", first, "--from", EXAMPLE).exit_code == 0
    assert cli("init", second, "--from", first).exit_code == 0
    before, after = plan_of(EXAMPLE), plan_of(second)
    assert after.agency.fiscal_year == 2566
    for old, rolled in zip(before.methods, after.methods, strict=True):
        assert rolled.period.start == a_year_later(old.period.start, 2)
        assert rolled.period.end == a_year_later(old.period.end, 2)


def test_the_signer_and_the_approver_are_carried_to_next_year(cli: Cli, tmp_path: Path) -> None:
    last = tmp_path / "plan-2564.xlsx"
    book = openpyxl.load_workbook(EXAMPLE)
    sheet = book["หน่วยงาน"]
    sheet["B7"], sheet["B8"] = "นางสาวสมใจ ใจดี", "ปลัดเทศบาล"
    sheet.append(["ผู้อนุมัติ", "นายสมชาย รักดี"])
    sheet.append(["ตำแหน่งผู้อนุมัติ", "นายกเทศมนตรีตำบลพะโต๊ะ"])
    book.save(last)
    new = tmp_path / "plan-2565.xlsx"

    assert cli("init", new, "--from", last).exit_code == 0

    agency = plan_of(new).agency
    assert (agency.signer, agency.signer_position) == ("นางสาวสมใจ ใจดี", "ปลัดเทศบาล")
    assert (agency.approver, agency.approver_position) == (
        "นายสมชาย รักดี",
        "นายกเทศมนตรีตำบลพะโต๊ะ",
    )
    rows = {row[0]: row[1] for row in openpyxl.load_workbook(new)["หน่วยงาน"].values}
    assert rows["ผู้อนุมัติ"] == "นายสมชาย รักดี"  # in init's own rows, not appended


def test_a_year_can_be_chosen_but_not_one_already_past(cli: Cli, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "a.xlsx", "--from", EXAMPLE, "--year", "2567").exit_code == 0
    assert plan_of(tmp_path / "a.xlsx").agency.fiscal_year == 2567
    result = cli("init", tmp_path / "b.xlsx", "--from", EXAMPLE, "--year", "2564")
    assert result.exit_code == 2
    assert "ปีงบประมาณใหม่ (2564) ต้องมาหลังปีของไฟล์เดิม (2564)" in result.stderr
    assert not (tmp_path / "b.xlsx").exists()


def test_rolling_onto_an_existing_file_without_force_writes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    new = tmp_path / "plan.xlsx"
    new.write_bytes(b"the clerk's own file")
    result = cli("init", new, "--from", EXAMPLE)
    assert result.exit_code == 2
    assert "มีไฟล์นี้อยู่แล้ว จึงไม่เขียนทับ" in result.stderr
    assert new.read_bytes() == b"the clerk's own file"


def test_an_invalid_last_year_is_refused_with_its_problems(cli: Cli, tmp_path: Path) -> None:
    last = tmp_path / "last.xlsx"
    workbook = openpyxl.load_workbook(EXAMPLE)
    sheet = workbook["มาตรการ"]
    status = next(c for row in sheet.iter_rows(max_row=5) for c in row if c.value == "สถานะ")
    sheet.cell(status.row + 1, status.column).value = "ทำอยู่"  # no status anyone accepts
    cell = f"มาตรการ!{status.column_letter}{status.row + 1}"
    workbook.save(last)
    new = tmp_path / "new.xlsx"

    result = cli("init", new, "--from", last)

    assert result.exit_code == 2
    assert f"ข้อผิดพลาด: {last}: {cell}: สถานะ 'ทำอยู่' ไม่ถูกต้อง" in result.stderr
    assert f"ไฟล์ของปีที่แล้วยังไม่ถูกต้อง จึงไม่ได้สร้าง {new}" in result.stderr
    assert not new.exists()


# --- summary -----------------------------------------------------------------------------------


@pytest.fixture
def agencies(cli: Cli, tmp_path: Path) -> Path:
    """Three agencies: the example (.xlsx), its next year (nothing done), and an .xls; plus an
    invalid file and a roster that names one agency that sent nothing."""
    folder = tmp_path / "agencies"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "a-pato.xlsx")
    assert cli("init", folder / "b-next.xlsx", "--from", EXAMPLE).exit_code == 0
    xls = folder / "c-other.xls"
    shutil.copyfile(EXAMPLE.with_suffix(".xls"), xls)
    (folder / "d-broken.xlsx").write_text("not a workbook", encoding="utf-8")
    return folder


def test_summary_of_a_folder_with_a_roster(cli: Cli, tmp_path: Path, agencies: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("ชื่อหน่วยงาน\nเทศบาลตำบลพะโต๊ะ\nเทศบาลตำบลปากตะโก\n", encoding="utf-8-sig")
    out = tmp_path / "summary.xlsx"

    result = cli("summary", agencies, "-o", out, "--roster", roster, "--as-of", "2021-10-01")

    assert result.exit_code == 2, result.output  # one workbook is invalid; the summary is written
    assert gc.get_freeze_count() == 0  # what it froze while writing is collectable again
    assert result.stdout.splitlines()[0] == (
        "สรุป 5 หน่วยงาน: อ่านได้ 3 · ไม่ถูกต้อง 1 · ไม่ได้ส่ง 1"
        " — วิธีการทั้งหมด 87 รายการ ดำเนินการแล้ว 60% ค้าง 35 รายการ"
    )
    assert "ไม่ได้ส่ง: เทศบาลตำบลปากตะโก" in result.stdout
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["สรุปรายหน่วยงาน", "รายการที่ยังไม่เสร็จ", "ตามตัวชี้วัด", "แผนภูมิ"]
    rows = list(workbook["สรุปรายหน่วยงาน"].iter_rows(min_row=4, values_only=True))
    # Not sent, then invalid, then by share done, lowest first.
    assert [(r[1], r[5], r[6], r[7], r[8], r[9], r[10]) for r in rows] == [
        ("เทศบาลตำบลปากตะโก", None, None, None, None, None, None),
        ("d-broken", None, None, None, None, None, None),
        ("เทศบาลตำบลพะโต๊ะ", 10, 29, 0, 0, 29, 0),
        ("เทศบาลตำบลพะโต๊ะ", 10, 29, 26, 3, 0, 3),
        ("เทศบาลตำบลพะโต๊ะ", 10, 29, 26, 3, 0, 3),
    ]
    assert rows[0][12] == "ไม่ได้ส่ง"
    assert rows[1][12].startswith("ไม่ใช่ไฟล์ Excel (.xlsx)")
    assert [r[13] for r in rows[2:]] == [
        str(agencies / "b-next.xlsx"),
        str(agencies / "a-pato.xlsx"),
        str(agencies / "c-other.xls"),
    ]
    assert rows[3][11] == pytest.approx(26 / 29)

    pending = workbook["รายการที่ยังไม่เสร็จ"]
    assert pending.auto_filter.ref == f"A3:H{pending.max_row}"
    assert pending.freeze_panes == "A4"
    assert pending.max_row - 3 == 29 + 3 + 3
    overdue = [row[6] for row in pending.iter_rows(min_row=4, values_only=True)]
    assert overdue.count("เลยกำหนด") == 6  # 4.4, 6.1, 6.2 of each 2564 workbook

    matrix = workbook["ตามตัวชี้วัด"]
    assert [c.value for c in matrix[3]][:3] == ["หน่วยงาน", "๑. การปฏิบัติหน้าที่", "๒. การใช้งบประมาณ"]
    shares = [list(row) for row in matrix.iter_rows(min_row=4, max_row=6, values_only=True)]
    assert shares[0] == ["เทศบาลตำบลพะโต๊ะ", *[0] * 10]
    assert shares[1] == ["เทศบาลตำบลพะโต๊ะ", 1, 1, 1, 0.75, 1, 0, 1, 1, 1, 1]
    assert len(matrix.conditional_formatting) == 1

    with zipfile.ZipFile(out) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert charts == ["xl/charts/chart1.xml"]
        chart = archive.read(charts[0])
        assert b"<barChart>" in chart and b'<grouping val="stacked"/>' in chart


#: Each data sheet of the summary: its columns' widths (digits of TH SarabunPSK 14), the cell
#: its panes are frozen at, and the lines each row from the header down is tall.
SUMMARY_SHEETS = {
    "สรุปรายหน่วยงาน": ([7, 34, 16, 14, 12, 10, 10, 13, 14, 13, 11, 14, 40, 40], "C4", "214"),
    "รายการที่ยังไม่เสร็จ": (
        [30, 30, 50, 20, 18, 20, 11, 16],
        "A4",
        "2" + "22222321122222322321223422222223223",
    ),
    "ตามตัวชี้วัด": ([34, *[14] * 10], "B4", "3111"),
}


def test_the_summary_looks_as_the_office_reads_it(cli: Cli, tmp_path: Path, agencies: Path) -> None:
    """Every cell's font, fill, alignment and number format, the widths, the heights of rows
    that fit their wrapped Thai, the frozen panes and the print setup, as Excel reads them."""
    roster = tmp_path / "roster.csv"
    roster.write_text("ชื่อหน่วยงาน\nเทศบาลตำบลปากตะโก\n", encoding="utf-8-sig")
    out = tmp_path / "summary.xlsx"
    cli("summary", agencies, "-o", out, "--roster", roster, "--as-of", "2021-10-01")
    workbook = openpyxl.load_workbook(out)
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(f"xl/worksheets/sheet{n}.xml") for n in range(1, 5)]
    # Heights written as fitted, not set by hand: Excel and Calc fit a row again on typing.
    assert not any(re.search(rb"<row [^>]*customHeight", sheet) for sheet in sheets)
    lines_of = {row_height(lines, 14): lines for lines in range(1, 10)}

    for name, (widths, frozen, lines) in SUMMARY_SHEETS.items():
        ws = workbook[name]
        title = ws["A1"].font
        assert (title.name, title.sz, title.b) == (FONT_NAME, 18, True)
        for cell in ws[HEADER_ROW]:
            assert look(cell) == (FONT_NAME, 14, True, None, "center", "center", True, "General")
            assert cell.fill.fgColor.rgb == "00DDEBF7"
        columns = [ws.column_dimensions[get_column_letter(n)].width for n in range(1, 16)]
        assert columns[: len(widths)] == widths
        assert ws.freeze_panes == frozen
        tall = [
            lines_of[ws.row_dimensions[row].height] for row in range(HEADER_ROW, ws.max_row + 1)
        ]
        assert "".join(map(str, tall)).startswith(lines), name
        assert (ws.print_title_rows, ws.page_setup.paperSize, ws.page_setup.orientation) == (
            "$3:$3",
            9,  # A4
            "landscape",
        )
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.oddHeader.center.text, ws.oddFooter.center.text) == (name, "หน้า &P / &N")

    plain, red = (FONT_NAME, 14, False, None), (FONT_NAME, 14, True, "00C00000")
    top, centre = ("top", None, True), ("top", "center", None)
    rows = list(workbook["สรุปรายหน่วยงาน"].iter_rows(min_row=HEADER_ROW + 1))
    assert [row[1].value for row in rows][:2] == ["เทศบาลตำบลปากตะโก", "d-broken"]
    for row in rows:
        invalid = row[5].value is None
        assert [look(cell) for cell in row] == [
            *[(*plain, *top, "General")] * 4,
            *[(*plain, *centre, "General")] * 7,
            (*plain, *centre, "0.0%"),
            (*(red if invalid else plain), *top, "General"),
            (*plain, *top, "General"),
        ]
        if not invalid:  # as tall as its file's path, in a column 40 wide
            path = text_lines(str(row[13].value), 40 * 14 / 16, size=14)
            assert workbook["สรุปรายหน่วยงาน"].row_dimensions[row[0].row].height == row_height(
                max(path, 1), 14
            )
    overdue = 0
    for row in workbook["รายการที่ยังไม่เสร็จ"].iter_rows(min_row=HEADER_ROW + 1):
        late = row[6].value == "เลยกำหนด"
        overdue += late
        assert [look(cell) for cell in row] == [
            *[(*plain, *top, "General")] * 6,
            (*(red if late else plain), *top, "General"),
            (*plain, *top, "General"),
        ]
    assert overdue == 6
    matrix = workbook["ตามตัวชี้วัด"]
    for row in matrix.iter_rows(min_row=HEADER_ROW + 1):
        assert [look(cell) for cell in row] == [
            (*plain, *top, "General"),
            *[(*plain, *centre, "0%")] * 10,
        ]
    assert [str(r.sqref) for r in matrix.conditional_formatting] == [f"B4:K{matrix.max_row}"]
    chart = workbook["แผนภูมิ"]
    assert (chart.print_title_rows, chart.page_setup.orientation) == (None, "landscape")


def look(cell: Cell) -> tuple[object, ...]:
    """A cell's font (name, size, bold, colour), alignment and number format."""
    font, align = cell.font, cell.alignment
    colour = font.color.rgb if font.color is not None else None
    return (font.name, font.sz, bool(font.b), colour, align.vertical, align.horizontal,
            align.wrap_text, cell.number_format)  # fmt: skip


def test_summary_flags_an_agency_not_on_the_roster(cli: Cli, tmp_path: Path) -> None:
    roster = tmp_path / "roster.xlsx"
    sheet = openpyxl.Workbook()
    sheet.active.append(["เทศบาลตำบลอื่น"])
    sheet.save(roster)
    out = tmp_path / "summary.xlsx"
    result = cli("summary", EXAMPLE, "-o", out, "--roster", roster, "--as-of", "2021-10-01")
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out)["สรุปรายหน่วยงาน"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[12]) for r in rows] == [
        ("เทศบาลตำบลอื่น", "ไม่ได้ส่ง"),
        ("เทศบาลตำบลพะโต๊ะ", "ไม่อยู่ในรายชื่อ (--roster)"),
    ]


def test_summary_wants_an_xlsx(cli: Cli, tmp_path: Path) -> None:
    result = cli("summary", EXAMPLE, "-o", tmp_path / "summary.csv")
    assert result.exit_code == 2
    assert not (tmp_path / "summary.csv").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_the_summary_opens_in_libreoffice(cli: Cli, tmp_path: Path, agencies: Path) -> None:
    out = tmp_path / "summary.xlsx"
    cli("summary", agencies, "-o", out, "--as-of", "2021-10-01")
    subprocess.run(
        [
            "soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(tmp_path), str(out),
        ],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = pdf_text(tmp_path / "summary.pdf")
    assert "สรุปรายหน่วยงาน" in text or "เทศบาลตำบลพะโต๊ะ" in text
    assert "การปฏิบัติหน้าที่" in text


def test_check_json_of_the_rolled_workbook_has_next_years_dates(cli: Cli, tmp_path: Path) -> None:
    new = tmp_path / "plan.xlsx"
    assert cli("init", new, "--from", EXAMPLE).exit_code == 0
    result = cli("check", new, "--json", "--as-of", "2021-10-01")
    (book,) = json.loads(result.stdout)["workbooks"]
    first = book["pending"][0]
    assert (first["period"], first["start"], first["end"]) == (
        "มี.ค. – ก.ย. ๖๕",
        "2022-03-01",
        "2022-09-30",
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_the_yearly_script_runs_the_whole_cycle(tmp_path: Path) -> None:
    workbooks = tmp_path / "agencies"
    (workbooks / "amphoe").mkdir(parents=True)
    shutil.copyfile(EXAMPLE, workbooks / "pato.xlsx")
    shutil.copyfile(EXAMPLE.with_suffix(".ods"), workbooks / "amphoe" / "other.ods")
    script = Path(__file__).resolve().parents[1] / "examples" / "yearly.sh"
    ita_report = Path(sys.executable).with_name("ita-report")

    done = subprocess.run(
        ["bash", str(script), str(workbooks), "2564"],
        env={**os.environ, "ITA_REPORT": str(ita_report)},
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert done.returncode == 0, done.stderr
    reports = tmp_path / "reports" / "2564"
    pending = json.loads((reports / "pending.json").read_text(encoding="utf-8"))
    assert [len(book["pending"]) for book in pending["workbooks"]] == [3, 3]
    assert openpyxl.load_workbook(reports / "summary.xlsx").sheetnames[0] == "สรุปรายหน่วยงาน"
    assert (reports / "pato.pdf").exists() and (reports / "amphoe" / "other.pdf").exists()
    rolled = sorted(p.relative_to(tmp_path) for p in (tmp_path / "reports").rglob("*.xlsx"))
    assert [str(p) for p in rolled] == [
        "reports/2564/summary.xlsx",
        "reports/next-2565/amphoe/other.xlsx",
        "reports/next-2565/pato.xlsx",
    ]
    assert plan_of(tmp_path / "reports" / "next-2565" / "pato.xlsx").agency.fiscal_year == 2565


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_the_rolled_and_the_summary_workbooks_print_cleanly(
    cli: Cli, tmp_path: Path, agencies: Path
) -> None:
    """Printed by Calc: no two words overlap and every cell's text is on A4 landscape paper."""
    rolled, summary = tmp_path / "rolled.xlsx", tmp_path / "summary.xlsx"
    assert cli("init", rolled, "--from", EXAMPLE).exit_code == 0
    cli("summary", agencies, "-o", summary, "--as-of", "2021-10-01")

    for workbook, headers in (
        (rolled, {"มาตรการ": [3]}),
        (summary, {"สรุปรายหน่วยงาน": [3], "รายการที่ยังไม่เสร็จ": [3], "ตามตัวชี้วัด": [3]}),
    ):
        folder = tmp_path / workbook.stem
        folder.mkdir()
        report = check_printed(workbook, folder, header_rows=headers)
        assert report.problems() == [], workbook.name


def test_a_text_that_looks_like_a_formula_stays_the_text_typed(cli: Cli, tmp_path: Path) -> None:
    """A method typed ``=…`` (Excel keeps it as text after an apostrophe) or ``#N/A`` reaches the
    summary and next year's workbook as that text: openpyxl would store the one as a formula
    (Excel shows #NAME?) and the other as an error, and the clerk's words would be lost."""
    from ita_report.write.summary import PENDING_SHEET
    from tests.workbook_helpers import IN_PROGRESS, NOT_STARTED, method_row, write_workbook

    formula, error, unit = "=SUM(1,2) จัดประชุมชี้แจง", "#N/A", "=กองช่าง"

    def typed_as_text(workbook: openpyxl.Workbook) -> None:
        for row in workbook["มาตรการ"].iter_rows():
            for cell in row:
                if cell.value in (formula, error, unit):
                    cell.data_type = "s"

    rows = [
        method_row(formula, measure="การใช้งบประมาณ", status=IN_PROGRESS, responsible=unit),
        method_row(error, status=NOT_STARTED),
    ]
    book = write_workbook(tmp_path / "in" / "plan.xlsx", rows=rows, customise=typed_as_text)
    assert load_workbook(book).plan is not None

    summary = tmp_path / "summary.xlsx"
    result = cli("summary", book.parent, "-o", summary, "--as-of", "2021-10-01")
    assert result.exit_code == 0, result.output
    pending = openpyxl.load_workbook(summary)[PENDING_SHEET]
    cells = [cell for row in pending.iter_rows(min_row=HEADER_ROW + 1) for cell in row]
    shown = (f"1. {formula}", f"2. {error}", unit)  # a method is shown with its number
    typed = {cell.value: cell.data_type for cell in cells if cell.value in shown}
    assert typed == dict.fromkeys(shown, "s")

    rolled = tmp_path / "next.xlsx"
    result = cli("init", rolled, "--from", book)
    assert result.exit_code == 0, result.output
    plan = load_workbook(rolled).plan
    assert plan is not None
    assert [method.text for method in plan.measures[0].methods] == [formula, error]
    assert plan.measures[0].methods[0].responsible == unit
