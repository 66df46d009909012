"""Shared vocabulary for layout parsers: item numbers, section headings, marks.

Parsers receive only ``Document``/``Line`` objects and return ``ParsedPlan``;
they keep no state between calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import regex

from planparse.model import Document, LayoutKind, ParsedPlan

# "6.1", "6.1.", "12." at the start of a line ("1 раз в год" is not a number: no dot, lowercase).
_ITEM_DOTTED = regex.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\.?(?=\s|$)(.*)$")
_ITEM_SIMPLE = regex.compile(r"^\s*(\d{1,3})[.)](?=\s|$|\p{L}|«)(.*)$")
_ITEM_BARE = regex.compile(r"^\s*(\d{1,3})\s+(?=[\p{Lu}«\"])(.*)$")
# Roman section numbers, Latin letters or their Cyrillic look-alikes (І, Х).
_ROMAN = r"(?:[IVXІХ]{1,5}|[IVXІХ]{0,4}[LС]?)"
_SECTION = regex.compile(rf"^\s*(?:раздел\s+)?({_ROMAN}|\d{{1,2}})\s*[.)]?\s+(\p{{Lu}}.*)$", regex.IGNORECASE)
_SECTION_ROMAN = regex.compile(rf"^\s*(?:раздел\s+)?({_ROMAN})\s*[.)]?\s+(\p{{Lu}}.*)$")
_RAZDEL = regex.compile(r"^\s*раздел\s+(\S+?)[.:]?\s+(.+)$", regex.IGNORECASE)

# Cell marks meaning "scheduled in this column".
MARKS = frozenset({"+", "++", "х", "x", "Х", "X", "×", "v", "V", "✓", "✔", "✗", "*", "•", "＋", "⁺", "√"})
# What OCR makes of a lone "+": accepted in mark positions, but flagged.
SUSPECT_MARKS = frozenset({"4", "т", "t", "ф", "-|-", "-+-", "+-", "-+", "+.", ".+", "+,", "1+", "+1", "f", "Ф"})

_LATIN_TO_ROMAN = str.maketrans({"І": "I", "Х": "X", "С": "C"})


def item_start(text: str) -> tuple[str, str] | None:
    """("6.1", rest) when the line starts a numbered item, else None."""
    for pattern in (_ITEM_DOTTED, _ITEM_SIMPLE, _ITEM_BARE):
        m = pattern.match(text)
        if m:
            number = m.group(1)
            if pattern is _ITEM_BARE and int(number) > 200:
                return None
            return number, m.group(2).strip()
    return None


def section_heading(text: str) -> tuple[str, str] | None:
    """("II", "Реализация ...") for a Roman-numbered or "Раздел N" heading."""
    m = _RAZDEL.match(text)
    if m:
        return m.group(1).translate(_LATIN_TO_ROMAN), m.group(2).strip()
    m = _SECTION_ROMAN.match(text)
    if m and m.group(1):
        return m.group(1).translate(_LATIN_TO_ROMAN).upper(), m.group(2).strip()
    return None


def is_mark(token: str) -> bool:
    return token in MARKS or token in SUSPECT_MARKS


class LayoutParser(Protocol):
    kind: LayoutKind

    def __call__(self, doc: Document) -> ParsedPlan | None: ...


@dataclass(frozen=True, slots=True)
class Section:
    number: str | None
    title: str | None


NO_SECTION = Section(None, None)


_BULLET = regex.compile(r"^\s*(?:[-–—•·●▪*]{1,2})\s*(?=\S)")
_FIRST_LETTER = regex.compile(r"\p{L}")
# Words after which a wrapped line must continue (prepositions, conjunctions).
_DANGLING = frozenset(
    "в во на с со по для и или а но к ко от до из у о об при за под над без через также".split()
)


def is_bullet(text: str) -> bool:
    """A leading "-", "--", "•" ... that starts an item (not a negative number)."""
    m = _BULLET.match(text)
    return bool(m) and not text.lstrip(" -–—").startswith(tuple("0123456789"))


def starts_lower(text: str) -> bool:
    m = _FIRST_LETTER.search(text)
    return bool(m) and m.group().islower()


def starts_upper(text: str) -> bool:
    m = _FIRST_LETTER.search(text)
    return bool(m) and m.group().isupper()


def ends_open(text: str) -> bool:
    """The text stops mid-phrase: trailing comma/hyphen or a dangling preposition."""
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in ",-–(«\"":
        return True
    last = t.rsplit(None, 1)[-1].lower()
    return last in _DANGLING
