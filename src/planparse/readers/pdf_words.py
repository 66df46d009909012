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
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

import pypdfium2.raw as pdfium_c

from planparse.readers.geometry import Word
from planparse.readers.pdf_cells import Rotated

TOLERANCE = 3.0  # pdfplumber's default x/y tolerance (points)
_EPS = 1e-3
_RUN = re.compile(r"\S+")
_ODD_CHARS: dict[int, str | None] = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"), " ")
_ODD_CHARS.update(dict.fromkeys(map(ord, "\u200b\ufeff\u00ad"), None))
_INVISIBLE = re.compile("[\u200b\ufeff\u00ad]")  # all that clean() can change in a run (runs hold no spaces)
_HYPHEN_MARK = "\ufffe"  # pdfium's line-end hyphen (and unmapped characters) in the text buffer
_MARKS = re.compile(_HYPHEN_MARK)


def pdfium_function(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A pdfium function taking plain ``void*`` handles (addresses as ints).

    The same C function pypdfium2 binds, with untyped pointer arguments: a ctypes
    call then costs about two thirds of a call through the typed binding, which
    matters at a few calls per word.  Without ``argtypes`` at all the call is
    cheaper still (about 0.6x of a ``void*`` one): ctypes then passes ints as
    C ``int`` and ctypes objects as they are, so handles and buffers must be
    passed as ``c_void_p`` objects (``_Reader`` does this on the per-word paths).
    """
    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    if not address:
        raise ImportError(f"pdfium has no {name}")
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_P, _I, _D = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
# Untyped (see pdfium_function): the text page and buffers go in as c_void_p objects, indexes as ints.
_get_text = pdfium_function("FPDFText_GetText", _I)
_get_unicode = pdfium_function("FPDFText_GetUnicode", ctypes.c_uint)
_text_object = pdfium_function("FPDFText_GetTextObject", _P)
_loose_box = pdfium_function("FPDFText_GetLooseCharBox", _I)
_char_origin = pdfium_function("FPDFText_GetCharOrigin", _I)
_char_matrix = pdfium_function("FPDFText_GetMatrix", _I)
_font_size = pdfium_function("FPDFText_GetFontSize", _D)
_map_error = pdfium_function("FPDFText_HasUnicodeMapError", _I)
_is_generated = pdfium_function("FPDFText_IsGenerated", _I)


@dataclass(frozen=True, slots=True)
class Frame:
    """PDF user space (points, y up) -> display space (top-left origin, y down), as pdfminer turns pages.

    ``X = p*x + q*y + tx``, ``Y = r*x + s*y + ty``; ``width``/``height`` are the displayed page's.
    """

    p: float
    q: float
    r: float
    s: float
    tx: float
    ty: float
    width: float
    height: float

    @classmethod
    def of(cls, mediabox: tuple[float, float, float, float], rotation: int) -> Frame:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        w, h = x1 - x0, y1 - y0
        if rotation == 90:
            return cls(0, 1, 1, 0, -y0, -x0, h, w)
        if rotation == 180:
            return cls(-1, 0, 0, 1, x1, -y0, w, h)
        if rotation == 270:
            return cls(0, -1, -1, 0, y1, x1, h, w)
        return cls(1, 0, 0, -1, -x0, y1, w, h)


# Kinds of text object by the direction of their baseline on the displayed page.
_ACROSS, _DOWN, _OTHER = 0, 1, 2  # baseline horizontal / vertical / anything else


class _Obj(NamedTuple):
    kind: int
    upright: bool  # pdfminer's test on the character matrix
    ccw: bool  # turned counter-clockwise: reads bottom-to-top
    lo: float  # across the baseline: top..bottom (_ACROSS) or left..right (_DOWN)
    hi: float
    cid: bool  # characters without a Unicode mapping


@dataclass(slots=True)
class _Seg:
    """Characters of one text object between spaces; boxes are display (x0, top, x1, bottom)."""

    k: int
    start: int
    end: int  # inclusive
    text: str
    obj: _Obj
    head: tuple[float, float, float, float]  # first character
    tail: tuple[float, float, float, float]  # last character
    box: tuple[float, float, float, float]  # both: _union(head, tail)


def _union(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, float, float, float]:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


@dataclass(slots=True)
class PageWords:
    upright: list[Word]
    rotated: list[Rotated]
    cid_words: int  # upright words with unmapped characters
    alnum: int  # letters and digits on the page (text-layer check)


class _Reader:
    """One page's text page handle and the per-object facts already asked for."""

    def __init__(self, textpage: int, frame: Frame) -> None:
        self.tp = ctypes.c_void_p(textpage)
        self.frame = frame
        self.objects: dict[int, _Obj] = {}
        self._rect = pdfium_c.FS_RECTF()
        self._m = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._rect_at, self._m_at, self._x_at, self._y_at = (
            ctypes.c_void_p(ctypes.addressof(buffer)) for buffer in (self._rect, self._m, self._x, self._y)
        )
        self._turned = frame.q != 0  # display x comes from user y (pages turned by 90 or 270 degrees)

    def spans(self, index: int) -> tuple[float, float, float, float]:
        """The character's loose box on the display: (x0, top, x1, bottom)."""
        _loose_box(self.tp, index, self._rect_at)
        r, f = self._rect, self.frame
        if self._turned:
            a, b = f.q * r.bottom + f.tx, f.q * r.top + f.tx
            c, d = f.r * r.left + f.ty, f.r * r.right + f.ty
        else:
            a, b = f.p * r.left + f.tx, f.p * r.right + f.tx
            c, d = f.s * r.bottom + f.ty, f.s * r.top + f.ty
        if b < a:
            a, b = b, a
        if d < c:
            c, d = d, c
        return a, c, b, d

    def obj(self, index: int, address: int) -> _Obj:
        """Facts of the character's text object (asked once per object)."""
        found = self.objects.get(address)
        if found is not None:
            return found
        tp = self.tp
        if not (address and _char_matrix(tp, index, self._m_at) and _char_origin(tp, index, self._x_at, self._y_at)):
            info = _Obj(_OTHER, True, False, 0.0, 0.0, False)  # no text object behind it: loose boxes only
            self.objects[address] = info
            return info
        size = _font_size(tp, index)
        m, f = self._m, self.frame
        a, b, c, d = m.a, m.b, m.c, m.d
        p, q, r, s = f.p, f.q, f.r, f.s
        dx, dy = p * a + q * b, r * a + s * b  # baseline direction on the display
        ux, uy = p * c + q * d, r * c + s * d  # "up" of the glyphs on the display
        x, y = self._x.value, self._y.value
        ox, oy = p * x + q * y + f.tx, r * x + s * y + f.ty
        eps = _EPS * max(abs(dx), abs(dy), abs(ux), abs(uy), _EPS)
        if -eps <= dy <= eps and -eps <= ux <= eps:
            kind, lo, hi = _ACROSS, oy + uy * size, oy
        elif -eps <= dx <= eps and -eps <= uy <= eps:
            kind, lo, hi = _DOWN, ox, ox + ux * size
        else:
            kind, lo, hi = _OTHER, 0.0, 0.0
        if hi < lo:
            lo, hi = hi, lo
        # pdfminer's matrix is (dx, -dy, ux, -uy): upright when a*d > 0 and b*c <= 0; turned ccw when b > 0
        info = _Obj(kind, -dx * uy > 0 and dy * ux >= 0, dy < 0, lo, hi, bool(_map_error(tp, index)))
        self.objects[address] = info
        return info

    def segment(self, k: int, start: int, end: int, text: str, obj: _Obj) -> _Seg:
        if obj.kind == _ACROSS and not self._turned:  # the common case, inlined: only x comes from pdfium
            r, at, tp = self._rect, self._rect_at, self.tp
            p, tx, lo, hi = self.frame.p, self.frame.tx, obj.lo, obj.hi
            _loose_box(tp, start, at)
            a, b = p * r.left + tx, p * r.right + tx
            a, b = (a, b) if a <= b else (b, a)
            head = (a, lo, b, hi)
            if end == start:
                return _Seg(k, start, end, text, obj, head, head, head)
            _loose_box(tp, end, at)
            c, d = p * r.left + tx, p * r.right + tx
            c, d = (c, d) if c <= d else (d, c)
            # _union(head, tail) spelt out: min(a, c) is c only when c < a, max(b, d) is d only when d > b
            return _Seg(k, start, end, text, obj, head, (c, lo, d, hi), (c if c < a else a, lo, d if d > b else b, hi))
        head = self.spans(start)
        tail = self.spans(end) if end != start else head
        if obj.kind == _ACROSS:
            head = (head[0], obj.lo, head[2], obj.hi)
            tail = (tail[0], obj.lo, tail[2], obj.hi)
        elif obj.kind == _DOWN:
            head = (obj.lo, head[1], obj.hi, head[3])
            tail = (obj.lo, tail[1], obj.hi, tail[3])
        return _Seg(k, start, end, text, obj, head, tail, _union(head, tail))


def _page_text(tp: ctypes.c_void_p, n: int) -> str:
    """The page's characters, one per index (generated spaces and line breaks included)."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = _get_text(tp, 0, n, buf)
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if len(text) != n:  # characters outside the BMP or hidden control characters: ask one by one
        text = "".join(chr(_get_unicode(tp, k) or 0xFFFE) for k in range(n))
    if _HYPHEN_MARK in text:  # pdfium's Unicode 2 is a line-end hyphen, anything else has no mapping
        text = _MARKS.sub(lambda m: "-" if _get_unicode(tp, m.start()) == 2 else "\ufffd", text)
    return text


def _segments(reader: _Reader, text: str) -> list[_Seg]:
    """Runs of non-space characters, cut where the text object changes."""
    tp, objects, segment = reader.tp, reader.objects, reader.segment
    segs: list[_Seg] = []
    for run in _RUN.finditer(text):
        start, end = run.span()
        end -= 1
        first = _text_object(tp, start) or 0
        if end == start or (_text_object(tp, end) or 0) == first:
            segs.append(segment(len(segs), start, end, run.group(), objects.get(first) or reader.obj(start, first)))
            continue
        cut, current = start, first  # the run spans several text objects: find each one's part
        for k in range(start + 1, end + 2):
            address = (_text_object(tp, k) or 0) if k <= end else -1
            if address != current:
                segs.append(reader.segment(len(segs), cut, k - 1, text[cut:k], reader.obj(cut, current)))
                cut, current = k, address
    return segs


def _joinable(reader: _Reader, a: _Seg, b: _Seg) -> bool:
    """Neighbours in text order with nothing but pdfium-generated whitespace between them."""
    if a.k - b.k not in (1, -1):
        return False
    first, second = (a, b) if a.k < b.k else (b, a)
    tp = reader.tp
    for i in range(first.end + 1, second.start):
        if not _is_generated(tp, i):
            return False
    return True


def _new_line_word(prev: tuple[float, ...], curr: tuple[float, ...]) -> bool:
    """pdfplumber's break rule for left-to-right text (boxes: x0, top, x1, bottom)."""
    return curr[0] < prev[0] or curr[0] > prev[2] + TOLERANCE or abs(curr[1] - prev[1]) > TOLERANCE


def _new_column_word(prev: tuple[float, ...], curr: tuple[float, ...]) -> bool:
    """pdfplumber's break rule for rotated text, read top to bottom."""
    return curr[1] < prev[1] or curr[1] > prev[3] + TOLERANCE or abs(curr[0] - prev[0]) > TOLERANCE


def _clusters(segs: list[_Seg], key: Callable[[_Seg], float]) -> list[list[_Seg]]:
    """pdfplumber's ``cluster_objects``: values chained within the tolerance, in ascending order."""
    values = sorted(set(map(key, segs)))
    index: dict[float, int] = {}
    group, last = 0, values[0]
    for v in values:
        if v > last + TOLERANCE:
            group += 1
        index[v] = group
        last = v
    out: list[list[_Seg]] = [[] for _ in range(group + 1)]
    for s in segs:
        out[index[key(s)]].append(s)
    return out


def _bbox(segs: list[_Seg]) -> tuple[float, float, float, float]:
    if len(segs) == 1:
        return segs[0].box
    boxes = [s.box for s in segs]
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _upright_words(reader: _Reader, segs: list[_Seg]) -> list[list[_Seg]]:
    words: list[list[_Seg]] = []
    for line in _clusters(segs, lambda s: s.head[1]):
        line.sort(key=lambda s: s.head[0])
        words.extend(_runs(line, lambda a, b: not _new_line_word(a.tail, b.head) and _joinable(reader, a, b)))
    return words


def _runs(segs: list[_Seg], continues: Callable[[_Seg, _Seg], bool]) -> list[list[_Seg]]:
    """Split ordered segments into words: a segment joins the previous one when ``continues`` says so."""
    runs: list[list[_Seg]] = []
    for s in segs:
        if runs and continues(runs[-1][-1], s):
            runs[-1].append(s)
        else:
            runs.append([s])
    return runs


def _rotated_words(reader: _Reader, segs: list[_Seg]) -> list[list[_Seg]]:
    def topmost(s: _Seg) -> tuple[float, float, float, float]:
        return s.tail if s.obj.ccw else s.head

    def lowest(s: _Seg) -> tuple[float, float, float, float]:
        return s.head if s.obj.ccw else s.tail

    words: list[list[_Seg]] = []
    for column in _clusters(segs, lambda s: s.head[0]):
        column.sort(key=lambda s: (topmost(s)[1], topmost(s)[3]))
        words.extend(_runs(column, lambda a, b: not _new_column_word(lowest(a), topmost(b)) and _joinable(reader, a, b)))
    return words


def clean(text: str) -> str:
    """Odd spaces to spaces, invisible characters dropped, ends stripped."""
    return text.translate(_ODD_CHARS).strip()


def page_words(textpage: int, frame: Frame) -> PageWords:
    """The words of one page (``textpage``: the address of an ``FPDF_TEXTPAGE``)."""
    n = pdfium_c.FPDFText_CountChars(ctypes.cast(textpage, pdfium_c.FPDF_TEXTPAGE))
    out = PageWords([], [], 0, 0)
    if n <= 0:
        return out
    reader = _Reader(textpage, frame)
    text = _page_text(reader.tp, n)
    out.alnum = sum(map(str.isalnum, text))
    tidy = _INVISIBLE.search(text) is not None  # else clean() leaves every upright word as it is
    segs = _segments(reader, text)
    k = 0
    while k < len(segs):  # consecutive segments of the same uprightness, as pdfplumber groups chars
        upright = segs[k].obj.upright
        j = k
        while j < len(segs) and segs[j].obj.upright == upright:
            j += 1
        group = segs[k:j]
        k = j
        if upright:
            words, cid_words = out.upright, 0
            for word in _upright_words(reader, group):
                if len(word) == 1:  # most words: one segment
                    seg = word[0]
                    text_, cid = clean(seg.text) if tidy else seg.text, seg.obj.cid
                else:
                    text_, cid = "".join([s.text for s in word]), any(s.obj.cid for s in word)
                    text_ = clean(text_) if tidy else text_
                if text_:
                    x0, top, x1, bottom = _bbox(word)
                    words.append(Word(text_, x0, x1, top, bottom))
                    cid_words += cid
            out.cid_words += cid_words
            continue
        for word in _rotated_words(reader, group):
            ccw = word[0].obj.ccw
            ordered = sorted(word, key=lambda s: s.head[1] + s.tail[1], reverse=ccw)
            text_ = clean("".join(s.text for s in ordered))
            if text_:
                x0, top, x1, bottom = _bbox(word)
                out.rotated.append(Rotated(Word(text_, x0, x1, top, bottom), ccw))
    return out
