"""Column tables serialized one column after another ("columns" layout).

Text exports of "Мероприятия | Время проведения | Ответственные" tables where
one table row holds many activities print, for each row, the whole first cell,
then the whole second cell, then the third.  Blank filler paragraphs that the
author used to line entries up survive as whitespace-only lines; they are the
only link between an activity and its timing and responsible entries.

Per row block: optional heading lines (a group heading = section, unnumbered
or numbered "1." / "II." / "Раздел 3" above bulleted or deeper-numbered items),
bulleted/numbered activities, timing entries (found by the timing grammar), and
responsible entries (the rest).  Entries are matched to activities by
``align``; a single entry is shared by every activity of the row; responsible
entries fill down to the activities below them.  Every positional guess is
flagged on the row.

Two kinds of export: *padded* ones keep the filler paragraphs as
whitespace-only lines and end a table row with a hard empty line (positions
matter); *compact* ones have no filler lines, only empty lines between cells
and paragraphs, so a row ends where the next heading or activity begins and
entries are matched by count (``compact``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planparse.layouts.align import Assigned, assign_entries
from planparse.layouts.base import ends_open, heading_row_section, is_bullet, item_start, starts_lower, starts_upper
from planparse.layouts.columns_header import ROLE_WORDS, find_header
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem
from planparse.normalize.persons import has_person
from planparse.normalize.responsible import PARTY_HEADS, continues_party
from planparse.normalize.timing import is_complete_timing, sets_timing, timing_score

TIMING_LINE_SCORE = 0.6
MAX_TIMING_LINES = 4  # a timing cell longer than this is not one entry
_WIDE_GAP = regex.compile(r"\S {3,}\S")


@dataclass
class _Entry:
    lines: list[str]
    offset: int
    source: Line


@dataclass
class _Block:
    heading: list[str] = field(default_factory=list)
    section_no: str | None = None
    items: list[_Entry] = field(default_factory=list)
    timing: list[_Entry] = field(default_factory=list)
    resp: list[_Entry] = field(default_factory=list)
    title_len: int = 0
    bulleted: bool = False


def _starts_item(text: str) -> bool:
    return is_bullet(text) or item_start(text) is not None


_NUMBERED_LABEL = regex.compile(r"^\s*(?:раздел\s+\S+|\S+[.)])\s", regex.I)
LOOKAHEAD_LINES = 4  # text lines looked at below a heading for its first activity


def is_compact(body: tuple[Line, ...]) -> bool:
    """Whether the export has no filler lines: hard empty lines outnumber whitespace-only ones.

    Padded exports print empty filler paragraphs as whitespace-only lines and
    end a table row with a hard empty line; compact ones print every empty
    paragraph as a hard empty line, so it cannot mean "end of row".
    """
    hard = sum(1 for ln in body if ln.text == "")
    filler = sum(1 for ln in body if ln.text and not ln.text.strip())
    return hard > filler


def _names_party(text: str) -> bool:
    """A line that reads as a responsible party: a person, or a body/official named in its first words."""
    words = regex.findall(r"\p{L}+", text)[:3]
    return has_person(text) or any(w.lower() in PARTY_HEADS for w in words)


def _party_runs(lines: list[str]) -> list[list[str]]:
    """A responsible paragraph cut where a line starts a new party (``continues_party``)."""
    runs: list[list[str]] = []
    for line in lines:
        if runs and continues_party(runs[-1][-1], line):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


class _Reader:
    """Walks the body lines once; a small state machine over the three columns."""

    def __init__(self, body: tuple[Line, ...], has_resp: bool) -> None:
        self.body = body
        self.has_resp = has_resp  # the header names a responsible column
        self.compact = is_compact(body)
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

    def _below(self, idx: int) -> list[tuple[int, bool, str]]:
        """(index, after a blank line, text) of the text lines below ``idx``, as far as one row can reach."""
        out: list[tuple[int, bool, str]] = []
        gap = False
        for j in range(idx + 1, len(self.body)):
            raw = self.body[j].text
            if raw == "" and not self.compact:
                break  # the end of the table row
            if not raw.strip():
                gap = True
                continue
            out.append((j, gap, raw.strip()))
            if len(out) == LOOKAHEAD_LINES:
                break
            gap = False
        return out

    def section_here(self, idx: int) -> tuple[str, str] | None:
        """(number, title) when line ``idx`` is a numbered section heading.

        A Roman numeral or "Раздел N" always is; a single Arabic number ("1.")
        only when the first activity below it is bulleted or numbered deeper
        ("1.1" under "1."): "1." above "2." is an activity of its own, and so
        is "1." above its timing or responsible entry.
        """
        text = self.body[idx].text.strip()
        found = heading_row_section(text)
        if not found or not _NUMBERED_LABEL.match(text):
            return None
        number = found[0]
        if not number.isdigit() or text.lower().startswith("раздел"):
            return found
        for _, gap, t in self._below(idx):
            if is_bullet(t):
                return found
            sub = item_start(t)
            if sub:
                return found if sub[0].startswith(number + ".") else None
            if gap or not starts_lower(t) or sets_timing(t):
                return None  # the row's timing or responsible entry, or plain text
            # else the heading wraps
        return None

    def new_row_here(self, idx: int) -> bool:
        """Whether a table row starts at line ``idx``: an activity, a numbered
        section heading, or heading lines right above an activity (blank lines
        between them in a compact export)."""
        text = self.body[idx].text.strip()
        if _starts_item(text):
            return True
        if not starts_upper(text):
            return False
        if self.section_here(idx) and not has_person(text):  # "II. …", "Раздел 2 …" ("С. А. Белов" is a person)
            return True
        for j, gap, t in self._below(idx)[:3]:
            if gap and (not self.compact or _names_party(text)):
                return False  # (compact) a party above a blank line: the last responsible entry, not a heading
            if _starts_item(t):
                return self.section_here(j) is None  # above another section's heading it is still this row's
            if gap:
                return False
        return False

    def step(self, idx: int, line: Line) -> None:
        text = line.text.strip()
        if line.text == "" and not self.compact:  # a hard empty line: the export's row separator
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
        section = self.section_here(idx) if not block.heading else None
        if section:
            block.section_no = section[0]
            block.heading.append(section[1])
        elif _starts_item(text):
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

    def _title_goes_on(self, current: _Entry, text: str) -> bool:
        """A title's short last line that the grammar reads as no timing phrase ("году»", "года")."""
        if self.gap or sets_timing(text):
            return False
        title = " ".join(current.lines)
        return starts_lower(text) or title.count("«") > title.count("»")

    def on_title(self, idx: int, line: Line, text: str) -> None:
        block = self.block
        current = block.items[-1] if block.items else None
        if (
            current is not None
            and not _starts_item(text)
            and timing_score(text) >= TIMING_LINE_SCORE
            and not self._title_goes_on(current, text)
        ):
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


def _assign(block: _Block, compact: bool) -> list[Assigned]:
    """Timing and responsible entries per activity of the block.

    In a compact export a single responsible paragraph may hold one party per
    activity on consecutive lines: it is cut where a line starts a new party,
    one each when the count matches; either way the assignment is a guess
    (``responsible_by_position``).
    """
    n = len(block.items)
    resp = [(e.offset, "\n".join(e.lines)) for e in block.resp]
    guessed = False
    if compact and n > 1 and len(block.resp) == 1:
        runs = _party_runs(block.resp[0].lines)
        guessed = len(runs) > 1
        if len(runs) == n:
            resp = [(block.resp[0].offset + k, "\n".join(run)) for k, run in enumerate(runs)]
    out = assign_entries(
        [e.offset for e in block.items],
        block.title_len,
        [(e.offset, " ".join(e.lines)) for e in block.timing],
        resp,
    )
    for _, _, flags in out if guessed else ():
        flags.discard("responsible_shared")
        flags.add("responsible_by_position")
    return out


def parse_columns(doc: Document) -> ParsedPlan | None:
    """Read a column-serialized table; None when there is no such table header."""
    lines = doc.lines
    end = find_header(lines)
    if end is None:
        return None
    header = tuple(ln.text.strip() for ln in lines[:end] if ln.text.strip())
    has_resp = any(ROLE_WORDS["responsible"].search(ln.text) for ln in lines[max(0, end - 4) : end + 1])
    reader = _Reader(lines[end + 1 :], has_resp)
    blocks = reader.run()
    items: list[RawItem] = []
    for block in blocks:
        heading = " ".join(block.heading) or None
        for entry, (t, r, f) in zip(block.items, _assign(block, reader.compact), strict=True):
            number = item_start(entry.lines[0])
            items.append(
                RawItem(
                    title_lines=(number[1], *entry.lines[1:]) if number else tuple(entry.lines),
                    item_no=number[0] if number else None,
                    section_no=block.section_no,
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
