"""OCR repairs on activity text, each one recorded so the row can be flagged.

- Latin look-alike letters inside an otherwise Cyrillic word ("пo", "институтa")
  become Cyrillic; a word with no Cyrillic letter is left alone (Latin names,
  site addresses).
- A word broken by a stray space ("Социа льно", "сам оуправления") is rejoined
  when the joined form is a dictionary word and at least one part is not.
Both decisions use the morphology dictionary, not lists of known breaks.
"""

from __future__ import annotations

import regex

from planparse.normalize.text import is_known_word

_LATIN_TO_CYRILLIC = str.maketrans("aceopxyABCEHKMOPTXy", "асеорхуАВСЕНКМОРТХу")
_WORD = regex.compile(r"[\p{L}]+")
_CYR = regex.compile(r"\p{Script=Cyrillic}")
_LAT = regex.compile(r"\p{Script=Latin}")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+")


def fix_lookalikes(text: str) -> tuple[str, int]:
    """Replace Latin look-alikes in mixed-script words; returns (text, words fixed)."""
    fixed = 0

    def repl(m: regex.Match[str]) -> str:
        nonlocal fixed
        word = m.group()
        if _CYR.search(word) and _LAT.search(word):
            new = word.translate(_LATIN_TO_CYRILLIC)
            if not _LAT.search(new):
                fixed += 1
                return new
        return word

    return _WORD.sub(repl, text), fixed


def _letters(token: str) -> bool:
    return bool(token) and bool(_CYRILLIC_WORD.fullmatch(token))


def join_split_words(text: str) -> tuple[str, int]:
    """Rejoin words broken by a stray space; returns (text, joins made)."""
    tokens = text.split(" ")
    out: list[str] = []
    joined = 0
    i = 0
    while i < len(tokens):
        left = tokens[i]
        if i + 1 < len(tokens):
            right = tokens[i + 1]
            core = right.rstrip(",.;:)»\"")
            if (
                _letters(left)
                and _letters(core)
                and core[:1].islower()
                and len(left) + len(core) >= 5
                and not (is_known_word(left.lower()) and is_known_word(core.lower()))
                and is_known_word((left + core).lower())
            ):
                out.append(left + right)
                joined += 1
                i += 2
                continue
        out.append(left)
        i += 1
    return " ".join(out), joined


def repair_text(text: str) -> tuple[str, bool]:
    """Apply every repair; returns (text, whether anything changed)."""
    text, a = fix_lookalikes(text)
    text, b = join_split_words(text)
    return text, bool(a or b)
