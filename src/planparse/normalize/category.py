"""Activity categories from a data-driven vocabulary (``data/categories.toml``).

The vocabulary file documents the rule; in short: lemmatize the title with
pymorphy3, take the first word (left to right) where a category's phrase or
keyword starts, else fall back to the group heading, then the section title.
Every decision comes with the phrase and the place that decided it, so a
researcher can audit and extend the vocabulary without reading code.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import regex

from planparse.normalize.text import parse_word

OTHER = "other"
_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")


@dataclass(frozen=True, slots=True)
class Category:
    """One category of the vocabulary."""

    id: str
    label: str
    label_en: str
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # (lemma sequence, entry as written), longest first


@dataclass(frozen=True, slots=True)
class Decision:
    """The category given to one row and why."""

    category: str
    rule: str  # "<where>: <phrase as written in the vocabulary>", or "" for OTHER

    def __str__(self) -> str:
        return f"{self.category} ({self.rule})" if self.rule else self.category


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Dictionary form of one word (pymorphy3's most likely parse), ё folded to е."""
    word = word.lower().replace("ё", "е")
    parses = parse_word(word)
    return parses[0].normal_form.replace("ё", "е") if parses else word


def lemmatize(text: str) -> tuple[frozenset[str], ...]:
    """One set of lemmas per word: a hyphenated word also stands for its parts."""
    out = []
    for word in _WORD_RE.findall(text):
        forms = {lemma(word)}
        if "-" in word:
            forms.update(lemma(part) for part in word.split("-") if part)
        out.append(frozenset(forms))
    return tuple(out)


def _lemmas_of(written: str) -> tuple[str, ...]:
    return tuple(lemma(w) for w in _WORD_RE.findall(written))


@functools.cache
def _raw() -> dict:
    return tomllib.loads((resources.files(__package__) / "data" / "categories.toml").read_text(encoding="utf-8"))


@functools.cache
def _neutral() -> tuple[tuple[str, ...], ...]:
    """Phrases read over without a decision, longest first."""
    phrases = {_lemmas_of(p) for p in _raw().get("neutral", ()) if _WORD_RE.search(p)}
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _recasts() -> tuple[tuple[dict[str, str], frozenset[str], str], ...]:
    """(after lemma -> written word, source categories, target category) per rule."""
    return tuple(
        ({lemma(w): w for w in r["after"]}, frozenset(r["from"]), r["to"]) for r in _raw().get("recast", ())
    )


@functools.cache
def vocabulary() -> tuple[Category, ...]:
    """The categories in priority order, phrases lemmatized."""
    raw = _raw()
    categories = []
    for entry in raw["category"]:
        entries = [*entry.get("phrases", ()), *entry.get("keywords", ())]
        phrases: dict[tuple[str, ...], str] = {}
        for written in entries:
            phrases.setdefault(_lemmas_of(written), written)
        categories.append(
            Category(
                id=entry["id"],
                label=entry["label"],
                label_en=entry.get("label_en", entry["label"]),
                phrases=tuple(sorted((p for p in phrases.items() if p[0]), key=lambda p: -len(p[0]))),
            )
        )
    if not any(c.id == OTHER for c in categories):
        raise ValueError("categories.toml must define the fallback category 'other'")
    ids = {c.id for c in categories}
    for _, sources, target in _recasts():
        if not (sources | {target}) <= ids:
            raise ValueError(f"categories.toml: a recast rule names unknown categories {sorted(sources | {target})}")
    return tuple(categories)


# A vocabulary phrase as ranked at a word where several start: (minus its length,
# its category's priority, its place in the category, lemmas, category id, entry as written).
_Entry = tuple[int, int, int, tuple[str, ...], str, str]


@functools.cache
def _phrase_index() -> dict[str, tuple[_Entry, ...]]:
    """Every vocabulary phrase under its first lemma: only those can start at a word."""
    index: dict[str, list[_Entry]] = {}
    for order, category in enumerate(vocabulary()):
        for rank, (phrase, written) in enumerate(category.phrases):
            index.setdefault(phrase[0], []).append((-len(phrase), order, rank, phrase, category.id, written))
    return {first: tuple(entries) for first, entries in index.items()}


@functools.cache
def _neutral_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The neutral phrases under their first lemma."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in _neutral():
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in index.items()}


@functools.lru_cache(maxsize=16384)
def categorize_text(text: str) -> tuple[str, str] | None:
    """(category id, phrase as written) of the first phrase start in ``text``, or None.

    At the first word where a phrase starts, the longest phrase wins; a tie
    goes to the category listed first.  A neutral phrase starting at a word
    is read over (the longest one).
    """
    tokens = lemmatize(text)
    neutral, phrases = _neutral_index(), _phrase_index()
    pos = 0
    while pos < len(tokens):
        here = tokens[pos]
        skip = max((len(p) for lem in here for p in neutral.get(lem, ()) if _starts(tokens, pos, p)), default=0)
        if skip:
            pos += skip
            continue
        hits = [entry for lem in here for entry in phrases.get(lem, ()) if _starts(tokens, pos, entry[3])]
        if hits:
            *_, category, written = min(hits)
            return _recast(tokens[:pos], category, written)
        pos += 1
    return None


def _starts(tokens: tuple[frozenset[str], ...], pos: int, phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return pos + n <= len(tokens) and all(phrase[j] in tokens[pos + j] for j in range(n))


def _recast(before: tuple[frozenset[str], ...], category: str, written: str) -> tuple[str, str]:
    """Apply the first recast rule whose ``after`` word occurs before the deciding phrase."""
    for after, sources, target in _recasts():
        if category in sources:
            for token in before:
                hit = next((after[lem] for lem in token if lem in after), None)
                if hit:
                    return target, f"{hit} … {written}"
    return category, written


def categorize(title: str, context: Sequence[tuple[str, str | None]] = ()) -> Decision:
    """The category of an activity ``title``.

    ``context`` lists fallbacks in order as (where, text) pairs, e.g.
    ``[("group", parent_title), ("section", section_title)]``.
    """
    for where, text in (("title", title), *context):
        if text:
            hit = categorize_text(text)
            if hit:
                return Decision(hit[0], f"{where}: {hit[1]}")
    return Decision(OTHER, "")


def labels() -> dict[str, str]:
    """Category id -> Russian label, in vocabulary order."""
    return {c.id: c.label for c in vocabulary()}


__all__ = ["Category", "Decision", "OTHER", "categorize", "categorize_text", "labels", "lemmatize", "vocabulary"]
