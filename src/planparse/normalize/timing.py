"""The Russian timing grammar: "июнь – сентябрь", "II квартал", "ежемесячно" ...

A closed, hand-written vocabulary (no dateparser); the words and phrase
patterns live in ``timing_vocab``, what each phrase means in
``timing_phrases``.  Text is normalised first: lower case, ``ё`` -> ``е``,
every dash -> ``-``, odd/no-break spaces -> space, soft hyphens and
zero-width characters dropped, OCR Latin look-alikes in Cyrillic words (and a
lone Latin ``c``/``a``/``o``...) made Cyrillic.  The text is then read
left to right; at each token the longest matching phrase wins, else the token
is classified alone:

* phrases: months in any case/abbreviation (Roman numerals are never months),
  dates (``21 апреля``, ``15.03.2024``, ``03.2024``), ranges with a dash or
  ``с … по/до …``, also across the year end (``ноябрь - февраль`` -> 1, 2, 11,
  12), and a month range of one year written as dates (``02-03.2021`` -> 2,
  3); seasons (``весной``, ``летом``, ``в осенний период``, ``в зимнее
  время``, ``в весенне-летний период``); quarters and half-years by Roman/Arabic/word ordinal with lists and
  ranges (``II–III кварталы``, ``1 кв.``, ``во втором полугодии``); whole
  period (``в течение года``, ``весь период``, ``постоянно``); "еже-" words,
  also shortened (``ежекварт.``, ``ежемес.``), and ``каждый …``; frequencies
  (``не реже 1-го раза в 6 месяцев``); "as needed": ``по мере`` + any
  genitive event noun phrase (``по мере проведения``, ``по мере изменения
  законодательства``), a request word in the dative alone or with a genitive
  complement (``по запросам``, ``по приглашению организаторов``,
  ``по обращениям``, ``по заявкам``), checked by the morphology dictionary,
  or by an abbreviation in capitals (``по запросам ОМСУ``, ``согласно плану
  ОИВ``; only in mixed-case text, see ``_abbreviated_complements``);
  ``по итогам …``; ``конец/начало года``; ``в течение месяца`` / ``до 5
  числа`` (also counted in a period: ``до 20 числа последнего месяца
  квартала``, ``до 5 числа месяца, следующего за отчетным``) / weekdays / a
  schedule kept elsewhere (understood, set nothing);
* allowed filler: prepositions, conjunctions, punctuation, years 19xx/20xx,
  ``г.``, ``год``, ``месяц``, ``течение``, ``срок``, ``раз`` ...;
* anything else is not understood and ends up in ``Timing.leftover``.

Decisions worth knowing:

* ``all_year`` never fills ``months``; ``"в течение 2024 года"`` -> all_year,
  while an explicit ``январь - декабрь`` gives months 1..12, not all_year.
* Only the "еже-"/"каждый" words set ``all_year`` together with a frequency
  (``ежемесячно`` 12, ``ежеквартально`` 4, ``еженедельно`` 52, ``ежедневно``
  365, ``ежеполугодно`` 2); ``ежегодно``/``каждый год`` is 1 per year without
  all_year; ``N раз в …`` sets only ``times_per_year``.  ``регулярно``,
  ``постоянно``, ``систематически``, ``круглогодично`` set all_year only.
* Several frequencies in one text: the largest is kept (each is a minimum).
* A deadline gives its month: ``до 1 марта`` / ``до 15.03.2024`` -> (3,);
  ``с сентября`` -> (9,) (no month is invented after it).
* ``по итогам <period>`` -> the month after the period ends, capped at
  December: ``по итогам года`` -> (12,), ``по итогам I полугодия`` -> (7,),
  ``по итогам II квартала`` -> (7,), ``по итогам 9 месяцев`` -> (10,),
  ``по итогам полугодия`` -> (7, 12), ``по итогам квартала`` -> (4, 7, 10, 12),
  ``по итогам месяца`` -> like ``ежемесячно``; a list of periods gives each
  one's month: ``по итогам I полугодия и года`` -> (7, 12).
* Seasons are three months each: весна 3-5, лето 6-8, осень 9-11, зима 12,
  1, 2; a compound runs from its first season to its last (``в весенне-летний
  период`` -> 3..8, ``в осенне-зимний период`` -> 9..2).  The nouns count only
  as adverbs (``весной``, ``летом``: "Лето с книгой" is a title) and the
  adjectives only before ``период``/``сезон``/``время``/``месяцы`` ("летний
  отдых" is no timing); ``лет`` (years) is never a season.
* ``в конце года``/``до конца года`` -> (12,), ``в начале года`` -> (1,);
  ``в конце I квартала`` simply gives the quarter's months.
* OCR look-alikes of Roman numerals are read only inside a quarter/half-year
  phrase: ``П кв.`` -> II, ``Ш``/``lll`` -> III, ``ГУ`` -> IV, ``Ь`` -> I (a
  swallowed "I,": ``Ь III кв.`` -> I and III); ``timing_ocr_repaired`` tells
  the caller so the row can be flagged.  Alone they are not understood.
* Empty or punctuation-only text -> ``Timing()`` (understood, nothing set).
* Scheduled elsewhere: ``по графику``, ``по отдельному графику``, ``согласно
  плану работы Думы``, ``в соответствии с графиком`` (a schedule/plan/timetable
  noun, an optional adjective, an optional genitive complement) say the dates
  are in another document.  Understood, nothing set: no months, not all_year
  (the plan does not say it runs all year) and not as_needed (it is planned,
  not on demand); the row keeps the phrase in ``timing_raw``.  With another
  timing (``ежемесячно (по графику)``) it adds nothing to it.
* ``по согласованию`` and other remarks are NOT timing: they make
  ``understood`` False and go to ``leftover`` (original spelling).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from functools import lru_cache

import regex

from planparse.model import Timing
from planparse.normalize import timing_vocab as V
from planparse.normalize.timing_phrases import NOTHING, RULES, Eff

_CYR = regex.compile(r"\p{Cyrillic}")
_LAT = regex.compile(r"\p{Latin}")
_LETTERS = regex.compile(r"[^\W\d_]+")
_YEAR_RE = regex.compile(r"(?:19|20)\d\d")
_WORDCHAR = regex.compile(r"\w")
_ABBREVIATION = regex.compile(r"[А-ЯЁ]{2,8}")  # "ОМСУ", "СМО": an abbreviation as printed
_JOINERS = frozenset({"и", "или"})

__all__ = ["parse_timing", "timing_score", "is_complete_timing", "sets_timing", "strip_remarks", "timing_ocr_repaired"]

# ---------------------------------------------------------------- scanner
_FALLBACK = regex.compile(r"\d+(?:-?(?:ого|его|ый|ий|ой|ое|ом|ем|го|ти|ми|й|я|е|х|м)(?!\w))?|[^\W\d_]+|\S")
_KNOWN, _NEUTRAL, _WEAK, _PARTIAL, _UNKNOWN, _PUNCT = range(6)


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    kind: int
    text: str
    eff: Eff = NOTHING


def _normalize(text: str) -> tuple[str, tuple[int, ...]]:
    """Lower-case and clean ``text``; also return each char's source index."""
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch in V.DROPPED_CHARS:
            continue
        if ch in V.DASHES:
            rep = "-"
        elif ch.isspace():
            rep = " "
        else:
            rep = ch.lower().replace("ё", "е").replace("\u0456", "i")
        out.extend(rep)
        idx.extend([i] * len(rep))
    s = "".join(out)

    def fix(w: regex.Match[str]) -> str:
        word = w.group()
        cyr, lat = _CYR.search(word), _LAT.search(word)
        if (cyr and lat) or (word in V.ONE_LETTER_LATIN):
            return word.translate(V.LATIN_TO_CYRILLIC)
        return word

    return _LETTERS.sub(fix, s), tuple(idx)


def _classify(word: str) -> int:
    if word.isdigit() or word[:1].isdigit():
        return _WEAK if _YEAR_RE.fullmatch(word) else _PARTIAL
    if word in V.NEUTRAL_WORDS:
        return _NEUTRAL
    if word in V.WEAK_TIMING_WORDS or word in ("раз", "раза"):
        return _WEAK
    if word in V.ROMAN:
        return _PARTIAL
    return _PUNCT if not _WORDCHAR.match(word) else _UNKNOWN


def _same_kind(a: str, b: str) -> bool:
    return (a.isdigit() and b.isdigit()) or (a.isalpha() and b.isalpha())


@lru_cache(maxsize=4096)
def _scan(text: str) -> tuple[str, tuple[int, ...], tuple[_Tok, ...]]:
    s, idx = _normalize(text)
    toks: list[_Tok] = []
    pos, n = 0, len(s)
    while pos < n:
        if s[pos].isspace():
            pos += 1
            continue
        best: tuple[int, Eff] | None = None
        for rx, handler in RULES:
            m = rx.match(s, pos, timeout=1.0)
            if not m or m.end() == pos or (best and m.end() <= best[0]):
                continue
            if m.end() < n and _same_kind(s[m.end() - 1], s[m.end()]):
                continue  # the phrase would end inside a word or a number
            found = handler(m)
            if found is None:
                continue
            end, eff = found if isinstance(found, tuple) else (m.end(), found)
            if not best or end > best[0]:  # a handler may accept only a prefix of the match
                best = (end, eff)
        if best:
            end = len(s[pos : best[0]].rstrip())
            toks.append(_Tok(pos, pos + end, _KNOWN, s[pos : pos + end], best[1]))
            pos = best[0]
            continue
        m = _FALLBACK.match(s, pos)
        assert m is not None  # \S always matches a non-space
        toks.append(_Tok(pos, m.end(), _classify(m.group()), m.group()))
        pos = m.end()
    return s, idx, _abbreviated_complements(text, idx, toks)


def _abbreviated_complements(text: str, idx: tuple[int, ...], toks: list[_Tok]) -> tuple[_Tok, ...]:
    """``toks`` with the abbreviations that complete a phrase read as neutral.

    After a phrase that takes a genitive complement ("по запросам", "согласно
    плану"), an abbreviation in capitals names who asks or whose plan it is:
    "по запросам ОМСУ", "по заявкам СМО и ОИВ".  Abbreviations do not decline, so
    the morphology cannot vouch for them; their capitals do, which is why they
    are read only in text that also has lower-case letters (in an all-capitals
    cell a word in capitals could be anything).
    """
    if not any(ch.islower() for ch in text):
        return tuple(toks)

    def abbreviation(k: int) -> bool:
        if k >= len(toks) or toks[k].kind != _UNKNOWN:
            return False
        return bool(_ABBREVIATION.fullmatch(text[idx[toks[k].start] : idx[toks[k].end - 1] + 1]))

    out: list[_Tok] = []
    open_ = False
    for k, t in enumerate(toks):
        if open_ and (abbreviation(k) or (t.text in _JOINERS and abbreviation(k + 1))):
            out.append(_Tok(t.start, t.end, _NEUTRAL, t.text))
            continue
        open_ = t.kind == _KNOWN and t.eff.complement
        out.append(t)
    return tuple(out)


def _leftover(text: str, idx: tuple[int, ...], toks: tuple[_Tok, ...]) -> str:
    pieces: list[str] = []
    run: list[_Tok] = []

    def flush() -> None:
        words = [t for t in run if t.kind != _PUNCT]
        if any(t.kind in (_PARTIAL, _UNKNOWN) for t in words):
            raw = text[idx[words[0].start] : idx[words[-1].end - 1] + 1]
            pieces.append(" ".join("".join(c for c in raw if c not in V.DROPPED_CHARS).split()))
        run.clear()

    for t in toks:
        if t.kind == _KNOWN or (t.kind == _PUNCT and t.text in V.HARD_PUNCT):
            flush()
        else:
            run.append(t)
    flush()
    return " ".join(pieces)


# ---------------------------------------------------------------- public API
@functools.lru_cache(maxsize=8192)
def parse_timing(text: str) -> Timing:
    """Parse a Russian timing text ("июнь – сентябрь", "II квартал", ...).

    Never raises.  Unknown words make ``understood`` False and are returned in
    ``leftover``; empty text gives ``Timing()``.
    """
    try:
        _, idx, toks = _scan(text)
    except Exception:  # pragma: no cover - regex timeout on pathological input
        return Timing(understood=False, leftover=" ".join(str(text).split()))
    months: set[int] = set()
    all_year = as_needed = False
    tpy: float | None = None
    for t in toks:
        months |= t.eff.months
        all_year |= t.eff.all_year
        as_needed |= t.eff.as_needed
        if t.eff.tpy is not None:
            tpy = t.eff.tpy if tpy is None else max(tpy, t.eff.tpy)
    understood = not any(t.kind in (_PARTIAL, _UNKNOWN) for t in toks)
    return Timing(
        months=tuple(sorted(months)),
        all_year=all_year,
        times_per_year=tpy,
        as_needed=as_needed,
        understood=understood,
        leftover="" if understood else _leftover(text, idx, toks),
    )


@functools.lru_cache(maxsize=8192)
def timing_score(text: str) -> float:
    """Share (0..1) of the meaningful words of ``text`` that are timing words.

    Words inside recognised phrases count 1, loose timing words (``год``,
    ``месяцев``, years, Roman numerals) 0.4, other words count against;
    prepositions, punctuation and bare small numbers are ignored.
    """
    try:
        _, _, toks = _scan(text)
    except Exception:  # pragma: no cover
        return 0.0
    timing = other = 0.0
    for t in toks:
        if t.kind == _KNOWN:
            timing += sum(1 for w in _FALLBACK.findall(t.text) if w[0].isalnum() and w not in V.NEUTRAL_WORDS)
        elif t.kind == _WEAK or (t.kind == _PARTIAL and t.text in V.ROMAN):
            timing += 0.4
        elif t.kind == _UNKNOWN:
            other += 1
    return 0.0 if timing + other == 0 else timing / (timing + other)


@functools.lru_cache(maxsize=8192)
def is_complete_timing(text: str) -> bool:
    """True when ``text`` is a whole timing phrase, not one cut mid-way.

    The text must parse as understood, contain some timing, and not end in a
    dangling preposition, conjunction, number, Roman numeral or ``,``/``-``.
    """
    try:
        _, _, toks = _scan(text)
    except Exception:  # pragma: no cover
        return False
    if not toks or any(t.kind in (_PARTIAL, _UNKNOWN) for t in toks):
        return False
    if not any(t.kind in (_KNOWN, _WEAK) for t in toks):
        return False
    last = toks[-1]
    if last.kind == _PUNCT:
        return last.text not in V.DANGLING_PUNCT
    words = _FALLBACK.findall(last.text)
    return bool(words) and words[-1] not in V.DANGLING_WORDS


@functools.lru_cache(maxsize=8192)
def sets_timing(text: str) -> bool:
    """True when ``text`` holds a recognised timing phrase, not only loose timing words.

    "март", "ежемесячно", "в течение месяца" are phrases; "период 2025 и 2026
    годов" is only loose words (``период``, years, ``годов``) and is not.
    """
    try:
        _, _, toks = _scan(text)
    except Exception:  # pragma: no cover
        return False
    return any(t.kind == _KNOWN for t in toks)


@functools.lru_cache(maxsize=8192)
def timing_ocr_repaired(text: str) -> bool:
    """True when a period was read through an OCR look-alike numeral ("П кв." as "II кв.")."""
    try:
        _, _, toks = _scan(text)
    except Exception:  # pragma: no cover
        return False
    return any(t.eff.ocr for t in toks)


_REMARK = regex.compile(r"\([^()]*\)")


def strip_remarks(text: str) -> str:
    """``text`` without parenthesised remarks: "ежемесячно (по графику)." -> "ежемесячно ."."""
    return " ".join(_REMARK.sub(" ", text).split())
