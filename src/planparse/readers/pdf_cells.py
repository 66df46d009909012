"""Text of one table cell from its word boxes: lines, blank lines, paragraphs, rotated text.

Pure functions over word boxes (``geometry.Word``); the PDF reader
(``readers.pdf``) and the OCR table reader (``readers.ocr_table``) feed them
the words under one cell.  Nothing here opens a file, so every rule can be
tested with hand-made boxes.

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
- **Rotated text** (characters not upright, e.g. month names written
  bottom-to-top in narrow header cells) is read along its own direction: text
  turned counter-clockwise reads bottom-to-top and its lines go left to
  right, text turned clockwise the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

import regex

from planparse.readers.geometry import Word, group_lines, line_middle

_BULLET = regex.compile(r"^(?:[-–—•·●▪*]|\d{1,3}[.)])\s")
_HYPHEN_END = regex.compile(r"(\p{L}+)-$")
_FIRST_WORD = regex.compile(r"\p{L}+")

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


@dataclass(frozen=True, slots=True)
class Rotated:
    """A word whose chars are not upright; ``text`` already in reading order."""

    word: Word
    ccw: bool  # turned counter-clockwise: reads bottom-to-top


def learn_pitch(
    word_groups: Sequence[Sequence[Word]], line_groups: Sequence[Sequence[Sequence[Word]]] | None = None
) -> float:
    """Line pitch (points) of a table from consecutive lines inside its cells.

    ``line_groups``: the cells' words already grouped into lines (``group_lines``), if at hand.
    """
    heights = [h for words in word_groups for w in words if (h := w.bottom - w.top) > 0]  # Word.height
    if not heights:
        return 12.0
    h = median(heights)
    steps: list[float] = []
    for lines in line_groups if line_groups is not None else map(group_lines, word_groups):
        if len(lines) < 2:  # no step between lines (most cells)
            continue
        mids = [line_middle(line) for line in lines]
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
    return line_middle(lines[0])


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
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        if (  # the cheap tests first; the line middles only for the few candidates
            last.x1 + letter > right - pad - BREAK_SLACK
            and _is_word(last.text)
            and first.text[:1].islower()
            and _is_word(first.text.rstrip(",.;:)»"))
            and line_middle(nxt) - line_middle(line) <= BLANK_GAP_LINES * pitch
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


def starts_paragraph(text: str) -> bool:
    return bool(_BULLET.match(text))


def _ends_sentence(left: str, right: str) -> bool:
    return left.rstrip()[-1:] in {":", ";", "."} and right[:1].isupper()


def is_wrapped(
    prev: Sequence[Word], line: Sequence[Word], inner_width: float, texts: tuple[str, str] | None = None
) -> bool:
    """The line goes on with the paragraph of ``prev``: its first word did not fit after ``prev``.

    Word processors move a word to the next line only when it does not fit;
    a line that ends early therefore ends its paragraph.  Bullets and a
    sentence end before a capital always start a new paragraph.  ``texts``:
    the two lines' texts (words joined by spaces), if already at hand.
    """
    if texts is None:
        texts = " ".join([w.text for w in prev]), " ".join([w.text for w in line])
    left, right = texts
    if starts_paragraph(right) or _ends_sentence(left, right):
        return False
    space = SPACE_WIDTH * median([w.bottom - w.top for w in prev])  # Word.height
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
    lines: list[list[Word]] | None = None,
) -> tuple[str, ...]:
    """A cell's paragraphs with blank lines for vertical gaps (see module doc).

    ``row_top`` is the middle of the row's first text line: a cell whose text
    starts lower gets leading blank lines.  ``box`` is the cell's (left, right)
    edge, used to glue words broken by a narrow cell and to join wrapped lines
    into paragraphs (``JOIN_WRAPPED_LINES``).  ``lines``: ``group_lines(words)``
    if already at hand (the lists are changed when broken words are glued).
    """
    turned = rotated_lines(rotated) if rotated else []
    if not words:
        return tuple(turned)
    if lines is None:
        lines = group_lines(words)
    if len(lines) == 1:  # most cells: one line, nothing to glue or join
        mid, lead = line_middle(lines[0]), 0
        if row_top is not None and mid - row_top > LEADING_GAP_LINES * pitch:
            lead = round((mid - row_top) / pitch)  # the row's first line is line 0
        return ("",) * lead + (" ".join([w.text for w in lines[0]]), *turned)
    out: list[str] = []
    texts = [" ".join([w.text for w in line]) for line in lines]
    stacked = _unstack(texts)
    if len(lines) > 1 and len(stacked) == 1:
        return (*stacked, *turned)
    inner_width = 0.0
    if box is not None and lines:
        if len(lines) > 1 and rejoin_broken_words(lines, box[0], box[1], pitch):
            texts = [" ".join([w.text for w in line]) for line in lines]  # glued words changed them
        pad = min(max(0.0, min(line[0].x0 for line in lines) - box[0]), MAX_CELL_PAD)
        inner_width = box[1] - box[0] - 2 * pad
    prev: list[Word] | None = None
    prev_mid, prev_text = 0.0, ""
    for line, text in zip(lines, texts, strict=True):
        mid = line_middle(line)
        if prev is not None:
            blanks = _blanks(mid - prev_mid, pitch)
            if (
                not blanks
                and JOIN_WRAPPED_LINES
                and inner_width
                and is_wrapped(prev, line, inner_width, (prev_text, text))
            ):
                out[-1] = glue(out[-1], text)
                prev, prev_mid, prev_text = line, mid, text
                continue
            out.extend([""] * blanks)
        elif row_top is not None and mid - row_top > LEADING_GAP_LINES * pitch:
            out.extend([""] * round((mid - row_top) / pitch))  # the row's first line is line 0
        out.append(text)
        prev, prev_mid, prev_text = line, mid, text
    out.extend(turned)
    return tuple(out)
