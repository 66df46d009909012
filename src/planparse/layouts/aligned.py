"""Per-page column geometry for position-aligned text (``pdftotext -layout``).

poppler lays each page out on its own character grid: the same ruled table can
come out 12-25 characters narrower on page 2 than under the header on page 1,
with the month columns compressed unevenly.  The header's character ranges then
put marks into the wrong month and responsible text into the timing columns.

``reanchor`` learns every later page's own anchors from its rows and maps each
text run's position on that page onto the header page's grid (a monotone
piecewise-linear map), so the header's columns apply everywhere:

- the title anchor: the indent of wrapped title lines;
- text anchors: the left edges where cell text starts (run starts right of the
  title seen on two lines or more), paired by order with those of the header's
  page (by frequency when their numbers differ);
- mark anchors: the positions of lone marks ("+", "х"), clustered and assigned
  to the header's mark columns: by order when there are as many clusters as
  columns, otherwise by the monotone assignment an affine map fits best, which
  is weak evidence: the page's lines with marks are reported (the caller flags
  their rows), as are all its lines when fewer than two anchors are found;
- a page that repeats the header is anchored on that header line.
A page whose anchors agree with the header page's is left as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import combinations

import regex

from planparse.layouts.base import MARKS, item_start
from planparse.layouts.cells import only_marks
from planparse.model import Line

Span = tuple[float, float, str]
Pair = tuple[float, float]  # (position on the page, position on the header's grid)

REANCHORED_FLAG = "columns_reanchored"  # a row on a page whose columns were re-learnt on weak evidence
TOLERANCE = 1  # characters two positions may differ and still be one column edge
MIN_LINES = 2  # lines a text edge must be seen on to count as a column edge
MAX_ASSIGNMENTS = 20000  # mark-cluster assignments tried before giving up on marks
_TOKEN = regex.compile(r"\S+")


def _groups(values: Sequence[float]) -> list[list[float]]:
    """Sorted values split where neighbours are more than TOLERANCE apart."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= TOLERANCE:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def _edges(values: Sequence[float]) -> list[tuple[float, int]]:
    """Column edges (most common value of each group) seen at least MIN_LINES times, with counts."""
    return [
        (Counter(g).most_common(1)[0][0], len(g)) for g in _groups(values) if len(g) >= MIN_LINES
    ]


def _mark_positions(spans: Sequence[Span]) -> list[float]:
    return [
        s + m.start() + (len(m.group()) - 1) / 2
        for s, _, seg in spans
        if only_marks(seg)
        for m in _TOKEN.finditer(seg)
        if m.group() in MARKS
    ]


Edges = list[tuple[float, int]]  # column edges with the number of lines showing each


def _number_only(text: str) -> bool:
    """An item number standing alone ("12."), its title in the next run."""
    found = item_start(text)
    return found is not None and not found[1]


def _stats(lines: Sequence[Line], spans: Sequence[Sequence[Span]]) -> tuple[float | None, Edges, list[float]]:
    """A page's title indent (of wrapped title lines and of titles set apart from their number),
    text column edges (with counts) and mark cluster centres."""
    wrapped = [
        sp[0][0]
        for line, sp in zip(lines, spans, strict=True)
        if sp and sp[0][0] > 0 and not item_start(line.text) and not only_marks(sp[0][2])
    ]
    after_number = [sp[1][0] for sp in spans if len(sp) > 1 and _number_only(sp[0][2])]
    indents = _edges(wrapped + after_number)
    title = indents[0][0] if indents else None
    limit = (title if title is not None else 0) + 2
    starts = [s for sp in spans for s, _, seg in sp if s > limit and not only_marks(seg)]
    marks = [sum(g) / len(g) for g in _groups([x for sp in spans for x in _mark_positions(sp)])]
    return title, _edges(starts), marks


def _fit(points: Sequence[Pair]) -> float | None:
    """Squared error of the least-squares line through ``points``; None when it does not rise."""
    n = len(points)
    mx, my = sum(p for p, _ in points) / n, sum(r for _, r in points) / n
    sxx = sum((p - mx) ** 2 for p, _ in points)
    if sxx == 0:
        return None
    slope = sum((p - mx) * (r - my) for p, r in points) / sxx
    if slope <= 0:
        return None
    return sum((r - my - slope * (p - mx)) ** 2 for p, r in points)


def _assign_marks(marks: list[float], centres: list[float], fixed: Sequence[Pair]) -> tuple[list[Pair], bool]:
    """Mark clusters paired with mark columns, and whether the pairing is weak.

    With fewer clusters than columns the pairing is the monotone one that an affine map
    (through ``fixed`` too) fits best; poppler's grid is uneven, so that is a guess: weak.
    """
    if not marks or not centres or len(marks) > len(centres):
        return [], bool(marks)
    if len(marks) == len(centres):
        return list(zip(marks, centres, strict=True)), False
    scored: list[tuple[float, tuple[float, ...]]] = []
    for n, chosen in enumerate(combinations(centres, len(marks))):
        if n >= MAX_ASSIGNMENTS:
            return [], True
        err = _fit([*zip(marks, chosen, strict=True), *fixed])
        if err is not None:
            scored.append((err, chosen))
    if not scored:
        return [], True
    best = min(scored)[1]
    return list(zip(marks, best, strict=True)), True


def _text_pairs(page: list[tuple[float, int]], ref: list[tuple[float, int]]) -> list[Pair]:
    if not page or not ref:
        return []
    if len(page) == len(ref):
        return [(p, r) for (p, _), (r, _) in zip(page, ref, strict=True)]
    return [(max(page, key=lambda e: e[1])[0], max(ref, key=lambda e: e[1])[0])]


def _monotone(pairs: list[Pair]) -> list[Pair]:
    out: list[Pair] = []
    for p, r in sorted(set(pairs)):
        if not out or (p > out[-1][0] and r > out[-1][1]):
            out.append((p, r))
    return out


def _mapper(pairs: list[Pair]):  # noqa: ANN202 - a small closure
    first, last = pairs[0], pairs[-1]
    slope = (last[1] - first[1]) / (last[0] - first[0]) if last[0] > first[0] else 1.0

    def move(x: float) -> float:
        if x <= first[0]:
            return first[1] + (x - first[0]) * slope
        for (p0, r0), (p1, r1) in zip(pairs, pairs[1:], strict=False):
            if x <= p1:
                return r0 + (x - p0) * (r1 - r0) / (p1 - p0)
        return last[1] + (x - last[0]) * slope

    return move


def _aligned(
    title: float | None,
    texts: list[tuple[float, int]],
    marks: list[float],
    ref_title: float | None,
    known: Sequence[float],
    mark_columns: Sequence[tuple[float, float]],
) -> bool:
    """The page's anchors already sit where the header page's do: its title indent, its marks
    (each inside a mark column) and its most common text edge (at an edge ``known`` from the
    header page or the header itself; a rarer one may be a column the header page left empty)."""
    if title is not None and ref_title is not None and abs(title - ref_title) > TOLERANCE:
        return False
    if texts and all(abs(max(texts, key=lambda e: e[1])[0] - r) > TOLERANCE for r in known):
        return False
    return all(any(s - TOLERANCE <= x <= e + TOLERANCE for s, e in mark_columns) for x in marks)


def _header_pairs(spans: Sequence[Span], header: Sequence[Span]) -> list[Pair]:
    if len(spans) != len(header):
        return []
    return [pair for (s, e, _), (hs, he, _) in zip(spans, header, strict=True) for pair in ((s, hs), (e, he))]


def reanchor(
    body: Sequence[Line],
    spans: list[list[Span]],
    header: Sequence[Span],
    header_page: int,
    mark_columns: Sequence[tuple[float, float]],
    repeated: str,
) -> tuple[list[list[Span]], set[int]]:
    """Each body line's text runs on the header page's grid, and the indices of lines placed on weak evidence.

    ``header``: the header line's runs; ``mark_columns``: the character ranges
    of the mark columns; ``repeated``: the header's text with single spaces (a
    page repeating it is anchored on it).
    """
    pages: dict[int, list[int]] = {}
    for k, line in enumerate(body):
        pages.setdefault(line.page, []).append(k)
    ref = pages.get(header_page, [])
    ref_title, ref_texts, _ = _stats([body[k] for k in ref], [spans[k] for k in ref])
    known = [*(e for e, _ in ref_texts), *(s for s, _, _ in header)]
    out, weak = list(spans), set()
    for page, index in pages.items():
        if page == header_page:
            continue
        lines, page_spans = [body[k] for k in index], [spans[k] for k in index]
        pairs = next(
            (_header_pairs(_spans_of(ln.text), header) for ln in lines if " ".join(ln.text.split()) == repeated), []
        )
        unsure = False
        if not pairs:
            title, texts, marks = _stats(lines, page_spans)
            if _aligned(title, texts, marks, ref_title, known, mark_columns):
                continue
            pairs = _text_pairs(texts, ref_texts)
            if title is not None and ref_title is not None:
                pairs.append((title, ref_title))
            right = [pair for pair in pairs if marks and pair[0] > marks[-1]]
            centres = [(s + e) / 2 for s, e in mark_columns]
            found, unsure = _assign_marks(marks, centres, right[:1])
            pairs += found
        pairs = _monotone(pairs)
        if len(pairs) < 2:
            weak.update(index)
            continue
        move = _mapper(pairs)
        for k in index:
            out[k] = [(move(s), move(e), seg) for s, e, seg in spans[k]]
        if unsure:
            weak.update(k for k in index if any(only_marks(seg) for _, _, seg in spans[k]))
    return out, weak


def _spans_of(text: str) -> list[Span]:
    return [(m.start(), m.end(), m.group()) for m in regex.finditer(r"\S+(?: \S+)*", text)]
