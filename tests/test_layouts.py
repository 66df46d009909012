"""Each layout parser on small invented plans unlike the seeds (no files involved)."""

from __future__ import annotations

import pytest

from planparse.api import convert_text

GRID_12_NO_TRAILING = """ПЛАН МЕРОПРИЯТИЙ Совета муниципальных образований Курской области на 2023 год
1. Раздел первый
1.1. Семинар для глав поселений + +
1.2. Конкурс «Лучшая сельская библиотека» среди поселений района
     + +
1.3. Отчётное собрание            +
"""

GRID_QUARTERS = """План работы ассоциации на 2022 год
I. Организационная работа
1. Заседание президиума + + + +  
2. Подготовка отчёта о деятельности за год     + 
3. Конференция  +    
"""

PIPE_QUARTERS = """План работы Совета муниципальных образований Республики Татарстан на 2021 год

| № | Мероприятие | I кв. | II кв. | III кв. | IV кв. | Ответственный |
|---|---|---|---|---|---|---|
| | I. Методическая работа | | | | | |
| 1 | Семинар для муниципальных служащих | + | | + | | Исполнительная дирекция |
| 2 | Издание сборника практик | | | | х | Пресс-служба; Правление |
| | II. Мероприятия | | | | | |
| 3 | Фестиваль «Созвездие» | | + | | | Оргкомитет |
"""

ALIGNED = """                 ПЛАН РАБОТЫ
   Совета муниципальных образований Краснодарского края на 2020 год

 № п/п   Наименование мероприятия                    Срок исполнения       Ответственный
 1.      Заседание Правления Совета                  ежеквартально         Председатель
 2.      Семинар-совещание с главами сельских        март, октябрь         Исполнительный
         поселений по вопросам благоустройства                             директор
 3.      Конкурс «Лучшее ТОС»                         II квартал            Правление
"""

NUMBERED = """План работы Ассоциации муниципальных образований Новосибирской области на 2025 год
1. Проведение общего собрания членов Ассоциации – апрель – Президиум
2. Семинар для депутатов представительных органов
Срок: II полугодие
Ответственный: исполнительная дирекция
3. Участие во Всероссийском форуме местного самоуправления – по мере необходимости – Председатель
4. Мониторинг изменений законодательства
Срок: в течение года
Ответственный: юридический отдел
"""

COLUMNS_NUMBERED = """План работы отделения на 2018 год
Мероприятия Время проведения Ответственные
1. Заседание совета
 
2. Отчётная конференция
январь
 
май
Председатель отделения
"""


def _rows(text: str) -> list[tuple]:
    result = convert_text(text, "t.txt")
    return [(a.item_no, a.title, a.months, a.all_year, a.times_per_year, a.as_needed, a.responsible) for a in result.activities]


def test_grid_twelve_months_without_trailing_spaces() -> None:
    result = convert_text(GRID_12_NO_TRAILING, "t.txt")
    assert result.layout.value == "grid"
    by_no = {a.item_no: a for a in result.activities}
    assert by_no["1.1"].months == (1, 2)
    assert by_no["1.2"].months == (6, 7)
    assert by_no["1.3"].months == (12,)
    assert by_no["1"].is_group
    assert result.meta.region == "Курская область" and result.meta.year == 2023


def test_grid_quarters_with_year_column() -> None:
    result = convert_text(GRID_QUARTERS, "t.txt")
    by_no = {a.item_no: a for a in result.activities}
    assert result.layout.value == "grid"
    assert by_no["1"].months == tuple(range(1, 13)) and not by_no["1"].all_year
    assert by_no["2"].all_year and by_no["2"].months == ()
    assert by_no["3"].months == (4, 5, 6)
    assert by_no["3"].section_no == "I"


def test_pipe_table_with_quarters() -> None:
    result = convert_text(PIPE_QUARTERS, "t.txt")
    assert result.layout.value == "table"
    rows = {a.item_no: a for a in result.activities}
    assert rows["1"].months == (1, 2, 3, 7, 8, 9)
    assert rows["1"].responsible == ("Исполнительная дирекция",)
    assert rows["2"].months == (10, 11, 12) and rows["2"].responsible == ("Пресс-служба", "Правление")
    assert rows["3"].section_no == "II" and rows["3"].section_title == "Мероприятия"
    assert result.meta.region == "Республика Татарстан"


def test_aligned_text_table() -> None:
    result = convert_text(ALIGNED, "t.txt")
    assert result.layout.value == "table"
    rows = {a.item_no: a for a in result.activities}
    assert rows["1"].all_year and rows["1"].times_per_year == 4
    assert rows["2"].title == "Семинар-совещание с главами сельских поселений по вопросам благоустройства"
    assert rows["2"].months == (3, 10)
    assert rows["2"].responsible == ("Исполнительный директор",)
    assert rows["3"].months == (4, 5, 6)
    assert result.meta.region == "Краснодарский край" and result.meta.year == 2020


def test_numbered_list_inline_and_labelled() -> None:
    result = convert_text(NUMBERED, "t.txt")
    assert result.layout.value == "numbered"
    rows = {a.item_no: a for a in result.activities}
    assert rows["1"].title == "Проведение общего собрания членов Ассоциации"
    assert rows["1"].months == (4,) and rows["1"].responsible == ("Президиум",)
    assert rows["2"].months == tuple(range(7, 13))
    assert rows["2"].responsible == ("Исполнительная дирекция",)
    assert rows["3"].as_needed
    assert rows["4"].all_year


def test_columns_with_numbered_items() -> None:
    result = convert_text(COLUMNS_NUMBERED, "t.txt", layout="columns")
    rows = {a.item_no: a for a in result.activities}
    assert rows["1"].months == (1,) and rows["2"].months == (5,)
    assert rows["2"].responsible == ("Председатель отделения",)


@pytest.mark.parametrize("text", [GRID_12_NO_TRAILING, PIPE_QUARTERS, ALIGNED, NUMBERED])
def test_crlf_and_nbsp_do_not_change_rows(text: str) -> None:
    assert _rows(text) == _rows(text.replace("\n", "\r\n").replace("Совета ", "Совета\u00a0"))


PLAIN_CELLS = """План работы Совета муниципальных образований Омской области на 2024 год
№ п/п
Наименование мероприятия
Срок исполнения
Ответственный
1.
Заседание Президиума Совета
ежеквартально
Председатель Совета
2.
Обучающий семинар для глав
сельских поселений
апрель
Исполнительная дирекция
3.
Конкурс «Лучшая муниципальная практика»
II – III квартал
Правление
"""


def test_plain_text_one_cell_per_line() -> None:
    result = convert_text(PLAIN_CELLS, "t.txt")
    rows = {a.item_no: a for a in result.activities}
    assert set(rows) == {"1", "2", "3"}
    assert rows["1"].all_year and rows["1"].times_per_year == 4
    assert rows["1"].responsible == ("Председатель Совета",)
    assert rows["2"].title == "Обучающий семинар для глав сельских поселений"
    assert rows["2"].months == (4,)
    assert rows["3"].months == (4, 5, 6, 7, 8, 9)
    assert rows["3"].responsible == ("Правление",)
    assert result.meta.region == "Омская область"
