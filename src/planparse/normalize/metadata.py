"""Document metadata from the title block: title, year, organisation, region.

:func:`extract_metadata` reads the lines before the activity table (or simply
the first few dozen lines of a document) and fills :class:`~planparse.model.DocMeta`.

* ``doc_title`` - the lines from "План ..." down to the year phrase, joined;
* ``year`` - the first year of the title's year phrase, else of the lines;
* ``organization`` - the genitive noun phrase after "План работы" put into the
  nominative with pymorphy3 (only the leading adjectives and the head noun are
  inflected, the rest stays as printed); when the title names none ("ПЛАН
  РАБОТЫ на 2025 год"), the organisation printed on its own line(s) right
  above it, as printed, an approval block between them stepped over (see
  ``org_head``); failing that, the body whose decision approved the plan
  ("УТВЕРЖДЕН решением Правления Ассоциации «…»", see ``approval``), put into
  the nominative the same way;
* ``region`` - a federal subject from ``data/federal_subjects.txt``, matched by
  lemmas (any case form), or by a region adjective alone when exactly one
  subject fits it ("Смоленского отделения" -> "Смоленская область"); see
  ``regions``.

Nothing here raises: unknown fields stay ``None``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

import regex

from planparse.model import DocMeta
from planparse.normalize.approval import approving_body
from planparse.normalize.org_head import organization_above
from planparse.normalize.regions import federal_subjects, find_region
from planparse.normalize.repair import repair_text
from planparse.normalize.text import ADJECTIVE_POS, clean_title, parse_word, top_pos

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_TITLE_LINES = 6
_MAX_TITLE_LINES_NO_YEAR = 3

#: Start of a plan title: up to two adjectives ("Календарный"), then "План"
#: (also spaced "П Л А Н" or with Latin look-alike letters).
_TITLE_START_RE = regex.compile(
    r"^\s*(?:\p{L}+(?:ый|ий|ой)\s+){0,2}(?:п\s?л\s?а\s?н|[pр][lл][aа][nн])\p{L}{0,2}(?!\p{L})",
    regex.I,
)
#: "План работы" / "План мероприятий" ...: what precedes the organisation.
_PLAN_PREFIX_RE = regex.compile(
    r"^\s*(?:\p{L}+(?:ый|ий|ой)\s+){0,2}(?:п\s?л\s?а\s?н|[pр][lл][aа][nн])\p{L}{0,2}(?!\p{L})"
    r"(?:\s*[-–—]\s*график\p{L}*)?"
    r"(?:\s+(?:основных\s+|совместных\s+)?"
    r"(?:работы|мероприятий|деятельности|заседаний|проведения\s+мероприятий)(?!\p{L}))?",
    regex.I,
)
_YEAR = r"(?:19|20)\d{2}"
_LATIN = regex.compile(r"\p{Script=Latin}")
#: "на 2024 год", "2024 г.", "на 2023-2024 годы", "2023/2024 учебный год", "на 2024".
_YEAR_PHRASE_RE = regex.compile(
    rf"(?<![\d.])(?P<y1>{_YEAR})(?:\s*[-–—/]\s*(?:{_YEAR}|\d{{2}}))?\s*(?:учебн\p{{L}}*\s+)?"
    rf"(?:год\p{{L}}*|гг?\.?)(?!\p{{L}})"
    rf"|(?<!\p{{L}})на\s+(?P<y2>{_YEAR})(?!\d)",
    regex.I,
)
_BARE_YEAR_RE = regex.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
#: A trailing period phrase left after cutting the year: "на I полугодие", "на".
_TRAILING_PERIOD_RE = regex.compile(
    r"(?:\s+(?:на|в|за)(?:\s+(?:[IVXІ]+|\d{1,2}(?:-?\p{L}{1,2})?|перв\p{L}*|втор\p{L}*|трет\p{L}*"
    r"|четв[её]рт\p{L}*))?(?:\s+(?:полугоди\p{L}*|квартал\p{L}*|период\p{L}*|месяц\p{L}*))?)?"
    r"[\s,.:;(«-]*$",
    regex.I,
)
_TABLE_HEADER_RE = regex.compile(
    r"^\s*(?:№|n\s*п/п|п/п|наименование|мероприятия(?!\p{L})|содержание\s+(?:работ|мероприят)"
    r"|сроки?(?!\p{L})|время\s+проведения|дата\s+проведения|ответственн|исполнител)",
    regex.I,
)
_NUMBERED_RE = regex.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s+\S|[IVXLC]+[.)]?\s+(?!полугоди|квартал)\p{L})"
)
_WORD_RE = regex.compile(r"\p{L}+(?:-\p{L}+)*")
_OPENERS = "«\"„“("
_FUNCTIONAL = frozenset({"PREP", "CONJ", "PRCL", "ADVB", "GRND", "VERB", "INFN", "PRTS", "ADJS"})


def _safe(fn: Callable[..., T], *args: Any) -> T | None:
    """Call ``fn``; log and return ``None`` on any exception."""
    try:
        return fn(*args)
    except Exception:  # noqa: BLE001 - metadata must never break a conversion
        log.warning("metadata: %s failed", getattr(fn, "__name__", fn), exc_info=True)
        return None


# --------------------------------------------------------------------------- title


def _is_stop_line(text: str) -> bool:
    """A table header or a numbered item/section line ends the title block."""
    return bool(_TABLE_HEADER_RE.match(text) or _NUMBERED_RE.match(text))


def _title_block(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(the printed lines of the plan title, the non-empty lines above it); both
    empty when there is no title."""
    clean = [str(x).strip() for x in lines if x is not None and str(x).strip()]
    for i, line in enumerate(clean):
        if _TABLE_HEADER_RE.match(line):
            return [], []
        if not _TITLE_START_RE.match(line):
            continue
        block = [line]
        if _YEAR_PHRASE_RE.search(line):
            return block, clean[:i]
        for nxt in clean[i + 1 : i + _MAX_TITLE_LINES]:
            if _is_stop_line(nxt) or _TITLE_START_RE.match(nxt):
                break
            block.append(nxt)
            if _YEAR_PHRASE_RE.search(nxt):
                return block, clean[:i]
        return block[:_MAX_TITLE_LINES_NO_YEAR], clean[:i]
    return [], []


# ---------------------------------------------------------------------------- year


def _year(title: str | None, lines: Sequence[str]) -> int | None:
    """First year of the title's year phrase, else of any year phrase, else any year."""
    for text in ([title] if title else []) + [" ".join(str(x) for x in lines if x)]:
        m = _YEAR_PHRASE_RE.search(text)
        if m:
            return int(m.group("y1") or m.group("y2"))
    m = _BARE_YEAR_RE.search(" ".join(str(x) for x in lines if x))
    return int(m.group(1)) if m else None


# ---------------------------------------------------------------- organisation


def _restore_case(original: str, word: str) -> str:
    """Give ``word`` the capitalisation pattern of ``original`` (part-wise for hyphens)."""
    if "ё" not in original.lower():
        word = word.replace("ё", "е")
    if len(original) > 1 and original.isupper():
        return word.upper()
    o_parts, w_parts = original.split("-"), word.split("-")
    if len(o_parts) != len(w_parts):
        o_parts, w_parts = [original], [word]
    out = []
    for o, w in zip(o_parts, w_parts, strict=True):
        out.append(w[:1].upper() + w[1:] if o[:1].isupper() else w)
    return "-".join(out)


def _gent_parses(word: str, pos: Collection[str]) -> list[Any]:
    """pymorphy3 parses of ``word`` with the given POS in the genitive case."""
    return [p for p in parse_word(word.lower()) if p.tag.POS in pos and "gent" in p.tag]


def _to_nominative(phrase: str) -> str | None:
    """Put the leading adjectives + head noun of a genitive phrase into the nominative."""
    words = list(_WORD_RE.finditer(phrase))
    if not words:
        return None
    first = words[0].group(0)
    if first[:1].islower() and top_pos(first) in _FUNCTIONAL:
        return None  # "по реализации ...": a purpose, not an organisation
    adjectives: list[tuple[regex.Match[str], list[Any]]] = []
    head: tuple[regex.Match[str], Any] | None = None
    prev_end = 0
    for k, m in enumerate(words):
        gap = phrase[prev_end : m.start()]
        if any(c in gap for c in _OPENERS):
            break
        prev_end = m.end()
        adj = _gent_parses(m.group(0), ADJECTIVE_POS)
        nouns = _gent_parses(m.group(0), ("NOUN",))
        if adj and k + 1 < len(words):
            adjectives.append((m, adj))
            continue
        if nouns:
            head = (m, nouns[0])
        break
    if head is None:
        # No genitive head noun: keep a capitalised/quoted name as printed,
        # reject lowercase clauses ("посвященных Дню ...").
        return None if first[:1].islower() else phrase
    hm, hp = head
    nominative = hp.inflect({"nomn"})
    pieces: list[tuple[int, int, str]] = []
    if nominative is not None:
        pieces.append((hm.start(), hm.end(), _restore_case(hm.group(0), nominative.word)))
    gender, number = hp.tag.gender, hp.tag.number
    for m, parses in adjectives:
        agree = [p for p in parses if p.tag.number == number and (number == "plur" or p.tag.gender == gender)]
        chosen = (agree or parses)[0]
        target = {"nomn", number or "sing"}
        if number != "plur" and gender:
            target.add(gender)
        form = chosen.inflect(target) or chosen.inflect({"nomn"})
        if form is not None:
            pieces.append((m.start(), m.end(), _restore_case(m.group(0), form.word)))
    out = phrase
    for start, end, text in sorted(pieces, reverse=True):
        out = out[:start] + text + out[end:]
    return out


def _organization(title: str) -> str | None:
    """The organisation whose plan it is, in the nominative (None if not printed)."""
    prefix = _PLAN_PREFIX_RE.match(title)
    if not prefix:
        return None
    rest = title[prefix.end() :]
    if rest.lstrip().startswith(","):
        return None  # "План мероприятий, посвященных ...": no organisation
    year = _YEAR_PHRASE_RE.search(rest)
    if year:
        rest = rest[: year.start()]
    rest = _TRAILING_PERIOD_RE.sub("", rest).strip(" \t,.:;-–—")
    if rest.endswith('"') and rest.count('"') % 2:  # an unbalanced quote left by the cut
        rest = rest[:-1].rstrip()
    if not _WORD_RE.search(rest):
        return None
    org = _to_nominative(rest)
    return org.strip() if org else None


# ------------------------------------------------------------------------- API


def _unmixed(line: str) -> str:
    """The line with Latin look-alikes inside Cyrillic words made Cyrillic (``repair_text``)."""
    if not _LATIN.search(line):
        return line
    fixed = _safe(repair_text, line)
    return fixed[0] if fixed else line


def extract_metadata(lines: Sequence[str]) -> DocMeta:
    """Find the plan title, year, organisation and region in the title block.

    ``lines`` are the text lines before the activity table (or the first ~40
    lines of a document).  Never raises; fields that are not found are ``None``.
    """
    try:
        lines = [str(getattr(x, "text", x)) for x in (lines or ()) if x is not None]  # str or Line
        # OCR'd heads mix in Latin look-alikes ("ПЛАН PАБОТЫ"), which no pattern below would see through
        lines = [_unmixed(line) for line in lines]
    except Exception:  # noqa: BLE001
        log.warning("metadata: unusable input %r", type(lines))
        return DocMeta()
    block, above = _safe(_title_block, lines) or ([], [])
    title = (_safe(clean_title, block) or None) if block else None
    organization = _safe(_organization, title) if title else None
    if title and not organization:
        organization = _safe(organization_above, above)
    if title and not organization:
        body = _safe(approving_body, above)
        organization = _safe(_to_nominative, body) if body else None
    return DocMeta(
        doc_title=title,
        organization=organization or None,
        region=_safe(find_region, title, lines),
        year=_safe(_year, title, lines),
    )


__all__ = ["extract_metadata", "federal_subjects"]
