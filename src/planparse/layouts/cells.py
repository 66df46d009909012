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

from planparse.layouts.base import MARKS, SUSPECT_MARKS, heading_row_section, item_start, section_heading
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
# Prefix of a mark-column cell whose text covers several mark columns (a merged
# cell, or aligned text centred across columns): timing text only, it marks nothing.
SPANNING = "\x00span\x00"
MARK_KINDS = frozenset({"month", "quarter", "year"})
Row = tuple[list[str], tuple[int, int]]  # one table row: its cell texts and (page, line or row number)
# Doubt flag of a row whose marks stand in a column the header did not name.
UNKNOWN_MARK_FLAG = "mark_column_unknown"


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
    """Roles of the header cells; bare numbers 1..12 / I..XII become months when in a run.

    Quarter and month columns whose numeral or name is unreadable (OCR: "Ш
    квартал", "гу квартал") take their number from their position in the run
    of quarter/month columns (``_quarters_by_position``, ``_months_by_position``).
    """
    roles = [header_role(c) for c in cells]
    # A narrow column breaks its label inside the word ("ян" / "в.", "VI" / "I", "ию" / "нь"):
    # a label read as nothing is read again without its breaks, for a month, quarter or year.
    squeezed = ["".join(c.split()) for c in cells]
    for k, text in enumerate(squeezed):
        if roles[k].kind == "unknown" and text != cells[k].strip():
            again = header_role(text)
            if again.kind in MARK_KINDS:
                roles[k] = again
    bare = [c.upper().rstrip(".") for c in squeezed]
    for seq in (_ROMAN_MONTHS, tuple(str(i) for i in range(1, 13))):
        for start in range(len(bare) - 11):
            if tuple(bare[start : start + 12]) == seq:
                for k in range(12):
                    roles[start + k] = Role("month", (k + 1,))
    _quarters_by_position(cells, roles)
    _months_by_position(cells, roles)
    return roles


_QUARTER_WORD = regex.compile(r"кв(?:артал|\.|\b)", regex.I)
_NOT_QUARTER = regex.compile(r"ежекв|поквартал", regex.I)
QUARTERS = 4
MIN_READABLE_MONTHS = 6  # month names that must be readable (and in order) before the others are guessed


def _quarter_months(q: int) -> tuple[int, ...]:
    return tuple(range(3 * q - 2, 3 * q + 1))


def _quarters_by_position(cells: Sequence[str], roles: list[Role]) -> None:
    """A run of consecutive "… квартал"/"… кв." headers is quarters in order.

    A run of four is I..IV whatever its numerals read; in a shorter run the
    unreadable ones are numbered from the readable ones, when those agree.
    """
    like = [
        r.kind == "quarter" or (r.kind == "unknown" and bool(_QUARTER_WORD.search(c)) and not _NOT_QUARTER.search(c))
        for c, r in zip(cells, roles, strict=True)
    ]
    k = 0
    while k < len(cells):
        if not like[k]:
            k += 1
            continue
        end = k
        while end < len(cells) and like[end]:
            end += 1
        run = range(k, end)
        if len(run) == QUARTERS:
            first = 1
        else:
            bases = {(roles[j].months[0] + 2) // 3 - (j - k) for j in run if roles[j].kind == "quarter"}
            first = bases.pop() if len(bases) == 1 else 0
        if first >= 1 and first + len(run) - 1 <= QUARTERS:
            for j in run:
                roles[j] = Role("quarter", _quarter_months(first + j - k))
        k = end


def _months_by_position(cells: Sequence[str], roles: list[Role]) -> None:
    """Unreadable headers among twelve month columns take the month of their position.

    Applies when at least ``MIN_READABLE_MONTHS`` month headers were read and
    all of them stand in calendar order, one column each.
    """
    read = [(j, r.months[0]) for j, r in enumerate(roles) if r.kind == "month"]
    if len(read) < MIN_READABLE_MONTHS or len(read) == 12:
        return
    shifts = {j - m for j, m in read}
    if len(shifts) != 1:
        return
    shift = shifts.pop()
    for month in range(1, 13):
        j = month + shift
        if 0 <= j < len(roles) and roles[j].kind == "unknown" and cells[j].strip():
            roles[j] = Role("month", (month,))


_TITLE_HEADER = dict(_ROLES)["title"]


def may_name_title(text: str) -> bool:
    """Whether some header cell in ``text`` could name the title column.

    A cheap test a line must pass before its cells are worth
    :func:`header_roles`: every plan header has a title column
    (:func:`is_plan_header`), and a cell's words are a run of the line's words.
    """
    return bool(_TITLE_HEADER.search(" ".join(text.split())))


def _mark_columns(roles: Sequence[Role]) -> int:
    return sum(r.kind in MARK_KINDS for r in roles)


def is_column_numbering(cells: Sequence[str]) -> bool:
    """The row under an official table's header that numbers its columns: "1 | 2 | 3 | 4"."""
    filled = [c.strip().rstrip(".") for c in cells if c.strip()]
    return (
        len(filled) >= 3
        and 5 * len(filled) >= 4 * len(cells)
        and all(c.isdigit() for c in filled)
        and [int(c) for c in filled] == list(range(1, len(filled) + 1))
    )


_BARE_QUARTER = regex.compile(r"^\s*(I{1,3}|IV|[1-4])\s*$")


def _under_quarters(top: Sequence[str], below: Sequence[str]) -> list[str]:
    """Second-row labels with bare numerals ("I" … "IV") under a cell naming quarters
    ("Срок исполнения (квартал)", merged over them) read as "I квартал" …."""
    out = list(below)
    owner = ""
    for k, (above, label) in enumerate(zip(top, below, strict=False)):
        owner = above if above.strip() else owner  # a merged cell's text stands in its first column
        if _QUARTER_WORD.search(owner) and _BARE_QUARTER.match(label):
            out[k] = f"{label.strip()} квартал"
    return out


def table_header(rows: Sequence[Sequence[str]]) -> tuple[list[Role], int]:
    """The header's column roles and how many of the first ``rows`` (cell texts) it takes.

    A header may take two rows: a cell such as "Срок проведения" merged over
    the columns below it, which the second row names ("I кв." … "IV кв.",
    month names or numbers).  The second row joins the header when it names
    more mark columns than the first; each column then takes the name from the
    row that gives it a mark role.  A row numbering the columns ("1 | 2 | 3")
    right under the header belongs to it too.
    """
    if not rows:
        return [], 0
    top = list(rows[0])
    roles, used = header_roles(top), 1
    # Only a merged cell (its covered columns empty in the first row) can head a second header row.
    if len(rows) > 1 and any(not c.strip() for c in top) and not is_column_numbering(rows[1]):
        below = [*rows[1], *[""] * (len(top) - len(rows[1]))][: max(len(top), len(rows[1]))]
        top += [""] * (len(below) - len(top))
        named = _under_quarters(top, below)
        lower = header_roles(named)
        if _mark_columns(lower) >= 2 and _mark_columns(lower) > _mark_columns(roles):
            merged = header_roles([b if r.kind in MARK_KINDS else a for a, b, r in zip(top, named, lower, strict=True)])
            if is_plan_header(merged):
                roles, used = merged, 2
    if len(rows) > used and is_column_numbering(rows[used]):
        used += 1
    return roles, used


def is_plan_header(roles: Sequence[Role]) -> bool:
    kinds = [r.kind for r in roles]
    has_title = "title" in kinds
    months = sum(k in {"month", "quarter"} for k in kinds)
    return has_title and ("timing" in kinds or "responsible" in kinds or months >= 4)


_DAY = regex.compile(r"^\d{1,2}(?:\s*[-–,]\s*\d{1,2})*\.?$")
_ITEM_NO = regex.compile(r"\d{1,3}(?:\.\d{1,3})*")
# A lettered sub-item's label ("а)", "б.", "в"), numbered under the item above it (``rows_to_items``).
_LETTER = regex.compile(r"\p{Ll}(?=[).]?$)[).]?")
_LETTER_START = regex.compile(r"^\s*(\p{Ll})\)\s+")


def only_marks(text: str) -> bool:
    """The cell holds nothing but mark glyphs ("+", "х", OCR's "т" ...)."""
    tokens = text.split()
    return bool(tokens) and all(t in MARKS or t in SUSPECT_MARKS for t in tokens)


def _cell_mark(text: str, kind: str) -> tuple[bool, bool, str]:
    """(marked, suspect, timing text) for a month/quarter/year cell.

    Only a bare mark or a day number ("15") marks its column.  Any other text
    ("ежеквартально", "по мере необходимости") is timing text: it says itself
    when, and where a merged cell's text happens to sit says nothing.  The
    one exception is a "в течение года" column, whose own cell text ("1 раз в
    год") qualifies a whole-year activity.  Text covering several mark columns
    (``SPANNING``) never marks.
    """
    if not text:
        return False, False, ""
    spanning = SPANNING in text
    t = " ".join(text.replace(SPANNING, " ").split())
    if not t:
        return False, False, ""
    if spanning:
        return False, False, t
    tokens = t.split()
    if all(tok in MARKS for tok in tokens):
        return True, False, ""
    if t in SUSPECT_MARKS or only_marks(t):
        return True, True, ""
    if _DAY.match(t) or kind == "year":
        return True, False, t
    return False, False, t


def row_to_item(
    roles: Sequence[Role],
    cells: Sequence[str],
    section: tuple[str | None, str | None],
    where: tuple[int, int],
) -> RawItem | tuple[str | None, str] | None:
    """A RawItem, or a (number, title) section heading, or None for an empty row."""
    by_kind: dict[str, list[str]] = {}
    months: set[int] = set()
    all_year = suspect = unknown_marks = False
    texts: list[str] = []
    for role, cell in zip(roles, cells, strict=False):
        if not cell:  # an empty cell says nothing (most month cells of a row)
            continue
        if role.kind == "unknown" and only_marks(cell):
            unknown_marks = True  # a mark under an unreadable header: never title text
            continue
        if role.kind in MARK_KINDS:
            marked, odd, text = _cell_mark(cell, role.kind)
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
    others = by_kind.keys() - {"title", "unknown", "number"}
    bare = not others and not months and not all_year  # nothing but a number and a title
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
    flags = ["mark_ocr_suspect"] if suspect else []
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
) -> list[RawItem]:
    """Items for every data row, tracking section headings between them.

    ``flags`` adds doubts found before this step, keyed by row index.
    """
    section: tuple[str | None, str | None] = (None, None)
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
