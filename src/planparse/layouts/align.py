"""Monotone alignment of column entries to activities by line position.

Serialized column tables give each cell's paragraphs one after another; the only
link between an activity in the first column and its timing/responsible entry
is the line offset at which each starts.  Offsets drift (columns wrap
differently), so entries are matched by a small dynamic programme that keeps
order, prefers one entry per activity and maps offsets through the anchors that
an earlier column already matched.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

SHARE_PENALTY = 3.0  # cost of giving a second entry to the same activity


def piecewise_map(anchors: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sorted, de-duplicated (from, to) anchors for ``map_offset``; always holds (0, 0)."""
    points = sorted({(0.0, 0.0), *((float(a), float(b)) for a, b in anchors)})
    out: list[tuple[float, float]] = []
    for a, b in points:
        if out and (a <= out[-1][0] or b < out[-1][1]):
            continue
        out.append((a, b))
    return out


def map_offset(x: float, anchors: Sequence[tuple[float, float]]) -> float:
    """Linear interpolation through anchors; beyond the last one, slope of the last span."""
    if len(anchors) < 2:
        return x
    xs = [a for a, _ in anchors]
    k = min(max(bisect_right(xs, x) - 1, 0), len(anchors) - 2)
    (x0, y0), (x1, y1) = anchors[k], anchors[k + 1]
    return y0 + (x - x0) * (y1 - y0) / (x1 - x0)


def _span_distance(pos: float, start: float, end: float) -> float:
    if pos < start:
        return start - pos
    if pos >= end:
        return pos - end + 1
    return 0.0


def align(positions: Sequence[float], starts: Sequence[int], total: int) -> list[int]:
    """Item index for each entry position (both in first-column line units).

    ``starts`` are the first-line offsets of the activities, ``total`` the
    column's line count.  Order is kept; an activity may receive several entries
    only when there are more entries than activities.
    """
    n_e, n_i = len(positions), len(starts)
    if n_e == 0 or n_i == 0:
        return []
    if n_e == n_i:
        return list(range(n_i))
    ends = [*starts[1:], max(total, starts[-1] + 1)]
    cost = [[_span_distance(p, s, e) for s, e in zip(starts, ends, strict=True)] for p in positions]
    inf = float("inf")
    best = [[inf] * n_i for _ in range(n_e)]
    back = [[-1] * n_i for _ in range(n_e)]
    best[0] = list(cost[0])
    for e in range(1, n_e):
        for i in range(n_i):
            for j in range(i + 1):
                prev = best[e - 1][j] + (SHARE_PENALTY if j == i else 0.0)
                if prev + cost[e][i] < best[e][i]:
                    best[e][i] = prev + cost[e][i]
                    back[e][i] = j
    i = min(range(n_i), key=lambda k: best[-1][k])
    out = [i]
    for e in range(n_e - 1, 0, -1):
        i = back[e][i]
        out.append(i)
    return out[::-1]


Assigned = tuple[list[str], list[str], set[str]]  # timing texts, responsible texts, flags


def assign_entries(
    starts: Sequence[int],
    total: int,
    timing: Sequence[tuple[int, str]],
    resp: Sequence[tuple[int, str]],
    *,
    absolute: bool = False,
) -> list[Assigned]:
    """Give each activity (first-line offsets ``starts``) its timing and responsible entries.

    Entries are (line offset in their own column, text).  One timing entry for
    several activities is shared (``timing_shared``); otherwise timings are
    aligned in order (``timing_by_position`` when counts differ).  Responsible
    entries are mapped through the timing anchors, then fill down to the
    activities below them (``responsible_shared`` / ``responsible_by_position``).
    ``absolute``: offsets in every column count from the same top (cells of one
    table row); otherwise each column's first entry is taken to face the first
    activity (serialized text, where columns start one after another).
    """
    n = len(starts)
    out: list[Assigned] = [([], [], set()) for _ in range(n)]
    anchors: list[tuple[float, float]] = []
    if timing:
        t_off = [off - (0 if absolute else timing[0][0]) for off, _ in timing]
        if len(timing) == 1 and n > 1:
            for k in range(n):
                out[k][0].append(timing[0][1])
                out[k][2].add("timing_shared")
        else:
            for (_, text), pos, k in zip(timing, t_off, align(t_off, starts, total), strict=True):
                out[k][0].append(text)
                anchors.append((pos, starts[k]))
                if len(timing) != n:
                    out[k][2].add("timing_by_position")
    if resp:
        mapping = piecewise_map([] if absolute else anchors)
        base = 0 if absolute else resp[0][0]
        positions = [map_offset(off - base, mapping) for off, _ in resp]
        targets = align(positions, starts, total) if len(resp) > 1 else [0]
        for (_, text), k in zip(resp, targets, strict=True):
            out[k][1].append(text)
        for k in range(1, n):  # fill down: an entry covers the activities below it
            if not out[k][1]:
                out[k][1].extend(out[k - 1][1])
        shared = "responsible_shared" if n > 1 and len(resp) == 1 else ""
        shared = shared or ("responsible_by_position" if len(resp) != n else "")
        for k in range(n if shared else 0):
            out[k][2].add(shared)
    return out
