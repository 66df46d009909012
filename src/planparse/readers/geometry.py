"""Word boxes -> position-aligned text lines (shared by the PDF and OCR readers).

Readers that know where words stand on a page (pdfium, Tesseract) render
each visual line as text whose character columns follow the words' x
positions, like ``pdftotext -layout``: words of one cell keep single spaces,
words in different columns are at least two spaces apart and start near the
column that their x position maps to.  The layout parsers read that text
without ever seeing a reader's objects.
"""

from __future__ import annotations

import sys
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
_HALF_MAX = sys.float_info.max / 2  # (v + v) / 2 == v up to this size


@dataclass(slots=True)
class Word:
    """A word's text and display box (points, top-left origin).

    Treat as immutable: code that changes a word makes a new one.  Not a
    ``frozen`` dataclass only for speed: a frozen one is built through
    ``object.__setattr__`` per field, four times the cost, and the PDF reader
    builds one per word on every page (about 0.15 ms of a page's 3.4).
    Words are therefore not hashable; code keys them by ``id``.
    """

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


def median_sorted(values: Sequence[float]) -> float:
    """``statistics.median`` of an already sorted, non-empty list (same arithmetic)."""
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def line_middle(line: Sequence[Word]) -> float:
    """Median vertical middle of a line's words (``statistics.median``; one word: its middle)."""
    if len(line) == 1:
        w = line[0]
        return (w.top + w.bottom) / 2  # Word.middle, without the property call
    return median_sorted(sorted([(w.top + w.bottom) / 2 for w in line]))


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (top to bottom), each sorted left to right.

    A word joins the line above when its middle is within ``SAME_LINE_SHARE``
    of the line's median height from the line's median middle (medians kept
    incrementally, so long lines cost no more than short ones).
    """
    return _grouped(words, False)[0]


def measured_lines(words: Iterable[Word]) -> tuple[list[list[Word]], list[float], list[float]]:
    """``group_lines`` with each line's ``line_middle`` and median word height (``statistics.median``).

    Most come from the grouping, which keeps them anyway; they then equal
    the medians computed afresh, up to the sign of a zero.
    """
    return _grouped(words, True)


def _grouped(words: Iterable[Word], measure: bool) -> tuple[list[list[Word]], list[float], list[float]]:
    """``group_lines``, the lines' middles and median heights (exact for every line only if ``measure``).

    While a line's words share one middle and one height (one font on one
    baseline, most lines) its medians are those values, (v + v) / 2 == v, and
    no lists are kept; other lines ("mixed") keep sorted lists.
    """
    ordered = list(words)
    if len(ordered) < 2:
        if not ordered:
            return [], [], []
        w = ordered[0]
        return [ordered], [(w.top + w.bottom) / 2], [w.bottom - w.top]
    top, bottom = ordered[0].top, ordered[0].bottom
    for w in ordered:  # noqa: SIM110 (a loop that stops at the first other box: cheaper than all())
        if w.bottom != bottom or w.top != top:
            break
    else:  # one font on one baseline (most cells): one line, left to right, as the loop below makes it
        middle, height = (top + bottom) / 2, bottom - top
        if -_HALF_MAX <= middle <= _HALF_MAX and 0 <= height <= _HALF_MAX:  # they join: no NaN, inf, height < 0
            ordered.sort(key=_left)
            w = ordered[0]  # the first word's values, as the loop takes them (a zero's sign included)
            return [ordered], [(w.top + w.bottom) / 2], [w.bottom - w.top]
    ordered.sort(key=_reading_key)
    lines: list[list[Word]] = []
    middles: list[float] = []
    sizes: list[float] = []  # the lines' median heights
    mixed: list[int] = []  # lines kept with lists
    current: list[Word] = []
    mids: list[float] | None = None  # the line's middles and heights, sorted; None while all are equal
    heights: list[float] = []
    ref = ref_height = 0.0  # medians of the current line's mids and heights, updated as it grows
    for word in ordered:
        top, bottom = word.top, word.bottom
        middle, height = (top + bottom) / 2, bottom - top
        if lines and abs(middle - ref) <= SAME_LINE_SHARE * (ref_height or height or 1.0):
            current.append(word)
            if mids is None:
                if middle == ref and height == ref_height:
                    continue  # the medians of equal values are that value
                mids, heights = [ref] * (len(current) - 1), [ref_height] * (len(current) - 1)
                mixed.append(len(lines) - 1)
            insort(mids, middle)
            insort(heights, height)
            n, k = len(mids), len(mids) // 2  # median_sorted of both, inlined in this hot loop
            ref = mids[k] if n % 2 else (mids[k - 1] + mids[k]) / 2
            ref_height = heights[k] if n % 2 else (heights[k - 1] + heights[k]) / 2
            middles[-1], sizes[-1] = ref, ref_height
            continue
        current = [word]
        ref, ref_height = middle, height
        lines.append(current)
        middles.append(ref)
        sizes.append(ref_height)
        if -_HALF_MAX <= middle <= _HALF_MAX and -_HALF_MAX <= height <= _HALF_MAX:
            mids = None
        else:  # (v + v) / 2 overflows, or NaN: lists from the start
            mids, heights = [middle], [height]
            mixed.append(len(lines) - 1)
    for line in lines:
        if len(line) > 1:
            line.sort(key=_left)
    if measure:  # a NaN height sorts by position: the medians of mixed lines afresh
        for i in mixed:
            middles[i] = line_middle(lines[i])
            sizes[i] = median_sorted(sorted([w.bottom - w.top for w in lines[i]]))
    return lines, middles, sizes


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
