"""What each timing phrase means: the handlers behind ``timing_vocab.PHRASES``.

``RULES`` pairs every compiled phrase pattern with its handler; a handler turns
a match into an ``Eff`` (months, all_year, times per year, as needed, read
through an OCR look-alike) or None when the match does not hold up (a
"32 марта", a quarter V, a complement that is not a genitive).  The scanner in
``timing`` tries the rules at each token and keeps the longest match that a
handler accepts; the decisions are listed in ``timing``'s module doc.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import regex

from planparse.normalize import timing_vocab as V
from planparse.normalize.text import ADJECTIVE_POS, parse_word

_DIGITS = regex.compile(r"\d+")
_MONTH_RE = regex.compile(V.MONTH)
_WEEKDAYS_RE = regex.compile(V.WEEKDAYS)
_MONTH_RX = {m: regex.compile(rf"(?:{f})\.?") for m, f in V.MONTH_FORMS.items()}
_ORDUNIT_TOK = regex.compile(rf"(?P<u>{V.UNIT})|(?P<o>{V.ORD})|(?P<ocr>{V.OCR_ORD})|(?P<d>-)")
_OCR_L = str.maketrans("l", "i")


@dataclass(frozen=True, slots=True)
class Eff:
    """What one phrase says about the timing (merged over the text by ``timing.parse_timing``)."""

    months: frozenset[int] = frozenset()
    all_year: bool = False
    tpy: float | None = None
    as_needed: bool = False
    ocr: bool = False  # read through an OCR look-alike (e.g. "П кв." for "II кв.")
    complement: bool = False  # a genitive complement may follow: who asks, whose plan ("по запросам ОМСУ")


NOTHING = Eff()


def _span(a: int, b: int) -> frozenset[int]:
    """Months a..b inclusive, wrapping across the year end."""
    return frozenset(range(a, b + 1)) if a <= b else frozenset([*range(a, 13), *range(1, b + 1)])


def _num(s: str) -> int | None:
    s = s.strip()
    digits = _DIGITS.match(s)
    if digits:
        return int(digits.group())
    return V.NUMBER_WORDS.get(s)


def _month_of_atom(atom: str) -> int | None:
    word = _MONTH_RE.search(atom)
    if word:
        return next((m for m, rx in _MONTH_RX.items() if rx.fullmatch(word.group())), None)
    parts = [int(p) for p in _DIGITS.findall(atom)]
    if len(parts) == 2 and parts[1] >= 1900:  # "03.2024"
        return parts[0] if 1 <= parts[0] <= 12 else None
    if len(parts) >= 2 and 1 <= parts[0] <= 31 and 1 <= parts[1] <= 12:
        return parts[1]
    return None


def _h_months(m: regex.Match[str]) -> Eff | None:
    a = _month_of_atom(m.group("a"))
    b = _month_of_atom(m.group("b")) if m.group("b") else a
    if a is None or b is None:
        return None
    return Eff(months=_span(a, b))


def _ordinal(s: str) -> int | None:
    s = s.strip()
    if s in V.ROMAN:
        return V.ROMAN[s]
    if s[:1].isdigit():
        return int(s[0])
    return next((n for stem, n in V.ORDINAL_STEMS.items() if s.startswith(stem)), None)


def _ocr_ordinal(s: str) -> int | None:
    """The Roman numeral an OCR look-alike stands for ("п" -> 2, "lll" -> 3)."""
    return V.OCR_ROMAN.get(s) or V.ROMAN.get(s.translate(_OCR_L))


def _periods(text: str) -> tuple[list[tuple[int, int]], bool] | None:
    """Parse "II-III кварталы" into month spans [(4, 9)] and whether an OCR
    look-alike numeral was read; None if invalid."""
    items: list[tuple[int, bool]] = []  # (ordinal, joined to previous by "-")
    units: list[tuple[int, int]] = []  # (index of first ordinal it applies to, months per period)
    dash = ocr = False
    for t in _ORDUNIT_TOK.finditer(text):
        if t.group("o") or t.group("ocr"):
            n = _ordinal(t.group("o")) if t.group("o") else _ocr_ordinal(t.group("ocr"))
            ocr |= not t.group("o")
            if n is None:
                return None
            items.append((n, dash and bool(items)))
            dash = False
        elif t.group("d"):
            dash = True
        else:
            size = 6 if t.group("u").startswith("п") else 3
            units.append((len(items), size))
    spans: list[tuple[int, int]] = []
    start = 0
    for end, size in units:
        for i in range(start, end):
            n, ranged = items[i]
            if n > 12 // size:
                return None
            first, last = (n - 1) * size + 1, n * size
            if ranged and spans:
                first = spans.pop()[0]
            spans.append((first, last))
        start = end
    return (spans, ocr) if spans else None


def _h_ordunit(m: regex.Match[str]) -> Eff | None:
    found = _periods(m.group())
    if found is None:
        return None
    spans, ocr = found
    return Eff(months=frozenset().union(*(_span(a, b) for a, b in spans)), ocr=ocr)


_RESULT_OBJ_RE = regex.compile(V.RESULT_OBJ)
_RESULTS_HEAD_RE = regex.compile(r"по\s+(?:итогам|результатам)\s+(?:работы\s+)?")
_SEASON_RE = regex.compile(r"вес|лет|осе|зим")


def _h_results(m: regex.Match[str]) -> Eff | None:
    """"по итогам <period>[, <period> и <period>]": each period's month (module doc of ``timing``)."""
    text, pos = m.group(), _RESULTS_HEAD_RE.match(m.group()).end()  # type: ignore[union-attr]
    effs: list[Eff] = []
    while (obj := _RESULT_OBJ_RE.search(text, pos)) is not None:
        eff = _result_of(obj)
        if eff is None:
            return None
        effs.append(eff)
        pos = obj.end()
    if not effs:
        return None
    ocr = any(e.ocr for e in effs)
    every = next((e for e in effs if e.all_year), None)
    months = frozenset().union(*(e.months for e in effs))
    return Eff(months=months, all_year=every is not None, tpy=every.tpy if every else None, ocr=ocr)


def _h_season(m: regex.Match[str]) -> Eff:
    """"весной", "в весенне-летний период": from the first season's first month to the last one's last."""
    stems = _SEASON_RE.findall(m.group())
    return Eff(months=_span(V.SEASON_MONTHS[stems[0]][0], V.SEASON_MONTHS[stems[-1]][1]))


def _h_month_span(m: regex.Match[str]) -> Eff:
    """"02-03.2021": months a..b of one year."""
    return Eff(months=_span(int(m.group("a")), int(m.group("b"))))


def _result_of(m: regex.Match[str]) -> Eff | None:
    if m.group("ou"):
        found = _periods(m.group("ou"))
        if found is None:
            return None
        spans, ocr = found
        return Eff(months=frozenset(min(b + 1, 12) for _, b in spans), ocr=ocr)
    if m.group("nm"):
        n = _num(m.group("nm"))
        return None if not n or n > 12 else Eff(months=frozenset([min(n + 1, 12)]))
    if m.group("half"):
        return Eff(months=frozenset([7, 12]))
    if m.group("q"):
        return Eff(months=frozenset([4, 7, 10, 12]))
    if m.group("mon"):
        return Eff(all_year=True, tpy=12.0)
    return Eff(months=frozenset([12]))


def _per_year(word: str) -> float:
    return next((v for stem, v in V.PERIOD_PER_YEAR if word.startswith(stem)), 1.0)


def _h_freq(m: regex.Match[str]) -> Eff | None:
    if m.group("adv"):
        count: int | None = V.COUNT_ADVERBS[m.group("adv")]
    else:
        count = _num(m.group("cnt")) if m.group("cnt") else 1
    every = max((_num(x) or 0 for x in (m.group("pn") or "1").split("-")), default=1)
    if not count or not every:
        return None
    per_year = _per_year(m.group("per"))
    # "1 раз в квартал" recurs through the year as "ежеквартально" does; "2 раза в год" only counts
    return Eff(all_year=per_year > 1, tpy=count * per_year / every)


def _h_every(m: regex.Match[str]) -> Eff | None:
    if m.group("adv") or m.group("abbr"):
        adverb = m.group("adv") or V.EVERY_ABBREVIATIONS[m.group("abbr")]
        tpy, all_year = V.EVERY_ADVERBS[adverb]
        return Eff(all_year=all_year, tpy=tpy)
    unit = m.group("u")
    every = _num(m.group("n")) if m.group("n") else 1
    if not every:
        return None
    per = 52.0 if _WEEKDAYS_RE.fullmatch(unit) else _per_year(unit.replace("полугод", "полгод"))
    return Eff(all_year=not unit.startswith("год"), tpy=per / every)


#: A handler's answer: None (no phrase), an ``Eff`` for the whole match, or
#: ``(end, Eff)`` when only the match up to ``end`` is the phrase.
_Found = Eff | tuple[int, Eff] | None
_Handler = Callable[["regex.Match[str]"], _Found]
_NOUN_POS = frozenset({"NOUN"})
_NAME_POS = _NOUN_POS | ADJECTIVE_POS
_GENITIVE = frozenset({"gent", "gen2"})
_DATIVE = frozenset({"datv"})
_INSTRUMENTAL = frozenset({"ablt"})
_AS_NEEDED = Eff(as_needed=True)
_AS_NEEDED_OF = Eff(as_needed=True, complement=True)
_SCHEDULED = Eff(complement=True)


def _can_be(word: str, pos: frozenset[str], cases: frozenset[str]) -> bool:
    """Whether ``word`` reads as a ``pos`` in one of ``cases``; its likeliest reading
    must be a naming word, so a preposition ("в", "из": also rare noun
    abbreviations for pymorphy3) never counts."""
    parses = parse_word(word)
    return bool(parses) and parses[0].tag.POS in _NAME_POS and any(
        p.tag.POS in pos and p.tag.case in cases for p in parses
    )


def _genitive_prefix(m: regex.Match[str]) -> tuple[int, int]:
    """(words, end) of the longest prefix of the captured complement words ``w``
    that reads as a genitive noun phrase: every word a genitive noun/adjective,
    the last one a noun ("органов местного самоуправления").  Prepositions,
    adverbs and other cases end it: "поступления в архив" keeps "в архив" out."""
    words, ends = m.captures("w"), m.ends("w")
    k = 0
    while k < len(words) and _can_be(words[k], _NAME_POS, _GENITIVE):
        k += 1
    while k and not _can_be(words[k - 1], _NOUN_POS, _GENITIVE):
        k -= 1
    return (k, ends[k - 1]) if k else (0, m.end("head"))


def _h_as_needed_of(m: regex.Match[str]) -> _Found:
    """"по мере <event noun> [complement]" / "по <request noun> [complement]": as needed.

    "по мере" needs a genitive noun after it ("по мере проведения"; "по мере"
    alone says nothing); a request word ("запросам", "приглашению") must be a
    dative noun and may stand alone.
    """
    words, end = _genitive_prefix(m)
    request = m.group("h")
    if request is None:
        if not words or not _can_be(m.captures("w")[0], _NOUN_POS, _GENITIVE):
            return None
    elif not _can_be(request, _NOUN_POS, _DATIVE):
        return None
    return end, _AS_NEEDED_OF


def _h_scheduled(m: regex.Match[str]) -> _Found:
    """"по (отдельному) графику", "согласно плану работы Думы", "в соответствии с
    графиком": the dates are set by another document, so the phrase is understood
    and sets nothing (no months, not all year, not as needed)."""
    case = _INSTRUMENTAL if m.group().startswith("в") else _DATIVE
    if not _can_be(m.group("doc"), _NOUN_POS, case):
        return None
    adj = m.group("adj")
    if adj and not _can_be(adj, ADJECTIVE_POS, case):
        return None
    return _genitive_prefix(m)[1], _SCHEDULED


def _const(eff: Eff) -> _Handler:
    return lambda _m: eff


_HANDLERS: dict[str, _Handler] = {
    "as_needed": _const(_AS_NEEDED),
    "as_needed_of": _h_as_needed_of,
    "scheduled": _h_scheduled,
    "all_year": _const(Eff(all_year=True)),
    "every": _h_every,
    "frequency": _h_freq,
    "count_only": _const(NOTHING),
    "results": _h_results,
    "month_span": _h_month_span,
    "season": _h_season,
    "year_end": _const(Eff(months=frozenset([12]))),
    "year_start": _const(Eff(months=frozenset([1]))),
    "periods": _h_ordunit,
    "months": _h_months,
    "within": _const(NOTHING),
    "day_of_month": _const(NOTHING),
    "weekday": _const(NOTHING),
}
RULES = tuple((regex.compile(V.PHRASES[name]), h) for name, h in _HANDLERS.items())
