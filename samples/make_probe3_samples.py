#!/usr/bin/env python3
"""Generate the probe-3 plans: seven plans whose forms the third probe of unseen plans found misread.

    python samples/make_probe3_samples.py   (needs python-docx, openpyxl, LibreOffice and pdftotext)

amur_2021 (header over three rows) and yaroslavl_2020 (rotated Roman month headers; also XLSX) as PDF,
kurgan_2019 as PDF and its ``pdftotext -layout`` text, pskov_2022 (compact columns export, CP1251) and
karelia_2023 (numbered list, UTF-8 BOM) as text, orenburg_2026 as DOCX, hmao_2018 (an annexed second plan) as
ODT.  What is printed is in ``make_probe3_plans.py``, checked against ``golden/plans/<plan>.csv`` first.
Deterministic (pinned as in ``make_office_samples.py``; pdftotext text as poppler 22.12 writes it); does not
import planparse.  Writes ``samples/`` and ``manifest.probe3.json``."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_probe3_plans as plans  # noqa: E402
from make_office_samples import FIXED_TIME, normalize_zip, soffice_convert  # noqa: E402
from make_samples import HERE, write_manifest  # noqa: E402

MANIFEST: list[dict] = []
ROMAN = "I II III IV V VI VII VIII IX X XI XII".split()
VIA = "Converted by LibreOffice (soffice --convert-to) from"


def entry(plan: str, file: str, variant: str, text: str, **extra) -> None:
    MANIFEST.append({"file": file, "plan": plan, "variant": variant, "kind": "clean", "description": text, **extra})


# ---------------------------------------------------------------- DOCX helpers (Letter paper, Times New Roman)


def new_doc(*, landscape: bool = False, font: int = 11) -> Document:
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = "planparse samples"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(font)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    section = doc.sections[0]
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(1.5)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    return doc


def para(doc, text: str, align: str | None = None, bold: bool = False, size: int | None = None):
    p = doc.add_paragraph()
    run = p.add_run(text)  # "\n" becomes a line break
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    p.alignment = {"c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}.get(align)
    return p


def blanks(doc, count: int) -> None:
    for _ in range(count):
        para(doc, "")


def set_text(cell, text: str, bold: bool = False, size: int | None = None, align: str | None = None) -> None:
    """One paragraph per line of ``text``."""
    cell.text = ""
    p = cell.paragraphs[0]
    for k, line in enumerate(text.split("\n")):
        if k:
            p = cell.add_paragraph()
        run = p.add_run(line)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align == "c":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def cell_flag(cell_or_row, tag: str, value: str) -> None:
    parent = cell_or_row._tc.get_or_add_tcPr() if hasattr(cell_or_row, "_tc") else cell_or_row._tr.get_or_add_trPr()
    parent.append(el := OxmlElement(tag))
    el.set(qn("w:val"), value)


def widths(table, cms: list[float]) -> None:
    """Column widths in the grid too, so LibreOffice honours them."""
    table.autofit = False
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), cms, strict=False):
        col.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, cms, strict=False):
            cell.width = Cm(w)


def save(doc, path: Path) -> Path:
    doc.save(buf := io.BytesIO())
    path.write_bytes(normalize_zip(buf.getvalue()))
    return path


def grid_table(doc, header: list[str], size: int | None = None):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        set_text(cell, text, bold=True, size=size)
    return table


def section_row(table, text: str) -> None:
    set_text((cells := table.add_row().cells)[0].merge(cells[-1]), text, bold=True)


# ---------------------------------------------------------------- the DOCX forms


def amur_docx(path: Path) -> Path:
    doc = new_doc(font=12)
    para(doc, "Приложение\nк решению Совета представительных органов\nмуниципальных образований Амурской области\n"
         "от 15.12.2020 № 4/2", align="r", size=11)
    para(doc, "ПЛАН\nработы Совета представительных органов муниципальных образований\nАмурской области на 2021 год",
         align="c", bold=True)
    t = doc.add_table(rows=3, cols=8)
    t.style = "Table Grid"
    h0, h1, h2 = (r.cells for r in t.rows)
    set_text(h0[0].merge(h2[0]), "№\nп/п", bold=True)
    set_text(h0[1].merge(h2[1]), "Наименование мероприятия", bold=True)
    set_text(h0[2].merge(h0[5]), "Срок проведения", bold=True)
    set_text(h1[2].merge(h1[3]), "I полугодие", bold=True)
    set_text(h1[4].merge(h1[5]), "II полугодие", bold=True)
    for k, q in enumerate(["I кв.", "II кв.", "III кв.", "IV кв."]):
        set_text(h2[2 + k], q, bold=True)
    set_text(h0[6].merge(h2[6]), "Отметка о выполнении", bold=True, size=9)  # left empty, as real plans do
    set_text(h0[7].merge(h2[7]), "Ответственные", bold=True)
    for row in t.rows[:3]:
        cell_flag(row, "w:tblHeader", "true")  # repeated on every page
    for sec_no, sec_title, items in plans.AMUR:
        section_row(t, f"{sec_no}. {sec_title}")
        for it in items:
            c = t.add_row().cells
            set_text(c[0], f"{it.no}.")
            set_text(c[1], it.title)
            for q1, q2, mark in it.marks:
                set_text(c[1 + q1] if q1 == q2 else c[1 + q1].merge(c[1 + q2]), mark, align="c")
            set_text(c[7], it.resp)
    widths(t, [1.2, 6.6, 1.3, 1.3, 1.3, 1.3, 1.6, 3.6])
    para(doc, "")
    para(doc, "Председатель Совета" + " " * 51 + "Т.А. Кузнецова")
    return save(doc, path)


YAROSLAVL_TITLE = "ПЛАН РАБОТЫ\nСовета муниципальных образований Ярославской области\nна 2020 год"


def yaroslavl_docx(path: Path) -> Path:
    doc = new_doc(landscape=True, font=11)
    para(doc, YAROSLAVL_TITLE, align="c", bold=True)
    t = grid_table(doc, ["№", "Мероприятие", *ROMAN, "Ответственный"])
    for cell in t.rows[0].cells[2:14]:
        cell_flag(cell, "w:textDirection", "btLr")  # month numbers written bottom to top
    t.rows[0].height = Cm(1.2)
    for _, sec_title, items in plans.YAROSLAVL:
        section_row(t, sec_title)
        for it in items:
            c = t.add_row().cells
            set_text(c[0], it.no)
            set_text(c[1], it.title)
            set_text(c[14], it.resp)
            for month, mark in it.marks:
                if month == "all":
                    set_text(c[2].merge(c[13]), mark, align="c")
                else:
                    set_text(c[1 + month], mark, align="c", size=9 if len(mark) > 2 else None)
    widths(t, [0.9, 9.0] + [1.0] * 12 + [5.0])
    para(doc, "")
    para(doc, "Исполнительный директор" + " " * 52 + "Н.С. Корнилова")
    return save(doc, path)


def yaroslavl_xlsx(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.creator, wb.properties.created = "planparse samples", FIXED_TIME
    ws = wb.active
    ws.title, ws["A1"] = "План 2020", YAROSLAVL_TITLE.replace("\n", " ")
    ws.merge_cells("A1:O1")
    ws["A1"].font = Font(bold=True)
    ws.append([])
    ws.append(["№", "Мероприятие", *ROMAN, "Ответственный"])
    for col in range(3, 15):
        ws.cell(3, col).alignment = Alignment(text_rotation=90)
    for _, sec_title, items in plans.YAROSLAVL:
        ws.append([sec_title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=15)
        for it in items:
            values = [int(it.no), it.title] + [None] * 12 + [it.resp]
            for month, mark in it.marks:
                values[2 if month == "all" else 1 + month] = mark
            ws.append(values)
            if any(month == "all" for month, _ in it.marks):
                ws.merge_cells(start_row=ws.max_row, start_column=3, end_row=ws.max_row, end_column=14)
    wb.save(buf := io.BytesIO())

    def pinned(name: str, blob: bytes) -> bytes:  # openpyxl stamps the save time
        if name == "docProps/core.xml":
            blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", blob)
        return blob

    path.write_bytes(normalize_zip(buf.getvalue(), pinned))
    return path


def kurgan_docx(path: Path) -> Path:
    doc = new_doc(landscape=True, font=11)
    para(doc, "УТВЕРЖДЁН\nрешением Правления Ассоциации\nот 20 декабря 2018 г. № 7", align="r")
    para(doc, "ПЛАН РАБОТЫ\nАссоциации «Совет муниципальных образований Курганской области»\nна 2019 год", align="c",
         bold=True)
    months = ["янв.", "фев.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."]
    t = grid_table(doc, ["№ п/п", "Наименование мероприятия", *months, "Ответственный"], size=10)
    for sec_no, sec_title, items in plans.KURGAN:
        section_row(t, f"{sec_no}. {sec_title}")
        for it in items:
            c = t.add_row().cells
            set_text(c[0], f"{it.no}.")
            set_text(c[1], it.title)
            for month, mark in it.marks:
                set_text(c[1 + month], mark, align="c")
            set_text(c[14], it.resp)
    widths(t, [1.0, 8.5] + [1.05] * 12 + [4.6])
    para(doc, "")
    para(doc, "Исполнительный директор Ассоциации" + " " * 44 + "В.А. Ершов")
    return save(doc, path)


def orenburg_docx(path: Path) -> Path:
    doc = new_doc(font=13)
    para(doc, "АССОЦИАЦИЯ\n«СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ ОРЕНБУРГСКОЙ ОБЛАСТИ»", align="c", bold=True)
    blanks(doc, 3)
    para(doc, "УТВЕРЖДЕН\nрешением Правления Ассоциации\n«Совет муниципальных образований\nОренбургской области»\n"
         "(протокол от 18.12.2025 № 6)", align="r")
    blanks(doc, 6)
    para(doc, "ПЛАН РАБОТЫ\nна 2026 год", align="c", bold=True, size=18)
    blanks(doc, 12)
    para(doc, "г. Оренбург\n2025", align="c").runs[-1].add_break(WD_BREAK.PAGE)
    t = grid_table(doc, ["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные исполнители"])
    for cell, text in zip(t.add_row().cells, "1234", strict=True):  # the column-numbering row
        set_text(cell, text, align="c")
    for sec_no, sec_title, items in plans.ORENBURG:
        r = t.add_row().cells
        set_text(r[0], sec_no, bold=True)  # Roman numeral in the № column, the title merged over the rest
        set_text(r[1].merge(r[3]), sec_title, bold=True)
        cells = []
        for it in items:
            c = t.add_row().cells
            cells.append(c)
            set_text(c[0], f"{it.no}.")
            set_text(c[1], it.title + (":" if it.group or it.no == "4" else ""))
            if it.no == "4":  # a nested table of zones inside the title cell
                nested = c[1].add_table(rows=0, cols=2)
                nested.style = "Table Grid"
                for zone, month in plans.ORENBURG_ZONES:
                    z = nested.add_row().cells
                    set_text(z[0], zone)
                    set_text(z[1], month)
            set_text(c[2], it.timing)
        k = 0
        while k < len(items):  # runs of the same party: one vertically merged cell
            j = k
            while j + 1 < len(items) and items[k].resp and items[j + 1].resp == items[k].resp:
                j += 1
            set_text(cells[k][3].merge(cells[j][3]) if j > k else cells[k][3], items[k].resp)
            k = j + 1
    widths(t, [1.3, 8.0, 3.6, 4.6])
    para(doc, "")
    para(doc, "Исполнительный директор Ассоциации" + " " * 34 + "С.К. Богданов")
    return save(doc, path)


def hmao_docx(path: Path) -> Path:
    doc = new_doc(font=12)

    def table(spec, header: list[str]) -> None:
        t = grid_table(doc, header)
        for sec_no, sec_title, items in spec:
            if sec_title:
                section_row(t, f"{sec_no}. {sec_title}")
            for it in items:
                for cell, text in zip(t.add_row().cells, [f"{it.no}.", it.title, it.timing, it.resp], strict=True):
                    set_text(cell, text)
        widths(t, [1.3, 8.5, 3.2, 5.0])

    para(doc, "УТВЕРЖДЕН\nрешением Президиума Совета\nот 22.12.2017 № 15", align="r")
    para(doc, "ПЛАН РАБОТЫ\nСовета муниципальных образований Ханты-Мансийского автономного округа – Югры\nна 2018 год",
         align="c", bold=True)
    table(plans.HMAO_COUNCIL, ["№ п/п", "Мероприятие", "Срок", "Ответственный"])
    para(doc, "")
    para(doc, "Приложение\nк плану работы Совета муниципальных образований\nна 2018 год", align="r")
    para(doc, "ПЛАН РАБОТЫ\nМолодёжной палаты при Совете муниципальных образований\nХанты-Мансийского автономного "
         "округа – Югры на 2018 год", align="c", bold=True)
    table(plans.HMAO_YOUTH, ["№ п/п", "Наименование мероприятия", "Дата проведения", "Ответственные"])
    return save(doc, path)


# ---------------------------------------------------------------- main


def make_converted(tmp: Path) -> None:
    """Source DOCX in ``tmp`` (not bundled) -> PDF / ODT in samples/; the Kurgan PDF also as pdftotext text."""
    pdfs = [amur_docx(tmp / "amur_2021.docx"), yaroslavl_docx(tmp / "yaroslavl_2020.docx"),
            kurgan_docx(tmp / "kurgan_2019.docx")]
    soffice_convert(pdfs, "pdf")
    soffice_convert([hmao_docx(tmp / "hmao_2018.docx")], "odt")
    layout = subprocess.run(["pdftotext", "-layout", str(HERE / "kurgan_2019.pdf"), "-"], check=True,
                            capture_output=True).stdout
    (HERE / "kurgan_2019.layout.txt").write_bytes(layout)
    entry("amur_2021", "amur_2021.pdf", "pdf",
          f"{VIA} a DOCX built with python-docx (3 pages, portrait): approval block, title, a ruled table whose header "
          "spans three rows ('№ п/п', 'Наименование мероприятия', 'Отметка о выполнении' and 'Ответственные' merged "
          "down; 'Срок проведения' over 'I полугодие' | 'II полугодие', each over two of 'I кв.' … 'IV кв.'), "
          "repeated on every page; section rows '1. …' merged across; '+' marks, merged half-year marks (2.1, 2.3), "
          "'постоянно' merged over the four quarters (2.2, 4.1), 'апрель' in the II quarter cell (3.2); the empty "
          "'Отметка о выполнении' column; cell lines wrapped after initials ('… Совета Ю.П.' / 'Ермаков').")
    entry("yaroslavl_2020", "yaroslavl_2020.pdf", "pdf",
          f"{VIA} a DOCX built with python-docx (landscape): a ruled grid '№ | Мероприятие | I … XII | Ответственный' "
          "whose Roman month headers are rotated (written bottom to top), unnumbered section rows merged across, "
          "marks '✓', '+', 'V', text in mark cells ('2 раза' under III and IX, '21.04' under IV), 'в течение года' "
          "and 'по мере поступления заявлений' merged over the twelve months; a party wrapped after initials "
          "('… ЯрГУ им. П.Г.' / 'Демидова').")
    entry("kurgan_2019", "kurgan_2019.pdf", "pdf",
          f"{VIA} a DOCX built with python-docx (2 pages, landscape): approval block, a ruled 12-month grid with "
          "abbreviated month headers ('янв.', 'сент.', 'нояб.'; 'июнь'/'июль' broken inside the word by the narrow "
          "column), marks '+', 'х', 'V', Roman section rows merged across, parties wrapped in a narrow column.")
    entry("kurgan_2019", "kurgan_2019.layout.txt", "layout",
          "`pdftotext -layout` (poppler 22.12) of kurgan_2019.pdf: two pages split by a form feed; page 2 is laid "
          "on another character grid than page 1 (its columns stand left of the header's, the months compressed "
          "unevenly) and repeats no header; parties wrapped in their column ('Юрисконсульт' / 'Ассоциации', "
          "'Исполнительная' / 'дирекция, палаты' / 'Ассоциации').")
    entry("hmao_2018", "hmao_2018.odt", "odt",
          f"{VIA} a DOCX built with python-docx: two plans in one file: the Council's plan (approval block, title, "
          "table '№ п/п | Мероприятие | Срок | Ответственный', sections '1. …' merged across, items '1.1.' … '2.4.') "
          "and, annexed ('Приложение к плану работы …'), its Youth Chamber's plan with a title and table of its own "
          "whose numbers restart at '1.' … '6.' without sections: no item of the second plan heads the first "
          "plan's '1.1', '2.1'.")


def main() -> None:
    MANIFEST.clear()
    for plan in plans.SPECS:
        plans.check_truth(plan)
    (HERE / "pskov_2022.cp1251.txt").write_bytes(plans.pskov_text().encode("cp1251"))
    entry("pskov_2022", "pskov_2022.cp1251.txt", "cp1251",
          "A 'columns' export (Windows-1251, CRLF, a space at every line end): the organisation printed above the "
          "bare title 'ПЛАН МЕРОПРИЯТИЙ на 2022 год', header line 'Наименование мероприятия Сроки Исполнители', "
          "numbered section headings '1. …'; per section the '– ' bulleted titles wrapped at 42, then the timings one "
          "per line, then the parties wrapped at 30, a party shared by consecutive items printed once; compact: no "
          "blank filler lines align the columns.", encoding="cp1251")
    (HERE / "karelia_2023.bom.txt").write_bytes(plans.karelia_text().encode("utf-8"))
    entry("karelia_2023", "karelia_2023.bom.txt", "bom",
          "A numbered list in UTF-8 with a byte-order mark: approval block, 'Раздел N. …' headings, items "
          "'1.1. <title> (<timing>; <parties>).' wrapped at 96 with hanging indents, the group '1.3. …:' with "
          "sub-items '1.3.1.', the lead-in '2.2. …:' with '–' bulleted items under it, '•' bullets in section 4, "
          "parties typed in lower case or abbreviated ('ИД', 'ИД, СМО', 'ИД совместно с …').")
    with tempfile.TemporaryDirectory(prefix="make-probe3-") as tmp:
        orenburg = orenburg_docx(HERE / "orenburg_2026.docx")
        make_converted(Path(tmp))
    entry("orenburg_2026", orenburg.name, "docx",
          "Built with python-docx: a title page (the organisation in capitals, 'УТВЕРЖДЕН решением Правления "
          "Ассоциации … (протокол от 18.12.2025 № 6)' below it, the bare title 'ПЛАН РАБОТЫ на 2026 год', 'г. Оренбург "
          "2025'), then on page 2 a table '№ п/п | Наименование мероприятия | Срок исполнения | Ответственные "
          "исполнители' with a column-numbering row '1 | 2 | 3 | 4', Roman numerals in the № column of section rows, "
          "runs of the same party in vertically merged cells, the group '5. …:' with '5.1.' … '5.3.', and a nested "
          "table of zones and months in the title cell of item 4.")
    yaroslavl_xlsx(HERE / "yaroslavl_2020.xlsx")
    entry("yaroslavl_2020", "yaroslavl_2020.xlsx", "xlsx",
          "The same grid as an openpyxl workbook: the title merged over A1:O1, the header in row 3 with the Roman "
          "months rotated 90°, section rows merged across, item numbers as numbers, the text timings in one cell "
          "merged over the twelve month columns.")
    order = {plan: k for k, plan in enumerate(plans.SPECS)}
    MANIFEST.sort(key=lambda e: order[e["plan"]])  # stable: per plan, in the order made
    write_manifest("manifest.probe3.json", MANIFEST)


if __name__ == "__main__":
    main()
