"""People and posts in a responsible cell: "Иванов И.И.", "Д.А. Морозов",
"Иванов Иван Иванович", "председатель Правления".

A responsible party is often a person with a post ("Иванов И.И., председатель
Правления"), written with a comma between them that elsewhere separates two
parties.  ``responsible`` asks these helpers whether a piece is a person's name
alone, whether it names an official's post, and whether a line is only the
initials of a surname wrapped onto the line above (or a surname wrapped
below its initials).

A person is recognised by its shape, not by a list of names:

* surname + initials: "Иванов И.И.", "Иванов И. И.", "Петрова-Водкина А.В.",
  also with the last dot lost ("Морозов Д.А", a parser stripping end
  punctuation), or one initial ("Иванов И.");
* initials + surname: "И.И. Иванов", "И. Иванов";
* a full name: three capitalised words, the second a first name and the third
  a patronymic for pymorphy3 ("Иванов Иван Иванович").

A post is a noun phrase headed by an official (:data:`OFFICIALS`, nominative
singular), after optional adjectives: "глава района", "исполнительный
директор", "Председатель комиссии"; "члены Правления" (plural) and "комитет
финансов" (a body) are not posts.

Pure functions; pymorphy3 is reached through ``text.parse_word`` (cached).
"""

from __future__ import annotations

import regex

from planparse.normalize.text import ADJECTIVE_POS, is_known_word, parse_word

#: Lemmas of nouns naming one official (a post a person holds).  Plain data.
OFFICIALS: frozenset[str] = frozenset(
    """
    аналитик аудитор бухгалтер глава губернатор депутат директор заведующий заместитель инспектор консультант
    координатор мэр начальник помощник председатель представитель пресс-секретарь ревизор референт руководитель
    секретарь советник сопредседатель специалист уполномоченный управляющий член эксперт юрисконсульт юрист
    """.split()
)

_SURNAME = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
_INITIALS = r"\p{Lu}\.(?:\s?\p{Lu}\.?)?"  # "И.И.", "И. И.", "И.", "Д.А" (last dot lost)
_FULL_INITIALS = r"\p{Lu}\.(?:\s?\p{Lu}\.)?"  # before a surname every dot is printed
_PERSON = rf"(?:{_SURNAME}\s+{_INITIALS}|{_FULL_INITIALS}\s?{_SURNAME})"
_PERSON_RE = regex.compile(_PERSON)
_PERSON_START_RE = regex.compile(rf"{_PERSON}(?!\p{{L}})")
_THREE_WORDS_RE = regex.compile(rf"({_SURNAME})\s+(\p{{Lu}}\p{{Ll}}+)\s+(\p{{Lu}}\p{{Ll}}+)")
_INITIALS_ONLY_RE = regex.compile(r"\p{Lu}\.\s?\p{Lu}\.?")
#: "Морозов Д.А" at the end of a party: the initials lost their last dot.
_UNDOTTED_END_RE = regex.compile(rf"(?:^|\s){_SURNAME}\s+\p{{Lu}}\.\s?\p{{Lu}}$")
#: Initials ending a text, with the word before them ("директор Д.А.", "им. П.Г.").
_INITIALS_END_RE = regex.compile(rf"(?:^|\s)(\p{{L}}+)\.?\s+{_FULL_INITIALS}$")
#: A line that is a surname, alone or before a separator ("Морозов", "Морозов, ...").
_SURNAME_LINE_RE = regex.compile(rf"{_SURNAME}\s*(?:[,;]|$)")
_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")


def _has_tag(word: str, grammeme: str) -> bool:
    return any(grammeme in p.tag for p in parse_word(word))


def _full_name(match: regex.Match[str]) -> bool:
    """Whether "Surname Name Patronymic" words read as a first name and a patronymic."""
    return _has_tag(match.group(2), "Name") and _has_tag(match.group(3), "Patr")


def is_person(text: str) -> bool:
    """Whether ``text`` is a person's name and nothing else ("Иванов И.И.", "Д.А. Морозов")."""
    text = text.strip()
    if _PERSON_RE.fullmatch(text):
        return True
    m = _THREE_WORDS_RE.fullmatch(text)
    return bool(m) and _full_name(m)


def starts_with_person(text: str) -> bool:
    """Whether ``text`` opens with a person's name ("Белова Т.М.", "Белова Т.М., секретарь")."""
    text = text.strip()
    if _PERSON_START_RE.match(text):
        return True
    m = _THREE_WORDS_RE.match(text)
    return bool(m) and not text[m.end() : m.end() + 1].isalpha() and _full_name(m)


def has_person(text: str) -> bool:
    """Whether a person's name appears anywhere in ``text``."""
    return bool(_PERSON_START_RE.search(text)) or any(
        _full_name(m) for m in _THREE_WORDS_RE.finditer(text)
    )


def is_initials(text: str) -> bool:
    """Whether ``text`` is only initials ("А.Н.", "А. Н."): the end of a wrapped "Surname I.O."."""
    return bool(_INITIALS_ONLY_RE.fullmatch(text.strip()))


def initials_await_surname(text: str) -> bool:
    """Whether ``text`` ends with initials whose surname has not come yet: after a post, a
    lowercase word or abbreviation, or a word that is no surname ("директор Д.А.",
    "председателя Совета Ю.П.", "им. П.Г."); after a surname ("Иванов И.И.") the name is whole."""
    m = _INITIALS_END_RE.search(text.rstrip())
    if not m:
        return False
    before = m.group(1)
    return before.islower() or is_post(before) or not _may_be_surname(before)


def _may_be_surname(word: str) -> bool:
    """Whether the capitalised ``word`` may be a surname: pymorphy3 knows it as one, or not at all."""
    parses = parse_word(word)
    return not is_known_word(word) or any("Surn" in p.tag for p in parses)


def surname_follows(previous: str, line: str) -> bool:
    """Whether ``line`` is the surname of initials that ``previous`` ends with after
    a post or a body's name ("Исполнительный директор Д.А." + "Морозов",
    "председателя Совета Ю.П." + "Ермаков"); after a whole name ("Иванов И.И."
    + "Петров П.П.") the line is somebody else."""
    return bool(_SURNAME_LINE_RE.match(line)) and initials_await_surname(previous)


def is_post(text: str) -> bool:
    """Whether ``text`` starts with an official's post: optional adjectives, then a
    nominative singular noun from :data:`OFFICIALS` ("исполнительный директор",
    "глава района"; a substantivised adjective counts: "уполномоченный по ...")."""
    for m in _WORD_RE.finditer(text):
        parses = parse_word(m.group(0))
        if any(
            p.normal_form in OFFICIALS and p.tag.case == "nomn" and p.tag.number == "sing" for p in parses
        ):
            return True
        if not parses or parses[0].tag.POS not in ADJECTIVE_POS:
            return False
    return False


def restore_initial_dot(party: str) -> str:
    """``party`` with the last dot of trailing initials put back ("Морозов Д.А" -> "Морозов Д.А.")."""
    return f"{party}." if _UNDOTTED_END_RE.search(party) else party


__all__ = [
    "OFFICIALS", "has_person", "initials_await_surname", "is_initials", "is_person", "is_post", "restore_initial_dot",
    "starts_with_person", "surname_follows",
]
