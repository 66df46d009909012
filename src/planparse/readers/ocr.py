"""Scanned PDFs and images: Tesseract word boxes, ruled grids read by their lines and ink.

Per page:

1. render (PDF pages with pypdfium2 at ``RENDER_DPI``; images as they are,
   small ones scaled up towards ``OCR_DPI``), grayscale;
2. deskew: the angle is estimated from the horizontal projection profile of the
   ink (ruling lines and text baselines), the page is rotated back with Pillow;
3. ruling lines are found on the binarized page (``ocr_grid``); when they
   enclose a grid, the rules are painted out before OCR so Tesseract sees only
   text;
4. one Tesseract call per page (``-l rus``, TSV output) gives word boxes;
5. words inside a ruled grid become the cells of a ``Table`` (lines grouped with
   ``geometry.group_lines``); words outside grids become position-aligned
   ``Line`` blocks (``geometry.words_to_lines``), so a table without rules is
   still readable by the aligned-text parser.

Month marks are decided by ink, not only by OCR text: Tesseract drops lone
small marks and reads "+" as "4", "т", "-|-" ...  In a narrow mark column
(month, quarter or "в течение года" header, or a run of narrow columns) a cell
whose inner ink share reaches ``INK_MARK_SHARE`` becomes "+" when OCR found no
text there or only a mark-like misreading; a cell with real text ("1 раз в год")
keeps its text; a cell without ink keeps only real text.

A table continued on the next page (same columns, no header row of its own,
or a repeated header) is appended to the table it continues.

What was repaired is recorded in ``Document.notes``.
"""

from __future__ import annotations

import csv
import io
import logging
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

log = logging.getLogger(__name__)

TESSERACT = "tesseract"  # the binary (a name on PATH or a path)
MISSING_TESSERACT = "tesseract with the Russian model is needed: apt-get install tesseract-ocr-rus"
LANGUAGES = "rus"  # the Russian model reads the few Latin site names well enough; "+eng" makes Latin look-alikes
PSM = 6  # ruled pages, rules painted out: one uniform block of text lines (finds lone "1." and "+" that psm 11/3 drop)
OCR_GRAY = False
PSM_NO_GRID = 4  # pages without rules: a single column of variable-size text lines
PAGE_TIMEOUT_S = 120
RENDER_DPI = 300  # PDF pages are rendered at this resolution
OCR_DPI = 300  # images below this (by their dpi tag, else by size) are scaled up
MAX_UPSCALE = 3.0
A4_LONG_IN = 11.69
MIN_WORD_INK_PX = 4  # a word box with less ink than this was read from blank paper (a painted-out rule)
MIN_WORD_CONF = 10  # words Tesseract itself is less sure of than this are dropped when they hold no letter/digit

# A mark cell with at least this share of ink (inside the cell minus its margin) is marked.
# Calibrated on 300-dpi renders: an empty cell of a noisy scan after despeckling is
# < 0.05 %, a 6-pt "+" in a 0.3 x 0.25 in cell ~0.9 %, a 12-pt "+" ~3 %.
INK_MARK_SHARE = 0.004
# A column is a narrow mark column when it is at most this share of the widest column...
NARROW_COLUMN_SHARE = 0.25
# ...and at least this many such columns stand side by side (the month run).
MIN_MARK_RUN = 4
# OCR readings of a lone "+" (beyond layouts.base.SUSPECT_MARKS): glyph soup of these characters.
_MARK_GLYPHS = regex.compile(r"^[+\-|‡†тТtfфФ4lI1!iі:.,'`*‘’\"^~_=]{1,4}$")
# Rule debris Tesseract reads at a cell edge.
_DEBRIS = regex.compile(r"^[|\[\]{}_\-—–=~.,:;'`\"«»]+$")
_EDGE_DEBRIS = regex.compile(r"^\|+|\|+$")
# Brackets/braces are rare in plans; at a word's edge they are misread parentheses.
_OPEN_PAREN = regex.compile(r"^[{\[]")
_CLOSE_PAREN = regex.compile(r"[}\]]$")
# Digits misread as letters inside an item number ("б.1", "1О.", "З.2").
_NUMBER_LIKE = regex.compile(r"^(?=.*\d)[\dОOоoЗзбlI|]{1,3}(?:[.,][\dОOоoЗзбlI|]{1,3})*[.,)]?$")
_TO_DIGIT = str.maketrans({"О": "0", "O": "0", "о": "0", "o": "0", "З": "3", "з": "3", "б": "6", "l": "1", "I": "1", "|": "1"})


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
        if _DEBRIS.match(text) and text not in MARKS and (ow.conf < MIN_WORD_CONF or "|" in text or "[" in text):
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
    """"б.1" -> "6.1", "1О." -> "10." for tokens that are item numbers with a misread digit."""
    if _NUMBER_LIKE.match(text) and not text.isdigit():
        fixed = text.translate(_TO_DIGIT)
        return fixed.replace(",", ".") if regex.fullmatch(r"\d{1,3}(?:,\d{1,3})+[.,]?", fixed) else fixed
    return text


# ---------------------------------------------------------------- pages


@dataclass(frozen=True, slots=True)
class TableInfo:
    """What the reader learnt about a table's columns (used to join pages)."""

    header_rows: int
    mark_cols: frozenset[int]
    number_col: int | None


@dataclass
class PageResult:
    number: int
    blocks: list[Block] = field(default_factory=list)
    info: dict[int, TableInfo] = field(default_factory=dict)  # block index -> table info
    notes: list[str] = field(default_factory=list)
    skew: float = 0.0


def _ink_cell_text(text: str, ink: float) -> tuple[str, bool]:
    """(text for a mark-column cell, whether ink decided it)."""
    t = " ".join(text.split())
    inked = ink >= INK_MARK_SHARE
    if not t:
        return ("+", True) if inked else ("", False)
    if t in MARKS:
        return t, False
    if t in SUSPECT_MARKS or _MARK_GLYPHS.match(t):
        if inked:
            return "+", True
        return ("", True) if _DEBRIS.match(t) else (t, False)
    return t, False


def _role(lines: Sequence[str]) -> str:
    """Header role of a cell; a word wrapped inside a narrow cell ("Янва" / "рь") is tried joined."""
    kind = header_role(" ".join(lines)).kind
    if kind == "unknown" and len(lines) > 1:
        kind = header_role("".join(lines)).kind
    return kind


def _joined_header(lines: tuple[str, ...]) -> tuple[str, ...]:
    """A month name wrapped inside its narrow header cell, as one line."""
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


def _line_pitch(cells: Sequence[Sequence[Sequence[Word]]]) -> float:
    """Distance between consecutive text lines of one paragraph (median over all cells)."""
    heights = [w.height for lines in cells for line in lines for w in line if any(ch.isalpha() for ch in w.text)]
    h = median_or(heights, 30.0)
    gaps = [
        b[0].middle - a[0].middle
        for lines in cells
        for a, b in zip(lines, lines[1:], strict=False)
        if 0.8 * h <= b[0].middle - a[0].middle <= 2.2 * h
    ]
    return median_or(gaps, 1.3 * h)


def median_or(values: Sequence[float], default: float) -> float:
    return float(np.median(values)) if len(values) else default


def _with_blanks(lines: list[list[Word]], pitch: float, row_top: float | None) -> tuple[str, ...]:
    """Cell lines as text, with "" for every empty line-height gap (authors align entries with them)."""
    out: list[str] = []
    prev = row_top
    for line in lines:
        mid = float(np.median([w.middle for w in line]))
        if prev is not None:
            out.extend([""] * max(0, round((mid - prev) / pitch) - 1))
        out.append(" ".join(w.text for w in line))
        prev = mid
    return tuple(out)


# Roman section numbers as OCR misreads them at the start of a heading row.
_ROMAN_MISREAD = {
    "I": "I", "l": "I", "|": "I", "1": "I", "Т": "I", "Г": "I", "ТГ": "I", "Ї": "I", "І": "I",
    "II": "II", "П": "II", "Il": "II", "lI": "II", "ll": "II", "11": "II", "ІІ": "II",
    "III": "III", "Ш": "III", "Ill": "III", "lll": "III", "111": "III", "ІІІ": "III",
    "IV": "IV", "ГУ": "IV", "ТУ": "IV", "IУ": "IV", "1V": "IV", "lV": "IV", "ІV": "IV",
    "V": "V", "У": "V",
    "VI": "VI", "УI": "VI", "VІ": "VI", "УТ": "VI", "УГ": "VI", "Уl": "VI", "У1": "VI",
    "VII": "VII", "УП": "VII", "УII": "VII", "Уll": "VII", "VIII": "VIII", "УШ": "VIII", "УIII": "VIII",
    "IX": "IX", "ТХ": "IX", "ГХ": "IX", "1X": "IX", "X": "X", "Х": "X",
}  # fmt: skip


def _repair_heading(text: str) -> str:
    """"ТГ Аналитическая деятельность" -> "I Аналитическая деятельность" (heading rows only)."""
    m = regex.match(r"^(\S{1,4}?)([.)]?)\s+(\p{Lu}\p{Ll}.*)$", text, regex.S)
    if m and m.group(1) in _ROMAN_MISREAD:
        return f"{_ROMAN_MISREAD[m.group(1)]}{m.group(2)} {m.group(3)}"
    return text


def grid_table(
    grid: ocr_grid.Grid, words: Sequence[OcrWord], ink: np.ndarray, dpi: float, page: int
) -> tuple[Table, TableInfo, list[OcrWord], int]:
    """The Table for one ruled grid, what its columns are, the words it did not take, marks decided by ink."""
    inside: dict[ocr_grid.GridCell, list[Word]] = {cell: [] for cell in grid.cells}
    rest: list[OcrWord] = []
    for ow in words:
        w = ow.word
        cx, cy = (w.x0 + w.x1) / 2, w.middle
        cell = next((k for k in grid.cells if k.box.contains(cx, cy)), None)
        if cell is None:
            rest.append(ow)
        else:
            inside[cell].append(w)
    grouped = {cell: group_lines(ws) for cell, ws in inside.items()}
    pitch = _line_pitch(list(grouped.values()))
    plain = {(k.r0, k.c0): tuple(" ".join(w.text for w in ln) for ln in lines) for k, lines in grouped.items()}
    header_rows = _header_rows(grid.n_rows, plain)
    mark_cols = _mark_columns(grid, plain, header_rows)
    number_col = _number_column(grid, plain, header_rows)
    # A row's first text line: leading blank lines of other cells are counted from it.
    row_top: dict[int, float] = {}
    for k, lines in grouped.items():
        if lines and k.r1 - k.r0 == 1:
            mid = float(np.median([w.middle for w in lines[0]]))
            row_top[k.r0] = min(row_top.get(k.r0, mid), mid)
    texts: dict[tuple[int, int], tuple[str, ...]] = {}
    for k, lines in grouped.items():
        if k.r0 < header_rows:
            texts[(k.r0, k.c0)] = _joined_header(plain[(k.r0, k.c0)])
            continue
        top = row_top.get(k.r0)
        texts[(k.r0, k.c0)] = _with_blanks(lines, pitch, top - pitch if top is not None else None)
    margin = ocr_grid.cell_margin(grid, dpi)
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
                text, by_ink = _ink_cell_text(" ".join(lines), ocr_grid.ink_share(ink, owner.box, margin))
                decided += by_ink
                lines = (text,) if text else ()
            elif body and span >= grid.n_cols - 1 and lines:
                lines = (_repair_heading(lines[0]), *lines[1:])
            elif body and c == number_col and lines:
                lines = tuple(" ".join([repair_number(t) for t in ln.split(" ")[:1]] + ln.split(" ")[1:]) for ln in lines)
            row.append(Cell(lines, span, continued=owner.r0 != r))
        rows.append(tuple(row))
    info = TableInfo(header_rows, frozenset(mark_cols), number_col)
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
    rules = ocr_grid.rule_pixels(grids, hmask, vmask) if grids else np.zeros_like(dark)
    ink = faint & ~rules
    psm = PSM if grids else PSM_NO_GRID
    if OCR_GRAY:
        # Grey levels help Tesseract's recogniser; paper everywhere but near kept ink.
        ocr_image = np.where(rules | ~ocr_grid.dilate(dark, 2, 2), 255, level).astype(np.uint8)
    else:
        ocr_image = np.where(rules | ~dark, 255, 0).astype(np.uint8)
    words, dropped = _clean_words(parse_tsv(run_tesseract(ocr_image, dpi, psm)), dark & ~rules)
    if dropped:
        result.notes.append(f"page {page}: {dropped} OCR fragments of ruling lines or specks dropped")
    # Blocks top to bottom: free text above/between/below the grids, each grid one Table.
    free = words
    pending: list[tuple[float, Table | TableInfo | list[OcrWord]]] = []
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
            lines = words_to_lines([ow.word for ow in item], page, number, origin)  # type: ignore[union-attr]
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


def _continues_row(row: tuple[Cell, ...], info: TableInfo, n_cols: int) -> bool:
    """A row without an item number, not a heading: the rest of a row split by the page break."""
    if info.number_col is None or row[info.number_col].text:
        return False
    return not any(c.colspan >= n_cols - 1 for c in row) and any(c.text for c in row)


def _merge_rows(a: tuple[Cell, ...], b: tuple[Cell, ...], info: TableInfo) -> tuple[Cell, ...]:
    out = []
    for c, (x, y) in enumerate(zip(a, b, strict=True)):
        if c in info.mark_cols and x.text in MARKS and (not y.text or y.text in MARKS):
            out.append(x)
        elif c in info.mark_cols and y.text in MARKS and not x.text:
            out.append(Cell(y.lines, x.colspan, x.continued))
        else:
            out.append(Cell(tuple(ln for ln in (*x.lines, *y.lines)), x.colspan, x.continued))
    return tuple(out)


def _join_pages(pages: Sequence[PageResult]) -> tuple[list[Block], list[str]]:
    """All blocks; a table continued on the next page joins the table it continues.

    A continuation starts the page (nothing but specks above it), has the same
    columns, and either repeats the header rows (dropped) or has none.  Its
    first row, when it has no item number and is no heading, is the rest of
    the row the page break split, and joins it.
    """
    blocks: list[Block] = []
    notes: list[str] = []
    last_info: TableInfo | None = None  # of the last table in ``blocks``
    for page in pages:
        notes.extend(page.notes)
        first = next((k for k, b in enumerate(page.blocks) if isinstance(b, Table)), None)
        tail = len(blocks)
        while tail and _is_speck(blocks[tail - 1]):  # page numbers, stray marks under the last table
            tail -= 1
        prev = blocks[tail - 1] if tail else None
        if (
            first is not None
            and isinstance(prev, Table)
            and last_info is not None
            and all(_is_speck(b) for b in page.blocks[:first])
        ):
            table = page.blocks[first]
            assert isinstance(table, Table)
            info = page.info[first]
            if prev.rows and table.rows and len(prev.rows[0]) == len(table.rows[0]):
                n_cols = len(table.rows[0])
                rows = list(table.rows)
                if _is_repeated_header(rows, prev.rows[: last_info.header_rows]):
                    rows = rows[info.header_rows :]
                merged = list(prev.rows)
                if rows and len(merged) > last_info.header_rows and _continues_row(rows[0], last_info, n_cols):
                    merged[-1] = _merge_rows(merged[-1], rows.pop(0), last_info)
                    notes.append(f"page {page.number}: first row continues the last row of page {page.number - 1}")
                del blocks[tail:]
                blocks[-1] = Table(tuple(merged + rows), prev.page, prev.number)
                notes.append(f"page {page.number}: table continues the one on page {prev.page}")
                for k in range(first + 1, len(page.blocks)):
                    blocks.append(page.blocks[k])
                    if k in page.info:
                        last_info = page.info[k]
                continue
        for k, block in enumerate(page.blocks):
            blocks.append(block)
            if k in page.info:
                last_info = page.info[k]
    return blocks, notes


def _document(path: Path, fmt: SourceFormat, images: Iterator[tuple[np.ndarray, float]]) -> Document:
    check_tesseract()
    pages: list[PageResult] = []
    for k, (gray, dpi) in enumerate(images, 1):
        pages.append(read_page(gray, dpi, k))
    if not pages:
        raise ReadError("no pages")
    blocks, notes = _join_pages(pages)
    if not any(isinstance(b, Table) or (isinstance(b, Line) and b.text.strip()) for b in blocks):
        raise ReadError("OCR found no text on any page (blank or unreadable scan)")
    notes.insert(0, f"OCR (tesseract -l {LANGUAGES}) of {len(pages)} page(s)")
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
            gray = page.convert("L")
            if scale > 1.0:
                size = (round(gray.width * scale), round(gray.height * scale))
                gray = gray.resize(size, Image.Resampling.LANCZOS)
            yield np.asarray(gray), dpi
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ReadError(f"corrupt or unsupported image ({exc})") from exc


def read_scanned_pdf(path: Path) -> Document:
    """A PDF read by OCR (pages rendered at RENDER_DPI), whatever its text layer holds."""
    return _document(path, SourceFormat.PDF, _pdf_pages(path))


def read_image(path: Path) -> Document:
    """PNG/JPEG/TIFF (multi-page TIFF: one page per frame) read by OCR."""
    return _document(path, SourceFormat.IMAGE, _image_pages(path))


def page_text(gray: np.ndarray, dpi: float) -> str:
    """Tesseract's plain text for a page (default page segmentation), as an OCR tool gives it."""
    return run_tesseract(gray, dpi, 3, what="txt")
