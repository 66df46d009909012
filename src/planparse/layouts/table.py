"""Real cell tables: pipe- or tab-separated text, position-aligned text, reader tables.

- Pipe tables ("| № | Наименование | Срок | Ответственный |"), as copied from web
  pages, and tab-separated rows (a spreadsheet copied as text, ``delimited``);
  rows whose number cell is empty continue the row above.
- Position-aligned text (``pdftotext -layout``): columns are the character
  ranges that the header's words occupy; every body character goes to the
  column it stands under (nearest by position), so month marks land in their
  month even when neighbouring cells are empty.
- ``Table`` blocks from DOCX/PDF/OCR readers: the tables holding the plan, their
  headers and how they join are found by ``table_blocks``, their body rows read by ``reader_rows``.
All three end in ``cells.rows_to_items``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

import regex

from planparse.layouts.aligned import REANCHORED_FLAG, Span, reanchor
from planparse.layouts.base import ends_open, is_bullet, item_start, section_heading, starts_lower, starts_upper
from planparse.layouts.cells import (
    HEADING,
    MARK_KINDS,
    SPANNING,
    Role,
    Row,
    header_roles,
    is_plan_header,
    may_name_title,
    only_marks,
    rows_to_items,
)
from planparse.layouts.delimited import Splitter, apply_section_column, section_column, tab_splitter
from planparse.layouts.table_blocks import table_blocks
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem

_SEGMENT = regex.compile(r"\S+(?: \S+)*")  # text runs separated by 2+ spaces
_RULE = regex.compile(r"[\s|:\-–—=+]*")  # a pipe table's rule line ("|---|:--|")
_BR = regex.compile(r"\s*<br\s*/?>\s*", regex.IGNORECASE)
# With a number column filled this often, unnumbered lines are continuations, not headings.
NUMBERED_SHARE = 0.3


def _cell(cells: Sequence[str], kinds: list[str], kind: str) -> str:
    return cells[kinds.index(kind)].strip() if kind in kinds else ""


def _starts_row(cells: Sequence[str], kinds: list[str]) -> bool:
    title = _cell(cells, kinds, "title")
    return bool(_cell(cells, kinds, "number")) or bool(
        title and (item_start(title) or is_bullet(title) or section_heading(title))
    )


def _only_title(cells: Sequence[str], kinds: list[str]) -> bool:
    return all(not c.strip() for c, k in zip(cells, kinds, strict=False) if k != "title")


def _item_follows(rows: list[Row], j: int, kinds: list[str]) -> bool:
    """An item starts at row j, after any lower-case title-only continuation lines."""
    while j < len(rows) and _only_title(rows[j][0], kinds) and starts_lower(_cell(rows[j][0], kinds, "title")):
        j += 1
    return j < len(rows) and _starts_row(rows[j][0], kinds)


def _merge_continuations(
    rows: list[Row],
    roles: Sequence[Role],
    spanning: frozenset[int] = frozenset(),
    indented: frozenset[int] = frozenset(),
    physical: bool = False,
) -> list[Row]:
    """Glue wrapped lines to their row; keep group-heading lines as rows of their own.

    A line is a heading when only its title cell is filled, it starts with a
    capital, the row above is complete, and an item follows (or the line is a
    section row by its position, ``spanning``).  Lines indented deeper than the
    items (``indented``) are continuations, except before the first item; in ``physical`` tables (pipe
    text) every line is a whole row, so no item needs to follow.  Heading rows are returned with a
    leading marker cell ``HEADING`` so ``rows_to_items`` can tell them apart.
    """
    kinds = [r.kind for r in roles]
    numbered = sum(bool(_cell(c, kinds, "number")) for c, _ in rows) >= NUMBERED_SHARE * max(1, len(rows))
    out: list[Row] = []
    for k, (cells, where) in enumerate(rows):
        title = _cell(cells, kinds, "title")
        if cells[:1] == [HEADING] or _starts_row(cells, kinds):  # a heading row already, or an item
            out.append((list(cells), where))
            continue
        prev_title = _cell(out[-1][0], kinds, "title") if out else ""
        is_heading = bool(
            title
            and _only_title(cells, kinds)
            and starts_upper(title)
            and not ends_open(prev_title)
            and (k not in indented or not out)
            and (k in spanning or not out or physical or (not numbered and _item_follows(rows, k + 1, kinds)))
        )
        if is_heading:
            out.append(([HEADING, *cells], where))
            continue
        if not out:
            continue
        prev = out[-1][0]
        offset = 1 if prev and prev[0] == HEADING else 0
        for j, cell in enumerate(cells):
            if cell.strip():
                old = prev[j + offset]
                prev[j + offset] = f"{old}\n{cell.strip()}" if old.strip() else cell.strip()
    return out


def _fit(items: list[RawItem], n_rows: int) -> float:
    """Share of activities (group rows aside) that got a timing, mapped to 0.4-1."""
    parents = {it.item_no.rsplit(".", 1)[0] for it in items if it.item_no and "." in it.item_no}
    leaves = [it for it in items if it.item_no not in parents or it.item_no is None]
    if not leaves or not n_rows:
        return 0.0
    timed = sum(1 for it in leaves if it.timing_raw or it.months or it.all_year)
    return round(0.4 + 0.6 * timed / len(leaves), 3)


def _pipe_cells(text: str) -> list[str] | None:
    """The cells of a pipe-table line; a web page's ``<br>`` inside a cell is a line break."""
    t = text.strip()
    if t.count("|") < 2:
        return None
    return [_BR.sub("\n", c).strip() for c in t.strip("|").split("|")]


def _same_frame(header: str, line: str, n_cells: int, n_header: int) -> bool:
    """A body line drawn like the header: framed by a leading "|" when the header is, and with at
    least half the header's cells ("Поделиться: ВКонтакте | Telegram" under a table is no row)."""
    return (line.lstrip()[:1] == "|") >= (header.lstrip()[:1] == "|") and 2 * n_cells >= n_header


def _parse_pipe(lines: tuple[Line, ...], split: Splitter = _pipe_cells) -> tuple[list[str], list[RawItem], int] | None:
    """A table of one row per line, cells split by ``split`` (pipes, or tabs: ``delimited``)."""
    header: list[str] = []
    for i, line in enumerate(lines):
        cells = split(line.text)
        if cells is None or not is_plan_header(header_roles(cells)):
            if cells is None:
                header.append(line.text.strip())
            continue
        roles = header_roles(cells)
        rows: list[Row] = []
        for body in lines[i + 1 :]:
            row = split(body.text)
            if row is None or _RULE.fullmatch(body.text) or not _same_frame(line.text, body.text, len(row), len(cells)):
                continue
            row = (row + [""] * len(roles))[: len(roles)]
            rows.append((row, (body.page, body.number)))
        if (column := section_column(cells, roles)) is not None:
            rows = apply_section_column(rows, roles, column)
        rows = _merge_continuations(rows, roles, physical=True)
        return header, rows_to_items(roles, rows), len(rows)
    return None


def _spans(text: str) -> list[Span]:
    return [(m.start(), m.end(), m.group()) for m in _SEGMENT.finditer(text)]


def _aligned_header(lines: tuple[Line, ...]) -> tuple[int, list[tuple[float, float]], list[Role]] | None:
    """Header line index, column character ranges and roles (header may wrap to 3 lines)."""
    for i, line in enumerate(lines[:120]):
        if not may_name_title(line.text):
            continue
        spans = _spans(line.text)
        if len(spans) < 2:
            continue
        roles = header_roles([s[2] for s in spans])
        if not is_plan_header(roles):
            continue
        columns = [(s, e) for s, e, _ in spans]
        return i, columns, roles
    return None


def _split_aligned(
    spans: list[Span], columns: list[tuple[float, float]], marks: frozenset[int] = frozenset()
) -> list[str]:
    """Cells of one aligned line (its text runs, ``spans``): each run goes to the column it overlaps most.

    A run overlapping two or more mark columns (``marks``: month/quarter/year)
    is text centred across them ("ежеквартально" under I-IV квартал): it is
    kept as timing text (``SPANNING``) and marks none of them.  ``columns``
    are disjoint and left to right (the header's runs), so the columns a run
    overlaps are consecutive and found by bisection.
    """
    cells = [""] * len(columns)
    lefts, rights = [s for s, _ in columns], [e for _, e in columns]
    for start, end, seg in spans:
        first, stop = bisect_right(rights, start), bisect_left(lefts, end)  # the overlapped columns
        if first < stop:
            overlaps = [min(end, e) - max(start, s) for s, e in columns[first:stop]]
            k = first + overlaps.index(max(overlaps))
        else:
            mid = (start + end) / 2
            k = min(range(len(columns)), key=lambda j: abs((lefts[j] + rights[j]) / 2 - mid))
        if k in marks and sum(first <= j < stop for j in marks) >= 2 and not only_marks(seg):
            seg = SPANNING + seg
        cells[k] = f"{cells[k]} {seg}".strip()
    return cells


# A section row centred over the table: its centre within this share of the table width
# (at least CENTRE_SLACK characters) of the table's centre.
CENTRE_SHARE = 0.05
CENTRE_SLACK = 3
MIN_CROSS = 2  # characters a run must reach into each of two columns to cross their boundary


def _heading_like(
    text: str,
    spans: list[Span],
    columns: list[tuple[float, float]],
    title_col: int,
    centre: float,
    slack: float,
    edges: frozenset[float],
) -> bool:
    """One capitalised text run, no item number, set apart from every cell's left edge,
    that crosses the title column's boundary or is centred on the table: a section row.

    Cell text is left-aligned in its column, so a wrapped line starts where
    the cells of item lines start (``edges``, header columns included); a row
    merged across the table and centred starts anywhere.  ``spans``: the text runs of ``text``.
    """
    if len(spans) != 1 or item_start(text) or is_bullet(text.strip()) or not starts_upper(text):
        return False
    start, end, _ = spans[0]
    if any(abs(start - edge) <= 1 for edge in edges):
        return False
    reach = [max(0, min(end, e) - max(start, s)) for s, e in columns]
    crosses = reach[title_col] >= MIN_CROSS and sum(r >= MIN_CROSS for r in reach) >= 2
    return crosses or abs((start + end) / 2 - centre) <= slack


def _parse_aligned(lines: tuple[Line, ...]) -> tuple[list[str], list[RawItem], int] | None:
    found = _aligned_header(lines)
    if found is None:
        return None
    idx, columns, roles = found
    kinds = [r.kind for r in roles]
    title_col = next((k for k, r in enumerate(roles) if r.kind == "title"), 0)
    # The title column owns everything from its start to the next column's start.
    if title_col + 1 < len(columns):
        columns[title_col] = (columns[title_col][0], columns[title_col + 1][0] - 1)
    marks = frozenset(k for k, kind in enumerate(kinds) if kind in MARK_KINDS)
    # The header repeated at the top of later pages is no row (nor a section heading).
    repeated = " ".join(lines[idx].text.split())
    body = [line for line in lines[idx + 1 :] if line.text.strip() and " ".join(line.text.split()) != repeated]
    header_spans = _spans(lines[idx].text)
    mark_columns = [columns[k] for k in sorted(marks)]
    body_spans, weak = reanchor(
        body, [_spans(line.text) for line in body], header_spans, lines[idx].page, mark_columns, repeated
    )
    left = columns[0][0]
    right = max((len(line.text.rstrip()) for line in body), default=columns[-1][1])
    centre, slack = (left + right) / 2, max(CENTRE_SLACK, CENTRE_SHARE * (right - left))
    edges = frozenset(
        (
            *(s for s, _ in columns),
            *(s for line, spans in zip(body, body_spans, strict=True) if item_start(line.text) for s, _, _ in spans),
        )
    )
    rows: list[Row] = []
    spanning: set[int] = set()
    centred: set[int] = set()
    indents: list[float] = []
    title_start = columns[title_col][0]
    weak_rows: dict[int, tuple[str, ...]] = {}
    for k, (line, spans) in enumerate(zip(body, body_spans, strict=True)):
        indent = spans[0][0] if spans else 0
        if k in weak:
            weak_rows[len(rows)] = (REANCHORED_FLAG,)
        indents.append(indent)
        left_of_title = title_col > 0 and indent < title_start - 1 and not item_start(line.text)
        if left_of_title or _heading_like(line.text, spans, columns, title_col, centre, slack, edges):
            (spanning if left_of_title else centred).add(len(rows))
            cells = [""] * len(columns)
            cells[title_col] = line.text.strip()
        else:
            cells = _split_aligned(spans, columns, marks)
        rows.append((cells, (line.page, line.number)))
    # A centred row heads a section when an item (or the heading's next line) follows.
    spanning |= {k for k in centred if k + 1 in centred or (k + 1 < len(rows) and _starts_row(rows[k + 1][0], kinds))}
    starts = [indents[k] for k, (cells, _) in enumerate(rows) if _starts_row(cells, kinds)]
    item_indent = min(starts, default=0)
    indented = frozenset(k for k, ind in enumerate(indents) if ind > item_indent and k not in spanning)
    first_line = {where: k for k, (_, where) in enumerate(rows)}
    rows = _merge_continuations(rows, roles, frozenset(spanning), indented)
    header = [ln.text.strip() for ln in lines[:idx] if ln.text.strip()]
    return header, rows_to_items(roles, rows, _merged_flags(rows, first_line, weak_rows)), len(rows)


def _merged_flags(
    rows: list[Row], first_line: dict[tuple[int, int], int], flags: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    """``flags`` of lines (keyed by line row index) moved to the merged rows that took those lines."""
    starts = [first_line[where] for _, where in rows] + [len(first_line)]
    return {
        j: (REANCHORED_FLAG,)
        for j in range(len(rows))
        if any(k in flags for k in range(starts[j], starts[j + 1]))
    }


def parse_table(doc: Document) -> ParsedPlan | None:
    """Best of the pipe, aligned-text and reader-table readings."""
    lines = doc.lines
    best: ParsedPlan | None = None
    blocks = table_blocks(doc)
    tabs = tab_splitter(lines)
    readings: list[tuple[tuple[list[str], list[RawItem], int] | None, list[str]]] = [
        (blocks[:3], blocks[3]) if blocks else (None, []),
        (_parse_pipe(lines), []),
        (_parse_pipe(lines, tabs) if tabs else None, []),
        (_parse_aligned(lines), []),
    ]
    for found, notes in readings:
        if not found or not found[1]:
            continue
        header, items, n_rows = found
        plan = ParsedPlan(LayoutKind.TABLE, _fit(items, n_rows), tuple(items), tuple(header), tuple(notes))
        if best is None or plan.fit > best.fit:
            best = plan
    return best
