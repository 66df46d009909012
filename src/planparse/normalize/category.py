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


@functools.cache
def vocabulary() -> tuple[Category, ...]:
    """The categories in priority order, phrases lemmatized."""
    raw = tomllib.loads((resources.files(__package__) / "data" / "categories.toml").read_text(encoding="utf-8"))
    categories = []
    for entry in raw["category"]:
        entries = [*entry.get("phrases", ()), *entry.get("keywords", ())]
        phrases: dict[tuple[str, ...], str] = {}
        for written in entries:
            phrases.setdefault(tuple(lemma(w) for w in _WORD_RE.findall(written)), written)
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
    return tuple(categories)


@functools.lru_cache(maxsize=16384)
def categorize_text(text: str) -> tuple[str, str] | None:
    """(category id, phrase as written) of the first phrase start in ``text``, or None."""
    tokens = lemmatize(text)
    for pos in range(len(tokens)):
        best: tuple[int, int, str, str] | None = None
        for order, category in enumerate(vocabulary()):
            for phrase, written in category.phrases:
                n = len(phrase)
                if pos + n <= len(tokens) and all(phrase[j] in tokens[pos + j] for j in range(n)):
                    if best is None or (-n, order) < (best[0], best[1]):
                        best = (-n, order, category.id, written)
                    break  # phrases are longest first: the rest of this category is shorter
        if best:
            return best[2], best[3]
    return None


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
