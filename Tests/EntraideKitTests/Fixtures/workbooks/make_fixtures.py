#!/usr/bin/env python3
"""Builds the workbook fixtures of WorkbookImportTests (run from this folder; needs LibreOffice
for the .ods and LibreOffice-written files). The outputs are committed: the tests never run this.

  cells.xlsx, cells1904.xlsx  hand-built, Excel-like: every XLSX cell kind, 1900 / 1904 date systems
  cells.ods                   LibreOffice's conversion of cells.xlsx (repeated and covered cells)
  cells-lo.xlsx               LibreOffice's own XLSX of the same workbook
  erreurs.xlsx, erreurs.ods   one row per error kind, with gaps in the row numbers
  benevoles|demandes|interventions.{csv,xlsx,ods}   one export three ways (CSV → LibreOffice, fr-FR)
  demandes-10000.xlsx|ods     a 10,000-row requests sheet
  feuille-unique.xlsx         one sheet named "Feuil1" (needs --table)
  casse.xlsx                  a sheet whose XML breaks on row 3
  chiffre.ods                 an encrypted ODS (its manifest declares encryption)
  protege.xlsx                an OLE compound file, as a password-protected XLSX is
  fusion.ods                  hand-built ODS: a merged header over a covered cell that still holds
                              text, repeated empty rows, a comment inside a cell, text:s spaces
"""
import datetime, os, random, subprocess, zipfile
from xml.sax.saxutils import escape

def serial(dt, date1904=False):
    base = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    d = dt - base
    return d.days + d.seconds / 86400

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="[h]:mm"/><numFmt numFmtId="166" formatCode="00000"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="8">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
</styleSheet>"""

def build_xlsx(path, sheets, shared, date1904=False):
    """sheets: [(name, xml_of_sheetData_and_after)]; shared: list of <si> inner XML."""
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    ct = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
          '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>']
    for i in range(len(sheets)):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{i+1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    ct.append('</Types>')
    z.writestr("[Content_Types].xml", "".join(ct))
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
          ('<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>') + '<sheets>']
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    # Sheet parts in reverse order of their rIds, so the reader must follow the relationships.
    for i, (name, _) in enumerate(sheets):
        wb.append(f'<sheet name="{escape(name)}" sheetId="{i+1}" r:id="rId{i+10}"/>')
        rels.append(f'<Relationship Id="rId{i+10}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{len(sheets)-i}.xml"/>')
    wb.append('</sheets></workbook>')
    rels.append('<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    rels.append('</Relationships>')
    z.writestr("xl/workbook.xml", "".join(wb))
    z.writestr("xl/_rels/workbook.xml.rels", "".join(rels))
    z.writestr("xl/styles.xml", STYLES)
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">%s</sst>'
               % (len(shared), len(shared), "".join(f"<si>{s}</si>" for s in shared)))
    for i, (name, body) in enumerate(sheets):
        z.writestr(f"xl/worksheets/sheet{len(sheets)-i}.xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   + body + '</worksheet>')
    z.close()

class Shared:
    def __init__(self): self.items = []
    def __call__(self, inner):
        if inner not in self.items: self.items.append(inner)
        return self.items.index(inner)
    def t(self, text): return self(f"<t>{escape(text)}</t>")

def sa(s): return ' s="%d"' % s if s else ""
def cell_s(ref, idx, s=0): return f'<c r="{ref}" t="s"{sa(s)}><v>{idx}</v></c>'
def cell_n(ref, v, s=0): return f'<c r="{ref}"{sa(s)}><v>{v}</v></c>'
def cell_inline(ref, text): return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'
def cell_inline_rich(ref, runs): return f'<c r="{ref}" t="inlineStr"><is>' + "".join(('<r><t xml:space="preserve">%s</t></r>' % escape(r)) for r in runs) + '</is></c>'
def cell_b(ref, v): return f'<c r="{ref}" t="b"><v>{1 if v else 0}</v></c>'
def cell_f_str(ref, formula, cached): return f'<c r="{ref}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'
def cell_f_num(ref, formula, cached, s=0): return f'<c r="{ref}"{sa(s)}><f>{escape(formula)}</f><v>{cached}</v></c>'
def row(r, cells, spans=True): return f'<row r="{r}">' + "".join(cells) + '</row>'

def cells_workbook(path, date1904):
    sh = Shared()
    S = lambda t: sh.t(t)
    ser = lambda *a: serial(datetime.datetime(*a), date1904)
    vol = "<sheetData>" + "".join([
        row(1, [cell_s("A1", S("N° bénévole")), cell_inline("B1", "Date d'inscription"),
                cell_s("C1", sh('<r><t xml:space="preserve">Date de </t></r><r><rPr><b/></rPr><t>départ</t></r><rPh sb="0" eb="1"><t>X</t></rPh>')),
                cell_s("D1", S("Association")), cell_s("E1", S("Actif")), cell_s("F1", S("Services proposés"))]),
        row(2, [cell_s("A2", S("007")), cell_n("B2", ser(2025, 9, 1), 1), cell_s("D2", S("Centre social")),
                cell_b("E2", True), cell_s("F2", S("Courses, Jardinage"))]),
        row(3, [cell_n("A3", 12), cell_inline("B3", "15/01/2026"), cell_f_str("D3", '"AF"&"EV"', "AFEV"),
                cell_b("E3", False), cell_inline_rich("F3", ["Éc", "oute"])]),
        # Row 4 is blank; row 5 has no r attributes on its cells.
        '<row r="5"><c t="s"><v>%d</v></c><c s="1"><v>%s</v></c><c s="1"><v>%s</v></c><c t="s"><v>%d</v></c></row>'
            % (S("B3"), ser(2026, 2, 1), ser(2026, 6, 30), S("AFEV")),
    ]) + '</sheetData><mergeCells count="1"><mergeCell ref="F1:G1"/></mergeCells>'
    req = "<sheetData>" + "".join([
        row(1, [cell_s("A1", S("N° demande")), cell_s("B1", S("Date d'appel")), cell_s("C1", S("Type de service")),
                cell_s("D1", S("Bénévole")), cell_s("E1", S("Mis en relation le")), cell_s("F1", S("Durée")),
                cell_s("G1", S("Réalisé le")), cell_s("H1", S("Identifiant habitant"))]),
        row(2, [cell_s("A2", S("D1")), cell_n("B2", ser(2026, 10, 3, 14, 5), 2), cell_s("C2", S("Courses à domicile")),
                cell_s("D2", S("007")), cell_n("E2", ser(2026, 10, 3, 18, 0), 3), cell_n("F2", 1.5),
                cell_n("G2", ser(2026, 10, 6, 10, 0), 3), cell_n("H2", 4521)]),
        row(3, [cell_n("A3", 2), cell_inline("B3", "04/10/2026 10:00"), cell_inline("C3", "Écoute"),
                cell_n("D3", 12), cell_n("F3", 0.0625, 5), cell_n("H3", "2.2999999999999998")]),
        row(4, [cell_s("A4", S("D3")), cell_n("B4", ser(2026, 10, 5), 1), cell_f_str("C4", 'LOWER("JARDINAGE")', "jardinage"),
                cell_n("F4", "=1/24", 0).replace("<v>=1/24</v>", "<f>1/24*2</f><v>8.3333333333333329E-2</v>"),
                cell_n("H4", 1e-05)]),
        row(6, [cell_s("A6", S("D4")), cell_n("B6", ser(2026, 10, 6, 9, 0), 3), cell_s("C6", S("Aide administrative")),
                cell_n("F6", ser(1899, 12, 30, 1, 45) if not date1904 else 0.0729166666666667, 4),
                cell_n("H6", 42, 7)]),  # shown as 00042
    ]) + "</sheetData>"
    asg = "<sheetData>" + "".join([
        row(1, [cell_s("A1", S("N° demande")), cell_s("B1", S("Identifiant bénévole")), cell_s("C1", S("Réalisé le")),
                cell_s("D1", S("Heures"))]),
        row(2, [cell_s("A2", S("D1")), cell_n("B2", 12), cell_n("C2", ser(2026, 10, 6, 11, 0), 2), cell_f_num("D2", "1+1", 2)]),
    ]) + "</sheetData>"
    notes = "<sheetData>" + row(1, [cell_inline("A1", "Export du 07/10/2026")]) + "</sheetData>"
    build_xlsx(path, [("Bénévoles", vol), ("DEMANDES", req), ("Mises en relation", asg), ("Notes", notes)],
               sh.items, date1904)

def erreurs_workbook(path):
    sh = Shared(); S = lambda t: sh.t(t)
    ser = lambda *a: serial(datetime.datetime(*a))
    vol = "<sheetData>" + row(1, [cell_s("A1", S("N° bénévole")), cell_s("B1", S("Date d'inscription"))]) \
        + row(2, [cell_s("A2", S("B1")), cell_n("B2", ser(2025, 9, 1), 1)]) + "</sheetData>"
    req = "<sheetData>" + "".join([
        row(1, [cell_s("A1", S("N° demande")), cell_s("B1", S("Date d'appel")), cell_s("C1", S("Type de service")),
                cell_s("D1", S("Bénévole")), cell_s("E1", S("Durée"))]),
        row(2, [cell_s("A2", S("D1")), cell_n("B2", ser(2026, 10, 3, 14, 5), 2), cell_s("C2", S("Courses")), cell_s("D2", S("B1"))]),
        row(4, [cell_n("B4", ser(2026, 10, 3), 1), cell_s("C4", S("Courses"))]),              # missing id
        row(5, [cell_s("A5", S("D3")), cell_inline("B5", "31/09/2026"), cell_s("C5", S("Courses"))]),  # bad date
        row(7, [cell_s("A7", S("D1")), cell_n("B7", ser(2026, 10, 4), 1), cell_s("C7", S("Courses"))]),  # duplicate
        row(8, [cell_s("A8", S("D5")), cell_n("B8", ser(2026, 10, 4), 1), cell_s("C8", S("Courses")), cell_s("D8", S("B99"))]),  # unknown volunteer
        row(12, [cell_s("A12", S("D6")), cell_n("B12", ser(2026, 10, 4), 1), cell_s("C12", S("Courses")),
                 cell_s("E12", S("deux heures"))]),  # bad duration
    ]) + "</sheetData>"
    asg = "<sheetData>" + row(1, [cell_s("A1", S("N° demande")), cell_s("B1", S("N° bénévole"))]) \
        + row(3, [cell_s("A3", S("D404")), cell_s("B3", S("B1"))]) + "</sheetData>"
    build_xlsx(path, [("benevoles", vol), ("demandes", req), ("interventions", asg)], sh.items)

def soffice(fmt, src):
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", ".", src], check=True,
                   stdout=subprocess.DEVNULL)

def convert_csv(name):
    # `;` separated, UTF-8, fr-FR: French dates become date cells, `1,5` a number; the id columns
    # (first column, and the volunteer column of requests) kept as text, as a coordinator types `007`.
    for fmt in ["xlsx", "ods"]:
        subprocess.run(["soffice", "--headless", "--infilter=CSV:59,34,76,1,1/2/8/2,1036", "--convert-to", fmt,
                        "--outdir", ".", name + ".csv"], check=True, stdout=subprocess.DEVNULL)

EXPORT = {
    "benevoles": """N° bénévole;Nom;Prénom;Téléphone;Date d'inscription;Date de départ;Association;Services proposés
B1;Dupont;Marie;06 11 22 33 44;01/09/2025;;Centre social;Courses, Jardinage
B2;Martin;Paul;07 00 00 00 01;15/01/2026;;AFEV;Écoute
007;Bernard;Luc;;01/02/2026;30/06/2026;AFEV;
""",
    "demandes": """N° demande;Date d'appel;Nom de l'habitant;Téléphone de l'habitant;Type de service;Statut;Association;Bénévole;Mis en relation le;Contacté le;Réalisé le;Durée
D1;03/10/2026 14:05;Mme Hélène Durand;06 12 34 56 78;Courses à domicile;Réalisée;Centre social;B1;03/10/2026 18:00;04/10/2026 09:00;06/10/2026 10:00;1,5
D2;04/10/2026 10:00;Mme Durand;+33 6 12 34 56 78;Jardinage;;AFEV;B2;04/10/2026 12:00;;;
0042;05/10/2026;Jean Valjean;;Écoute;En attente;;;;;;
D4;06/10/2026 09:00;;;Aide administrative;;;007;06/10/2026 09:30;;06/10/2026 15:00;2
""",
    "interventions": """N° demande;Identifiant bénévole;Mis en relation le;Contacté le;Réalisé le;Heures
D1;B2;03/10/2026 19:00;;06/10/2026 11:00;2
D2;B2;;04/10/2026 15:00;;
""",
}

def big_csv(path, n):
    rnd = random.Random(7)
    domains = ["Courses", "Écoute", "Jardinage", "Accompagnement", "Aide administrative"]
    with open(path, "w", encoding="utf-8") as f:
        f.write("N° demande;Date d'appel;Type de service;Durée\n")
        start = datetime.datetime(2026, 1, 1, 8, 0)
        for i in range(n):
            t = start + datetime.timedelta(minutes=37 * i)
            f.write(f"R{i+1:05d};{t:%d/%m/%Y %H:%M};{rnd.choice(domains)};{rnd.choice(['', '1', '1,5', '2'])}\n")

def fusion_ods():
    C = '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>'
    rows = [
        C % "N° demande"
        + '<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>Date d&apos;appel</text:p></table:table-cell>'
        + '<table:covered-table-cell office:value-type="string"><text:p>Statut</text:p></table:covered-table-cell>'
        + C % "Type de service" + '<table:table-cell table:number-columns-repeated="1019"/>',
        C % "D1" + '<table:table-cell office:value-type="date" office:date-value="2026-10-03T14:05:00"><text:p>03/10/2026 14:05</text:p></table:table-cell>'
        + C % "Annulée"
        + '<table:table-cell office:value-type="string"><office:annotation><dc:creator>X</dc:creator><text:p>voir Mme Y</text:p></office:annotation><text:p>Courses<text:s/>à<text:s text:c="1"/>domicile</text:p></table:table-cell>',
    ]
    body = "".join(f"<table:table-row>{r}</table:table-row>" for r in rows)
    body += '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    body += "<table:table-row>" + C % "D2" + C % "pas de date" + '<table:table-cell table:number-columns-repeated="1"/>' \
        + C % "Courses" + "</table:table-row>"
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">'
        '<office:body><office:spreadsheet><table:table table:name="Notes"><table:table-row>' + C % "D9" + '</table:table-row></table:table>'
        '<table:table table:name="demandes">' + body + '</table:table></office:spreadsheet></office:body></office:document-content>')
    z = zipfile.ZipFile("fusion.ods", "w", zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", content)
    z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    z.close()

def damaged_workbooks():
    fusion_ods()
    sh = Shared(); S = lambda t: sh.t(t)
    head = row(1, [cell_s("A1", S("N° demande")), cell_s("B1", S("Date d'appel")), cell_s("C1", S("Type de service"))])
    body = row(2, [cell_s("A2", S("D1")), cell_inline("B2", "03/10/2026 14:05"), cell_s("C2", S("Courses"))])
    build_xlsx("feuille-unique.xlsx", [("Feuil1", "<sheetData>" + head + body + "</sheetData>")], sh.items)
    broken = "<sheetData>" + head + body + '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3"' + "</sheetData>"
    build_xlsx("casse.xlsx", [("demandes", broken)], sh.items)
    z = zipfile.ZipFile("chiffre.ods", "w")
    z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>')
    z.writestr("content.xml", bytes(random.Random(1).getrandbits(8) for _ in range(200)))
    z.close()
    with open("protege.xlsx", "wb") as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))

if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    damaged_workbooks()
    if "--damaged-only" in os.sys.argv: raise SystemExit
    cells_workbook("cells.xlsx", False)
    cells_workbook("cells1904.xlsx", True)
    erreurs_workbook("erreurs.xlsx")
    soffice("ods", "cells.xlsx")
    soffice("ods", "erreurs.xlsx")
    os.makedirs("/tmp/lo-out", exist_ok=True)
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", "/tmp/lo-out", "cells.ods"], check=True,
                   stdout=subprocess.DEVNULL)
    os.replace("/tmp/lo-out/cells.xlsx", "cells-lo.xlsx")
    for name, text in EXPORT.items():
        with open(name + ".csv", "w", encoding="utf-8") as f: f.write(text)
        convert_csv(name)
    big_csv("/tmp/demandes-10000.csv", 10000)
    for fmt in ["xlsx", "ods"]:
        subprocess.run(["soffice", "--headless", "--infilter=CSV:59,34,76,1,1/2,1036", "--convert-to", fmt,
                        "--outdir", ".", "/tmp/demandes-10000.csv"], check=True, stdout=subprocess.DEVNULL)
