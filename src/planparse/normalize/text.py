"""Text clean-up shared by the normalisation stage.

Activity titles arrive as the physical lines a layout parser collected: wrapped,
hyphenated at line ends, with bullets and trailing punctuation.  This module
turns them into one clean string (:func:`clean_title`) and provides small
helpers other normalisers build on (:func:`fold`, :func:`is_lowercase_start`,
:func:`strip_bullet`, :func:`get_morph`), and the one test of text that stops
mid-phrase that readers, layouts and normalisers share (:func:`stops_open`,
built from :func:`ends_with_mark` and :func:`has_open_bracket`, which each
caller tunes to the question it asks).

Everything here is pure; the only state is the lazily built, cached
:class:`pymorphy3.MorphAnalyzer` (slow to construct, safe to share).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:  # pragma: no cover - typing only
    from pymorphy3 import MorphAnalyzer

log = logging.getLogger(__name__)

#: Characters printed as list bullets.  Dash-like ones are not bullets when a
#: digit follows directly ("-5" is a number, "- 5 раз" is a bullet).
_DASH_BULLETS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_OTHER_BULLETS = "•·*●▪◦■□►▸‣⁃➢✓"
_BULLET_RE = regex.compile(
    rf"^\s*(?:(?:--|[{regex.escape(_DASH_BULLETS)}])(?!\d)"
    rf"|[{regex.escape(_OTHER_BULLETS)}])\s*"
)
_WS_RE = regex.compile(r"\s+")
#: What ``_WS_RE`` counts as whitespace (every such character is also ``str.isspace``).
_WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() and _WS_RE.match(ch))
#: Stripped from the end of a title: whitespace and ":", ";", ",".
_TRAILING = _WHITESPACE + ":;,"
#: Invisible characters dropped outright (zero-width spaces, BOM, word joiner).
_INVISIBLE_RE = regex.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SOFT_HYPHEN = "\u00ad"
#: The ASCII separators U+001C..U+001F: ``str.split`` splits at them, ``\s`` does not.
_SEPARATOR_RE = regex.compile("[\x1c-\x1f]")
#: What the fast paths cannot take: invisible characters, soft hyphens, ASCII separators.
_UNUSUAL_RE = regex.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x1c-\x1f]")
#: "letter-" at the end of a line (a hyphen directly after a letter).
_LINE_END_HYPHEN_RE = regex.compile(r"(\p{L}+)-$")
_LEADING_LETTERS_RE = regex.compile(r"^\p{L}+")
#: In-line "letter- letter" breaks (hyphen glued to the left word, space after).
_INLINE_BREAK_RE = regex.compile(r"(?<=(\p{L}+))-[ ]+(?=(\p{Ll}\p{L}*))")

_FOLD_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_FOLD_QUOTES = "«»“”„‟‹›'‘’‚`"
_FOLD_TABLE = str.maketrans({**{c: "-" for c in _FOLD_DASHES}, **{c: '"' for c in _FOLD_QUOTES}})
_FOLD_RE = regex.compile(f"[{regex.escape(_FOLD_DASHES + _FOLD_QUOTES)}]")
#: The first character of every bullet ``_BULLET_RE`` knows.
_BULLET_STARTS = frozenset(_DASH_BULLETS + _OTHER_BULLETS)
#: Characters skipped when looking for the first letter of a line.
_LEAD_SKIP = set(" \t\u00a0«»“”„‟‹›\"'‘’‚`([{<")


@functools.cache
def get_morph() -> MorphAnalyzer:
    """Return the shared :class:`pymorphy3.MorphAnalyzer` (built on first use)."""
    import pymorphy3

    log.debug("building pymorphy3 MorphAnalyzer")
    return pymorphy3.MorphAnalyzer()


#: pymorphy3's parts of speech of adjectives: full adjectives and full participles.
ADJECTIVE_POS: frozenset[str] = frozenset({"ADJF", "PRTF"})


@functools.lru_cache(maxsize=65536)
def parse_word(word: str) -> tuple[Any, ...]:
    """pymorphy3 parses of ``word`` (lowercased); ``()`` if pymorphy3 chokes on it.

    pymorphy3 raises on some exotic characters (unnamed code points), so every
    caller goes through here.
    """
    if not word:
        return ()
    try:
        return tuple(get_morph().parse(word.lower()))
    except Exception:  # noqa: BLE001 - defensive: odd unicode
        log.debug("pymorphy3 cannot parse %r", word, exc_info=True)
        return ()


def top_pos(word: str) -> str | None:
    """Part of speech of the most likely pymorphy3 parse of ``word`` (or None)."""
    parses = parse_word(word)
    return str(parses[0].tag.POS) if parses and parses[0].tag.POS else None


@functools.lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """Whether ``word`` (any case) is a dictionary word for pymorphy3."""
    if not word:
        return False
    try:
        return bool(get_morph().word_is_known(word.lower()))
    except Exception:  # noqa: BLE001 - defensive: odd unicode
        log.debug("word_is_known failed for %r", word, exc_info=True)
        return False


def drop_hyphen(left: str, right: str) -> bool:
    """Decide whether ``left`` + "-" + ``right`` was a soft word break.

    The hyphen is dropped when the glued word is a dictionary word and the
    hyphenated spelling is not ("органи-зации" -> "организации",
    "про-ведение" -> "проведение").  Checking the hyphenated spelling rather
    than the left fragment alone matters because many break-off fragments are
    words themselves ("про", "по", "само", "работ").  Real compounds glue into
    non-words and are kept ("семинара-совещания", "социально-политической").
    """
    glued = left + right
    if not is_known_word(glued):
        return False
    return not is_known_word(f"{left}-{right}")


def _repair_inline(text: str) -> str:
    """Repair "слово- слово" breaks: glue or tighten the hyphen (see drop_hyphen)."""

    def fix(m: regex.Match[str]) -> str:
        return "" if drop_hyphen(m.group(1), m.group(2)) else "-"

    return _INLINE_BREAK_RE.sub(fix, text) if "- " in text else text


def _squeeze(text: str) -> str:
    """Whitespace runs as one space, ends stripped: ``_WS_RE.sub(" ", text).strip()``.

    ``str.split`` does the same faster, except that it also splits at the
    ASCII separators U+001C..U+001F; a text holding one takes the regex.
    """
    if _SEPARATOR_RE.search(text):
        return _WS_RE.sub(" ", text).strip()
    return " ".join(text.split())


def _physical_lines(lines: Sequence[str]) -> list[tuple[str, bool]]:
    """Split inputs into stripped non-empty lines; flag soft-hyphen line ends."""
    out: list[tuple[str, bool]] = []
    for item in lines:
        if not isinstance(item, str):
            item = "" if item is None else str(item)
        plain = not _UNUSUAL_RE.search(item)
        for raw in item.splitlines():
            if plain:  # the usual case: nothing to drop, no soft hyphen to find
                text, soft = " ".join(raw.split()), False
            else:
                raw = _INVISIBLE_RE.sub("", raw).rstrip()
                soft = raw.endswith(_SOFT_HYPHEN)
                text = _squeeze(raw.replace(_SOFT_HYPHEN, ""))
            if text:
                out.append((text, soft))
    return out


def _join(lines: list[tuple[str, bool]]) -> str:
    """Join physical lines, handling line-end hyphenation."""
    if not lines:
        return ""
    result, soft = lines[0]
    for text, next_soft in lines[1:]:
        m = _LINE_END_HYPHEN_RE.search(result)
        if soft:
            result += text
        elif m and text[0].isalpha() and text[0].isupper():
            # "Ханты-" + "Мансийский": a compound of proper names, no space.
            result += text
        elif m and text[0].isalpha() and text[0].islower():
            right = _LEADING_LETTERS_RE.match(text)
            if right and drop_hyphen(m.group(1), right.group(0)):
                result = result[:-1] + text
            else:
                result += text
        else:
            result += " " + text
        soft = next_soft
    return result


def join_lines(lines: Sequence[str]) -> str:
    """Wrapped lines as one line, with ``clean_title``'s line-end hyphenation rules
    ("в тече-" + "ние года" -> "в течение года"; "социально-" + "экономический" keeps its hyphen)."""
    return _join(_physical_lines(lines))


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove leading list bullets: ``(text without them, whether there were any)``.

    Bullets are "-", "--", dashes, "•", "·", "*", "●", "▪" and similar, with or
    without a following space; a dash directly followed by a digit ("-5") is a
    number, not a bullet.  The result is stripped of surrounding whitespace.
    """
    if not text:
        return "", False
    had = False
    rest = text.strip()
    if rest[:1] not in _BULLET_STARTS:  # "" included: a bullet starts with one of them
        return rest, False
    while True:
        m = _BULLET_RE.match(rest)
        if not m or not m.group(0):
            break
        had = True
        rest = rest[m.end() :].strip()
    return rest, had


def clean_title(lines: Sequence[str]) -> str:
    """Join the wrapped lines of one activity title into one clean string.

    * each line is stripped and whitespace runs (NBSP, tabs ...) become one space;
    * lines are joined with a space, except line-end hyphenation: "letter-" at
      a line end followed by a lowercase line is glued without a space, keeping
      the hyphen for real compounds and dropping it for soft breaks (decided by
      :func:`drop_hyphen`); "letter-" followed by a capitalised line is kept as
      a compound without a space ("Ханты-" + "Мансийский");
    * in-line "слово- слово" breaks are repaired the same way; a hyphen with no
      space after it or spaced dashes ("июнь – сентябрь") are left as printed;
    * leading bullets and trailing ":", ";", "," are removed.

    Everything else (case, quotes, parentheses) is kept as printed.
    """
    if isinstance(lines, str):
        lines = [lines]
    text = _join(_physical_lines(lines))
    text = _repair_inline(text)
    text, _ = strip_bullet(text)
    return text.rstrip(_TRAILING).strip()


def fold(text: str) -> str:
    """A matching key: lowercase, ё->е, unified dashes and quotes, single spaces."""
    if not text:
        return ""
    plain = not _UNUSUAL_RE.search(text)
    if not plain:
        text = _INVISIBLE_RE.sub("", text.replace(_SOFT_HYPHEN, ""))
    text = text.lower().replace("ё", "е")
    if _FOLD_RE.search(text):
        text = text.translate(_FOLD_TABLE)
    return " ".join(text.split()) if plain else _squeeze(text)


def is_lowercase_start(text: str) -> bool:
    """Whether the first letter (skipping spaces, quotes, brackets) is lowercase.

    Any other leading character (a digit, a bullet) means "not a continuation"
    and gives ``False``, as does a text without letters.
    """
    for ch in text or "":
        if ch in _LEAD_SKIP or ch.isspace():
            continue
        return ch.isalpha() and ch.islower()
    return False


#: Punctuation a phrase cannot stop at: a comma, a hyphen, an en dash, an em dash.
OPEN_END_MARKS = ",-–—"
#: The bracket/quote pairs :func:`has_open_bracket` checks unless told others: round brackets and guillemets.
BRACKETS: tuple[tuple[str, str], ...] = (("(", ")"), ("«", "»"))


def ends_with_mark(text: str, marks: str = OPEN_END_MARKS) -> bool:
    """Whether the last character of ``text`` before trailing whitespace is one of ``marks``
    (single characters; a blank text ends with none)."""
    t = text.rstrip()
    return bool(t) and t[-1] in marks


@functools.cache
def _bracket_chars(pairs: tuple[tuple[str, str], ...]) -> tuple[regex.Pattern[str], frozenset[str], frozenset[str]]:
    """A pattern finding every character of ``pairs``, and the characters that only open and only close.

    A character that opens one pair and closes another ("“": „…“ and “…”) is in neither set.
    """
    openers, closers = {o for o, _ in pairs}, {c for _, c in pairs}
    pattern = regex.compile(f"[{regex.escape(''.join(sorted(openers | closers)))}]")
    return pattern, frozenset(openers - closers), frozenset(closers - openers)


def _depth_in_order(text: str, pairs: tuple[tuple[str, str], ...]) -> int:
    """How many brackets of ``pairs`` are still open at the end of ``text``, matched in reading order."""
    pattern, openers, closers = _bracket_chars(pairs)
    depth = 0
    for ch in pattern.findall(text):
        if ch in openers:
            depth += 1
        elif depth and ch in closers:
            depth -= 1
    return depth


def has_open_bracket(
    text: str, pairs: tuple[tuple[str, str], ...] = BRACKETS, *, quotes: str = "", in_order: bool = False
) -> bool:
    """Whether ``text`` leaves a bracket or quote of ``pairs`` (opener, closer) open.

    Two ways to decide; they agree wherever the brackets nest properly and no
    character both opens and closes:

    * counted (the default, two ``str.count`` per pair): some opener occurs more
      often than its own closer.  Each kind is counted apart and order is
      ignored: ")(" is closed, "«)" is open;
    * ``in_order``: the brackets are matched in reading order, all kinds
      together, as a reader meets them: an opener goes one level deeper, a
      closer one level back unless none is open (a stray closer is ignored),
      and a character that opens one pair and closes another is skipped.
      ")(" is open, "«)" is closed.

    ``quotes``: quote characters that open and close alike ('"'); each is open
    when it occurs an odd number of times.
    """
    if not in_order:
        for opener, closer in pairs:
            if text.count(opener) > text.count(closer):
                return True
    elif pairs and _depth_in_order(text, pairs):
        return True
    return bool(quotes) and any(text.count(quote) % 2 for quote in quotes)


def stops_open(text: str) -> bool:
    """Whether ``text`` stops mid-phrase: it ends with a comma, hyphen or dash (:data:`OPEN_END_MARKS`),
    or a round bracket or guillemet is opened more often than closed (:func:`has_open_bracket`, counted).

    Cheap (string methods only): the PDF reader asks it of table cells at page breaks.
    """
    return ends_with_mark(text) or has_open_bracket(text)
