"""OCR repairs on activity text, each one recorded so the row can be flagged.

- Latin look-alike letters inside an otherwise Cyrillic word ("пo", "институтa")
  become Cyrillic; a word with no Cyrillic letter is left alone (Latin names,
  site addresses).  A zero inside a Cyrillic word is the letter "о" ("0б",
  "с0вет").
- A lone Latin look-alike letter between two Cyrillic words ("Положение o
  службе", "y депутатов") is the Cyrillic one-letter word.
- A word broken by a stray space ("Социа льно", "сам оуправления") is rejoined
  when the joined form is a dictionary word and at least one part is not; when
  both parts are dictionary words, only when the right part is a short rare
  inflected form that reads as a word ending ("право вые" -> "правовые": "вые"
  is a form of "выя"; "мест ной" -> "местной"), never after a preposition,
  conjunction or pronoun ("по том", "за кон" stay apart).
All decisions use the morphology dictionary, not lists of known breaks.
"""

from __future__ import annotations

import functools

import regex

from planparse.normalize.text import is_known_word, parse_word

_LATIN_TO_CYRILLIC = str.maketrans("aceopxykABCEHKMOPTXY", "асеорхукАВСЕНКМОРТХУ")
# Letters and zeros, not touching other digits ("2020г" is not a word with a zero).
_WORD = regex.compile(r"(?<![\p{N}])[\p{L}0]+(?![\p{N}])")
_CYR = regex.compile(r"\p{Script=Cyrillic}")
_LAT = regex.compile(r"\p{Script=Latin}")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+")
# A one-letter Latin word that looks like a Cyrillic one-letter word (о, с, а, у, к, В).
# A run of them ("c y") counts when Cyrillic words stand on both sides of the run.
_LONE_LATIN = regex.compile(
    r"(?<=\p{Cyrillic}[\p{P}]*\s+)(?:[aocykAOCYKB]\s+){0,3}[aocykAOCYKB](?=\s+[\p{Pi}\p{Ps}\"]*\p{Cyrillic})"
)

# Both parts known: the right part must be this short and have no common reading.
MAX_RARE_PART = 3
_FUNCTION_POS = frozenset({"PREP", "CONJ", "PRCL", "INTJ", "NPRO", "PRED"})
_RARE_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Infr", "Slng", "Arch", "Erro", "Dist"})


def _to_cyrillic(word: str) -> str:
    new = word.translate(_LATIN_TO_CYRILLIC)
    if "0" in new:
        upper = new.replace("0", "").isupper()
        new = new.replace("0", "О" if upper else "о")
    return new


def fix_lookalikes(text: str) -> tuple[str, int]:
    """Replace Latin look-alikes and zeros in Cyrillic words, and lone Latin
    look-alike letters between Cyrillic words; returns (text, words fixed)."""
    fixed = 0
    if "0" not in text and not _LAT.search(text):
        return text, 0

    def repl(m: regex.Match[str]) -> str:
        nonlocal fixed
        word = m.group()
        if _CYR.search(word) and (_LAT.search(word) or "0" in word):
            new = _to_cyrillic(word)
            if not _LAT.search(new):
                fixed += 1
                return new
        return word

    def lone(m: regex.Match[str]) -> str:
        nonlocal fixed
        fixed += len(m.group().split())
        return m.group().translate(_LATIN_TO_CYRILLIC)

    text = _WORD.sub(repl, text)
    return _LONE_LATIN.sub(lone, text), fixed


def _letters(token: str) -> bool:
    return bool(token) and bool(_CYRILLIC_WORD.fullmatch(token))


@functools.lru_cache(maxsize=16384)
def _is_function_word(word: str) -> bool:
    parses = parse_word(word)
    return bool(parses) and parses[0].tag.POS in _FUNCTION_POS


@functools.lru_cache(maxsize=16384)
def _rare_fragment(word: str) -> bool:
    """A short dictionary word with no common reading of its own: every reading
    is an inflected form of another lemma ("вые" <- "выя"), a name, an
    abbreviation or an interjection ("ой", "ого"), never a function word."""
    if len(word) > MAX_RARE_PART:
        return False
    parses = parse_word(word)
    if not parses:
        return False
    for p in parses:
        if p.tag.POS in _FUNCTION_POS - {"INTJ"} or "Apro" in p.tag:
            return False
        if p.tag.POS == "INTJ" or (_RARE_GRAMMEMES & set(p.tag.grammemes)):
            continue
        if p.normal_form == word:  # a headword ("кон", "бор", "год") reads as a word of its own
            return False
    return True


def _joinable(left: str, right: str) -> bool:
    joined = (left + right).lower()
    if len(joined) < 5 or not is_known_word(joined):
        return False
    left_known, right_known = is_known_word(left.lower()), is_known_word(right.lower())
    if not (left_known and right_known):
        return True
    return len(left) >= 3 and not _is_function_word(left.lower()) and _rare_fragment(right.lower())


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
            if core[:1].islower() and _letters(left) and _letters(core) and _joinable(left, core):
                out.append(left + right)
                joined += 1
                i += 2
                continue
        out.append(left)
        i += 1
    return " ".join(out), joined


@functools.lru_cache(maxsize=16384)
def repair_text(text: str) -> tuple[str, bool]:
    """Apply every repair; returns (text, whether anything changed)."""
    text, a = fix_lookalikes(text)
    text, b = join_split_words(text)
    return text, bool(a or b)
