"""Geometry of ruled PDF tables: cell grid, cell text, tables continued on the next page.

Pure functions over word boxes (``geometry.Word``) and cell boxes; the PDF
reader (``readers.pdf``) feeds them what pdfplumber found on a page.  Nothing
here opens a file, so every rule can be tested with hand-made boxes.

Rules, in the order they apply:

- **Grid.**  Column and row boundaries are the cell edges, clustered within
  ``EDGE_TOLERANCE``.  A cell covering several grid columns keeps its text in
  the first one with ``colspan`` and leaves empty ``Cell(())`` after it; a cell
  covering several rows repeats its text below with ``continued=True``.
- **Cell text.**  Words belong to the cell under their centre; they are
  grouped into visual lines (``geometry.group_lines``) and joined by single
  spaces.  A vertical gap of more than ``BLANK_GAP_LINES`` line pitches
  becomes blank "" lines, one per missing pitch; a cell whose text starts
  lower than the row's first text line gets one leading "" per pitch (entries
  aligned with blank paragraphs).  The pitch is learnt per table from
  consecutive lines.
- **Stacked letters.**  A column of single upright letters ("Я", "н", "в" ...
  one per line) is one vertical word.
- **Broken words.**  A word that a narrow cell broke without a hyphen
  ("Сент" / "ябрь", "Исполнительна" / "я дирекция") is glued back when the
  first part reaches the cell's right edge and the glued word is a dictionary
  word (``rejoin_broken_words``).
- **Paragraphs.**  Lines wrapped by the cell width are joined into one line,
  so a cell holds the paragraphs a DOCX cell holds: a line continues the one
  above when its first word would not have fit there (``is_wrapped``); a
  bullet, or a capital after ":", ";" or ".", always starts a paragraph.  A
  line-end hyphen is kept in compounds ("социально-политической") and dropped
  in soft breaks (``normalize.text.drop_hyphen``).  The blank-line offsets
  above therefore count paragraphs and blank paragraphs, as in DOCX.
- **Rotated text** (chars with ``upright == False``, e.g. month names written
  bottom-to-top in narrow header cells) is read along its own direction: text
  turned counter-clockwise reads bottom-to-top and its lines go left to
  right, text turned clockwise the other way round.
- **Continued tables.**  A table at the top of a page continues the table at
  the bottom of the previous page when its column boundaries are the same
  (within ``COLUMN_TOLERANCE``; a subset is enough, its cells are then mapped
  onto the first part's columns).  A header row repeated on the new page is
  dropped.  The part's first row is the rest of a row broken by the page end
  when its first cell is empty and a filled cell starts in lower case, or when
  it leaves empty a cell the row above fills and every filled cell goes on
  with the row above (lower case, or a bullet continuing a bulleted list);
  its cell lines are then appended to the row above (``is_row_continuation``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

import regex

from planparse.model import Cell
from planparse.readers.geometry import Word, group_lines

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber order)
_BULLET = regex.compile(r"^(?:[-–—•·●▪*]|\d{1,3}[.)])\s")
_HYPHEN_END = regex.compile(r"(\p{L}+)-$")
_FIRST_WORD = regex.compile(r"\p{L}+")

# Cell edges closer than this (points) are one grid boundary.
EDGE_TOLERANCE = 2.0
# Column boundaries of two table parts closer than this (points) are the same column.
COLUMN_TOLERANCE = 3.0
# A vertical gap of more than this many line pitches holds blank lines.
BLANK_GAP_LINES = 1.5
# Line pitch relative to the word height when a table has no two consecutive lines.
DEFAULT_PITCH = 1.17
# Steps up to this share of the word height count as consecutive lines when learning the pitch.
CONSECUTIVE_MAX = 1.45
# At least this many single letters stacked one per line are one vertical word.
MIN_STACKED_LETTERS = 3
# Points of slack when deciding that a line reached the cell's inner right edge.
BREAK_SLACK = 2.0
# A cell whose first line starts this many line pitches below the row's first line gets
# leading blank lines (one per pitch): the author aligned it with blank paragraphs.
LEADING_GAP_LINES = 0.75
# Join visual lines wrapped by the cell width into paragraphs, as DOCX cells hold them.
JOIN_WRAPPED_LINES = True
# Width of a space relative to the font size (word height), and tolerance (points) of the fit test.
SPACE_WIDTH = 0.25
WRAP_SLACK = 0.5
# Cell padding (points) assumed at most when measuring the text width of a cell.
MAX_CELL_PAD = 8.0
# How many leading rows of a new page part are compared with the first part's header.
MAX_HEADER_ROWS = 3


@dataclass(frozen=True, slots=True)
class Rotated:
    """A word whose chars are not upright; ``text`` already in reading order."""

    word: Word
    ccw: bool  # turned counter-clockwise: reads bottom-to-top


@dataclass(slots=True)
class Grid:
    """Grid boundaries and the cells placed on them (grid index ranges, end exclusive)."""

    xs: list[float]
    ys: list[float]
    spans: list[tuple[int, int, int, int]]  # r0, r1, c0, c1
    cover: list[list[int | None]]  # [row][col] -> index into spans

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _cluster(values: Sequence[float], tol: float = EDGE_TOLERANCE) -> list[float]:
    """Sorted values with near-equal ones merged (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(bounds: Sequence[float], value: float) -> int:
    """Index of the boundary nearest to ``value``."""
    k = bisect_right(bounds, value)
    if k == 0:
        return 0
    if k == len(bounds):
        return len(bounds) - 1
    return k if bounds[k] - value < value - bounds[k - 1] else k - 1


def build_grid(cells: Sequence[BBox]) -> Grid:
    """The grid that the cell boxes of one table occupy."""
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    cover: list[list[int | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    spans: list[tuple[int, int, int, int]] = []
    for x0, top, x1, bottom in cells:
        c0, c1, r0, r1 = _index(xs, x0), _index(xs, x1), _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        k = len(spans)
        spans.append((r0, r1, c0, c1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                if cover[r][c] is None:
                    cover[r][c] = k
    return Grid(xs, ys, spans, cover)


def cell_at(grid: Grid, x: float, y: float) -> int | None:
    """Index of the cell (into ``grid.spans``) under the point, None outside every cell."""
    c = bisect_right(grid.xs, x) - 1
    r = bisect_right(grid.ys, y) - 1
    if 0 <= r < grid.n_rows and 0 <= c < grid.n_cols:
        return grid.cover[r][c]
    return None


def learn_pitch(word_groups: Sequence[Sequence[Word]]) -> float:
    """Line pitch (points) of a table from consecutive lines inside its cells."""
    heights = [w.height for words in word_groups for w in words if w.height > 0]
    if not heights:
        return 12.0
    h = median(heights)
    steps: list[float] = []
    for words in word_groups:
        lines = group_lines(words)
        mids = [median(w.middle for w in line) for line in lines]
        steps.extend(b - a for a, b in zip(mids, mids[1:], strict=False) if 0.8 * h <= b - a <= CONSECUTIVE_MAX * h)
    return median(steps) if steps else DEFAULT_PITCH * h


def _blanks(step: float, pitch: float) -> int:
    """Blank lines held by the distance between two line middles."""
    if step <= BLANK_GAP_LINES * pitch:
        return 0
    return max(0, round(step / pitch) - 1)


def first_middle(words: Sequence[Word]) -> float | None:
    """Middle of the first visual line of the words (None without words)."""
    if not words:
        return None
    lines = group_lines(words)
    return median(w.middle for w in lines[0])


def rotated_lines(words: Sequence[Rotated]) -> list[str]:
    """Rotated words as text lines: one line per column of words, in reading order."""
    if not words:
        return []
    ccw = sum(r.ccw for r in words) * 2 >= len(words)
    columns: list[list[Word]] = []
    for w in sorted((r.word for r in words), key=lambda w: (w.x0 + w.x1) / 2):
        mid = (w.x0 + w.x1) / 2
        if columns and columns[-1][-1].x0 <= mid <= columns[-1][-1].x1:
            columns[-1].append(w)
        else:
            columns.append([w])
    if not ccw:
        columns.reverse()
    out = []
    for col in columns:
        col.sort(key=lambda w: -w.bottom if ccw else w.top)
        out.append(" ".join(w.text for w in col))
    return out


def _unstack(lines: list[str]) -> list[str]:
    """Single letters stacked one per line are one vertical word."""
    printed = [t for t in lines if t]
    if len(printed) >= MIN_STACKED_LETTERS and all(len(t) == 1 and t.isalpha() for t in printed):
        return ["".join(printed)]
    return lines


def _is_word(text: str) -> bool:
    return text.isalpha()


def rejoin_broken_words(lines: list[list[Word]], left: float, right: float, pitch: float) -> int:
    """Glue words that a too-narrow cell broke without a hyphen ("Сент" / "ябрь").

    A break is forced when the line ends at the cell's inner right edge (the
    next line's first letter would not have fit), the next line follows
    directly and starts in lower case, and the glued word is a dictionary
    word.  The fragment moves up; a line left empty is dropped.  Returns the
    number of words glued.
    """
    glued = 0
    pad = max(0.0, min(line[0].x0 for line in lines) - left)
    k = 0
    while k + 1 < len(lines):
        line, nxt = lines[k], lines[k + 1]
        last, first = line[-1], nxt[0]
        step = median(w.middle for w in nxt) - median(w.middle for w in line)
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        if (
            step <= BLANK_GAP_LINES * pitch
            and last.x1 + letter > right - pad - BREAK_SLACK
            and _is_word(last.text)
            and first.text[:1].islower()
            and _is_word(first.text.rstrip(",.;:)»"))
        ):
            from planparse.normalize.text import is_known_word  # pymorphy3, loaded only when needed

            core = first.text.rstrip(",.;:)»")
            if is_known_word(last.text + core):
                line[-1] = Word(last.text + first.text, last.x0, last.x1, last.top, last.bottom)
                del nxt[0]
                glued += 1
                if not nxt:
                    del lines[k + 1]
                    continue
        k += 1
    return glued


def _starts_paragraph(text: str) -> bool:
    return bool(_BULLET.match(text))


def _ends_sentence(left: str, right: str) -> bool:
    return left.rstrip()[-1:] in {":", ";", "."} and right[:1].isupper()


def is_wrapped(prev: Sequence[Word], line: Sequence[Word], inner_width: float) -> bool:
    """The line goes on with the paragraph of ``prev``: its first word did not fit after ``prev``.

    Word processors move a word to the next line only when it does not fit;
    a line that ends early therefore ends its paragraph.  Bullets and a
    sentence end before a capital always start a new paragraph.
    """
    left = " ".join(w.text for w in prev)
    right = " ".join(w.text for w in line)
    if _starts_paragraph(right) or _ends_sentence(left, right):
        return False
    space = SPACE_WIDTH * median(w.height for w in prev)
    needed = (prev[-1].x1 - prev[0].x0) + space + (line[0].x1 - line[0].x0)
    return needed > inner_width - WRAP_SLACK


def glue(left: str, right: str) -> str:
    """Join a wrapped line to its paragraph; a line-end hyphen is dropped only in a soft break."""
    m = _HYPHEN_END.search(left)
    first = _FIRST_WORD.match(right)
    if m and first:
        from planparse.normalize.text import drop_hyphen  # pymorphy3, loaded only when needed

        return left[:-1] + right if drop_hyphen(m.group(1), first.group(0)) else left + right
    return f"{left} {right}"


def cell_lines(
    words: Sequence[Word],
    rotated: Sequence[Rotated],
    pitch: float,
    row_top: float | None = None,
    box: tuple[float, float] | None = None,
) -> tuple[str, ...]:
    """A cell's paragraphs with blank lines for vertical gaps (see module doc).

    ``row_top`` is the middle of the row's first text line: a cell whose text
    starts lower gets leading blank lines.  ``box`` is the cell's (left, right)
    edge, used to glue words broken by a narrow cell and to join wrapped lines
    into paragraphs (``JOIN_WRAPPED_LINES``).
    """
    out: list[str] = []
    lines = group_lines(words)
    stacked = _unstack([" ".join(w.text for w in line) for line in lines])
    if len(lines) > 1 and len(stacked) == 1:
        return (*stacked, *rotated_lines(rotated))
    inner_width = 0.0
    if box is not None and lines:
        if len(lines) > 1:
            rejoin_broken_words(lines, box[0], box[1], pitch)
        pad = min(max(0.0, min(line[0].x0 for line in lines) - box[0]), MAX_CELL_PAD)
        inner_width = box[1] - box[0] - 2 * pad
    prev: list[Word] | None = None
    prev_mid = 0.0
    for line in lines:
        mid = median(w.middle for w in line)
        text = " ".join(w.text for w in line)
        if prev is not None:
            blanks = _blanks(mid - prev_mid, pitch)
            if not blanks and JOIN_WRAPPED_LINES and inner_width and is_wrapped(prev, line, inner_width):
                out[-1] = glue(out[-1], text)
                prev, prev_mid = line, mid
                continue
            out.extend([""] * blanks)
        elif row_top is not None and mid - row_top > LEADING_GAP_LINES * pitch:
            out.extend([""] * round((mid - row_top) / pitch))  # the row's first line is line 0
        out.append(text)
        prev, prev_mid = line, mid
    out.extend(rotated_lines(rotated))
    return tuple(out)


@dataclass(slots=True)
class PendingTable:
    """One ruled table of one page, before it is built (it may continue on the next page)."""

    grid: Grid
    lines: list[tuple[str, ...]]  # per span in grid.spans
    page: int
    number: int
    top: float
    bottom: float
    parts: list[PendingTable] = field(default_factory=list)  # continuation parts, in order

    @property
    def n_cells(self) -> int:
        return len(self.grid.spans)


def same_columns(a: Sequence[float], b: Sequence[float], tol: float = COLUMN_TOLERANCE) -> bool:
    """b's column boundaries are a's, or a subset of them with the same outer edges."""
    if len(b) < 2 or len(b) > len(a):
        return False
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    return all(min(abs(x - y) for y in a) <= tol for x in b)


def _column_map(target: Sequence[float], own: Sequence[float]) -> list[int]:
    return [_index(target, x) for x in own]


def _rows(part: PendingTable, target: Sequence[float]) -> list[list[Cell]]:
    """The part's cells on the target column boundaries."""
    cmap = _column_map(target, part.grid.xs)
    n_cols = len(target) - 1
    rows = [[Cell(())] * n_cols for _ in range(part.grid.n_rows)]
    placed = [[False] * n_cols for _ in range(part.grid.n_rows)]
    for (r0, r1, c0, c1), lines in zip(part.grid.spans, part.lines, strict=True):
        t0, t1 = cmap[c0], cmap[c1]
        if t1 <= t0:
            continue
        for r in range(r0, r1):
            if not placed[r][t0]:
                rows[r][t0] = Cell(lines, t1 - t0, continued=r > r0)
                placed[r][t0] = True
    return rows


def _row_key(row: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(" ".join(c.text.split()) for c in row)


def _starts_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
        if not ch.isspace() and ch not in "-–—•,;(«\"":
            return False
    return False


def is_row_continuation(row: Sequence[Cell], previous: Sequence[Cell] | None = None) -> bool:
    """Whether a part's first row is the rest of the previous part's last row.

    Either its first cell is empty and a filled cell starts in lower case, or
    it leaves empty a cell that ``previous`` fills while each filled cell goes
    on with its counterpart: lower case, or a bullet where the counterpart
    holds bullet lines (a list broken by the page end).
    """
    filled = [k for k, c in enumerate(row) if c.text and not c.continued]
    if not filled:
        return False
    if not row[0].text and any(_starts_lower(row[k].text) for k in filled):
        return True
    if previous is None or len(previous) != len(row):
        return False
    emptied = any(not c.text and p.text for c, p in zip(row, previous, strict=True))
    return emptied and all(
        _starts_lower(row[k].text)
        or (_starts_paragraph(row[k].text) and any(_starts_paragraph(t) for t in previous[k].lines))
        for k in filled
    )


def build_rows(table: PendingTable) -> tuple[tuple[tuple[Cell, ...], ...], list[str]]:
    """The whole table (with its continuation parts) as rows of cells, plus notes."""
    target = table.grid.xs
    rows = _rows(table, target)
    notes: list[str] = []
    for part in table.parts:
        more = _rows(part, target)
        header = [_row_key(r) for r in rows[:MAX_HEADER_ROWS]]
        repeated = 0
        while repeated < len(header) and repeated < len(more) and _row_key(more[repeated]) == header[repeated]:
            repeated += 1
        if repeated:
            notes.append(f"page {part.page}: repeated table header ({repeated} row(s)) dropped")
            more = more[repeated:]
        if more and rows and is_row_continuation(more[0], rows[-1]):
            notes.append(f"page {part.page}: table row broken by the page end joined to the row above")
            first, *more = more
            last = rows[-1]
            for j, cell in enumerate(first):
                if cell.lines and not cell.continued:
                    old = last[j]
                    last[j] = Cell(old.lines + cell.lines, old.colspan, old.continued)
        rows.extend(more)
    return tuple(tuple(r) for r in rows), notes
