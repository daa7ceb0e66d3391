"""``ita-report check``: what is pending, for whom, overdue on which day, and its JSON (SPEC §2.1)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.workbook_helpers import (
    AGENCY_NAME,
    EXAMPLE,
    HEADER,
    IN_PROGRESS,
    NOT_STARTED,
    PERIOD,
    method_row,
    write_workbook,
)

Cli = Callable[..., Result]
Make = Callable[..., Path]

#: Two measures, five methods: one done, one in progress, two not started, one done.
ROWS = (
    method_row("จัดทำแผน", measure="การใช้งบประมาณ", responsible="กองคลัง"),
    method_row(
        "๒. รับฟังความคิดเห็น",
        responsible="งานการเจ้าหน้าที่/งานนิติการ",
        status=IN_PROGRESS,
        result="อยู่ระหว่างดำเนินการ",
    ),
    method_row(
        "ประชุมประจำเดือน",
        responsible="งานพัสดุ, กองคลัง",
        period="ทุกเดือน",
        status=NOT_STARTED,
        result=None,
    ),
    method_row(
        "๑. จัดทำคู่มือ",
        measure="๓. การใช้อำนาจ",
        responsible="งานพัสดุ",
        period="ก.พ. ๖๔",
        status=None,
        result=None,
    ),
    method_row("เผยแพร่ข่าว", responsible="งานประชาสัมพันธ์"),
)


@pytest.fixture
def plan(make_workbook: Make) -> Path:
    return make_workbook(rows=ROWS)


def check_json(cli: Cli, *args: str | Path) -> tuple[int, dict[str, Any]]:
    result = cli("check", *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def entry_of(cli: Cli, *args: str | Path) -> dict[str, Any]:
    (entry,) = check_json(cli, *args)[1]["workbooks"]
    return entry


def pending_cells(entry: dict[str, Any]) -> list[str]:
    return [item["cell"] for item in entry["pending"]]


# --- exit status -----------------------------------------------------------------------------


def test_nothing_pending_exits_0(cli: Cli, make_workbook: Make) -> None:
    result = cli("check", make_workbook())
    assert result.exit_code == 0, result.output
    assert "ดำเนินการครบทุกรายการแล้ว" in result.stdout


def test_something_pending_exits_1(cli: Cli, plan: Path) -> None:
    assert cli("check", plan).exit_code == 1


def test_an_invalid_workbook_exits_2_naming_the_cell(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook(rows=[method_row("ก", measure="ม", status="เสร็จ")])
    result = cli("check", path)
    assert result.exit_code == 2
    assert f"ข้อผิดพลาด: {path}: มาตรการ!E2: สถานะ 'เสร็จ' ไม่ถูกต้อง" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("as_json", [False, True])
def test_invalid_wins_over_pending_with_several_workbooks(
    cli: Cli, make_workbook: Make, plan: Path, as_json: bool
) -> None:
    invalid = make_workbook("z_invalid.xlsx", rows=[method_row("ก", measure="ม", status="x")])
    done = make_workbook("a_done.xlsx")
    args = [done, plan, invalid] + (["--json"] if as_json else [])
    assert cli("check", *args).exit_code == 2


def test_pending_wins_over_done_with_several_workbooks(
    cli: Cli, make_workbook: Make, plan: Path
) -> None:
    assert cli("check", make_workbook("done.xlsx"), plan).exit_code == 1


def test_strict_makes_a_warning_exit_2(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook(header=(*HEADER, "หมายเหตุ"))
    assert cli("check", path).exit_code == 0
    result = cli("check", path, "--strict")
    assert result.exit_code == 2
    assert f"ข้อผิดพลาด: {path}: มาตรการ!G1: ไม่รู้จักคอลัมน์ 'หมายเหตุ'" in result.stderr


# --- which workbooks -------------------------------------------------------------------------


def test_without_a_workbook_it_reads_plan_xlsx_in_the_current_folder(
    cli: Cli, plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plan.parent)
    code, document = check_json(cli)
    assert code == 1
    assert [entry["path"] for entry in document["workbooks"]] == ["plan.xlsx"]


def test_without_plan_xlsx_in_the_current_folder_it_says_so(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("check")
    assert result.exit_code == 2
    assert "ข้อผิดพลาด: plan.xlsx: ไม่พบไฟล์" in result.stderr


def test_a_folder_stands_for_its_workbooks_without_lock_files(cli: Cli, tmp_path: Path) -> None:
    write_workbook(tmp_path / "b.xlsx", rows=ROWS)
    write_workbook(tmp_path / "a.xlsx")
    write_workbook(tmp_path / "2564" / "c.xlsm")
    # Lock files that Excel and LibreOffice leave beside an open workbook: not workbooks.
    (tmp_path / "~$b.xlsx").write_bytes(b"\x0bclerk\x00" * 20)
    (tmp_path / ".~lock.b.xlsx#").write_text(",clerk,PC,01.03.2021 09:00,file:///C:/x;")
    (tmp_path / "notes.txt").write_text("ไม่ใช่เวิร์กบุ๊ก")
    code, document = check_json(cli, tmp_path)
    assert code == 1
    assert [
        Path(entry["path"]).relative_to(tmp_path).as_posix() for entry in document["workbooks"]
    ] == [
        "2564/c.xlsm",
        "a.xlsx",
        "b.xlsx",
    ]
    assert all(entry["errors"] == [] for entry in document["workbooks"])


def test_a_folder_without_workbooks_is_an_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "~$plan.xlsx").write_bytes(b"lock")
    result = cli("check", tmp_path)
    assert result.exit_code == 2
    assert (
        "ไม่พบไฟล์ Excel (.xlsx, .xlsm, .xls) หรือ LibreOffice (.ods) ในโฟลเดอร์ที่ระบุ" in result.stderr
    )


# --- --unit ----------------------------------------------------------------------------------


def test_unit_lists_only_that_units_methods(cli: Cli, plan: Path) -> None:
    entry = entry_of(cli, plan, "--unit", "งานพัสดุ")
    assert pending_cells(entry) == ["มาตรการ!B4", "มาตรการ!B5"]
    # ... and counts only them.
    assert entry["summary"] == {
        "measures": 2,
        "methods": 2,
        "done": 0,
        "in_progress": 0,
        "not_started": 2,
    }


@pytest.mark.parametrize("unit", ["งานการเจ้าหน้าที่", "งานนิติการ"])
def test_a_responsible_value_with_a_slash_names_both_units(cli: Cli, plan: Path, unit: str) -> None:
    assert pending_cells(entry_of(cli, plan, "--unit", unit)) == ["มาตรการ!B3"]


def test_a_responsible_value_with_a_comma_names_both_units(cli: Cli, plan: Path) -> None:
    entry = entry_of(cli, plan, "--unit", "กองคลัง")
    assert pending_cells(entry) == ["มาตรการ!B4"]
    assert entry["summary"]["methods"] == 2  # B2 (done) and B4


def test_unit_matches_as_labels_do(cli: Cli, plan: Path) -> None:
    assert pending_cells(entry_of(cli, plan, "--unit", " งาน\u200bพัสดุ ")) == [
        "มาตรการ!B4",
        "มาตรการ!B5",
    ]


def test_a_unit_is_not_matched_by_part_of_its_name(cli: Cli, plan: Path) -> None:
    result = cli("check", plan, "--unit", "งาน", "--json")
    assert result.exit_code == 2
    (book,) = json.loads(result.stdout)["workbooks"]  # still one JSON document (SPEC §2.1)
    assert book["pending"] == []
    assert "ไม่พบหน่วยงาน 'งาน' ในคอลัมน์ผู้รับผิดชอบของไฟล์ที่ตรวจ" in result.stderr


def test_a_unit_that_names_no_method_suggests_the_closest(cli: Cli, example: Path) -> None:
    """A typo must not read as "all done": that is a false answer to a batch script."""
    result = cli("check", example, "--unit", "งานพัสดง")
    assert result.exit_code == 2
    assert "ดำเนินการครบทุกรายการแล้ว" not in result.stdout
    assert (
        "ข้อผิดพลาด: ไม่พบหน่วยงาน 'งานพัสดง' ในคอลัมน์ผู้รับผิดชอบของไฟล์ที่ตรวจ — หมายถึง งานพัสดุ หรือไม่?"
    ) in result.stderr


def test_a_unit_with_everything_done_exits_0(cli: Cli, plan: Path) -> None:
    result = cli("check", plan, "--unit", "งานประชาสัมพันธ์")
    assert result.exit_code == 0
    assert "เฉพาะ งานประชาสัมพันธ์" in result.stdout
    assert "ดำเนินการครบทุกรายการแล้ว" in result.stdout


# --- --as-of and overdue ---------------------------------------------------------------------


def overdue_on(cli: Cli, plan: Path, day: str) -> dict[str, bool]:
    entry = entry_of(cli, plan, "--as-of", day)
    return {item["cell"]: item["overdue"] for item in entry["pending"]}


def test_before_the_end_date_nothing_is_overdue(cli: Cli, plan: Path) -> None:
    assert overdue_on(cli, plan, "2021-02-28") == {
        "มาตรการ!B3": False,
        "มาตรการ!B4": False,
        "มาตรการ!B5": False,
    }


def test_on_the_end_date_it_is_not_yet_overdue(cli: Cli, plan: Path) -> None:
    assert overdue_on(cli, plan, "30/9/2564")["มาตรการ!B3"] is False


@pytest.mark.parametrize("day", ["2021-10-01", "1/10/2564", "1/10/2021", "๑/๑๐/๒๕๖๔", "2564-10-01"])
def test_after_the_end_date_it_is_overdue(cli: Cli, plan: Path, day: str) -> None:
    assert overdue_on(cli, plan, day) == {
        "มาตรการ!B3": True,
        "มาตรการ!B4": False,  # ทุกเดือน: no end date, so never overdue
        "มาตรการ!B5": True,
    }


def test_between_two_end_dates_only_the_earlier_is_overdue(cli: Cli, plan: Path) -> None:
    assert overdue_on(cli, plan, "1/3/2564") == {
        "มาตรการ!B3": False,
        "มาตรการ!B4": False,
        "มาตรการ!B5": True,  # ก.พ. ๖๔ ended on 28 February 2021
    }


def test_as_of_defaults_to_today(cli: Cli, plan: Path) -> None:
    assert date.today() > date(2021, 9, 30)
    assert entry_of(cli, plan)["pending"][0]["overdue"] is True


def test_overdue_is_shown_in_the_table(cli: Cli, plan: Path) -> None:
    result = cli("check", plan, "--as-of", "1/3/2564")
    assert result.exit_code == 1
    assert result.stdout.count("เลยกำหนด") == 2  # the one overdue row, and the summary
    assert "ค้าง 3 รายการ, เลยกำหนด 1" in result.stdout


def test_a_bad_as_of_is_a_usage_error(cli: Cli, plan: Path) -> None:
    result = cli("check", plan, "--as-of", "31/2/2564")
    assert result.exit_code == 2
    assert "ค่าของ --as-of ไม่ถูกต้อง" in result.stderr
    assert "อ่านวันที่ '31/2/2564' ไม่ได้" in result.stderr


# --- the table -------------------------------------------------------------------------------


def test_the_table_lists_pending_methods_with_their_cells(cli: Cli, plan: Path) -> None:
    out = cli("check", plan, "--as-of", "2021-03-01").stdout
    assert f"{AGENCY_NAME} ปีงบประมาณ 2564" in out
    for text in ("1.2", "มาตรการ!B3", "รับฟังความคิดเห็น", "งานการเจ้าหน้าที่/งานนิติการ", PERIOD):
        assert text in out
    for text in ("1.3", "มาตรการ!B4", "ทุกเดือน", "3.1", "มาตรการ!B5", "ก.พ. ๖๔"):
        assert text in out
    assert "จัดทำแผน" not in out and "เผยแพร่ข่าว" not in out  # done: not listed
    assert "วิธีการ 5 รายการ: ดำเนินการแล้ว 2 · อยู่ระหว่างดำเนินการ 1 · ยังไม่ดำเนินการ 2 (เสร็จ 40%)" in out


# --- --json (SPEC §2.1) ----------------------------------------------------------------------

ENTRY_KEYS = {"path", "agency", "fiscal_year", "summary", "pending", "errors", "warnings"}
PENDING_KEYS = {
    "measure_no",
    "measure",
    "method_no",
    "method",
    "responsible",
    "period",
    "start",
    "end",
    "status",
    "overdue",
    "cell",
}


def test_json_has_the_shape_of_spec_2_1(cli: Cli, plan: Path) -> None:
    code, document = check_json(cli, plan, "--as-of", "2021-10-01")
    assert code == 1
    assert set(document) == {"workbooks"}
    (entry,) = document["workbooks"]
    assert set(entry) == ENTRY_KEYS
    assert entry["path"] == str(plan)
    assert entry["agency"] == AGENCY_NAME
    assert entry["fiscal_year"] == 2564
    assert entry["summary"] == {
        "measures": 2,
        "methods": 5,
        "done": 2,
        "in_progress": 1,
        "not_started": 2,
    }
    assert entry["errors"] == [] and entry["warnings"] == []
    assert entry["pending"] == [
        {
            "measure_no": 1,
            "measure": "การใช้งบประมาณ",
            "method_no": 2,
            "method": "รับฟังความคิดเห็น",
            "responsible": "งานการเจ้าหน้าที่/งานนิติการ",
            "period": PERIOD,
            "start": "2021-03-01",
            "end": "2021-09-30",
            "status": "in_progress",
            "overdue": True,
            "cell": "มาตรการ!B3",
        },
        {
            "measure_no": 1,
            "measure": "การใช้งบประมาณ",
            "method_no": 3,
            "method": "ประชุมประจำเดือน",
            "responsible": "งานพัสดุ, กองคลัง",
            "period": "ทุกเดือน",
            "start": None,
            "end": None,
            "status": "not_started",
            "overdue": False,
            "cell": "มาตรการ!B4",
        },
        {
            "measure_no": 3,
            "measure": "การใช้อำนาจ",
            "method_no": 1,
            "method": "จัดทำคู่มือ",
            "responsible": "งานพัสดุ",
            "period": "ก.พ. ๖๔",
            "start": "2021-02-01",
            "end": "2021-02-28",
            "status": "not_started",
            "overdue": True,
            "cell": "มาตรการ!B5",
        },
    ]


def test_json_types(cli: Cli, plan: Path) -> None:
    entry = entry_of(cli, plan)
    assert isinstance(entry["fiscal_year"], int)
    assert all(isinstance(v, int) for v in entry["summary"].values())
    for item in entry["pending"]:
        assert set(item) == PENDING_KEYS
        assert type(item["measure_no"]) is int and type(item["method_no"]) is int
        assert type(item["overdue"]) is bool
        assert item["status"] in {"in_progress", "not_started"}
        for key in ("start", "end"):
            assert item[key] is None or date.fromisoformat(item[key])


def test_json_period_from_dates_is_written_as_the_report_writes_it(
    cli: Cli, make_workbook: Make
) -> None:
    header = ("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "เริ่ม", "สิ้นสุด", "สถานะ")
    rows = [("ม", "ก", "กองคลัง", date(2020, 10, 1), "30/9/2564", IN_PROGRESS)]
    (item,) = entry_of(cli, make_workbook(header=header, rows=rows))["pending"]
    assert (item["period"], item["start"], item["end"]) == (
        "ต.ค. ๖๓ – ก.ย. ๖๔",
        "2020-10-01",
        "2021-09-30",
    )


def test_json_warnings_are_cell_and_message(cli: Cli, make_workbook: Make) -> None:
    path = make_workbook(header=(*HEADER, "หมายเหตุ"))
    code, document = check_json(cli, path)
    assert code == 0
    (entry,) = document["workbooks"]
    assert entry["warnings"] == [{"cell": "มาตรการ!G1", "message": "ไม่รู้จักคอลัมน์ 'หมายเหตุ' จึงไม่ได้ใช้"}]
    assert entry["summary"]["methods"] == 2


def test_json_of_an_invalid_workbook_has_errors_and_a_null_summary(
    cli: Cli, make_workbook: Make
) -> None:
    path = make_workbook(
        rows=[method_row("ก", measure="ม", status="เสร็จ"), method_row("ข", responsible=None)]
    )
    code, document = check_json(cli, path)
    assert code == 2
    (entry,) = document["workbooks"]
    assert entry["summary"] is None and entry["pending"] == []
    assert [error["cell"] for error in entry["errors"]] == ["มาตรการ!E2", "มาตรการ!C3"]
    assert all(set(error) == {"cell", "message"} for error in entry["errors"])


def test_json_error_of_a_missing_sheet_has_a_null_cell(cli: Cli, make_workbook: Make) -> None:
    entry = entry_of(cli, make_workbook(measures_sheet=None))
    assert entry["errors"] == [
        {"cell": None, "message": "ไม่พบชีต 'มาตรการ' (หรือ 'measures') — ชีตที่มีอยู่: หน่วยงาน"}
    ]


def test_json_is_one_valid_document_even_with_errors(
    cli: Cli, make_workbook: Make, plan: Path, tmp_path: Path
) -> None:
    invalid = make_workbook("invalid.xlsx", agency=[("ปีงบประมาณ", 2564)])
    missing = tmp_path / "missing.xlsx"
    result = cli("check", plan, invalid, missing, "--json")
    assert result.exit_code == 2
    document = json.loads(result.stdout)  # nothing but the JSON on stdout
    assert [entry["path"] for entry in document["workbooks"]] == [
        str(plan),
        str(invalid),
        str(missing),
    ]
    assert [entry["summary"] is None for entry in document["workbooks"]] == [False, True, True]


def test_json_is_utf8_with_thai_unescaped(cli: Cli, plan: Path) -> None:
    raw = cli("check", plan, "--json").stdout_bytes
    assert AGENCY_NAME.encode("utf-8") in raw
    assert b'"status": "in_progress"' in raw
    assert b"\\u0e" not in raw.lower()


def test_a_folder_takes_xls_and_ods_and_names_the_spreadsheets_it_skips(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "agencies"
    (folder / "b").mkdir(parents=True)
    shutil.copyfile(EXAMPLE.with_suffix(".xls"), folder / "a.xls")
    shutil.copyfile(EXAMPLE.with_suffix(".ods"), folder / "b" / "c.ods")
    (folder / "b" / "export.csv").write_text("มาตรการ,วิธีการ\n", encoding="utf-8")
    (folder / "~$a.xls").write_bytes(b"lock")

    result = cli("check", folder, "--json", "--as-of", "2021-10-01")

    assert result.exit_code == 1
    books = json.loads(result.stdout)["workbooks"]
    assert [book["path"] for book in books] == [str(folder / "a.xls"), str(folder / "b" / "c.ods")]
    assert [book["summary"]["in_progress"] for book in books] == [3, 3]
    assert result.stderr.splitlines() == [
        f"คำเตือน: {folder / 'b' / 'export.csv'}: ข้ามไฟล์นี้ เพราะไม่ใช่เวิร์กบุ๊กที่อ่านได้ (.csv)"
        " — เปิดใน Excel หรือ LibreOffice Calc แล้วบันทึกเป็น .xlsx ไว้ในโฟลเดอร์เดียวกัน"
    ]
