"""Word boxes -> position-aligned text lines (shared by the PDF and OCR readers).

Readers that know where words stand on a page (pdfium, Tesseract) render
each visual line as text whose character columns follow the words' x
positions, like ``pdftotext -layout``: words of one cell keep single spaces,
words in different columns are at least two spaces apart and start near the
column that their x position maps to.  The layout parsers read that text
without ever seeing a reader's objects.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from statistics import median

from planparse.model import Line

# A gap wider than this many character widths separates cells, not words.
CELL_GAP_CHARS = 1.6
# Words whose vertical centres differ by less than this share of the line height share a line.
SAME_LINE_SHARE = 0.5

_left = attrgetter("x0")  # a C-level sort key: cheaper than a lambda


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def char_width(words: Sequence[Word]) -> float:
    """Median width of one character over the words (never zero)."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if w.text and w.x1 > w.x0]
    return max(median(widths), 0.1) if widths else 5.0


def _reading_key(w: Word) -> tuple[float, float]:
    return (w.top + w.bottom) / 2, w.x0


def _median_sorted(values: list[float]) -> float:
    """``statistics.median`` of an already sorted list (same arithmetic)."""
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def line_middle(line: Sequence[Word]) -> float:
    """Median vertical middle of a line's words (``statistics.median``; one word: its middle)."""
    if len(line) == 1:
        w = line[0]
        return (w.top + w.bottom) / 2  # Word.middle, without the property call
    return _median_sorted(sorted([(w.top + w.bottom) / 2 for w in line]))


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (top to bottom), each sorted left to right.

    A word joins the line above when its middle is within ``SAME_LINE_SHARE``
    of the line's median height from the line's median middle (medians kept
    incrementally, so long lines cost no more than short ones).
    """
    ordered = list(words)
    if len(ordered) < 2:
        return [ordered] if ordered else []
    ordered.sort(key=_reading_key)
    lines: list[list[Word]] = []
    current: list[Word] = []
    mids: list[float] = []
    heights: list[float] = []
    ref = ref_height = 0.0  # medians of the current line's mids and heights, updated as it grows
    for word in ordered:
        top, bottom = word.top, word.bottom
        middle, height = (top + bottom) / 2, bottom - top
        if lines and abs(middle - ref) <= SAME_LINE_SHARE * (ref_height or height or 1.0):
            current.append(word)
            insort(mids, middle)
            insort(heights, height)
            n, k = len(mids), len(mids) // 2  # _median_sorted of both, inlined in this hot loop
            ref = mids[k] if n % 2 else (mids[k - 1] + mids[k]) / 2
            ref_height = heights[k] if n % 2 else (heights[k - 1] + heights[k]) / 2
            continue
        current, mids, heights = [word], [middle], [height]
        ref, ref_height = middle, height
        lines.append(current)
    return [sorted(line, key=_left) if len(line) > 1 else line for line in lines]


def render_line(words: Sequence[Word], width: float, origin: float = 0.0) -> str:
    """One visual line as text with character columns following x positions."""
    out = ""
    prev: Word | None = None
    for word in words:
        column = max(0, round((word.x0 - origin) / width))
        if prev is None:
            out = " " * column
        elif word.x0 - prev.x1 < CELL_GAP_CHARS * width:
            out += " "
        else:
            out += " " * max(2, column - len(out))
        out += word.text
        prev = word
    return out


def words_to_lines(words: Sequence[Word], page: int, first_number: int = 1, origin: float = 0.0) -> list[Line]:
    """Layout text lines for one page; ``Line.number`` counts visual lines on the page."""
    if not words:
        return []
    width = char_width(words)
    return [
        Line(render_line(line, width, origin), page, first_number + k)
        for k, line in enumerate(group_lines(words))
    ]
