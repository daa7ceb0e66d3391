#!/usr/bin/env bash
# Make the README's picture from the real output: build the example report with its PDF
# (LibreOffice), then turn the first page into docs/example-page-1.png (poppler's pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/ita-report build examples/plan.xlsx -o "$work/plan.docx" --pdf --quiet
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/plan.pdf" docs/example-page-1
echo "wrote docs/example-page-1.png"
