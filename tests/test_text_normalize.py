"""Tests for planparse.normalize.text (clean_title, fold, is_lowercase_start, strip_bullet)
and planparse.normalize.repair (OCR repairs: look-alike letters, zeros, split words)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.normalize.numerals import from_roman, to_roman
from planparse.normalize.repair import repair_text
from planparse.normalize.text import (
    clean_title,
    drop_hyphen,
    fold,
    is_lowercase_start,
    strip_bullet,
)

CLEAN_TITLE_CASES = [
    # line-end hyphenation: real compounds keep the hyphen, soft breaks lose it
    (["Проведение семинара-", "совещания"], "Проведение семинара-совещания"),
    (["Мониторинг за социально-", "политической ситуацией"], "Мониторинг за социально-политической ситуацией"),
    (["Вопросы органи-", "зации работы"], "Вопросы организации работы"),
    (["Развитие местного само-", "управления"], "Развитие местного самоуправления"),
    (["Про-", "ведение конкурса"], "Проведение конкурса"),
    (["Совет Ханты-", "Мансийского округа"], "Совет Ханты-Мансийского округа"),
    (["учёт соц. сельско-", "хозяйственных предприятий"], "учёт соц. сельскохозяйственных предприятий"),
    # in-line hyphen-space breaks
    (["Организация семинара- совещания"], "Организация семинара-совещания"),
    (["Вопросы органи- зации"], "Вопросы организации"),
    (["Мероприятия в рамках информационно-и учебно-методического"],
     "Мероприятия в рамках информационно-и учебно-методического"),
    # spaced dashes are never touched
    (["июнь – сентябрь"], "июнь – сентябрь"),
    (["Поездка Москва - Тула"], "Поездка Москва - Тула"),
    # plain wrapping and whitespace
    (["Мониторинг нормативно-правовых актов по вопросам местного ", "самоуправления "],
     "Мониторинг нормативно-правовых актов по вопросам местного самоуправления"),
    (["  Заседание\u00a0\tПравления  "], "Заседание Правления"),
    (["Заседание", "", "   ", "Правления"], "Заседание Правления"),
    (["Подготовка и\nпроведение выборов"], "Подготовка и проведение выборов"),
    (["органи\u00ad", "зации"], "организации"),
    # bullets
    (["-Участие в региональных мероприятиях,"], "Участие в региональных мероприятиях"),
    (["- Заседания Смоленского Регионального ", "совета  "], "Заседания Смоленского Регионального совета"),
    (["-- Сбор информации о ситуации в ", "муниципальных образованиях "],
     "Сбор информации о ситуации в муниципальных образованиях"),
    (["– Олимпиада"], "Олимпиада"),
    (["— Конкурс"], "Конкурс"),
    (["• Публикация материалов"], "Публикация материалов"),
    (["·Публикация"], "Публикация"),
    (["* Семинар"], "Семинар"),
    (["● Совещание"], "Совещание"),
    (["▪ Форум"], "Форум"),
    (["-5 градусов"], "-5 градусов"),
    (["- - двойной маркер"], "двойной маркер"),
    # trailing punctuation
    (["Проект «Культура и власть»:"], "Проект «Культура и власть»"),
    (["Организация приема в члены ВСМС", "вновь избранных глав;"], "Организация приема в члены ВСМС вновь избранных глав"),
    (["Заседания Палат (при необходимости): "], "Заседания Палат (при необходимости)"),
    (["Публикация и т.д."], "Публикация и т.д."),
    # kept as printed
    (["МОЙ ВЫБОР 2018 (Избирком)"], "МОЙ ВЫБОР 2018 (Избирком)"),
    ([], ""),
    (["", "  "], ""),
]


@pytest.mark.parametrize(("lines", "expected"), CLEAN_TITLE_CASES)
def test_clean_title(lines: list[str], expected: str) -> None:
    assert clean_title(lines) == expected


def test_clean_title_accepts_tuple() -> None:
    assert clean_title(("Заседание", "Правления;")) == "Заседание Правления"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("органи", "зации", True),
        ("про", "ведение", True),
        ("работ", "ники", True),
        ("семинара", "совещания", False),
        ("социально", "политической", False),
        ("интернет", "изданиях", False),
        ("кто", "то", False),
    ],
)
def test_drop_hyphen(left: str, right: str, expected: bool) -> None:
    assert drop_hyphen(left, right) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  «Ёлка»  —  Праздник ", '"елка" - праздник'),
        ("Июнь–Сентябрь", "июнь-сентябрь"),
        ("“Лучший” „муниципальный“", '"лучший" "муниципальный"'),
        ("a\u00a0\t b", "a b"),
        ("", ""),
    ],
)
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("самоуправления", True),
        ("  «лучший»", True),
        ("(в т.ч. публикация)", True),
        ("Президиум", False),
        ("1. мониторинг", False),
        ("- заседание", False),
        ("", False),
        ("«»", False),
    ],
)
def test_is_lowercase_start(text: str, expected: bool) -> None:
    assert is_lowercase_start(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Участие", ("Участие", True)),
        ("-Участие", ("Участие", True)),
        ("-- Сбор", ("Сбор", True)),
        ("  • Пункт ", ("Пункт", True)),
        ("-5 градусов", ("-5 градусов", False)),
        ("Участие", ("Участие", False)),
        ("", ("", False)),
        ("-", ("", True)),
    ],
)
def test_strip_bullet(text: str, expected: tuple[str, bool]) -> None:
    assert strip_bullet(text) == expected


_TITLE_ALPHABET = st.sampled_from(
    list("абвгдезиклмнопрстуфхцчшщыэюяАБВГДЕМПРСТ-–—•*·:;,. \t\u00a0\n«»()\"5") + ["органи-", "зации", "семинара- "]
)
_TITLE_TEXT = st.lists(_TITLE_ALPHABET, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=5))
def test_clean_title_never_raises_and_is_idempotent(lines: list[str]) -> None:
    once = clean_title(lines)
    assert once == once.strip()
    assert clean_title([once]) == once


@settings(max_examples=150, deadline=None)
@given(st.lists(_TITLE_TEXT, max_size=5))
def test_clean_title_idempotent_on_title_like_text(lines: list[str]) -> None:
    once = clean_title(lines)
    assert clean_title([once]) == once
    assert not once.endswith((":", ";", ","))
    assert "  " not in once


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_strip_bullet_is_stable(text: str) -> None:
    rest, _ = strip_bullet(text)
    assert strip_bullet(rest) == (rest, False)


REPAIR_CASES: list[tuple[str, str, bool]] = [
    # Latin look-alikes inside Cyrillic words
    ("Кoмитет по тpуду", "Комитет по труду", True),
    ("Oтдел кадров", "Отдел кадров", True),
    ("зaместитель главы", "заместитель главы", True),
    ("Пресc-служба", "Пресс-служба", True),
    # a zero inside a Cyrillic word is the letter "о"
    ("Доклад 0б итогах", "Доклад об итогах", True),
    ("К0МИССИЯ", "КОМИССИЯ", True),
    ("к 100-летию района", "к 100-летию района", False),
    ("в 2030г.", "в 2030г.", False),
    # a lone Latin look-alike letter between Cyrillic words
    ("Доклад o работе", "Доклад о работе", True),
    ("встреча c избирателями", "встреча с избирателями", True),
    ("прием y главы", "прием у главы", True),
    ("правила k соседям", "правила к соседям", True),
    ("семинар «Школа a депутата»", "семинар «Школа а депутата»", True),
    ("пункт a)", "пункт a)", False),  # no Cyrillic word after it
    ("Plan A Team", "Plan A Team", False),
    ("сайт www.example.ru", "сайт www.example.ru", False),
    # words split by a stray space: one part unknown
    ("Конк урс чтецов", "Конкурс чтецов", True),
    ("работа с молоде жью", "работа с молодежью", True),
    # both parts known: only a short rare inflected right part
    ("земель ные отношения", "земельные отношения", True),  # "ные" unknown anyway
    ("техничес кие вопросы", "технические вопросы", True),
    ("архивные право вые документы", "архивные правовые документы", True),  # "вые": a form of "выя"
    ("по том вопросу", "по том вопросу", False),  # a preposition on the left
    ("за кон", "за кон", False),
    ("вы бор", "вы бор", False),  # "бор" is a headword, a word of its own
    ("план дня", "план дня", False),
    ("отчет главы", "отчет главы", False),
    ("", "", False),
]


@pytest.mark.parametrize(("text", "expected", "changed"), REPAIR_CASES)
def test_repair_text(text: str, expected: str, changed: bool) -> None:
    assert repair_text(text) == (expected, changed)


_CYRILLIC_WORDS = [
    "Совет", "депутатов", "комиссия", "по", "вопросам", "местного", "самоуправления", "о", "работе",
    "Администрации", "с", "обращениями", "граждан", "у", "секретарь", "отдел", "правовой", "к", "плану",
]
_TO_LATIN = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "к": "k", "А": "A",
             "В": "B", "С": "C", "Е": "E", "К": "K", "М": "M", "О": "O", "Р": "P", "Т": "T", "Х": "X"}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_CYRILLIC_WORDS), min_size=2, max_size=8), st.data())
def test_repair_restores_latin_lookalikes(words: list[str], data: st.DataObject) -> None:
    """Cyrillic text with some look-alike letters swapped for Latin ones is restored
    (a one-letter word only between two Cyrillic words); clean text is left alone."""
    assert repair_text(" ".join(words)) == (" ".join(words), False)
    noisy = []
    for k, word in enumerate(words):
        inner = 0 < k < len(words) - 1
        if len(word) == 1 and not inner:
            noisy.append(word)
            continue
        swap = data.draw(st.sets(st.sampled_from(range(len(word)))))
        noisy.append("".join(_TO_LATIN.get(ch, ch) if i in swap else ch for i, ch in enumerate(word)))
    repaired, changed = repair_text(" ".join(noisy))
    assert repaired == " ".join(words)
    assert changed is (noisy != words)


_LONG_WORDS = ["самоуправления", "законодательства", "муниципальных", "представительного", "градостроительства",
               "администрации", "информационного", "предложений", "деятельности"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_LONG_WORDS), st.integers(2, 12), st.sampled_from(["", "Комиссия по "]))
def test_repair_rejoins_a_word_split_into_a_non_word(word: str, cut: int, before: str) -> None:
    """A dictionary word broken by a stray space comes back whole whenever a part is
    not a word itself; otherwise the text is left as it is (never some third spelling)."""
    from planparse.normalize.text import is_known_word

    cut = min(cut, len(word) - 2)
    left, right = word[:cut], word[cut:]
    repaired, changed = repair_text(f"{before}{left} {right}")
    if not (is_known_word(left) and is_known_word(right)):
        assert (repaired, changed) == (f"{before}{word}", True)
    else:
        assert repaired in (f"{before}{word}", f"{before}{left} {right}")


@given(st.integers(min_value=1, max_value=399))
def test_roman_numerals_round_trip(n: int) -> None:
    assert from_roman(to_roman(n)) == n
