#!/usr/bin/env bash
# The yearly run of an IT officer: check every agency's workbook, then build every report and
# its PDF into a folder named for the fiscal year. Fails (exit 2) when any workbook is invalid,
# after building all the others, so that one clerk's mistake never holds up the province.
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

# 2. Every report, as .docx and .pdf, keeping the agencies' folder layout.
"$ita_report" build "$workbooks" --out-dir "$reports" --pdf --json > "$reports/build.json"
build_status=$?

echo "reports in $reports (summary: build.json, pending: pending.json)"
if [ "$check_status" -gt 1 ] || [ "$build_status" -ne 0 ]; then
  exit 2
fi
