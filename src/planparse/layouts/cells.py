"""Interpret the rows of a table of cells as plan activities, once its header gave the column roles.

Shared by every layout that recovers real cells: pipe tables, position-aligned
text (``pdftotext -layout``), DOCX and PDF tables.  The header's column roles
come from ``header`` (re-exported here for the layouts that read both).  A row's
cells become a ``RawItem``: marks in month/quarter/half-year columns give the
column's months, text there is timing text (``_cell_mark``), the other columns
give the number, title, timing and responsible parties.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import regex

from planparse.layouts.base import MARKS, SUSPECT_MARKS, heading_row_section, item_start, section_heading
from planparse.layouts.header import (
    HEADER_ROWS_SEEN,
    MARK_KINDS,
    Role,
    header_role,
    header_roles,
    is_column_numbering,
    is_plan_header,
    may_name_title,
    table_header,
)
from planparse.model import RawItem
from planparse.normalize import timing_vocab
from planparse.normalize.timing import parse_timing

__all__ = [
    "HEADER_ROWS_SEEN",
    "HEADING",
    "MARK_KINDS",
    "SPANNING",
    "FROM_COLUMN_FLAG",
    "UNKNOWN_MARK_FLAG",
    "Role",
    "header_role",
    "header_roles",
    "is_column_numbering",
    "is_plan_header",
    "may_name_title",
    "only_marks",
    "row_to_item",
    "rows_to_items",
    "table_header",
]

HEADING = "\x00heading"  # marker cell put in front of group-heading rows
# Prefix of a mark-column cell whose text covers several mark columns (a merged
# cell, or aligned text centred across columns): timing text only, it marks nothing.
SPANNING = "\x00span\x00"
Row = tuple[list[str], tuple[int, int]]  # one table row: its cell texts and (page, line or row number)
# Doubt flag of a row whose marks stand in a column the header did not name (or in a "Срок" column).
UNKNOWN_MARK_FLAG = "mark_column_unknown"
SUSPECT_FLAG = "mark_ocr_suspect"  # a mark read from an OCR look-alike ("т" for "+")
# Doubt flag of a row whose months come from the column of a cell whose text names no time ("по плану").
FROM_COLUMN_FLAG = "months_from_column"
# A count of occurrences, no period ("2 раза", "1 р.", "дважды"): how often within its column's period.
_COUNT = regex.compile(timing_vocab.TIMES, regex.I)
# A date split by a space where a narrow cell broke its line ("21.0 4", "21. 04").
_BROKEN_NUMBER = regex.compile(r"(?<=\d\.\d*)\s+(?=\d)")

_DAY = regex.compile(r"^\d{1,2}(?:\s*[-–,]\s*\d{1,2})*\.?$")
_ITEM_NO = regex.compile(r"\d{1,3}(?:\.\d{1,3})*")
# A lettered sub-item's label ("а)", "б.", "в"), numbered under the item above it (``rows_to_items``).
_LETTER = regex.compile(r"\p{Ll}(?=[).]?$)[).]?")
_LETTER_START = regex.compile(r"^\s*(\p{Ll})\)\s+")


def only_marks(text: str) -> bool:
    """The cell holds nothing but mark glyphs ("+", "х", OCR's "т" ...)."""
    tokens = text.split()
    return bool(tokens) and all(t in MARKS or t in SUSPECT_MARKS for t in tokens)


def _rejoined(text: str) -> str:
    """A number broken by a narrow cell ("21.0 4" for "21.04") joined again, when only the
    joined text reads as timing."""
    joined = _BROKEN_NUMBER.sub("", text)
    if joined != text and not parse_timing(text).understood and parse_timing(joined).understood:
        return joined
    return text


def _cell_mark(text: str, kind: str) -> tuple[bool, str, str]:
    """(marked, doubt flag or "", timing text) for a month/quarter/half-year/year cell.

    A bare mark or a day number ("15") marks its column.  Text that says
    itself when ("март", "21.04", "ежеквартально", "2 раза в год", "по мере
    необходимости") is timing text, and the column says nothing.  Text that
    names no time of its own is timing text that keeps its column's period: a
    count ("2 раза", "1 р.": how often in that period) for sure, anything else
    ("по плану", text the grammar does not read) as a guess, flagged
    ``FROM_COLUMN_FLAG``.  A "в течение года" column's own text ("1 раз в
    год") qualifies a whole-year activity.  Text covering several mark columns
    (``SPANNING``) never marks.
    """
    if not text:
        return False, "", ""
    spanning = SPANNING in text
    t = " ".join(text.replace(SPANNING, " ").split())
    if not t:
        return False, "", ""
    if spanning:
        return False, "", t
    tokens = t.split()
    if all(tok in MARKS for tok in tokens):
        return True, "", ""
    if t in SUSPECT_MARKS or only_marks(t):
        return True, SUSPECT_FLAG, ""
    if _DAY.match(t) or kind == "year":
        return True, "", t
    t = _rejoined(t)
    own = parse_timing(t)
    if own.months or own.all_year or own.as_needed or own.times_per_year:
        return False, "", t
    return True, "" if _COUNT.fullmatch(t) else FROM_COLUMN_FLAG, t


def row_to_item(
    roles: Sequence[Role],
    cells: Sequence[str],
    section: tuple[str | None, str | None],
    where: tuple[int, int],
) -> RawItem | tuple[str | None, str] | None:
    """A RawItem, or a (number, title) section heading, or None for an empty row."""
    by_kind: dict[str, list[str]] = {}
    months: set[int] = set()
    all_year = unknown_marks = False
    doubts: list[str] = []
    texts: list[str] = []
    for role, cell in zip(roles, cells, strict=False):
        if not cell:  # an empty cell says nothing (most month cells of a row)
            continue
        if role.kind in {"unknown", "timing"} and only_marks(cell):
            # a mark under an unreadable header, or in a "Срок" column: no column says when, and
            # a mark is never title or timing text
            unknown_marks = True
            continue
        if role.kind in MARK_KINDS:
            marked, doubt, text = _cell_mark(cell, role.kind)
            if doubt:
                doubts.append(doubt)
            if marked:
                if role.kind == "year":
                    all_year = True
                else:
                    months.update(role.months)
            if text:
                texts.append(text)
        elif cell.strip():
            by_kind.setdefault(role.kind, []).append(cell.strip())
    number_cell = " ".join(by_kind.get("number", [])).strip().rstrip(".")
    title_cell = "\n".join(by_kind.get("title", []) + by_kind.get("unknown", []))
    others = by_kind.keys() - {"title", "unknown", "number"}
    bare = not others and not months and not all_year and not unknown_marks  # nothing but a number and a title
    if not title_cell.strip():
        # "I. Организационные мероприятия" or "1. Организационные мероприятия" written across the number cell
        # (a merged row's text pasted into the first cell): a section, else an empty row
        return heading_row_section(" ".join(number_cell.split())) if bare and number_cell else None
    first, *rest = title_cell.split("\n")
    if bare and number_cell and not number_cell[:1].isdigit():
        # a Roman numeral in the number column: the row is a section heading ("| I. | Организационные ... |")
        heading = section_heading(f"{number_cell}. {' '.join(title_cell.split())}")
        if heading:
            return heading
    if not number_cell and bare:
        heading = section_heading(first)
        if heading or (first.isupper() and len(first) > 3):
            return heading if heading else (None, " ".join(title_cell.split()))
    number = number_cell or None
    found = item_start(first) if not number else None
    if found:
        number, first = found
    elif not number and (lettered := _LETTER_START.match(first)):  # "а) по вопросам …" in the title cell
        number, first = lettered.group(1), first[lettered.end() :]
    flags = list(dict.fromkeys(doubts))
    if unknown_marks:
        flags.append(UNKNOWN_MARK_FLAG)
    timing = "; ".join(by_kind.get("timing", []) + texts) or None
    return RawItem(
        title_lines=tuple(x for x in (first, *rest) if x.strip()),
        item_no=number if number and (_ITEM_NO.fullmatch(number) or _LETTER.fullmatch(number)) else None,
        section_no=section[0],
        section_title=section[1],
        months=tuple(sorted(months)),
        all_year=all_year,
        timing_raw=" ".join(timing.split()) if timing else None,
        responsible_raw="\n".join(by_kind.get("responsible", [])) or None,
        page=where[0],
        line=where[1],
        flags=tuple(flags),
    )


def _number_lettered(item: RawItem, before: Sequence[RawItem]) -> RawItem:
    """A lettered sub-item ("а)") numbered under the last numbered item above it: "1.3.а".

    Without a numbered item above, the letter alone says nothing: no number.
    """
    if not item.item_no or not _LETTER.fullmatch(item.item_no):
        return item
    letter = item.item_no.rstrip(").")
    parent = next((it.item_no for it in reversed(before) if it.item_no and _ITEM_NO.fullmatch(it.item_no)), None)
    return replace(item, item_no=f"{parent}.{letter}" if parent else None)


def rows_to_items(
    roles: Sequence[Role],
    rows: Sequence[tuple[Sequence[str], tuple[int, int]]],
    flags: Mapping[int, tuple[str, ...]] | None = None,
    section: tuple[str | None, str | None] = (None, None),
) -> list[RawItem]:
    """Items for every data row, tracking section headings between them.

    ``flags`` adds doubts found before this step, keyed by row index; ``section`` is the section the
    rows start in (a heading above the table, or the section a continued table was in).
    """
    items: list[RawItem] = []
    for index, (cells, where) in enumerate(rows):
        if cells and cells[0] == HEADING:
            parts = (" ".join(c.replace(SPANNING, " ").split()) for c in cells[1:])
            text = " ".join(part for part in parts if part)
            heading = heading_row_section(text)
            section = heading if heading else (None, text.rstrip(":"))
            continue
        found = row_to_item(roles, cells, section, where)
        if isinstance(found, RawItem):
            found = _number_lettered(found, items)
            extra = (flags or {}).get(index, ())
            items.append(replace(found, flags=tuple(dict.fromkeys((*found.flags, *extra)))) if extra else found)
        elif found is not None:
            section = found
    return items
