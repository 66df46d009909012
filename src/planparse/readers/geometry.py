"""Word boxes -> position-aligned text lines (shared by the PDF and OCR readers).

Readers that know where words stand on a page (pdfplumber, Tesseract) render
each visual line as text whose character columns follow the words' x
positions, like ``pdftotext -layout``: words of one cell keep single spaces,
words in different columns are at least two spaces apart and start near the
column that their x position maps to.  The layout parsers read that text
without ever seeing a reader's objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from planparse.model import Line

# A gap wider than this many character widths separates cells, not words.
CELL_GAP_CHARS = 1.6
# Words whose vertical centres differ by less than this share of the line height share a line.
SAME_LINE_SHARE = 0.5


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


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into visual lines (top to bottom), each sorted left to right."""
    ordered = sorted(words, key=lambda w: (w.middle, w.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines:
            last = lines[-1]
            ref = median(w.middle for w in last)
            height = median(w.height for w in last) or word.height or 1.0
            if abs(word.middle - ref) <= SAME_LINE_SHARE * height:
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


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
