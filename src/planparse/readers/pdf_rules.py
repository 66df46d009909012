"""Ruling lines of a PDF page (pdfium path objects) -> the cell boxes of its ruled tables.

This is pdfplumber's ``find_tables`` with the "lines" strategy on both axes
(``TABLE_SETTINGS``), done on pdfium's path objects instead of pdfminer's:

- **Edges** follow pdfminer's reading of a painted path: every subpath (from
  a move-to) is a line (two points: horizontal when both ends share y, else
  vertical), a rectangle (four sides), or a polyline whose horizontal and
  vertical steps are edges.  Form XObjects are entered with their matrix.
- **Merging**: edges of one orientation within ``snap`` points are moved to
  their mean position, collinear edges within ``join`` points are joined,
  edges shorter than ``edge_min_length`` dropped.
- **Cells**: every intersection point (within ``intersection`` points) that
  has intersections to its right and below, connected to it and to a common
  corner by edges, opens the smallest such rectangle; tables are groups of
  cells sharing corners, top to bottom; a single cell is no table.

Coordinates are display space (``pdf_words.Frame``); boxes are
(x0, top, x1, bottom).
"""

from __future__ import annotations

import ctypes
import struct
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from operator import itemgetter

import pypdfium2.raw as pdfium_c

from planparse.readers.pdf_compiled import LOOPS
from planparse.readers.pdf_words import Frame, pdfium_function

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
Matrix = tuple[float, float, float, float, float, float]

SNAP = 3.0
JOIN = 3.0
INTERSECTION = 3.0
EDGE_MIN_LENGTH = 3.0
EDGE_MIN_LENGTH_PREFILTER = 1.0
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(slots=True)
class Edge:
    orientation: str  # "h" or "v"
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def length(self) -> float:
        return self.x1 - self.x0 if self.orientation == "h" else self.bottom - self.top


class _Handle(ctypes.c_void_p):
    """A pdfium handle as returned: ctypes keeps a ``c_void_p`` subclass as an object (never an int)."""


# Untyped (see pdf_words.pdfium_function): handles and buffers go in as c_void_p objects, indexes as ints.
_P, _I = ctypes.c_void_p, ctypes.c_int
_count_objects = pdfium_function("FPDFPage_CountObjects", _I)
_get_object = pdfium_function("FPDFPage_GetObject", _Handle)
_form_count = pdfium_function("FPDFFormObj_CountObjects", _I)
_form_object = pdfium_function("FPDFFormObj_GetObject", _Handle, _P, ctypes.c_ulong)  # typed: unsigned long index
_object_type = pdfium_function("FPDFPageObj_GetType", _I)
_object_matrix = pdfium_function("FPDFPageObj_GetMatrix", _I)
_count_segments = pdfium_function("FPDFPath_CountSegments", _I)
_get_segment = pdfium_function("FPDFPath_GetPathSegment", _Handle)
_segment_point = pdfium_function("FPDFPathSegment_GetPoint", _I)
_segment_type = pdfium_function("FPDFPathSegment_GetType", _I)
_segment_close = pdfium_function("FPDFPathSegment_GetClose", _I)
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_read_matrix = struct.Struct("6f").unpack_from  # FS_MATRIX: six C floats
_MOVE, _CURVE = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _Walker:
    """The edges of a page's painted paths, form XObjects entered with their matrices."""

    def __init__(self, frame: Frame) -> None:
        self.edges: list[Edge] = []
        self._frame = (frame.p, frame.q, frame.r, frame.s, frame.tx, frame.ty)
        self._m = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._m_at, self._x_at, self._y_at = (ctypes.c_void_p(ctypes.addressof(b)) for b in (self._m, self._x, self._y))

    def matrix(self, obj: _Handle) -> Matrix:
        if not _object_matrix(obj, self._m_at):
            return _IDENTITY
        return _read_matrix(self._m)  # the six fields a .. f at once

    def walk(self, holder: ctypes.c_void_p, form: bool, outer: Matrix) -> None:
        """Add the edges of every path in ``holder`` (a page, or a form XObject drawn with ``outer``)."""
        count = _form_count(holder) if form else _count_objects(holder)
        get = _form_object if form else _get_object
        edges, shortest = self.edges, EDGE_MIN_LENGTH_PREFILTER
        for i in range(count):
            obj = get(holder, i)
            kind = _object_type(obj)
            if kind == _PATH:
                m = self.matrix(obj)
                for shape, pts in self.subpaths(obj, m if outer is _IDENTITY else _times(m, outer)):
                    for e in _edges_of(shape, pts):
                        if (e.x1 - e.x0 if e.orientation == "h" else e.bottom - e.top) >= shortest:  # Edge.length
                            edges.append(e)
            elif kind == _FORM:
                self.walk(obj, True, _times(self.matrix(obj), outer))

    def subpaths(self, path: _Handle, m: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
        """(shape, points) per subpath as pdfminer sees it: "m", "l", "c" ops and "h" closing to the start."""
        a, b, c, d, e, f = m
        p, q, r, s, tx, ty = self._frame
        xv, yv, x_at, y_at = self._x, self._y, self._x_at, self._y_at
        out: list[tuple[str, list[tuple[float, float]]]] = []
        shape = ""
        pts: list[tuple[float, float]] = []
        pending_curve = 0
        for i in range(_count_segments(path)):
            seg = _get_segment(path, i)
            kind = _segment_type(seg)
            _segment_point(seg, x_at, y_at)
            x, y = xv.value, yv.value
            ux, uy = a * x + c * y + e, b * x + d * y + f
            point = (p * ux + q * uy + tx, r * ux + s * uy + ty)
            if kind == _MOVE:
                if shape:
                    out.append((shape, pts))
                shape, pts = "m", [point]
            elif kind == _CURVE:
                pending_curve += 1  # pdfium gives a curve as three points; pdfminer keeps its end point
                if pending_curve == 3:
                    shape += "c"
                    pts.append(point)
                    pending_curve = 0
            else:
                shape += "l"
                pts.append(point)
            if _segment_close(seg) and pts:
                shape += "h"
                pts.append(pts[0])
        if shape:
            out.append((shape, pts))
        return out


def _edges_of(shape: str, pts: list[tuple[float, float]]) -> list[Edge]:
    """pdfplumber's edges of one subpath (line, rectangle or polyline), see module doc.

    ``min``/``max`` of two values are spelt out as conditionals that pick the
    same operand (NaN included): ``min(a, b)`` is ``b if b < a else a``.
    """
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # a redundant "l" back to the start of a closed path
        pts = pts[:-2] + pts[-1:]
    if shape == "ml" or shape == "mlh":  # a line, the commonest subpath
        (x0, y0), (x1, y1) = pts[0], pts[1]
        left, right = (x1 if x1 < x0 else x0), (x1 if x1 > x0 else x0)
        top, bottom = (y1 if y1 < y0 else y0), (y1 if y1 > y0 else y0)
        return [Edge("h" if y0 == y1 else "v", left, top, right, bottom)]
    if shape == "mlllh" or shape == "mllll":
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == last and square:
            left, right = (x2 if x2 < x0 else x0), (x2 if x2 > x0 else x0)
            top, bottom = (y2 if y2 < y0 else y0), (y2 if y2 > y0 else y0)
            return [
                Edge("h", left, top, right, top),
                Edge("h", left, bottom, right, bottom),
                Edge("v", left, top, left, bottom),
                Edge("v", right, top, right, bottom),
            ]
    if not shape.startswith("m"):
        return []
    out = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if x0 == x1:
            out.append(Edge("v", x0, (y1 if y1 < y0 else y0), x1, (y1 if y1 > y0 else y0)))
        elif y0 == y1:
            out.append(Edge("h", (x1 if x1 < x0 else x0), y0, (x1 if x1 > x0 else x0), y1))
    return out


def page_edges(page: int, frame: Frame) -> list[Edge]:
    """Every horizontal/vertical edge of the page's painted paths (``page``: an ``FPDF_PAGE`` address).

    The paths are walked by the compiled loop when it was built (``pdf_compiled``), else by ``_Walker``.
    """
    if LOOPS is None:
        walker = _Walker(frame)
        walker.walk(ctypes.c_void_p(page), False, _IDENTITY)
        return walker.edges
    shortest = EDGE_MIN_LENGTH_PREFILTER
    return [
        e
        for shape, pts in LOOPS.paths(page, (frame.p, frame.q, frame.r, frame.s, frame.tx, frame.ty))
        for e in _edges_of(shape, pts)
        if (e.x1 - e.x0 if e.orientation == "h" else e.bottom - e.top) >= shortest  # Edge.length
    ]


# --- pdfplumber's table finder (lines strategy) ----------------------------------------


def _snap(edges: list[Edge], vertical: bool) -> list[BBox]:
    """Edges within SNAP of one another (chained, by x0 or top) moved to their mean position, as boxes."""
    at = [e.x0 if vertical else e.top for e in edges]
    index: dict[float, int] = {}  # position -> its group
    n_groups, last = 0, 0.0
    for v in sorted(set(at)):
        if not n_groups or not v <= last + SNAP:  # a group goes on while each value is within SNAP of the one before
            n_groups += 1
        index[v] = n_groups - 1
        last = v
    members: list[list[tuple[float, Edge]]] = [[] for _ in range(n_groups)]
    for v, e in zip(at, edges, strict=True):
        members[index[v]].append((v, e))
    out: list[BBox] = []
    for group in members:
        mean = sum([v for v, _ in group]) / len(group)
        for v, e in group:
            shift = mean - v
            if vertical:
                out.append((e.x0 + shift, e.top, e.x1 + shift, e.bottom))
            else:
                out.append((e.x0, e.top + shift, e.x1, e.bottom + shift))
    return out


def _join(edges: list[BBox], vertical: bool) -> list[BBox]:
    """Collinear edges (same x0 or top) overlapping or within JOIN of one another joined."""
    lines: dict[float, list[BBox]] = defaultdict(list)
    for e in edges:
        lines[e[0] if vertical else e[1]].append(e)
    start, end = (1, 3) if vertical else (0, 2)  # the box's extent along the line
    out: list[BBox] = []
    for position in sorted(lines):
        group = lines[position]
        if len(group) > 1:
            group.sort(key=itemgetter(start))
        joined = [group[0]]
        for e in group[1:]:
            last = joined[-1]
            if e[start] <= last[end] + JOIN:
                if e[end] > last[end]:
                    joined[-1] = (last[0], last[1], last[2], e[3]) if vertical else (last[0], last[1], e[2], last[3])
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _intersections(v_edges: list[BBox], h_edges: list[BBox]) -> dict[tuple[float, float], list[int]]:
    """(x, y) of every crossing within INTERSECTION -> [v edges, h edges, point id] of it.

    The edges through a point are bit sets of their indexes in (x0, top) /
    (top, x0) order: two points share an edge when the sets have a common
    bit (``a & b``).  The point id is set by ``_cells``.
    """
    points: dict[tuple[float, float], list[int]] = {}
    h_sorted = sorted(h_edges, key=itemgetter(1, 0))
    tops = [h[1] for h in h_sorted]
    reach = [(top + INTERSECTION, x0 - INTERSECTION, x1 + INTERSECTION) for x0, top, x1, _ in h_sorted]  # per v
    for vi, (x, top, _, bottom) in enumerate(sorted(v_edges, key=itemgetter(0, 1))):
        v_bit = 1 << vi
        first = bisect_left(tops, top - INTERSECTION)  # h.top >= v.top - tolerance ...
        last = bisect_right(tops, bottom + INTERSECTION)  # ... and h.top <= v.bottom + tolerance
        for hi in range(first, last):
            below, left, right = reach[hi]
            if top <= below and left <= x <= right:
                key = (x, tops[hi])
                found = points.get(key)
                if found is None:
                    points[key] = [v_bit, 1 << hi, 0]
                else:
                    found[0] |= v_bit
                    found[1] |= 1 << hi
    return points


_Below = tuple[float, list[int], list[tuple[float, list[int]]], int]  # a point of a column: y, point, row, in row


def _cells(v_edges: list[BBox], h_edges: list[BBox]) -> list[tuple[BBox, tuple[int, int, int, int]]]:
    """Intersections -> smallest rectangles closed by edges (pdfplumber's ``intersections_to_cells``).

    Each cell comes with its corners' point ids (equal ids: the same point).
    """
    points = _intersections(v_edges, h_edges)
    columns: dict[float, list[_Below]] = defaultdict(list)  # x -> (y, point, its row, index in row)
    rows: dict[float, list[tuple[float, list[int]]]] = defaultdict(list)  # y -> (x, point), left to right
    for pid, ((x, y), point) in enumerate(sorted(points.items())):  # unique keys: points never compared
        point[2] = pid
        row = rows[y]
        columns[x].append((y, point, row, len(row)))
        row.append((x, point))
    cells: list[tuple[BBox, tuple[int, int, int, int]]] = []
    for x, column in columns.items():  # the points in sorted order, column by column, top to bottom
        for k in range(len(column) - 1):  # the bottom point has nothing below it
            row, j = column[k][2], column[k][3]
            if j + 1 < len(row):  # ... and the rightmost point nothing to its right
                found = _cell_at(points, x, column, k, row, j)
                if found:
                    cells.append(found)
    return cells


def _cell_at(
    points: dict[tuple[float, float], list[int]],
    x: float,
    column: list[_Below],
    k: int,
    row: list[tuple[float, list[int]]],
    j: int,
) -> tuple[BBox, tuple[int, int, int, int]] | None:
    """The smallest cell with its top-left corner at ``column[k]`` (the point ``row[j]``).

    Tried as pdfplumber tries them: the points below sharing a v edge, top to
    bottom, each with the points to the right sharing an h edge, left to
    right, until the fourth corner shares an edge with both.  Walked by index
    (most searches end at the first pair, so slices would cost more than the search).
    """
    y, (vs, hs, pid), _, _ = column[k]
    for kb in range(k + 1, len(column)):
        below, (below_v, below_h, below_id), _, _ = column[kb]
        if not vs & below_v:
            continue
        for jr in range(j + 1, len(row)):
            rx, (right_v, right_h, right_id) = row[jr]
            if not hs & right_h:
                continue
            corner = points.get((rx, below))
            if corner is not None and corner[0] & right_v and corner[1] & below_h:
                return (x, y, rx, below), (pid, below_id, right_id, corner[2])
    return None


def _tables(cells: list[tuple[BBox, tuple[int, int, int, int]]]) -> list[list[BBox]]:
    """Cells grouped by shared corners (pdfplumber's ``cells_to_tables``), top to bottom; single cells dropped."""
    remaining = cells
    tables: list[list[BBox]] = []
    current: list[BBox] = []
    seen: set[int] = set()
    while remaining:
        before = len(current)
        left: list[tuple[BBox, tuple[int, int, int, int]]] = []  # not joined in this pass, in order
        for cell, corners in remaining:
            if not current or not seen.isdisjoint(corners):
                seen.update(corners)
                current.append(cell)
            else:
                left.append((cell, corners))
        remaining = left
        if len(current) == before:
            tables.append(current)
            current, seen = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def find_tables(edges: list[Edge]) -> list[list[BBox]]:
    """Cell boxes of each ruled table on the page, in pdfplumber's order."""
    v = _join(_snap([e for e in edges if e.orientation == "v"], True), True) if edges else []
    h = _join(_snap([e for e in edges if e.orientation == "h"], False), False) if edges else []
    v = [e for e in v if e[3] - e[1] >= EDGE_MIN_LENGTH]  # Edge.length: bottom - top ...
    h = [e for e in h if e[2] - e[0] >= EDGE_MIN_LENGTH]  # ... x1 - x0
    if not v or not h:
        return []
    return _tables(_cells(v, h))
