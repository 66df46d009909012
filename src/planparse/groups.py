"""Which rows head sub-items: the parent/child relation between a plan's items.

Pure: sees only ``RawItem`` values, in document order.

A numbered item "2.1" is a sub-item of the row numbered "2" only where that
relation really holds: in the same section, and in the same run of the
numbering, i.e. the child follows its parent before the numbering moves on
("2", "2.1", "2.2", "3").  Numbering that restarts in every section, or in a
second plan printed in the same file (an annex), never ties a row to an
unrelated row that happens to carry the parent's number elsewhere.

An unnumbered item ("– по вопросам …", "для депутатов") is a sub-item of the
numbered row right above it when that row is a lead-in: it has no timing and
no party of its own and ends in ":" ("2.2. Проведение семинаров:"), or the
unnumbered item is bulleted.  The lead-in's later unnumbered items (up to the
next numbered one, in the same section) are its sub-items too.

A row that heads sub-items is a group heading, unless it has a timing or a
responsible party of its own, one not merely shared with its first sub-item
(a merged cell repeats its text in every row it covers): such a row is an
activity in its own right, whatever its numbering says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planparse.model import RawItem

_BULLETS = "-–—•·●▪*"


@dataclass(frozen=True, slots=True)
class Structure:
    """``heads[i]``: the index of the row item ``i`` is a sub-item of, or None;
    ``groups``: the indices of the rows that are group headings."""

    heads: tuple[int | None, ...]
    groups: frozenset[int]


def _scope(item: RawItem) -> tuple[str | None, str | None]:
    return item.section_no, item.section_title


def _said(text: str | None) -> str:
    """``text`` when it says something: a lone dash or other filler in a cell says nothing."""
    text = " ".join((text or "").split())
    return text if any(ch.isalnum() for ch in text) else ""


def _timing(item: RawItem) -> tuple[str, tuple[int, ...], bool]:
    return _said(item.timing_raw), item.months, item.all_year


def _own_timing(item: RawItem, child: RawItem) -> bool:
    """``item`` states a timing that its first sub-item does not share."""
    own = _timing(item)
    return any(own) and own != _timing(child)


def _own_party(item: RawItem, child: RawItem) -> bool:
    """``item`` names a party that its first sub-item does not share."""
    own = _said(item.responsible_raw)
    return bool(own) and own != _said(child.responsible_raw)


def _title(item: RawItem) -> str:
    return " ".join(" ".join(item.title_lines).split())


def _lead_in(item: RawItem, follower: RawItem) -> bool:
    """``item`` (numbered) introduces the unnumbered ``follower`` as its sub-item."""
    if any(_timing(item)) or _said(item.responsible_raw):
        return False
    return _title(item).endswith(":") or _title(follower)[:1] in _BULLETS


def _heads(items: Sequence[RawItem]) -> list[int | None]:
    heads: list[int | None] = [None] * len(items)
    run: list[int] = []  # the numbered rows whose sub-items may still follow, outermost first
    scope: tuple[str | None, str | None] | None = None
    for i, item in enumerate(items):
        if _scope(item) != scope:
            run, scope = [], _scope(item)
        number = item.item_no
        if number:
            while run and not number.startswith(f"{items[run[-1]].item_no}."):
                run.pop()  # the numbering has moved on past this row's sub-items
            if run and number.rsplit(".", 1)[0] == items[run[-1]].item_no:
                heads[i] = run[-1]
            run.append(i)
            continue
        before = i - 1
        if before < 0 or _scope(items[before]) != scope:
            continue
        if items[before].item_no is None:
            heads[i] = heads[before]  # a further unnumbered sub-item of the same lead-in
        elif _lead_in(items[before], item):
            heads[i] = before
    return heads


def structure(items: Sequence[RawItem]) -> Structure:
    """The sub-item relation of ``items`` (one plan, in document order) and its group headings."""
    heads = _heads(items)
    first: dict[int, int] = {}
    for i, head in enumerate(heads):
        if head is not None:
            first.setdefault(head, i)
    groups = frozenset(
        head
        for head, child in first.items()
        if not (_own_timing(items[head], items[child]) or _own_party(items[head], items[child]))
    )
    return Structure(tuple(heads), groups)
