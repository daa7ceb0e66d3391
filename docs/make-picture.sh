#!/usr/bin/env bash
# Make the README's pictures from the real output: build the example report with its PDF
# (LibreOffice), then turn its first page into docs/example-page-1.png and the first page where a
# measure is carried over (its title repeated with "(ต่อ)") into docs/example-page-continued.png
# (poppler's pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/ita-report build examples/plan.xlsx -o "$work/plan.docx" --pdf --quiet
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/plan.pdf" docs/example-page-1
echo "wrote docs/example-page-1.png"
pages=$(pdfinfo "$work/plan.pdf" | awk '/^Pages:/ {print $2}')
for page in $(seq 2 "$pages"); do
  if pdftotext -f "$page" -l "$page" "$work/plan.pdf" - | tr -d '[:space:]' | grep -q '(ต่อ)'; then
    pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$work/plan.pdf" docs/example-page-continued
    echo "wrote docs/example-page-continued.png (page $page)"
    exit 0
  fi
done
echo "no page carries a measure over" >&2
exit 1
