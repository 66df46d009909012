"""Shared vocabulary for layout parsers: item numbers, section headings, marks.

Parsers receive only ``Document``/``Line`` objects and return ``ParsedPlan``;
they keep no state between calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import regex

from planparse.model import Document, LayoutKind, ParsedPlan
from planparse.normalize.numerals import from_roman
from planparse.normalize.text import ends_with_mark

# "6.1", "6.1.", "12." at the start of a line ("1 раз в год" is not a number: no dot, lowercase).
_ITEM_DOTTED = regex.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)[.)]?(?=\s|$)(.*)$")  # "6.1", "6.1.", "6.1)"
_ITEM_SIMPLE = regex.compile(r"^\s*(\d{1,3})[.)](?=\s|$|\p{L}|«)(.*)$")
_ITEM_BARE = regex.compile(r"^\s*(\d{1,3})\s+(?=[\p{Lu}«\"])(.*)$")
# Roman section numbers, Latin letters or their Cyrillic look-alikes (І, Х).
_ROMAN = r"(?:[IVXІХ]{1,5}|[IVXІХ]{0,4}[LС]?)"
_SECTION = regex.compile(rf"^\s*(?:раздел\s+)?({_ROMAN}|\d{{1,2}})\s*[.)]?\s+(\p{{Lu}}.*)$", regex.IGNORECASE)
_SECTION_ROMAN = regex.compile(rf"^\s*(?:раздел\s+)?({_ROMAN})\s*[.)]?\s+(\p{{Lu}}.*)$")
_RAZDEL = regex.compile(r"^\s*раздел\s+(\S+?)[.:]?\s+(.+)$", regex.IGNORECASE)

# Cell marks meaning "scheduled in this column".
# Filled dots, squares and diamonds (Word's symbol fonts, "●" "■" "◆") and ticks are marks as "+" is.
MARKS = frozenset(
    {"+", "++", "х", "x", "Х", "X", "×", "v", "V", "✓", "✔", "✗", "*", "•", "＋", "⁺", "√"}
    | set("●■◆▲★☑☒✘✕⬤◉◼▪")
)
# What OCR makes of a lone "+": accepted in mark positions, but flagged.
SUSPECT_MARKS = frozenset({"4", "т", "t", "ф", "-|-", "-+-", "+-", "-+", "+.", ".+", "+,", "1+", "+1", "f", "Ф"})

_LATIN_TO_ROMAN = str.maketrans({"І": "I", "Х": "X", "С": "C"})

# What OCR makes of a Roman section number: Cyrillic "П" (II), "Ш" (III),
# "ГУ"/"IУ" (IV), "У" (V), "УІ"/"УП"/"УШ" (VI-VIII), Latin "l" for "I"
# ("ll", "lV"), and the digit "1".  Always followed by "." or ")".
OCR_SECTION_NUMERALS: dict[str, str] = {
    "П": "II", "Ш": "III", "ГУ": "IV", "ІУ": "IV", "IУ": "IV", "У": "V",
    "УІ": "VI", "УI": "VI", "УП": "VII", "УШ": "VIII", "1": "I",
}
_OCR_SECTION = regex.compile(
    r"^\s*(ГУ|[ІI]У|У[ІIПШ]?|П|Ш|(?=[IlV]{0,2}l)[Il]{1,3}V?|1)\s*[.)]\s+(\p{Lu}.*)$"
)


def item_start(text: str) -> tuple[str, str] | None:
    """("6.1", rest) when the line starts a numbered item, else None."""
    if not text.lstrip()[:1].isdigit():  # every item number starts with a digit
        return None
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


_ARABIC_HEADING = regex.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\p{Lu}.*)$")


def heading_row_section(text: str) -> tuple[str, str] | None:
    """``section_heading``, or ("1", "Организационные мероприятия") for "1. Организационные мероприятия".

    Only for text that is a heading by its place (a table row merged across the
    table): there a single Arabic number is a section's, while in running text
    a "1." line is an item.  "1.1. ..." stays a group item's number.
    """
    found = section_heading(text)
    if found:
        return found
    m = _ARABIC_HEADING.match(text)
    return (m.group(1), m.group(2).strip()) if m else None


def ocr_section_heading(text: str) -> tuple[str, str, str] | None:
    """("II", "Контрольная деятельность", "П") when the line starts with an OCR
    look-alike of a Roman section number ("П.", "Ш.", "ГУ.", "ll.", "1.").

    Only the shape is checked: callers accept it as a heading when the rest of
    the line and its neighbours say so (a "1." line is usually an item).
    """
    m = _OCR_SECTION.match(text)
    if not m:
        return None
    printed = m.group(1)
    roman = OCR_SECTION_NUMERALS.get(printed) or printed.replace("l", "I")
    return roman, m.group(2).strip(), printed


def roman_value(numeral: str | None) -> int | None:
    """12 for "XII"; None when ``numeral`` is not a Roman numeral."""
    return from_roman(numeral.upper().translate(_LATIN_TO_ROMAN)) if numeral else None


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
# Last characters after which a layout's wrapped line runs on: comma, hyphen, en dash, or an opening
# bracket or quote at the very end.  Not the em dash of ``normalize.text.OPEN_END_MARKS`` (layouts have
# never counted it; ``numbered`` adds the dashes itself where it wants them), and a bracket left open
# earlier in the line (``normalize.text.has_open_bracket``) does not count either.
_RUNS_ON = ",-–(«\""


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
    """The text stops mid-phrase: a trailing comma, hyphen, en dash, opening bracket or quote
    (``_RUNS_ON``), or a dangling preposition/conjunction."""
    t = text.rstrip()
    if not t:
        return False
    if ends_with_mark(t, _RUNS_ON):
        return True
    last = t.rsplit(None, 1)[-1].lower()
    return last in _DANGLING
