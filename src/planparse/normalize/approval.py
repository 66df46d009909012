"""The approval block (гриф утверждения) printed above a plan's title.

::

    АССОЦИАЦИЯ «СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ …»     <- the organisation
    УТВЕРЖДЕН                                          <- approval block
    решением Правления Ассоциации
    «Совет муниципальных образований …»
    (протокол от 18.12.2025 № 6)
    ПЛАН РАБОТЫ на 2026 год                            <- bare title

A block opens with a capitalised verb or short participle of approval
(:data:`APPROVAL_LEMMAS`: "УТВЕРЖДЕН", "Утверждаю", "СОГЛАСОВАНО", "ПРИНЯТ",
"ОДОБРЕНО" …) and holds the decision, the date and number, a post and a
signature.  Two blocks may stand one above the other ("СОГЛАСОВАНО" …
"УТВЕРЖДАЮ" …).  It ends with its last closing line (a date or number, "№",
"протокол", a signature line "____", a person's name); the lines after that
and before the title may still be the organisation's name.

:func:`approval_block` finds the block nearest above the title, and
:func:`approving_body` the body named in it - in the genitive, as printed:

* a collegial organ (:data:`ORGANS`) followed by a capitalised genitive
  body names that body: "решением Правления Ассоциации «Совет …»", "на
  заседании Президиума Совета …", "Председатель Правления Ассоциации «…»";
* a decision ("решением …") names the body that took it: "решением Совета
  муниципальных образований …", "решением Заречной районной Думы";
* nothing else does: an order of a post or an administration ("приказом
  директора", "постановлением Администрации") may approve another body's
  plan, and "решением общего собрания членов Ассоциации" names no body
  (one word is no name).
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planparse.normalize.persons import OFFICIALS, has_person
from planparse.normalize.text import parse_word

#: Lemmas of the verbs whose form opens an approval block.  Plain data.
APPROVAL_LEMMAS: frozenset[str] = frozenset("утвердить утверждать согласовать принять одобрить".split())

#: Lemmas of a body's collegial organs: "решением Правления Ассоциации …" names the Association.  Plain data.
ORGANS: frozenset[str] = frozenset("правление президиум собрание совет коллегия бюро конференция съезд".split())

#: Words between an organ and its body: "общего собрания членов Ассоциации".  Plain data.
MEMBER_WORDS: frozenset[str] = frozenset("членов участников".split())

#: Most lines one approval block takes (opener, decision, name, date, post, signature).
MAX_BLOCK_LINES = 8
#: Most lines between the block and the title (the organisation's name).
MAX_GAP_LINES = 3

_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_CLOSING_RE = regex.compile(r"\d|№|_{2,}|протокол", regex.I)
_OPENER_POS = frozenset({"VERB", "PRTS"})
_DECISION = "решением"
# Where the body's name ends: a bracket, a number, "от <date>", "протокол", a signature line.
_NAME_END_RE = regex.compile(r"[(\d№_]|(?<!\p{L})(?:от|протокол\p{L}*)(?!\p{L})", regex.I)
_NAME_POS = frozenset({"NOUN", "ADJF", "PRTF"})


def is_opener(line: str) -> bool:
    """Whether ``line`` opens an approval block ("УТВЕРЖДЕН", "Утверждаю:", "СОГЛАСОВАНО")."""
    first = _WORD_RE.match(line.strip())
    if not first or not first.group(0)[:1].isupper():
        return False
    parses = parse_word(first.group(0).lower())
    return bool(parses) and parses[0].tag.POS in _OPENER_POS and parses[0].normal_form in APPROVAL_LEMMAS


def _closing(line: str) -> bool:
    return bool(_CLOSING_RE.search(line)) or has_person(line)


def approval_block(above: Sequence[str]) -> tuple[int, int] | None:
    """(first, end) of the approval block nearest above the title in ``above`` (the
    non-empty lines before the title, top to bottom), or None.

    ``above[first:end]`` is the block; ``above[end:]`` the lines between it and the title.
    """
    lines = [line.strip() for line in above]
    near = len(lines) - MAX_BLOCK_LINES - MAX_GAP_LINES
    openers = [k for k in range(max(near, 0), len(lines)) if is_opener(lines[k])]
    if not openers:
        return None
    first = openers[-1]
    while True:  # a block just above this one ("СОГЛАСОВАНО" over "УТВЕРЖДАЮ")
        earlier = [k for k in range(max(first - MAX_BLOCK_LINES, 0), first) if is_opener(lines[k])]
        if not earlier:
            break
        first = earlier[0]
    closing = [k for k in range(first, len(lines)) if _closing(lines[k])]
    end = closing[-1] + 1 if closing else len(lines)
    if len(lines) - end > MAX_GAP_LINES:
        return None
    return first, end


def _is_official(word: str) -> bool:
    return any(p.normal_form in OFFICIALS for p in parse_word(word.lower())[:1])


def _starts_body(word: str) -> bool:
    """A capitalised genitive singular noun or adjective: "Ассоциации", "Регионального"."""
    return (
        len(word) > 1
        and word[:1].isupper()
        and not _is_official(word)
        and any(
            p.tag.POS in _NAME_POS and p.tag.case == "gent" and p.tag.number == "sing" for p in parse_word(word.lower())
        )
    )


def _lemma(word: str) -> str:
    parses = parse_word(word.lower())
    return parses[0].normal_form if parses else word.lower()


def _name_from(text: str, start: int) -> str | None:
    """The body's name from ``start`` up to where it ends (a date, a number, a post on a new line)."""
    lines = text[start:].split("\n")
    kept = [lines[0]]
    for line in lines[1:]:
        first = _WORD_RE.search(line)
        if not first or _is_official(first.group(0)) or has_person(line) or is_opener(line):
            break
        kept.append(line)
    name = " ".join(kept)
    end = _NAME_END_RE.search(name)
    name = " ".join((name[: end.start()] if end else name).split()).strip(" ,;:.-–—")
    return name if len(_WORD_RE.findall(name)) >= 2 else None


def _adjective(word: str) -> bool:
    parses = parse_word(word.lower())
    return bool(parses) and parses[0].tag.POS in ("ADJF", "PRTF")


def _body_in(text: str) -> str | None:
    """The deciding body's name in an approval block's ``text`` (module doc), or None."""
    words = list(_WORD_RE.finditer(text))
    phrase: int | None = None  # where the words after "решением" start ("Общего собрания …")
    for k, m in enumerate(words):
        word = m.group(0)
        if word.lower() == _DECISION:
            phrase = words[k + 1].start() if k + 1 < len(words) else None
            continue
        if _lemma(word) in ORGANS:
            j = k + 1
            while j < len(words) and words[j].group(0).lower() in MEMBER_WORDS:
                j += 1
            gaps = (text[words[i].end() : words[i + 1].start()] for i in range(k, min(j, len(words) - 1)))
            adjacent = not any(gap.strip() for gap in gaps)
            if j < len(words) and adjacent and _starts_body(words[j].group(0)):
                return _name_from(text, words[j].start())
            if phrase is not None and text[phrase:][:1].isupper():  # "решением Совета муниципальных образований …"
                return _name_from(text, phrase)
            return None
        if phrase is not None and not (_adjective(word) and word[:1].isupper()):
            # "решением Думы Заречного района"; adjectives wait for their noun
            first = _WORD_RE.search(text, phrase)
            return _name_from(text, phrase) if first and _starts_body(first.group(0)) else None
    return None


def approving_body(above: Sequence[str]) -> str | None:
    """The body that decided on the plan, named in the approval block above the title,
    in the genitive as printed ("Ассоциации «Совет …»"), or None."""
    block = approval_block(above)
    if block is None:
        return None
    first, end = block
    return _body_in("\n".join(line.strip() for line in above[first:end]))


__all__ = [
    "APPROVAL_LEMMAS",
    "MAX_BLOCK_LINES",
    "MEMBER_WORDS",
    "ORGANS",
    "approval_block",
    "approving_body",
    "is_opener",
]
