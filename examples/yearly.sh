#!/usr/bin/env bash
# The yearly run of an IT officer: check every agency's workbook, write the province's summary
# workbook, build every report and its PDF into a folder named for the fiscal year, and roll
# every valid workbook into next year's (init --from) in a folder of its own. Fails (exit 2)
# when any workbook is invalid, after doing all the others, so that one clerk's mistake never
# holds up the province. A roster (ROSTER=roster.csv) lists the agencies that sent nothing.
#
#   examples/yearly.sh WORKBOOKS_DIR FISCAL_YEAR [REPORTS_DIR]
#   examples/yearly.sh /srv/ita/agencies 2568            # → /srv/ita/agencies/../reports/2568
set -uo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 WORKBOOKS_DIR FISCAL_YEAR [REPORTS_DIR]" >&2
  exit 2
fi
workbooks=$1
year=$2
reports=${3:-$(dirname "$workbooks")/reports}/$year
ita_report=${ITA_REPORT:-ita-report}

mkdir -p "$reports"

# 1. What is still pending, for the follow-up letters (exit 1 = something pending: not a failure).
"$ita_report" check "$workbooks" --json > "$reports/pending.json"
check_status=$?
if [ "$check_status" -gt 1 ]; then
  echo "some workbooks are invalid: see the errors in $reports/pending.json" >&2
fi

# 2. The province's summary workbook: who is behind, every pending method, by indicator.
roster_option=()
if [ -n "${ROSTER:-}" ]; then roster_option=(--roster "$ROSTER"); fi
"$ita_report" summary "$workbooks" -o "$reports/summary.xlsx" "${roster_option[@]}" --quiet \
  > "$reports/summary.txt"
summary_status=$?

# 3. Every report, as .docx and .pdf, keeping the agencies' folder layout.
"$ita_report" build "$workbooks" --out-dir "$reports" --pdf --json > "$reports/build.json"
build_status=$?

# 4. Next year's workbooks, from each valid one, for the clerks to start from in October.
next=$((year + 1))
next_dir=$(dirname "$reports")/next-$next
roll_status=0
while IFS= read -r -d '' workbook; do
  relative=${workbook#"$workbooks"/}
  target="$next_dir/${relative%.*}.xlsx"
  mkdir -p "$(dirname "$target")"
  "$ita_report" init "$target" --from "$workbook" --year "$next" --force > /dev/null \
    || roll_status=2
done < <(find "$workbooks" -type f \( -iname '*.xlsx' -o -iname '*.xlsm' -o -iname '*.xls' \
           -o -iname '*.ods' \) ! -name '~$*' ! -name '.~lock*' -print0 | sort -z)

echo "reports in $reports (summary.xlsx, build.json, pending.json); next year's in $next_dir"
if [ "$check_status" -gt 1 ] || [ "$summary_status" -ne 0 ] || [ "$build_status" -ne 0 ] \
  || [ "$roll_status" -ne 0 ]; then
  exit 2
fi
