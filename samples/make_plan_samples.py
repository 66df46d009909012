#!/usr/bin/env python3
"""Generate every format of the three invented plans (not the seeds).

    python samples/make_plan_samples.py          (needs python-docx and LibreOffice)

The plans are our own, written in layouts the seeds do not have; each one's
reviewed truth is ``golden/plans/<plan>.csv`` and serves every format of it:

* ``kaluga_2022``  - quarter columns '№ п/п | Наименование мероприятия | I квартал
  … IV квартал | Ответственные': "+" in quarter cells, text timings
  ("в течение года", "ежеквартально" …) in one cell merged across the four;
* ``vologda_2021`` - '№ п/п | Мероприятие | Срок исполнения | Ответственный',
  numbers "1.", "4.1.", unnumbered section rows, an approval block;
* ``altai_2023``   - a numbered list: Roman sections, items "2.3." with the
  timing inline ("… – март. Ответственный: …"), on "Срок:" / "Ответственные:"
  lines, or as "… – timing – responsible".

Written into ``samples/``: the natural text form of each plan (aligned
``pdftotext -layout``-like tables, a numbered list), a legacy-encoded copy
(KOI8-R / CP1251), a simulated-OCR copy (noisy), DOCX (clean table for all,
the legacy one-row-per-group table for Vologda, the paragraph list for Altai),
DOC, ODT and PDF through LibreOffice, and ``manifest.plans.json``.  Scans of
the PDFs come from ``make_scan_samples.py``.

The truth holds parsed values; what is printed (timings as typed, the
separators between responsible parties) is kept here, per item number.  The
titles, numbers, sections and parties come from the truth, so the two cannot
drift apart (``check_printed`` asserts the rest).  Deterministic: fixed random
seeds, DOCX/ODT/PDF pinned as in ``make_office_samples.py``; does not import
planparse.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_office_samples import (  # noqa: E402  (sibling generators hold the shared helpers)
    bordered_table,
    merged_row,
    new_document,
    save_docx,
    set_cell_lines,
    soffice_convert,
)
from make_samples import (  # noqa: E402
    CYR_WORD,
    HERE,
    LOOKALIKE,
    is_true,
    months_of,
    read_truth,
    rng_for,
    sections,
    stray_spaces,
    write_manifest,
)

KALUGA, VOLOGDA, ALTAI = "kaluga_2022", "vologda_2021", "altai_2023"
PLANS = (KALUGA, VOLOGDA, ALTAI)
MANIFEST: list[dict] = []

QUARTERS = ("I квартал", "II квартал", "III квартал", "IV квартал")
QUARTER_MONTHS = ({1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {10, 11, 12})

# ---------------------------------------------------------------- what is printed, per item number

TITLE_LINES = {
    KALUGA: (
        "План работы Калужского регионального отделения",
        "Всероссийской ассоциации развития местного самоуправления",
        "на 2022 год",
    ),
    VOLOGDA: (
        "План работы Совета представительных органов",
        "муниципальных образований Вологодской области на 2021 год",
    ),
    ALTAI: (
        "ПЛАН РАБОТЫ",
        "Совета депутатов муниципального образования «Майминский район»",
        "Республики Алтай на 2023 год",
    ),
}

# Approval blocks printed above the title (top right); not part of the title.
APPROVAL = {
    VOLOGDA: ("УТВЕРЖДЕН", "решением Совета представительных органов", "муниципальных образований области",
              "от 18.12.2020 № 7"),
    ALTAI: ("Приложение", "к решению сессии Совета депутатов", "МО «Майминский район»", "от 22.12.2022 № 45-3"),
}

# Kaluga: rows with a text timing (one cell merged across the four quarters); every other row is marked "+".
KALUGA_TEXT = {
    "5": "ежеквартально",
    "6": "по мере поступления заявлений",
    "10": "в течение года",
    "17": "по мере необходимости",
    "18": "постоянно",
    "20.1": "ежемесячно",
    "20.3": "2 раза в год",
}

VOLOGDA_TIMINGS = {
    "1": "не реже одного раза в квартал",
    "2": "ежемесячно",
    "3": "до 1 марта",
    "4.1": "ежеквартально",
    "4.2": "Ежеквартально",
    "4.3": "I, III кв.",
    "5": "январь, июль",
    "6": "в течение года",
    "7": "по мере необходимости",
    "8": "III кв.",
    "9": "II–III квартал",
    "10": "до 15 ноября",
    "11.1": "февраль",
    "11.2": "апрель - май",
    "11.3": "март",
    "11.4": "окт.",
    "12": "2 раза в год",
    "13": "в течение года (по отдельному графику)",
    "14": "постоянно",
    "15": "ежекварт.",
    "16": "В течение года",
    "17": "май – сентябрь",
    "18.1": "апрель",
    "18.2": "апр.",
    "19": "IV квартал",
    "20": "декабрь",
}

ALTAI_TIMINGS = {
    "1.1": "март",
    "1.2": "апрель – май",
    "1.3": "по мере необходимости",
    "1.4": "декабрь",
    "1.5": "август",
    "1.6": "сент.",
    "1.7.1": "по мере необходимости",
    "1.7.2": "II кв.",
    "1.7.3": "I–II кв.",
    "2.1": "1 раз в полугодие",
    "2.2": "ежеквартально",
    "2.3": "март, сентябрь",
    "2.4": "май, август, ноябрь",
    "2.5": "в течение года",
    "3.1": "ежемесячно",
    "3.2": "ежемесячно (по графику)",
    "3.3": "ноябрь – декабрь",
    "3.4.1": "21 апреля",
    "3.4.2": "в течение года",
    "3.4.3": "2 раза в год",
    "3.5": "до 25 декабря",
    "4.1": "постоянно",
    "4.2": "не реже одного раза в год",
    "4.3": "в течение года",
    "4.4": "2 раза в год (апрель, октябрь)",
}

# How the Altai list prints an item: "a" = "<title> – <timing>. Ответственный: <resp>" on one line;
# "b" = title, then "Срок: …" and "Ответственные: …" lines; "c" = "<title> – <timing> – <resp>".
ALTAI_STYLE = {
    "1.1": "a", "1.2": "a", "1.3": "b", "1.4": "b", "1.5": "a", "1.6": "b",
    "1.7.1": "c", "1.7.2": "c", "1.7.3": "c",
    "2.1": "b", "2.2": "a", "2.3": "a", "2.4": "b", "2.5": "a",
    "3.1": "a", "3.2": "a", "3.3": "b", "3.4.1": "c", "3.4.2": "c", "3.4.3": "c", "3.5": "a",
    "4.1": "b", "4.2": "b", "4.3": "a", "4.4": "b",
}

# Separator typed between two responsible parties ("\n" = a new paragraph / forced line break);
# default ", ".  "\n" alone is used only before a capitalised party.
RESP_SEP = {
    KALUGA: {"7": ",\n", "11.2": ",\n", "12": ";\n"},
    VOLOGDA: {"7": ",\n", "11.1": "\n", "11.3": ",\n", "16": ",\n"},
    ALTAI: {"1.4": "; ", "1.6": ";\n"},
}


# ---------------------------------------------------------------- truth access


def truth(plan: str) -> list[dict[str, str]]:
    rows = read_truth(plan)
    assert " ".join(TITLE_LINES[plan]) == rows[0]["doc_title"], plan
    return rows


def parties(row: dict[str, str]) -> list[str]:
    return [p for p in row["responsible"].split("; ") if p]


def responsible_text(plan: str, row: dict[str, str], *, one_paragraph: bool = False) -> str:
    """The responsible cell as typed: parties joined by the row's separator."""
    sep = RESP_SEP[plan].get(row["item_no"], ", ")
    if one_paragraph:
        sep = sep.replace("\n", " ").replace("  ", " ") if sep != "\n" else ", "
    return sep.join(parties(row))


def group_title(row: dict[str, str]) -> str:
    return f"{row['title']}:" if is_true(row["is_group"]) else row["title"]


def printed_number(plan: str, item_no: str) -> str:
    """Kaluga prints "1." / "11.1"; Vologda and Altai "1." / "4.1." (trailing dot everywhere)."""
    if plan == KALUGA and "." in item_no:
        return item_no
    return f"{item_no}."


def timing_text(plan: str, row: dict[str, str]) -> str:
    if is_true(row["is_group"]):
        return ""
    if plan == KALUGA:
        return KALUGA_TEXT.get(row["item_no"], "")
    return (VOLOGDA_TIMINGS if plan == VOLOGDA else ALTAI_TIMINGS)[row["item_no"]]


def kaluga_quarters(row: dict[str, str]) -> list[bool]:
    """Marked quarters of a Kaluga row (its months are whole quarters)."""
    ms = months_of(row)
    marks = [q <= ms for q in QUARTER_MONTHS]
    assert set().union(*(q for q, m in zip(QUARTER_MONTHS, marks, strict=True) if m)) == ms, row["item_no"]
    return marks


def check_printed() -> None:
    """Every printed timing belongs to a row, and rows without marks have one (and vice versa)."""
    for plan in PLANS:
        rows = truth(plan)
        numbers = {r["item_no"] for r in rows}
        leaves = {r["item_no"] for r in rows if not is_true(r["is_group"])}
        if plan == KALUGA:
            assert set(KALUGA_TEXT) <= leaves
            for r in rows:
                if r["item_no"] in KALUGA_TEXT:
                    assert not months_of(r), r["item_no"]
                elif not is_true(r["is_group"]):
                    assert any(kaluga_quarters(r)) and not is_true(r["all_year"]), r["item_no"]
                    assert not r["times_per_year"] and not is_true(r["as_needed"]), r["item_no"]
        else:
            table = VOLOGDA_TIMINGS if plan == VOLOGDA else ALTAI_TIMINGS
            assert set(table) == leaves, (plan, set(table) ^ leaves)
        if plan == ALTAI:
            assert set(ALTAI_STYLE) == leaves
        assert set(RESP_SEP[plan]) <= numbers
        for r in rows:
            sep = RESP_SEP[plan].get(r["item_no"])
            if sep == "\n":
                assert all(p[:1].isupper() for p in parties(r)), r["item_no"]


# ---------------------------------------------------------------- manifest and text output


def entry(file: str, plan: str, variant: str, kind: str, description: str, **extra) -> None:
    item = {"file": file, "plan": plan, "variant": variant, "kind": kind, "description": description}
    item.update(extra)
    MANIFEST.append(item)


def write_text(file: str, text: str, *, encoding: str = "utf-8", newline: str = "\n") -> None:
    (HERE / file).write_bytes(text.replace("\n", newline).encode(encoding))


def wrap(text: str, width: int) -> list[str]:
    """Wrap within a column; "\n" forces a break (a new paragraph in the cell)."""
    out: list[str] = []
    for para in text.split("\n"):
        out.extend(textwrap.wrap(para, width, break_on_hyphens=False, break_long_words=False) or [""])
    return out if any(out) else []


def place(cells: list[tuple[int, int, str, str]]) -> list[str]:
    """Render one table row: cells (start column, width, text, "left"|"center"), text wrapped in its cell."""
    wrapped = [(start, width, wrap(text, width - 2), align) for start, width, text, align in cells]
    height = max((len(w) for _, _, w, _ in wrapped), default=0)
    lines = []
    for k in range(height):
        buf: list[str] = []
        for start, width, parts, align in wrapped:
            if k >= len(parts) or not parts[k]:
                continue
            piece = parts[k]
            at = start + (max(0, (width - len(piece)) // 2) if align == "center" else 0)
            line = "".join(buf)
            buf = [line.ljust(at) + piece]
        lines.append("".join(buf).rstrip())
    return lines


# ---------------------------------------------------------------- text forms

K_NUM, K_TITLE, K_Q, K_RESP = 7, 52, 13, 34
V_NUM, V_TITLE, V_TIME, V_RESP = 7, 50, 22, 40
A_WIDTH = 100


def kaluga_layout() -> tuple[str, set[int]]:
    """(text, protected line indices) of the Kaluga quarter table as `pdftotext -layout` gives it."""
    rows = truth(KALUGA)
    q0 = K_NUM + K_TITLE
    resp0 = q0 + 4 * K_Q
    total = resp0 + K_RESP
    out = [ln.center(total).rstrip() for ln in TITLE_LINES[KALUGA]] + [""]
    header = place([(0, K_NUM, "№ п/п", "left"), (K_NUM, K_TITLE, "Наименование мероприятия", "left"),
                    *[(q0 + k * K_Q, K_Q, q, "center") for k, q in enumerate(QUARTERS)],
                    (resp0, K_RESP, "Ответственные", "left")])
    out += header
    protected = set(range(len(out)))
    for sec_no, sec_title, items in sections(rows):
        protected.add(len(out))
        out.append(f"{sec_no}. {sec_title}")
        for row in items:
            cells = [(0, K_NUM, printed_number(KALUGA, row["item_no"]), "left"),
                     (K_NUM, K_TITLE, group_title(row), "left")]
            text = timing_text(KALUGA, row)
            if text:
                cells.append((q0, 4 * K_Q, text, "center"))
            elif not is_true(row["is_group"]):
                cells += [(q0 + k * K_Q, K_Q, "+", "center") for k, m in enumerate(kaluga_quarters(row)) if m]
            cells.append((resp0, K_RESP, responsible_text(KALUGA, row), "left"))
            out += place(cells)
    return "\n".join(out) + "\n", protected


def vologda_layout() -> tuple[str, set[int]]:
    """(text, protected line indices) of the Vologda table as `pdftotext -layout` gives it."""
    rows = truth(VOLOGDA)
    t0 = V_NUM + V_TITLE
    r0 = t0 + V_TIME
    total = r0 + V_RESP
    out = [ln.rjust(total) for ln in APPROVAL[VOLOGDA]] + [""]
    out += [ln.center(total).rstrip() for ln in TITLE_LINES[VOLOGDA]] + [""]
    out += place([(0, V_NUM, "№ п/п", "left"), (V_NUM, V_TITLE, "Мероприятие", "left"),
                  (t0, V_TIME, "Срок исполнения", "left"), (r0, V_RESP, "Ответственный", "left")])
    protected = set(range(len(out)))
    for _, sec_title, items in sections(rows):
        protected.add(len(out))
        out.append(sec_title.center(total).rstrip())  # merged row, centered
        for row in items:
            out += place([(0, V_NUM, printed_number(VOLOGDA, row["item_no"]), "left"),
                          (V_NUM, V_TITLE, group_title(row), "left"),
                          (t0, V_TIME, timing_text(VOLOGDA, row), "left"),
                          (r0, V_RESP, responsible_text(VOLOGDA, row), "left")])
    return "\n".join(out) + "\n", protected


def altai_items() -> list[tuple[str, str, list[str]]]:
    """(kind, number, printed paragraphs) in order; kind is "section", "item" or "sub" (3-level numbers)."""
    out: list[tuple[str, str, list[str]]] = []
    for sec_no, sec_title, items in sections(truth(ALTAI)):
        out.append(("section", sec_no, [f"{sec_no}. {sec_title}"]))
        for row in items:
            no = row["item_no"]
            kind = "sub" if no.count(".") >= 2 else "item"
            head = f"{printed_number(ALTAI, no)} {group_title(row)}"
            if is_true(row["is_group"]):
                out.append((kind, no, [head]))
                continue
            timing, resp = timing_text(ALTAI, row), responsible_text(ALTAI, row, one_paragraph=True)
            label = "Ответственные" if len(parties(row)) > 1 else "Ответственный"
            style = ALTAI_STYLE[no]
            if style == "a":
                out.append((kind, no, [f"{head} – {timing}. {label}: {resp}"]))
            elif style == "b":
                out.append((kind, no, [head, f"Срок: {timing}", f"{label}: {resp}"]))
            else:
                out.append((kind, no, [f"{head} – {timing} – {resp}"]))
    return out


def altai_numbered() -> tuple[str, set[int]]:
    """(text, protected line indices) of the Altai list as a plain-text export (wrapped at 100)."""
    out = [ln.rjust(A_WIDTH) for ln in APPROVAL[ALTAI]] + [""]
    out += [ln.center(A_WIDTH).rstrip() for ln in TITLE_LINES[ALTAI]]
    protected = set(range(len(out)))
    for kind, _, paras in altai_items():
        if kind == "section":
            out.append("")
            protected.add(len(out))
            out.append(paras[0])
            continue
        lead = "   " if kind == "sub" else ""
        prefix = lead + paras[0].split(" ", 1)[0] + " "
        hang = " " * len(prefix)
        out += textwrap.wrap(paras[0][len(prefix) - len(lead):], A_WIDTH, initial_indent=prefix,
                             subsequent_indent=hang, break_on_hyphens=False, break_long_words=False)
        for extra in paras[1:]:
            out += textwrap.wrap(extra, A_WIDTH, initial_indent=hang, subsequent_indent=hang + "  ",
                                 break_on_hyphens=False, break_long_words=False)
    return "\n".join(out) + "\n", protected


# ---------------------------------------------------------------- simulated OCR

MARK_RE = re.compile(r"(?<![^\s])\+(?![^\s])")  # a lone "+" (month/quarter mark)


def ocr_noise(plan: str, text: str, protected: set[int]) -> tuple[str, str]:
    """make_samples.make_ocr generalized to any text: (noisy text, what was done).

    Only body lines are touched (title/approval block, table header and section
    headings are left alone, as in the Tula OCR sample): ~5% of the Cyrillic
    words that have a look-alike letter get one Latin letter, 3 long words get a
    stray space, the first « » pair becomes ASCII quotes, and ~10% of the lone
    "+" marks are read as "т" or "4".
    """
    rng = rng_for(f"ocr:{plan}")
    lines = text.split("\n")
    body = [i for i in range(len(lines)) if i not in protected and lines[i].strip()]
    words = [(i, m.start(), m.end()) for i in body for m in CYR_WORD.finditer(lines[i])]
    log: list[str] = []
    edits: dict[int, list[tuple[int, int, str]]] = {}

    eligible = [w for w in words if any(c in LOOKALIKE for c in lines[w[0]][w[1]:w[2]])]
    latin = sorted(rng.sample(eligible, round(0.05 * len(eligible))))
    for i, s, e in latin:
        word = lines[i][s:e]
        pos = rng.choice([k for k, c in enumerate(word) if c in LOOKALIKE])
        edits.setdefault(i, []).append((s, e, word[:pos] + LOOKALIKE[word[pos]] + word[pos + 1:]))
    log.append(f"{len(latin)} of {len(eligible)} body words got one Latin look-alike letter: "
               + ", ".join(f"line {i + 1} {new!r}" for i, s, e in latin for s2, e2, new in edits[i] if s2 == s))

    broken = stray_spaces(lines, words, set(latin), rng, edits)
    log.append("stray space inside 3 words: " + ", ".join(
        f"line {i + 1} {new!r}" for i, s, e in broken for s2, e2, new in edits[i] if s2 == s))

    for i, changes in edits.items():
        line = lines[i]
        for s, e, new in sorted(changes, reverse=True):
            line = line[:s] + new + line[e:]
        lines[i] = line

    q = next((i for i in body if "«" in lines[i] and "»" in lines[i][lines[i].index("«"):]), None)
    if q is not None:
        lines[q] = lines[q].replace("«", '"', 1).replace("»", '"', 1)
        log.append(f"first « » pair in the body typed as ASCII quotes (line {q + 1})")

    marks = [(i, m.start()) for i in body for m in MARK_RE.finditer(lines[i])]
    if marks:
        hit = sorted(rng.sample(marks, max(1, round(0.10 * len(marks)))))
        done = []
        for i, at in hit:
            repl = rng.choice("т4")
            lines[i] = lines[i][:at] + repl + lines[i][at + 1:]
            done.append(f"line {i + 1} '+'→'{repl}'")
        log.append(f"{len(hit)} of {len(marks)} '+' marks misread: " + ", ".join(done))
    return "\n".join(lines), "; ".join(log)


# ---------------------------------------------------------------- text samples

KOI8_SUBST = {"«": '"', "»": '"', "–": "-", "№": "N"}


def koi8(text: str) -> tuple[str, dict[str, int]]:
    counts = {c: text.count(c) for c in KOI8_SUBST if text.count(c)}
    for c, r in KOI8_SUBST.items():
        text = text.replace(c, r)
    return text, counts


def make_text_samples() -> None:
    forms = {
        KALUGA: ("layout", kaluga_layout(),
                 f"Rendered from the truth as `pdftotext -layout` output of the quarter table: centered title, "
                 f"header '№ п/п | Наименование мероприятия | I квартал … IV квартал | Ответственные' (columns "
                 f"{K_NUM}/{K_TITLE}/4x{K_Q}/{K_RESP}), section rows 'I. …' from column 0, numbers '1.' / '11.1', "
                 f"'+' centered under the quarter headers, text timings ('ежеквартально', 'по мере поступления "
                 f"заявлений' …) centered across the four quarter columns (a merged cell), responsible parties "
                 f"wrapped in their column (some forced onto a new line after ',' or ';')."),
        VOLOGDA: ("layout", vologda_layout(),
                  f"Rendered from the truth as `pdftotext -layout` output: approval block right-aligned above the "
                  f"title ('УТВЕРЖДЕН … от 18.12.2020 № 7'), header '№ п/п | Мероприятие | Срок исполнения | "
                  f"Ответственный' (columns {V_NUM}/{V_TITLE}/{V_TIME}/{V_RESP}), unnumbered section rows centered "
                  f"over the whole table width, numbers '1.' / '4.1.', title, timing and responsible each wrapped "
                  f"in its column; timings typed unevenly ('ежекварт.', 'окт.', 'апрель - май', 'II–III квартал')."),
        ALTAI: ("numbered", altai_numbered(),
                f"Rendered from the truth as a plain-text numbered list wrapped at {A_WIDTH} characters: approval "
                f"block right-aligned, title 'ПЛАН РАБОТЫ …' centered, Roman section headings 'I. …', items "
                f"numbered per section '1.1.' and sub-items '1.7.1.' (indented 3); items printed three ways: "
                f"'<title> – <timing>. Ответственный: <resp>', title then 'Срок: …' and 'Ответственные: …' lines, "
                f"or '<title> – <timing> – <resp>' (sub-items); hanging indents on wrapped lines."),
    }
    legacy = {KALUGA: "koi8_r", VOLOGDA: "cp1251", ALTAI: "cp1251"}
    for plan in PLANS:
        variant, (text, protected), description = forms[plan]
        name = f"{plan}.{variant}.txt"
        write_text(name, text)
        entry(name, plan, variant, "clean", description)

        encoding = legacy[plan]
        if encoding == "koi8_r":
            encoded, counts = koi8(text)
            name = f"{plan}.koi8r.txt"
            write_text(name, encoded, encoding=encoding)
            entry(name, plan, "koi8r", "clean",
                  f"{plan}.{variant}.txt encoded in KOI8-R, LF. KOI8-R has no « » – №: written as '\"', '\"', '-', "
                  f"'N' ({', '.join(f'{c} x{n}' for c, n in counts.items())}); titles with quotes differ from the "
                  f"truth only in the quote characters.", encoding=encoding, quotes_substituted=True)
        else:
            name = f"{plan}.cp1251.txt"
            crlf = plan == VOLOGDA
            write_text(name, text, encoding=encoding, newline="\r\n" if crlf else "\n")
            entry(name, plan, "cp1251", "clean",
                  f"{plan}.{variant}.txt encoded in Windows-1251" + (" with CRLF line ends" if crlf else "")
                  + " (every character is representable).", encoding=encoding)

        noisy, log = ocr_noise(plan, text, protected)
        name = f"{plan}.ocr.txt"
        write_text(name, noisy)
        entry(name, plan, "ocr", "noisy", f"{plan}.{variant}.txt with simulated OCR noise. {log}.")


# ---------------------------------------------------------------- DOCX


def fill(cell, text: str, width: float, *, bold: bool = False, center: bool = False, size: float | None = None) -> None:
    cell.width = Cm(width)
    set_cell_lines(cell, text.split("\n"), bold=bold, size=size)
    if center:
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


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


KALUGA_WIDTHS = [1.2, 10.3, 2.3, 2.3, 2.3, 2.3, 6.0]


def make_kaluga_docx() -> None:
    rows = truth(KALUGA)
    doc = new_document(rows[0]["doc_title"], landscape=True)
    title_block(doc, KALUGA)
    w = KALUGA_WIDTHS
    table = bordered_table(doc, w)
    head = table.add_row()
    for cell, text, width in zip(head.cells, ["№ п/п", "Наименование мероприятия", *QUARTERS, "Ответственные"], w,
                                 strict=True):
        fill(cell, text, width, bold=True, center=True)
    for sec_no, sec_title, items in sections(rows):
        merged_row(table, f"{sec_no}. {sec_title}", w)
        for row in items:
            r = table.add_row()
            fill(r.cells[0], printed_number(KALUGA, row["item_no"]), w[0])
            fill(r.cells[1], group_title(row), w[1])
            text = timing_text(KALUGA, row)
            if text:
                cell = r.cells[2].merge(r.cells[5])
                fill(cell, text, sum(w[2:6]), center=True)
            else:
                marks = kaluga_quarters(row) if not is_true(row["is_group"]) else [False] * 4
                for k, m in enumerate(marks):
                    fill(r.cells[2 + k], "+" if m else "", w[2 + k], center=True)
            fill(r.cells[6], responsible_text(KALUGA, row), w[6])
    save_docx(doc, f"{KALUGA}.docx")
    entry(f"{KALUGA}.docx", KALUGA, "docx", "clean",
          "Built from the truth with python-docx: title paragraphs, one bordered table on a landscape page "
          "'№ п/п | Наименование мероприятия | I квартал | II квартал | III квартал | IV квартал | Ответственные'; "
          "section rows one cell merged across all 7 columns ('I. Организационная работа'); '+' centered in "
          "scheduled quarter cells; text timings in one cell merged across the four quarter columns (gridSpan 4); "
          "several responsible parties joined by ', ' or split over paragraphs after ',' / ';'; group rows end "
          "in ':' and have no marks.")


VOLOGDA_WIDTHS = [1.3, 8.2, 3.7, 4.8]


def make_vologda_docx() -> None:
    rows = truth(VOLOGDA)
    doc = new_document(rows[0]["doc_title"], landscape=False)
    title_block(doc, VOLOGDA)
    w = VOLOGDA_WIDTHS
    table = bordered_table(doc, w)
    head = table.add_row()
    for cell, text, width in zip(head.cells, ["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный"], w,
                                 strict=True):
        fill(cell, text, width, bold=True, center=True)
    for _, sec_title, items in sections(rows):
        merged_row(table, sec_title, w)
        table.rows[-1].cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in items:
            r = table.add_row()
            fill(r.cells[0], printed_number(VOLOGDA, row["item_no"]), w[0])
            fill(r.cells[1], group_title(row), w[1])
            fill(r.cells[2], timing_text(VOLOGDA, row), w[2])
            fill(r.cells[3], responsible_text(VOLOGDA, row), w[3])
    save_docx(doc, f"{VOLOGDA}.docx")
    entry(f"{VOLOGDA}.docx", VOLOGDA, "docx", "clean",
          "Built from the truth with python-docx: approval block right-aligned ('УТВЕРЖДЕН … от 18.12.2020 № 7'), "
          "title paragraphs, a bordered portrait table '№ п/п | Мероприятие | Срок исполнения | Ответственный'; "
          "unnumbered section rows merged across all 4 columns and centered; numbers '1.' / '4.1.'; timings as "
          "typed; several parties joined by ', ' or split over paragraphs.")


LEGACY_WIDTHS = [9.5, 3.7, 4.8]


def make_vologda_legacy_docx() -> None:
    """One table row per section: heading + numbered activities in cell 1, entries aligned by blank paragraphs."""
    rows = truth(VOLOGDA)
    doc = new_document(rows[0]["doc_title"], landscape=False)
    title_block(doc, VOLOGDA)
    w = LEGACY_WIDTHS
    table = bordered_table(doc, w)
    head = table.add_row()
    for cell, text, width in zip(head.cells, ["Наименование мероприятия", "Срок исполнения", "Ответственные"], w,
                                 strict=True):
        fill(cell, text, width, bold=True, center=True)
    for _, sec_title, items in sections(rows):
        acts, times, resp = [sec_title], [""], [""]
        for k, row in enumerate(items):
            if k:
                acts.append("")
            at = len(acts)
            acts.append(f"{printed_number(VOLOGDA, row['item_no'])} {group_title(row)}")
            if not is_true(row["is_group"]):
                times += [""] * (at - len(times)) + [timing_text(VOLOGDA, row)]
                resp += [""] * (at - len(resp)) + [responsible_text(VOLOGDA, row, one_paragraph=True)]
        r = table.add_row()
        for cell, width, lines, first_bold in zip(r.cells, w, (acts, times, resp), (True, False, False), strict=True):
            cell.width = Cm(width)
            set_cell_lines(cell, lines, bold_first=first_bold)
    save_docx(doc, f"{VOLOGDA}.legacy.docx")
    entry(f"{VOLOGDA}.legacy.docx", VOLOGDA, "legacy-docx", "clean",
          "Built from the truth with python-docx in the legacy one-row-per-group style: approval block and title, "
          "a bordered table 'Наименование мероприятия | Срок исполнения | Ответственные' with one row per section "
          "(5): cell 1 the bold section heading, then every activity (groups and sub-items too) as a numbered "
          "paragraph '1. …' / '4.1. …', activities separated by one blank paragraph; cells 2 and 3 hold each "
          "activity's timing and responsible parties (one paragraph, ', '-joined) at the paragraph index of the "
          "activity; group rows have none.")


ALTAI_TABLE_WIDTHS = [1.5, 8.0, 3.5, 5.0]


def make_altai_docx() -> None:
    """The list as published: typed numbers, one paragraph per item (or per 'Срок:'/'Ответственные:' line)."""
    rows = truth(ALTAI)
    doc = new_document(rows[0]["doc_title"], landscape=False)
    title_block(doc, ALTAI)
    for kind, _, paras in altai_items():
        if kind == "section":
            p = doc.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            p.add_run(paras[0]).bold = True
            continue
        for k, text in enumerate(paras):
            p = doc.add_paragraph(text)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            indent = 1.0 if kind == "sub" else 0.0
            p.paragraph_format.left_indent = Cm(indent + (1.0 if k else 0.0))
    save_docx(doc, f"{ALTAI}.docx")
    entry(f"{ALTAI}.docx", ALTAI, "docx", "clean",
          "Built from the truth with python-docx as the published list (no table): approval block right-aligned, "
          "bold centered title 'ПЛАН РАБОТЫ …', bold section paragraphs 'I. …', one justified paragraph per item "
          "with typed numbers ('1.1.', sub-items '1.7.1.' indented); items printed '<title> – <timing>. "
          "Ответственный: …', '<title> – <timing> – <resp>', or as three paragraphs (title, indented 'Срок: …', "
          "indented 'Ответственные: …').")


def make_altai_table_docx() -> None:
    rows = truth(ALTAI)
    doc = new_document(rows[0]["doc_title"], landscape=False)
    title_block(doc, ALTAI)
    w = ALTAI_TABLE_WIDTHS
    table = bordered_table(doc, w)
    head = table.add_row()
    for cell, text, width in zip(head.cells, ["№ п/п", "Наименование вопроса", "Срок рассмотрения",
                                              "Ответственные за подготовку"], w, strict=True):
        fill(cell, text, width, bold=True, center=True)
    for sec_no, sec_title, items in sections(rows):
        merged_row(table, f"{sec_no}. {sec_title}", w)
        for row in items:
            r = table.add_row()
            fill(r.cells[0], printed_number(ALTAI, row["item_no"]), w[0])
            fill(r.cells[1], group_title(row), w[1])
            fill(r.cells[2], timing_text(ALTAI, row), w[2])
            fill(r.cells[3], responsible_text(ALTAI, row), w[3])
    save_docx(doc, f"{ALTAI}.table.docx")
    entry(f"{ALTAI}.table.docx", ALTAI, "table-docx", "clean",
          "Built from the truth with python-docx as a clean table '№ п/п | Наименование вопроса | Срок рассмотрения "
          "| Ответственные за подготовку': section rows merged across all 4 columns ('I. …'), numbers '1.1.' / "
          "'1.7.1.', timings as typed in the list, parties joined by ', ' / '; ' or split over paragraphs.")


# ---------------------------------------------------------------- LibreOffice


def make_conversions() -> None:
    main = [HERE / f"{plan}.docx" for plan in PLANS]
    soffice_convert(main, "doc")
    soffice_convert(main, "odt")
    soffice_convert([*main, HERE / f"{VOLOGDA}.legacy.docx", HERE / f"{ALTAI}.table.docx"], "pdf")
    via = "Converted by LibreOffice (soffice --convert-to) from"
    what = {KALUGA: "quarter table, landscape", VOLOGDA: "clean table", ALTAI: "paragraph list, no table"}
    for plan in PLANS:
        entry(f"{plan}.doc", plan, "doc", "clean", f"{via} {plan}.docx ({what[plan]}) to Word 97-2003 (binary DOC).")
        entry(f"{plan}.odt", plan, "odt", "clean", f"{via} {plan}.docx ({what[plan]}) to ODT.")
        entry(f"{plan}.pdf", plan, "pdf", "clean", f"{via} {plan}.docx ({what[plan]}) to PDF (text layer).")
    entry(f"{VOLOGDA}.legacy.pdf", VOLOGDA, "legacy-pdf", "clean",
          f"{via} {VOLOGDA}.legacy.docx (one row per section, entries aligned by blank paragraphs) to PDF: wrapped "
          "lines no longer line up with the paragraphs.")
    entry(f"{ALTAI}.table.pdf", ALTAI, "table-pdf", "clean", f"{via} {ALTAI}.table.docx (clean table) to PDF.")


# ---------------------------------------------------------------- main


def main() -> None:
    MANIFEST.clear()
    check_printed()
    make_text_samples()
    make_kaluga_docx()
    make_vologda_docx()
    make_vologda_legacy_docx()
    make_altai_docx()
    make_altai_table_docx()
    make_conversions()
    order = {plan: k for k, plan in enumerate(PLANS)}
    MANIFEST.sort(key=lambda e: order[e["plan"]])  # stable: per plan, in the order made
    write_manifest("manifest.plans.json", MANIFEST)


if __name__ == "__main__":
    main()
