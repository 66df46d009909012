#!/usr/bin/env python3
"""Generate the probe plans: five plans in forms the other samples do not have.

    python samples/make_probe_samples.py          (needs python-docx and LibreOffice)

Each plan's reviewed truth is ``golden/plans/<plan>.csv`` and serves every form of it:

* ``pskov_2025``     - DOCX list numbered by Word's automatic numbering ("List Number", lettered
  sub-items), and its PDF (``make_probe_docx.py``);
* ``yaroslavl_2024`` - quarter grid with a header over two rows, DOCX and PDF (``make_probe_docx.py``);
* ``tambov_2023``    - 12-month grids with narrow month columns, DOCX and PDF, month abbreviations
  or Roman month numbers (``make_probe_docx.py``);
* ``mordovia_2026``  - a web page: the HTML as saved from the site (colspan section rows, ``<br>`` in
  cells, site navigation around the table) and the table copied from it as pipe text;
* ``orenburg_2022``  - a plain-text web export of a numbered list: "1)" / "5.1)" numbers, the timing
  in parentheses, "Отв.:" labels, "Раздел 1." sections, site furniture above and below.

Titles, numbers, sections and parties come from the truth; what is printed (timings as typed, how
parties are joined) is kept here and in ``make_probe_docx.py`` per item number.  Deterministic:
DOCX and PDF pinned as in ``make_office_samples.py``; does not import planparse.  Writes the files
into ``samples/`` and lists them in ``manifest.probe.json``.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_samples import soffice_convert  # noqa: E402
from make_probe_docx import (  # noqa: E402
    PSKOV,
    TAMBOV,
    YAROSLAVL,
    check_printed,
    lower_first,
    make_pskov_docx,
    make_tambov_docx,
    make_yaroslavl_docx,
    parties,
    typed_parties,
)
from make_samples import HERE, is_true, read_truth, sections, write_manifest  # noqa: E402

MORDOVIA, ORENBURG = "mordovia_2026", "orenburg_2022"
PLANS = (PSKOV, YAROSLAVL, TAMBOV, MORDOVIA, ORENBURG)
MANIFEST: list[dict] = []


def entry(plan: str, file: str, variant: str, description: str, kind: str = "clean") -> None:
    MANIFEST.append({"file": file, "plan": plan, "variant": variant, "kind": kind, "description": description})


def write_text(file: str, text: str) -> None:
    (HERE / file).write_bytes(text.encode("utf-8"))


# ---------------------------------------------------------------- mordovia_2026: a web page

MORDOVIA_TITLE = "План работы Совета муниципальных образований Республики Мордовия на 2026 год"
MORDOVIA_TIMINGS = {
    "1.1": "1 раз в квартал", "1.2": "2-й квартал", "1.3": "до 01.04.2026", "1.4": "15.02.2026",
    "1.5": "в течение 2026 года", "1.6": "4 квартал 2026 г.", "2.1": "по мере изменения законодательства",
    "2.2": "постоянно", "2.3": "март-апрель, октябрь-ноябрь", "2.4": "в 3 квартале", "2.5": "май-июнь",
    "3.1": "февраль - май", "3.2": "21 апреля", "3.3": "июнь – сентябрь", "3.4": "по отдельному графику",
    "4.1": "еженедельно", "4.2": "ежемесячно", "4.3": "декабрь",
}
MORDOVIA_SEP = {"1.1": "<br>", "2.2": ";<br>"}  # default ", "
MORDOVIA_LOWER = {"2.2": {1}}
MORDOVIA_HEADER = ("№ п/п", "Наименование мероприятий", "Сроки исполнения", "Исполнители")


def mordovia_rows() -> list[tuple[str, ...]]:
    """The table as typed: ("section", "1.", title) or (number, title, timing, parties with <br>)."""
    rows = read_truth(MORDOVIA)
    assert rows[0]["doc_title"] == MORDOVIA_TITLE
    assert set(MORDOVIA_TIMINGS) == {r["item_no"] for r in rows}
    out: list[tuple[str, ...]] = []
    for sec_no, sec_title, items in sections(rows):
        out.append(("section", f"{sec_no}.", sec_title))
        for row in items:
            no = row["item_no"]
            resp = typed_parties(row, MORDOVIA_SEP.get(no, ", "), MORDOVIA_LOWER.get(no, set()))
            out.append((f"{no}.", row["title"], MORDOVIA_TIMINGS[no], resp))
    return out


def esc(text: str) -> str:
    """HTML-escape cell text but keep the <br> line breaks typed into it."""
    return "<br>".join(html.escape(part, quote=False) for part in text.split("<br>"))


def mordovia_html() -> str:
    body = []
    for row in mordovia_rows():
        if row[0] == "section":
            body.append(f'<tr><td colspan="4" style="text-align:center"><b>{row[1]} {esc(row[2])}</b></td></tr>')
        else:
            body.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in MORDOVIA_HEADER)
    lines = [
        "<!DOCTYPE html>",
        '<html lang="ru"><head><meta charset="utf-8">',
        f"<title>{MORDOVIA_TITLE} | Совет муниципальных образований</title></head>",
        "<body>",
        '<div class="breadcrumbs"><a href="/">Главная</a> &gt; <a href="/docs/">Документы</a> &gt; '
        "Планы работы</div>",
        f"<h1>{MORDOVIA_TITLE}</h1>",
        "<p>Утвержден решением Президиума Совета от 11 декабря 2025 г. № 6</p>",
        '<table border="1" cellspacing="0" cellpadding="4">',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
        *body,
        "</tbody></table>",
        '<p class="meta">Дата публикации: 16.12.2025</p>',
        "</body></html>",
    ]
    return "\n".join(lines) + "\n"


def mordovia_pipe() -> str:
    """The table selected on the page and pasted as text: cells joined by " | ", tags inside cells kept."""
    lines = ["Главная / Документы / Планы работы", "", "Совет муниципальных образований Республики Мордовия",
             MORDOVIA_TITLE, "", "Опубликовано: 16.12.2025 | Просмотров: 387", ""]
    lines.append(pipe_row(MORDOVIA_HEADER))
    for row in mordovia_rows():
        lines.append(pipe_row([f"{row[1]} {row[2]}", "", "", ""] if row[0] == "section" else row))
    lines += ["", "Поделиться: ВКонтакте | Одноклассники | Telegram"]
    return "\n".join(lines) + "\n"


def pipe_row(cells) -> str:
    return "|" + "|".join(f" {c} " if c else " " for c in cells) + "|"


def make_mordovia() -> None:
    write_text(f"{MORDOVIA}.html", mordovia_html())
    entry(MORDOVIA, f"{MORDOVIA}.html", "html",
          "A plan published as a web page and saved from the browser (UTF-8 HTML, read through LibreOffice): "
          "breadcrumbs, the title as <h1>, an approval line, a bordered <table> '№ п/п | Наименование "
          "мероприятий | Сроки исполнения | Исполнители' in <thead>, section rows '1. …' in one bold centered "
          "cell (colspan 4), numbers '1.1.'; parties separated by <br> or ';<br>' inside a cell; timings as "
          "sites type them ('1 раз в квартал', '2-й квартал', 'до 01.04.2026', '15.02.2026', 'в течение 2026 "
          "года', '4 квартал 2026 г.', 'март-апрель, октябрь-ноябрь', 'в 3 квартале'); publication date below.")
    write_text(f"{MORDOVIA}.pipe.txt", mordovia_pipe())
    entry(MORDOVIA, f"{MORDOVIA}.pipe.txt", "pipe",
          "The same web page's table copied as pipe text: breadcrumbs, organisation and title lines, "
          "'Опубликовано: … | Просмотров: …' (a line with a pipe that is not a table row), header row without a "
          "separator row, section rows '| 1. Организационная работа | | | |' (the colspan cell first), item "
          "rows '| 1.1. | … | … | … |' with the <br> tags left in the cells, a 'Поделиться: ВКонтакте | "
          "Одноклассники | Telegram' line after the table.")


# ---------------------------------------------------------------- orenburg_2022: "Отв.:" list

ORENBURG_TIMINGS = {
    "1": "в течение года", "2": "по мере необходимости", "3": "IV квартал", "4": "апрель – май",
    "5.1": "июнь – август", "5.2": "II квартал", "5.3": "май", "6": "III квартал", "7": "I, IV квартал",
    "8": "ежеквартально", "9": "I квартал", "10": "еженедельно, по средам", "11": "август",
    "12": "II и III квартал", "13": "в течение года", "14": "апрель – май, сентябрь",
}


def orenburg_text() -> str:
    rows = read_truth(ORENBURG)
    assert set(ORENBURG_TIMINGS) == {r["item_no"] for r in rows if not is_true(r["is_group"])}
    out = ["Главная » Документы » Планы работы", "", rows[0]["doc_title"], "",
           "Опубликовано: 14.01.2022  |  Просмотров: 186"]
    for sec_no, sec_title, items in sections(rows):
        out += ["", f"Раздел {sec_no}. {sec_title}"]
        for row in items:
            no = row["item_no"]
            if is_true(row["is_group"]):
                out.append(f"{no}) {row['title']}:")
                continue
            resp = ", ".join(lower_first(p) for p in parties(row))
            out.append(f"{no}) {row['title']} ({ORENBURG_TIMINGS[no]}). Отв.: {resp}")
    out += ["", "Поделиться: VK  OK  Telegram"]
    return "\n".join(out) + "\n"


def make_orenburg() -> None:
    write_text(f"{ORENBURG}.numbered.txt", orenburg_text())
    entry(ORENBURG, f"{ORENBURG}.numbered.txt", "numbered",
          "A village administration's plan copied from its web page as plain text: breadcrumbs, the title on "
          "one line, 'Опубликовано: … | Просмотров: …', sections 'Раздел 1. …', one line per item "
          "'1) <title> (<timing>). Отв.: <parties>' with numbers running on across the sections, the group "
          "'5) …:' with sub-items '5.1)' … '5.3)', parties typed in lower case and joined by ', ', timings "
          "such as 'I, IV квартал', 'II и III квартал', 'апрель – май, сентябрь', 'еженедельно, по средам'; "
          "a 'Поделиться: VK  OK  Telegram' line at the end.")


# ---------------------------------------------------------------- DOCX and PDF


def make_office() -> None:
    made = [(PSKOV, make_pskov_docx()), (YAROSLAVL, make_yaroslavl_docx()),
            (TAMBOV, make_tambov_docx(roman=False)), (TAMBOV, make_tambov_docx(roman=True))]
    for plan, item in made:
        entry(plan, item["file"], item["variant"], item["description"])
    soffice_convert([HERE / item["file"] for _, item in made], "pdf")
    via = "Converted by LibreOffice (soffice --convert-to) from"
    entry(PSKOV, f"{PSKOV}.pdf", "pdf",
          f"{via} {PSKOV}.docx to PDF: the automatic numbers become text ('1.' … '15.', 'а)', 'б)') followed by "
          "a tab stop gap; the sub-items are indented; items wrap with a hanging indent, item 4 just before its "
          "' – август – …', so a wrapped line opens with the timing's dash.")
    entry(YAROSLAVL, f"{YAROSLAVL}.pdf", "pdf",
          f"{via} {YAROSLAVL}.docx to PDF (landscape): the two-row header as ruled cells, 'Срок проведения' over "
          "the four quarter cells.")
    entry(TAMBOV, f"{TAMBOV}.pdf", "pdf",
          f"{via} {TAMBOV}.docx to PDF (landscape): the month labels do not fit their 0.95 cm columns and are "
          "broken inside the words over two lines ('ян' / 'в.', 'ию' / 'нь', 'сен' / 'т.', 'но' / 'яб.'), and so "
          "is 'В течени' / 'е года'.")
    entry(TAMBOV, f"{TAMBOV}.roman.pdf", "roman-pdf",
          f"{via} {TAMBOV}.roman.docx to PDF (landscape): 'VIII' does not fit its column and breaks inside the "
          "numeral ('VII' / 'I'), so the header reads 'VII' twice on its first line.")


def main() -> None:
    MANIFEST.clear()
    check_printed()
    make_office()
    make_mordovia()
    make_orenburg()
    order = {plan: k for k, plan in enumerate(PLANS)}
    MANIFEST.sort(key=lambda e: order[e["plan"]])  # stable: per plan, in the order made
    write_manifest("manifest.probe.json", MANIFEST)


if __name__ == "__main__":
    main()
