"""Which federal subject a plan belongs to, from its title block.

The subjects are listed in ``data/federal_subjects.txt`` (nominative, with
aliases after " — " and alternative names in brackets).  A text names a
subject either in full, in any case form (compared by pymorphy3 lemmas; the
earliest mention wins, then the longest name, then the file's order), or by a
region adjective alone when exactly one subject fits it ("Смоленского
отделения" -> "Смоленская область"), unless a nearby word shows a smaller unit
("Кировского района").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import regex

from planparse.normalize.text import ADJECTIVE_POS, is_known_word, parse_word

_SUBJECTS_FILE = "federal_subjects.txt"
_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
#: Generic words of subject names: never distinctive on their own.
_GENERIC = frozenset(
    {"республика", "область", "край", "округ", "автономный", "народный", "город", "федерация"}
)
#: Lemmas near a region-like adjective that show it names a smaller unit.
_SUBREGION_WORDS = frozenset(
    {"район", "районный", "город", "городской", "поселение", "поселковый", "сельский",
     "округ", "улица", "проспект", "площадь", "сельсовет", "поселок", "село", "станица",
     "деревня", "микрорайон"}
)


@dataclass(frozen=True, slots=True)
class _Subject:
    name: str
    keys: tuple[tuple[frozenset[str], ...], ...]  # word-lemma sequences, longest first
    adjective: frozenset[str]  # lemmas of the leading adjective ("тульский")
    stems: tuple[str, ...]  # stems of distinctive proper nouns ("татарстан")


@functools.lru_cache(maxsize=32768)
def _lemmas(word: str) -> frozenset[str]:
    """All pymorphy3 normal forms of ``word`` (ё folded), plus the word itself."""
    w = word.lower().replace("ё", "е")
    found = {w} | {p.normal_form.replace("ё", "е") for p in parse_word(w)}
    if "-" in w and not is_known_word(w):  # "Осетия-Алания": its parts count too
        parts = w.split("-")
        found |= _lemmas(parts[0]) | _lemmas(parts[-1])
    return frozenset(found)


@functools.lru_cache(maxsize=32768)
def _adjective_lemmas(word: str) -> frozenset[str]:
    """Normal forms of the adjective readings of ``word``."""
    w = word.lower().replace("ё", "е")
    return frozenset(p.normal_form.replace("ё", "е") for p in parse_word(w) if p.tag.POS in ADJECTIVE_POS)


def _noun_stem(word: str) -> str:
    """Crude stem of a proper noun: last hyphen part without final vowels/soft signs."""
    return regex.sub(r"[аеёиоуыэюяйь]+$", "", word.lower().split("-")[-1])


def _adjective_root(lemma: str) -> str:
    """Root of a relative adjective lemma: "московский" -> "москов"."""
    return regex.sub(r"(?:ск|цк|н)?(?:ий|ый|ой)$", "", lemma.split("-")[-1])


def _similar(a: str, b: str) -> bool:
    """Whether two stems share a long enough prefix to name the same place."""
    if min(len(a), len(b)) < 4:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(4, min(len(a), len(b)) - 1)


def _parse_subject(name: str) -> _Subject:
    """Build the matching forms of one subject from its data-file name."""
    main, _, alias = (s.strip() for s in name.partition(" — "))
    paren = regex.search(r"\(([^)]*)\)", main)
    main_core = regex.sub(r"\s*\([^)]*\)", "", main).strip()
    variants = [main_core] + [v for v in (alias, paren.group(1) if paren else "") if v]
    words_main = _WORD_RE.findall(main_core)
    distinctive = [w for w in words_main if w.lower() not in _GENERIC]
    republic_tail = bool(words_main) and words_main[0].lower() == "республика" and distinctive
    if republic_tail:  # "Республика Татарстан": "Татарстан" alone also names it
        variants.append(" ".join(distinctive))
    keys = tuple(
        tuple(_lemmas(w) for w in _WORD_RE.findall(v)) for v in variants if _WORD_RE.search(v)
    )
    first = words_main[0] if words_main else ""
    adjective = _adjective_lemmas(first) if first[:1].isupper() and first.lower() not in _GENERIC else frozenset()
    noun_words = [w for w in _WORD_RE.findall(" ".join(variants)) if w.lower() not in _GENERIC]
    stems = tuple(
        s for w in noun_words if not _adjective_lemmas(w) and len(s := _noun_stem(w)) >= 4
    )
    return _Subject(name=name, keys=keys, adjective=adjective, stems=stems)


@functools.cache
def federal_subjects() -> tuple[str, ...]:
    """The federal subjects listed in ``data/federal_subjects.txt`` (nominative)."""
    text = (resources.files(__package__) / "data" / _SUBJECTS_FILE).read_text(encoding="utf-8")
    names = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(n for n in names if n)


@functools.cache
def _subjects() -> tuple[_Subject, ...]:
    return tuple(_parse_subject(n) for n in federal_subjects())


@functools.cache
def _keys_by_first_lemma() -> dict[str, tuple[tuple[int, str, tuple[frozenset[str], ...]], ...]]:
    """Every (subject order, name, key) indexed by each lemma of the key's first word."""
    index: dict[str, list[tuple[int, str, tuple[frozenset[str], ...]]]] = {}
    for order, subject in enumerate(_subjects()):
        for key in subject.keys:
            for lemma in key[0]:
                index.setdefault(lemma, []).append((order, subject.name, key))
    return {lemma: tuple(entries) for lemma, entries in index.items()}


def _region_by_name(words: list[str]) -> str | None:
    """Subject named in full (or by alias) in any case form; earliest, longest wins."""
    tokens = [_lemmas(w) for w in words]
    index = _keys_by_first_lemma()
    for pos, token in enumerate(tokens):  # earliest position first
        hits = [
            (-len(key), order, name)
            for lemma in token
            for order, name, key in index.get(lemma, ())
            if pos + len(key) <= len(tokens) and all(tokens[pos + j] & key[j] for j in range(len(key)))
        ]
        if hits:  # the longest key, then the data file's order
            return min(hits)[2]
    return None


def _region_by_adjective(words: list[str]) -> str | None:
    """Subject identified by a region adjective alone, when exactly one fits."""
    for i, word in enumerate(words):
        lemmas = _adjective_lemmas(word)
        if not lemmas or not word[:1].isupper():
            continue
        roots = {_adjective_root(lemma) for lemma in lemmas}
        hits = {
            s.name
            for s in _subjects()
            if (s.adjective & lemmas) or any(_similar(r, st) for r in roots for st in s.stems)
        }
        if len(hits) != 1:
            continue
        near = {lem for w in words[max(0, i - 2) : i] + words[i + 1 : i + 3] for lem in _lemmas(w)}
        if _SUBREGION_WORDS & near:
            continue  # "Кировского района", "поселения Ивановское": a smaller unit
        return hits.pop()
    return None


def find_region(title: str | None, lines: Sequence[str]) -> str | None:
    """The federal subject mentioned in the title, else in the lines."""
    texts = ([title] if title else []) + [" ".join(str(x) for x in lines if x)]
    for text in texts:
        words = _WORD_RE.findall(text)
        found = _region_by_name(words) or _region_by_adjective(words)
        if found:
            return found
    return None


__all__ = ["federal_subjects", "find_region"]
