"""``build`` over many workbooks: folders, lock files, layout, failures among successes, JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from typer.testing import Result

from tests.workbook_helpers import AGENCY, EXAMPLE, write_workbook


def _agency(name: str) -> tuple[tuple[object, object], ...]:
    return (("ชื่อหน่วยงาน", name), *AGENCY[1:])


def _document_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _agencies(root: Path) -> dict[str, Path]:
    """Three agencies in two district folders, plus an Office and a LibreOffice lock file."""
    made = {
        "ก": write_workbook(root / "เมือง" / "a.xlsx", agency=_agency("เทศบาลตำบลก")),
        "ข": write_workbook(root / "เมือง" / "b.xlsx", agency=_agency("เทศบาลตำบลข")),
        "ค": write_workbook(root / "ท่าแซะ" / "c.xlsx", agency=_agency("องค์การบริหารส่วนตำบลค")),
    }
    (root / "เมือง" / "~$a.xlsx").write_bytes(b"owner file of an open workbook")
    (root / "ท่าแซะ" / ".~lock.c.xlsx#").write_text("lock")
    return made


def test_folder_builds_every_workbook_beside_it_skipping_lock_files(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    made = _agencies(tmp_path / "in")

    result = cli("build", tmp_path / "in", "--jobs", "1")

    assert result.exit_code == 0, result.output
    for name, workbook in made.items():
        report = workbook.with_suffix(".docx")
        assert name in _document_text(report)
        assert f"✓ {report}" in result.stdout
    assert "สร้างรายงาน 3 จาก 3 ไฟล์" in result.stdout
    assert not (tmp_path / "in" / "เมือง" / "~$a.docx").exists()


def test_out_dir_keeps_the_folder_layout(tmp_path: Path, cli: Callable[..., Result]) -> None:
    _agencies(tmp_path / "in")
    single = write_workbook(tmp_path / "single.xlsx", agency=_agency("เทศบาลตำบลง"))

    result = cli("build", tmp_path / "in", single, "--out-dir", tmp_path / "out", "--jobs", "2")

    assert result.exit_code == 0, result.output
    built = sorted(
        p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*")
    )
    assert built == [
        "single.docx",
        "ท่าแซะ",
        "ท่าแซะ/c.docx",
        "เมือง",
        "เมือง/a.docx",
        "เมือง/b.docx",
    ]
    assert "เทศบาลตำบลง" in _document_text(tmp_path / "out" / "single.docx")


def test_bad_workbook_among_good_ones_fails_alone(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    made = _agencies(tmp_path / "in")
    bad = tmp_path / "in" / "เมือง" / "broken.xlsx"
    bad.write_text("ลำดับ,มาตรการ\n1,การใช้งบประมาณ\n", encoding="utf-8")
    invalid = write_workbook(
        tmp_path / "in" / "ท่าแซะ" / "invalid.xlsx",
        rows=[("การใช้งบประมาณ", "เผยแพร่แผน", None, "มี.ค. – ก.ย. ๖๔", "ดำเนินการแล้ว", "แล้ว")],
    )

    result = cli("build", tmp_path / "in", "--jobs", "2")

    assert result.exit_code == 2
    for workbook in made.values():
        assert workbook.with_suffix(".docx").exists()
    assert not bad.with_suffix(".docx").exists()
    assert not invalid.with_suffix(".docx").exists()
    assert "สร้างรายงาน 3 จาก 5 ไฟล์ — ไม่สำเร็จ 2 ไฟล์" in result.stdout
    assert "ไฟล์ที่ไม่ได้สร้างรายงาน" in result.stderr
    assert f"ข้อผิดพลาด: {invalid}: มาตรการ!C2: ต้องกรอก 'ผู้รับผิดชอบ'" in result.stderr
    assert "ดูเหมือนเป็นไฟล์ข้อความหรือ CSV" in result.stderr


def test_json_summary_lists_outputs_errors_and_warnings(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    good = write_workbook(tmp_path / "good.xlsx", units=["หน่วยงานย่อย", "กองคลัง"])
    warned = write_workbook(tmp_path / "warned.xlsx", units=["หน่วยงานย่อย", "กองช่าง"])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")

    result = cli("build", good, warned, bad, "--out-dir", tmp_path / "out", "--json")

    assert result.exit_code == 2
    document = json.loads(result.stdout)
    entries = {Path(entry["path"]).name: entry for entry in document["workbooks"]}
    assert entries["good.xlsx"] == {
        "path": str(good),
        "written": True,
        "outputs": [str(tmp_path / "out" / "good.docx")],
        "errors": [],
        "warnings": [],
    }
    assert entries["warned.xlsx"]["written"] is True
    assert entries["warned.xlsx"]["warnings"][0]["cell"] == "มาตรการ!C2"
    assert "กองคลัง" in entries["warned.xlsx"]["warnings"][0]["message"]
    assert entries["bad.xlsx"]["written"] is False
    assert entries["bad.xlsx"]["outputs"] == []
    assert entries["bad.xlsx"]["errors"][0]["cell"] is None
    assert "ไฟล์ว่างเปล่า" in entries["bad.xlsx"]["errors"][0]["message"]


def test_output_option_takes_one_workbook_only(tmp_path: Path, cli: Callable[..., Result]) -> None:
    a = write_workbook(tmp_path / "a.xlsx")
    b = write_workbook(tmp_path / "b.xlsx")

    result = cli("build", a, b, "-o", tmp_path / "x.docx")

    assert result.exit_code == 2
    assert "-o ใช้ได้กับไฟล์ Excel ไฟล์เดียว" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_empty_folder_is_an_error(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "empty").mkdir()

    result = cli("build", tmp_path / "empty")

    assert result.exit_code == 2
    assert (
        "ไม่พบไฟล์ Excel (.xlsx, .xlsm, .xls) หรือ LibreOffice (.ods) ในโฟลเดอร์ที่ระบุ" in result.stderr
    )


def test_broken_template_fails_before_any_report_is_written(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    _agencies(tmp_path / "in")
    template = tmp_path / "mine.docx"
    document = Document()
    document.add_paragraph("{{ agency_name ")
    document.save(str(template))

    result = cli("build", tmp_path / "in", "--template", template)

    assert result.exit_code == 2
    assert "ข้อผิดพลาด:" in result.stderr
    assert str(template) in result.stderr
    assert list((tmp_path / "in").rglob("*.docx")) == []


def test_quiet_prints_nothing_on_success(tmp_path: Path, cli: Callable[..., Result]) -> None:
    _agencies(tmp_path / "in")

    result = cli("build", tmp_path / "in", "--quiet")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == ""


def test_non_terminal_output_is_plain_lines(tmp_path: Path) -> None:
    """Redirected to a file, progress is one plain line a workbook: no bar, no escape codes."""
    workbooks = tmp_path / "in"
    workbooks.mkdir()
    for name in ("a", "b"):
        shutil.copy(EXAMPLE, workbooks / f"{name}.xlsx")

    done = subprocess.run(
        [sys.executable, "-m", "ita_report", "build", str(workbooks), "--jobs", "2"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    # One line a report as each finishes (in whichever order the workers end), then the count.
    assert sorted(lines[:2]) == [f"✓ {workbooks / 'a.docx'}", f"✓ {workbooks / 'b.docx'}"]
    assert lines[2:] == ["สร้างรายงาน 2 จาก 2 ไฟล์"]
    assert "\x1b[" not in done.stdout


@pytest.mark.parametrize("extra", [[], ["--json"]], ids=["table", "json"])
def test_check_does_not_import_the_word_stack_or_openpyxl(extra: list[str]) -> None:
    """check and validate must not pay for docxtpl, python-docx, Jinja, lxml or openpyxl (a
    yearly batch): a workbook is streamed through the standard library's expat."""
    code = (
        "import sys\n"
        "from ita_report.cli import app\n"
        f"try:\n    app(['check', {str(EXAMPLE)!r}, *{extra!r}])\n"
        "except SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('docx', 'docxtpl', 'jinja2', 'lxml', 'openpyxl')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )

    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=120
    )

    assert "HEAVY []" in done.stderr


def test_two_workbooks_that_would_write_one_report_are_refused(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    xlsx = write_workbook(tmp_path / "plan.xlsx")
    xlsm = tmp_path / "plan.xlsm"
    shutil.copy(xlsx, xlsm)

    result = cli("build", tmp_path)

    assert result.exit_code == 2
    # Folders are taken in sorted order: plan.xlsm comes before plan.xlsx.
    assert f"{xlsm} และ {xlsx} จะได้รายงานไฟล์เดียวกัน ({tmp_path / 'plan.docx'})" in result.stderr
    assert not (tmp_path / "plan.docx").exists()


def test_output_must_be_a_docx_and_never_the_workbook(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    workbook = write_workbook(tmp_path / "plan.xlsx")
    before = workbook.read_bytes()

    into_itself = cli("build", workbook, "-o", workbook)
    as_pdf = cli("build", workbook, "-o", tmp_path / "plan.pdf")
    both = cli("build", workbook, "-o", tmp_path / "x.docx", "--out-dir", tmp_path / "out")

    assert into_itself.exit_code == as_pdf.exit_code == both.exit_code == 2
    assert "รายงานต้องเป็นไฟล์ .docx" in into_itself.stderr
    assert "รายงานต้องเป็นไฟล์ .docx" in as_pdf.stderr
    assert "ใช้ -o หรือ --out-dir อย่างใดอย่างหนึ่ง" in both.output
    assert workbook.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_a_template_failing_on_a_workbooks_data_names_it_and_stops_the_run(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    """Whatever --jobs is: the failing workbook is named, nothing is left half done, exit 2."""
    template = tmp_path / "second-measure.docx"
    document = Document()
    document.add_paragraph("{{ measures[1].title }}")
    document.save(str(template))
    one = write_workbook(tmp_path / "in" / "one.xlsx")  # a single measure: no measures[1]
    for jobs in ("1", "2"):
        result = cli("build", tmp_path / "in", "--template", template, "--jobs", jobs)

        assert result.exit_code == 2
        assert not one.with_suffix(".docx").exists()
        assert f"ข้อผิดพลาด: {one}: {template}: แม่แบบใช้ไม่ได้" in result.stderr
        assert "Traceback" not in result.output
