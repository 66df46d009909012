"""Whether a line break inside a responsible cell wraps a party or starts a new one: the grammar tests.

A narrow "Ответственные" column wraps one party over several lines
("Юрисконсульт" / "Ассоциации"), and a cell also lists one party per line
("Правление" / "Исполнительная дирекция").  A party's name starts with its
nominative head, so a capitalised line opens a new party unless its first
word cannot be the head of one, or the line above is still waiting for it.
``responsible`` asks these tests (after its bullet, bracket, joiner and
punctuation rules):

* the line opens with a capitalised word that has no nominative reading
  ("Президиумом", "Тульской", "Совета"): a wrap (:func:`cannot_start_party`);
* the line above ends with an oblique-case adjective still waiting for its
  noun ("правовое управление Законодательного" / "Собрания области"): a wrap
  (:func:`ends_with_adjective`);
* the line above is only adjectives, nominative, and the line opens with a
  noun agreeing with them ("Исполнительная" / "Дирекция"): a wrap
  (:func:`adjective_awaits_noun`; a substantivised post such as "Уполномоченный"
  is a party of its own);
* the line opens with a word that is genitive singular or nominative plural
  ("Ассоциации", "Правительства", "Администрации"): a genitive complement of
  the line above when that party is a bare head that names no body yet, only
  lowercase words after its first ("Юрисконсульт", "Исполнительная дирекция",
  "заместитель председателя", "палаты"); after a party that already names one
  ("Председатель Совета" / "Администрации районов"), or when the word would
  have fit on the line above (``responsible`` measures the cell by its widest
  line: the break was made on purpose), it is read as a new party, and that
  boundary is doubtful (:func:`genitive_complement`, :func:`doubtful_break`);
  a wrap followed by a genitive plural ("Главы" / "муниципальных образований")
  may also be a plural party, and is doubtful too (:func:`doubtful_join`);
* persons and posts (:func:`person_goes_on`): initials wrapped below their
  surname, a surname below the initials that end a post or a body's name
  ("Заместитель председателя Совета Ю.П." / "Ермаков", "им. П.Г." / "Демидова"),
  the post after "Иванов И.И.,", the holder of a post that names nobody yet.

Pure functions; pymorphy3 is reached through ``text.parse_word`` (cached).
"""

from __future__ import annotations

import regex

from planparse.normalize.persons import (
    OFFICIALS,
    has_person,
    is_initials,
    is_person,
    is_post,
    starts_with_person,
    surname_follows,
)
from planparse.normalize.text import ADJECTIVE_POS, parse_word

_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_LAST_WORD_RE = regex.compile(r"(\p{L}+)\W*$")
_NAME_POS = frozenset({"NOUN", "ADJF", "PRTF", "NPRO", "NUMR"})
_PIECE_SPLIT_RE = regex.compile(r"[;,]")
_SURNAME_END_RE = regex.compile(r"\p{Lu}\p{Ll}+$")


def not_nominative(word: str) -> bool:
    """Whether every naming reading (noun, adjective ...) of ``word`` is in an oblique case."""
    parses = [p for p in parse_word(word.lower()) if p.tag.POS in _NAME_POS]
    return bool(parses) and all(p.tag.case not in (None, "nomn") for p in parses)


def _capitalised_first(line: str) -> str | None:
    """The line's first word if it is capitalised and not an abbreviation ("РО", "ТОС")."""
    m = _WORD_RE.match(line)
    if not m:
        return None
    word = m.group(0)
    if not word[:1].isupper() or (word.isupper() and len(word) > 1):
        return None
    return word


def cannot_start_party(line: str) -> bool:
    """Whether the first word is a capitalised form that cannot be nominative."""
    m = _WORD_RE.match(line)
    if not m:
        return False
    word = m.group(0)
    if word.isupper() and len(word) > 1:  # abbreviation: "РО", "ТОС"
        return False
    return not_nominative(word)


def ends_with_adjective(text: str) -> bool:
    """Whether ``text`` ends in an oblique-case adjective/participle with no noun after it.

    "правовое управление Законодательного" waits for "Собрания"; a nominative
    adjective (it may name a party: "Уполномоченный"), an abbreviation or a
    word the dictionary does not know never counts.
    """
    m = _LAST_WORD_RE.search(text)
    if not m or text.rstrip()[-1:] in ",;.)»\"":
        return False
    word = m.group(1)
    if word.isupper() and len(word) > 1:
        return False
    parses = parse_word(word.lower())
    if not parses or parses[0].tag.POS not in ADJECTIVE_POS or "Apro" in parses[0].tag:
        return False
    # a nominative one may be a party of its own ("Уполномоченный", a surname in -ский)
    return all(p.tag.case != "nomn" for p in parses if p.tag.POS in ADJECTIVE_POS)


def _last_piece(text: str) -> str:
    """The party ``text`` ends with: what follows its last ","/";"."""
    return _PIECE_SPLIT_RE.split(text)[-1].strip()


def adjective_awaits_noun(previous: str, line: str) -> bool:
    """Whether ``previous`` ends with a party of nominative adjectives only and ``line``
    opens with a noun agreeing with them ("Исполнительная" + "Дирекция ...").

    A substantivised post ("Уполномоченный", "Управляющий": :data:`persons.OFFICIALS`)
    names a party on its own and waits for nothing.
    """
    words = _WORD_RE.findall(_last_piece(previous))
    noun = _capitalised_first(line)
    if not words or noun is None or previous.rstrip()[-1:] in ".)»\"":
        return False
    for word in words:
        parses = parse_word(word)
        if not parses or parses[0].tag.POS not in ADJECTIVE_POS or parses[0].normal_form in OFFICIALS:
            return False
    forms = [(p.tag.number, p.tag.gender) for p in parse_word(words[-1])
             if p.tag.POS in ADJECTIVE_POS and p.tag.case == "nomn"]
    return any(
        p.tag.POS == "NOUN" and p.tag.case == "nomn" and (number, gender if number == "sing" else None)
        == (p.tag.number, p.tag.gender if p.tag.number == "sing" else None)
        for p in parse_word(noun) for number, gender in forms
    )


def _genitive_or_plural(line: str) -> bool:
    """Whether ``line`` opens with a capitalised noun that reads as genitive singular and
    otherwise only as nominative plural ("Ассоциации", "Правительства", "Администрации")."""
    word = _capitalised_first(line)
    if word is None:
        return False
    parses = [p for p in parse_word(word) if p.tag.POS == "NOUN"]
    genitive = any(p.tag.case == "gent" and p.tag.number == "sing" for p in parses)
    nominative = [p.tag.number for p in parses if p.tag.case == "nomn"]
    return genitive and bool(nominative) and all(number == "plur" for number in nominative)


def _bare_head(piece: str) -> bool:
    """Whether the party ``piece`` is a head that names no body yet: only lowercase words
    after its first, no person, ends with a word ("Юрисконсульт", "Исполнительная
    дирекция", "заместитель председателя", "комитет по бюджету")."""
    words = _WORD_RE.findall(piece)
    if not words or not piece[-1:].isalpha() or any(w[:1].isupper() for w in words[1:]):
        return False
    parses = parse_word(words[0])
    return bool(parses) and parses[0].tag.POS in {"NOUN", *ADJECTIVE_POS}


def genitive_complement(previous: str, line: str) -> bool:
    """Whether ``line`` opens with the genitive complement of the bare head ``previous`` ends
    with ("Юрисконсульт" + "Ассоциации", "палаты" + "Ассоциации", see :func:`_bare_head`)."""
    return _genitive_or_plural(line) and _bare_head(_last_piece(previous))


def doubtful_break(previous: str, line: str) -> bool:
    """Whether ``line``, read as a new party, might as well be a genitive complement of the
    party above ("Председатель Совета" + "Администрации районов"): a boundary to flag."""
    return previous.rstrip()[-1:] not in ",;" and _genitive_or_plural(line)


def _plural_tail(line: str) -> bool:
    """Whether the word after ``line``'s first is genitive plural ("Главы муниципальных
    образований"), so that the first may as well head a plural party of its own."""
    words = _WORD_RE.findall(line)
    parses = parse_word(words[1]) if len(words) > 1 else ()
    return bool(parses) and (parses[0].tag.case, parses[0].tag.number) == ("gent", "plur")  # the likeliest reading


def doubtful_join(previous: str, line: str) -> bool:
    """Whether ``line``, read as the genitive complement of the bare head above
    (:func:`genitive_complement`), might as well be a plural party of its own:
    "Исполнительная дирекция" + "Главы муниципальных образований"."""
    return (
        genitive_complement(previous, line)
        and _plural_tail(line)
        and not ends_with_adjective(previous)
        and not adjective_awaits_noun(previous, line)
    )


def person_goes_on(previous: str, line: str) -> bool:
    """Whether ``line`` completes a person/post party that ``previous`` ends with.

    "Соколов" + "А.Н." (wrapped initials), "Иванов И.И.," + "председатель
    Правления" (the post after the comma), "Председатель комиссии" + "Белова
    Т.М." (the holder of a post that names nobody yet), "директор Д.А." +
    "Морозов" (a surname wrapped below its initials).
    """
    if is_initials(line):
        return bool(_SURNAME_END_RE.search(previous.rstrip()))
    if surname_follows(previous, line):
        return True
    stripped = previous.rstrip()
    if stripped.endswith(","):
        return is_person(_PIECE_SPLIT_RE.split(stripped[:-1])[-1]) and is_post(line)
    if stripped[-1:] in ";," or not starts_with_person(line):
        return False
    *before, last = _PIECE_SPLIT_RE.split(stripped)
    # "Иванов И.И., председатель Правления" + "Петров П.П.": that post has its holder
    return is_post(last) and not has_person(last) and not (before and is_person(before[-1]))


__all__ = [
    "adjective_awaits_noun", "cannot_start_party", "doubtful_break", "doubtful_join", "ends_with_adjective",
    "genitive_complement", "not_nominative", "person_goes_on",
]
