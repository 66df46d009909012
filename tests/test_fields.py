"""A numbered item's trailing fields: a final bracket that holds "(срок; ответственный)"."""

from __future__ import annotations

import pytest

from planparse.api import convert_text
from planparse.layouts.fields import split_inline

# (text, (title, timing, responsible)) - a final bracket split into timing and parties.
SPLIT_CASES = [
    pytest.param(
        "Совещание с главами районов (май; Исполнительная дирекция).",
        ("Совещание с главами районов", "май", "Исполнительная дирекция"),
        id="timing-semicolon-party",
    ),
    pytest.param(
        "Семинар для бухгалтеров поселений (III квартал, отдел методической работы)",
        ("Семинар для бухгалтеров поселений", "III квартал", "отдел методической работы"),
        id="timing-comma-lowercase-party",
    ),
    pytest.param(
        "Обзор судебной практики (ежеквартально; юрисконсульт, аппарат Совета);",
        ("Обзор судебной практики", "ежеквартально", "юрисконсульт, аппарат Совета"),
        id="several-parties",
    ),
    pytest.param(
        "Выездные приемы граждан (февраль, август; депутаты Совета)",
        ("Выездные приемы граждан", "февраль, август", "депутаты Совета"),
        id="timing-with-comma-then-semicolon",
    ),
    pytest.param(
        "Выездные приемы граждан (февраль, август, депутаты Совета)",
        ("Выездные приемы граждан", "февраль, август", "депутаты Совета"),
        id="commas-only-longest-timing",
    ),
    pytest.param(
        "Конкурс «Лучшая практика» (до 1 октября; Комитет по местному самоуправлению (КМС))",
        ("Конкурс «Лучшая практика»", "до 1 октября", "Комитет по местному самоуправлению (КМС)"),
        id="nested-bracket-in-party",
    ),
    pytest.param(
        "Учеба депутатов (май – июнь; Н.П. Гордеева)",
        ("Учеба депутатов", "май – июнь", "Н.П. Гордеева"),
        id="range-and-person",
    ),
    pytest.param(
        "Консультирование поселений (по мере обращения; ОМСУ, юрист)",
        ("Консультирование поселений", "по мере обращения", "ОМСУ, юрист"),
        id="abbreviation-party",
    ),
    pytest.param(
        "Публичные слушания по бюджету (Финансовый комитет; ноябрь)",
        ("Публичные слушания по бюджету", "ноябрь", "Финансовый комитет"),
        id="reverse-order",
    ),
    pytest.param(
        "Сверка реестра членов (аппарат Совета, в течение года).",
        ("Сверка реестра членов", "в течение года", "аппарат Совета"),
        id="reverse-order-comma",
    ),
    pytest.param(
        "Отчет за 2025 год (I квартал)",
        ("Отчет за 2025 год", "I квартал", None),
        id="timing-only-still-read",
    ),
]

# A final bracket that is ordinary title text stays in the title.
KEEP_CASES = [
    "Встреча с ветеранами (в том числе в режиме видеосвязи)",
    "Совещание (по согласованию с Администрацией района)",
    "Работа Совета глав (СГ)",
    "Семинар для депутатов (март; в режиме видеоконференции)",
    "Форум сельских старост (сентябрь, г. Сортавала)",
    "Форум сельских старост (сентябрь, Петрозаводск)",
    "Анализ обращений (январь, июль; по итогам работы комиссии)",
    "Заседания комиссии (2 заседания; председатель комиссии)",
    "Слет молодежи (июль, 3 дня)",
    "Конкурс (Совет; Администрация района)",
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_final_bracket_timing_and_parties(text: str, expected: tuple) -> None:
    assert split_inline(text) == expected


@pytest.mark.parametrize("text", KEEP_CASES)
def test_final_bracket_of_title_text_stays(text: str) -> None:
    title, timing, resp = split_inline(text)
    assert (timing, resp) == (None, None)
    assert title == text.rstrip(".;")


def test_numbered_plan_with_inline_brackets() -> None:
    plan = """План работы Совета депутатов Усть-Камского района Пермского края на 2027 год

1. Работа Совета
1.1. Заседания Совета депутатов (ежемесячно (кроме июля); председатель Совета,
     аппарат Совета).
1.2. Отчет главы района перед депутатами (март; глава района Н.П. Гордеева).
1.3. Публичные слушания по проекту бюджета (ноябрь; постоянная комиссия по бюджету).
1.4. Встречи с избирателями в округах (в том числе выездные).
"""
    rows = {a.item_no: a for a in convert_text(plan, "t.txt", layout="numbered").activities}
    assert rows["1.2"].title == "Отчет главы района перед депутатами"
    assert list(rows["1.2"].months) == [3]
    assert list(rows["1.2"].responsible) == ["Глава района Н.П. Гордеева"]
    assert list(rows["1.3"].months) == [11]
    assert list(rows["1.3"].responsible) == ["Постоянная комиссия по бюджету"]
    assert rows["1.1"].title == "Заседания Совета депутатов"
    assert list(rows["1.1"].responsible) == ["Председатель Совета", "Аппарат Совета"]
    assert rows["1.4"].title == "Встречи с избирателями в округах (в том числе выездные)"
    assert not rows["1.4"].responsible
