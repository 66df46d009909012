"""The organisation printed on its own line(s) above a bare plan title.

Many plans put the body's name in a letterhead and keep the title bare::

    Совет муниципальных образований Рязанской области
    ПЛАН-ГРАФИК мероприятий на 2025 год

    АССОЦИАЦИЯ
    «СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ КОСТРОМСКОЙ ОБЛАСТИ»
    ПЛАН РАБОТЫ
    на 2025 год

:func:`organization_above` reads the lines directly above the title (at most
:data:`MAX_LINES`, blank lines already dropped) and returns the name as
printed (it is in the nominative there), or None.  Only an unbroken run right
above the title counts, and it must open with a name: optional adjectives,
then a nominative singular noun ("Совет", "АССОЦИАЦИЯ", "Региональное
отделение") or an unknown capitalised abbreviation ("АСМО"), possibly after
an opening quote.  Lines that are not part of a name stop the run:

* anything with a digit, "№", ":" or "/" (dates, decision numbers, web paths);
* a person's name ("Иванов И.И.", a signature);
* a line opening with a post or a document word (:data:`NOT_NAMES`:
  "Председатель Совета", "Приложение", "Проект", "г. Кострома"), or with a
  verb or short participle ("УТВЕРЖДАЮ", "УТВЕРЖДЕН").

An approval block ("УТВЕРЖДЕН / решением Правления / Ассоциации «СМО»" /
"(протокол от … № …)", see ``approval``) is no name: "Ассоциации" is genitive
and "решением" instrumental.  When one stands between the name and the title,
the run is read right above the block instead; the lines between the block's
last closing line (date, number, signature) and the title come first, since
a name may also follow the block.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planparse.normalize.approval import approval_block
from planparse.normalize.persons import OFFICIALS, has_person
from planparse.normalize.text import ADJECTIVE_POS, clean_title, is_known_word, parse_word

#: Most lines above a title that a name may take.
MAX_LINES = 3

#: Lemmas that open a line which is no organisation's name: officials' posts,
#: document words, a town line.  Plain data.
NOT_NAMES: frozenset[str] = OFFICIALS | frozenset(
    """
    проект приложение решение протокол постановление распоряжение приказ выписка план программа
    утверждать согласовать одобрить принять город г страница сайт документ главная
    """.split()
)

_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_NOT_NAME_CHARS_RE = regex.compile(r"[\d№:/]")
_ACTIONS = frozenset({"VERB", "INFN", "PRTS", "ADJS", "GRND", "PREP", "CONJ", "PRCL", "ADVB"})
_PERSON_TAGS = ("Surn", "Name", "Patr")
_MAX_ABBREVIATION = 6


def _part_of_name(line: str) -> bool:
    """Whether ``line`` may be (part of) an organisation's name (module doc)."""
    if _NOT_NAME_CHARS_RE.search(line) or has_person(line):
        return False
    first = _WORD_RE.search(line)
    if not first:
        return False
    parses = parse_word(first.group(0))
    if any(p.normal_form in NOT_NAMES for p in parses[:1]):
        return False
    return not (parses and first.group(0)[:1].isupper() and parses[0].tag.POS in _ACTIONS)


def _opens_name(line: str) -> bool:
    """Whether ``line`` starts an organisation's name: adjectives, then a nominative
    singular noun (not a person's name) or an unknown capitalised abbreviation."""
    for m in _WORD_RE.finditer(line):
        word = m.group(0)
        if word.isupper() and len(word) <= _MAX_ABBREVIATION and not is_known_word(word):
            return True
        parses = parse_word(word)
        if any(
            p.tag.POS == "NOUN"
            and p.tag.case == "nomn"
            and p.tag.number == "sing"
            and not any(t in p.tag for t in _PERSON_TAGS)
            for p in parses
        ):
            return True
        if not any(p.tag.POS in ADJECTIVE_POS and p.tag.case == "nomn" for p in parses):
            return False
    return False


def _name_right_above(above: Sequence[str]) -> str | None:
    """The name in the unbroken run of name lines that ends at the end of ``above``."""
    tail = [line.strip() for line in above[-MAX_LINES:]]
    run: list[str] = []
    for line in reversed(tail):  # grow the run upwards from the title
        if not _part_of_name(line):
            break
        run.insert(0, line)
    # the topmost line that opens a name (read on into the lines below it: "Региональное" + "отделение ...")
    start = next((k for k in range(len(run)) if _opens_name(" ".join(run[k:]))), len(run))
    return clean_title(run[start:]) or None


def organization_above(above: Sequence[str]) -> str | None:
    """The organisation's name printed right above a bare title, as printed, or None.

    ``above`` are the non-empty lines before the title, top to bottom.  An
    approval block between the name and the title is stepped over (module doc).
    """
    block = approval_block(above)
    if block is None:
        return _name_right_above(above)
    first, end = block
    return (_name_right_above(above[end:]) if end < len(above) else None) or _name_right_above(above[:first])


__all__ = ["MAX_LINES", "NOT_NAMES", "organization_above"]
