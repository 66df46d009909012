"""The "columns" layout on invented exports: padded (filler lines) and compact ones, numbered sections."""

from __future__ import annotations

import pytest

from planparse.api import convert_text
from planparse.model import Activity

# Compact: every cell's paragraphs on consecutive lines, "" between cells and paragraphs, no filler lines.
COMPACT = """Совет депутатов муниципальных образований Тверской области

ПЛАН РАБОТЫ
на 2023 год

Мероприятие Срок исполнения Ответственный

{s1}Организационная работа

• Отчётная конференция членов
Совета
• Заседания Президиума Совета
• Совещания с главами
поселений

апрель
ежеквартально
ежемесячно

Председатель Совета

Секретарь Совета
Орлова Н.П.



{s2}Правовая работа

• Мониторинг областного
законодательства
• Разработка модельных актов по
вопросам благоустройства

в течение года
II полугодие

Юридический отдел
Совета



{s3}Работа с кадрами

• Курсы для депутатов сельских
поселений
• Стажировка муниципальных служащих
• Конкурс «Лучший староста
2023 года»

март
октябрь
по мере комплектования групп

Учебный центр

Отдел кадров

Председатель Совета,
Правительство Тверской
области (по согласованию)
"""


def _by_title(text: str, layout: str | None = "columns") -> dict[str, Activity]:
    result = convert_text(text, "t.txt", layout=layout)
    return {a.title: a for a in result.activities}


def _compact(numbered: bool) -> str:
    marks = ("1. ", "2. ", "3. ") if numbered else ("", "", "")
    return COMPACT.format(s1=marks[0], s2=marks[1], s3=marks[2])


@pytest.mark.parametrize("numbered", [True, False], ids=["numbered-sections", "plain-sections"])
def test_compact_export_aligns_entries_by_count(numbered: bool) -> None:
    result = convert_text(_compact(numbered), "t.txt")
    assert result.layout.value == "columns"
    rows = {a.title: a for a in result.activities}
    assert list(rows) == [
        "Отчётная конференция членов Совета",
        "Заседания Президиума Совета",
        "Совещания с главами поселений",
        "Мониторинг областного законодательства",
        "Разработка модельных актов по вопросам благоустройства",
        "Курсы для депутатов сельских поселений",
        "Стажировка муниципальных служащих",
        "Конкурс «Лучший староста 2023 года»",
    ]
    sec = [(a.section_no, a.section_title) for a in rows.values()]
    titles = ["Организационная работа"] * 3 + ["Правовая работа"] * 2 + ["Работа с кадрами"] * 3
    numbers = ["1"] * 3 + ["2"] * 2 + ["3"] * 3 if numbered else [None] * 8
    assert sec == list(zip(numbers, titles, strict=True))
    # timings one to one (as many entries as activities)
    assert rows["Отчётная конференция членов Совета"].months == (4,)
    assert rows["Заседания Президиума Совета"].times_per_year == 4
    assert rows["Совещания с главами поселений"].times_per_year == 12
    assert rows["Мониторинг областного законодательства"].all_year
    assert rows["Разработка модельных актов по вопросам благоустройства"].months == tuple(range(7, 13))
    assert rows["Курсы для депутатов сельских поселений"].months == (3,)
    assert rows["Конкурс «Лучший староста 2023 года»"].as_needed
    # responsible: one entry shared by the section, as many as activities, or fewer (a guess, flagged)
    for title in ("Мониторинг областного законодательства", "Разработка модельных актов по вопросам благоустройства"):
        assert rows[title].responsible == ("Юридический отдел Совета",)
        assert "responsible_shared" in rows[title].flags
    assert rows["Курсы для депутатов сельских поселений"].responsible == ("Учебный центр",)
    assert rows["Стажировка муниципальных служащих"].responsible == ("Отдел кадров",)
    assert rows["Конкурс «Лучший староста 2023 года»"].responsible == (
        "Председатель Совета",
        "Правительство Тверской области (по согласованию)",
    )
    for title in list(rows)[5:]:
        assert not {"responsible_by_position", "timing_by_position"} & set(rows[title].flags)
    first = [rows[t] for t in list(rows)[:3]]
    assert first[0].responsible == ("Председатель Совета",)
    assert first[2].responsible == ("Секретарь Совета Орлова Н.П.",)
    assert all("responsible_by_position" in a.flags and a.confidence < 0.8 for a in first)


def test_compact_timing_count_differs_is_flagged_not_glued() -> None:
    text = _compact(True).replace("ежеквартально\nежемесячно\n", "ежеквартально\n")
    rows = _by_title(text)
    assert "Совещания с главами поселений" in rows  # no timing glued onto the last title
    first = [rows[t] for t in list(rows)[:3]]
    assert all(a.section_title == "Организационная работа" for a in first)
    assert all("timing_by_position" in a.flags or "timing_missing" in a.flags for a in first)
    assert all(a.confidence < 0.8 for a in first)


def test_compact_responsible_without_blank_lines_split_by_party() -> None:
    """One paragraph of as many parties as activities: one each, flagged as a guess."""
    text = _compact(True).replace("Юридический отдел\nСовета", "Юридический отдел\nПресс-служба Совета")
    rows = _by_title(text)
    first, second = (
        rows["Мониторинг областного законодательства"],
        rows["Разработка модельных актов по вопросам благоустройства"],
    )
    assert first.responsible == ("Юридический отдел",) and second.responsible == ("Пресс-служба Совета",)
    assert all("responsible_by_position" in a.flags and a.confidence < 0.8 for a in (first, second))


# Padded: " " filler lines put each entry on its activity's line; "" ends a table row.
PADDED = "\n".join(
    [
        "План работы Совета муниципальных образований Курской области на 2021 год",
        "Мероприятия Время проведения Ответственные",
        "{s1}Заседания органов Совета",
        "- Заседание Правления",
        "- Общее собрание членов",
        "Совета «Итоги работы за 2020",
        "год»",
        "февраль",
        "май",
        " ",
        " ",
        "Исполнительный директор",
        " ",
        " ",
        " ",
        "",
        "{s2}Методическая работа",
        "- Семинар для глав",
        "поселений",
        "- Выпуск сборника",
        "сентябрь",
        " ",
        "декабрь",
        "Методический отдел",
        " ",
        " ",
        "",
    ]
)


@pytest.mark.parametrize("numbers", [("", ""), ("1. ", "2. "), ("I. ", "II. ")], ids=["plain", "arabic", "roman"])
def test_padded_export_with_numbered_sections(numbers: tuple[str, str]) -> None:
    rows = _by_title(PADDED.format(s1=numbers[0], s2=numbers[1]), layout=None)
    assert list(rows) == [
        "Заседание Правления",
        "Общее собрание членов Совета «Итоги работы за 2020 год»",
        "Семинар для глав поселений",
        "Выпуск сборника",
    ]
    expected_no = [numbers[0].strip(" .") or None] * 2 + [numbers[1].strip(" .") or None] * 2
    assert [a.section_no for a in rows.values()] == expected_no
    assert [a.section_title for a in rows.values()] == ["Заседания органов Совета"] * 2 + ["Методическая работа"] * 2
    assert [a.months for a in rows.values()] == [(2,), (5,), (9,), (12,)]
    assert all(a.layout == "columns" and a.responsible for a in rows.values())


@pytest.mark.parametrize(
    ("last_line", "in_title"),
    [
        ("год»", True),  # closes the quote, only a loose timing word
        ("года", True),  # lower case, not a timing phrase
        ("ежегодно", False),  # a timing phrase of its own
    ],
)
def test_short_last_title_line_that_is_no_timing_stays_in_title(last_line: str, in_title: bool) -> None:
    text = PADDED.format(s1="", s2="").replace("год»", last_line)
    title = next(a.title for a in convert_text(text, "t.txt", layout="columns").activities if "собрание" in a.title)
    assert title.endswith(last_line) is in_title


@pytest.mark.parametrize(
    "text",
    [
        # numbered activities of one row, not sections
        "План работы отделения на 2018 год\nМероприятия Время проведения Ответственные\n"
        "1. Заседание совета\n \n2. Отчётная конференция\nянварь\n \nмай\nПредседатель отделения\n",
        # the same, compact
        "План работы отделения на 2018 год\n\nМероприятия Время проведения Ответственные\n\n"
        "1. Заседание совета\n2. Отчётная конференция\n\nянварь\nмай\n\nПредседатель отделения\n",
    ],
    ids=["padded", "compact"],
)
def test_numbered_activities_stay_activities(text: str) -> None:
    result = convert_text(text, "t.txt", layout="columns")
    rows = {a.item_no: a for a in result.activities}
    assert set(rows) == {"1", "2"}
    assert rows["1"].months == (1,) and rows["2"].months == (5,)
    assert all(a.section_no is None for a in rows.values())


def test_numbered_section_over_deeper_numbered_items() -> None:
    text = (
        "План работы отделения на 2019 год\nМероприятия Время проведения Ответственные\n"
        "1. Организационная работа\n1.1. Заседание совета\n \n1.2. Отчётная конференция\nянварь\n \nмай\n"
        "Председатель отделения\n \n \n\n"
        "2. Методическая работа\n2.1. Семинар\nиюнь\nСекретарь\n"
    )
    rows = {a.item_no: a for a in convert_text(text, "t.txt", layout="columns").activities}
    assert set(rows) == {"1.1", "1.2", "2.1"}
    assert [(a.section_no, a.section_title) for a in rows.values()] == [
        ("1", "Организационная работа"),
        ("1", "Организационная работа"),
        ("2", "Методическая работа"),
    ]
    assert rows["1.2"].months == (5,) and rows["2.1"].months == (6,)


def test_compact_rows_without_headings_keep_their_last_party() -> None:
    text = (
        "План работы Совета на 2020 год\n\nМероприятие Срок Ответственный\n\n"
        "– Заседание Совета\n– Публичные слушания по бюджету\n\nмарт\nноябрь\n\n"
        "Председатель Совета\n\nГлавный специалист Ковалёв П.С.\n\n\n\n"
        "– Приём граждан\n\nеженедельно\n\nСекретарь Совета\n"
    )
    rows = _by_title(text)
    assert list(rows) == ["Заседание Совета", "Публичные слушания по бюджету", "Приём граждан"]
    assert rows["Публичные слушания по бюджету"].responsible == ("Главный специалист Ковалёв П.С.",)
    assert rows["Приём граждан"].section_title is None
    assert rows["Приём граждан"].responsible == ("Секретарь Совета",)


@pytest.mark.parametrize(
    ("below", "is_section"),
    [
        ("\n- Заседание совета\n", True),  # bulleted activities
        ("\n\n1.1. Заседание совета\n", True),  # activities numbered deeper
        ("\nи организационная работа\n\n- Заседание совета\n", True),  # a wrapped heading
        ("\n\nПравление\n", False),  # a single numbered activity, its responsible cell below
        ("\n\nиюнь\n\nПравление\n", False),  # … its timing below
        ("\n2. Семинар\n", False),  # the next activity
    ],
)
def test_numbered_heading_needs_activities_below(below: str, is_section: bool) -> None:
    text = "План работы на 2024 год\n\nМероприятие Срок Ответственный\n\n1. Организационная работа" + below
    result = convert_text(text, "t.txt", layout="columns")
    assert any(a.section_no == "1" for a in result.activities) is is_section
    assert any(a.item_no == "1" for a in result.activities) is not is_section


def test_compact_roman_heading_naming_a_body_starts_a_section() -> None:
    text = (
        "План работы на 2022 год\n\nМероприятие Срок Ответственный\n\n"
        "I. Организационная работа\n\n– Заседание Правления\n– Отчётное собрание\n\nфевраль\nдекабрь\n\n"
        "Председатель\n\nПравление\n\n\n\n"
        "II. Совет молодых депутатов\n\n– Форум молодых депутатов\n\nиюль\n\nКуратор Совета\n"
    )
    rows = _by_title(text)
    assert [(a.section_no, a.section_title) for a in rows.values()] == [
        ("I", "Организационная работа"),
        ("I", "Организационная работа"),
        ("II", "Совет молодых депутатов"),
    ]
    assert rows["Отчётное собрание"].responsible == ("Правление",)
