"""Scanned PDFs and images: Tesseract word boxes, ruled grids read by their rules and ink.

Per page:

1. render (PDF pages with pypdfium2 at ``RENDER_DPI``; images as they are,
   low-resolution ones scaled up towards ``OCR_DPI``), grayscale;
2. deskew (``ocr_grid.deskew``: projection profile of the ink -- ruling lines
   and text baselines -- then a Pillow rotation back);
3. binarize and despeckle; find ruling lines and the cell grids they enclose
   (``ocr_grid``); paint the rules out so Tesseract sees only text;
4. one Tesseract call per page (``-l rus``, TSV: word boxes and confidences;
   ``--psm 6`` on ruled pages, ``--psm 4`` otherwise);
5. words inside a grid become the cells of a ``Table``, with the PDF reader's
   cell-text rules (``pdf_tables.cell_lines``: wrapped lines joined into
   paragraphs, blank lines for vertical gaps, words broken by a narrow cell
   glued back); words outside grids become position-aligned ``Line`` blocks
   (``geometry.words_to_lines``), so a table without rules stays readable as
   aligned text.

Month marks are decided by ink, not by OCR text alone: Tesseract drops lone
small marks and reads "+" as "4", "т", "-|-" ...  In a mark column (month,
quarter or "в течение года" header, or a run of narrow columns) a cell is
marked when the densest mark-sized window inside it holds ``INK_MARK_SHARE``
of ink (``ocr_grid.mark_ink``); it then reads "+" unless OCR found real text
there ("1 раз в год" stays).  A cell without ink is empty whatever OCR read.

A table continued on the next page joins the table it continues (a repeated
header is dropped, a row split by the page break is joined).

Safe OCR repairs, in cells only where they cannot be text: specks read as
punctuation, unpaired quotes glued to words, misread digits in item numbers
("б.1"), misread Roman numbers in section headings ("ТГ" -> "I") and before
"полугодие"/"квартал" ("П" -> "II"), "№ п/т" in the header.  Latin/Cyrillic
look-alikes are left to ``normalize.repair``.  Everything repaired is counted
in ``Document.notes``; so are the words Tesseract was unsure of
(``OCR_DOUBT_CONF``), as "OCR unsure: page P line L: 'word' (conf%)" where
P/L are the page and line the row will carry.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import regex
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from planparse.errors import ConverterUnavailableError, EncryptedDocumentError, ReadError
from planparse.layouts.base import MARKS, SUSPECT_MARKS
from planparse.layouts.cells import header_role
from planparse.model import Block, Cell, Document, Line, SourceFormat, Table
from planparse.readers import ocr_grid
from planparse.readers.geometry import Word, group_lines, words_to_lines
from planparse.readers.pdf_tables import cell_lines, first_middle, is_row_continuation, learn_pitch

TESSERACT = "tesseract"  # the binary (a name on PATH or a path)
MISSING_TESSERACT = "tesseract with the Russian model is needed: apt-get install tesseract-ocr-rus"
LANGUAGES = "rus"  # the Russian model reads the few Latin site names well enough; "+eng" makes Latin look-alikes
PSM = 6  # ruled pages, rules painted out: one uniform block of text lines (finds lone "1." and "+" that psm 11/3 drop)
PSM_NO_GRID = 4  # pages without rules: a single column of variable-size text lines
PAGE_TIMEOUT_S = 120
RENDER_DPI = 300  # PDF pages are rendered at this resolution
OCR_DPI = 300  # images below this (by their dpi tag, else by size) are scaled up
MAX_UPSCALE = 3.0
A4_LONG_IN = 11.69
MIN_WORD_INK_PX = 4  # a word box with less ink than this was read from blank paper (a painted-out rule)
MIN_WORD_CONF = 10  # punctuation-only words Tesseract is less sure of than this (0-100) are dropped
# Words Tesseract is less sure of than this (0-100) are reported as doubts in Document.notes.
# On the scan samples the misread words score 40-76 and 98 % of all words >= 85.
OCR_DOUBT_CONF = 80

# A mark cell is marked when the densest mark-sized window inside it (the cell minus its
# margin; ocr_grid.mark_ink) holds at least this share of ink.  Calibrated on the noisy
# scan samples (200 dpi JPEG, specks, blur): empty cells <= 2.1 %, "+" marks 27-30 %
# (10 pt), a faint or 5-pt "+" in the synthetic tests >= 10 %.
INK_MARK_SHARE = 0.06
# A column is a narrow mark column when it is at most this share of the widest column...
NARROW_COLUMN_SHARE = 0.25
# ...and at least this many such columns stand side by side (the month run).
MIN_MARK_RUN = 4
# OCR readings of a lone "+" (beyond layouts.base.SUSPECT_MARKS): glyph soup of these characters.
_MARK_GLYPHS = regex.compile(r"^(?=.*[+‡†тТtfфФ4|])[+\-|‡†тТtfфФ4lI!iі:.,'`*‘’\"^~_=]{1,4}$")
# A word of nothing but dots, commas and quotes is a speck of dirt (real punctuation sticks to its word).
_SPECK_WORD = regex.compile(r"^[.,„‚'`‘’_~·;:\"“”=^°]+$")
# Rule debris Tesseract reads at a cell edge.
_DEBRIS = regex.compile(r"^[|\[\]{}_\-—–=~.,:;'`\"«»]+$")
_EDGE_DEBRIS = regex.compile(r"^\|+|\|+$")
# Brackets/braces are rare in plans; at a word's edge they are misread parentheses.
_OPEN_PAREN = regex.compile(r"^[{\[]")
_CLOSE_PAREN = regex.compile(r"[}\]]$")
# Digits misread as letters inside an item number ("б.1", "1О.", "З.2").
_NUMBER_LIKE = regex.compile(r"^(?=.*\d)[\dОOоoЗзбlI|]{1,3}(?:[.,][\dОOоoЗзбlI|]{1,3})*[.,)]?$")
_TO_DIGIT = str.maketrans(
    {"О": "0", "O": "0", "о": "0", "o": "0", "З": "3", "з": "3", "б": "6", "l": "1", "I": "1", "|": "1"}
)


# ---------------------------------------------------------------- tesseract


@cache
def _languages(binary: str) -> frozenset[str]:
    path = shutil.which(binary)
    if path is None:
        raise ConverterUnavailableError(MISSING_TESSERACT)
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConverterUnavailableError(f"{MISSING_TESSERACT} ({exc})") from exc
    langs = frozenset(x.strip() for x in (out.stdout + out.stderr).splitlines()[1:] if x.strip())
    return langs


def check_tesseract() -> str:
    """The tesseract executable, or ConverterUnavailableError when it or ``rus`` is missing."""
    langs = _languages(TESSERACT)
    if not set(LANGUAGES.split("+")) <= langs:
        raise ConverterUnavailableError(MISSING_TESSERACT)
    return shutil.which(TESSERACT) or TESSERACT


@dataclass(frozen=True, slots=True)
class OcrWord:
    word: Word
    conf: float


def _png(gray: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(gray).save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def run_tesseract(gray: np.ndarray, dpi: float, psm: int, what: str = "tsv") -> str:
    """One Tesseract call on a page image; returns its TSV (or ``what`` = "txt" text)."""
    binary = check_tesseract()
    cmd = [binary, "stdin", "stdout", "-l", LANGUAGES, "--psm", str(psm), "--dpi", str(round(dpi))]
    if what == "tsv":
        cmd.append("tsv")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        done = subprocess.run(cmd, input=_png(gray), capture_output=True, timeout=PAGE_TIMEOUT_S, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReadError(f"OCR took longer than {PAGE_TIMEOUT_S} s on one page") from exc
    except OSError as exc:
        raise ConverterUnavailableError(f"{MISSING_TESSERACT} ({exc})") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReadError(f"tesseract failed: {err[-1] if err else f'exit code {done.returncode}'}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str) -> list[OcrWord]:
    words: list[OcrWord] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") != "5":
            continue
        text = (row.get("text") or "").strip()
        if not text:
            continue
        try:
            left, top = int(row["left"]), int(row["top"])
            width, height = int(row["width"]), int(row["height"])
            conf = float(row["conf"])
        except (KeyError, TypeError, ValueError):
            continue
        words.append(OcrWord(Word(text, left, left + width, top, top + height), conf))
    return words


def _clean_words(words: Sequence[OcrWord], ink: np.ndarray) -> tuple[list[OcrWord], int]:
    """Drop words read from blank paper (where a rule was painted out), rule debris and unsure
    punctuation; strip "|" stuck to word edges."""
    out: list[OcrWord] = []
    dropped = 0
    for ow in words:
        text = ow.word.text
        w = ow.word
        box = ink[max(0, int(w.top)) : int(w.bottom) + 1, max(0, int(w.x0)) : int(w.x1) + 1]
        if int(box.sum()) < MIN_WORD_INK_PX:
            dropped += 1
            continue
        if _SPECK_WORD.match(text) or (
            _DEBRIS.match(text) and text not in MARKS and (ow.conf < MIN_WORD_CONF or "|" in text or "[" in text)
        ):
            dropped += 1
            continue
        stripped = _CLOSE_PAREN.sub(")", _OPEN_PAREN.sub("(", _EDGE_DEBRIS.sub("", text)))
        if stripped != text:
            if not stripped:
                dropped += 1
                continue
            ow = OcrWord(Word(stripped, w.x0, w.x1, w.top, w.bottom), ow.conf)
        out.append(ow)
    return out, dropped


def repair_number(text: str) -> str:
    """Item-number tokens with a misread digit or a speck in front: "б.1" -> "6.1", ".4." -> "4."."""
    stripped = text.lstrip(".,'`‘’‚")
    if stripped != text and stripped[:1].isdigit():
        text = stripped
    if _NUMBER_LIKE.match(text) and not text.isdigit():
        fixed = text.translate(_TO_DIGIT)
        return fixed.replace(",", ".") if regex.fullmatch(r"\d{1,3}(?:,\d{1,3})+[.,]?", fixed) else fixed
    return text


_DASHES = regex.compile(r"^[-–—_.,'`‚]+$")


def number_cell(lines: Sequence[str]) -> tuple[str, ...]:
    """An item-number cell without speck dashes ("- 9." -> "9.") and with its number repaired."""
    out = []
    for line in lines:
        tokens = [t for t in line.split() if not _DASHES.match(t)]
        if tokens:
            out.append(" ".join([repair_number(tokens[0]), *tokens[1:]]))
    return tuple(out)


# ---------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class TableInfo:
    """What the reader learnt about a table's columns (used to join pages)."""

    header_rows: int
    mark_cols: frozenset[int]
    number_col: int | None
    doubts: tuple[tuple[int, str, float], ...] = ()  # (row index, word, Tesseract confidence) below OCR_DOUBT_CONF


@dataclass
class PageResult:
    number: int
    blocks: list[Block] = field(default_factory=list)
    info: dict[int, TableInfo] = field(default_factory=dict)  # block index -> table info
    line_doubts: list[tuple[int, str, float]] = field(default_factory=list)  # (line number, word, confidence)
    notes: list[str] = field(default_factory=list)
    skew: float = 0.0


def _ink_cell_text(text: str, ink: float) -> tuple[str, bool]:
    """(text for a mark-column cell, whether ink decided it rather than OCR).

    No ink: the cell is empty, whatever OCR read from specks there (a clean
    OCR mark needs only a third of the ink).  Ink and no text, a mark-like
    misreading ("4", "т", "-|-") or one stray letter: "+".  Ink and real text
    ("1 раз в год", "15"): the text.
    """
    t = " ".join(text.split())
    if t in MARKS and ink >= INK_MARK_SHARE / 3:  # OCR saw a clean mark; some ink confirms it
        return t, False
    if ink < INK_MARK_SHARE:
        return "", bool(t)
    if not t or t in SUSPECT_MARKS or _MARK_GLYPHS.match(t) or (len(t) == 1 and not t.isdigit()):
        return "+", True
    return t, False


def _role(lines: Sequence[str]) -> str:
    """Header role of a cell; a word wrapped inside a narrow cell ("Янва" / "рь") is tried joined."""
    kind = header_role(" ".join(lines)).kind
    if kind == "unknown" and len(lines) > 1:
        kind = header_role("".join(lines)).kind
    return kind


_NUMBER_HEADER = regex.compile(r"^\s*№\s*\S{0,4}\s*$")


def _joined_header(lines: tuple[str, ...]) -> tuple[str, ...]:
    """A month name wrapped inside its narrow header cell, as one line; "№ п/т" (OCR) as "№ п/п"."""
    if lines and _NUMBER_HEADER.match(" ".join(lines)) and header_role(" ".join(lines)).kind != "number":
        return ("№ п/п",)
    if len(lines) > 1 and header_role(" ".join(lines)).kind == "unknown":
        joined = "".join(lines)
        if header_role(joined).kind in {"month", "quarter", "year"}:
            return (joined,)
    return lines


def _header_rows(n_rows: int, texts: dict[tuple[int, int], tuple[str, ...]]) -> int:
    """How many leading grid rows form the header (up to the row naming the months, at most 3)."""
    for r in range(min(3, n_rows)):
        kinds = [_role(t) for (rr, _), t in texts.items() if rr == r]
        if sum(k in {"month", "quarter"} for k in kinds) >= MIN_MARK_RUN:
            return r + 1
    return 1


def _mark_columns(grid: ocr_grid.Grid, texts: dict[tuple[int, int], tuple[str, ...]], header_rows: int) -> set[int]:
    """Columns that hold month/quarter/"в течение года" marks: by header words, else a run of narrow columns."""
    heads = {c: _role(t) for (r, c), t in texts.items() if r < header_rows}
    by_header = {c for c, k in heads.items() if k in {"month", "quarter", "year"}}
    widths = [grid.xs[c + 1] - grid.xs[c] for c in range(grid.n_cols)]
    narrow = [w <= NARROW_COLUMN_SHARE * max(widths) for w in widths]
    runs: set[int] = set()
    c = 0
    while c < len(narrow):
        e = c
        while e < len(narrow) and narrow[e]:
            e += 1
        if e - c >= MIN_MARK_RUN and (not by_header or by_header & set(range(c, e))):
            runs.update(range(c, e))
        c = max(e, c + 1)
    taken = {c for c, k in heads.items() if k in {"number", "title", "timing", "responsible", "note"}}
    return (by_header | runs) - taken


def _number_column(grid: ocr_grid.Grid, texts: dict[tuple[int, int], tuple[str, ...]], header_rows: int) -> int | None:
    for (r, c), t in texts.items():
        if r < header_rows and _role(t) == "number":
            return c
    widths = [grid.xs[c + 1] - grid.xs[c] for c in range(grid.n_cols)]
    if grid.n_cols > 1 and widths[0] <= NARROW_COLUMN_SHARE * max(widths):
        return 0
    return None


_QUOTE_PAIRS = (("«", "»"), ("„", "“"), ("“", "”"))
_LONE_QUOTES = "“”„\"‚`'‘’"


_LEADING_SPECKS = regex.compile(r"^[_~`‚,.·]+(?=[-–—•\p{L}\d«(])")


def drop_leading_specks(line: str) -> str:
    """No line starts with an underscore, comma or dot: "_- Проведение" -> "- Проведение"."""
    return _LEADING_SPECKS.sub("", line)


def drop_stray_quotes(lines: Sequence[str]) -> tuple[str, ...]:
    """Quote marks glued to a word that have no partner in the cell are specks: "“общественного".

    Russian plans quote with « »; a „ “ / “ ” pair is kept when both halves are there.
    """
    text = "\n".join(lines)
    keep: set[str] = set()
    for a, b in _QUOTE_PAIRS:
        if a in text and b in text and a != b:
            keep |= {a, b}
    if text.count('"') % 2 == 0 and '"' in text:
        keep.add('"')
    out = []
    for line in lines:
        words = []
        for word in line.split(" "):
            core = word.strip(_LONE_QUOTES)
            if core and core != word and any(ch.isalnum() for ch in core):
                lead = word[: len(word) - len(word.lstrip(_LONE_QUOTES))]
                trail = word[len(word.rstrip(_LONE_QUOTES)) :]
                lead = "".join(ch for ch in lead if ch in keep)
                trail = "".join(ch for ch in trail if ch in keep or ch in "'’")  # apostrophes in names
                word = lead + core + trail
            words.append(word)
        out.append(" ".join(words))
    return tuple(out)


_ROMAN_PERIOD = regex.compile(
    r"(?<![\p{L}\d])(ТГ|ГУ|ТУ|IУ|1У|П|Ш|Г|Т|Il|ll|lI|Ill|lll)\s*(?=(?:-?(?:й|е|го|ом))?\s*(?:полугод|кв(?:артал|\.)))"
)
_ROMAN_PERIOD_MAP = {"ТГ": "I", "Г": "I", "Т": "I", "П": "II", "Il": "II", "ll": "II", "lI": "II", "Ш": "III",
                     "Ill": "III", "lll": "III", "ГУ": "IV", "ТУ": "IV", "IУ": "IV", "1У": "IV"}  # fmt: skip


def repair_roman_periods(text: str) -> str:
    """Roman numbers misread before "полугодие"/"квартал": "П полугодие" -> "II полугодие"."""
    return _ROMAN_PERIOD.sub(lambda m: _ROMAN_PERIOD_MAP[m.group(1)] + " ", text)


def _to_points(w: Word, scale: float) -> Word:
    return Word(w.text, w.x0 * scale, w.x1 * scale, w.top * scale, w.bottom * scale)


def _straddles(w: Word, cell: ocr_grid.GridCell) -> bool:
    """The word reaches well past its cell's left or right rule."""
    width = max(1.0, w.x1 - w.x0)
    return (cell.box.x0 - w.x0) > 0.25 * width or (w.x1 - cell.box.x1) > 0.25 * width


def grid_table(
    grid: ocr_grid.Grid, words: Sequence[OcrWord], ink: np.ndarray, dpi: float, page: int
) -> tuple[Table, TableInfo, list[OcrWord], int]:
    """The Table for one ruled grid, what its columns are, the words it did not take, marks decided by ink.

    Cell text follows the PDF reader's rules (``pdf_tables.cell_lines``, on word
    boxes converted to points): lines wrapped by the cell width joined into
    paragraphs, blank lines for vertical gaps and for text starting below the
    row's first line, words broken by a narrow cell glued back.
    """
    scale = 72.0 / dpi
    inside: dict[ocr_grid.GridCell, list[Word]] = {cell: [] for cell in grid.cells}
    unsure: dict[ocr_grid.GridCell, list[tuple[str, float]]] = {}
    rest: list[OcrWord] = []
    for ow in words:
        w = ow.word
        cx, cy = (w.x0 + w.x1) / 2, w.middle
        cell = next((k for k in grid.cells if k.box.contains(cx, cy)), None)
        if cell is None:
            rest.append(ow)
        elif _MARK_GLYPHS.match(w.text) and _straddles(w, cell):
            continue  # marks of neighbouring cells read as one word ("++"): ink decides each cell
        else:
            inside[cell].append(_to_points(w, scale))
            if ow.conf < OCR_DOUBT_CONF and any(ch.isalnum() for ch in w.text):
                unsure.setdefault(cell, []).append((w.text, ow.conf))
    pitch = learn_pitch([ws for ws in inside.values() if ws])
    row_top: dict[int, float] = {}
    for k, ws in inside.items():
        mid = first_middle(ws)
        if mid is not None and k.r1 - k.r0 == 1:
            row_top[k.r0] = min(mid, row_top.get(k.r0, mid))
    plain = {(k.r0, k.c0): tuple(" ".join(w.text for w in ln) for ln in group_lines(ws)) for k, ws in inside.items()}
    header_rows = _header_rows(grid.n_rows, plain)
    mark_cols = _mark_columns(grid, plain, header_rows)
    number_col = _number_column(grid, plain, header_rows)
    texts: dict[tuple[int, int], tuple[str, ...]] = {}
    for k, ws in inside.items():
        box = (k.box.x0 * scale, k.box.x1 * scale)
        if k.r0 < header_rows:
            texts[(k.r0, k.c0)] = _joined_header(cell_lines(ws, [], pitch, None, box))
        else:
            found = cell_lines(ws, [], pitch, row_top.get(k.r0), box)
            texts[(k.r0, k.c0)] = drop_stray_quotes([drop_leading_specks(t) for t in found])
    margin = ocr_grid.cell_margin(grid, dpi)
    density = ocr_grid.ink_density(ink, dpi) if mark_cols else ink
    owner_of = {(r, c): k for k in grid.cells for r in range(k.r0, k.r1) for c in range(k.c0, k.c1)}
    decided = 0
    rows: list[tuple[Cell, ...]] = []
    for r in range(grid.n_rows):
        row: list[Cell] = []
        for c in range(grid.n_cols):
            owner = owner_of[(r, c)]
            if owner.c0 != c:  # inside a horizontal merge: the owner's colspan covers it
                row.append(Cell(()))
                continue
            lines = texts[(owner.r0, owner.c0)]
            span = owner.c1 - owner.c0
            body = r >= header_rows
            if body and span == 1 and c in mark_cols and owner.r1 - owner.r0 == 1:
                share = ocr_grid.mark_ink(density, ink, owner.box, margin, dpi)
                text, by_ink = _ink_cell_text(" ".join(lines), share)
                decided += by_ink
                lines = (text,) if text else ()
            elif body and span >= grid.n_cols - 1:
                pass  # heading rows: section numbers are repaired over the whole document
            elif body and c == number_col and lines:
                lines = number_cell(lines)
            elif body:
                lines = tuple(repair_roman_periods(ln) for ln in lines)
            doubt = () if (c in mark_cols and span == 1) or not body else tuple(t for t, _ in unsure.get(owner, ()))
            row.append(Cell(lines, span, continued=owner.r0 != r, unsure=doubt))
        rows.append(tuple(row))
    doubts = tuple(
        (k.r0, text, conf)
        for k, found in sorted(unsure.items(), key=lambda kv: (kv[0].r0, kv[0].c0))
        if k.r0 >= header_rows and not (k.c0 in mark_cols and k.c1 - k.c0 == 1)  # marks: ink decides
        for text, conf in found
    )
    info = TableInfo(header_rows, frozenset(mark_cols), number_col, doubts)
    return Table(tuple(rows), page, 0), info, rest, decided


def read_page(gray: np.ndarray, dpi: float, page: int) -> PageResult:
    """One page image (uint8 grayscale) -> blocks in reading order."""
    result = PageResult(page)
    level, angle = ocr_grid.deskew(gray, dpi)
    result.skew = angle
    if abs(angle) >= ocr_grid.MIN_SKEW_DEG:
        result.notes.append(f"page {page}: deskewed by {angle:+.2f}°")
    dark = ocr_grid.binarize(level, dpi)
    faint = ocr_grid.faint_ink(level, dpi)
    # Rules are found on the lenient mask: a thin blurred rule breaks up at the text threshold.
    hmask, vmask = ocr_grid.ruling_masks(faint, dpi)
    grids = ocr_grid.find_grids(hmask, vmask, dpi)
    rules = ocr_grid.rule_pixels(grids, hmask, vmask, dark) if grids else np.zeros_like(dark)
    ink = faint & ~rules
    psm = PSM if grids else PSM_NO_GRID
    # Tesseract reads the cleaned binary page (specks gone, rules painted out): on the noisy
    # samples this beat handing it the grey page.
    # Specks that touched a rule are alone once it is gone: despeckle again.
    text_ink = ocr_grid.despeckle(dark & ~rules, dpi) if grids else dark
    ocr_image = np.where(text_ink, 0, 255).astype(np.uint8)
    words, dropped = _clean_words(parse_tsv(run_tesseract(ocr_image, dpi, psm)), text_ink)
    if dropped:
        result.notes.append(f"page {page}: {dropped} OCR fragments of ruling lines or specks dropped")
    # Blocks top to bottom: free text above/between/below the grids, each grid one Table.
    free = words
    tables: list[tuple[float, Table, TableInfo]] = []
    for grid in grids:
        table, info, free, decided = grid_table(grid, free, ink, dpi, page)
        tables.append((grid.ys[0], table, info))
        if decided:
            result.notes.append(f"page {page}: {decided} month marks decided by ink (OCR missed or misread them)")
    tops = [g.ys[0] for g in grids] + [float("inf")]
    bands: dict[float, list[OcrWord]] = {}
    for ow in free:
        bands.setdefault(next(t for t in tops if ow.word.middle < t), []).append(ow)
    origin = min((ow.word.x0 for ow in words), default=0.0)
    items: list[tuple[float, int, object]] = [(top - 0.5, 0, ws) for top, ws in bands.items()]
    items += [(top, 1, (table, info)) for top, table, info in tables]
    number = 1
    for _, kind, item in sorted(items, key=lambda p: (p[0], p[1])):
        if kind == 1:
            table, info = item  # type: ignore[misc]
            result.info[len(result.blocks)] = info
            result.blocks.append(Table(table.rows, page, number))
            number += len(table.rows)
        else:
            band: list[OcrWord] = item  # type: ignore[assignment]
            lines = words_to_lines([ow.word for ow in band], page, number, origin)
            conf = {id(ow.word): ow.conf for ow in band}
            for k, line in enumerate(group_lines([ow.word for ow in band])):
                result.line_doubts.extend(
                    (number + k, w.text, conf[id(w)])
                    for w in line
                    if conf[id(w)] < OCR_DOUBT_CONF and any(ch.isalnum() for ch in w.text)
                )
            result.blocks.extend(lines)
            number += len(lines)
    return result


# ---------------------------------------------------------------- documents


def _norm(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _is_speck(block: Block) -> bool:
    return isinstance(block, Line) and len(block.text.strip()) < 4


def _is_repeated_header(rows: Sequence[tuple[Cell, ...]], header: Sequence[tuple[Cell, ...]]) -> bool:
    """The page's first rows repeat the header of the table they continue (loosely: OCR differs)."""
    if len(rows) < len(header) or not header:
        return False
    a = [_norm(c.text) for row in rows[: len(header)] for c in row]
    b = [_norm(c.text) for row in header for c in row]
    filled = [k for k, t in enumerate(b) if t]
    same = sum(1 for k in filled if a[k][:3] == b[k][:3])
    return bool(filled) and same >= 0.6 * len(filled)


def _continues_row(row: tuple[Cell, ...], previous: tuple[Cell, ...], info: TableInfo, n_cols: int) -> bool:
    """The rest of a row split by the page break: no item number in a numbered table (and no
    heading), or what the PDF reader takes for one (``pdf_tables.is_row_continuation``)."""
    if any(c.colspan >= n_cols - 1 for c in row) or not any(c.text for c in row):
        return False
    if info.number_col is not None and not row[info.number_col].text and any(c.text for c in previous):
        return True
    return is_row_continuation(row, previous)


def _merge_rows(a: tuple[Cell, ...], b: tuple[Cell, ...], info: TableInfo) -> tuple[Cell, ...]:
    out = []
    for c, (x, y) in enumerate(zip(a, b, strict=True)):
        doubt = (*x.unsure, *y.unsure)
        if c in info.mark_cols and x.text in MARKS and (not y.text or y.text in MARKS):
            out.append(x)
        elif c in info.mark_cols and y.text in MARKS and not x.text:
            out.append(Cell(y.lines, x.colspan, x.continued, doubt))
        else:
            out.append(Cell(tuple(ln for ln in (*x.lines, *y.lines)), x.colspan, x.continued, doubt))
    return tuple(out)


def _join_pages(pages: Sequence[PageResult]) -> tuple[list[Block], dict[int, TableInfo], list[str]]:
    """All blocks, the info of every table (by block index), notes.

    A table continued on the next page joins the table it continues: the
    continuation starts the page (nothing but specks above it), has the same
    columns, and either repeats the header rows (dropped) or has none.  Its
    first row, when it is the rest of the row the page break split
    (``_continues_row``), joins that row.
    """
    blocks: list[Block] = []
    infos: dict[int, TableInfo] = {}
    notes: list[str] = []
    for page in pages:
        notes.extend(page.notes)
        first = next((k for k, b in enumerate(page.blocks) if isinstance(b, Table)), None)
        tail = len(blocks)
        while tail and _is_speck(blocks[tail - 1]):  # page numbers, stray marks under the last table
            tail -= 1
        prev = blocks[tail - 1] if tail else None
        prev_info = infos.get(tail - 1)
        table = page.blocks[first] if first is not None else None
        if (
            isinstance(table, Table)
            and isinstance(prev, Table)
            and prev_info is not None
            and first is not None
            and all(_is_speck(b) for b in page.blocks[:first])
            and prev.rows
            and table.rows
            and len(prev.rows[0]) == len(table.rows[0])
        ):
            info = page.info[first]
            rows = list(table.rows)
            dropped = info.header_rows if _is_repeated_header(rows, prev.rows[: prev_info.header_rows]) else 0
            rows = rows[dropped:]
            merged = list(prev.rows)
            joined = bool(
                rows
                and len(merged) > prev_info.header_rows
                and _continues_row(rows[0], merged[-1], prev_info, len(rows[0]))
            )
            if joined:
                merged[-1] = _merge_rows(merged[-1], rows.pop(0), prev_info)
                notes.append(f"page {page.number}: first row continues the last row of page {page.number - 1}")
            base = len(merged) - (1 if joined else 0)  # part row ``dropped`` lands here
            moved = tuple((base + r - dropped, t, c) for r, t, c in info.doubts if r >= dropped)
            del blocks[tail:]
            blocks[-1] = Table(tuple(merged + rows), prev.page, prev.number)
            infos[len(blocks) - 1] = TableInfo(
                prev_info.header_rows, prev_info.mark_cols, prev_info.number_col, prev_info.doubts + moved
            )
            notes.append(f"page {page.number}: table continues the one on page {prev.page}")
            rest = range(first + 1, len(page.blocks))
        else:
            rest = range(len(page.blocks))
        for k in rest:
            if k in page.info:
                infos[len(blocks)] = page.info[k]
            blocks.append(page.blocks[k])
    return blocks, infos, notes


def _doubt_notes(blocks: Sequence[Block], infos: dict[int, TableInfo], pages: Sequence[PageResult]) -> list[str]:
    """One note per word Tesseract was unsure of, at the page and line its row will carry."""
    out = []
    for k, info in sorted(infos.items()):
        table = blocks[k]
        assert isinstance(table, Table)
        for r, text, conf in info.doubts:
            out.append(f"OCR unsure: page {table.page} line {table.number + r}: {text!r} ({conf:.0f}%)")
    for page in pages:
        for line, text, conf in page.line_doubts:
            out.append(f"OCR unsure: page {page.number} line {line}: {text!r} ({conf:.0f}%)")
    return out


_ROMAN = regex.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
# Glyphs OCR makes of Roman numerals in bold headings ("ТГ", "П", "Ш", "ГУ", "У!" ...); digits excluded:
# a heading numbered "1" is Arabic.
_ROMAN_LOOKALIKE = regex.compile(r"^[ІIlТГП!|ШУVХX]{1,4}$")
_HEADING_START = regex.compile(r"^(\S{1,4}?)([.)]?)\s+(?=\p{Lu})")


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for k, ch in enumerate(text):
        v = values[ch]
        total += -v if k + 1 < len(text) and values[text[k + 1]] > v else v
    return total


def repair_section_numbers(blocks: Sequence[Block]) -> tuple[list[Block], int]:
    """Misread Roman numbers of heading rows, in document order: "ТГ Аналитическая ..." -> "I ...".

    A heading row is a row whose first cell spans the table.  Its leading token,
    when it is no Roman number but made of glyphs OCR makes of one, becomes the
    number that follows the previous heading's (I for the first).
    """
    out: list[Block] = []
    last = 0
    fixed = 0
    for block in blocks:
        if not isinstance(block, Table) or not block.rows:
            out.append(block)
            continue
        n_cols = len(block.rows[0])
        rows = []
        for row in block.rows:
            cell = row[0]
            m = _HEADING_START.match(cell.lines[0]) if cell.lines and cell.colspan >= max(2, n_cols - 1) else None
            if m and not cell.continued:
                token = m.group(1)
                if _ROMAN.match(token):
                    last = _from_roman(token)
                elif _ROMAN_LOOKALIKE.match(token):
                    last += 1
                    fixed += 1
                    first = _to_roman(last) + m.group(2) + " " + cell.lines[0][m.end() :]
                    row = (Cell((first, *cell.lines[1:]), cell.colspan, cell.continued, cell.unsure), *row[1:])
            rows.append(row)
        out.append(Table(tuple(rows), block.page, block.number))
    return out, fixed


def _document(path: Path, fmt: SourceFormat, images: Iterator[tuple[np.ndarray, float]]) -> Document:
    first = next(images, None)  # a corrupt file is reported as such even without tesseract
    if first is None:
        raise ReadError("no pages")
    check_tesseract()
    pages = [read_page(gray, dpi, k) for k, (gray, dpi) in enumerate(itertools.chain([first], images), 1)]
    blocks, infos, notes = _join_pages(pages)
    blocks, fixed = repair_section_numbers(blocks)
    if fixed:
        notes.append(f"{fixed} section number(s) misread by OCR repaired from their order")
    if not any(isinstance(b, Table) or (isinstance(b, Line) and b.text.strip()) for b in blocks):
        raise ReadError("OCR found no text on any page (blank or unreadable scan)")
    notes.insert(0, f"OCR (tesseract -l {LANGUAGES}) of {len(pages)} page(s)")
    notes.extend(_doubt_notes(blocks, infos, pages))
    return Document(path.name, fmt, tuple(blocks), None, tuple(notes))


def _pdf_pages(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocumentError("the PDF is password-protected") from exc
        raise ReadError(f"corrupt or unreadable PDF ({exc})") from exc
    try:
        if len(pdf) == 0:
            raise ReadError("the PDF has no pages")
        for page in pdf:
            bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
            img = bitmap.to_pil().convert("L")
            yield np.asarray(img), float(RENDER_DPI)
    finally:
        pdf.close()


def _scale_for(img: Image.Image) -> tuple[float, float]:
    """(scale factor, dpi after scaling) for an image of unknown or low resolution."""
    dpi_tag = img.info.get("dpi")
    dpi = float(dpi_tag[0]) if dpi_tag and dpi_tag[0] and dpi_tag[0] > 1 else None
    if dpi is None or dpi < 72:
        dpi = max(img.size) / A4_LONG_IN  # assume a full A4 page
    scale = min(MAX_UPSCALE, OCR_DPI / dpi) if dpi < OCR_DPI * 0.9 else 1.0
    return scale, dpi * scale


def _to_gray(img: Image.Image) -> Image.Image:
    """8-bit grayscale; 16/32-bit scans are stretched to 0-255 rather than clipped."""
    if img.mode in {"I", "I;16", "I;16B", "I;16L", "F"}:
        a = np.asarray(img, dtype=np.float64)
        lo, hi = float(a.min()), float(a.max())
        a = (a - lo) * (255.0 / (hi - lo)) if hi > lo else np.full(a.shape, 255.0)
        return Image.fromarray(a.astype(np.uint8))
    return img.convert("L")


def _image_pages(path: Path) -> Iterator[tuple[np.ndarray, float]]:
    try:
        img = Image.open(path)
        frames = ImageSequence.Iterator(img)
        for frame in frames:
            frame.load()
            page = ImageOps.exif_transpose(frame.copy()) or frame.copy()
            if page.mode in {"RGBA", "LA", "P", "PA"}:
                page = page.convert("RGBA")
                white = Image.new("RGBA", page.size, (255, 255, 255, 255))
                page = Image.alpha_composite(white, page)
            scale, dpi = _scale_for(frame)
            gray = _to_gray(page)
            if scale > 1.0:
                size = (round(gray.width * scale), round(gray.height * scale))
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            yield np.asarray(gray), dpi
    except Image.DecompressionBombError as exc:
        raise ReadError(f"the image is too large to read safely ({exc})") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ReadError(f"corrupt or unsupported image ({exc})") from exc


def read_scanned_pdf(path: Path) -> Document:
    """A PDF read by OCR (pages rendered at RENDER_DPI), whatever its text layer holds."""
    return _document(path, SourceFormat.PDF, _pdf_pages(path))


def read_image(path: Path) -> Document:
    """PNG/JPEG/TIFF (multi-page TIFF: one page per frame) read by OCR."""
    return _document(path, SourceFormat.IMAGE, _image_pages(path))
