"""Tests for planparse.normalize.timing: parse_timing, timing_score, is_complete_timing."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.model import Timing
from planparse.normalize.timing import (
    is_complete_timing,
    parse_timing,
    sets_timing,
    strip_remarks,
    timing_ocr_repaired,
    timing_score,
)
from planparse.normalize.timing_vocab import EVERY_ABBREVIATIONS, EVERY_ADVERBS

H1, H2 = tuple(range(1, 7)), tuple(range(7, 13))
Q = {1: (1, 2, 3), 2: (4, 5, 6), 3: (7, 8, 9), 4: (10, 11, 12)}

# text, months, all_year, times_per_year, as_needed, understood
PARSE_CASES: list[tuple[str, tuple[int, ...], bool, float | None, bool, bool]] = [
    # single months, every case, abbreviations, capitalisation
    ("апрель", (4,), False, None, False, True),
    ("Апреля", (4,), False, None, False, True),
    ("в апреле", (4,), False, None, False, True),
    ("ЯНВАРЬ", (1,), False, None, False, True),
    ("янв.", (1,), False, None, False, True),
    ("янв", (1,), False, None, False, True),
    ("в феврале", (2,), False, None, False, True),
    ("фев.", (2,), False, None, False, True),
    ("май", (5,), False, None, False, True),
    ("мая", (5,), False, None, False, True),
    ("в мае", (5,), False, None, False, True),
    ("Сент.", (9,), False, None, False, True),
    ("в декабре", (12,), False, None, False, True),
    ("ноябрь", (11,), False, None, False, True),
    ("август", (8,), False, None, False, True),
    ("июль", (7,), False, None, False, True),
    ("октябре", (10,), False, None, False, True),
    # ranges
    ("июнь – сентябрь", (6, 7, 8, 9), False, None, False, True),
    ("Июнь-сентябрь", (6, 7, 8, 9), False, None, False, True),
    ("июнь—сентябрь", (6, 7, 8, 9), False, None, False, True),
    ("июнь ‒ сентябрь", (6, 7, 8, 9), False, None, False, True),
    ("июнь\u00a0–\u00a0сентябрь", (6, 7, 8, 9), False, None, False, True),
    ("с марта по май", (3, 4, 5), False, None, False, True),
    ("С МАРТА ПО МАЙ", (3, 4, 5), False, None, False, True),
    ("с марта до мая", (3, 4, 5), False, None, False, True),
    ("ноябрь - февраль", (1, 2, 11, 12), False, None, False, True),
    ("декабрь-январь", (1, 12), False, None, False, True),
    ("в мае-июне", (5, 6), False, None, False, True),
    ("январь–март 2024 г.", (1, 2, 3), False, None, False, True),
    ("декабрь 2024 - январь 2025", (1, 12), False, None, False, True),
    ("с 01.03.2024 по 31.05.2024", (3, 4, 5), False, None, False, True),
    ("30 мая - 2 июня", (5, 6), False, None, False, True),
    ("1-15 марта", (3,), False, None, False, True),
    ("с 1 по 15 марта", (3,), False, None, False, True),
    # lists
    ("март, июнь, сентябрь", (3, 6, 9), False, None, False, True),
    ("март и октябрь", (3, 10), False, None, False, True),
    ("январь, март - май", (1, 3, 4, 5), False, None, False, True),
    # quarters
    ("I квартал", Q[1], False, None, False, True),
    ("1 кв.", Q[1], False, None, False, True),
    ("1кв", Q[1], False, None, False, True),
    ("1-й квартал", Q[1], False, None, False, True),
    ("II–III кварталы", Q[2] + Q[3], False, None, False, True),
    ("в IV квартале", Q[4], False, None, False, True),
    ("IV кв", Q[4], False, None, False, True),
    ("IV кв-л", Q[4], False, None, False, True),
    ("Iкв.", Q[1], False, None, False, True),
    ("І квартал", Q[1], False, None, False, True),  # Cyrillic/Ukrainian "І" from OCR
    ("I и III кварталы", Q[1] + Q[3], False, None, False, True),
    ("1, 2 и 4 кварталы", Q[1] + Q[2] + Q[4], False, None, False, True),
    ("1-2 квартал", Q[1] + Q[2], False, None, False, True),
    ("IV - I квартал", Q[1] + Q[4], False, None, False, True),
    ("третий квартал", Q[3], False, None, False, True),
    ("в течение I квартала", Q[1], False, None, False, True),
    ("4 квартал 2024 г.", Q[4], False, None, False, True),
    # half-years
    ("I полугодие", H1, False, None, False, True),
    ("II полугодие", H2, False, None, False, True),
    ("II  полугодие", H2, False, None, False, True),
    ("1 полугодие", H1, False, None, False, True),
    ("второе полугодие", H2, False, None, False, True),
    ("в первом полугодии", H1, False, None, False, True),
    ("во 2-м полугодии", H2, False, None, False, True),
    ("I-II полугодие", H1 + H2, False, None, False, True),
    # Roman numerals / impossible ordinals are not months
    ("III", (), False, None, False, False),
    ("V квартал", (), False, None, False, False),
    ("3 полугодие", (), False, None, False, False),
    # OCR look-alikes of Roman numerals, only before a quarter/half-year unit
    ("П квартал", Q[2], False, None, False, True),
    ("Ш кв.", Q[3], False, None, False, True),
    ("ГУ кв", Q[4], False, None, False, True),
    ("lll квартал", Q[3], False, None, False, True),
    ("ll-lV кварталы", Q[2] + Q[3] + Q[4], False, None, False, True),
    ("Ь II кв.", Q[1] + Q[2], False, None, False, True),  # "I," read as "Ь"
    ("П - Ш кварталы", Q[2] + Q[3], False, None, False, True),
    ("ГУ - l квартал", Q[1] + Q[4], False, None, False, True),  # across the year end, like "IV - I"
    ("Ш полугодие", (), False, None, False, False),  # no third half-year
    ("П полугодие", H2, False, None, False, True),
    ("по итогам П квартала", (7,), False, None, False, True),
    ("П", (), False, None, False, False),
    ("Ш", (), False, None, False, False),
    ("п. 4 кв.", Q[4], False, None, False, False),  # "п." is no numeral
    # whole period
    ("в течение года", (), True, None, False, True),
    ("В ТЕЧЕНИЕ ГОДА", (), True, None, False, True),
    ("в течении года", (), True, None, False, True),
    ("в теч. года", (), True, None, False, True),
    ("в теч.года", (), True, None, False, True),
    ("весь период", (), True, None, False, True),
    ("в течение всего периода", (), True, None, False, True),
    ("в течение 2024 года", (), True, None, False, True),
    ("в течение 2024-2025 учебного года", (), True, None, False, True),
    ("постоянно", (), True, None, False, True),
    ("круглогодично", (), True, None, False, True),
    ("на протяжении всего года", (), True, None, False, True),
    # frequencies
    ("ежемесячно", (), True, 12.0, False, True),
    ("Ежеквартально", (), True, 4.0, False, True),
    ("еженедельно", (), True, 52.0, False, True),
    ("ежегодно", (), False, 1.0, False, True),
    ("1 раз в год", (), False, 1.0, False, True),
    ("один раз в год", (), False, 1.0, False, True),
    ("2 раза в год", (), False, 2.0, False, True),
    ("дважды в год", (), False, 2.0, False, True),
    ("2 р. в год", (), False, 2.0, False, True),
    ("не реже 1 раза в квартал", (), True, 4.0, False, True),
    ("не реже 1-го раза в 6 месяцев", (), True, 2.0, False, True),
    ("не реже 1-го раза в 3 месяца", (), True, 4.0, False, True),
    ("3 раза в месяц", (), True, 36.0, False, True),
    ("раз в полгода", (), True, 2.0, False, True),
    ("1 раз в полугодие", (), True, 2.0, False, True),
    ("раз в два года", (), False, 0.5, False, True),
    ("1 раз в 2-3 месяца", (), True, 4.0, False, True),
    ("2 раза в течение года", (), False, 2.0, False, True),
    ("каждые 2 месяца", (), True, 6.0, False, True),
    ("еженедельно по пятницам", (), True, 52.0, False, True),
    ("ежемесячно до 5 числа", (), True, 12.0, False, True),
    ("ежегодно в марте", (3,), False, 1.0, False, True),
    # shortened "еже-" adverbs, with or without the dot
    ("ежекв.", (), True, 4.0, False, True),
    ("Ежекварт.", (), True, 4.0, False, True),
    ("ежемес", (), True, 12.0, False, True),
    ("ежегодн., в мае", (5,), False, 1.0, False, True),
    ("еженед. по средам", (), True, 52.0, False, True),
    ("ежеполуг.", (), True, 2.0, False, True),
    ("еже", (), False, None, False, False),
    ("ежемесячного", (), False, None, False, False),  # an adjective, not a timing
    ("2 раза в год (май, октябрь)", (5, 10), False, 2.0, False, True),
    # as needed
    ("по мере необходимости", (), False, None, True, True),
    ("при необходимости", (), False, None, True, True),
    ("(при необходимости)", (), False, None, True, True),
    ("по необходимости", (), False, None, True, True),
    ("по мере необходимости, но не реже 1-го раза в 3 месяца", (), True, 4.0, True, True),
    # as needed with a genitive complement (adjective + noun allowed)
    ("по мере поступления обращений", (), False, None, True, True),
    ("По мере поступления ходатайств", (), False, None, True, True),
    ("по мере поступления письменных жалоб", (), False, None, True, True),
    ("по мере возникновения вопросов", (), False, None, True, True),
    ("по запросу прокуратуры", (), False, None, True, True),
    ("по требованию контрольного органа", (), False, None, True, True),
    ("по мере поступления, ежемесячно", (), True, 12.0, True, True),
    ("по мере поступления в архив", (), False, None, True, False),  # "архив" is no genitive
    ("по мере поступления средств из бюджета", (), False, None, True, False),
    # "по мере" + any genitive event noun phrase; a request word alone or with a complement
    ("по мере проведения", (), False, None, True, True),
    ("по мере изменения законодательства", (), False, None, True, True),
    ("по мере изменения федерального законодательства", (), False, None, True, True),
    ("по мере формирования повестки заседания", (), False, None, True, True),
    ("по приглашению", (), False, None, True, True),
    ("По приглашению организаторов", (), False, None, True, True),
    ("по запросам", (), False, None, True, True),
    ("по запросу", (), False, None, True, True),
    ("по запросам органов местного самоуправления", (), False, None, True, True),
    ("по обращениям граждан", (), False, None, True, True),
    ("по заявке", (), False, None, True, True),
    ("по запросам, ежеквартально", (), True, 4.0, True, True),
    ("по запросам в течение года", (), True, None, True, True),
    ("по мере", (), False, None, False, True),  # "по мере" alone says nothing
    ("по мере в", (), False, None, False, True),
    ("по обращению с отходами", (), False, None, True, False),  # "с отходами" is no genitive
    # scheduled elsewhere (a schedule/plan document): understood, sets nothing
    ("по графику", (), False, None, False, True),
    ("по отдельному графику", (), False, None, False, True),
    ("согласно графику", (), False, None, False, True),
    ("согласно утвержденному графику", (), False, None, False, True),
    ("в соответствии с графиком", (), False, None, False, True),
    ("по плану работы Думы", (), False, None, False, True),
    ("в течение года (по отдельному плану)", (), True, None, False, True),
    ("ежемесячно (по графику)", (), True, 12.0, False, True),
    ("по графику, март", (3,), False, None, False, True),
    ("по графиком", (), False, None, False, False),  # wrong case: not the phrase
    ("по графику в архив", (), False, None, False, False),
    # dates and deadlines
    ("21 апреля", (4,), False, None, False, True),
    ("до 15.03.2024", (3,), False, None, False, True),
    ("до 1 марта", (3,), False, None, False, True),
    ("15.03.2024", (3,), False, None, False, True),
    ("03.2024", (3,), False, None, False, True),
    ("март 2024 г.", (3,), False, None, False, True),
    ("с сентября", (9,), False, None, False, True),
    ("в течение месяца", (), False, None, False, True),
    ("в течение 10 рабочих дней", (), False, None, False, True),
    # results / year edges
    ("по итогам года", (12,), False, None, False, True),
    ("по итогам 2024 года", (12,), False, None, False, True),
    ("по итогам I полугодия", (7,), False, None, False, True),
    ("по итогам II квартала", (7,), False, None, False, True),
    ("по итогам 9 месяцев", (10,), False, None, False, True),
    ("по итогам полугодия", (7, 12), False, None, False, True),
    ("до конца года", (12,), False, None, False, True),
    ("в начале года", (1,), False, None, False, True),
    # OCR-ish spellings
    ("мaрт", (3,), False, None, False, True),  # Latin "a"
    ("c мaрта пo май", (3, 4, 5), False, None, False, True),  # Latin c, a, o
    ("сен\u00adтябрь", (9,), False, None, False, True),  # soft hyphen
    ("  июнь   –   август  ", (6, 7, 8), False, None, False, True),
    # empty, filler only, not timing
    ("", (), False, None, False, True),
    ("   ", (), False, None, False, True),
    ("2024 год", (), False, None, False, True),
    ("по согласованию", (), False, None, False, False),
    ("Президиум РС ВСМС", (), False, None, False, False),
    ("Марафон добрых дел", (), False, None, False, False),
    ("в течение года (по согласованию)", (), True, None, False, False),
    ("Март, по согласованию", (3,), False, None, False, False),  # a remark, never timing
    ("по согласованию с Правлением", (), False, None, False, False),
    ("не реже 1-го раза в 6", (), False, None, False, False),
]


@pytest.mark.parametrize(("text", "months", "all_year", "tpy", "as_needed", "understood"), PARSE_CASES)
def test_parse_timing(
    text: str, months: tuple[int, ...], all_year: bool, tpy: float | None, as_needed: bool, understood: bool
) -> None:
    t = parse_timing(text)
    assert t.months == months
    assert t.all_year is all_year
    assert t.times_per_year == (pytest.approx(tpy) if tpy is not None else None)
    assert t.as_needed is as_needed
    assert t.understood is understood
    assert (t.leftover == "") is understood


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("П квартал", True),
        ("I, Ш кв.", True),
        ("lV кв.", True),
        ("по итогам Ш квартала", True),
        ("II квартал", False),
        ("І квартал", False),  # Cyrillic "І" is a plain spelling of "I", not a guess
        ("март", False),
        ("П", False),
        ("", False),
    ],
)
def test_timing_ocr_repaired(text: str, repaired: bool) -> None:
    assert timing_ocr_repaired(text) is repaired


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("март", True),
        ("ежемесячно", True),
        ("в течение месяца", True),  # a phrase even though it sets nothing
        ("по мере необходимости", True),
        ("II квартал", True),
        ("период 2026 и 2027 годов", False),  # loose timing words only
        ("2024 год", False),
        ("сроки", False),
        ("Семинар для депутатов", False),
        ("", False),
    ],
)
def test_sets_timing(text: str, expected: bool) -> None:
    assert sets_timing(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ежемесячно (по графику).", "ежемесячно ."),
        ("в течение года (по плану) (ежегодно)", "в течение года"),
        ("март", "март"),
        ("(по согласованию)", ""),
        ("не (закрыто", "не (закрыто"),
    ],
)
def test_strip_remarks(text: str, expected: str) -> None:
    assert strip_remarks(text) == expected


def test_enough_parse_cases() -> None:
    assert len(PARSE_CASES) >= 80


@pytest.mark.parametrize(
    ("text", "leftover"),
    [
        ("в течение года (по согласованию)", "по согласованию"),
        ("не реже 1-го раза в 6", "в 6"),
        ("Март, по   Согласованию", "по Согласованию"),
        ("- Организация семинара", "Организация семинара"),
        ("II", "II"),
    ],
)
def test_leftover(text: str, leftover: str) -> None:
    t = parse_timing(text)
    assert not t.understood
    assert t.leftover == leftover


@pytest.mark.parametrize("junk", ["1, " * 1500, "I - " * 1500, "1-2, " * 1500, "1 по " * 1500])
def test_long_junk_is_fast(junk: str) -> None:
    start = time.perf_counter()
    assert not parse_timing(junk).understood
    assert time.perf_counter() - start < 2.0


def test_empty_is_default_timing() -> None:
    assert parse_timing("") == Timing()
    assert parse_timing(" \t\n") == Timing()


SCORE_CASES: list[tuple[str, float, float]] = [  # text, lowest, highest
    ("июнь – сентябрь", 1.0, 1.0),
    ("весь период", 1.0, 1.0),
    ("в течение года", 1.0, 1.0),
    ("II квартал", 1.0, 1.0),
    ("ежемесячно", 1.0, 1.0),
    ("по мере необходимости", 1.0, 1.0),
    ("не реже 1-го раза в 6", 0.8, 1.0),
    ("месяцев", 0.8, 1.0),
    ("в течение", 0.8, 1.0),
    ("II", 0.8, 1.0),
    ("в течение года (по согласованию)", 0.3, 0.7),
    ("Президиум РС ВСМС", 0.0, 0.0),
    ("Заседания Смоленского Регионального", 0.0, 0.0),
    ("- Организация семинара", 0.0, 0.0),
    ("Проведение обучающих семинаров для лидеров и активистов ТОС", 0.0, 0.29),
    ("Конкурс «Лучший руководитель ТОС»", 0.0, 0.29),
    ("Члены РО по согласованию РС ВСМС", 0.0, 0.29),
    ("Председатель Совета, члены Президиума", 0.0, 0.29),
    ("Подготовка ежемесячного отчета", 0.0, 0.29),
    ("I Всероссийский форум ТОС", 0.0, 0.29),
    ("Отчет о работе за 2024 год", 0.0, 0.59),
    ("", 0.0, 0.0),
    ("—", 0.0, 0.0),
]


@pytest.mark.parametrize(("text", "low", "high"), SCORE_CASES)
def test_timing_score(text: str, low: float, high: float) -> None:
    assert low <= timing_score(text) <= high


COMPLETE_CASES: list[tuple[str, bool]] = [
    ("не реже 1-го раза в 6", False),
    ("не реже 1-го раза в 6 месяцев", True),
    ("по мере необходимости, но", False),
    ("по мере необходимости", True),
    ("июнь – сентябрь", True),
    ("июнь –", False),
    ("июнь,", False),
    ("с", False),
    ("до", False),
    ("в течение", False),
    ("в течение года", True),
    ("в течение года.", True),
    ("по мере", False),
    ("2 раза", False),
    ("II", False),
    ("II квартал", True),
    ("до 1", False),
    ("21 апреля", True),
    ("март 2024", True),
    ("", False),
    ("-", False),
    ("Президиум РС ВСМС", False),
    ("в течение года (по согласованию)", False),
    ("по отдельному графику", True),
    ("по мере проведения", True),
    ("по запросам", True),
    ("по мере поступления в", False),
]


@pytest.mark.parametrize(("text", "complete"), COMPLETE_CASES)
def test_is_complete_timing(text: str, complete: bool) -> None:
    assert is_complete_timing(text) is complete


# ------------------------------------------------------------------ properties
VOCAB = [
    "январь", "марта", "мае", "сент.", "дек", "I", "II", "IV", "V", "кв.", "квартал", "полугодие",
    "полугодии", "в", "с", "по", "до", "течение", "теч.", "года", "г.", "2024", "1-го", "раза", "раз",
    "не", "реже", "месяцев", "ежемесячно", "еже", "по мере", "необходимости", "итогам", "15.03.2024",
    "31.13.2024", "0", "99", "6", "-", "–", "—", ",", "(", ")", "и", "каждые", "весь", "период",
]
vocab_text = st.lists(st.sampled_from(VOCAB), max_size=10).map(" ".join)
# letters whose case change round-trips, so ``upper()`` keeps the same text
SAFE_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz0123456789 .,-–()«»/"


def _core(t: Timing) -> tuple[object, ...]:
    return (t.months, t.all_year, t.times_per_year, t.as_needed, t.understood, t.leftover.lower())


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=60), vocab_text))
def test_parse_never_raises_and_is_well_formed(text: str) -> None:
    t = parse_timing(text)
    assert all(1 <= m <= 12 for m in t.months)
    assert list(t.months) == sorted(set(t.months))
    assert t.times_per_year is None or t.times_per_year > 0
    assert t.understood is (t.leftover == "")
    assert t.leftover == " ".join(t.leftover.split())
    assert 0.0 <= timing_score(text) <= 1.0
    assert isinstance(is_complete_timing(text), bool)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(alphabet=SAFE_ALPHABET, max_size=40), vocab_text))
def test_parse_is_stable_under_case_and_spacing(text: str) -> None:
    base = _core(parse_timing(text))
    assert _core(parse_timing(text.upper())) == base
    assert _core(parse_timing("  " + "   ".join(text.split()) + " \u00a0")) == base
    assert timing_score(text.upper()) == pytest.approx(timing_score(text))


# OCR look-alikes a Roman quarter/half-year numeral may be read as
_OCR_FORMS = {1: ["Ь", "l"], 2: ["П", "ll", "Il", "lI"], 3: ["Ш", "lll", "Ill", "lIl"], 4: ["ГУ", "lV"]}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER_UNITS = ["квартал", "кв.", "кв", "квартале", "квартала"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=3, unique=True).map(sorted),
    st.sampled_from(_QUARTER_UNITS),
    st.data(),
)
def test_ocr_numerals_read_like_roman_and_are_reported(numbers: list[int], unit: str, data: st.DataObject) -> None:
    """Any quarter list with some numerals OCR'd reads as the printed Roman list, and says so."""
    forms = [data.draw(st.sampled_from([_ROMAN[n], *_OCR_FORMS[n]])) for n in numbers]
    roman = parse_timing(", ".join(_ROMAN[n] for n in numbers) + " " + unit)
    ocr = parse_timing(", ".join(forms) + " " + unit)
    assert ocr.months == roman.months and ocr.understood
    guessed = any(f != _ROMAN[n] for f, n in zip(forms, numbers, strict=True))
    assert timing_ocr_repaired(", ".join(forms) + " " + unit) is guessed


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(EVERY_ABBREVIATIONS)),
    st.booleans(),
    st.sampled_from(["", " в течение года", ", до 5 числа"]),
)
def test_every_abbreviation_reads_like_its_adverb(abbr: str, dot: bool, tail: str) -> None:
    full = parse_timing(EVERY_ABBREVIATIONS[abbr] + tail)
    short = parse_timing(abbr + ("." if dot else "") + tail)
    assert short == full and short.understood
    assert EVERY_ABBREVIATIONS[abbr] in EVERY_ADVERBS


_GENITIVE_COMPLEMENTS = [
    "заявок", "документов", "жалоб", "предложений", "письменных обращений", "новых кандидатур", "средств",
    "органов местного самоуправления", "федерального законодательства", "Правительства области",
]
_AS_NEEDED_HEADS = [
    "по мере поступления", "по мере возникновения", "по запросу", "по требованию", "по мере изменения",
    "по мере проведения", "по приглашению", "по запросам", "по обращениям", "по заявкам", "по мере подготовки",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_AS_NEEDED_HEADS), st.sampled_from(_GENITIVE_COMPLEMENTS))
def test_as_needed_with_genitive_is_understood(head: str, complement: str) -> None:
    text = f"{head} {complement}"
    t = parse_timing(text)
    assert t.as_needed and t.understood
    assert is_complete_timing(text) and timing_score(text) == 1.0


_REQUEST_HEADS = ["по запросу", "по запросам", "по приглашению", "по обращениям", "по заявкам", "по требованию"]
_OTHER_TIMINGS = ["", ", ежемесячно", ", II квартал", " в течение года", ", до 1 марта"]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_REQUEST_HEADS), st.sampled_from(_OTHER_TIMINGS))
def test_request_word_alone_is_as_needed(head: str, tail: str) -> None:
    """A request word needs no complement; what follows it is read as before."""
    t, rest = parse_timing(head + tail), parse_timing(tail.lstrip(", "))
    assert t.as_needed and t.understood
    assert (t.months, t.all_year, t.times_per_year) == (rest.months, rest.all_year, rest.times_per_year)


_SCHEDULES = [
    "по графику", "по отдельному графику", "согласно графику", "по утвержденному графику", "по плану",
    "согласно плану работы Думы", "в соответствии с графиком", "по отдельному расписанию",
    "по графику проведения заседаний",
]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_SCHEDULES), st.sampled_from(_OTHER_TIMINGS), st.booleans())
def test_schedule_elsewhere_is_understood_and_sets_nothing(schedule: str, other: str, remark: bool) -> None:
    """"по графику" & co say the dates are in another document: understood, and they
    add nothing to the timing they come with (also as a parenthesised remark)."""
    other = other.lstrip(", ")
    text = f"{other} ({schedule})" if remark and other else f"{schedule} {other}".strip()
    assert parse_timing(text) == parse_timing(other)
    assert parse_timing(schedule) == Timing()
    assert is_complete_timing(schedule) and sets_timing(schedule)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["", "Правлением", "с Президиумом", "с органами власти"]), st.sampled_from(_OTHER_TIMINGS))
def test_agreement_remark_is_never_timing(complement: str, other: str) -> None:
    """"по согласованию" ("as agreed with ...") is a remark, never a timing."""
    remark = f"по согласованию {complement}".strip()
    t = parse_timing(f"{other.lstrip(', ')}, {remark}" if other else remark)
    assert not t.understood and t.leftover.endswith(remark)
    assert not t.as_needed


@pytest.mark.parametrize(
    ("counted", "every"),
    [
        ("1 раз в месяц", "ежемесячно"),
        ("1 раз в квартал", "ежеквартально"),
        ("1 раз в полугодие", "ежеполугодно"),
        ("раз в неделю", "еженедельно"),
        ("1 раз в год", "ежегодно"),
        ("1 раз в 3 месяца", "каждые 3 месяца"),
    ],
)
def test_a_counted_frequency_means_what_its_adverb_means(counted: str, every: str) -> None:
    a, b = parse_timing(counted), parse_timing(every)
    assert (a.all_year, a.times_per_year) == (b.all_year, b.times_per_year)


# Tails the grammar reads (D15): an abbreviation naming who asks or whose plan, a day of the month
# counted in a named month or period.  Each: text, months, all_year, times per year, as needed.
@pytest.mark.parametrize(
    ("text", "months", "all_year", "tpy", "as_needed"),
    [
        ("по запросам МСУ", (), False, None, True),
        ("по заявкам ТОС и СОНКО", (), False, None, True),
        ("по обращениям ОИВ, в течение года", (), True, None, True),
        ("по приглашению АСМО", (), False, None, True),
        ("согласно плану работы ЦИК", (), False, None, False),
        ("ежеквартально, не позднее 10 числа первого месяца квартала", (), True, 4.0, False),
        ("ежемесячно, до последнего числа месяца", (), True, 12.0, False),
        ("до 25 числа месяца, следующего за отчетным периодом", (), False, None, False),
        ("раз в полугодие, до 15 числа последнего месяца полугодия", (), True, 2.0, False),
    ],
)
def test_tails_that_complete_a_phrase_are_understood(
    text: str, months: tuple[int, ...], all_year: bool, tpy: float | None, as_needed: bool
) -> None:
    t = parse_timing(text)
    assert (t.months, t.all_year, t.times_per_year, t.as_needed) == (months, all_year, tpy, as_needed)
    assert t.understood, t.leftover
    assert is_complete_timing(text)


# A leftover that could change the meaning still leaves the text not understood.
@pytest.mark.parametrize(
    ("text", "leftover"),
    [
        ("по запросам МСУ, кроме августа", "кроме"),
        ("ОИВ по заявкам", "ОИВ"),  # an abbreviation completes only the phrase before it
        ("ПО ЗАЯВКАМ ТОС", "ТОС"),  # in an all-capitals cell capitals say nothing
        ("по заявкам, ТОС", "ТОС"),  # a comma ends the phrase
        ("ежемесячно, до 10 числа последнего", "последнего"),
        ("до 10 числа, кроме января", "кроме"),
        ("ежеквартально, до 10 числа месца квартала", "месца квартала"),
    ],
)
def test_tails_that_could_change_the_meaning_still_count(text: str, leftover: str) -> None:
    t = parse_timing(text)
    assert not t.understood
    assert t.leftover == leftover


SPRING, SUMMER, AUTUMN, WINTER = (3, 4, 5), (6, 7, 8), (9, 10, 11), (1, 2, 12)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        # a month range written as numeric dates sharing one year: "MM-MM.YYYY"
        ("04-05.2022", (4, 5)),
        ("09 – 11.2019", (9, 10, 11)),
        ("11-02.2023", (1, 2, 11, 12)),
        ("в 10-12.2020", (10, 11, 12)),
        # seasons: весна 3-5, лето 6-8, осень 9-11, зима 12, 1, 2; a compound spans them
        ("весной", SPRING),
        ("летом 2022 года", SUMMER),
        ("в осенний период", AUTUMN),
        ("в зимний период", WINTER),
        ("в летнее время", SUMMER),
        ("в весенне-летний период", SPRING + SUMMER),
        ("в осенне-зимний период", tuple(sorted(AUTUMN + WINTER))),
        ("весной и осенью", SPRING + AUTUMN),
        ("в летние месяцы", SUMMER),
        ("зимой", WINTER),
        # "по итогам" with a list of periods: each period's month
        ("по итогам I полугодия и года", (7, 12)),
        ("по итогам I квартала, полугодия и 9 месяцев", (4, 7, 10, 12)),
        ("по результатам 2021 года и I квартала 2022 года", (4, 12)),
    ],
)
def test_month_ranges_seasons_and_result_lists(text: str, months: tuple[int, ...]) -> None:
    t = parse_timing(text)
    assert (t.months, t.understood, t.all_year) == (months, True, False)


@pytest.mark.parametrize(
    "text",
    ["15-20.03.2021", "5 лет", "в течение 3 лет", "за последние 5 лет"],
)
def test_no_false_months_from_dates_or_years(text: str) -> None:
    assert parse_timing(text).months in ((), (3,))
    assert 6 not in parse_timing(text).months


@pytest.mark.parametrize("text", ["Организация летнего отдыха детей", "Зимняя спартакиада", "Лето с книгой"])
def test_season_words_in_titles_do_not_read_as_timing(text: str) -> None:
    assert timing_score(text) < 0.5
