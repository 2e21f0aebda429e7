#!/usr/bin/env bash
# Makes the day/month order fixtures with LibreOffice (re-runnable; needs `soffice`):
# - demandes-fr-ouvert-en-anglais.xlsx: a French CSV (day-first dates) opened by LibreOffice
#   with the English (USA) locale (filter option 1033) and saved as XLSX: the dates that read
#   month first became date cells (03/10/2026 → 10 March), the others stayed text. The import
#   must refuse it (DateOrderImportTests.realLibreOfficeEnglishLocaleConversionIsRefused).
# - demandes-us.xlsx: a US CSV (month-first dates) opened the same way: every date a date cell,
#   read right; the source CSV, demandes-us.csv, is read month first as text.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "N° demande;Date d'appel;Type de service" "D1;03/10/2026 14:05;Courses" "D2;25/10/2026 09:00;Courses" \
    "D3;05/11/2026;Courses" "D4;15/11/2026 10:30;Courses" > "$tmp/demandes-fr-ouvert-en-anglais.csv"
printf '%s\n' "N° demande;Date d'appel;Type de service" "D1;3/10/2020 22:49;Courses" "D2;3/25/2020 9:00;Courses" \
    "D3;4/2/2020;Courses" > demandes-us.csv
cp demandes-us.csv "$tmp/"
for f in demandes-fr-ouvert-en-anglais demandes-us; do
    soffice --headless --infilter="Text - txt - csv (StarCalc):59,34,76,1,,1033" --convert-to xlsx \
        --outdir . "$tmp/$f.csv" >/dev/null
done
