"""Grid plans exported as text: one row per activity, month cells joined by single spaces.

A row is ``title + " " + c1 + " " + ... + " " + cN`` where empty cells leave only
their separators, so the column of a mark is found by counting separators
("months from spacing").  The number of cells N is learnt from the document
(the most common tail length), not assumed: 13 = 12 months + "в течение года",
12 = months only, 5/4 = quarters (+ year).  Exports that end every line with a
space are detected and accounted for.  Long titles wrap and put their marks on a
line of their own; a text cell ("1 раз в" / "год") may wrap too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from planparse.layouts.base import MARKS, SUSPECT_MARKS, item_start, section_heading
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem
from planparse.normalize.timing import is_complete_timing, timing_score

# Cell counts that make sense, and what each column means.
_YEAR = 0  # marker for the "в течение года" column
_COLUMN_MEANINGS: dict[int, tuple[tuple[int, ...], ...]] = {
    13: tuple((m,) for m in range(1, 13)) + ((_YEAR,),),
    12: tuple((m,) for m in range(1, 13)),
    5: ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12), (_YEAR,)),
    4: ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12)),
}
TEXT_CELL_MIN_SCORE = 0.6
TRAILING_SPACE_SHARE = 0.8
_CELL_TOKENS = frozenset({"", *MARKS, *SUSPECT_MARKS})  # an empty cell or a mark


@dataclass
class _Row:
    item_no: str | None
    title_lines: list[str]
    page: int
    line: int
    section: tuple[str | None, str | None]
    cells: list[str] | None = None
    flags: list[str] = field(default_factory=list)
    text_open: bool = False  # last text cell may continue on the next line


def _tokens(raw: str) -> list[str]:
    return raw.replace("\t", " ").rstrip("\n").split(" ")


def _tail(tokens: list[str], from_start: bool) -> tuple[int, list[str]] | None:
    """Split tokens into (title token count, tail elements) scanning from the right.

    Elements are "" (empty cell), a mark, or a text cell (a run of timing words
    preceded by an empty cell).  ``from_start`` requires the whole line to be tail.
    """
    elements: list[str] = []
    i = len(tokens)
    while i > 0:
        tok = tokens[i - 1]
        if tok in _CELL_TOKENS:
            elements.append(tok)
            i -= 1
            continue
        j = i
        while j > 0 and tokens[j - 1] != "":
            j -= 1
        run = " ".join(tokens[j:i])
        preceded_by_gap = j >= 2 and tokens[j - 1] == "" and tokens[j - 2] == ""
        if (preceded_by_gap or (from_start and j == 0)) and timing_score(run) >= TEXT_CELL_MIN_SCORE:
            elements.append(run)
            i = j
            continue
        break
    if from_start and i > 0:
        return None
    elements.reverse()
    return i, elements


def _has_content(elements: list[str]) -> bool:
    return any(elements)  # some element is not an empty cell


def _marks_only(raw: str) -> list[str] | None:
    if not raw.strip():
        return None
    found = _tail(_tokens(raw), from_start=True)
    if found is None or not _has_content(found[1]):
        return None
    return found[1]


def _expected(n_cells: int, trailing: bool) -> int:
    return n_cells + 1 if trailing else n_cells


def _fit_cells(elements: list[str], n_cells: int, trailing: bool, flags: list[str]) -> list[str] | None:
    """Cut tail elements to exactly n_cells, flagging any guess."""
    want = _expected(n_cells, trailing)
    if trailing and elements and elements[-1] == "":
        elements = elements[:-1]
        want -= 1
    if len(elements) == want:
        return elements
    if not _has_content(elements):
        return None
    if len(elements) > want:
        extra = len(elements) - want
        if all(e == "" for e in elements[:extra]):
            flags.append("grid_spacing_repaired")  # the title's own trailing spaces
            return elements[extra:]
        flags.append("grid_count_mismatch")
        return elements[:want]
    if not trailing:  # right-stripped lines lose their trailing empty cells
        return elements + [""] * (want - len(elements))
    flags.append("grid_count_mismatch")
    return elements + [""] * (want - len(elements))


def _trailing_convention(lines: tuple[Line, ...]) -> bool:
    """Whether the export ends every row with a space (judged on lines holding marks)."""
    marked = [ln.text for ln in lines if not MARKS.isdisjoint(_tokens(ln.text))]
    pool = marked or [ln.text for ln in lines]
    return sum(t.endswith(" ") for t in pool) / len(pool) >= TRAILING_SPACE_SHARE


def _learn_cell_count(lines: tuple[Line, ...], marks: list[list[str] | None], trailing: bool) -> int | None:
    """The most common sensible tail length (``marks``: each line's ``_marks_only``)."""
    counts: Counter[int] = Counter()
    for line, elements in zip(lines, marks, strict=True):
        if elements is None:
            found = _tail(_tokens(line.text), from_start=False) if item_start(line.text) else None
            if not found or not _has_content(found[1]):
                continue
            elements = found[1]
        n = len(elements) - (1 if trailing and elements[-1:] == [""] else 0)
        counts[n] += 1
    for n, _ in counts.most_common():
        if n in _COLUMN_MEANINGS:
            return n
    return None


def _cells_to_item(row: _Row, n_cells: int) -> RawItem:
    months: set[int] = set()
    all_year = False
    texts: list[str] = []
    flags = list(row.flags)
    for cell, meaning in zip(row.cells or [], _COLUMN_MEANINGS[n_cells], strict=False):
        if not cell:
            continue
        if cell in SUSPECT_MARKS:
            flags.append("mark_ocr_suspect")
        elif cell not in MARKS:
            texts.append(cell)
        if meaning == (_YEAR,):
            all_year = True
        else:
            months.update(meaning)
    if row.cells and (months or all_year):
        flags.append("months_from_spacing")
    return RawItem(
        title_lines=tuple(row.title_lines),
        item_no=row.item_no,
        section_no=row.section[0],
        section_title=row.section[1],
        months=tuple(sorted(months)),
        all_year=all_year,
        timing_raw=" ".join(texts) or None,
        page=row.page,
        line=row.line,
        flags=tuple(dict.fromkeys(flags)),
    )


def parse_grid(doc: Document) -> ParsedPlan | None:
    """Read a space-joined month grid; None when the document is not one."""
    lines = tuple(ln for ln in doc.lines if ln.text.strip())
    if not lines:
        return None
    trailing = _trailing_convention(lines)
    marks_of = [_marks_only(line.text) for line in lines]
    n_cells = _learn_cell_count(lines, marks_of, trailing)
    if n_cells is None:
        return None
    rows: list[_Row] = []
    header: list[str] = []
    section: tuple[str | None, str | None] = (None, None)
    pending: list[Line] = []  # unnumbered lines after a finished row

    def open_row(number: str | None, text: str, line: Line) -> None:
        rows.append(_Row(number, [], line.page, line.number, section))
        add_text(text, line)

    def add_text(text: str, line: Line) -> None:
        row = rows[-1]
        found = _tail(_tokens(text), from_start=False)
        if found and _has_content(found[1]) and row.cells is None:
            cut, elements = found
            row.cells = _fit_cells(elements, n_cells, trailing, row.flags)
            text = " ".join(_tokens(text)[:cut])
            row.text_open = bool(row.cells and row.cells[-1] and not is_complete_timing(row.cells[-1]))
        if text.strip():
            row.title_lines.append(text.strip())

    for line, marks in zip(lines, marks_of, strict=True):
        raw, text = line.text, line.text.strip()
        last = rows[-1] if rows else None
        if last is not None and last.text_open and last.cells:
            joined = f"{last.cells[-1]} {text}"
            last.text_open = False
            if timing_score(joined) >= TEXT_CELL_MIN_SCORE:
                last.cells[-1] = joined
                last.text_open = not is_complete_timing(joined)
                continue
        if marks is not None and rows:
            row = rows[-1]
            flags_before = len(row.flags)
            cells = _fit_cells(marks, n_cells, trailing, row.flags)
            if row.cells is None:
                row.cells = cells
                row.text_open = bool(cells and cells[-1] and not is_complete_timing(cells[-1]))
            else:
                del row.flags[flags_before:]
                row.flags.append("grid_extra_marks")
            continue
        heading = section_heading(text)
        number = item_start(text)
        if heading and not number:
            section = heading
            pending.clear()
            continue
        if number:
            if pending:  # unnumbered line(s) right before an item: a heading
                section = (None, " ".join(p.text.strip() for p in pending))
                pending.clear()
            open_row(number[0], raw[raw.index(number[0]) + len(number[0]) :].lstrip(". )"), line)
        elif not rows:
            header.append(text)
        elif rows[-1].cells is None:
            add_text(raw, line)
        else:
            pending.append(line)
            found = _tail(_tokens(raw), from_start=False)
            if found and any(found[1]):
                open_row(None, raw, pending.pop())
    items = tuple(_cells_to_item(r, n_cells) for r in rows)
    if not items:
        return None
    with_cells = sum(1 for r in rows if r.cells)
    exact = sum(1 for r in rows if r.cells and "grid_count_mismatch" not in r.flags)

    parents = _parent_numbers(rows)
    childless = [r for r in rows if not (r.item_no and r.item_no in parents)]
    coverage = with_cells / max(1, len(childless))
    fit = min(1.0, coverage) * (exact / max(1, with_cells))
    return ParsedPlan(LayoutKind.GRID, round(fit, 3), items, tuple(header), (f"grid of {n_cells} cells",))


def _parent_numbers(rows: list[_Row]) -> set[str]:
    """Every number that some row's number continues after a dot ("6" and "6.1" for "6.1.2")."""
    return {r.item_no[:k] for r in rows if r.item_no for k, ch in enumerate(r.item_no) if ch == "."}
