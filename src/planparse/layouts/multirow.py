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
    bulleted = any(_starts(t.strip()) for t in lines)
    heading: list[str] = []
    items: list[tuple[int, list[str]]] = []
    gap = False
    for offset, raw in enumerate(lines):
        text = raw.strip()
        if not text:
            gap = True
            continue
        if _starts(text):
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


def expand_row(
    title: Sequence[str], timing: Sequence[str], responsible: Sequence[str]
) -> tuple[list[str], list[Activity]] | None:
    """Heading and activities of a multi-activity row; None for an ordinary one-activity row."""
    heading, items = split_title_cell(title)
    if len(items) < 2 and not (heading and items):
        return None
    total = max(len(title), len(timing), len(responsible))
    assigned = assign_entries(
        [off for off, _ in items],
        total,
        split_entries(timing, timing=True),
        split_entries(responsible, timing=False),
        absolute=True,
    )
    return heading, [
        Activity(off, tuple(lines), "; ".join(t) or None, "\n".join(r) or None, tuple(sorted(f)))
        for (off, lines), (t, r, f) in zip(items, assigned, strict=True)
    ]
