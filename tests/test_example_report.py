"""``ita-report build examples/plan.xlsx``: the seed's report, every cell in the seed's order.

The workbook is read here with openpyxl, independently of ita-report's own reader, and each of
its method rows is looked for in the matching row of the report's table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx import Document
from openpyxl import load_workbook
from typer.testing import Result

from tests.render_helpers import RESULTS_HEADINGS
from tests.workbook_helpers import EXAMPLE


def _workbook_rows() -> list[dict[str, str]]:
    sheet = load_workbook(EXAMPLE)["มาตรการ"]
    columns = {cell.value: cell.column for cell in sheet[3] if cell.value}
    rows = []
    for row in range(4, sheet.max_row + 1):

        def text(label: str, row: int = row) -> str:
            value = sheet.cell(row=row, column=columns[label]).value
            return "" if value is None else str(value)

        rows.append({label: text(label) for label in RESULTS_HEADINGS if label in columns})
    return rows


def test_the_example_report_holds_every_cell_in_the_seed_order(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    report = tmp_path / "plan.docx"
    result = cli("build", EXAMPLE, "-o", report)
    assert result.exit_code == 0, result.output

    table = Document(str(report)).tables[0]
    header, *body = ([cell.text for cell in row.cells] for row in table.rows)
    assert [h.replace("\n", "") for h in header] == RESULTS_HEADINGS
    expected = _workbook_rows()
    assert len(body) == len(expected) == 29

    for printed, typed in zip(body, expected, strict=True):
        measure, method, responsible, period, outcome, suggestion = printed
        if typed["มาตรการ/แนวทาง"]:  # the first row of a measure: its merged cell
            assert measure == typed["มาตรการ/แนวทาง"]
        assert method == typed["วิธีการดำเนินการ"]  # typed as "๑. …": the number comes back
        assert responsible == typed["ผู้รับผิดชอบ"]
        assert outcome == typed["ผลการดำเนินการ"]
        assert suggestion == typed["ข้อเสนอแนะ"]
        assert period in ("มี.ค. – ก.ย. ๖๔", "มี.ค. – เม.ย. ๖๔")

    assert body[0][5] == "ควรปรับปรุงขั้นตอนการทำงานให้ประชาชนได้รับความสะดวกมากขึ้น"
    assert [row[3] for row in body].count("มี.ค. – เม.ย. ๖๔") == 3
