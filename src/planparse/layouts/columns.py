"""Column tables serialized one column after another ("columns" layout).

Text exports of "Мероприятия | Время проведения | Ответственные" tables where
one table row holds many activities print, for each row, the whole first cell,
then the whole second cell, then the third.  Blank filler paragraphs that the
author used to line entries up survive as whitespace-only lines; they are the
only link between an activity and its timing and responsible entries.

Per row block: optional heading lines (an unnumbered group heading = section),
bulleted/numbered activities, timing entries (found by the timing grammar), and
responsible entries (the rest).  Entries are matched to activities by
``align``; a single entry is shared by every activity of the row; responsible
entries fill down to the activities below them.  Every positional guess is
flagged on the row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planparse.layouts.align import Assigned, assign_entries
from planparse.layouts.base import ends_open, is_bullet, item_start, starts_lower, starts_upper
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem
from planparse.normalize.timing import is_complete_timing, timing_score

TIMING_LINE_SCORE = 0.6
MAX_TIMING_LINES = 4  # a timing cell longer than this is not one entry
_WIDE_GAP = regex.compile(r"\S {3,}\S")
_ROLE_WORDS = {
    "title": regex.compile(r"мероприяти|наименовани|содержание|вид работ", regex.I),
    "timing": regex.compile(r"врем[яи] проведени|срок|дата|период|когда", regex.I),
    "responsible": regex.compile(r"ответствен|исполнител", regex.I),
}


@dataclass
class _Entry:
    lines: list[str]
    offset: int
    source: Line


@dataclass
class _Block:
    heading: list[str] = field(default_factory=list)
    items: list[_Entry] = field(default_factory=list)
    timing: list[_Entry] = field(default_factory=list)
    resp: list[_Entry] = field(default_factory=list)
    title_len: int = 0
    bulleted: bool = False


_HEADER_FILLER = regex.compile(
    r"^(?:№|п/п|n|наименование|мероприяти\w*|время|проведения|срок\w*|исполнения|выполнения|дата|"
    r"период|ответственн\w*|исполнител\w*|за|и|/|\||содержание|работ\w*|вид)$",
    regex.I,
)
MAX_HEADER_OTHER_WORDS = 1
MAX_HEADER_LINES = 5  # plain text exports put each header cell on a line of its own


def _header_like(text: str) -> bool:
    words = text.split()
    return bool(words) and sum(not _HEADER_FILLER.match(w) for w in words) <= MAX_HEADER_OTHER_WORDS


def _any_role(text: str) -> bool:
    return any(p.search(text) for p in _ROLE_WORDS.values())


def find_header(lines: tuple[Line, ...]) -> int | None:
    """Index of the last header line: title and timing roles named on 1-3 lines of header words only."""
    for i, line in enumerate(lines[:80]):
        if not _header_like(line.text):
            continue
        window: list[str] = []
        for j in range(i, min(i + MAX_HEADER_LINES, len(lines))):
            if lines[j].is_blank and window:
                continue
            if not _header_like(lines[j].text):
                break
            window.append(lines[j].text)
            joined = " ".join(window)
            if _ROLE_WORDS["title"].search(joined) and _ROLE_WORDS["timing"].search(joined):
                while j + 1 < len(lines) and _header_like(lines[j + 1].text) and _any_role(lines[j + 1].text):
                    j += 1  # further header cells ("Ответственный") on lines of their own
                return j
    return None


def _starts_item(text: str) -> bool:
    return is_bullet(text) or item_start(text) is not None


class _Reader:
    """Walks the body lines once; a small state machine over the three columns."""

    def __init__(self, body: tuple[Line, ...], has_resp: bool) -> None:
        self.body = body
        self.has_resp = has_resp  # the header names a responsible column
        self.blocks: list[_Block] = []
        self.block = _Block()
        self.state = "start"
        self.offset = 0  # line offset within the current column
        self.gap = False  # a blank filler line since the last text line

    def run(self) -> list[_Block]:
        for idx, line in enumerate(self.body):
            self.step(idx, line)
        self.finish()
        return self.blocks

    def finish(self) -> None:
        if self.block.items:
            self.blocks.append(self.block)
        self.block = _Block()
        self.state, self.offset, self.gap = "start", 0, False

    def new_row_here(self, idx: int) -> bool:
        text = self.body[idx].text.strip()
        if _starts_item(text):
            return True
        if not starts_upper(text):
            return False
        for line in self.body[idx + 1 : idx + 4]:
            t = line.text.strip()
            if not t:
                return False
            if _starts_item(t):
                return True
        return False

    def step(self, idx: int, line: Line) -> None:
        text = line.text.strip()
        if line.text == "":  # a hard empty line: the export's row separator
            if self.block.items:
                self.finish()
            return
        if not text:
            self.offset += 1
            self.gap = True
            return
        handler = {"start": self.on_start, "title": self.on_title, "timing": self.on_timing, "resp": self.on_resp}
        handler[self.state](idx, line, text)
        self.gap = False

    def on_start(self, idx: int, line: Line, text: str) -> None:
        block = self.block
        if _starts_item(text):
            self.state, self.offset = "title", 0
            block.bulleted = True
            self.on_title(idx, line, text)
        elif starts_lower(text) and not block.heading and self.blocks:
            self._continue_previous(text)
        else:
            block.heading.append(text)

    def _continue_previous(self, text: str) -> None:
        """A page break split the previous row: lower-case lines continue its last entry."""
        prev = self.blocks[-1]
        target = prev.timing if (timing_score(text) >= TIMING_LINE_SCORE and prev.timing) else prev.items
        target[-1].lines.append(text)

    def on_title(self, idx: int, line: Line, text: str) -> None:
        block = self.block
        current = block.items[-1] if block.items else None
        if current is not None and not _starts_item(text) and timing_score(text) >= TIMING_LINE_SCORE:
            self.state, self.offset = "timing", 0
            self.on_timing(idx, line, text)
            return
        new_item = (
            current is None
            or _starts_item(text)
            or (self.gap and not block.bulleted and starts_upper(text) and not ends_open(current.lines[-1]))
        )
        if new_item:
            block.items.append(_Entry([text], self.offset, line))
        else:
            current.lines.append(text)  # type: ignore[union-attr]
        self.offset += 1
        block.title_len = self.offset

    def on_timing(self, idx: int, line: Line, text: str) -> None:
        block = self.block
        current = block.timing[-1] if block.timing else None
        if (
            current is not None
            and not self.gap
            and len(current.lines) < MAX_TIMING_LINES
            and not is_complete_timing(" ".join(current.lines))
        ):
            current.lines.append(text)
        elif timing_score(text) >= TIMING_LINE_SCORE / 2:
            block.timing.append(_Entry([text], self.offset, line))
        elif not (self.has_resp and not block.resp and not _starts_item(text)) and self.new_row_here(idx):
            self.finish()
            self.on_start(idx, line, text)
            return
        else:
            self.state, self.offset = "resp", 0
            self.on_resp(idx, line, text)
            return
        self.offset += 1

    def on_resp(self, idx: int, line: Line, text: str) -> None:
        block = self.block
        current = block.resp[-1] if block.resp else None
        continues = current is not None and (ends_open(current.lines[-1]) or starts_lower(text))
        if not continues and (block.resp or _starts_item(text)) and self.new_row_here(idx):
            self.finish()
            self.on_start(idx, line, text)
            return
        if current is not None and (continues or not self.gap):
            current.lines.append(text)
        else:
            block.resp.append(_Entry([text], self.offset, line))
        self.offset += 1


def _assign(block: _Block) -> list[Assigned]:
    return assign_entries(
        [e.offset for e in block.items],
        block.title_len,
        [(e.offset, " ".join(e.lines)) for e in block.timing],
        [(e.offset, "\n".join(e.lines)) for e in block.resp],
    )


def parse_columns(doc: Document) -> ParsedPlan | None:
    """Read a column-serialized table; None when there is no such table header."""
    lines = doc.lines
    end = find_header(lines)
    if end is None:
        return None
    header = tuple(ln.text.strip() for ln in lines[:end] if ln.text.strip())
    has_resp = any(_ROLE_WORDS["responsible"].search(ln.text) for ln in lines[max(0, end - 4) : end + 1])
    blocks = _Reader(lines[end + 1 :], has_resp).run()
    items: list[RawItem] = []
    for block in blocks:
        heading = " ".join(block.heading) or None
        for entry, (t, r, f) in zip(block.items, _assign(block), strict=True):
            number = item_start(entry.lines[0])
            items.append(
                RawItem(
                    title_lines=(number[1], *entry.lines[1:]) if number else tuple(entry.lines),
                    item_no=number[0] if number else None,
                    section_title=heading.rstrip(":") if heading else None,
                    timing_raw="; ".join(t) or None,
                    responsible_raw="\n".join(r) or None,
                    page=entry.source.page,
                    line=entry.source.number,
                    flags=tuple(sorted(f)),
                )
            )
    if not items:
        return None
    with_timing = sum(1 for it in items if it.timing_raw)
    body = [ln.text.strip() for ln in lines[end + 1 :] if ln.text.strip()]
    # Serialized cells sit on lines of their own; wide gaps inside lines mean side-by-side columns.
    gapped = sum(1 for t in body if _WIDE_GAP.search(t)) / max(1, len(body))
    fit = (0.5 + 0.5 * with_timing / len(items)) * (1 - gapped)
    return ParsedPlan(LayoutKind.COLUMNS, round(fit, 3), tuple(items), header)
