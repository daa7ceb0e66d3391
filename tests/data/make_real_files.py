"""Regenerate the committed real files of tests/data (see README.md there) with LibreOffice Calc.

    .venv/bin/python tests/data/make_real_files.py     # needs libreoffice-calc (not needed by CI)

Each file is saved by a real spreadsheet program, which is the point of committing it: the
tests prove the reader against what Calc actually writes, not against our idea of it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.workbook_helpers import AGENCY, write_workbook  # noqa: E402

#: Calc's export filters, by the suffix of the file they write.
FILTERS = {
    ".xls": "xls:MS Excel 97",
    ".ods": "ods:calc8",
    ".xlsx": "xlsx:Calc MS Excel 2007 XML",
}


def dates_and_formulas(path: Path) -> Path:
    """A valid workbook with real date cells and formulas, for Calc to compute and save."""

    def formulas(wb: Workbook) -> None:
        agency = wb["หน่วยงาน"]
        agency["B5"] = "=2563+1"  # ปีงบประมาณ, computed by Calc
        measures = wb["มาตรการ"]
        measures["F2"] = '="เผยแพร่"&"แล้ว"'

    return write_workbook(
        path,
        agency=(*AGENCY[:3], ("ปีงบประมาณ", None)),
        header=("มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "เริ่ม", "สิ้นสุด", "ผลการดำเนินการ"),
        rows=[
            (
                "การใช้งบประมาณ",
                "เผยแพร่แผน",
                "กองคลัง",
                datetime(2021, 3, 1),
                datetime(2021, 9, 30),
                None,
            ),
            (None, "รายงานผล", "กองคลัง", datetime(2020, 10, 1), datetime(2021, 3, 31), "รายงานแล้ว"),
        ],
        customise=formulas,
    )


def convert(source: Path, target: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("needs LibreOffice Calc: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}",
                "--convert-to",
                FILTERS[target.suffix],
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        made = out / f"{source.stem}{target.suffix}"
        if not made.exists():
            raise SystemExit(f"Calc did not write {made.name}: is libreoffice-calc installed?")
        shutil.move(made, target)


def main() -> None:
    example = ROOT / "examples" / "plan.xlsx"
    convert(example, HERE / "calc-example.xls")
    convert(example, HERE / "calc-example.ods")
    convert(example, HERE / "calc-example.xlsx")
    with tempfile.TemporaryDirectory() as scratch:
        source = dates_and_formulas(Path(scratch) / "calc-dates-formulas.xlsx")
        convert(source, HERE / "calc-dates-formulas.xlsx")
    for made in sorted(HERE.glob("calc-*")):
        print(made.name, made.stat().st_size)


if __name__ == "__main__":
    main()
