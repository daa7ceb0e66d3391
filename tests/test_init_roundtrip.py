"""A workbook made by ``init`` and filled in by a clerk reads back without a problem."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ita_report.cli import app
from ita_report.labels import ITA_INDICATORS
from ita_report.read.workbook import load_workbook
from tests.init_helpers import FILL_UNITS, fill_in

runner = CliRunner()


def test_filled_in_init_workbook_reads_back_clean(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    result = runner.invoke(
        app, ["init", str(path), "--agency", "เทศบาลตำบลทดสอบ", "--year", "2568"]
    )
    assert result.exit_code == 0, result.output
    fill_in(path)

    loaded = load_workbook(path)

    assert loaded.problems == ()
    assert loaded.plan is not None
    assert loaded.plan.agency.name == "เทศบาลตำบลทดสอบ"
    assert loaded.plan.agency.fiscal_year == 2568
    assert [m.title for m in loaded.plan.measures] == list(ITA_INDICATORS)
    assert [m.no for m in loaded.plan.measures] == list(range(1, 11))
    assert {method.responsible for method in loaded.plan.methods} <= set(FILL_UNITS)


def test_blank_init_workbook_names_what_to_fill_in(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0

    result = runner.invoke(app, ["validate", str(path)])

    assert result.exit_code == 2
    assert "หน่วยงาน!B2: ต้องกรอก 'ชื่อหน่วยงาน'" in result.output
    assert "มาตรการ!B4: ต้องกรอก 'วิธีการดำเนินการ'" in result.output
