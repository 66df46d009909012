"""Table rows that hold many activities ("legacy" plans).

Some plans put a whole group in one table row: the first cell holds a heading
and bulleted activities, the timing cell holds one entry per activity, and the
responsible cell one or a few entries, lined up by blank paragraphs.  Every
cell of a row starts at the row's top, so paragraph/line offsets compare
directly; ``align.assign_entries`` does the matching and flags any guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planparse.layouts.align import assign_entries
from planparse.layouts.base import ends_open, is_bullet, item_start, starts_upper
from planparse.normalize.timing import is_complete_timing


@dataclass(frozen=True, slots=True)
class Activity:
    offset: int
    lines: tuple[str, ...]
    timing: str | None
    responsible: str | None
    flags: tuple[str, ...]


def _starts(text: str) -> bool:
    return is_bullet(text) or item_start(text) is not None


def split_title_cell(lines: Sequence[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(heading lines, activities as (offset, lines)) of a title cell."""
    texts = [t.strip() for t in lines]
    starts = [bool(text) and _starts(text) for text in texts]
    bulleted = any(starts)
    heading: list[str] = []
    items: list[tuple[int, list[str]]] = []
    gap = False
    for offset, text in enumerate(texts):
        if not text:
            gap = True
            continue
        if starts[offset]:
            items.append((offset, [text]))
        elif bulleted and not items:
            heading.append(text)
        elif items and not (gap and not bulleted and starts_upper(text) and not ends_open(items[-1][1][-1])):
            items[-1][1].append(text)
        else:
            items.append((offset, [text]))
        gap = False
    return heading, items


def split_entries(lines: Sequence[str], *, timing: bool) -> list[tuple[int, str]]:
    """Entries of a timing/responsible cell as (offset, text); blank lines separate entries.

    Without a blank line, a timing line continues the entry above while that
    entry is incomplete ("не реже 1-го раза в 6" + "месяцев"); responsible lines
    stay together (the party splitter reads them later).
    """
    out: list[tuple[int, list[str]]] = []
    gap = True
    for offset, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            gap = True
            continue
        if gap or (timing and is_complete_timing(" ".join(out[-1][1]))):
            out.append((offset, [text]))
        else:
            out[-1][1].append(text)
        gap = False
    sep = " " if timing else "\n"
    return [(off, sep.join(parts)) for off, parts in out]


def is_group_item(lines: Sequence[str], number: str | None, later: Sequence[str | None]) -> bool:
    """A group heading inside a row: its text ends in ":" or its number prefixes a later number."""
    if " ".join(lines).rstrip().endswith(":"):
        return True
    return bool(number) and any(n and n.startswith(f"{number}.") for n in later)


def _targets(n_entries: int, groups: Sequence[bool]) -> list[int]:
    """Which activities a column's entries go to.

    One entry per activity: all of them, in order.  Otherwise group headings
    ("Организация работы комиссий:") take none: their sub-items carry the
    timing and responsible party, and a group must not inherit the entry of
    the activity above it by fill-down.
    """
    members = [k for k, group in enumerate(groups) if not group]
    return list(range(len(groups))) if n_entries == len(groups) or not members else members


def expand_row(
    title: Sequence[str], timing: Sequence[str], responsible: Sequence[str]
) -> tuple[list[str], list[Activity]] | None:
    """Heading and activities of a multi-activity row; None for an ordinary one-activity row."""
    if sum(1 for line in title if line.strip()) < 2:  # one line holds one activity at most
        return None
    heading, items = split_title_cell(title)
    if len(items) < 2 and not (heading and items):
        return None
    total = max(len(title), len(timing), len(responsible))
    found = [item_start(lines[0]) for _, lines in items]
    numbers = [f[0] if f else None for f in found]
    groups = [is_group_item(lines, numbers[k], numbers[k + 1 :]) for k, (_, lines) in enumerate(items)]
    assigned: list[tuple[list[str], list[str], set[str]]] = [([], [], set()) for _ in items]
    for is_timing, entries in (
        (True, split_entries(timing, timing=True)),
        (False, split_entries(responsible, timing=False)),
    ):
        targets = _targets(len(entries), groups)
        got = assign_entries(
            [items[k][0] for k in targets],
            total,
            entries if is_timing else [],
            [] if is_timing else entries,
            absolute=True,
        )
        for k, (t, r, f) in zip(targets, got, strict=True):
            (assigned[k][0] if is_timing else assigned[k][1]).extend(t if is_timing else r)
            assigned[k][2].update(f)
    return heading, [
        Activity(off, tuple(lines), "; ".join(t) or None, "\n".join(r) or None, tuple(sorted(f)))
        for (off, lines), (t, r, f) in zip(items, assigned, strict=True)
    ]
