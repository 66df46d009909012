"""Closed vocabulary of the Russian timing grammar (see ``timing.py``).

Everything here is lower case, with ``ё`` written as ``е`` and every dash
written as ``-``: the grammar normalises text before matching.  The word
lists come first, then the regex building blocks and the phrase patterns
(``PHRASES``); ``timing.py`` gives each phrase its meaning.
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
# What OCR makes of a Roman numeral before "кв."/"полугодие" (text is lower-cased
# first): Cyrillic "П" (II), "Ш" (III), "ГУ"/"IУ" (IV), "Ь" (I, often "I," with the
# comma swallowed), Latin "l" for "I" ("ll", "lV" ...).  Read only inside a
# quarter/half-year phrase, and reported by ``timing_ocr_repaired``.
OCR_ROMAN: dict[str, int] = {"ь": 1, "п": 2, "ш": 3, "гу": 4, "iу": 4}

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
# Shortened "еже-" adverbs as typed in narrow cells ("ежекварт.", "ежемес."),
# with or without the dot; each maps to its full adverb above.
EVERY_ABBREVIATIONS: dict[str, str] = {
    "ежедн": "ежедневно",
    "еженед": "еженедельно",
    "ежедек": "ежедекадно",
    "ежемес": "ежемесячно",
    "ежемесячн": "ежемесячно",
    "ежекв": "ежеквартально",
    "ежекварт": "ежеквартально",
    "ежеквартальн": "ежеквартально",
    "ежеполуг": "ежеполугодно",
    "ежеполугод": "ежеполугодно",
    "ежеполугодн": "ежеполугодно",
    "ежегод": "ежегодно",
    "ежегодн": "ежегодно",
}
# "по мере поступления заявлений" / "по запросу министерства" & co: as-needed
# heads.  "по мере" takes any event noun in the genitive ("по мере проведения",
# "по мере изменения законодательства"); a request word in the dative (group
# ``h``: "по запросам", "по приглашению", "по обращениям") stands alone or
# with a genitive complement.  The morphology dictionary checks the words.
AS_NEEDED_HEAD = (
    r"(?:по\s+мере|по\s+(?P<h>(?:требовани|запрос|заявк|обращени|заявлени|приглашени)[а-я]*))"
)
# Scheduled elsewhere: "по графику", "по отдельному графику", "согласно плану",
# "в соответствии с графиком" (group ``doc``, an optional adjective ``adj``).
SCHEDULE_HEAD = (
    r"(?:(?:по|согласно)\s+|в\s+соответствии\s+с\s+)(?:(?P<adj>[а-я]+)\s+)?"
    r"(?P<doc>(?:график|план|расписани)[а-я]*)"
)
# Up to four words of a complement, each captured as ``w`` ("органов",
# "контрольно-счетной"); the handler keeps the longest genitive prefix
# ("по запросам федеральных органов исполнительной власти").
COMPLEMENT = r"(?:\s+(?P<w>[а-я]+(?:-[а-я]+)?)){0,4}"

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
    мере итогам результатам число числа числу отчетным отчетный следующим
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

# ------------------------------------------------------ regex building blocks
# Repetitions are bounded ({0,5} times) so that scanning stays linear on long junk.
MONTH = r"(?:" + "|".join(MONTH_FORMS.values()) + r")(?!\w)\.?"
NUMW = r"(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?!\w)"
SUFFIX = r"(?:\s*-?\s*(?:ого|его|ый|ой|ий|ое|ее|ая|ом|ем|го|ти|ми|ух|ех|й|м|е|я|х)(?!\w))"
YEARS = r"(?:(?:19|20)\d\d(?:\s*[-/]\s*(?:(?:19|20)\d\d|\d\d))?(?!\d))"
YUNIT = r"(?:года|году|год|гг(?!\w)\.?|г(?!\w)\.?|лет)"
ADJ = r"(?:учебного|календарного|отчетного|текущего|планируемого|планового|всего)"
ORD = (
    r"(?:(?<!\w)(?:iv|i{1,3})(?![a-z\d])|(?<!\d)[1-4](?!\d)" + SUFFIX + r"?"
    r"|перв\w*|втор\w*|трет\w*|четверт\w*)"
)
OCR_ORD = r"(?:(?<!\w)(?:гу|iу|[пшь]|(?=[ilv]{0,2}l)(?:[il]{1,3}|[il]v))(?!\w))"
ANY_ORD = rf"(?:{ORD}|{OCR_ORD})"
UNIT = r"(?:(?:квартал\w*|кв-л|кварт|кв|полугоди\w*|полугод|полуг|пол|п/г)(?!\w)\.?)"
# A list/range of ordinals ending in a unit; an OCR look-alike may stand
# without a separator ("Ь III кв." for "I, III кв.").
ORDUNIT = (
    rf"(?:(?:{ANY_ORD}\s*(?:{UNIT}\s*)?(?:-|,|и(?!\w)|или(?!\w))|{OCR_ORD}(?=\s))\s*){{0,5}}"
    rf"{ANY_ORD}\s*{UNIT}"
)
DAY = rf"(?:(?<!\d)[0-3]?\d(?!\d){SUFFIX}?)"
NUM_DATE = (
    r"(?:(?<![\d.])[0-3]?\d\.(?:0[1-9]|1[0-2])(?:\.(?:\d{4}|\d\d))?(?!\d)"
    r"|(?<![\d.])[0-3]?\d\.[1-9]\.\d{4}(?!\d)"
    r"|(?<![\d.])(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d(?!\d))"
)
ATOM = rf"(?:{NUM_DATE}|(?:{DAY}(?:\s*(?:-|по|до|и|,)\s*{DAY}){{0,4}}\s*)?{MONTH})"
TECH = r"(?:(?:в\s*)?теч(?:ени[еия](?!\w)|\.|(?!\w))|на\s+протяжении|в\s+продолжени[еи])"
PER = (
    r"(?:полугоди[еяи]|полгода|квартал[ае]?|кв(?!\w)\.?|месяц(?:а|ев|е)?|мес(?!\w)\.?"
    r"|недел[юиье]|нед(?!\w)\.?|день|дня|дней|сутки|суток|года|году|год|лет|г(?!\w)\.?)"
)
COUNT = rf"(?:\d{{1,3}}{SUFFIX}?|{NUMW})"
TIMES = (
    rf"(?:(?:(?P<cnt>{COUNT})\s*)?(?:раза|раз)(?!\w)|(?P<cnt>{COUNT})\s*р\."
    r"|(?P<adv>" + "|".join(COUNT_ADVERBS) + r"))"
)
LIMIT = r"(?:(?:не\s+(?:реже|менее|чаще|более)(?:\s+чем)?|как\s+минимум|минимум)\s*)?"
EVERY_UNIT = rf"(?:месяц\w*|квартал\w*|недел\w*|полугоди\w*|год\w*|день|дня|{WEEKDAYS})"

# What a day of the month may be counted in: "(числа) последнего месяца квартала".
DAY_OF = r"перв\w*|втор\w*|трет\w*|последн\w*|кажд\w*|текущ\w*|следующ\w*|отчетн\w*|очередн\w*|предыдущ\w*"
PERIOD_OF = r"(?:месяца|квартала|полугодия|года)(?!\w)"

# What a result is reported for ("по итогам I полугодия", "9 месяцев", "года"), one
# alternative per group: ``ou`` quarters/half-years, ``nm`` N months, ``half``,
# ``q``, ``mon`` a bare unit, else the year.  ``_RESULT_OBJ`` is the same without
# the group names (the phrase repeats it in a list).
RESULT_OBJ = (
    rf"(?:(?P<ou>{ORDUNIT})|(?P<nm>\d{{1,2}}|{NUMW})\s*{SUFFIX}?\s*месяц\w*"
    r"|(?P<half>полугоди\w*)|(?P<q>квартал\w*)|(?P<mon>месяц\w*)"
    rf"|(?:(?:{ADJ}|прошедшего|истекшего)\s+)?(?:{YEARS}\s*{YUNIT}?|{YUNIT}))"
)
_RESULT_OBJ = RESULT_OBJ.replace("(?P<ou>", "(?:").replace("(?P<nm>", "(?:").replace("(?P<half>", "(?:")
_RESULT_OBJ = _RESULT_OBJ.replace("(?P<q>", "(?:").replace("(?P<mon>", "(?:")

# Seasons (весна 3-5, лето 6-8, осень 9-11, зима 12-2), by stem: the nouns only as
# adverbs ("весной", "летом": "Лето с книгой" is a title), the adjectives only before a period noun
# ("в летний период", "в зимнее время", "в летние месяцы": "летний отдых" is no
# timing); "весенне-"/"осенне-" open a compound.  "лет" (years) is no season.
SEASON_MONTHS: dict[str, tuple[int, int]] = {"вес": (3, 5), "лет": (6, 8), "осе": (9, 11), "зим": (12, 2)}
SEASON_NOUN = r"(?:весн(?:ой|ою)|летом|осенью|зим(?:ой|ою))(?!\w)"
SEASON_ADJ = r"(?:весенн|летн|осенн|зимн)(?:ий|его|ем|ее|ие|их|яя|юю|ей|е)?(?!\w)"
SEASON_SPAN = r"(?:период\w*|сезон\w*|время|времени|месяц\w*)(?!\w)"

# ------------------------------------------------------------ phrase patterns
# One pattern per phrase kind; ``timing.py`` maps each key to its meaning.
PHRASES: dict[str, str] = {
    "as_needed": (
        r"(?:(?:в\s+случае|по\s+мере|при|по)\s+)?(?:необходимост\w*|надобност\w*|потребност\w*)"
    ),
    # a head + complement words; the handler keeps the longest prefix that reads
    # as a genitive noun phrase
    "as_needed_of": rf"(?P<head>{AS_NEEDED_HEAD}){COMPLEMENT}",
    "scheduled": rf"(?P<head>{SCHEDULE_HEAD}){COMPLEMENT}",
    "all_year": (
        rf"{TECH}\s*(?:всего\s+)?(?:{YEARS}\s*(?:{ADJ}\s+)?{YUNIT}?|(?:{ADJ}\s+)?(?:{YUNIT}|периода|срока))"
        rf"|(?:(?:за|на|в)\s+)?(?:весь|всего)\s+(?:{YEARS}\s*)?(?:{ADJ}\s+)?(?:период\w*|год\w*|срок\w*)"
        r"|круглый\s+год|круглогодичн\w*|постоянно|регулярно|систематически|непрерывно"
        r"|в\s+постоянном\s+режиме|на\s+постоянной\s+основе"
    ),
    "every": (
        r"(?P<adv>" + "|".join(EVERY_ADVERBS) + r")"
        r"|(?P<abbr>" + "|".join(sorted(EVERY_ABBREVIATIONS, key=len, reverse=True)) + r")(?!\w)\.?"
        rf"|кажд(?:ый|ую|ое|ого|ом|ые|ых|ой)\s+(?:(?P<n>\d{{1,2}}|{NUMW})\s+)?(?P<u>{EVERY_UNIT})"
    ),
    "frequency": (
        rf"{LIMIT}{TIMES}\s*(?:в\s+течени[еи](?:\s+всего)?|в\s*теч\.|в|во|за|на|через)?\s*"
        rf"(?:(?P<pn>\d{{1,2}}(?:\s*-\s*\d{{1,2}})?|{NUMW}){SUFFIX}?\s*)?(?P<per>{PER})"
    ),
    "count_only": rf"{LIMIT}{TIMES}",  # "не реже 1-го раза" (the period follows on the next line)
    # "по итогам I полугодия и года": a list of up to four periods, each read by the handler
    "results": (
        rf"по\s+(?:итогам|результатам)\s+(?:работы\s+)?(?:за\s+)?{_RESULT_OBJ}"
        rf"(?:\s*(?:,|и(?!\w))\s*(?:за\s+)?{_RESULT_OBJ}){{0,3}}"
    ),
    # "02-03.2021": a month range written as numeric dates sharing one year
    "month_span": (
        r"(?<![\d.])(?P<a>0?[1-9]|1[0-2])\s*-\s*(?P<b>0?[1-9]|1[0-2])\.(?:19|20)\d\d(?![\d.])"
    ),
    # "весной", "в летний период", "в весенне-летний период" (a compound spans its seasons)
    "season": (
        rf"(?<![\w-])(?:{SEASON_NOUN}|{SEASON_ADJ}(?:\s*-\s*{SEASON_ADJ})*\s+{SEASON_SPAN})"
    ),
    "year_end": (
        rf"(?:(?:в|до|к)\s+)?(?:конц[еау]|конец)\s+(?:(?:текущего|отчетного|календарного)\s+)?(?:{YEARS}\s*)?{YUNIT}"
    ),
    "year_start": (
        rf"(?:(?:в|с|к)\s+)?(?:начал[еоау])\s+(?:(?:текущего|отчетного|календарного)\s+)?(?:{YEARS}\s*)?{YUNIT}"
    ),
    "periods": ORDUNIT,  # quarters and half-years
    "months": rf"(?P<a>{ATOM})(?:\s*{YEARS}\s*{YUNIT}?)?(?:\s*(?:-|по|до)\s*(?P<b>{ATOM}))?",
    "within": (  # "в течение месяца", "в течение 10 рабочих дней": understood, sets nothing
        rf"{TECH}\s*(?:(?:\d{{1,3}}(?:\s*-\s*\d{{1,3}})?|{NUMW}){SUFFIX}?\s*(?:рабочих\s+|календарных\s+)?"
        r"(?:месяц\w*|мес(?!\w)\.?|недел\w*|нед(?!\w)\.?|дн\w*|день|суток|сутки|час\w*)"
        r"|месяца|недели|квартала|полугодия|дня|суток)"
    ),
    # "до 20 числа", "до последнего числа месяца", "до 20 числа последнего месяца квартала",
    # "до 5 числа месяца, следующего за отчетным кварталом": understood, sets nothing
    "day_of_month": (
        rf"(?:(?:до|к|не\s+позднее|не\s+позже)\s+)?(?:\d{{1,2}}{SUFFIX}?|последне\w*)\s*числ\w*"
        rf"(?:\s+(?:(?:{DAY_OF})\s+)?{PERIOD_OF}(?:\s+{PERIOD_OF})?)?"
        r"(?:\s*,?\s*следующ\w*\s+за\s+(?:отчетн|истекш|прошедш)\w*(?:\s+(?:месяц|квартал|полугоди|период|год)\w*)?)?"
    ),
    "weekday": rf"(?:по\s+)?(?:{WEEKDAYS})",
}
