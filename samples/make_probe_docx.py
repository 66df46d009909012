#!/usr/bin/env python3
"""DOCX forms of the probe plans; run ``make_probe_samples.py``, which calls these and converts to PDF.

* ``pskov_2025``     - a list whose numbers are Word's automatic numbering: items in the "List Number"
  style (the numbers are not in the text and run on across the sections), lettered sub-items "а)", "б)"
  from a list definition of their own, section headings in "Heading 2";
* ``yaroslavl_2024`` - a quarter grid with a header over two rows ("Срок проведения" merged over
  "I кв." … "IV кв."), the responsible column before the quarters, marks "+", "х" and "V";
* ``tambov_2023``    - a 12-month grid with columns so narrow that LibreOffice breaks the month labels
  inside the words in the PDF ("ян|в.", "VII|I"): month abbreviations + "В течение года" column, and a
  second form with Roman month numbers, the responsible column before the months and "х" marks.

Printed details (timings, marks, how parties are typed) are kept here per item number; titles,
numbers, sections and parties come from the truth (``golden/plans/<plan>.csv``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_samples import bordered_table, merged_row, new_document, save_docx, set_cell_lines  # noqa: E402
from make_samples import is_true, months_of, read_truth, sections  # noqa: E402

PSKOV, YAROSLAVL, TAMBOV = "pskov_2025", "yaroslavl_2024", "tambov_2023"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

TITLE_LINES = {
    PSKOV: ("ПЛАН", "работы Собрания депутатов Порховского муниципального округа", "Псковской области на 2025 год"),
    YAROSLAVL: ("План мероприятий", "Ассоциации муниципальных образований Ярославской области на 2024 год"),
    TAMBOV: ("План работы", "Ассоциации «Совет муниципальных образований Тамбовской области»", "на 2023 год"),
}
APPROVAL = {
    PSKOV: ("Приложение", "к решению Собрания депутатов", "Порховского муниципального округа", "от 18.12.2024 № 112"),
    YAROSLAVL: ("Приложение к решению Совета Ассоциации", "от 14.12.2023 № 9"),
}


def truth(plan: str) -> list[dict[str, str]]:
    rows = read_truth(plan)
    assert " ".join(TITLE_LINES[plan]) == rows[0]["doc_title"], plan
    return rows


def parties(row: dict[str, str]) -> list[str]:
    return [p for p in row["responsible"].split("; ") if p]


def lower_first(text: str) -> str:
    """A party typed in lower case, as inside a sentence ("постоянная комиссия …"); abbreviations stay."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def typed_parties(row: dict[str, str], sep: str, lowered: frozenset[int] | set[int] = frozenset()) -> str:
    return sep.join(lower_first(p) if k in lowered else p for k, p in enumerate(parties(row)))


def title_block(doc, plan: str) -> None:
    for text in APPROVAL.get(plan, ()):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(text)
    if plan in APPROVAL:
        doc.add_paragraph("")
    for text in TITLE_LINES[plan]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = True
    doc.add_paragraph("")


def put(cell, text: str, width: float, *, bold: bool = False, center: bool = False, size: float | None = None) -> None:
    """Cell text, one paragraph per "\n"-separated part."""
    cell.width = Cm(width)
    set_cell_lines(cell, text.split("\n"), bold=bold, size=size)
    if center:
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


# ---------------------------------------------------------------- pskov_2025: automatic list numbering

PSKOV_TIMINGS = {
    "1": "март", "2": "май", "3": "по мере необходимости", "4": "август", "5": "декабрь",
    "6": "ежеквартально", "7": "в течение года", "8": "февраль", "9.а": "II квартал", "9.б": "август",
    "10": "III квартал", "11": "ежемесячно", "12": "по графику", "13": "ноябрь", "14": "апрель", "15": "декабрь",
}
# Parties typed in lower case inside the sentence (index in the item's parties).
PSKOV_LOWER = {"5": {1}, "6": {0}, "7": {0}, "9.а": {0}, "9.б": {0}, "11": {0}, "12": {0}, "13": {1}}
LETTER_NUM_ID = 40  # our own list definition for the lettered sub-items

LETTER_LIST = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{LETTER_NUM_ID}">
  <w:multiLevelType w:val="singleLevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="russianLower"/><w:lvlText w:val="%1)"/>
    <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1077" w:hanging="357"/></w:pPr></w:lvl>
</w:abstractNum>"""
LETTER_NUM = f'<w:num xmlns:w="{W_NS}" w:numId="{LETTER_NUM_ID}"><w:abstractNumId w:val="{LETTER_NUM_ID}"/></w:num>'


def add_letter_list(doc) -> None:
    """Register the "а)" list: abstractNum before the first num (schema order), num at the end."""
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    first_num.addprevious(parse_xml(LETTER_LIST))
    numbering.append(parse_xml(LETTER_NUM))


def number_with(paragraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def make_pskov_docx() -> dict:
    rows = truth(PSKOV)
    assert set(PSKOV_TIMINGS) == {r["item_no"] for r in rows if not is_true(r["is_group"])}
    top = [r["item_no"] for r in rows if not r["parent_no"]]
    assert top == [str(k) for k in range(1, len(top) + 1)], "List Number counts 1, 2, 3 … across the sections"
    doc = new_document(rows[0]["doc_title"], landscape=False)
    add_letter_list(doc)
    title_block(doc, PSKOV)
    for _, sec_title, items in sections(rows):
        doc.add_heading(sec_title, level=2)
        for row in items:
            no = row["item_no"]
            if is_true(row["is_group"]):
                text = f"{row['title']}:"
            else:
                resp = typed_parties(row, ", ", PSKOV_LOWER.get(no, set()))
                text = f"{row['title']} – {PSKOV_TIMINGS[no]} – {resp}"
            if row["parent_no"]:
                assert no.split(".")[-1] in "абвгд", no
                number_with(doc.add_paragraph(text), LETTER_NUM_ID)
            else:
                doc.add_paragraph(text, style="List Number")
    save_docx(doc, f"{PSKOV}.docx")
    return {"file": f"{PSKOV}.docx", "variant": "docx", "description": (
        "Built from the truth with python-docx: approval block right-aligned, centered title 'ПЛАН / работы "
        "Собрания депутатов …', unnumbered section headings in the 'Heading 2' style, every item a paragraph "
        "in the 'List Number' style whose number is Word's automatic numbering (not in the text; it runs on "
        "1 … 15 across the sections), printed '<title> – <timing> – <responsible>' (parties joined by ', ', "
        "some typed in lower case); the group item 9 ends in ':' and its sub-items are numbered 'а)', 'б)' by "
        "a lettered list definition of their own (direct numPr).")}


# ---------------------------------------------------------------- yaroslavl_2024: two-row header, quarters

QUARTER_LABELS = ("I кв.", "II кв.", "III кв.", "IV кв.")
QUARTER_MONTHS = ({1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12})
YAROSLAVL_MARK = {"14": "х", "19": "х", "20": "V"}  # default "+"
YAROSLAVL_SPAN = {"9": "в течение года", "15": "по мере необходимости"}  # one cell merged over the quarters
YAROSLAVL_SEP = {"6": ";\n", "15": ",\n"}  # default ", "; "\n" = a new paragraph in the cell
YAROSLAVL_LOWER = {"2": {1}, "15": {1}}
YAROSLAVL_WIDTHS = [1.2, 9.4, 6.6, 2.2, 2.2, 2.2, 2.2]


def quarters(row: dict[str, str]) -> list[bool]:
    ms = months_of(row)
    marks = [q <= ms for q in QUARTER_MONTHS]
    assert set().union(*(q for q, m in zip(QUARTER_MONTHS, marks, strict=True) if m)) == ms, row["item_no"]
    return marks


def make_yaroslavl_docx() -> dict:
    rows = truth(YAROSLAVL)
    w = YAROSLAVL_WIDTHS
    doc = new_document(rows[0]["doc_title"], landscape=True)
    title_block(doc, YAROSLAVL)
    table = bordered_table(doc, w)
    top, sub = table.add_row().cells, table.add_row().cells
    for k, text in enumerate(["№ п/п", "Наименование мероприятия", "Ответственные исполнители"]):
        put(top[k].merge(sub[k]), text, w[k], bold=True, center=True)
    put(top[3].merge(top[6]), "Срок проведения", sum(w[3:]), bold=True, center=True)
    for k, text in enumerate(QUARTER_LABELS):
        put(sub[3 + k], text, w[3 + k], bold=True, center=True)
    for sec_no, sec_title, items in sections(rows):
        merged_row(table, f"Раздел {sec_no}. {sec_title}", w)
        table.rows[-1].cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in items:
            no, cells = row["item_no"], table.add_row().cells
            put(cells[0], no if "." in no else f"{no}.", w[0])
            if is_true(row["is_group"]):
                put(cells[1], f"{row['title']}:", w[1])
                continue
            put(cells[1], row["title"], w[1])
            put(cells[2], typed_parties(row, YAROSLAVL_SEP.get(no, ", "), YAROSLAVL_LOWER.get(no, set())), w[2])
            if no in YAROSLAVL_SPAN:
                assert not months_of(row), no
                put(cells[3].merge(cells[6]), YAROSLAVL_SPAN[no], sum(w[3:]), center=True)
                continue
            for k, marked in enumerate(quarters(row)):
                put(cells[3 + k], YAROSLAVL_MARK.get(no, "+") if marked else "", w[3 + k], center=True)
    save_docx(doc, f"{YAROSLAVL}.docx")
    return {"file": f"{YAROSLAVL}.docx", "variant": "docx", "description": (
        "Built from the truth with python-docx: landscape, approval lines, a bordered table whose header spans "
        "two rows: '№ п/п | Наименование мероприятия | Ответственные исполнители' merged vertically over both "
        "rows, 'Срок проведения' merged across four columns over 'I кв. | II кв. | III кв. | IV кв.'; the "
        "responsible column comes before the quarters; section rows 'Раздел I. …' merged across all 7 columns "
        "and centered; marks '+', 'х' (items 14, 19) and 'V' (item 20); 'в течение года' / 'по мере "
        "необходимости' in one cell merged across the four quarters; parties joined by ', ' or split over "
        "paragraphs after ';' / ','; group item 5 ends in ':' with sub-items '5.1' … '5.3'.")}


# ---------------------------------------------------------------- tambov_2023: narrow 12-month grids

MONTH_ABBR = ("янв.", "фев.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек.")
MONTH_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
TAMBOV_SEP = {"9": "; "}
NARROW = 0.95  # cm: a month column too narrow for "нояб." or "VIII" in 10 pt bold


def grid_table(doc, widths: list[float], header: list[str]):
    table = bordered_table(doc, widths)
    cells = table.add_row().cells
    for cell, text, width in zip(cells, header, widths, strict=True):
        put(cell, text, width, bold=True, center=True, size=10)
    return table


def make_tambov_docx(roman: bool) -> dict:
    """Month abbreviations + "В течение года" + responsible last ('+'), or Roman months after responsible ('х')."""
    rows = truth(TAMBOV)
    if roman:
        w = [1.0, 9.0, 5.0, *[NARROW] * 12]
        header = ["№", "Наименование мероприятия", "Ответственный", *MONTH_ROMAN]
        m0, resp_at, mark = 3, 2, "х"
    else:
        w = [1.0, 8.0, *[NARROW] * 12, 1.6, 4.5]
        header = ["№ п/п", "Наименование мероприятия", *MONTH_ABBR, "В течение года", "Ответственные"]
        m0, resp_at, mark = 2, 15, "+"
    doc = new_document(rows[0]["doc_title"], landscape=True)
    doc.sections[0].left_margin = doc.sections[0].right_margin = Cm(1.2)
    title_block(doc, TAMBOV)
    table = grid_table(doc, w, header)
    for sec_no, sec_title, items in sections(rows):
        merged_row(table, f"{sec_no}. {sec_title}", w)
        for row in items:
            no, cells = row["item_no"], table.add_row().cells
            put(cells[0], no if "." in no else f"{no}.", w[0], size=10)
            put(cells[1], f"{row['title']}:" if is_true(row["is_group"]) else row["title"], w[1], size=10)
            if is_true(row["is_group"]):
                continue
            put(cells[resp_at], typed_parties(row, TAMBOV_SEP.get(no, ", ")), w[resp_at], size=10)
            if is_true(row["all_year"]):
                assert not months_of(row), no
                if roman:
                    put(cells[m0].merge(cells[m0 + 11]), "в течение года", NARROW * 12, center=True, size=10)
                else:
                    put(cells[14], mark, w[14], center=True, size=10)
                continue
            for month in months_of(row):
                put(cells[m0 + month - 1], mark, NARROW, center=True, size=10)
    name = f"{TAMBOV}.roman.docx" if roman else f"{TAMBOV}.docx"
    save_docx(doc, name)
    if roman:
        what = ("'№ | Наименование мероприятия | Ответственный | I … XII' (Roman month numbers; responsible before "
                "the months), 'х' marks, 'в течение года' in one cell merged across the 12 month columns")
    else:
        what = ("'№ п/п | Наименование мероприятия | янв. … дек. | В течение года | Ответственные' (month "
                "abbreviations as typed: 'март', 'сент.', 'нояб.'), '+' marks, '+' in the year column")
    return {"file": name, "variant": "roman-docx" if roman else "docx", "description": (
        f"Built from the truth with python-docx: landscape, centered title, one bordered table {what}; month "
        f"columns {NARROW} cm wide with a 10 pt bold header; section rows 'I. …' merged across the table; "
        "group item 6 ends in ':' with sub-items '6.1' … '6.3'.")}


def check_printed() -> None:
    """The printed details name items of the truth; a party on a paragraph of its own is capitalised."""
    assert set(PSKOV_LOWER) <= set(PSKOV_TIMINGS)
    numbers = {r["item_no"] for r in truth(YAROSLAVL)}
    for extra in (YAROSLAVL_MARK, YAROSLAVL_SPAN, YAROSLAVL_SEP, YAROSLAVL_LOWER):
        assert set(extra) <= numbers
    for row in truth(YAROSLAVL):
        if YAROSLAVL_SEP.get(row["item_no"], "").endswith("\n") and row["item_no"] not in YAROSLAVL_LOWER:
            assert all(p[:1].isupper() for p in parties(row)), row["item_no"]

