#!/usr/bin/env bash
# Make the Thai guide's pictures of the clerk's workbook from the real output: `ita-report init`
# with an agency and a year, filled in at length as tests/test_workbook_print.py fills it,
# printed sheet by sheet by LibreOffice Calc (tests/print_helpers.py), then the first page of
# the instructions and of the measures sheet turned into docs/workbook-instructions.png and
# docs/workbook-measures.png (poppler's pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/ita-report init "$work/plan.xlsx" --agency "เทศบาลตำบลพะโต๊ะ" --year 2568 >/dev/null
# One PDF a sheet, named after the sheet's place: plan.sheet1.pdf is the instructions.
.venv/bin/python - "$work/plan.xlsx" <<'PY'
import sys
from pathlib import Path

from tests.print_helpers import fill_in_long, print_sheets

workbook = Path(sys.argv[1])
fill_in_long(workbook)
print_sheets(workbook, workbook.parent)
PY
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/plan.sheet1.pdf" docs/workbook-instructions
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/plan.sheet3.pdf" docs/workbook-measures
echo "wrote docs/workbook-instructions.png and docs/workbook-measures.png"
