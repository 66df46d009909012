#!/usr/bin/env python3
"""Generate the sample variants of the two reference plans.

    python samples/make_samples.py

Deterministic (fixed random seeds, stdlib only, does not import planparse):
running it twice gives byte-identical files.  Writes into ``samples/``:

* text transforms of the two seed exports (``*.seed.txt``): noblank, crlf,
  ocr (noisy), cp1251 / koi8r encodings;
* layouts rendered from the reviewed truth (``golden/plans/<plan>.csv``):
  pdftotext-style aligned tables, pipe tables, a plain numbered list;
* ``manifest.json`` listing every sample, the seeds included.
"""

from __future__ import annotations

import csv
import json
import random
import re
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TRUTH = ROOT / "golden" / "plans"

SEED = 20240601  # base of every random choice below
NBSP = "\u00a0"

TULA = "tula_2024"
SMOL = "smolensk_2019"

MONTHS_SHORT = ("Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек")
MONTHS_FULL = (
    "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь",
    "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
)

# Smolensk timings as printed in the seed, in row order (the CSV holds parsed values).
SMOL_TIMINGS = (
    "не реже 1-го раза в 6 месяцев",
    "по мере необходимости, но не реже 1-го раза в 3 месяца",
    "июнь – сентябрь",
    "февраль – май",
    "апрель",
    "II полугодие",
    "весь период",
    "весь период",
    "весь период",
    "ноябрь",
    "май",
    "октябрь",
    "I полугодие",
    "весь период",
    "весь период",
    "весь период",
    "весь период",
    "весь период",
    "весь период",
    "весь период",
    "Весь период",
    "Весь период",
    "Весь период",
)

# Title blocks broken as in the seeds.
TITLE_BREAKS = {
    TULA: ("План работы", "Ассоциации «Совет муниципальных образований Тульской области»", "на 2024 год"),
    SMOL: (
        "План работы Смоленского Регионального отделения",
        "Общероссийской общественной организации",
        "«Всероссийский Совет местного самоуправления» на 2019 год",
    ),
}

MANIFEST: list[dict] = []


# ---------------------------------------------------------------- helpers


def rng_for(name: str) -> random.Random:
    """One independent, reproducible generator per variant."""
    return random.Random(f"{SEED}:{name}")


def read_seed(plan: str) -> str:
    return (HERE / f"{plan}.seed.txt").read_bytes().decode("utf-8")


def read_truth(plan: str) -> list[dict[str, str]]:
    with (TRUTH / f"{plan}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(file: str, text: str, plan: str, variant: str, kind: str, description: str,
          *, encoding: str = "utf-8", newline: str = "\n", **extra) -> None:
    data = text.replace("\n", newline).encode(encoding)
    (HERE / file).write_bytes(data)
    entry = {"file": file, "plan": plan, "variant": variant, "kind": kind, "description": description}
    if encoding != "utf-8":
        entry["encoding"] = encoding
    entry.update(extra)
    MANIFEST.append(entry)


def split_lines(text: str) -> tuple[list[str], bool]:
    lines = text.split("\n")
    final_newline = lines[-1] == ""
    if final_newline:
        lines.pop()
    return lines, final_newline


def join_lines(lines: list[str], final_newline: bool) -> str:
    return "\n".join(lines) + ("\n" if final_newline else "")


def title_block(plan: str, truth: list[dict[str, str]]) -> tuple[str, ...]:
    lines = TITLE_BREAKS[plan]
    assert " ".join(lines) == truth[0]["doc_title"], (lines, truth[0]["doc_title"])
    return lines


def months_of(row: dict[str, str]) -> set[int]:
    return {int(m) for m in row["months"].split(";") if m.strip()}


def is_true(value: str) -> bool:
    return value.strip().lower() == "true"


def yearly_text(row: dict[str, str]) -> str:
    """What the "В течение года" cell shows for a row."""
    if is_true(row["is_group"]):
        return ""
    if is_true(row["all_year"]):
        tpy = row["times_per_year"].strip()
        if tpy and float(tpy) == 1.0:
            return "1 раз в год"
        return "+"
    return ""


def number_text(item_no: str) -> str:
    """"1" -> "1.", "6.1" -> "6.1" (as printed in the Tula seed)."""
    return item_no if "." in item_no else f"{item_no}."


def display_title(row: dict[str, str]) -> str:
    """Group rows get back the colon they are printed with."""
    title = row["title"]
    return f"{title}:" if is_true(row["is_group"]) else title


def sections(rows: list[dict[str, str]]) -> list[tuple[str, str, list[dict[str, str]]]]:
    out: list[tuple[str, str, list[dict[str, str]]]] = []
    for row in rows:
        key = (row["section_no"], row["section_title"])
        if not out or (out[-1][0], out[-1][1]) != key:
            out.append((key[0], key[1], []))
        out[-1][2].append(row)
    return out


# ---------------------------------------------------------------- 0. seeds


def register_seeds() -> None:
    MANIFEST.append({
        "file": f"{TULA}.seed.txt", "plan": TULA, "variant": "seed", "kind": "clean",
        "description": "Real export (grid layout): double-spaced, 13 mark cells (12 months + 'в течение года') "
                       "joined by single spaces, marks of wrapped titles on their own line.",
    })
    MANIFEST.append({
        "file": f"{SMOL}.seed.txt", "plan": SMOL, "variant": "seed", "kind": "clean",
        "description": "Real export (columns layout): 'Мероприятия | Время проведения | Ответственные' serialized "
                       "column after column within each table row, aligned only by blank filler lines.",
    })


# ---------------------------------------------------------------- 1. noblank


def noblank(text: str) -> str:
    lines, final_nl = split_lines(text)
    out: list[str] = []
    run = 0
    for line in lines + [None]:  # sentinel flushes the last run
        if line == "":
            run += 1
            continue
        out.extend([""] * ((run - 1) // 2 if run else 0))
        run = 0
        if line is not None:
            out.append(line)
    return join_lines(out, final_nl)


def make_noblank() -> None:
    for plan in (TULA, SMOL):
        write(f"{plan}.noblank.txt", noblank(read_seed(plan)), plan, "noblank", "clean",
              "Seed with the double-spacing removed: each run of n empty lines -> (n-1)//2 empty lines; "
              "whitespace-only lines (' ') kept.")


# ---------------------------------------------------------------- 2. crlf + nbsp + form feed

ROMAN_HEADING = re.compile(r"^\s*[IVX]+\.?\s+\S")


def nbsp_between_letters(line: str, rng: random.Random, share: float) -> tuple[str, int]:
    chars = list(line)
    done = 0
    for i in range(1, len(chars) - 1):
        if chars[i] == " " and chars[i - 1].isalpha() and chars[i + 1].isalpha() and rng.random() < share:
            chars[i] = NBSP
            done += 1
    return "".join(chars), done


def make_crlf() -> None:
    for plan in (TULA, SMOL):
        rng = rng_for(f"crlf:{plan}")
        lines, final_nl = split_lines(read_seed(plan))
        total = 0
        for i, line in enumerate(lines):
            lines[i], n = nbsp_between_letters(line, rng, 0.10)
            total += n
        if plan == TULA:
            # page break before the third section heading ("III Организация ...")
            heads = [i for i, ln in enumerate(lines) if ROMAN_HEADING.match(ln)]
            target = heads[2]
            where = f"section heading {lines[target].strip()[:40]!r}"
        else:
            # page break before the third table row ("Мероприятия по взаимодействию ...")
            target = next(i for i, ln in enumerate(lines) if ln.startswith("Мероприятия по взаимодействию"))
            where = f"row heading {lines[target].strip()[:40]!r}"
        lines[target] = "\f" + lines[target]
        write(f"{plan}.crlf.txt", join_lines(lines, final_nl), plan, "crlf", "clean",
              f"Seed with CRLF line ends; {total} spaces between two letters replaced by NBSP (~10%, never in "
              f"mark runs); a form feed (page break) at the start of the {where} (line {target + 1}).",
              newline="\r\n")


# ---------------------------------------------------------------- 3. ocr noise (Tula)

MARK_LINE = re.compile(r"^[ +]*\+[ +]*$")
TRAILING_MARKS = re.compile(r"(?<=\S) ([ +]*\+[ +]*)$")
CYR_WORD = re.compile(r"[А-Яа-яЁё]+")
LOOKALIKE = {"о": "o", "а": "a", "е": "e", "р": "p", "с": "c"}


def mark_span(line: str) -> tuple[int, int] | None:
    """Where the grid's mark run is in a line (whole line or trailing run)."""
    if MARK_LINE.match(line):
        return 0, len(line)
    m = TRAILING_MARKS.search(line)
    return (m.start(1), m.end(1)) if m else None



def stray_spaces(lines: list[str], words: list[tuple[int, int, int]], chosen: set, rng: random.Random,
                 edits: dict[int, list[tuple[int, int, str]]], count: int = 3) -> list[tuple[int, int, int]]:
    """Break ``count`` long words (8+ letters, not in ``chosen``) by a stray space; edits recorded per line."""
    long_words = [w for w in words if w[2] - w[1] >= 8 and w not in chosen]
    broken = sorted(rng.sample(long_words, count))
    for i, s, e in broken:
        word = lines[i][s:e]
        pos = rng.randint(3, len(word) - 3)
        edits.setdefault(i, []).append((s, e, word[:pos] + " " + word[pos:]))
    return broken

def make_ocr() -> None:
    plan = TULA
    rng = rng_for("ocr")
    lines, final_nl = split_lines(read_seed(plan))
    body_start = 5  # lines 1-5: title block

    # words of titles: body lines that are not section headings, outside the mark runs
    words: list[tuple[int, int, int]] = []
    for i, line in enumerate(lines):
        if i < body_start or not line.strip() or ROMAN_HEADING.match(line):
            continue
        span = mark_span(line)
        text_end = span[0] if span else len(line)
        words.extend((i, m.start(), m.end()) for m in CYR_WORD.finditer(line[:text_end]))

    edits: dict[int, list[tuple[int, int, str]]] = {}
    log: list[str] = []

    # ~5% of title words: one Latin look-alike letter
    eligible = [w for w in words if any(c in LOOKALIKE for c in lines[w[0]][w[1]:w[2]])]
    latin = sorted(rng.sample(eligible, round(0.05 * len(eligible))))
    for i, s, e in latin:
        word = lines[i][s:e]
        pos = rng.choice([k for k, c in enumerate(word) if c in LOOKALIKE])
        new = word[:pos] + LOOKALIKE[word[pos]] + word[pos + 1:]
        edits.setdefault(i, []).append((s, e, new))
    log.append(f"{len(latin)} of {len(eligible)} title words got one Latin look-alike letter "
               "(о→o, а→a, е→e, р→p, с→c): " + ", ".join(lines[i][s:e] for i, s, e in latin))

    # 3 words broken by a stray space inside
    broken = stray_spaces(lines, words, set(latin), rng, edits)
    log.append("stray space inside 3 words: " + ", ".join(
        next(new for (s2, e2, new) in edits[i] if s2 == s) for i, s, e in broken))

    for i, changes in edits.items():
        line = lines[i]
        for s, e, new in sorted(changes, reverse=True):
            line = line[:s] + new + line[e:]
        lines[i] = line

    # one quote oddity: guillemets of «Лето во дворах» typed as ASCII quotes
    q = next(i for i, ln in enumerate(lines) if "«Лето" in ln)
    lines[q] = lines[q].replace("«", '"', 1).replace("»", '"', 1)
    log.append('quote oddity: «Лето во дворах» -> "Лето во дворах" (row 6.1)')

    # ~8% of mark rows: one "+" read as "т" or "4" (same character count)
    mark_rows = [i for i, ln in enumerate(lines) if i >= body_start and mark_span(ln)]
    hit = sorted(rng.sample(mark_rows, round(0.08 * len(mark_rows))))
    described = []
    for i in hit:
        s, e = mark_span(lines[i])
        plus = rng.choice([k for k in range(s, e) if lines[i][k] == "+"])
        repl = rng.choice("т4")
        lines[i] = lines[i][:plus] + repl + lines[i][plus + 1:]
        described.append(f"line {i + 1} '+'→'{repl}'")
    log.append(f"{len(hit)} of {len(mark_rows)} mark rows had one '+' replaced: " + ", ".join(described))

    write(f"{plan}.ocr.txt", join_lines(lines, final_nl), plan, "ocr", "noisy",
          "Seed with OCR-like noise. " + "; ".join(log) + ".")


# ---------------------------------------------------------------- 4. Tula pdftotext -layout

NUM_W, TITLE_W, MONTH_W, YEAR_W = 6, 58, 5, 16


def make_tula_layout() -> None:
    rows = read_truth(TULA)
    total_w = NUM_W + TITLE_W + 12 * MONTH_W + YEAR_W
    out = [ln.center(total_w).rstrip() for ln in title_block(TULA, rows)]
    out.append("")
    header = ("№".ljust(NUM_W) + "Наименование мероприятия".ljust(TITLE_W)
              + "".join(m.center(MONTH_W) for m in MONTHS_SHORT) + "В течение года".center(YEAR_W))
    out.append(header.rstrip())
    out.append("")
    for sec_no, sec_title, items in sections(rows):
        out.append(f"{sec_no}. {sec_title}")
        for row in items:
            wrapped = textwrap.wrap(display_title(row), TITLE_W - 2, break_on_hyphens=False)
            marks = ""
            if not is_true(row["is_group"]):
                ms = months_of(row)
                marks = "".join(("+" if k in ms else "").center(MONTH_W) for k in range(1, 13))
                marks += yearly_text(row).center(YEAR_W)
            first = number_text(row["item_no"]).ljust(NUM_W) + wrapped[0].ljust(TITLE_W) + marks
            out.append(first.rstrip())
            out.extend((" " * NUM_W + cont).rstrip() for cont in wrapped[1:])
        out.append("")
    write(f"{TULA}.layout.txt", "\n".join(out), TULA, "layout", "clean",
          f"Rendered from the truth as `pdftotext -layout` output: centered title block, header with fixed columns "
          f"(№ {NUM_W}, title {TITLE_W}, 12 months x {MONTH_W}, 'В течение года' {YEAR_W}); section headings "
          f"'I. ...'; titles wrapped in their column; '+' centered under the month headers on the row's first "
          f"line; '1 раз в год' in the year column; group rows without marks.")


# ---------------------------------------------------------------- 5. Tula pipe table


def pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def make_tula_pipe() -> None:
    rows = read_truth(TULA)
    out = list(title_block(TULA, rows)) + [""]
    head = ["№", "Мероприятие", *MONTHS_FULL, "В течение года"]
    out.append(pipe_row(head))
    out.append("|" + "|".join("---" for _ in head) + "|")
    for sec_no, sec_title, items in sections(rows):
        out.append(pipe_row(["", f"{sec_no}. {sec_title}"] + [""] * 13))
        for row in items:
            ms = months_of(row)
            cells = [number_text(row["item_no"]), display_title(row)]
            cells += ["+" if k in ms else "" for k in range(1, 13)]
            cells.append(yearly_text(row))
            out.append(pipe_row(cells))
    out.append("")
    write(f"{TULA}.pipe.txt", "\n".join(out), TULA, "pipe", "clean",
          "Rendered from the truth as a pipe table copied from a web page: title lines, header "
          "'| № | Мероприятие | Январь | ... | Декабрь | В течение года |', '|---|' separator, section rows with "
          "only the title cell, one line per item with '+' in month cells.")


# ---------------------------------------------------------------- 6. Smolensk pipe table


def smol_rows() -> list[tuple[dict[str, str], str]]:
    rows = read_truth(SMOL)
    assert len(rows) == len(SMOL_TIMINGS), (len(rows), len(SMOL_TIMINGS))
    return list(zip(rows, SMOL_TIMINGS, strict=True))


def make_smol_pipe() -> None:
    pairs = smol_rows()
    rows = [r for r, _ in pairs]
    out = list(title_block(SMOL, rows)) + [""]
    out.append(pipe_row(["№ п/п", "Наименование мероприятия", "Срок проведения", "Ответственные"]))
    out.append("|---|---|---|---|")
    last_section = None
    for n, (row, timing) in enumerate(pairs, start=1):
        if row["section_title"] != last_section:
            last_section = row["section_title"]
            out.append(pipe_row(["", last_section, "", ""]))
        out.append(pipe_row([f"{n}.", row["title"], timing, row["responsible"]]))
    out.append("")
    write(f"{SMOL}.pipe.txt", "\n".join(out), SMOL, "pipe", "clean",
          "Rendered from the truth as a pipe table: '| № п/п | Наименование мероприятия | Срок проведения | "
          "Ответственные |', group headings as rows with only the title cell, activities numbered 1..23, "
          "timings as printed in the seed.", item_numbers_added=True)


# ---------------------------------------------------------------- 7. Smolensk numbered list

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def make_smol_numbered() -> None:
    pairs = smol_rows()
    rows = [r for r, _ in pairs]
    out = list(title_block(SMOL, rows)) + [""]
    sec = 0
    last_section = None
    for n, (row, timing) in enumerate(pairs, start=1):
        if row["section_title"] != last_section:
            last_section = row["section_title"]
            if sec:
                out.append("")
            out.extend(textwrap.wrap(f"{ROMAN[sec]}. {last_section}", 80, break_on_hyphens=False))
            sec += 1
        prefix = f"{n}. "
        indent = " " * len(prefix)
        if n % 2 == 1:  # odd items: everything on one line
            out.append(f"{prefix}{row['title']} – {timing} – {row['responsible']}")
        else:  # even items: title (wrapped), then "Срок:" and "Ответственный:" lines
            out.extend(textwrap.wrap(row["title"], 80, initial_indent=prefix, subsequent_indent=indent,
                                     break_on_hyphens=False))
            out.append(f"{indent}Срок: {timing}")
            out.append(f"{indent}Ответственный: {row['responsible']}")
    out.append("")
    write(f"{SMOL}.numbered.txt", "\n".join(out), SMOL, "numbered", "clean",
          "Rendered from the truth as a plain numbered list: group headings as Roman-numbered sections "
          "('I. ...'), activities numbered 1..23; odd items on one line '<n>. <title> – <timing> – <responsible>' "
          "(en-dash separators; note 'июнь – сентябрь' contains one too), even items as the title wrapped at 80 "
          "chars (hanging indent) followed by 'Срок: ...' and 'Ответственный: ...' lines.",
          section_numbers_added=True, item_numbers_added=True)


# ---------------------------------------------------------------- 8. Smolensk pdftotext -layout

ACT_W, TIME_W = 55, 22


def make_smol_layout() -> None:
    pairs = smol_rows()
    rows = [r for r, _ in pairs]
    total_w = ACT_W + TIME_W + 35
    out = [ln.center(total_w).rstrip() for ln in title_block(SMOL, rows)]
    out.append("")
    out.append(("Мероприятия".ljust(ACT_W) + "Время проведения".ljust(TIME_W) + "Ответственные").rstrip())
    out.append("")
    last_section = None
    for row, timing in pairs:
        if row["section_title"] != last_section:
            last_section = row["section_title"]
            out.extend(textwrap.wrap(last_section, total_w, break_on_hyphens=False))
        act = textwrap.wrap(row["title"], ACT_W - 3, initial_indent="- ", subsequent_indent="  ",
                            break_on_hyphens=False)
        tim = textwrap.wrap(timing, TIME_W - 2, break_on_hyphens=False)
        for k in range(max(len(act), len(tim))):
            line = (act[k] if k < len(act) else "").ljust(ACT_W)
            line += (tim[k] if k < len(tim) else "").ljust(TIME_W)
            line += row["responsible"] if k == 0 else ""
            out.append(line.rstrip())
    out.append("")
    write(f"{SMOL}.layout.txt", "\n".join(out), SMOL, "layout", "clean",
          f"Rendered from the truth as `pdftotext -layout` output: aligned columns 'Мероприятия' ({ACT_W}), "
          f"'Время проведения' ({TIME_W}), 'Ответственные' (rest); group headings from column 0 with nothing in "
          f"the other columns; each activity a '- ' bulleted cell wrapped in its column; timing (wrapped in its "
          f"column) and responsible start on the activity's first line.")


# ---------------------------------------------------------------- 9. legacy encodings


def make_encodings() -> None:
    write(f"{SMOL}.cp1251.txt", read_seed(SMOL), SMOL, "cp1251", "clean",
          "Seed encoded in Windows-1251 (every character is representable).", encoding="cp1251")
    text = read_seed(TULA)
    subst = sum(text.count(c) for c in "«»")
    text = text.replace("«", '"').replace("»", '"')
    write(f"{TULA}.koi8r.txt", text, TULA, "koi8r", "clean",
          f"Seed encoded in KOI8-R. KOI8-R has no guillemets: the {subst} « » were written as ASCII '\"' "
          f"(titles with quotes differ from the truth only in the quote characters).", encoding="koi8_r",
          quotes_substituted=True)


# ---------------------------------------------------------------- main


def write_manifest(name: str, entries: list[dict]) -> None:
    """Write ``samples/<name>`` (byte-stable JSON) and list what it holds.

    ``known_issue`` notes are reviews, not generated: they are kept from the file being replaced.
    """
    path = HERE / name
    if path.exists():
        known = {e["file"]: e["known_issue"] for e in json.loads(path.read_text("utf-8")) if "known_issue" in e}
        entries = [{**e, "known_issue": known[e["file"]]} if e["file"] in known else e for e in entries]
    path.write_bytes((json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    for entry in entries:
        print(f"{entry['file']:32} {entry['kind']:6} {entry['variant']}")


def main() -> None:
    MANIFEST.clear()
    register_seeds()
    make_noblank()
    make_crlf()
    make_ocr()
    make_tula_layout()
    make_tula_pipe()
    make_smol_pipe()
    make_smol_numbered()
    make_smol_layout()
    make_encodings()
    write_manifest("manifest.json", MANIFEST)


if __name__ == "__main__":
    main()
