"""Split an "Ответственные" cell into the responsible parties.

A cell is free text: one party per line, or several per line separated by
";", "," or " / ", with long names wrapped over several lines.  The rules:

* a new line starts a new party when it has a bullet, or when it is
  capitalised and the party before it is complete;
* a line continues the party before it when that party ends with a
  preposition/conjunction or a hyphen ("по согласованию с" + "Президиумом"),
  with an adjective still waiting for its noun ("правовое управление
  Законодательного" + "Собрания области"), has an unclosed bracket/quote, or
  when the line starts lowercase, with a bracket/quote, or with a capitalised
  word that cannot be nominative ("Президиумом", "Тульской области") - a
  party's name starts nominative;
* a cell that ends lines with ","/";" between parties marks its party
  boundaries with punctuation: there a line break without one is only a wrap
  ("Управление по профилактике коррупционных правонарушений" + "Правительства
  области");
* ";", "," and " / " separate parties, except inside matched brackets/quotes;
  a comma piece starting with a lowercase preposition ("по согласованию") or
  with a lowercase word that cannot be nominative ("комиссия по бюджету,
  налогам и финансам") stays attached to the party before it;
* a person and their post are one party: a comma piece that is an official's
  post ("председатель Правления", "глава района") after a piece that is only a
  person's name ("Иванов И.И.", "Д.А. Морозов", "Иванов Иван Иванович") stays
  attached to it, also over a line break after the comma.  A line with only
  initials ("А.Н.") continues the surname above it, a surname continues the
  initials after a post above it ("директор Д.А." + "Морозов"), and a line
  opening with a person's name continues a post above it that names nobody
  yet ("Председатель комиссии" + "Белова Т.М.").  See ``persons``;
* " и " never splits: "Управление образования и науки" is one body, and
  telling it from "Администрация и Совет" needs knowledge we do not have;
* two parties run together on one line ("... муниципальной собственности
  Департамент финансов области": a PDF reader joins a paragraph to the line
  above when the first word would not have fitted there, which is also how a
  wrapped line looks) are split before a capitalised head of a body or an
  official (:data:`PARTY_HEADS`, nominative singular) that directly follows
  a lowercase noun, outside brackets/quotes.  A capitalised word before it
  ("Ассоциации Совет муниципальных образований", a name without quotes) or an
  adjective ("областная Дума") keeps the words together.

Parties are cleaned (bullets, trailing punctuation, whitespace, but never the
dot of an initial: a lost one is put back, "Морозов Д.А" -> "Морозов Д.А."),
mapped through :data:`RESPONSIBLE_ALIASES` when a whole party matches a known
variant, and start with a capital letter: a cell lists parties in lower case
only because they continue a sentence or a list ("Председатель Ассоциации,
исполнительный директор"), so "исполнительный директор" and "Исполнительный
директор" are one party in every plan.  The rest is kept as printed (the post
after a person's name too: "Иванов И.И., председатель Правления"), and
duplicates are dropped in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import accumulate
from types import MappingProxyType

import regex

from planparse.normalize.persons import (
    has_person,
    is_initials,
    is_person,
    is_post,
    restore_initial_dot,
    starts_with_person,
    surname_follows,
)
from planparse.normalize.text import (
    ADJECTIVE_POS,
    clean_title,
    fold,
    has_open_bracket,
    is_known_word,
    is_lowercase_start,
    parse_word,
    strip_bullet,
    top_pos,
)

#: Whole-party variants (keys are :func:`~planparse.normalize.text.fold`-ed)
#: mapped to one canonical spelling (abbreviations spelt out; capitalised, as
#: every party is).  Plain data: extend it as new spellings show up; every
#: canonical value must fold to a key mapping to itself.
RESPONSIBLE_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "председатель": "Председатель",
        "пред.": "Председатель",
        "пред-ль": "Председатель",
        "председ.": "Председатель",
        "заместитель председателя": "Заместитель председателя",
        "зам. председателя": "Заместитель председателя",
        "зам.председателя": "Заместитель председателя",
        "зам. пред.": "Заместитель председателя",
        "исполнительный директор": "Исполнительный директор",
        "исп. директор": "Исполнительный директор",
        "исп.директор": "Исполнительный директор",
    }
)

#: Lemmas of the head nouns that name a body or an official: where one, capitalised and nominative
#: singular, follows a lowercase noun on the same line, a new party starts (module doc).  Plain data.
PARTY_HEADS: frozenset[str] = frozenset(
    """
    администрация агентство аппарат ассоциация губернатор глава департамент директор дирекция дума
    заместитель инспекция комиссия комитет министерство начальник отдел палата правительство правление
    председатель президиум прокуратура руководитель секретариат секретарь служба собрание совет управление
    библиотека дом музей отделение редакция учреждение филиал фонд центр школа
    """.split()
)

_PAIRS = {"(": ")", "[": "]", "«": "»", "“": "”", "„": "“"}
_SYMMETRIC = '"'
_BRACKET_PAIRS = tuple(_PAIRS.items())
_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_LAST_WORD_RE = regex.compile(r"(\p{L}+)\W*$")
_HYPHEN_END_RE = regex.compile(r"\p{L}-$")
_SLASH_RE = regex.compile(r"\s+/\s+")
_TRAILING_DOT_RE = regex.compile(r"(\p{L}{4,})\.$")
_JOINING_POS = frozenset({"PREP", "CONJ"})
_NAME_POS = frozenset({"NOUN", "ADJF", "PRTF", "NPRO", "NUMR"})
_SEPARATOR_END_RE = regex.compile(r"[,;]\s*$")
_SEPARATOR_RE = regex.compile(r"[;,]| / ")
#: Characters that can open a bracket/quote pair, and every bracket/quote character.
_OPENER_RE = regex.compile(f"[{regex.escape(''.join(_PAIRS) + _SYMMETRIC)}]")
_PAIR_CHAR_RE = regex.compile(f"[{regex.escape(''.join(_PAIRS) + ''.join(_PAIRS.values()) + _SYMMETRIC)}]")


def _matched_depths(text: str) -> list[int]:
    """Bracket/quote depth at each character, counting matched pairs only.

    Unmatched openers (a lone "«") are ignored, so a stray quote never glues
    the rest of the cell into one party.
    """
    stack: list[tuple[str, int]] = []
    delta = [0] * (len(text) + 1)
    for m in _PAIR_CHAR_RE.finditer(text):  # other characters leave the stack as it is
        i, ch = m.start(), m.group()
        if stack and (ch == _PAIRS.get(stack[-1][0]) or (ch == _SYMMETRIC and stack[-1][0] == _SYMMETRIC)):
            _, start = stack.pop()
            delta[start + 1] += 1
            delta[i] -= 1
        elif ch in _PAIRS or ch == _SYMMETRIC:
            stack.append((ch, i))
    return list(accumulate(delta[: len(text)]))


def _ends_with_joiner(text: str) -> bool:
    """Whether ``text`` ends with a preposition/conjunction or a hyphen."""
    if _HYPHEN_END_RE.search(text):
        return True
    m = _LAST_WORD_RE.search(text)
    if not m or not m.group(1).islower() or text.rstrip()[-1:] in ",;.":
        return False
    return top_pos(m.group(1)) in _JOINING_POS


def _not_nominative(word: str) -> bool:
    """Whether every naming reading (noun, adjective ...) of ``word`` is in an oblique case."""
    parses = [p for p in parse_word(word.lower()) if p.tag.POS in _NAME_POS]
    return bool(parses) and all(p.tag.case not in (None, "nomn") for p in parses)


def _cannot_start_party(line: str) -> bool:
    """Whether the first word is a capitalised form that cannot be nominative."""
    m = _WORD_RE.match(line)
    if not m:
        return False
    word = m.group(0)
    if word.isupper() and len(word) > 1:  # abbreviation: "РО", "ТОС"
        return False
    return _not_nominative(word)


def _ends_with_adjective(text: str) -> bool:
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


_PIECE_SPLIT_RE = regex.compile(r"[;,]")
_SURNAME_END_RE = regex.compile(r"\p{Lu}\p{Ll}+$")


def _person_goes_on(previous: str, line: str) -> bool:
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


def _continues(previous: str, line: str, *, punctuated: bool = False) -> bool:
    """Whether ``line`` (bullet-free) continues the party text ``previous``.

    ``punctuated``: the cell ends lines with ","/";" between parties, so a line
    break without one is a wrap.
    """
    if (
        _ends_with_joiner(previous)
        or has_open_bracket(previous, _BRACKET_PAIRS, quotes=_SYMMETRIC, in_order=True)
        or _person_goes_on(previous, line)
    ):
        return True
    if previous.rstrip()[-1:] in ",;":
        return False
    if punctuated or is_lowercase_start(line) or line[:1] in "(«\"“„":
        return True
    return _cannot_start_party(line) or _ends_with_adjective(previous)


def continues_party(previous: str, line: str) -> bool:
    """Whether ``line`` continues the party text ``previous`` rather than
    starting a new party (the line-break rules of :func:`split_responsible`)."""
    body, bullet = strip_bullet(" ".join(line.split()))
    return bool(body) and not bullet and _continues(previous, body)


def _chunks(text: str) -> list[list[str]]:
    """Group the cell's lines into wrapped-party chunks."""
    chunks: list[list[str]] = []
    pending_bullet = False
    lines = [line for line in text.splitlines() if line.strip()]
    # a line-end comma between a person and their post separates no parties
    punctuated = any(
        _SEPARATOR_END_RE.search(line) and not _person_goes_on(line, nxt)
        for line, nxt in zip(lines, lines[1:], strict=False)
    )
    for raw in text.splitlines():
        body, bullet = strip_bullet(" ".join(raw.split()))
        if not body:
            pending_bullet = pending_bullet or bullet
            continue
        bullet = bullet or pending_bullet
        pending_bullet = False
        if chunks and not bullet and _continues(" ".join(chunks[-1]), body, punctuated=punctuated):
            chunks[-1].append(body)
        else:
            chunks.append([body])
    return chunks


def _split_separators(text: str) -> list[str]:
    """Split a joined chunk at ";", "," and " / " outside brackets/quotes.

    A comma piece that starts with a lowercase preposition ("по согласованию")
    is a remark on the party before it, one that starts with a lowercase word
    that cannot be nominative ("налогам и финансам") continues a list inside
    the party's name, and an official's post after a person's name alone
    ("Иванов И.И., председатель Правления") is that person's; all stay attached
    to the party before them.
    """
    if "/" in text:
        text = _SLASH_RE.sub(" / ", text)
    # without an opening bracket/quote every character stands at depth 0
    depths = _matched_depths(text) if _OPENER_RE.search(text) else None
    pieces: list[tuple[str, str]] = []  # (piece, separator that preceded it)
    start, sep = 0, ""
    for m in _SEPARATOR_RE.finditer(text):
        if depths and depths[m.start()]:
            continue
        pieces.append((text[start : m.start()], sep))
        sep, start = m.group().strip(), m.end()
    pieces.append((text[start:], sep))
    merged: list[str] = []
    for piece, sep in pieces:
        stripped = piece.strip()
        first = _WORD_RE.match(stripped)
        if (
            merged
            and sep == ","
            and first
            and (
                (first.group(0).islower() and (top_pos(first.group(0)) == "PREP" or _not_nominative(first.group(0))))
                or (is_person(merged[-1]) and is_post(stripped))
            )
        ):
            merged[-1] = f"{merged[-1].rstrip()}, {stripped}"
        else:
            merged.append(piece)
    return merged


_CAPITAL_INSIDE_RE = regex.compile(r"\p{Ll}\s+\p{Lu}\p{Ll}")  # cheap pre-check for _run_on


def _is_party_head(word: str) -> bool:
    return any(
        p.tag.POS == "NOUN" and p.normal_form in PARTY_HEADS and p.tag.case == "nomn" and p.tag.number == "sing"
        for p in parse_word(word)
    )


def _run_on(piece: str) -> list[str]:
    """``piece`` split where a second party starts on the same line (module doc, :data:`PARTY_HEADS`)."""
    if not _CAPITAL_INSIDE_RE.search(piece):
        return [piece]
    depths = _matched_depths(piece) if _OPENER_RE.search(piece) else None
    words = list(_WORD_RE.finditer(piece))
    cuts = [
        m.start()
        for before, m in zip(words, words[1:], strict=False)
        if m.group(0)[:1].isupper()
        and not m.group(0).isupper()
        and before.group(0).islower()
        and not piece[before.end() : m.start()].strip()  # only spaces between the two words
        and not (depths and depths[m.start()])
        and _is_party_head(m.group(0))
        and top_pos(before.group(0)) == "NOUN"
    ]
    bounds = [0, *cuts, len(piece)]
    return [piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _clean_party(piece: str) -> str:
    """Strip bullets, trailing punctuation and extra spaces; apply aliases; capitalise."""
    party = clean_title([piece])
    alias = RESPONSIBLE_ALIASES.get(fold(party))
    if alias:
        return alias
    m = _TRAILING_DOT_RE.search(party)
    if m and is_known_word(m.group(1)):  # "Правление." but not "И.И." or "председ."
        party = clean_title([party[:-1]])
    party = RESPONSIBLE_ALIASES.get(fold(party), restore_initial_dot(party))
    return party[:1].upper() + party[1:] if party[:1].islower() else party


def split_responsible(text: str | None) -> tuple[str, ...]:
    """Split an "Ответственные" cell into cleaned parties (empty cell -> ``()``).

    See the module docstring for the rules.  Each party starts with a capital
    letter; the rest (abbreviations, case) is kept as printed; exact duplicates
    are dropped, first occurrence wins.
    """
    if not text or not text.strip():
        return ()
    parties: list[str] = []
    for chunk in _chunks(text):
        joined = clean_title(chunk)
        for piece in (part for separated in _split_separators(joined) for part in _run_on(separated)):
            party = _clean_party(piece)
            if party and party not in parties:
                parties.append(party)
    return tuple(parties)


__all__ = ["PARTY_HEADS", "RESPONSIBLE_ALIASES", "continues_party", "split_responsible"]
