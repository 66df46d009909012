"""Aligned text (``pdftotext -layout``) whose later pages sit on another character grid:
columns are re-anchored per page from the rows themselves (no files involved)."""

from __future__ import annotations

import pytest
from aligned_text import aligned as _aligned

from planparse.api import convert_text
from planparse.layouts.aligned import REANCHORED_FLAG

TITLE = "План работы Ассоциации муниципальных образований Тверской области на 2022 год"


# Page 1 under the header; page 2 narrower: title at 4, quarters at 36/41/46/51, responsible at 56.
QUARTERS = (
    f"{TITLE}\n\n"
    + _aligned(
        {0: "№", 5: "Мероприятие", 45: "I кв.", 53: "II кв.", 61: "III кв.", 70: "IV кв.", 79: "Ответственный"},
        {0: "1.", 5: "Собрание членов Ассоциации", 47: "+", 79: "Президиум"},
        {0: "2.", 5: "Отчёт о работе Ассоциации", 63: "+", 79: "Исполнительный"},
        {79: "директор"},
    )
    + "\f"
    + _aligned(
        {0: "3.", 4: "Приём отчётов о деятельности", 36: "+", 41: "+", 46: "+", 51: "+", 56: "Бухгалтерия"},
        {4: "муниципальных палат", 56: "Ассоциации"},
        {0: "4.", 4: "Совещание руководителей", 41: "+", 51: "+", 56: "Правление"},
        {0: "5.", 4: "Выставка достижений", 46: "+", 56: "Пресс-служба"},
    )
)

# A "Срок" column of text instead of marks; page 2 narrower (timing at 34, responsible at 47).
TEXT_TIMING = (
    f"{TITLE}\n\n"
    + _aligned(
        {0: "№", 4: "Наименование мероприятия", 38: "Срок исполнения", 59: "Ответственный"},
        {0: "1.", 4: "Заседание президиума", 38: "февраль", 59: "Председатель"},
        {0: "2.", 4: "Семинар для депутатов", 38: "апрель, октябрь", 59: "Исполнительная дирекция"},
    )
    + "\f"
    + _aligned(
        {0: "3.", 4: "Отчёт о работе за год", 34: "декабрь", 47: "Правление"},
        {0: "4.", 4: "Конкурс молодых специалистов", 34: "май – июнь", 47: "Жюри конкурса"},
        {4: "в сфере управления", 47: "и секретарь"},
    )
)

# Page 2 set like page 1 (with a text edge page 1 lacks): nothing moves and nothing is flagged.
SAME_GRID = QUARTERS.split("\f")[0] + "\f" + _aligned(
    {0: "3.", 5: "Приём отчётов о деятельности", 55: "+", 72: "+", 79: "Бухгалтерия"},
    {0: "4.", 5: "Совещание руководителей", 63: "+", 79: "Правление"},
    {0: "5.", 5: "Консультации членов Ассоциации", 50: "в течение года", 79: "Юрист"},
    {0: "6.", 5: "Мониторинг законодательства", 50: "в течение года", 79: "Юрист"},
    {0: "7.", 5: "Выпуск вестника", 55: "+", 79: "Редакция"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            QUARTERS,
            {
                "1": ((1, 2, 3), "Президиум"),
                "2": ((7, 8, 9), "Исполнительный директор"),
                "3": (tuple(range(1, 13)), "Бухгалтерия Ассоциации"),
                "4": ((4, 5, 6, 10, 11, 12), "Правление"),
                "5": ((7, 8, 9), "Пресс-служба"),
            },
        ),
        (
            TEXT_TIMING,
            {
                "1": ((2,), "Председатель"),
                "2": ((4, 10), "Исполнительная дирекция"),
                "3": ((12,), "Правление"),
                "4": ((5, 6), "Жюри конкурса и секретарь"),
            },
        ),
        (
            SAME_GRID,
            {"3": ((4, 5, 6, 10, 11, 12), "Бухгалтерия"), "4": ((7, 8, 9), "Правление"), "5": ((), "Юрист")},
        ),
    ],
    ids=["quarter-marks", "timing-text", "same-grid"],
)
def test_later_page_on_another_grid(text: str, expected: dict[str, tuple[tuple[int, ...], str]]) -> None:
    result = convert_text(text, "t.txt")
    assert result.layout.value == "table"
    rows = {a.item_no: a for a in result.activities}
    for no, (months, responsible) in expected.items():
        row = rows[no]
        assert row.months == months, no
        assert " ".join(row.responsible) == responsible, no
        assert "+" not in row.title and REANCHORED_FLAG not in row.flags, no
    assert rows["3"].title in {"Приём отчётов о деятельности муниципальных палат", "Приём отчётов о деятельности", "Отчёт о работе за год"}


def test_page_with_too_few_marks_is_flagged() -> None:
    """One lone mark on a narrower page cannot tell which quarter it is: the row is flagged."""
    text = QUARTERS.split("\f")[0] + "\f" + _aligned(
        {0: "3.", 4: "Выставка достижений", 46: "+", 56: "Пресс-служба"},
        {4: "муниципалитетов", 56: "Ассоциации"},
    )
    rows = {a.item_no: a for a in convert_text(text, "t.txt").activities}
    assert rows["3"].responsible == ("Пресс-служба Ассоциации",)
    assert REANCHORED_FLAG in rows["3"].flags and rows["3"].confidence < 0.8
    assert REANCHORED_FLAG not in rows["1"].flags
