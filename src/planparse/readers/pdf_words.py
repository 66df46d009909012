"""Words of a PDF page's text layer, read through pdfium and grouped the way pdfplumber groups them.

Why pdfium (pypdfium2): pdfplumber gets its characters from pdfminer, which
interprets every content stream in Python (about 40 ms a page, most of the
reader's time).  pdfium does that in C; this module asks it for what the
word boxes need with a few ctypes calls per *word* rather than per character,
and reproduces ``pdfplumber``'s ``extract_words()`` (x/y tolerance 3 pt, no
blank chars) so that every box, and hence every table cell and aligned line
built from them, stays what it was:

- **Text** comes in one call (``FPDFText_GetText``), one UTF-16 unit per
  character index.  A run of non-space characters is cut where pdfium's
  text object changes (a new ``Tj``: another line, font or cell), giving
  *segments*; each segment lies on one baseline.
- **Boxes** are pdfminer's: along the baseline from pdfium's loose character
  boxes of the segment's first and last character (origin + advance); across
  it the em box standing on the baseline (font size x the text matrix), as
  pdfminer draws it for fonts without descent metrics (LibreOffice exports).
  Coordinates are display space (top-left origin, page ``/Rotate`` applied).
- **Words**: segments are grouped like pdfplumber's characters: consecutive
  runs of the same uprightness, lines clustered by top (rotated text: by x),
  sorted along the line; a segment continues the word before it when nothing
  but pdfium-generated whitespace lies between them and pdfplumber's gap rule
  holds (next start within 3 pt after the previous character's end, tops
  within 3 pt, never going back).
- pdfium marks a line-end hyphen (U+FFFE in the text); it is read as "-".
  Characters without a Unicode mapping count like pdfminer's "(cid:N)" words.

Reading the characters and cutting them into segments is ``pdf_chars``; this
module groups the segments into words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby, islice
from operator import itemgetter
from typing import Literal

from planparse.readers.chars import ODD_SPACES
from planparse.readers.geometry import Word
from planparse.readers.pdf_cells import Rotated
from planparse.readers.pdf_chars import (
    BOX,
    CCW,
    CID,
    END,
    HEAD,
    OBJ,
    START,
    TAIL,
    TEXT,
    TOP,
    UPRIGHT,
    X0,
    Box,
    Frame,
    Handle,
    K,
    Reader,
    Seg,
    count_chars,
    is_generated,
    page_text,
    pdfium_function,
    segments,
)

__all__ = ["TOLERANCE", "Frame", "PageWords", "clean", "page_words", "pdfium_function"]

TOLERANCE = 3.0  # pdfplumber's default x/y tolerance (points)
_PUNCTUATION = ".,:;!?()[]\"'+-/\u2013\u2014\u00ab\u00bb\u2116"  # none a letter or digit (_alnum strips them)
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad]")  # all that clean() can change in a run (runs hold no spaces)
_x0 = itemgetter(X0)  # C-level sort keys: cheaper than lambdas
_upright = itemgetter(UPRIGHT)
_text, _box, _obj, _cid = itemgetter(TEXT), itemgetter(BOX), itemgetter(OBJ), itemgetter(CID)
_SIDES = tuple(map(itemgetter, range(4)))  # of a box: x0, top, x1, bottom


@dataclass(slots=True)
class PageWords:
    upright: list[Word]
    rotated: list[Rotated]
    cid_words: int  # upright words with unmapped characters
    alnum: int  # letters and digits on the page, counted up to page_words' alnum_enough (text-layer check)


def _joinable(tp: Handle, a: Seg, b: Seg) -> bool:
    """Neighbours in text order with nothing but pdfium-generated whitespace between them."""
    if a[K] - b[K] not in (1, -1):
        return False
    first, second = (a, b) if a[K] < b[K] else (b, a)
    for i in range(first[END] + 1, second[START]):  # noqa: SIM110 (cheaper than all() over a generator)
        if not is_generated(tp, i):
            return False
    return True


def _new_column_word(prev: tuple[float, ...], curr: tuple[float, ...]) -> bool:
    """pdfplumber's break rule for rotated text, read top to bottom."""
    return curr[1] < prev[1] or curr[1] > prev[3] + TOLERANCE or abs(curr[0] - prev[0]) > TOLERANCE


def _clusters(segs: list[Seg], field: Literal[0, 1]) -> list[list[Seg]]:
    """pdfplumber's ``cluster_objects``: ``seg[field]`` (TOP or X0) chained within the tolerance, ascending."""
    values = sorted(set(map(itemgetter(field), segs)))
    index: dict[float, int] = {}
    group, last = 0, values[0]
    for v in values:
        if v > last + TOLERANCE:
            group += 1
        index[v] = group
        last = v
    out: list[list[Seg]] = [[] for _ in range(group + 1)]
    for s in segs:
        out[index[s[field]]].append(s)
    return out


def _bbox(segs: list[Seg]) -> Box:
    if len(segs) == 1:
        return segs[0][BOX]
    boxes = [s[BOX] for s in segs]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _reading_order(tp: Handle, segs: list[Seg]) -> tuple[list[Seg], set[int]]:
    """Upright segments in reading order (lines clustered by top, each left to right) and which continue a word.

    A segment continues the word before it on its line when pdfplumber's gap rule holds and the two
    are neighbours in text order with nothing but pdfium-generated whitespace between them
    (``_joinable``); such segments are returned by their ``k``.
    """
    order: list[Seg] = []
    joined: set[int] = set()
    for line in _clusters(segs, TOP):
        line.sort(key=_x0)
        prev = line[0]
        for s in islice(line, 1, None):
            # _joinable's cheap test first (most neighbours on a line are not neighbours in text order), then
            # pdfplumber's break rule from prev's last character to s's first, then _joinable
            tail, x = prev[TAIL], s[X0]
            if (
                s[K] - prev[K] in (1, -1)
                and not (x < tail[0] or x > tail[2] + TOLERANCE or abs(s[TOP] - tail[1]) > TOLERANCE)
                and _joinable(tp, prev, s)
            ):
                joined.add(s[K])
            prev = s
        order += line
    return order, joined


def _upright_words(tp: Handle, segs: list[Seg], tidy: bool, words: list[Word]) -> int:
    """Append the words of upright segments to ``words``; returns how many have unmapped characters.

    ``tidy``: the page has characters that ``clean`` drops.  Without those, and with every word one
    segment (most pages), the words are made in C-level loops.
    """
    order, joined = _reading_order(tp, segs)
    if not (joined or tidy):
        boxes = list(map(_box, order))
        lefts, tops, rights, bottoms = (map(side, boxes) for side in _SIDES)
        words += map(Word, map(_text, order), lefts, rights, tops, bottoms)
        return sum(map(_cid, map(_obj, order)))
    cid_words = 0
    for word in _runs(order, lambda _, s: s[K] in joined):
        text = "".join([s[TEXT] for s in word])
        text = clean(text) if tidy else text
        if text:
            x0, top, x1, bottom = _bbox(word)
            words.append(Word(text, x0, x1, top, bottom))
            cid_words += any(s[OBJ][CID] for s in word)
    return cid_words


def _runs(segs: list[Seg], continues: Callable[[Seg, Seg], bool]) -> list[list[Seg]]:
    """Split ordered segments into words: a segment joins the previous one when ``continues`` says so."""
    runs: list[list[Seg]] = []
    for s in segs:
        if runs and continues(runs[-1][-1], s):
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _topmost(s: Seg) -> Box:
    return s[TAIL] if s[OBJ][CCW] else s[HEAD]


def _lowest(s: Seg) -> Box:
    return s[HEAD] if s[OBJ][CCW] else s[TAIL]


def _rotated_words(tp: Handle, segs: list[Seg]) -> list[list[Seg]]:
    words: list[list[Seg]] = []
    for column in _clusters(segs, X0):
        column.sort(key=lambda s: (_topmost(s)[1], _topmost(s)[3]))
        words.extend(_runs(column, lambda a, b: not _new_column_word(_lowest(a), _topmost(b)) and _joinable(tp, a, b)))
    return words


def _by_uprightness(segs: list[Seg], reader: Reader) -> list[tuple[bool, list[Seg]]]:
    """Consecutive segments of the same uprightness, as pdfplumber groups chars (most pages: one group)."""
    if all(map(_upright, reader.objects.values())):  # the objects met are exactly the segments' objects
        return [(True, segs)] if segs else []
    return [(upright, list(group)) for upright, group in groupby(segs, key=lambda s: s[OBJ][UPRIGHT])]


def _alnum(segs: list[Seg], enough: int) -> int:
    """Letters and digits on the page, counted until there are ``enough`` (then the count so far).

    All are in the segments (no whitespace character is one), mostly whole.
    """
    count = 0
    for text in map(_text, segs):
        if not text.isalnum():
            text = text.strip(_PUNCTUATION)
            if not text.isalnum():
                count += sum(map(str.isalnum, text))
                continue
        count += len(text)
        if count >= enough:
            break
    return count


def clean(text: str) -> str:
    """Odd spaces to spaces, invisible characters dropped, ends stripped."""
    return text.translate(ODD_SPACES).strip()


def page_words(textpage: int, frame: Frame, alnum_enough: int = 1 << 62) -> PageWords:
    """The words of one page (``textpage``: the address of an ``FPDF_TEXTPAGE``).

    ``alnum_enough``: letters and digits are counted (``PageWords.alnum``) only until there are
    this many, all a text-layer check needs; by default all of them.
    """
    reader = Reader(textpage, frame)
    tp = reader.tp
    n = count_chars(tp)
    out = PageWords([], [], 0, 0)
    if n <= 0:
        return out
    text = page_text(tp, n)
    tidy = _INVISIBLE.search(text) is not None  # else clean() leaves every upright word as it is
    segs = segments(reader, text)
    out.alnum = _alnum(segs, alnum_enough)
    for upright, group in _by_uprightness(segs, reader):
        if upright:
            out.cid_words += _upright_words(tp, group, tidy, out.upright)
            continue
        for word in _rotated_words(tp, group):
            ccw = word[0][OBJ][CCW]
            ordered = sorted(word, key=lambda s: s[HEAD][1] + s[TAIL][1], reverse=ccw)
            text_ = clean("".join(s[TEXT] for s in ordered))
            if text_:
                x0, top, x1, bottom = _bbox(word)
                out.rotated.append(Rotated(Word(text_, x0, x1, top, bottom), ccw))
    return out
