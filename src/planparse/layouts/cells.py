"""Interpret a table of cells (header + rows) as plan activities.

Shared by every layout that recovers real cells: pipe tables, position-aligned
text (``pdftotext -layout``), DOCX and PDF tables.  Column roles come from the
header words, whatever their form: "№ п/п", "Наименование мероприятия",
"Срок исполнения", "Ответственный", month names or abbreviations ("янв."),
Roman or Arabic month numbers, quarters, "в течение года".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import regex

from planparse.layouts.base import MARKS, SUSPECT_MARKS, item_start, section_heading
from planparse.model import RawItem

_MONTH_STEMS = ("янв", "фев", "мар", "апр", "ма[йяе]", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_MONTH = [regex.compile(rf"^\s*{s}\w*\.?\s*$", regex.I) for s in _MONTH_STEMS]
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_QUARTER = regex.compile(r"^\s*(I{1,3}|IV|[1-4])\s*-?\s*(?:й\s*)?(?:кв\w*\.?|квартал\w*)\s*$", regex.I)
_ROLES = (
    ("number", regex.compile(r"^\s*(?:№|n|no\.?|nn)\s*(?:п\s*/\s*п)?\s*$|^\s*п\s*/\s*п\s*$", regex.I)),
    ("year", regex.compile(r"в\s+течени\w*\s+(?:года|всего)|ежемесячн|постоянн", regex.I)),
    ("responsible", regex.compile(r"ответствен|исполнител", regex.I)),
    ("timing", regex.compile(r"срок|врем[яи]|дата|период|когда", regex.I)),
    ("title", regex.compile(r"мероприяти|наименовани|содержание|вид\w* работ|тема|направлени", regex.I)),
    ("note", regex.compile(r"примечани|отметк|результат", regex.I)),
)


HEADING = "\x00heading"  # marker cell put in front of group-heading rows


@dataclass(frozen=True, slots=True)
class Role:
    kind: str  # number | title | timing | responsible | month | quarter | year | note | unknown
    months: tuple[int, ...] = ()


def header_role(text: str) -> Role:
    t = " ".join(text.split())
    for i, pattern in enumerate(_MONTH):
        if pattern.match(t):
            return Role("month", (i + 1,))
    m = _QUARTER.match(t)
    if m:
        q = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m.group(1).upper()) or int(m.group(1))
        return Role("quarter", tuple(range(3 * q - 2, 3 * q + 1)))
    for kind, pattern in _ROLES:
        if pattern.search(t):
            return Role(kind)
    return Role("unknown")


def header_roles(cells: Sequence[str]) -> list[Role]:
    """Roles of the header cells; bare numbers 1..12 / I..XII become months when in a run."""
    roles = [header_role(c) for c in cells]
    bare = [c.strip().upper().rstrip(".") for c in cells]
    for seq in (_ROMAN_MONTHS, tuple(str(i) for i in range(1, 13))):
        for start in range(len(bare) - 11):
            if tuple(bare[start : start + 12]) == seq:
                for k in range(12):
                    roles[start + k] = Role("month", (k + 1,))
    return roles


def is_plan_header(roles: Sequence[Role]) -> bool:
    kinds = [r.kind for r in roles]
    has_title = "title" in kinds
    months = sum(k in {"month", "quarter"} for k in kinds)
    return has_title and ("timing" in kinds or "responsible" in kinds or months >= 4)


def _cell_mark(text: str) -> tuple[bool, bool, str]:
    """(marked, suspect, text) for a month/year cell."""
    t = " ".join(text.split())
    if not t:
        return False, False, ""
    if t in MARKS:
        return True, False, ""
    if t in SUSPECT_MARKS:
        return True, True, ""
    return True, False, t


def row_to_item(
    roles: Sequence[Role],
    cells: Sequence[str],
    section: tuple[str | None, str | None],
    where: tuple[int, int],
) -> RawItem | tuple[str | None, str] | None:
    """A RawItem, or a (number, title) section heading, or None for an empty row."""
    by_kind: dict[str, list[str]] = {}
    months: set[int] = set()
    all_year = suspect = False
    texts: list[str] = []
    for role, cell in zip(roles, cells, strict=False):
        if role.kind in {"month", "quarter", "year"}:
            marked, odd, text = _cell_mark(cell)
            suspect |= odd
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
    if not title_cell.strip():
        return None
    first, *rest = title_cell.split("\n")
    others = by_kind.keys() - {"title", "unknown", "number"}
    if not number_cell and not others and not months and not all_year:
        heading = section_heading(first)
        if heading or (first.isupper() and len(first) > 3):
            return heading if heading else (None, " ".join(title_cell.split()))
    number = number_cell or None
    found = item_start(first) if not number else None
    if found:
        number, first = found
    flags = ["mark_ocr_suspect"] if suspect else []
    timing = "; ".join(by_kind.get("timing", []) + texts) or None
    return RawItem(
        title_lines=tuple(x for x in (first, *rest) if x.strip()),
        item_no=number if number and regex.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", number) else None,
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


def rows_to_items(
    roles: Sequence[Role],
    rows: Sequence[tuple[Sequence[str], tuple[int, int]]],
    flags: Mapping[int, tuple[str, ...]] | None = None,
) -> list[RawItem]:
    """Items for every data row, tracking section headings between them.

    ``flags`` adds doubts found before this step, keyed by row index.
    """
    section: tuple[str | None, str | None] = (None, None)
    items: list[RawItem] = []
    for index, (cells, where) in enumerate(rows):
        if cells and cells[0] == HEADING:
            text = " ".join(" ".join(c.split()) for c in cells[1:] if c.strip())
            heading = section_heading(text)
            section = heading if heading else (None, text.rstrip(":"))
            continue
        found = row_to_item(roles, cells, section, where)
        if isinstance(found, RawItem):
            extra = (flags or {}).get(index, ())
            items.append(replace(found, flags=tuple(dict.fromkeys((*found.flags, *extra)))) if extra else found)
        elif found is not None:
            section = found
    return items
