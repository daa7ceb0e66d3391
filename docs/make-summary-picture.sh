#!/usr/bin/env bash
# The README's picture of the summary workbook, made from the real output: three agencies (the
# example, its next year, its .xls copy), an unreadable file and a roster naming one agency that
# sent nothing, summarised, printed by LibreOffice Calc and the first page turned into a PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
ita=${ITA_REPORT:-.venv/bin/ita-report}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/agencies"
cp examples/plan.xlsx "$work/agencies/a-pato.xlsx"
"$ita" init "$work/agencies/b-next.xlsx" --from examples/plan.xlsx > /dev/null
cp examples/plan.xls "$work/agencies/c-copy.xls"
printf 'not a workbook' > "$work/agencies/d-broken.xlsx"
printf 'ชื่อหน่วยงาน\nเทศบาลตำบลพะโต๊ะ\nเทศบาลตำบลปากตะโก\n' > "$work/roster.csv"
"$ita" summary "$work/agencies" -o "$work/summary.xlsx" --roster "$work/roster.csv" \
  --as-of 2021-10-01 --quiet > /dev/null || true   # exit 2: the broken file is listed

soffice --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf \
  --outdir "$work" "$work/summary.xlsx" > /dev/null
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/summary.pdf" docs/summary-sheet-1
echo "wrote docs/summary-sheet-1.png"
