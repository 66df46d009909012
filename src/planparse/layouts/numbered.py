"""Numbered lists: "1. Семинар для глав поселений – март – Иванов И.И.".

Each numbered (or bulleted) item collects its wrapped lines.  Its timing is a
labelled part ("Срок:", "Сроки исполнения:", "Время проведения:"), a trailing
dash-separated segment that the timing grammar understands, or a following
line made only of timing words.  Responsible parties come from a label
("Ответственный:", "Исполнители:") or the segment after the timing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planparse.layouts.base import ends_open, is_bullet, item_start, section_heading, starts_lower
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem
from planparse.normalize.timing import is_complete_timing, timing_score

_TIMING_LABEL = regex.compile(
    r"(?:^|[\s(;,.])(?:срок[иа]?(?:\s+(?:исполнения|проведения|выполнения))?|время\s+проведения"
    r"|дата(?:\s+проведения)?|период(?:\s+проведения)?)\s*:\s*"
    r"|^\s*срок[иа]?(?:\s+(?:исполнения|проведения))?\s+[–—-]\s+",
    regex.I,
)
_RESP_LABEL = regex.compile(r"(?:^|[\s(;,.])(?:ответственн\w*|исполнител\w*)\s*:\s*", regex.I)
_DASH_SPLIT = regex.compile(r"\s+[–—-]\s+|\s{2,}|\t+")
TIMING_SEGMENT_SCORE = 0.75


@dataclass
class _Item:
    number: str | None
    lines: list[str]
    source: Line
    section: tuple[str | None, str | None]
    timing: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)


def _cut_labels(text: str) -> tuple[str, str | None, str | None]:
    """(text before labels, labelled timing, labelled responsible)."""
    timing = resp = None
    marks = sorted(
        [(m.start(), m.end(), "t") for m in _TIMING_LABEL.finditer(text)]
        + [(m.start(), m.end(), "r") for m in _RESP_LABEL.finditer(text)]
    )
    if not marks:
        return text, None, None
    head = text[: marks[0][0]]
    for k, (_, end, kind) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        value = text[end:stop].strip(" ;,.)(")
        if kind == "t":
            timing = value or timing
        else:
            resp = value or resp
    return head, timing, resp


def _split_inline(text: str) -> tuple[str, str | None, str | None]:
    """Title, timing, responsible from dash/space separated trailing segments.

    The timing is the longest run of segments the grammar understands whole
    (so "июнь – сентябрь" stays one range); what follows it is the responsible.
    """
    parts = _DASH_SPLIT.split(text.strip())
    seps = _DASH_SPLIT.findall(text.strip())
    if len(parts) < 2:
        return text, None, None

    def joined(a: int, b: int) -> str:
        out = parts[a]
        for k in range(a + 1, b):
            out += seps[k - 1] + parts[k]
        return out

    for k in range(1, len(parts)):
        if timing_score(parts[k]) < TIMING_SEGMENT_SCORE:
            continue
        end = k + 1
        for j in range(len(parts), k + 1, -1):
            candidate = joined(k, j)
            if timing_score(candidate) >= TIMING_SEGMENT_SCORE and is_complete_timing(candidate):
                end = j
                break
        resp = joined(end, len(parts)).strip() if end < len(parts) else None
        return joined(0, k), joined(k, end), resp or None
    return text, None, None


def _finish(item: _Item) -> RawItem:
    text = " ".join(item.lines)
    head, timing, resp = _cut_labels(text)
    if timing is None and not item.timing:
        head, timing, inline_resp = _split_inline(head)
        resp = resp or inline_resp
    timing_parts = [*item.timing, *([timing] if timing else [])]
    resp_parts = [*item.resp, *([resp] if resp else [])]
    return RawItem(
        title_lines=(head.strip(),),
        item_no=item.number,
        section_no=item.section[0],
        section_title=item.section[1],
        timing_raw="; ".join(timing_parts) or None,
        responsible_raw="\n".join(resp_parts) or None,
        page=item.source.page,
        line=item.source.number,
    )


def parse_numbered(doc: Document) -> ParsedPlan | None:
    """Read a numbered/bulleted list; None when fewer than three items are found."""
    items: list[_Item] = []
    header: list[str] = []
    section: tuple[str | None, str | None] = (None, None)
    heading_open = False
    for line in doc.lines:
        text = line.text.strip()
        if not text:
            continue
        number = item_start(text)
        heading = section_heading(text)
        if heading and not number:
            section = heading
            heading_open = True
            continue
        if heading_open and not number and not is_bullet(text) and (starts_lower(text) or ends_open(section[1] or "")):
            section = (section[0], f"{section[1]} {text}")
            continue
        heading_open = False
        if number or (is_bullet(text) and items):
            items.append(_Item(number[0] if number else None, [number[1] if number else text], line, section))
            continue
        if not items:
            header.append(text)
            continue
        current = items[-1]
        _, timing, resp = _cut_labels(text)
        if timing or resp:
            current.timing += [timing] if timing else []
            current.resp += [resp] if resp else []
        elif timing_score(text) >= TIMING_SEGMENT_SCORE and not ends_open(current.lines[-1]):
            current.timing.append(text)
        elif starts_lower(text) or ends_open(current.lines[-1]) or not current.timing:
            current.lines.append(text)
        else:
            section = (None, text)
    if len(items) < 3:
        return None
    raw = tuple(_finish(it) for it in items)
    timed = sum(1 for it in raw if it.timing_raw)
    fit = 0.4 + 0.6 * timed / len(raw)
    return ParsedPlan(LayoutKind.NUMBERED, round(fit, 3), raw, tuple(header))
