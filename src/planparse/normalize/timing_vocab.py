"""Closed vocabulary of the Russian timing grammar (see ``timing.py``).

Everything here is lower case, with ``ё`` written as ``е`` and every dash
written as ``-``: the grammar normalises text before matching.  Regex
fragments are plain strings without capturing groups so that they can be
embedded in larger patterns.
"""

from __future__ import annotations

# Month names in every case plus the usual abbreviations (a trailing dot is
# handled by the grammar).  Roman numerals are deliberately NOT months.
MONTH_FORMS: dict[int, str] = {
    1: r"январ(?:ь|я|е|ю|ем)|янв",
    2: r"феврал(?:ь|я|е|ю|ем)|февр|фев",
    3: r"март(?:а|е|у|ом)?|мар",
    4: r"апрел(?:ь|я|е|ю|ем)|апр",
    5: r"ма(?:й|я|е|ю|ем)",
    6: r"июн(?:ь|я|е|ю|ем)?",
    7: r"июл(?:ь|я|е|ю|ем)?",
    8: r"август(?:а|е|у|ом)?|авг",
    9: r"сентябр(?:ь|я|е|ю|ем)|сент|сен",
    10: r"октябр(?:ь|я|е|ю|ем)|окт",
    11: r"ноябр(?:ь|я|е|ю|ем)|нояб|ноя",
    12: r"декабр(?:ь|я|е|ю|ем)|дек",
}

# Cardinal number words 1..12 (nominative/accusative, genitive, feminine).
NUMBER_WORDS: dict[str, int] = {
    "один": 1, "одного": 1, "одну": 1, "одно": 1,
    "два": 2, "две": 2, "двух": 2,
    "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4,
    "пять": 5, "пяти": 5,
    "шесть": 6, "шести": 6,
    "семь": 7, "семи": 7,
    "восемь": 8, "восьми": 8,
    "девять": 9, "девяти": 9,
    "десять": 10, "десяти": 10,
    "одиннадцать": 11, "одиннадцати": 11,
    "двенадцать": 12, "двенадцати": 12,
}

# Adverbs of count: "дважды в год".
COUNT_ADVERBS: dict[str, int] = {
    "однажды": 1, "единожды": 1, "дважды": 2, "трижды": 3, "четырежды": 4,
}

# Ordinals of quarters / half-years, by stem.
ORDINAL_STEMS: dict[str, int] = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
ROMAN: dict[str, int] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# "ежемесячно" & co: (per year, sets all_year).
EVERY_ADVERBS: dict[str, tuple[float, bool]] = {
    "ежедневно": (365.0, True),
    "еженедельно": (52.0, True),
    "ежедекадно": (36.0, True),
    "ежемесячно": (12.0, True),
    "ежеквартально": (4.0, True),
    "ежеполугодно": (2.0, True),
    "ежегодно": (1.0, False),
}

# Period words -> occurrences per year of "once per <period>", keyed by stem.
PERIOD_PER_YEAR: tuple[tuple[str, float], ...] = (
    ("полгод", 2.0), ("полугод", 2.0), ("кв", 4.0), ("мес", 12.0),
    ("нед", 52.0), ("ден", 365.0), ("дн", 365.0), ("сут", 365.0),
    ("лет", 1.0), ("г", 1.0),
)

WEEKDAYS = (
    r"понедельник(?:ам|и|а)?|вторник(?:ам|и|а)?|сред(?:ам|а|у|ы)"
    r"|четверг(?:ам|и|а)?|пятниц(?:ам|а|у|ы)|суббот(?:ам|а|у|ы)"
    r"|воскресень(?:ям|е|я)"
)

# Words that are allowed and carry no timing meaning on their own
# (prepositions, conjunctions, particles).  Neutral for ``timing_score``.
NEUTRAL_WORDS: frozenset[str] = frozenset(
    "в во на с со до по к ко за от из и или а но не же также чем until".split()
)

# Words that are allowed, understood, set nothing by themselves but are
# clearly timing vocabulary (they raise ``timing_score``).
WEAK_TIMING_WORDS: frozenset[str] = frozenset(
    """
    год года году годы годов лет г гг
    месяц месяца месяцев месяцы месяце мес
    квартал квартала кварталы кварталов квартале кварталах кв
    полугодие полугодия полугодии полугодий полгода
    неделя недели недель неделю день дня дней сутки суток
    период периода периоде срок срока сроки сроков время
    течение теч протяжении реже чаще менее более позднее позже
    мере итогам результатам число числа числу
    конце конца концу конец начале начала начало середине середины середина
    каждый каждого каждую каждое каждом каждые всего весь
    текущего текущем отчетного отчетном календарного учебного уч
    планируемого планового следующего
    """.split()
)

# A text ending in one of these words (or a bare number, a Roman numeral or
# one of DANGLING_PUNCT) is not a complete timing phrase.
DANGLING_WORDS: frozenset[str] = NEUTRAL_WORDS - {"until", "также"} | frozenset(
    """
    течение теч протяжении реже чаще менее более позднее позже мере итогам
    результатам раз раза р конце конца концу конец начале начала начало
    середине середины каждый каждого каждую каждое каждые всего весь как
    """.split()
)
DANGLING_PUNCT: frozenset[str] = frozenset(",-:;(/«\"„“")

# Punctuation that separates two leftover pieces.
HARD_PUNCT: frozenset[str] = frozenset(",;:()[]{}«»\"“”„!?")

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
DROPPED_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Cyrillic look-alikes for Latin letters (OCR); applied to mixed-script words
# and to one-letter Latin words such as "c" (preposition "с").
LATIN_TO_CYRILLIC = str.maketrans("aceopxykmtbh", "асеорхукмтвн")
ONE_LETTER_LATIN = frozenset("acokby")
