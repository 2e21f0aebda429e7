#!/usr/bin/env bash
# Makes the workbooks of ValueFormImportTests from telephones.csv, as a coordinator would:
# LibreOffice opens the CSV (French, `;`) and saves it as XLSX and ODS. Its CSV import reads
# `0612345678` as the number 612345678 (the leading 0 is lost: the number cell the importer must
# read back with its 0), keeps `06 12 34 56 78` as text, and turns `03/10/2026 14:05` into date
# cells. Run from this folder: ./make_values.sh
set -euo pipefail
cd "$(dirname "$0")"
out=$(mktemp -d)
# Filter options: separator ; (59), no text delimiter change ("), UTF-8 (76), from line 1,
# column formats standard, French locale (fr-FR) so 03/10/2026 is read day first.
opts='59,34,76,1,,1036'
soffice --headless --infilter="CSV:$opts" --convert-to xlsx --outdir "$out" telephones.csv >/dev/null
soffice --headless --infilter="CSV:$opts" --convert-to ods --outdir "$out" telephones.csv >/dev/null
mv "$out/telephones.xlsx" "$out/telephones.ods" .
rmdir "$out"
