"""Page furniture (page numbers, running headers, repeated column headers, the signature)
never reaches the rows; content that only looks repeated stays.  Small invented plans."""

from __future__ import annotations

import pytest

from planparse.api import convert_text
from planparse.layouts.furniture import furniture_lines, is_page_number
from planparse.readers.text import read_text_bytes


def _items(first: int, stop: int) -> str:
    return "".join(f"{k}. Семинар номер {k} – март – Иванов\n" for k in range(first, stop))


def _dropped(text: str) -> list[str]:
    doc = read_text_bytes(text.encode("utf-8"), "t.txt")
    return [doc.blocks[k].text.strip() for k in sorted(furniture_lines(doc))]  # type: ignore[union-attr]


def _rows(text: str, layout: str = "auto") -> dict[str | None, object]:
    return {a.item_no: a for a in convert_text(text, "t.txt", layout=layout).activities}


NUMBERED_PAGES = """Администрация Заозерского муниципального округа
План работы комиссии по делам молодежи на 2026 год

I. Заседания комиссии

1.1. О летней занятости подростков – май – Отдел молодежной политики
1.2. Об итогах призывной кампании – июль – Военный комиссариат (по согласованию)
1.3. О работе волонтерских отрядов – сентябрь – Отдел молодежной политики

- 2 -
\fКомиссия по делам молодежи. План на 2026 год

II. Мероприятия

2.1. Слет молодежных активов – июнь – Отдел молодежной политики
2.2. Фестиваль «Молодость» – август – Дом культуры
2.3. Конкурс социальных проектов – октябрь – Отдел молодежной политики

- 3 -
\fКомиссия по делам молодежи. План на 2026 год

2.4. Новогодний бал – декабрь – Дом культуры
2.5. Акция «Чистый берег» – май – Отдел молодежной политики


Председатель комиссии                                П.С. Смирнова

- 4 -
"""


def test_numbered_plan_loses_page_numbers_running_header_and_signature() -> None:
    assert _dropped(NUMBERED_PAGES) == [
        "- 2 -",
        "Комиссия по делам молодежи. План на 2026 год",
        "- 3 -",
        "Комиссия по делам молодежи. План на 2026 год",
        "Председатель комиссии                                П.С. Смирнова",
        "- 4 -",
    ]
    rows = _rows(NUMBERED_PAGES)
    assert rows["1.3"].responsible == ("Отдел молодежной политики",)
    assert rows["2.3"].responsible == ("Отдел молодежной политики",)
    assert rows["2.5"].responsible == ("Отдел молодежной политики",)
    assert rows["2.1"].section_title == "Мероприятия"


def test_page_numbers_without_form_feeds_still_mark_page_edges() -> None:
    text = NUMBERED_PAGES.replace("\f", "").replace("- 2 -", "стр. 2").replace("- 3 -", "Стр. 3")
    dropped = _dropped(text)
    assert dropped.count("Комиссия по делам молодежи. План на 2026 год") == 2
    assert "стр. 2" in dropped and "Стр. 3" in dropped


ALIGNED_PAGES = """              ПЛАН РАБОТЫ СОВЕТА ДЕПУТАТОВ НА 2026 ГОД

№     Мероприятие                                 Срок              Ответственный

      I. Нормотворческая деятельность

1.    О бюджете поселения на 2027 год             декабрь           Глава поселения
2.    О внесении изменений в Устав                по мере           Юрист
                                                  необходимости
3.    О местных налогах                           октябрь           Финансовый отдел

                               Лист 2
\f№     Мероприятие                                 Срок              Ответственный

4.    О правилах благоустройства                  апрель            Глава поселения
5.    О публичных слушаниях                       март              Юрист

      II. Контрольная деятельность

6.    Отчет главы поселения                       февраль           Глава поселения

                               Лист 3
\f№     Мероприятие                                 Срок              Ответственный

7.    Проверка исполнения бюджета                 ежеквартально     Финансовый отдел
8.    Отчет о работе с обращениями                июль              Юрист
"""


def test_repeated_column_header_is_not_a_section() -> None:
    rows = _rows(ALIGNED_PAGES)
    assert [rows[k].section_title for k in "1345678"] == [
        *["Нормотворческая деятельность"] * 4,
        *["Контрольная деятельность"] * 3,
    ]
    assert rows["3"].title == "О местных налогах"
    assert rows["6"].title == "Отчет главы поселения"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "План на 2026 год\n1. Семинар – март – Иванов\n\n2\n\n" + _items(2, 17) + "\n3\n\n" + _items(17, 19),
            ["2", "3"],
            id="bare-page-numbers-in-order",
        ),
        pytest.param(
            "План на 2026 год\n" + _items(1, 17) + "\n2\n\f" + _items(17, 34) + "3\n\f" + _items(34, 36),
            ["2", "3"],
            id="bare-page-numbers-at-form-feeds",
        ),
        pytest.param(
            "План на 2026 год\n" + "".join(f"\n{k}\n\nСеминар номер {k} – март – Иванов\n" for k in range(1, 8)),
            [],
            id="item-numbers-on-lines-of-their-own",
        ),
        pytest.param(
            "План на 2026 год\n" + _items(1, 5) + "\nГлава округа          А.В. Кравцов\n\nИсп. Петрова А.А.\n"
            "8 (4942) 31-22-11\n",
            ["Глава округа          А.В. Кравцов", "Исп. Петрова А.А.", "8 (4942) 31-22-11"],
            id="signature-and-executor-note",
        ),
        pytest.param(
            "План на 2026 год\n1. Семинар по вопросам ЖКХ\n\n            4\n\n2. Собрание депутатов\n\n            +\n",
            [],
            id="lone-ocr-mark-is-not-a-page-number",
        ),
        pytest.param(
            "План на 2026 год\n1. Семинар – март\n\nОтветственный: Аппарат Думы\n\n- 2 -\n"
            "\fОтветственный: Аппарат Думы\n\n2. Собрание – апрель\n- 3 -\n\fОтветственный: Аппарат Думы\n\n"
            "3. Конкурс – май\n",
            ["- 2 -", "- 3 -"],
            id="repeated-field-line-is-content",
        ),
        pytest.param(
            "План на 2026 год\n1.  Семинар          март      Администрация\n"
            "                                        (по согласованию)\n\n- 2 -\n"
            "\f(по согласованию)\n\n2.  Собрание    апрель    Администрация\n- 3 -\n\f(по согласованию)\n\n"
            "3. Конкурс – май\n",
            ["- 2 -", "- 3 -"],
            id="repeated-wrapped-cell-is-content",
        ),
        pytest.param(
            "План на 2026 год\n1. Семинар – март\nОтветственный: Председатель комиссии\n\n"
            "Ответственный: заместитель главы И.И. Петров\n",
            [],
            id="labelled-party-after-blank-line-is-not-a-signature",
        ),
        pytest.param(
            "План на 2026 год\n1. Семинар – март – Иванов\n2. Собрание – апрель – Петров\n\n"
            "- Конкурс – май – Сидоров С.С.\n",
            [],
            id="bulleted-last-item-is-not-a-signature",
        ),
        pytest.param(
            "План на 2026 год\n1. Семинар – март – Иванов\n2. Собрание – апрель – Петров\n\n"
            "Глава администрации\nЗаозерского муниципального округа        А.В. Кравцов-Белый\n",
            ["Глава администрации", "Заозерского муниципального округа        А.В. Кравцов-Белый"],
            id="two-line-signature",
        ),
    ],
)
def test_what_is_furniture(text: str, expected: list[str]) -> None:
    assert _dropped(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Страница 2 из 3", True),
        ("стр. 14", True),
        ("— 7 —", True),
        ("Лист 3", True),
        ("Продолжение таблицы", True),
        ("2 из 5", True),
        ("2025", False),
        ("1. Семинар", False),
        ("с 1 по 15 марта", False),
    ],
)
def test_page_number_shape(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


QUARTERS_PAGES = """ПЛАН РАБОТЫ Совета муниципальных образований на 2026 год

№   Мероприятие                         I кв.  II кв.  III кв.  IV кв.
I. Организационная работа
1.  Заседание президиума                  +      +       +        +
2.  Общее собрание                               +
3.  Отчет о работе                        +

                         - 2 -
\f№   Мероприятие                         I кв.  II кв.  III кв.  IV кв.
4.  Семинар для глав                             +       +
5.  Конкурс «Лучшее ТОС»                                 +
"""

# " " lines are the filler paragraphs that line serialized column entries up.
COLUMNS_PAGES = "\n".join(
    [
        "План работы отделения на 2018 год",
        "Мероприятия Время проведения Ответственные",
        "1. Заседание совета",
        " ",
        "2. Отчётная конференция",
        "январь",
        " ",
        "май",
        "Председатель отделения",
        "",
        "Страница 1 из 2",
        "\fМероприятия Время проведения Ответственные",
        "3. Семинар",
        " ",
        "4. Форум",
        "март",
        " ",
        "июнь",
        "Секретарь",
        "",
    ]
)


@pytest.mark.parametrize(
    ("text", "first", "after_break"),
    [
        pytest.param(QUARTERS_PAGES, "1", "5", id="quarter-marks"),
        pytest.param(COLUMNS_PAGES, "1", "4", id="serialized-columns"),
    ],
)
def test_header_repeated_right_above_items_is_dropped(text: str, first: str, after_break: str) -> None:
    rows = _rows(text)
    assert rows[after_break].section_title == rows[first].section_title
    assert "Мероприяти" not in rows[after_break].title
