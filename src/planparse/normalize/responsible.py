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
  party's name starts nominative.  A line above that is only nominative
  adjectives waits for its noun ("Исполнительная" + "Дирекция"), and one that
  is a bare head naming no body yet takes a genitive complement that could
  also be nominative plural ("Юрисконсульт" + "Ассоциации") unless that word
  would have fit on the line above (the cell's widest line bounds its width).
  The grammar tests live in ``party_lines``; a boundary (or wrap) they leave
  in doubt is reported by :func:`split_responsible_checked`, and the row is
  flagged ``responsible_split_unsure``;
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
  initials that end a line without their own surname ("директор Д.А." +
  "Морозов", "председателя Совета Ю.П." + "Ермаков"), and a line
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

List markers ("1)", "2.", "а)") open a new party like bullets and are no part
of it; contact details (a phone, e-mail or web address, with or without
"тел."/"e-mail:") name no party: a separator piece made only of them is
dropped, and a bracket or a tail made only of them is cut off (``party_marks``).

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

from planparse.normalize.party_lines import (
    adjective_awaits_noun,
    cannot_start_party,
    doubtful_break,
    doubtful_join,
    ends_with_adjective,
    genitive_complement,
)
from planparse.normalize.party_lines import not_nominative as _not_nominative
from planparse.normalize.party_lines import person_goes_on as _person_goes_on
from planparse.normalize.party_marks import strip_contacts, strip_enumerator
from planparse.normalize.persons import is_person, is_post, restore_initial_dot
from planparse.normalize.text import (
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


def _continues(previous: str, line: str, *, punctuated: bool = False, room: bool = False) -> bool:
    """Whether ``line`` (bullet-free) continues the party text ``previous``.

    ``punctuated``: the cell ends lines with ","/";" between parties, so a line
    break without one is a wrap.  ``room``: the line's first word would have
    fit after the line above (the cell's widest line bounds its width), so the
    break was made on purpose and no genitive complement is wrapped there.
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
    return (
        cannot_start_party(line)
        or ends_with_adjective(previous)
        or adjective_awaits_noun(previous, line)
        or (not room and genitive_complement(previous, line))
    )


def continues_party(previous: str, line: str) -> bool:
    """Whether ``line`` continues the party text ``previous`` rather than
    starting a new party (the line-break rules of :func:`split_responsible`)."""
    body, bullet = _strip_marker(line)
    return bool(body) and not bullet and _continues(previous, body)


def _strip_marker(line: str) -> tuple[str, bool]:
    """``line`` without its bullet or list enumerator ("1)", "2.", "а)"), and whether it had one."""
    body, bullet = strip_bullet(" ".join(line.split()))
    if not bullet:
        body, bullet = strip_enumerator(body)
    return body, bullet


def _chunks(text: str) -> tuple[list[list[str]], bool]:
    """Group the cell's lines into wrapped-party chunks; and whether a line break
    read as a party boundary might be a wrap, or one read as a wrap a boundary
    (:func:`party_lines.doubtful_break`, :func:`party_lines.doubtful_join`)."""
    chunks: list[list[str]] = []
    doubtful = False
    pending_bullet = False
    lines = [line for line in text.splitlines() if line.strip()]
    # a line-end comma between a person and their post separates no parties
    punctuated = any(
        _SEPARATOR_END_RE.search(line) and not _person_goes_on(line, nxt)
        for line, nxt in zip(lines, lines[1:], strict=False)
    )
    width = max((len(" ".join(line.split())) for line in lines), default=0)
    for raw in text.splitlines():
        body, bullet = _strip_marker(raw)
        if not body:
            pending_bullet = pending_bullet or bullet
            continue
        bullet = bullet or pending_bullet
        pending_bullet = False
        if not chunks or bullet:
            chunks.append([body])
            continue
        previous = " ".join(chunks[-1])
        room = len(chunks[-1][-1]) + 1 + len(body.split(" ", 1)[0]) <= width
        if _continues(previous, body, punctuated=punctuated, room=room):
            doubtful = doubtful or (not punctuated and doubtful_join(previous, body))
            chunks[-1].append(body)
        else:
            doubtful = doubtful or doubtful_break(previous, body)
            chunks.append([body])
    return chunks, doubtful


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
        stripped, enumerated = strip_enumerator(piece.strip())
        stripped, contact = strip_contacts(stripped)
        if contact and not stripped:  # contact details name no party (party_marks)
            continue
        first = _WORD_RE.match(stripped)
        if (
            merged
            and not enumerated
            and sep == ","
            and first
            and (
                (first.group(0).islower() and (top_pos(first.group(0)) == "PREP" or _not_nominative(first.group(0))))
                or (is_person(merged[-1]) and is_post(stripped))
            )
        ):
            merged[-1] = f"{merged[-1].rstrip()}, {stripped}"
        else:
            merged.append(stripped)
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
    return split_responsible_checked(text)[0]


def split_responsible_checked(text: str | None) -> tuple[tuple[str, ...], bool]:
    """:func:`split_responsible`, and whether one of its line-break boundaries is doubtful:
    the line after it opens with a word that may be a genitive complement of the party above
    ("Председатель Совета" + "Администрации районов", :func:`party_lines.doubtful_break`)."""
    if not text or not text.strip():
        return (), False
    parties: list[str] = []
    chunks, doubtful = _chunks(text)
    for chunk in chunks:
        joined = clean_title(chunk)
        for piece in (part for separated in _split_separators(joined) for part in _run_on(separated)):
            party = _clean_party(piece)
            if party and party not in parties:
                parties.append(party)
    return tuple(parties), doubtful


__all__ = ["PARTY_HEADS", "RESPONSIBLE_ALIASES", "continues_party", "split_responsible", "split_responsible_checked"]
