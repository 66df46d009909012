"""A PDF page's characters as pdfium holds them, cut into the *segments* that ``pdf_words`` groups into words.

``pdf_words`` says what is read and why; this module does the reading.  It runs for every run of
characters on every page, so it is written for speed:

- ctypes calls without argument types (``pdfium_function``), the text page passed as a ``byref``
  (``Reader``): about 0.17 us a call, of which a page makes some 1,100;
- the facts of a text object asked for once per object (``Reader.obj``), and what its character
  matrix means worked out once per distinct matrix (``Reader._shape``; a page usually has one);
- plain tuples rather than objects for text objects and segments (``Obj``, ``Seg``);
- the common case (a run inside one horizontal text object on a page that is not turned) inlined
  in ``segments``' loop;
- that loop compiled (``pdf_compiled``), when it was built: it calls pdfium directly, about
  0.3 ms a page less than through ctypes.  The Python loop (``python_segments``) stays the
  reference and the fallback.
"""

from __future__ import annotations

import ctypes
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Final

import pypdfium2.raw as pdfium_c

from planparse.readers.pdf_compiled import LOOPS, function_address

_EPS = 1e-3
_HYPHEN_MARK = "\ufffe"  # pdfium's line-end hyphen (and unmapped characters) in the text buffer
_MARKS = re.compile(_HYPHEN_MARK)
_matrix = struct.Struct("6f").unpack  # an FS_MATRIX's a..f, at once
_matrix_bits = struct.Struct("4I").unpack_from  # its a..d as stored: equal exactly when the floats are the same


def pdfium_function(name: str, restype: Any, *argtypes: Any) -> Callable[..., Any]:
    """A pdfium function taking plain ``void*`` handles (addresses as ints).

    The same C function pypdfium2 binds, with untyped pointer arguments: a ctypes
    call then costs about two thirds of a call through the typed binding, which
    matters at a few calls per word.  Without ``argtypes`` at all the call is
    cheaper still (about 0.6x of a ``void*`` one): ctypes then passes ints as
    C ``int`` and ctypes objects as they are, so handles and buffers must be
    passed as ``c_void_p`` (or ``byref``) objects (``Reader`` does this on the per-word paths).
    """
    return ctypes.CFUNCTYPE(restype, *argtypes)(function_address(name))


_I, _D = ctypes.c_int, ctypes.c_double
# Untyped (see pdfium_function): the text page and buffers go in as byref objects (see Reader), indexes as ints.
count_chars = pdfium_function("FPDFText_CountChars", _I)
_get_text = pdfium_function("FPDFText_GetText", _I)
_get_unicode = pdfium_function("FPDFText_GetUnicode", ctypes.c_uint)
_text_object = pdfium_function("FPDFText_GetTextObject", ctypes.c_size_t)  # the address, 0 for none
_loose_box = pdfium_function("FPDFText_GetLooseCharBox", None)  # (its "found" is not needed)
_char_origin = pdfium_function("FPDFText_GetCharOrigin", _I)
_char_matrix = pdfium_function("FPDFText_GetMatrix", _I)
_font_size = pdfium_function("FPDFText_GetFontSize", _D)
_map_error = pdfium_function("FPDFText_HasUnicodeMapError", _I)
is_generated = pdfium_function("FPDFText_IsGenerated", _I)


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


Box = tuple[float, float, float, float]  # display (x0, top, x1, bottom)
Handle = Any  # how Reader passes the text page to pdfium (a ctypes byref)

# Kinds of text object by the direction of their baseline on the displayed page.
ACROSS, DOWN, OTHER = 0, 1, 2  # baseline horizontal / vertical / anything else

# The facts of a text object, a plain tuple (a NamedTuple costs several times as much to make):
#   (kind, upright, ccw, lo, hi, cid)
# kind: ACROSS, DOWN or OTHER; upright: pdfminer's test on the character matrix; ccw: turned
# counter-clockwise, reads bottom-to-top; lo..hi: the em box across the baseline, top..bottom (ACROSS)
# or left..right (DOWN); cid: characters without a Unicode mapping.
Obj = tuple[int, bool, bool, float, float, bool]
KIND: Final = 0
UPRIGHT: Final = 1
CCW: Final = 2
LO: Final = 3
HI: Final = 4
CID: Final = 5

# A segment: the characters of one text object between spaces, also a plain tuple:
#   (top, x0, k, start, end, text, obj, head, tail, box)
# k: its place in text order; start..end: its first and last character index (inclusive); obj: its
# text object's facts; head, tail, box: the boxes of its first character, its last one and both
# (``union(head, tail)``); top, x0: head's, first in the tuple for C-level sort keys (operator.itemgetter).
Seg = tuple[float, float, int, int, int, str, Obj, Box, Box, Box]
TOP: Final = 0
X0: Final = 1
K: Final = 2
START: Final = 3
END: Final = 4
TEXT: Final = 5
OBJ: Final = 6
HEAD: Final = 7
TAIL: Final = 8
BOX: Final = 9


def union(a: tuple[float, ...], b: tuple[float, ...]) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


class Reader:
    """One page's text page handle and the facts of the text objects met so far (by address)."""

    def __init__(self, textpage: int, frame: Frame) -> None:
        # The handle goes to pdfium as a ``byref`` to a stand-in at its address: ctypes passes those as they
        # are, while a c_void_p is converted again at every call (about a sixth of the cost of a call).
        self.tp = ctypes.byref(ctypes.c_char.from_address(textpage))
        self.address = textpage
        self.frame = frame
        self.objects: dict[int, Obj] = {}
        self._shapes: dict[tuple[int, ...], tuple[int, bool, bool, float]] = {}  # by character matrix (_shape)
        self.rect = pdfium_c.FS_RECTF()
        self._m = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        # pointers to the buffers, made once (ctypes.byref is the cheapest kind to pass)
        self.rect_at, self._m_at, self._x_at, self._y_at = map(ctypes.byref, (self.rect, self._m, self._x, self._y))
        self.turned = frame.q != 0  # display x comes from user y (pages turned by 90 or 270 degrees)
        # The frame as floats: exactly what int * float gives, and float arithmetic is the faster kind.
        self.affine = tuple(map(float, (frame.p, frame.q, frame.r, frame.s, frame.tx, frame.ty)))

    def spans(self, index: int) -> Box:
        """The character's loose box on the display."""
        _loose_box(self.tp, index, self.rect_at)
        rect, (p, q, r, s, tx, ty) = self.rect, self.affine
        if self.turned:
            a, b = q * rect.bottom + tx, q * rect.top + tx
            c, d = r * rect.left + ty, r * rect.right + ty
        else:
            a, b = p * rect.left + tx, p * rect.right + tx
            c, d = s * rect.bottom + ty, s * rect.top + ty
        if b < a:
            a, b = b, a
        if d < c:
            c, d = d, c
        return a, c, b, d

    def obj(self, index: int, address: int) -> Obj:
        """Facts of the character's text object, learnt from that character (call once per object)."""
        tp = self.tp
        if not (address and _char_matrix(tp, index, self._m_at) and _char_origin(tp, index, self._x_at, self._y_at)):
            info: Obj = (OTHER, True, False, 0.0, 0.0, False)  # no text object behind it: loose boxes only
            self.objects[address] = info
            return info
        size = _font_size(tp, index)
        bits = _matrix_bits(self._m)
        shape = self._shapes.get(bits)
        if shape is None:
            shape = self._shapes[bits] = self._shape(*_matrix(self._m))
        kind, upright, ccw, up = shape
        p, q, r, s, tx, ty = self.affine
        if kind == ACROSS:
            oy = r * self._x.value + s * self._y.value + ty  # the origin on the display
            lo, hi = oy + up * size, oy
        elif kind == DOWN:
            ox = p * self._x.value + q * self._y.value + tx
            lo, hi = ox, ox + up * size
        else:
            lo, hi = 0.0, 0.0
        if hi < lo:
            lo, hi = hi, lo
        info = (kind, upright, ccw, lo, hi, _map_error(tp, index) != 0)
        self.objects[address] = info
        return info

    def _shape(self, a: float, b: float, c: float, d: float, *_: float) -> tuple[int, bool, bool, float]:
        """What a character matrix ``a b c d`` makes of its glyphs on the display: kind, upright, ccw and the
        across-the-baseline part of "up" (per point of font size)."""
        p, q, r, s, _tx, _ty = self.affine
        dx, dy = p * a + q * b, r * a + s * b  # baseline direction on the display
        ux, uy = p * c + q * d, r * c + s * d  # "up" of the glyphs on the display
        eps = _EPS * max(abs(dx), abs(dy), abs(ux), abs(uy), _EPS)
        if -eps <= dy <= eps and -eps <= ux <= eps:
            kind, up = ACROSS, uy
        elif -eps <= dx <= eps and -eps <= uy <= eps:
            kind, up = DOWN, ux
        else:
            kind, up = OTHER, 0.0
        # pdfminer's matrix is (dx, -dy, ux, -uy): upright when a*d > 0 and b*c <= 0; turned ccw when b > 0
        return kind, -dx * uy > 0 and dy * ux >= 0, dy < 0, up

    def segment(self, k: int, start: int, end: int, text: str, obj: Obj) -> Seg:
        """The segment of characters ``start..end`` (``segments`` inlines the first branch)."""
        if obj[KIND] == ACROSS and not self.turned:  # only x comes from pdfium
            r, at, tp = self.rect, self.rect_at, self.tp
            p, tx, lo, hi = self.affine[0], self.affine[4], obj[LO], obj[HI]
            _loose_box(tp, start, at)
            a, b = p * r.left + tx, p * r.right + tx
            if not a <= b:
                a, b = b, a
            head = (a, lo, b, hi)
            if end == start:
                return lo, a, k, start, end, text, obj, head, head, head
            _loose_box(tp, end, at)
            c, d = p * r.left + tx, p * r.right + tx
            if not c <= d:
                c, d = d, c
            # union(head, tail) spelt out: min(a, c) is c only when c < a, max(b, d) is d only when d > b
            return lo, a, k, start, end, text, obj, head, (c, lo, d, hi), (c if c < a else a, lo, d if d > b else b, hi)
        head = self.spans(start)
        tail = self.spans(end) if end != start else head
        if obj[KIND] == ACROSS:
            head = (head[0], obj[LO], head[2], obj[HI])
            tail = (tail[0], obj[LO], tail[2], obj[HI])
        elif obj[KIND] == DOWN:
            head = (obj[LO], head[1], obj[HI], head[3])
            tail = (obj[LO], tail[1], obj[HI], tail[3])
        return head[1], head[0], k, start, end, text, obj, head, tail, union(head, tail)


def page_text(tp: Handle, n: int) -> str:
    """The page's characters, one per index (generated spaces and line breaks included)."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = _get_text(tp, 0, n, buf)
    text = buf.raw[: max(0, got - 1) * 2].decode("utf-16-le", "replace")
    if len(text) != n:  # characters outside the BMP or hidden control characters: ask one by one
        text = "".join(chr(_get_unicode(tp, k) or 0xFFFE) for k in range(n))
    if _HYPHEN_MARK in text:  # pdfium's Unicode 2 is a line-end hyphen, anything else has no mapping
        text = _MARKS.sub(lambda m: "-" if _get_unicode(tp, m.start()) == 2 else "\ufffd", text)
    return text


def segments(reader: Reader, text: str) -> list[Seg]:
    """Runs of non-space characters, cut where the text object changes (compiled when built, see module doc)."""
    if LOOPS is None:
        return python_segments(reader, text)
    return LOOPS.segments(  # type: ignore[no-any-return]
        reader.address,
        text,
        reader.affine,
        -1 if reader.turned else ACROSS,
        reader.objects,
        reader._shape,
        reader.segment,
        partial(_cut, reader),
    )


def python_segments(reader: Reader, text: str) -> list[Seg]:
    """Runs of non-space characters, cut where the text object changes.

    Only a run's first and last characters are asked for their text object: when the two agree the run
    is one segment, else it is cut wherever the object differs from its neighbour's.  The body of the
    loop is ``Reader.segment``'s common case (one horizontal object, page not turned), inlined.
    """
    tp, objects, learn = reader.tp, reader.objects, reader.obj
    text_object, loose_box, rect, at = _text_object, _loose_box, reader.rect, reader.rect_at
    p, tx = reader.affine[0], reader.affine[4]
    inline = -1 if reader.turned else ACROSS  # the kind of object handled here
    segs: list[Seg] = []
    append = segs.append
    find, end, k = text.find, -1, 0  # k: len(segs)
    for run in text.split():  # the runs of non-space characters (str.split's spaces are exactly regex \s)
        start = find(run, end + 1)  # where the run starts: nothing but spaces lies before it
        end = start + len(run) - 1
        first = text_object(tp, start)
        if end != start and text_object(tp, end) != first:
            _cut(reader, segs, text, start, end, first)
            k = len(segs)
            continue
        obj = objects.get(first) or learn(start, first)
        kind, _, _, lo, hi, _ = obj
        if kind != inline:
            append(reader.segment(k, start, end, run, obj))
            k += 1
            continue
        loose_box(tp, start, at)
        a, b = p * rect.left + tx, p * rect.right + tx
        if not a <= b:
            a, b = b, a
        head = (a, lo, b, hi)
        if end == start:
            append((lo, a, k, start, end, run, obj, head, head, head))
        else:
            loose_box(tp, end, at)
            c, d = p * rect.left + tx, p * rect.right + tx
            if not c <= d:
                c, d = d, c
            box = (c if c < a else a, lo, d if d > b else b, hi)
            append((lo, a, k, start, end, run, obj, head, (c, lo, d, hi), box))
        k += 1
    return segs


def _cut(reader: Reader, segs: list[Seg], text: str, start: int, end: int, first: int) -> None:
    """Append the parts of a run that spans several text objects, one segment per object."""
    tp = reader.tp
    cut, current = start, first
    for k in range(start + 1, end + 2):
        address = _text_object(tp, k) if k <= end else -1
        if address != current:
            obj = reader.objects.get(current) or reader.obj(cut, current)
            segs.append(reader.segment(len(segs), cut, k - 1, text[cut:k], obj))
            cut, current = k, address
