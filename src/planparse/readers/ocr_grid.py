"""Ruling lines, the cell grids they enclose, and the ink inside cells, on a level page.

Pure numpy; no OCR here.  Images are 2-D arrays as in ``ocr_preprocess`` (``dark``
is bool, True = ink).  Rules are found as ink masks (``ruling_masks``),
grouped into grids with merged cells (``find_grids``) and painted out before
OCR (``rule_pixels``); ``ocr_ink`` measures the ink inside cells.  Sizes
are given in inches and converted with the page's dpi.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planparse.readers.ocr_preprocess import dilate

# --- ruling lines
H_LINE_MIN_IN = 0.4  # a horizontal rule is at least this long (text strokes never are)
V_LINE_MIN_IN = 0.16  # a vertical rule segment: longer than a capital letter at 12 pt
LINE_FILL = 0.9  # share of ink along a window that makes it a rule (noise breaks a few pixels)
RULE_SIDE_IN = 0.025  # beside a rule, this far from it, there is paper...
RULE_CLEAR = 0.6  # ...along at least this share of the window (text touching it now and then is fine)
MERGE_LINES_IN = 0.04  # rules closer than this are one rule (thick or doubled borders)
EDGE_COVER = 0.6  # share of a cell's width a horizontal rule must cover to separate two cells
V_EDGE_COVER = 0.95  # share of a row's height (rule to rule) a vertical rule must cover without a gap...
RULE_GAP_PX = 2  # ...bridging breaks this short (noise); a letter stroke stops a cell padding short of the rules
RULE_FRINGE_PX = 2  # rule pixels are painted out this much wider on each side (grey fringe)
RULE_ROW_FILL = 0.3  # a row of a rule's band where the rule mask fills this share...
RULE_INK_FILL = 0.8  # ...or ink fills this share (text rows never do)
MIN_TABLE_LINES = 2  # a grid needs at least 2 horizontal and 2 vertical rules


@dataclass(frozen=True, slots=True)
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def width(self) -> int:
        return self.x1 - self.x0

    @property
    def height(self) -> int:
        return self.y1 - self.y0

    def contains(self, x: float, y: float) -> bool:
        return self.x0 <= x < self.x1 and self.y0 <= y < self.y1


@dataclass(frozen=True, slots=True)
class GridCell:
    """A merged region of grid units: rows r0..r1-1, columns c0..c1-1."""

    r0: int
    c0: int
    r1: int
    c1: int
    box: Box


@dataclass(frozen=True, slots=True, eq=False)
class Grid:
    """One ruled table: rule positions and the cells they enclose."""

    xs: tuple[int, ...]  # column boundaries (len = columns + 1)
    ys: tuple[int, ...]  # row boundaries (len = rows + 1)
    cells: tuple[GridCell, ...]
    line_width: int  # typical rule thickness in pixels
    half: int  # half-width of the band around a rule position that its pixels may occupy
    v_sep: np.ndarray  # [row, boundary]: a vertical rule at xs[boundary] crosses the row
    h_sep: np.ndarray  # [boundary, column]: a horizontal rule at ys[boundary] runs under the column

    @property
    def box(self) -> Box:
        return Box(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


# ---------------------------------------------------------------- ruling lines


def _runs(flags: np.ndarray, max_gap: int = 0) -> list[tuple[int, int]]:
    """[start, end) runs of True, gaps up to ``max_gap`` bridged."""
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return []
    runs: list[tuple[int, int]] = []
    start = prev = int(idx[0])
    for i in idx[1:]:
        i = int(i)
        if i - prev > max_gap + 1:
            runs.append((start, prev + 1))
            start = i
        prev = i
    runs.append((start, prev + 1))
    return runs


def _window_sums(a: np.ndarray, length: int) -> np.ndarray:
    """Sums over windows of ``length`` along axis 1 (window j covers j..j+length-1)."""
    c = np.pad(np.cumsum(a, axis=1, dtype=np.int32), ((0, 0), (1, 0)))
    return c[:, length:] - c[:, :-length]


def _line_mask(dark: np.ndarray, length: int, axis: int, side: int) -> np.ndarray:
    """Ink pixels on a rule along ``axis``: a morphological opening by a line segment.

    A window of ``length`` is a piece of rule when ink fills LINE_FILL of it and
    the rows ``side`` pixels to either side are mostly paper (RULE_CLEAR): the
    baseline of bold text with serifs is as long and full, but has letters on
    one side.  A rule drifting by a row (residual skew, JPEG blocks) stays one
    run: the test uses the 3-row OR.
    """
    if dark.shape[axis] < length:
        return np.zeros_like(dark)
    a = dark if axis == 1 else dark.T
    smeared = a.copy()
    smeared[1:] |= a[:-1]
    smeared[:-1] |= a[1:]
    good = _window_sums(smeared, length) >= LINE_FILL * length
    if side > 0:
        ink_side = _window_sums(a, length)
        limit = (1 - RULE_CLEAR) * length
        above = np.full(good.shape, False)
        below = np.full(good.shape, False)
        above[side:] = ink_side[:-side] <= limit
        below[:-side] = ink_side[side:] <= limit
        good &= above & below
    # Dilate back: a pixel is on a rule when any good window covers it.
    g = np.pad(np.cumsum(good, axis=1, dtype=np.int32), ((0, 0), (1, 0)))
    j = np.arange(a.shape[1])
    lo = np.clip(j - length + 1, 0, good.shape[1])
    hi = np.clip(j + 1, 0, good.shape[1])
    mask = ((g[:, hi] - g[:, lo]) > 0) & a
    return mask if axis == 1 else mask.T


@dataclass(frozen=True, slots=True)
class Segment:
    pos: int  # y of a horizontal rule, x of a vertical one (centre)
    start: int  # extent along the rule
    end: int
    width: int  # thickness


def _segments(mask: np.ndarray, axis: int, min_len: int, merge: int) -> list[Segment]:
    """Rules in a line mask: bands of neighbouring rows (axis=1) or columns (axis=0)."""
    m = mask if axis == 1 else mask.T
    profile = m.sum(axis=1)
    out: list[Segment] = []
    for b0, b1 in _runs(np.asarray(profile >= min_len), max_gap=merge):
        along = m[b0:b1].any(axis=0)
        for s, e in _runs(np.asarray(along), max_gap=merge):
            if e - s >= min_len:
                out.append(Segment((b0 + b1 - 1) // 2, s, e, b1 - b0))
    return out


def ruling_masks(dark: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rules, vertical rules) as ink masks."""
    side = max(3, round(RULE_SIDE_IN * dpi))
    return (
        _line_mask(dark, max(8, round(H_LINE_MIN_IN * dpi)), axis=1, side=side),
        _line_mask(dark, max(8, round(V_LINE_MIN_IN * dpi)), axis=0, side=side),
    )


def _cluster(positions: list[int], tol: int) -> list[int]:
    out: list[list[int]] = []
    for p in sorted(positions):
        if out and p - out[-1][-1] <= tol:
            out[-1].append(p)
        else:
            out.append([p])
    return [round(sum(g) / len(g)) for g in out]


def _cover(mask: np.ndarray, y0: int, y1: int, x0: int, x1: int, axis: int) -> float:
    """Share of the span (along ``axis``) covered by rule pixels inside the band."""
    band = mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if band.size == 0:
        return 0.0
    return float(band.any(axis=0 if axis == 1 else 1).mean())


def _longest_cover(mask: np.ndarray, y0: int, y1: int, x0: int, x1: int) -> float:
    """Longest unbroken run of rows with rule pixels in the band, as a share of its height."""
    band = mask[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if band.size == 0:
        return 0.0
    runs = _runs(np.asarray(band.any(axis=1)), max_gap=RULE_GAP_PX)
    return max((e - s for s, e in runs), default=0) / band.shape[0]


def find_grids(hmask: np.ndarray, vmask: np.ndarray, dpi: float) -> list[Grid]:
    """Ruled tables on a level page, top to bottom, from its rule masks (``ruling_masks``)."""
    merge = max(2, round(MERGE_LINES_IN * dpi))
    hsegs = _segments(hmask, 1, max(8, round(H_LINE_MIN_IN * dpi)), merge)
    vsegs = _segments(vmask, 0, max(8, round(V_LINE_MIN_IN * dpi)), merge)
    if len(hsegs) < MIN_TABLE_LINES or len(vsegs) < MIN_TABLE_LINES:
        return []
    # Group rules that touch into tables (union-find over horizontal + vertical segments).
    parent = list(range(len(hsegs) + len(vsegs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tol = merge + 2

    def anchored(v: Segment) -> bool:  # a vertical rule runs from a horizontal rule to another; letter strokes do not
        ends = [h for h in hsegs if h.start - tol <= v.pos <= h.end + tol]
        return any(abs(h.pos - v.start) <= tol + h.width for h in ends) and any(
            abs(h.pos - v.end) <= tol + h.width for h in ends
        )

    vsegs = [v for v in vsegs if anchored(v)]
    if len(vsegs) < MIN_TABLE_LINES:
        return []
    for i, h in enumerate(hsegs):
        for j, v in enumerate(vsegs):
            if h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol:
                parent[find(i)] = find(len(hsegs) + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, h in enumerate(hsegs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vsegs):
        groups.setdefault(find(len(hsegs) + j), ([], []))[1].append(v)
    grids = [
        g
        for hs, vs in groups.values()
        if len(hs) >= MIN_TABLE_LINES and len(vs) >= MIN_TABLE_LINES
        for g in [_grid(hs, vs, hmask, vmask, merge)]
        if g is not None
    ]
    return sorted(grids, key=lambda g: g.ys[0])


def _grid(hs: list[Segment], vs: list[Segment], hmask: np.ndarray, vmask: np.ndarray, merge: int) -> Grid | None:
    left = min(h.start for h in hs)
    right = max(h.end for h in hs)
    top = min(v.start for v in vs)
    bottom = max(v.end for v in vs)
    xs = _cluster([v.pos for v in vs] + [left, right], merge * 2)
    ys = _cluster([h.pos for h in hs] + [top, bottom], merge * 2)
    if len(xs) < 2 or len(ys) < 2:
        return None
    lw = max(1, int(np.median([s.width for s in (*hs, *vs)])))
    half = lw // 2 + merge
    nr, nc = len(ys) - 1, len(xs) - 1
    # v_sep[r][j]: a rule at xs[j] separates columns j-1 and j in row r.
    v_sep = np.zeros((nr, nc + 1), bool)
    for r in range(nr):
        # The whole span, rules included: a rule meets both, a tall letter stroke stops short.
        y0, y1 = ys[r], ys[r + 1] + 1
        for j in range(nc + 1):
            v_sep[r, j] = _longest_cover(vmask, y0, y1, xs[j] - half, xs[j] + half + 1) >= V_EDGE_COVER
    h_sep = np.zeros((nr + 1, nc), bool)
    for i in range(nr + 1):
        for c in range(nc):
            x0, x1 = xs[c] + half, xs[c + 1] - half
            if x1 <= x0:
                continue
            h_sep[i, c] = _cover(hmask, ys[i] - half, ys[i] + half + 1, x0, x1, axis=1) >= EDGE_COVER
    # Merge grid units not separated by a rule.
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not v_sep[r, c + 1]:
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not h_sep[r + 1, c]:
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    regions: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            regions.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for units in regions.values():
        r0 = min(r for r, _ in units)
        r1 = max(r for r, _ in units) + 1
        c0 = min(c for _, c in units)
        c1 = max(c for _, c in units) + 1
        cells.append(GridCell(r0, c0, r1, c1, Box(xs[c0], ys[r0], xs[c1], ys[r1])))
    cells.sort(key=lambda k: (k.r0, k.c0))
    return Grid(tuple(xs), tuple(ys), tuple(cells), lw, half, v_sep, h_sep)


def _paint_band(
    out: np.ndarray, mask: np.ndarray, dark: np.ndarray, text: np.ndarray, y0: int, y1: int, x0: int, x1: int
) -> None:
    """Mark the rule running along x in mask[y0:y1, x0:x1]: the rows it fills (in the
    rule mask or the ink mask, whichever is wider), widened by RULE_FRINGE_PX, except
    in columns where ``text`` ink touches the widened band from outside -- a letter
    touching the rule keeps its stroke (and a stub of the rule)."""
    h, w = mask.shape
    y0, y1, x0, x1 = max(0, y0), min(h, y1), max(0, x0), min(w, x1)
    if y1 <= y0 or x1 <= x0:
        return
    in_mask = mask[y0:y1, x0:x1].mean(axis=1)
    if in_mask.max() < RULE_ROW_FILL:
        return
    # The rule's rows: around the fullest row, as long as the rule mask or the ink fills them.
    filled = (in_mask >= RULE_ROW_FILL) | (dark[y0:y1, x0:x1].mean(axis=1) >= RULE_INK_FILL)
    peak = int(np.argmax(in_mask))
    a = b = peak
    while a > 0 and filled[a - 1]:
        a -= 1
    while b + 1 < len(filled) and filled[b + 1]:
        b += 1
    top = max(0, y0 + a - RULE_FRINGE_PX)
    bottom = min(h, y0 + b + RULE_FRINGE_PX + 1)
    above = text[top - 1, x0:x1] if top > 0 else np.zeros(x1 - x0, bool)
    below = text[bottom, x0:x1] if bottom < h else np.zeros(x1 - x0, bool)
    touched = above | below
    # A letter's stroke is a few pixels wide: spare its neighbours too.
    touched = touched | np.roll(touched, 1) | np.roll(touched, -1)
    out[top:bottom, x0:x1] |= ~touched[None, :]


def rule_pixels(grids: list[Grid], hmask: np.ndarray, vmask: np.ndarray, dark: np.ndarray) -> np.ndarray:
    """The pixels to paint out: the grids' rules where they separate cells, widened over
    their grey fringe, sparing letters that touch them.  Long letter strokes stay."""
    # Ink touching a horizontal rule is text unless it is a crossing vertical rule, and vice versa.
    grow = RULE_FRINGE_PX + 1
    h_text = dark & ~dilate(vmask, grow, grow)
    v_text = (dark & ~dilate(hmask, grow, grow)).T
    out = np.zeros_like(hmask)
    out_t = np.zeros_like(vmask.T)
    vt, dt = vmask.T, dark.T
    for g in grids:
        h = g.half
        for i, c in zip(*np.nonzero(g.h_sep), strict=True):
            _paint_band(out, hmask, dark, h_text, g.ys[i] - h, g.ys[i] + h + 1, g.xs[c] - h, g.xs[c + 1] + h + 1)
        for r, j in zip(*np.nonzero(g.v_sep), strict=True):
            _paint_band(out_t, vt, dt, v_text, g.xs[j] - h, g.xs[j] + h + 1, g.ys[r] - h, g.ys[r + 1] + h + 1)
    return out | out_t.T
