"""Column roles from a table's header: one row of labels, or several stacked rows.

Column roles come from the header words, whatever their form: "№ п/п",
"Наименование мероприятия", "Срок исполнения", "Ответственный", month names or
abbreviations ("янв."), Roman or Arabic month numbers, quarters ("I кв."),
half-years ("I полугодие", "2-е полуг."), "в течение года".  A header may stand
over several rows (``table_header``): "Срок проведения" merged over "I
полугодие | II полугодие", each merged over two quarters; the lowest row that
names periods decides the mark columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from planparse.normalize import timing_vocab
from planparse.normalize.timing import parse_timing

_MONTH_STEMS = ("янв", "фев", "мар", "апр", "ма[йяе]", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_MONTH = [regex.compile(rf"^\s*{s}\w*\.?\s*$", regex.I) for s in _MONTH_STEMS]
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_QUARTER = regex.compile(r"^\s*(I{1,3}|IV|[1-4])\s*-?\s*(?:й\s*)?(?:кв\w*\.?|квартал\w*)\s*$", regex.I)
# One numbered period in the timing grammar's words ("I полугодие", "1 полуг.", "2-е полугодие"):
# its months come from the grammar, so header and timing text read a period alike.
_PERIOD = regex.compile(rf"{timing_vocab.ORD}\s*{timing_vocab.UNIT}", regex.I)
HALF_YEAR_MONTHS = 6
_ROLES = (
    ("number", regex.compile(r"^\s*(?:№|n|no\.?|nn)\s*(?:п\s*/\s*п)?\s*$|^\s*п\s*/\s*п\s*$", regex.I)),
    ("year", regex.compile(r"в\s+течени\w*\s+(?:года|всего)|ежемесячн|постоянн", regex.I)),
    ("responsible", regex.compile(r"ответствен|исполнител", regex.I)),
    ("timing", regex.compile(r"срок|врем[яи]|дата|период|когда", regex.I)),
    ("title", regex.compile(r"мероприяти|наименовани|содержание|вид\w* работ|тема|направлени", regex.I)),
    ("note", regex.compile(r"примечани|отметк|результат", regex.I)),
)
# Roles of columns whose cells hold marks: a mark there schedules the column's months.
MARK_KINDS = frozenset({"month", "quarter", "half", "year"})
# Rows a caller hands to ``table_header``: up to four header levels and a column-numbering row.
HEADER_ROWS_SEEN = 5


@dataclass(frozen=True, slots=True)
class Role:
    kind: str  # number | title | timing | responsible | month | quarter | half | year | note | unknown
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
    if _PERIOD.fullmatch(t):
        months = parse_timing(t).months
        if len(months) == HALF_YEAR_MONTHS:
            return Role("half", months)
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


def is_plan_header(roles: Sequence[Role]) -> bool:
    kinds = [r.kind for r in roles]
    has_title = "title" in kinds
    months = sum(k in {"month", "quarter", "half"} for k in kinds)
    return has_title and ("timing" in kinds or "responsible" in kinds or months >= 4)


# --- a header over several rows ------------------------------------------------------------------

_BARE_ORDINAL = regex.compile(r"^\s*(I{1,3}|IV|[1-4])\s*$")
_HALF_WORD = regex.compile(r"полугод|полуг\.|полгод", regex.I)
_BARE_HALF = frozenset({"I", "II", "1", "2"})


def _covering(row: Sequence[str]) -> list[str]:
    """Each column's covering cell text: a merged cell's text stands in its first column."""
    out, owner = [], ""
    for cell in row:
        owner = cell if cell.strip() else owner
        out.append(owner)
    return out


def _merged_columns(row: Sequence[str]) -> frozenset[int]:
    """Columns under a cell of ``row`` merged over several columns (its first one included):
    a filled cell followed by empty ones, which it covers."""
    out: set[int] = set()
    k = 0
    while k < len(row):
        end = k + 1
        while end < len(row) and not row[end].strip():
            end += 1
        if row[k].strip() and end - k > 1:
            out.update(range(k, end))
        k = end
    return frozenset(out)


def _sub_header(above: Sequence[str], row: Sequence[str]) -> bool:
    """Whether ``row`` continues a header whose lowest row so far is ``above``.

    It names parts of a cell of ``above`` merged over several columns ("I кв." …
    under "Срок проведения"), and each of its other cells repeats the cell above
    (a cell merged down over both rows) or is a period label ("I полугодие").
    Data rows fail: their number and title cells are none of these.
    """
    merged = _merged_columns(above)
    names_part = False
    for j, cell in enumerate(row):
        text = cell.strip()
        if not text or (j < len(above) and text == above[j].strip()):
            continue
        if j in merged:
            names_part = True
        elif header_role(text).kind not in MARK_KINDS:
            return False
    return names_part


def _under_periods(owners: Sequence[str], below: Sequence[str]) -> list[str]:
    """Labels with bare numerals ("I" … "IV") under a cell naming quarters or half-years
    ("Срок исполнения (квартал)", merged over them) read as "I квартал", "II полугодие" …."""
    out = list(below)
    for k, (owner, label) in enumerate(zip(owners, below, strict=False)):
        bare = label.strip()
        if not _BARE_ORDINAL.match(bare):
            continue
        if _QUARTER_WORD.search(owner):
            out[k] = f"{bare} квартал"
        elif _HALF_WORD.search(owner) and bare in _BARE_HALF:
            out[k] = f"{bare} полугодие"
    return out


def _own(levels: Sequence[Sequence[str]], n: int, j: int) -> bool:
    """Row ``n`` of a stacked header has text of its own in column ``j`` (not the one merged down from above)."""
    text = levels[n][j].strip()
    return bool(text) and (n == 0 or text != levels[n - 1][j].strip())


def _stacked(levels: Sequence[Sequence[str]]) -> tuple[list[Role], int]:
    """One row of roles for stacked header rows, and the lowest row that named a mark column.

    Each column takes its label from the lowest row whose own cell gives it a
    mark role (quarters under half-years under "Срок"); other columns take the
    first text from the top (a cell merged down, or named only below).
    """
    named = [list(levels[0])]
    owners = [""] * len(levels[0])
    for above, row in zip(levels, levels[1:], strict=False):
        owners = [f"{o} {c}" for o, c in zip(owners, _covering(above), strict=True)]
        named.append(_under_periods(owners, row))
    roles = [header_roles(row) for row in named]
    texts: list[str] = []
    lowest = 0
    for j in range(len(levels[0])):
        marked = (n for n in reversed(range(len(levels))) if _own(levels, n, j) and roles[n][j].kind in MARK_KINDS)
        level = next(marked, None)
        if level is None:
            texts.append(next((row[j] for row in levels if row[j].strip()), ""))
        else:
            texts.append(named[level][j])
            lowest = max(lowest, level)
    return header_roles(texts), lowest


def table_header(rows: Sequence[Sequence[str]]) -> tuple[list[Role], int]:
    """The header's column roles and how many of the first ``rows`` (cell texts) it takes.

    A header may stand over several rows: a cell such as "Срок проведения"
    merged over the columns below it, which the rows below name ("I
    полугодие" | "II полугодие", then "I кв." … "IV кв.", or month names or
    numbers), down to the first row that is no sub-header (``_sub_header``).
    Each column takes the name from the lowest row that gives it a mark role;
    the header ends at the lowest row that named one, and joins at all only
    when it names more mark columns than the first row does.  A row numbering
    the columns ("1 | 2 | 3") right under the header belongs to it too.
    """
    if not rows:
        return [], 0
    roles, used = header_roles(list(rows[0])), 1
    depth = 1
    while depth < len(rows) and not is_column_numbering(rows[depth]) and _sub_header(rows[depth - 1], rows[depth]):
        depth += 1
    top_marks = _mark_columns(roles)
    for n in range(depth, 1, -1):
        width = max(len(row) for row in rows[:n])
        stacked, lowest = _stacked([[*row, *[""] * (width - len(row))] for row in rows[:n]])
        marks = _mark_columns(stacked)
        if lowest == n - 1 and marks >= 2 and marks > top_marks and is_plan_header(stacked):
            roles, used = stacked, n
            break
    if len(rows) > used and is_column_numbering(rows[used]):
        used += 1
    return roles, used
