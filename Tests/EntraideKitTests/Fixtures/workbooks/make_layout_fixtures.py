#!/usr/bin/env python3
"""Builds the layout fixtures of LayoutTests (run from this folder; needs openpyxl and LibreOffice).
The outputs are committed: the tests never run this.

  mise-en-page.xlsx, mise-en-page.ods   a workbook as coordinators keep it, built with openpyxl then
      opened and saved by LibreOffice (which computes the formulas' values): a title merged across
      the columns and a blank row above each header; a `Bénévoles` sheet; one sheet per month
      (`Septembre`, `Octobre 2026`) with a two-row header (group labels `Demande` and
      `Suivi bénévole` merged above the real header, `Statut` merged over both rows), date cells
      and text dates, a `Total` row of formulas at the foot; a `Lisez-moi` sheet of notes.
  demandes-unicode.csv   demandes.csv opened by LibreOffice (every column as text, French locale) and
      saved as "Texte Unicode": UTF-16LE with a byte-order mark, tab-separated, fields quoted.
"""
import datetime, os, shutil, subprocess, tempfile
import openpyxl

def month_sheet(wb, name, rows):
    ws = wb.create_sheet(name)
    ws["A1"] = "Réseau Entraide Nord — suivi des demandes, " + name.lower()
    ws.merge_cells("A1:G1")
    ws["A3"] = "Demande"
    ws.merge_cells("A3:C3")
    ws["D3"] = "Suivi bénévole"
    ws.merge_cells("D3:F3")
    ws["G3"] = "Statut"
    ws.merge_cells("G3:G4")
    for col, header in zip("ABCDEF", ["N° demande", "Date d'appel", "Type de service", "Bénévole",
                                      "Réalisé le", "Durée"]):
        ws[col + "4"] = header
    r = 5
    for row in rows:
        for col, value in zip("ABCDEFG", row):
            if value is None:
                continue
            cell = ws[f"{col}{r}"]
            cell.value = value
            if isinstance(value, datetime.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
        r += 1
    ws[f"A{r}"] = "Total"
    ws[f"B{r}"] = f"=COUNTA(A5:A{r - 1})"
    ws[f"F{r}"] = f"=SUM(F5:F{r - 1})"

def main():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Bénévoles"
    ws["A1"] = "Réseau Entraide Nord — bénévoles"
    ws.merge_cells("A1:D1")
    for col, header in zip("ABCD", ["N° bénévole", "Date d'inscription", "Association", "Services proposés"]):
        ws[col + "3"] = header
    for r, (vid, joined, assoc, services) in enumerate([
            ("B1", datetime.datetime(2025, 9, 1), "Centre social", "Courses"),
            ("B2", "15/01/2026", "AFEV", "Écoute"),
            ("B3", datetime.datetime(2026, 2, 1), "", "")], start=4):
        ws[f"A{r}"] = vid
        ws[f"B{r}"] = joined
        if isinstance(joined, datetime.datetime):
            ws[f"B{r}"].number_format = "DD/MM/YYYY"
        ws[f"C{r}"] = assoc or None
        ws[f"D{r}"] = services or None
    month_sheet(wb, "Septembre", [
        ("S1", datetime.datetime(2026, 9, 3, 14, 5), "Courses", "B1", datetime.datetime(2026, 9, 4, 10, 0), 1.5, "Réalisée"),
        ("S2", "05/09/2026 09:30", "Écoute", None, None, None, "En attente"),
        ("S3", datetime.datetime(2026, 9, 12, 16, 45), "Bricolage", "B2", None, None, None),
    ])
    month_sheet(wb, "Octobre 2026", [
        ("O1", datetime.datetime(2026, 10, 1, 8, 15), "Courses à domicile", "B3", datetime.datetime(2026, 10, 1, 17, 0), 2, "Réalisée"),
        ("O2", "02/10/2026 11:00", "Sortir le chien", None, None, None, "Annulée"),
    ])
    notes = wb.create_sheet("Lisez-moi")
    notes["A1"] = "Mettre à jour chaque lundi."
    notes["A3"] = "Une feuille par mois."
    tmp = tempfile.mkdtemp()
    src = os.path.join(tmp, "mise-en-page.xlsx")
    wb.save(src)
    for fmt in ["xlsx", "ods"]:
        out = os.path.join(tmp, "out-" + fmt)
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", out, src], check=True,
                       stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(out, "mise-en-page." + fmt), "mise-en-page." + fmt)
    shutil.rmtree(tmp)

def unicode_text():
    tmp = tempfile.mkdtemp()
    columns = "/".join(f"{i}/2" for i in range(1, 13))  # all 12 columns as text: values kept as written
    subprocess.run(["soffice", "--headless", f"--infilter=CSV:59,34,76,1,{columns},1036", "--convert-to",
                    "txt:Text - txt - csv (StarCalc):9,34,65535,1", "--outdir", tmp, "demandes.csv"], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.copy(os.path.join(tmp, "demandes.txt"), "demandes-unicode.csv")
    shutil.rmtree(tmp)

if __name__ == "__main__":
    main()
    unicode_text()
