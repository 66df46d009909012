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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

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
_MOVE, _CURVE = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class _Walker:
    """Painted paths of a page, form XObjects entered, with their matrices."""

    def __init__(self) -> None:
        self._m = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._m_at, self._x_at, self._y_at = (ctypes.c_void_p(ctypes.addressof(b)) for b in (self._m, self._x, self._y))

    def matrix(self, obj: _Handle) -> Matrix:
        m = self._m
        if not _object_matrix(obj, self._m_at):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def paths(self, holder: ctypes.c_void_p, form: bool, outer: Matrix) -> Iterator[tuple[_Handle, Matrix]]:
        count = _form_count(holder) if form else _count_objects(holder)
        get = _form_object if form else _get_object
        for i in range(count):
            obj = get(holder, i)
            kind = _object_type(obj)
            if kind == _PATH:
                yield obj, self.matrix(obj) if outer is _IDENTITY else _times(self.matrix(obj), outer)
            elif kind == _FORM:
                yield from self.paths(obj, True, _times(self.matrix(obj), outer))

    def subpaths(self, path: _Handle, m: Matrix, frame: Frame) -> Iterator[tuple[str, list[tuple[float, float]]]]:
        """(shape, points) per subpath as pdfminer sees it: "m", "l", "c" ops and "h" closing to the start."""
        a, b, c, d, e, f = m
        p, q, r, s, tx, ty = frame.p, frame.q, frame.r, frame.s, frame.tx, frame.ty
        xv, yv = self._x, self._y
        shape: list[str] = []
        pts: list[tuple[float, float]] = []
        pending_curve = 0
        for i in range(_count_segments(path)):
            seg = _get_segment(path, i)
            kind = _segment_type(seg)
            _segment_point(seg, self._x_at, self._y_at)
            x, y = xv.value, yv.value
            ux, uy = a * x + c * y + e, b * x + d * y + f
            point = (p * ux + q * uy + tx, r * ux + s * uy + ty)
            if kind == _MOVE:
                if shape:
                    yield "".join(shape), pts
                shape, pts = ["m"], [point]
            elif kind == _CURVE:
                pending_curve += 1  # pdfium gives a curve as three points; pdfminer keeps its end point
                if pending_curve == 3:
                    shape.append("c")
                    pts.append(point)
                    pending_curve = 0
            else:
                shape.append("l")
                pts.append(point)
            if _segment_close(seg) and pts:
                shape.append("h")
                pts.append(pts[0])
        if shape:
            yield "".join(shape), pts


def _edges_of(shape: str, pts: list[tuple[float, float]]) -> Iterator[Edge]:
    """pdfplumber's edges of one subpath (line, rectangle or polyline), see module doc."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"  # a redundant "l" back to the start of a closed path
        pts = pts[:-2] + pts[-1:]
    if shape in {"mlh", "ml"}:
        (x0, y0), (x1, y1) = pts[0], pts[1]
        orientation = "h" if y0 == y1 else "v"
        yield Edge(orientation, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        return
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == last and square:
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            yield Edge("h", left, top, right, top)
            yield Edge("h", left, bottom, right, bottom)
            yield Edge("v", left, top, left, bottom)
            yield Edge("v", right, top, right, bottom)
            return
    if not shape.startswith("m"):
        return
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        if x0 == x1:
            yield Edge("v", x0, min(y0, y1), x1, max(y0, y1))
        elif y0 == y1:
            yield Edge("h", min(x0, x1), y0, max(x0, x1), y1)


def page_edges(page: int, frame: Frame) -> list[Edge]:
    """Every horizontal/vertical edge of the page's painted paths (``page``: an ``FPDF_PAGE`` address)."""
    edges: list[Edge] = []
    walker = _Walker()
    for path, m in walker.paths(ctypes.c_void_p(page), False, _IDENTITY):
        for shape, pts in walker.subpaths(path, m, frame):
            edges.extend(e for e in _edges_of(shape, pts) if e.length >= EDGE_MIN_LENGTH_PREFILTER)
    return edges


# --- pdfplumber's table finder (lines strategy) ----------------------------------------


def _snap(edges: list[Edge], vertical: bool) -> list[Edge]:
    """Edges within SNAP of one another (chained, by x0 or top) moved to their mean position."""
    key = (lambda e: e.x0) if vertical else (lambda e: e.top)
    values = sorted({key(e) for e in edges})
    groups: list[list[float]] = []
    for v in values:
        if groups and v <= groups[-1][-1] + SNAP:
            groups[-1].append(v)
        else:
            groups.append([v])
    index = {v: g for g, group in enumerate(groups) for v in group}
    members: list[list[Edge]] = [[] for _ in groups]
    for e in edges:
        members[index[key(e)]].append(e)
    out: list[Edge] = []
    for group in members:
        mean = sum(map(key, group)) / len(group)
        for e in group:
            shift = mean - key(e)
            if vertical:
                out.append(Edge("v", e.x0 + shift, e.top, e.x1 + shift, e.bottom))
            else:
                out.append(Edge("h", e.x0, e.top + shift, e.x1, e.bottom + shift))
    return out


def _join(edges: list[Edge], vertical: bool) -> list[Edge]:
    """Collinear edges (same x0 or top) overlapping or within JOIN of one another joined."""
    lines: dict[float, list[Edge]] = defaultdict(list)
    for e in edges:
        lines[e.x0 if vertical else e.top].append(e)
    out: list[Edge] = []
    for position in sorted(lines):
        group = sorted(lines[position], key=(lambda e: e.top) if vertical else (lambda e: e.x0))
        joined = [group[0]]
        for e in group[1:]:
            last = joined[-1]
            if vertical and e.top <= last.bottom + JOIN:
                if e.bottom > last.bottom:
                    joined[-1] = Edge("v", last.x0, last.top, last.x1, e.bottom)
            elif not vertical and e.x0 <= last.x1 + JOIN:
                if e.x1 > last.x1:
                    joined[-1] = Edge("h", last.x0, last.top, e.x1, last.bottom)
            else:
                joined.append(e)
        out.extend(joined)
    return out


def _cells(v_edges: list[Edge], h_edges: list[Edge]) -> list[BBox]:
    """Intersections -> smallest rectangles closed by edges (pdfplumber's ``intersections_to_cells``)."""
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    h_sorted = sorted(h_edges, key=lambda e: (e.top, e.x0))
    tops = [h.top for h in h_sorted]
    reach = [(h.top + INTERSECTION, h.x0 - INTERSECTION, h.x1 + INTERSECTION) for h in h_sorted]  # asked per v
    for vi, v in enumerate(sorted(v_edges, key=lambda e: (e.x0, e.top))):
        x, top = v.x0, v.top
        first = bisect_left(tops, top - INTERSECTION)  # h.top >= v.top - tolerance ...
        last = bisect_right(tops, v.bottom + INTERSECTION)  # ... and h.top <= v.bottom + tolerance
        for hi in range(first, last):
            below, left, right = reach[hi]
            if top <= below and left <= x <= right:
                found = points.get((x, tops[hi]))
                if found is None:
                    found = points[(x, tops[hi])] = (set(), set())
                found[0].add(vi)
                found[1].add(hi)
    by_x: dict[float, list[tuple[float, float]]] = defaultdict(list)
    by_y: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for pt in sorted(points):  # columns left to right, each top to bottom; rows left to right
        by_x[pt[0]].append(pt)
        by_y[pt[1]].append(pt)
    at_y = {pt: k for row in by_y.values() for k, pt in enumerate(row)}

    cells: list[BBox] = []
    for column in by_x.values():  # the points in sorted order, column by column
        for k, pt in enumerate(column):  # an edge connects two points of a column (v) or of a row (h)
            found = _cell_at(points, pt, column[k + 1 :], by_y[pt[1]][at_y[pt] + 1 :])
            if found:
                cells.append(found)
    return cells


def _cell_at(
    points: dict[tuple[float, float], tuple[set[int], set[int]]],
    pt: tuple[float, float],
    under: list[tuple[float, float]],
    right: list[tuple[float, float]],
) -> BBox | None:
    """The smallest cell with its top-left corner at ``pt`` (points below it and right of it, in order)."""
    vs, hs = points[pt]
    for below in under:  # edges shared: the sets of edge indexes are not disjoint
        below_v, below_h = points[below]
        if vs.isdisjoint(below_v):
            continue
        for r in right:
            right_v, right_h = points[r]
            if hs.isdisjoint(right_h):
                continue
            corner = points.get((r[0], below[1]))
            if corner is not None and not corner[0].isdisjoint(right_v) and not corner[1].isdisjoint(below_h):
                return (pt[0], pt[1], r[0], below[1])
    return None


def _tables(cells: list[BBox]) -> list[list[BBox]]:
    """Cells grouped by shared corners (pdfplumber's ``cells_to_tables``), top to bottom; single cells dropped."""

    remaining = [(c, ((c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3]))) for c in cells]  # with corners
    tables: list[list[BBox]] = []
    current: list[BBox] = []
    seen: set[tuple[float, float]] = set()
    while remaining:
        before = len(current)
        left: list[tuple[BBox, tuple[tuple[float, float], ...]]] = []  # not joined in this pass, in order
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
    v = [e for e in v if e.length >= EDGE_MIN_LENGTH]
    h = [e for e in h if e.length >= EDGE_MIN_LENGTH]
    if not v or not h:
        return []
    return _tables(_cells(v, h))
