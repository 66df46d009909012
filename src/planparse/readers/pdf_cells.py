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
  bullet, or a capital after ":", ";" or ".", always starts a paragraph, except after
  initials awaiting their surname ("Совета Ю.П." / "Ермаков").  A
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

import regex

from planparse.readers.geometry import Word, group_lines, line_middle, median_sorted

_BULLET = regex.compile(r"^(?:[-–—•·●▪*]|\d{1,3}[.)])\s")
_HYPHEN_END = regex.compile(r"(\p{L}+)-$")
_FIRST_WORD = regex.compile(r"\p{L}+")
_INITIALS_END = regex.compile(r"(?<!\p{L})\p{Lu}\.\s?(?:\p{Lu}\.)?\s*$")  # cheap pre-check: "Ю.П.", "Ю. П.", "Ю."

_OPENING = "«\"„“("  # may open the first part of a broken word ("«Толерантно" / "сть»")
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
    word_groups: Sequence[Sequence[Word]],
    line_groups: Sequence[Sequence[Sequence[Word]]] | None = None,
    middle_groups: Sequence[Sequence[float]] | None = None,
) -> float:
    """Line pitch (points) of a table from consecutive lines inside its cells.

    ``line_groups``: the cells' words already grouped into lines (``group_lines``), if at hand;
    ``middle_groups``: those lines' middles (``line_middle``), if at hand (then ``line_groups`` is not read).
    """
    heights = [h for words in word_groups for w in words if (h := w.bottom - w.top) > 0]  # Word.height
    if not heights:
        return 12.0
    h = median_sorted(sorted(heights))  # statistics.median
    if middle_groups is None:
        lines_of = line_groups if line_groups is not None else map(group_lines, word_groups)
        middle_groups = [[line_middle(line) for line in lines] for lines in lines_of if len(lines) > 1]
    low, high = 0.8 * h, CONSECUTIVE_MAX * h
    steps: list[float] = []
    for mids in middle_groups:
        if len(mids) > 1:  # a step between lines (few cells)
            steps.extend(step for a, b in zip(mids, mids[1:], strict=False) if low <= (step := b - a) <= high)
    return median_sorted(sorted(steps)) if steps else DEFAULT_PITCH * h


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


def rejoin_broken_words(lines: list[list[Word]], left: float, right: float, pitch: float) -> int:
    """Glue words that a too-narrow cell broke without a hyphen ("Сент" / "ябрь").

    A break is forced when the line ends at the cell's inner right edge (the
    next line's first letter would not have fit), the next line follows
    directly and starts in lower case, and the glued word is a dictionary
    word.  The fragment moves up; a line left empty is dropped.  Returns the
    number of words glued.
    """
    return _rejoin(lines, left, right, pitch, min([line[0].x0 for line in lines]))


def _rejoin(lines: list[list[Word]], left: float, right: float, pitch: float, start: float) -> int:
    """``rejoin_broken_words``; ``start``: the lines' leftmost first word ``x0``."""
    glued = 0
    edge = right - max(0.0, start - left) - BREAK_SLACK  # a line reaching past it fills the cell
    k = 0
    while k + 1 < len(lines):
        line, nxt = lines[k], lines[k + 1]
        last, first = line[-1], nxt[0]
        letter = (first.x1 - first.x0) / max(1, len(first.text))
        if (  # the cheap tests first; the line middles only for the few candidates
            last.x1 + letter > edge
            and last.text.lstrip(_OPENING).isalpha()  # letters only, both parts (a quote may open the first)
            and first.text[:1].islower()
            and first.text.rstrip(",.;:)»").isalpha()
            and line_middle(nxt) - line_middle(line) <= BLANK_GAP_LINES * pitch
        ):
            from planparse.normalize.text import is_known_word  # pymorphy3, loaded only when needed

            core = first.text.rstrip(",.;:)»")
            if is_known_word(last.text.lstrip(_OPENING) + core):
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
    """A ":", ";" or "." before a capital; not initials that still await their surname
    ("председателя Совета Ю.П." / "Ермаков", "им. П.Г." / "Демидова": ``persons.initials_await_surname``)."""
    if not right[:1].isupper() or left.rstrip()[-1:] not in {":", ";", "."}:
        return False
    if not _INITIALS_END.search(left):
        return True
    from planparse.normalize.persons import initials_await_surname  # pymorphy3, loaded only when needed

    return not initials_await_surname(left)


def is_wrapped(
    prev: Sequence[Word],
    line: Sequence[Word],
    inner_width: float,
    texts: tuple[str, str] | None = None,
    height: float | None = None,
) -> bool:
    """The line goes on with the paragraph of ``prev``: its first word did not fit after ``prev``.

    Word processors move a word to the next line only when it does not fit;
    a line that ends early therefore ends its paragraph.  Bullets and a
    sentence end before a capital always start a new paragraph.  ``texts``:
    the two lines' texts (words joined by spaces), ``height`` the median
    height of ``prev``'s words, if already at hand.
    """
    if texts is None:
        texts = " ".join([w.text for w in prev]), " ".join([w.text for w in line])
    left, right = texts
    if _BULLET.match(right) or _ends_sentence(left, right):  # starts_paragraph(right), inlined
        return False
    if height is None:
        height = median_sorted(sorted([w.bottom - w.top for w in prev]))  # median Word.height
    space = SPACE_WIDTH * height
    needed = (prev[-1].x1 - prev[0].x0) + space + (line[0].x1 - line[0].x0)
    return needed > inner_width - WRAP_SLACK


def text_width(box: tuple[float, float], start: float) -> float:
    """The width a cell's lines may fill: the cell (``box``: left, right) less its padding on both sides,
    as far as the text shows it (``start``: the lines' leftmost x0), at most ``MAX_CELL_PAD`` a side."""
    return box[1] - box[0] - 2 * min(max(0.0, start - box[0]), MAX_CELL_PAD)


def glue(left: str, right: str) -> str:
    """Join a wrapped line to its paragraph; a line-end hyphen is dropped only in a soft break."""
    if left[-1:] != "-" and left[-2:] != "-\n":  # what _HYPHEN_END needs, tested cheaply
        return f"{left} {right}"
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
    middles: list[float] | None = None,
    heights: list[float] | None = None,
) -> tuple[str, ...]:
    """A cell's paragraphs with blank lines for vertical gaps (see module doc).

    ``row_top`` is the middle of the row's first text line: a cell whose text
    starts lower gets leading blank lines.  ``box`` is the cell's (left, right)
    edge, used to glue words broken by a narrow cell and to join wrapped lines
    into paragraphs (``JOIN_WRAPPED_LINES``).  ``lines``: ``group_lines(words)``
    if already at hand (the lists are changed when broken words are glued),
    ``middles`` and ``heights`` their middles and median word heights
    (``geometry.measured_lines``, with ``lines`` only).
    """
    turned = rotated_lines(rotated) if rotated else []
    if not words:
        return tuple(turned)
    if lines is None:
        lines, middles, heights = group_lines(words), None, None
    if len(lines) == 1:  # most cells: one line, nothing to glue or join
        mid, lead = middles[0] if middles else line_middle(lines[0]), 0
        if row_top is not None and mid - row_top > LEADING_GAP_LINES * pitch:
            lead = round((mid - row_top) / pitch)  # the row's first line is line 0
        return ("",) * lead + (" ".join([w.text for w in lines[0]]), *turned)
    texts = [" ".join([w.text for w in line]) for line in lines]
    if len(lines) >= MIN_STACKED_LETTERS:  # fewer lines cannot be stacked letters
        stacked = _unstack(texts)
        if len(stacked) == 1:
            return (*stacked, *turned)
    inner_width = 0.0
    if box is not None and lines:
        start = min([line[0].x0 for line in lines])
        if len(lines) > 1 and _rejoin(lines, box[0], box[1], pitch, start):
            texts = [" ".join([w.text for w in line]) for line in lines]  # glued words changed them
            middles = heights = None
            start = min([line[0].x0 for line in lines])
        inner_width = text_width(box, start)
    if middles is None or heights is None:
        middles = [line_middle(line) for line in lines]
        heights = [median_sorted(sorted([w.bottom - w.top for w in line])) for line in lines]
    may_join = JOIN_WRAPPED_LINES and inner_width
    gap = BLANK_GAP_LINES * pitch  # a wider step between line middles holds blank lines, one per missing pitch
    out: list[str] = []
    prev: list[Word] | None = None
    prev_mid, prev_text, prev_height = 0.0, "", 0.0
    for line, text, mid, height in zip(lines, texts, middles, heights, strict=True):
        if prev is not None:
            step = mid - prev_mid
            blanks = 0 if step <= gap else max(0, round(step / pitch) - 1)
            if not blanks and may_join and is_wrapped(prev, line, inner_width, (prev_text, text), prev_height):
                out[-1] = glue(out[-1], text)
                prev, prev_mid, prev_text, prev_height = line, mid, text, height
                continue
            out.extend([""] * blanks)
        elif row_top is not None and mid - row_top > LEADING_GAP_LINES * pitch:
            out.extend([""] * round((mid - row_top) / pitch))  # the row's first line is line 0
        out.append(text)
        prev, prev_mid, prev_text, prev_height = line, mid, text, height
    out.extend(turned)
    return tuple(out)
