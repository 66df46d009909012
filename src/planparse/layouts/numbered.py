"""Numbered lists: "1. Семинар для глав поселений – март – Иванов И.И.".

Each numbered (or bulleted) item collects its wrapped lines; lettered sub-items
("а)", "б)" in order, under "9. Выездные проверки:") are numbered "9.а", "9.б".
A wrapped line that opens with the dash before the timing ("… 2025–2026 годов"
+ "– август – Управление ЖКХ") continues an item that has no timing yet; it is
no bulleted item.  Its timing is a
labelled part ("Срок:", "Сроки исполнения:", "Время проведения:"), a trailing
dash-separated segment that the timing grammar understands, or a following
line that is a complete timing phrase.  Responsible parties come from a label
("Ответственный:", "Исполнители:") or the segment after the timing.

An item is read as a sequence of fields: its title, then whatever labels open.
Text before a label on a line extends the field that was open ("…за 2022 год
– март. Ответственный: …" ends the title, timing included); a line without a
label continues the last label's field when it reads as its continuation
(lowercase start, bracket or quote, the field ends open, a party that goes on
- see ``normalize.responsible.continues_party``), so wrapped parties and
timings never leak into the title.

Section headings are Roman-numbered ("II. Контрольная деятельность") or, in
OCR'd lists, an OCR look-alike ("П.", "Ш.", "ГУ.", even "1.") accepted only
when the line is otherwise a heading: capitalised, no timing, followed by a
numbered item and in sequence with the sections around it.  Rows under such
a heading are flagged ``section_no_repaired``.  Unnumbered headings
("Контрольная деятельность") are short capitalised lines without timing,
label or sentence end, between a finished item and a numbered one, that stand
alone: a paragraph of their own (DOCX and the like), blank lines around, or
left of the item numbers; the line just before the first item is one too when
the body has such headings.  A party line printed once after a group's
sub-items ("3.1. Семинары:" + "3.1.1 … 3.1.3" + "Ответственный: …") covers
each of them, flagged ``responsible_shared``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planparse.layouts.base import (
    ends_open,
    is_bullet,
    item_start,
    ocr_section_heading,
    roman_value,
    section_heading,
    starts_lower,
    starts_upper,
)
from planparse.layouts.fields import RESP, TIMING, TIMING_SEGMENT_SCORE, TITLE, is_timing, is_timing_line
from planparse.layouts.fields import labels as _labels
from planparse.layouts.fields import split_inline as _split_inline
from planparse.model import Document, LayoutKind, Line, ParsedPlan, RawItem, SourceFormat
from planparse.normalize.responsible import continues_party
from planparse.normalize.text import join_lines
from planparse.normalize.timing import timing_score

_OPENERS = "(«\"“„"
SECTION_REPAIRED = "section_no_repaired"
SHARED = "responsible_shared"
MAX_HEADING_WORDS = 10
MIN_OUTDENT = 2  # columns a heading stands left of the item numbers
_DASHES = "-–—"
# Readers of these formats give one line per paragraph (XLSX: per cell): a line stands alone by itself.
_PARAGRAPHS = frozenset({SourceFormat.DOCX, SourceFormat.DOC, SourceFormat.ODT, SourceFormat.RTF, SourceFormat.HTML,
                         SourceFormat.XLSX})
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_PLAN_WORD = regex.compile(r"^\s*план\b", regex.I)
_LETTERED = regex.compile(r"^\s*(\p{Ll})\)\s+(?=\S)(.*)$")
# Russian sub-item letters in order, as Word's russianLower counts them (no ё, й, ъ, ь).
_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"
_LEADING_DASH_SEGMENT = regex.compile(r"^\s*[–—-]{1,2}\s+(.+?)(?:\s+[–—-]{1,2}\s+|$)")


@dataclass
class _Item:
    number: str | None
    lines: list[str]
    source: Line
    section: tuple[str | None, str | None]
    timing: list[str] = field(default_factory=list)
    resp: list[str] = field(default_factory=list)
    open: str = TITLE  # the field a continuation line extends
    flags: tuple[str, ...] = ()
    party_for: list[_Item] = field(default_factory=list)  # sibling sub-items this item's party also covers

    def extend(self, text: str) -> None:
        """Append ``text`` to the open field."""
        if self.open == TIMING:
            self.timing[-1] = f"{self.timing[-1]} {text}".strip()
        elif self.open == RESP:
            self.resp[-1] = f"{self.resp[-1]}\n{text}" if self.resp[-1] else text
        else:
            self.lines.append(text)

    def feed(self, text: str) -> None:
        """Take one physical line: its head extends the open field, its labels open new ones."""
        head, labels = _labels(text)
        if head.strip():
            self.extend(head.strip())
        for kind, value in labels:
            (self.timing if kind == TIMING else self.resp).append(value)
            self.open = kind

    def takes_bullet(self, text: str) -> bool:
        """A bulleted line right under a label ("Ответственные:" + "- Администрация")
        lists that field's values rather than starting an item."""
        if self.open == TITLE or not is_bullet(text):
            return False
        value = self.timing[-1] if self.open == TIMING else self.resp[-1]
        return not value or all(is_bullet(line) for line in value.split("\n"))

    def done(self) -> bool:
        """The item has its timing (labelled or inline) and its last line does not run on."""
        last = self.resp[-1] if self.open == RESP and self.resp else self.lines[-1] if self.lines else ""
        timed = bool(self.timing) or _split_inline(join_lines(self.lines))[1] is not None
        return timed and not ends_open(last) and last.rstrip()[-1:] not in _DASHES

    def field_goes_on(self, text: str, *, numbered_sections: bool) -> bool:
        """Whether a label-free ``text`` continues the open timing/responsible field."""
        value = self.timing[-1] if self.open == TIMING else self.resp[-1]
        if not value:  # the label ended its line: the value is on the next one
            return True
        if starts_lower(text) or text[:1] in _OPENERS or ends_open(value):
            return True
        if self.open != RESP:
            return False
        last_line = value.rsplit("\n", 1)[-1]
        if last_line.rstrip()[-1:] in ",;" or continues_party(last_line, text):
            return True
        # A capitalised line after a party: the list of parties goes on, unless the
        # plan also has unnumbered section rows and this item's timing is done.
        return numbered_sections or not self.timing


def _lettered(text: str, items: list[_Item]) -> tuple[str, str] | None:
    """("9.а", rest) for "а) …" right under item 9, ("9.б", rest) for "б) …" right after "9.а"; else None.

    Letters must run in order from "а", so a wrapped line that happens to open
    with "в) " is no sub-item.
    """
    m = _LETTERED.match(text)
    last = items[-1].number if items else None
    if not m or not last:
        return None
    letter = m.group(1)
    parent, _, previous = last.rpartition(".")
    if previous in _LETTERS:  # after a lettered sibling: the next letter
        wanted, under = _LETTERS[_LETTERS.index(previous) + 1 : _LETTERS.index(previous) + 2], parent
    else:  # the first sub-item of a numbered item
        wanted, under = _LETTERS[0], last
    return (f"{under}.{letter}", m.group(2).strip()) if letter == wanted else None


def _completes(item: _Item, text: str) -> bool:
    """A dash line ("– август – Управление ЖКХ") carrying the timing of an item still without one.

    Only when the segment right after the dash is a timing: "– Проведение семинара – март"
    is a bulleted item of its own.
    """
    if item.timing or item.open != TITLE or _split_inline(join_lines(item.lines))[1] is not None:
        return False
    first = _LEADING_DASH_SEGMENT.match(text)
    return bool(first) and is_timing(first.group(1))


def _finish(item: _Item) -> RawItem:
    title = join_lines(item.lines)  # a field broken by a line-end hyphen ("в тече-" / "ние года") is whole again
    timing_parts = [t for t in item.timing if t]
    resp_parts = [r for r in item.resp if r]
    if not timing_parts:
        title, timing, inline_resp = _split_inline(title)
        timing_parts += [timing] if timing else []
        resp_parts += [inline_resp] if inline_resp and not resp_parts else []
    return RawItem(
        title_lines=(title.strip(),),
        item_no=item.number,
        section_no=item.section[0],
        section_title=item.section[1],
        timing_raw="; ".join(timing_parts) or None,
        responsible_raw="\n".join(resp_parts) or None,
        page=item.source.page,
        line=item.source.number,
        flags=item.flags,
    )


def _heading_like(title: str) -> bool:
    """A section title: capitalised, no labels, no timing, not a group lead-in ending in ":"."""
    return (
        starts_upper(title)
        and not _labels(title)[1]
        and _split_inline(title)[1] is None
        and timing_score(title) < TIMING_SEGMENT_SCORE
        and not title.rstrip().endswith(":")
    )


def _plain_heading(text: str) -> bool:
    """An unnumbered section heading's text: short, capitalised, no timing, label or sentence end."""
    return (
        _heading_like(text)
        and text[:1] not in _OPENERS
        and text.rstrip()[-1:] not in ".;,!?"
        and len(text.split()) <= MAX_HEADING_WORDS
        and not is_bullet(text)
    )


def _lead_heading(header: list[str]) -> bool:
    """The last line before the first item is a section heading, not the end of the title.

    Asked only of plans whose body has unnumbered headings: the first section
    is then printed the same way.  Title lines carry the year or "План".
    """
    if len(header) < 2 or ends_open(header[-2]):
        return False
    text = header[-1]
    return _plain_heading(text) and not _YEAR.search(text) and not _PLAN_WORD.match(text)


def _group_run(items: list[_Item]) -> list[_Item]:
    """The sub-items before the last one under the same group lead-in ("3.1. Семинары:"), when none has a party.

    A party line printed once after "3.1.1 … 3.1.3" then covers the whole group.
    """
    number = items[-1].number
    if not number or "." not in number or items[-1].resp:
        return []
    parent = number.rsplit(".", 1)[0]
    run: list[_Item] = []
    for item in reversed(items[:-1]):
        if item.number == parent:
            lead_in = " ".join(item.lines).rstrip().endswith(":")
            return run if lead_in and run and not any(it.resp for it in run) else []
        if not item.number or item.number.rsplit(".", 1)[0] != parent:
            return []
        run.append(item)
    return []


def _share_parties(items: list[_Item]) -> None:
    """Give a party printed once after a group's sub-items to each of them (flagged ``responsible_shared``)."""
    for item in items:
        if item.party_for and item.resp:
            for sibling in item.party_for:
                sibling.resp, sibling.flags = list(item.resp), (*sibling.flags, SHARED)
            item.flags = (*item.flags, SHARED)


def _spaced(lines: tuple[Line, ...]) -> list[bool]:
    """For each non-blank line, whether a blank line stands before it; one more entry (True) for the end."""
    out: list[bool] = []
    blank = False
    for line in lines:
        if line.is_blank:
            blank = True
        else:
            out.append(blank)
            blank = False
    return [*out, True]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _leaves_item(line: Line, previous: Line, start: Line) -> bool:
    """``line`` stands outside the item that began at ``start``: clearly left of its number
    (OCR'd text jitters by a column), or back at the number's column after wrapped lines that
    hang deeper (a wrapped line never does that)."""
    indent = _indent(line.text)
    return indent + MIN_OUTDENT <= _indent(start.text) or indent <= _indent(start.text) < _indent(previous.text)


def _ocr_heading(
    texts: list[str], k: int, current: str | None, later: list[tuple[int, int]]
) -> tuple[str, str] | None:
    """An OCR'd section heading at ``texts[k]`` ("П. Контрольная деятельность"), or None.

    Accepted when the title reads as a heading, the next line is a numbered item,
    and the number follows the current section; a digit ("1.", also a valid item
    number) only when the next item is its sub-item ("1.1") and the next section
    heading carries the following number.
    """
    found = ocr_section_heading(texts[k])
    if not found or k + 1 >= len(texts):
        return None
    roman, title, printed = found
    value = roman_value(roman)
    nxt = item_start(texts[k + 1])
    if value is None or not nxt or not _heading_like(title):
        return None
    current_value = roman_value(current)
    if current is not None and current_value != value - 1:
        return None
    if printed.isdigit():
        if current is None and value != 1:
            return None
        if not nxt[0].startswith(f"{printed}.") or not any(i > k and v == value + 1 for i, v in later):
            return None
    return roman, title


def parse_numbered(doc: Document) -> ParsedPlan | None:
    """Read a numbered/bulleted list; None when fewer than three items are found."""
    lines = [ln for ln in doc.lines if ln.text.strip()]
    texts = [ln.text.strip() for ln in lines]
    headings: list[tuple[int, int]] = []  # (line index, section number) of headings, real or OCR'd
    for k, text in enumerate(texts):
        real = section_heading(text)
        ocr = None if real else ocr_section_heading(text)
        followed = k + 1 < len(texts) and item_start(texts[k + 1]) is not None
        value = roman_value(real[0]) if real else roman_value(ocr[0]) if ocr and followed else None
        if value and not (ocr and ocr[2].isdigit()):
            headings.append((k, value))
    numbered_sections = bool(headings)
    paragraphs = doc.format in _PARAGRAPHS
    spaced = _spaced(doc.lines)
    plain_headings = False  # the body has unnumbered section headings
    items: list[_Item] = []
    header: list[str] = []
    section: tuple[str | None, str | None] = (None, None)
    section_flags: tuple[str, ...] = ()
    heading_open = False
    for k, (line, text) in enumerate(zip(lines, texts, strict=True)):
        number = item_start(text) or _lettered(text, items)
        heading = section_heading(text)
        if heading and not number:
            section, section_flags = heading, ()
            heading_open = True
            continue
        repaired = None if heading else _ocr_heading(texts, k, section[0], headings)
        if repaired:
            section, section_flags = repaired, (SECTION_REPAIRED,)
            heading_open = True
            continue
        if heading_open and not number and not is_bullet(text) and (starts_lower(text) or ends_open(section[1] or "")):
            section = (section[0], f"{section[1]} {text}")
            continue
        after_heading, heading_open = heading_open, False
        if not number and items and (items[-1].takes_bullet(text) or _completes(items[-1], text)):
            items[-1].extend(text)
            continue
        if number or (is_bullet(text) and items):
            item = _Item(number[0] if number else None, [], line, section, flags=section_flags)
            item.feed(number[1] if number else text)
            items.append(item)
            continue
        if not items:
            header.append(text)
            continue
        current = items[-1]
        head, found = _labels(text)
        if found:
            if not head.strip() and all(kind == RESP for kind, _ in found):
                current.party_for = _group_run(items)
            current.feed(text)
        elif current.open != TITLE and current.field_goes_on(text, numbered_sections=numbered_sections):
            current.extend(text)
        elif is_timing_line(text) and not ends_open(current.lines[-1] if current.lines else ""):
            current.timing.append(text)
            current.open = TIMING
        elif (
            not after_heading
            and _plain_heading(text)
            and current.done()
            and k + 1 < len(texts)
            and (item_start(texts[k + 1]) is not None or is_bullet(texts[k + 1]))
            and (paragraphs or spaced[k] or spaced[k + 1] or _leaves_item(line, lines[k - 1], current.source))
        ):
            section, section_flags = (None, text), ()
            plain_headings = True
        elif starts_lower(text) or ends_open(current.lines[-1] if current.lines else "") or not current.timing:
            current.lines.append(text)
        else:
            section, section_flags = (None, text), ()
    if len(items) < 3:
        return None
    if plain_headings and items[0].section == (None, None) and _lead_heading(header):
        lead = (None, header.pop())
        for item in items:
            if item.section != (None, None):
                break
            item.section = lead
    _share_parties(items)
    raw = tuple(_finish(it) for it in items)
    timed = sum(1 for it in raw if it.timing_raw)
    fit = 0.4 + 0.6 * timed / len(raw)
    return ParsedPlan(LayoutKind.NUMBERED, round(fit, 3), raw, tuple(header))
