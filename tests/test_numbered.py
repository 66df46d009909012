"""The numbered-list layout on small invented plans: fields across wrapped lines, OCR'd headings."""

from __future__ import annotations

import pytest

from planparse.api import convert_document, convert_text
from planparse.layouts.base import ocr_section_heading, roman_value
from planparse.layouts.numbered import _split_inline
from planparse.model import Document, Line, SourceFormat

HEAD = "План работы Думы муниципального округа Заречный Пермского края на 2026 год\n"


def _rows(body: str) -> dict[str, object]:
    result = convert_text(HEAD + body, "t.txt", layout="numbered")
    return {a.item_no: a for a in result.activities}


# Each case: a plan body, the item to look at, and what it must read as
# (title, months, all_year, as_needed, responsible).
FIELD_CASES = [
    pytest.param(
        """I. Отчеты
1.1. Отчет главы округа о результатах деятельности администрации и подведомственных
     учреждений за 2025 год – февраль. Ответственный: Глава муниципального округа
     «Заречный»
1.2. Отчет о работе Думы – март – Председатель Думы
1.3. Отчет контрольного органа – апрель – Председатель контрольного органа
""",
        "1.1",
        ("Отчет главы округа о результатах деятельности администрации и подведомственных учреждений за 2025 год",
         (2,), False, False, ("Глава муниципального округа «Заречный»",)),
        id="text-before-label-ends-the-title",
    ),
    pytest.param(
        """I. Контроль
1.1. Проверка содержания дорог – июнь,
     ноябрь. Ответственный: Комиссия по хозяйству
1.2. Проверка школ – август – Комиссия по образованию
1.3. Проверка рынков – май – Комиссия по торговле
""",
        "1.1",
        ("Проверка содержания дорог", (6, 11), False, False, ("Комиссия по хозяйству",)),
        id="wrapped-month-list-before-label",
    ),
    pytest.param(
        """I. Бюджет
1.1. О бюджете округа на 2027 год
     Срок: декабрь
     Ответственные: Финансовое управление; комиссия
       по экономике, бюджету и налогам
1.2. Об исполнении бюджета – май – Финансовое управление
1.3. О налоговых льготах – октябрь – комиссия по экономике
""",
        "1.1",
        ("О бюджете округа на 2027 год", (12,), False, False,
         ("Финансовое управление", "Комиссия по экономике, бюджету и налогам")),
        id="wrapped-labelled-party-stays-in-its-field",
    ),
    pytest.param(
        """I. Бюджет
1.1. Об утверждении бюджета округа на 2027 год и на плановый
     период 2028 и 2029 годов
     Срок: ноябрь
     Ответственный: Финансовое управление
1.2. Об исполнении бюджета – май – Финансовое управление
1.3. О налоговых льготах – октябрь – Финансовое управление
""",
        "1.1",
        ("Об утверждении бюджета округа на 2027 год и на плановый период 2028 и 2029 годов",
         (11,), False, False, ("Финансовое управление",)),
        id="title-line-of-loose-timing-words-is-title",
    ),
    pytest.param(
        """I. Работа с населением
1.1. Выездные приемы граждан в поселениях – ежеквартально (по утвержденному графику).
     Ответственный: Депутаты Думы
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Выездные приемы граждан в поселениях", (), True, False, ("Депутаты Думы",)),
        id="remark-in-parentheses-does-not-hide-timing",
    ),
    pytest.param(
        """I. Работа с населением
1.1. Рассмотрение обращений граждан – по мере поступления. Ответственные:
     Председатель Думы, аппарат Думы
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Рассмотрение обращений граждан", (), False, True, ("Председатель Думы", "Аппарат Думы")),
        id="label-at-line-end-takes-next-line",
    ),
    pytest.param(
        """I. Организационная работа
1.1. Подготовка плана работы Думы на 2027 год – до 20 декабря. Ответственный: Председатель Земского
     Собрания округа
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Подготовка плана работы Думы на 2027 год", (12,), False, False, ("Председатель Земского Собрания округа",)),
        id="capitalised-wrap-of-a-party",
    ),
    pytest.param(
        """I. Организационная работа
1.1. Заседания Думы -— ежемесячно -— Председатель Думы
1.2. Отчеты депутатов -- март -- Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.2",
        ("Отчеты депутатов", (3,), False, False, ("Депутаты Думы",)),
        id="ocr-double-dash-separates-segments",
    ),
    pytest.param(
        """I. Правовая работа
1.1. Подготовка модельных актов – по мере необходимости. Ответственный – юридический отдел.
1.2. Экспертиза проектов решений – постоянно. Ответственные — юридический отдел; аппарат Думы.
1.3. Отчеты депутатов – март – Депутаты Думы
""",
        "1.2",
        ("Экспертиза проектов решений", (), True, False, ("Юридический отдел", "Аппарат Думы")),
        id="dash-after-responsible-label",
    ),
    pytest.param(
        """I. Правовая работа
1.1. Подготовка модельных актов – по мере необходимости. Исполнитель - юридический отдел.
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Подготовка модельных актов", (), False, True, ("Юридический отдел",)),
        id="hyphen-after-executor-label",
    ),
    pytest.param(
        """I. Конкурсы
1.1. Смотр-конкурс «Лучшее ТОС» – февраль – июнь; ответственный: Совет округа
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Смотр-конкурс «Лучшее ТОС»", (2, 3, 4, 5, 6), False, False, ("Совет округа",)),
        id="spaced-month-range-before-label",
    ),
    pytest.param(
        """I. Конкурсы
1.1. Спартакиада депутатов – II – III квартал – Совет округа
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Спартакиада депутатов", (4, 5, 6, 7, 8, 9), False, False, ("Совет округа",)),
        id="spaced-quarter-range",
    ),
    pytest.param(
        """I. Контроль
1.1. Мониторинг муниципальных правовых актов (ежеквартально). Ответственный: юридический отдел.
1.2. Отчеты депутатов – март – Депутаты Думы
1.3. Публичные слушания – май – Председатель Думы
""",
        "1.1",
        ("Мониторинг муниципальных правовых актов", (), True, False, ("Юридический отдел",)),
        id="timing-in-final-bracket",
    ),
]

# Timing text as printed, without the separators around it.
TIMING_RAW_CASES = [
    pytest.param("1.1. Доклад главы – до 20 марта, ответственный: Глава округа\n", "до 20 марта", id="comma"),
    pytest.param("1.1. Доклад главы – февраль; ответственный: Глава округа\n", "февраль", id="semicolon"),
    pytest.param("1.1. Доклад главы – апрель.\nОтветственный: Глава округа\n", "апрель", id="full-stop"),
    pytest.param("1.1. Доклад главы – II кв.\nОтветственный: Глава округа\n", "II кв.", id="abbreviation-dot"),
    pytest.param("1.1. Доклад главы\nСрок: до 1 окт.;\nОтветственный: Глава округа\n", "до 1 окт.", id="labelled"),
]


@pytest.mark.parametrize(("line", "timing_raw"), TIMING_RAW_CASES)
def test_timing_raw_loses_separators(line: str, timing_raw: str) -> None:
    body = line + "1.2. Отчеты депутатов – март – Депутаты Думы\n1.3. Слушания – май – Председатель Думы\n"
    assert _rows(body)["1.1"].timing_raw == timing_raw


def test_initials_keep_their_dot() -> None:
    rows = _rows(
        """1.1. Доклад главы – март, ответственный: заместитель главы Орлова Е.В.
1.2. Отчеты депутатов – апрель. Ответственный – Петров А.А.
1.3. Слушания – май – Председатель Думы
"""
    )
    assert rows["1.1"].responsible_raw == "заместитель главы Орлова Е.В."
    assert rows["1.2"].responsible_raw == "Петров А.А."


@pytest.mark.parametrize(("body", "item", "expected"), FIELD_CASES)
def test_fields_across_lines(body: str, item: str, expected: tuple) -> None:
    row = _rows(body)[item]
    assert (row.title, row.months, row.all_year, row.as_needed, row.responsible) == expected
    assert "timing_unparsed" not in row.flags and "timing_missing" not in row.flags


def test_unnumbered_section_after_labelled_party_is_still_a_section() -> None:
    rows = _rows(
        """1. Семинар для глав поселений
Срок: март
Ответственный: Председатель Думы
Информационная работа
2. Выпуск бюллетеня
Срок: ежеквартально
Ответственный: Аппарат Думы
3. Обновление сайта – постоянно – Аппарат Думы
"""
    )
    assert rows["1"].responsible == ("Председатель Думы",)
    assert rows["2"].section_title == "Информационная работа"


OCR_HEADINGS = """1. Вопросы для рассмотрения на заседаниях Думы
1.1. Об отчете главы округа – март – Глава округа
1.2. О бюджете – декабрь – Финансовое управление
П. Контрольная деятельность
2.1. Проверка использования имущества – май – Контрольный орган
Ш. Работа с населением
3.1. Прием граждан – ежемесячно – Депутаты Думы
ГУ. Информирование
4.1. Публикация решений – постоянно – Аппарат Думы
"""


def test_ocr_section_numbers_are_read_and_flagged() -> None:
    rows = _rows(OCR_HEADINGS)
    assert set(rows) == {"1.1", "1.2", "2.1", "3.1", "4.1"}
    assert [rows[k].section_no for k in ("1.1", "2.1", "3.1", "4.1")] == ["I", "II", "III", "IV"]
    assert rows["2.1"].section_title == "Контрольная деятельность"
    assert all("section_no_repaired" in r.flags for r in rows.values())
    assert rows["1.1"].section_title == "Вопросы для рассмотрения на заседаниях Думы"


@pytest.mark.parametrize(
    "body",
    [
        # a group item "1." under a real section I stays an item
        """I. Вопросы для рассмотрения
1. Участие в мероприятиях
1.1. Форум муниципалитетов – май – Председатель Думы
1.2. Съезд депутатов – июнь – Председатель Думы
II. Контроль
2. Проверки – март – Контрольный орган
""",
        # "1." with a timing is an item, not a heading
        """1. Отчет главы округа – март – Глава округа
1.1. Подготовка доклада – февраль – Аппарат Думы
1.2. Публикация доклада – апрель – Аппарат Думы
II. Контроль
2.1. Проверки – март – Контрольный орган
""",
        # no section II follows: nothing says "1." is a misread "I."
        """1. Общие вопросы
1.1. Подготовка доклада – февраль – Аппарат Думы
1.2. Публикация доклада – апрель – Аппарат Думы
2. Контроль
2.1. Проверки – март – Контрольный орган
""",
    ],
)
def test_item_one_is_not_taken_for_a_heading(body: str) -> None:
    rows = _rows(body)
    assert "1" in rows
    assert not any("section_no_repaired" in r.flags for r in rows.values())


def test_ocr_heading_out_of_sequence_is_not_a_heading() -> None:
    rows = _rows(
        """I. Общие вопросы
1.1. Подготовка доклада – февраль – Аппарат Думы
1.2. Публикация доклада – апрель – Аппарат Думы
Ш. Контроль
2.1. Проверки – март – Контрольный орган
"""
    )
    assert rows["2.1"].section_no == "I"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("П. Контрольная деятельность", ("II", "Контрольная деятельность", "П")),
        ("Ш) Работа с населением", ("III", "Работа с населением", "Ш")),
        ("ГУ. Информирование", ("IV", "Информирование", "ГУ")),
        ("lV. Отчеты", ("IV", "Отчеты", "lV")),
        ("1. Общие вопросы", ("I", "Общие вопросы", "1")),
        ("II. Контроль", None),  # a real numeral: section_heading's job
        ("П Контроль", None),  # no dot: not a section number
        ("П. контроль", None),
    ],
)
def test_ocr_section_heading_shape(text: str, expected: tuple | None) -> None:
    assert ocr_section_heading(text) == expected


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XII", 12), ("ІХ", 9), ("П", None)])
def test_roman_value(numeral: str, value: int | None) -> None:
    assert roman_value(numeral) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Семинар – март – Иванов", ("Семинар", "март", "Иванов")),
        ("Семинар –— март", ("Семинар", "март", None)),
        ("Семинар – ежемесячно (по графику)", ("Семинар", "ежемесячно (по графику)", None)),
        ("Отчет – 2025 год – Иванов", ("Отчет – 2025 год – Иванов", None, None)),  # loose words only
        ("Собрание – II – Иванов", ("Собрание – II – Иванов", None, None)),
        ("Форум – Эл Курултай – июнь – сентябрь – Совет", ("Форум – Эл Курултай", "июнь – сентябрь", "Совет")),
        ("Конкурс – январь – май;", ("Конкурс", "январь – май", None)),
        ("Конкурс – с января – по май – Совет", ("Конкурс", "с января – по май", "Совет")),
        ("Спартакиада – I – II квартал – Совет", ("Спартакиада", "I – II квартал", "Совет")),
        ("Отчет за январь – март – Иванов", ("Отчет за январь", "март", "Иванов")),  # the title keeps its month
        ("Отчет за 2025 год (I квартал)", ("Отчет за 2025 год", "I квартал", None)),
        ("Семинар (по согласованию)", ("Семинар (по согласованию)", None, None)),
    ],
)
def test_split_inline(text: str, expected: tuple) -> None:
    assert _split_inline(text) == expected


def test_bullets_under_an_empty_label_are_its_values() -> None:
    rows = _rows(
        """1. Подготовка отчета о деятельности Думы
Срок: январь
Ответственные:
- Председатель Думы
- Аппарат Думы
2. Семинар для депутатов – март – Аппарат Думы
3. Прием граждан – ежемесячно – Депутаты Думы
"""
    )
    assert set(rows) == {"1", "2", "3"}
    assert rows["1"].responsible == ("Председатель Думы", "Аппарат Думы")


def test_bulleted_items_after_a_filled_label_are_items() -> None:
    result = convert_text(
        HEAD
        + """1. Организационная работа:
- Заседания Думы
Срок: ежемесячно
Ответственный: Председатель Думы
- Прием граждан – ежемесячно – Депутаты Думы
- Отчет главы – март – Глава округа
""",
        "t.txt",
        layout="numbered",
    )
    titles = [a.title for a in result.activities]
    assert titles == ["Организационная работа", "Заседания Думы", "Прием граждан", "Отчет главы"]
    assert result.activities[1].responsible == ("Председатель Думы",)


def _doc_rows(paragraphs: list[str]) -> dict[str | None, object]:
    """Rows of a document whose reader gives one line per paragraph (DOCX and the like)."""
    lines = tuple(Line(text, 1, k) for k, text in enumerate(paragraphs, start=1))
    result = convert_document(Document("t.docx", SourceFormat.DOCX, lines), layout="numbered")
    return {a.item_no: a for a in result.activities}


PLAIN_HEADINGS_DOCX = [
    "ПЛАН",
    "работы Собрания депутатов Заречного района на 2026 год",
    "Нормотворческая деятельность",
    "1. О бюджете района на 2027 год – декабрь – финансовое управление",
    "2. О внесении изменений в Устав района – по мере необходимости – юридический отдел",
    "Работа с населением",
    "3. Прием граждан – ежемесячно – депутаты Собрания",
    "4. Отчеты депутатов перед избирателями – март – депутаты Собрания",
]


def test_unnumbered_headings_between_paragraph_items_are_sections() -> None:
    rows = _doc_rows(PLAIN_HEADINGS_DOCX)
    assert [rows[k].section_title for k in "1234"] == [
        "Нормотворческая деятельность",
        "Нормотворческая деятельность",
        "Работа с населением",
        "Работа с населением",
    ]
    assert rows["2"].responsible == ("Юридический отдел",)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """Нормотворческая деятельность

1. О бюджете района на 2027 год – декабрь – финансовое управление
2. О внесении изменений в Устав района – по мере необходимости – юридический отдел

Работа с населением

3. Прием граждан – ежемесячно – депутаты Собрания
4. Отчеты депутатов перед избирателями – март – депутаты Собрания
""",
            id="blank-lines-around",
        ),
        pytest.param(
            """Нормотворческая деятельность
    1. О бюджете района на 2027 год – декабрь – финансовое управление
    2. О внесении изменений в Устав района – по мере необходимости – юридический отдел
Работа с населением
    3. Прием граждан – ежемесячно – депутаты Собрания
    4. Отчеты депутатов перед избирателями – март – депутаты Собрания
""",
            id="left-of-the-numbers",
        ),
        pytest.param(
            """Нормотворческая деятельность
1. О бюджете района на 2027 год – декабрь – финансовое
   управление
2. О внесении изменений в Устав района – по мере необходимости –
   юридический отдел
Работа с населением
3. Прием граждан – ежемесячно – депутаты Собрания
4. Отчеты депутатов перед избирателями – март – депутаты Собрания
""",
            id="out-of-a-hanging-indent",
        ),
    ],
)
def test_unnumbered_headings_in_text(body: str) -> None:
    rows = _rows(body)
    assert rows["1"].section_title == "Нормотворческая деятельность"
    assert rows["3"].section_title == "Работа с населением"
    assert rows["2"].responsible == ("Юридический отдел",)


@pytest.mark.parametrize(
    ("body", "item", "responsible"),
    [
        pytest.param(
            """1. О бюджете района – декабрь – комитет финансов
Администрации района
2. Прием граждан – ежемесячно – депутаты Собрания
3. Отчеты депутатов – март – депутаты Собрания
""",
            "1",
            ("Комитет финансов Администрации района",),
            id="wrapped-party-at-the-number-column",
        ),
        pytest.param(
            """1. Изменения в акты:
      1.1. в Устав района — по мере необходимости —
     Юридический отдел Администрации
      1.2. в Положение о службе — II кв. — Юридический отдел
2. Прием граждан – ежемесячно – депутаты Собрания
""",
            "1.1",
            ("Юридический отдел Администрации",),
            id="ocr-jitter-and-a-dangling-dash",
        ),
    ],
)
def test_wrapped_party_is_not_a_heading(body: str, item: str, responsible: tuple) -> None:
    rows = _rows(body)
    assert rows[item].responsible == responsible
    assert rows["2"].section_title is None


def test_title_lines_before_the_first_item_stay_the_title() -> None:
    title = ["ПЛАН", "работы Собрания депутатов Заречного района", "на 2026 год"]
    rows = _doc_rows(title + PLAIN_HEADINGS_DOCX[3:])  # the first section has no heading
    assert rows["1"].section_title is None
    assert rows["3"].section_title == "Работа с населением"


GROUP = """I. Обучение
1.1. Семинары для депутатов:
1.1.1. «Бюджетный процесс» – февраль;
1.1.2. «Муниципальный контроль» – май;
1.1.3. «Работа с обращениями» – октябрь.
{party}
1.2. Стажировка в Законодательном Собрании – 2 раза в год; ответственный: Председатель Собрания
"""


def test_party_after_a_group_covers_its_sub_items() -> None:
    rows = _rows(GROUP.format(party="Ответственный: аппарат Собрания."))
    for k in ("1.1.1", "1.1.2", "1.1.3"):
        assert rows[k].responsible == ("Аппарат Собрания",)
        assert "responsible_shared" in rows[k].flags
    assert rows["1.2"].responsible == ("Председатель Собрания",)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(GROUP.replace("«Бюджетный процесс» – февраль;", "«Бюджетный процесс» – февраль; ответственный: "
                                   "финансовое управление"), id="a-sibling-has-its-own-party"),
        pytest.param(GROUP.replace("Семинары для депутатов:", "Семинары для депутатов"), id="no-group-lead-in"),
    ],
)
def test_party_after_sub_items_stays_with_the_last_one(text: str) -> None:
    rows = _rows(text.format(party="Ответственный: аппарат Собрания."))
    assert rows["1.1.3"].responsible == ("Аппарат Собрания",)
    assert rows["1.1.2"].responsible == ()
    assert "responsible_shared" not in rows["1.1.3"].flags


WEB_EXPORT = """Главная » Документы » Планы работы

Опубликовано: 15.01.2025  |  Просмотров: 214

Раздел 1. Благоустройство территории
4) Весенний месячник по санитарной очистке (апрель). Отв.: глава администрации, старосты
5) Содержание мест массового отдыха:
5.1) скашивание травы на общественных территориях (июнь – август). Отв.: МКУ «Благоустройство»
5.2) ремонт детской площадки (II квартал). Ответств.: МКУ «Благоустройство»
6) Опашка населённых пунктов (апрель – май, сентябрь). Отв.: глава администрации

Поделиться: VK  OK  Telegram
"""


def test_web_export_with_abbreviated_labels_bracketed_ranges_and_sub_items() -> None:
    rows = _rows(WEB_EXPORT)
    assert list(rows) == ["4", "5", "5.1", "5.2", "6"]
    assert rows["4"].months == (4,) and rows["4"].responsible == ("Глава администрации", "Старосты")
    assert rows["5"].is_group and rows["5.1"].parent_no == "5"
    assert rows["5.1"].title == "скашивание травы на общественных территориях"
    assert rows["5.1"].months == (6, 7, 8)  # the dash inside the bracket is a range, not a field separator
    assert rows["5.2"].responsible == ("МКУ «Благоустройство»",) and rows["5.2"].months == (4, 5, 6)
    assert rows["6"].months == (4, 5, 9)
    assert rows["6"].responsible == ("Глава администрации",)  # the page's share line is no party


def test_a_timing_broken_by_a_line_end_hyphen_is_read_whole() -> None:
    rows = _rows(
        "1.1. Занятия вокального ансамбля «Рябинушка»  —  в тече-\n"
        "ние года  —  руководитель ансамбля\n"
        "1.2. Новогодний праздник  —  декабрь  —  директор\n"
        "1.3. Выставка рисунков  —  май  —  художественный руководитель\n"
        "1.4. День села  —  август  —  директор\n"
    )
    assert rows["1.1"].title == "Занятия вокального ансамбля «Рябинушка»"
    assert rows["1.1"].all_year and rows["1.1"].responsible == ("Руководитель ансамбля",)


LETTERED = """I. Контрольная деятельность
1.1. Выездные проверки постоянных комиссий:
   а) содержания дорог местного значения – II квартал – комиссия по хозяйству
   б) готовности школ к учебному году – август – комиссия по образованию
1.2. Проверка использования средств бюджета – III квартал – Контрольный орган
1.3. Отчет о работе комиссий – декабрь – Председатель Думы
"""


def test_lettered_sub_items_are_numbered_under_their_item() -> None:
    rows = _rows(LETTERED)
    assert list(rows) == ["1.1", "1.1.а", "1.1.б", "1.2", "1.3"]
    assert rows["1.1"].is_group and rows["1.1"].title == "Выездные проверки постоянных комиссий"
    assert rows["1.1.а"].parent_no == "1.1" and rows["1.1.а"].title == "содержания дорог местного значения"
    assert rows["1.1.а"].months == (4, 5, 6) and rows["1.1.а"].responsible == ("Комиссия по хозяйству",)
    assert rows["1.1.б"].months == (8,) and rows["1.1.б"].responsible == ("Комиссия по образованию",)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(LETTERED.replace("   а) ", "   в) "), id="not-starting-at-а"),
        pytest.param(LETTERED.replace("   б) ", "   г) "), id="out-of-sequence"),
    ],
)
def test_letters_out_of_sequence_are_no_sub_items(body: str) -> None:
    rows = _rows(body)
    assert "1.1.б" not in rows and "1.1.г" not in rows


def test_a_wrapped_line_that_starts_with_the_timing_dash_continues_the_item() -> None:
    # A PDF or text export wraps just before " – август – …": the dash opens the line but no bullet item.
    rows = _rows(
        "1. О подготовке объектов жилищно-коммунального хозяйства к осенне-зимнему периоду 2025–2026 годов\n"
        "   – август – Управление ЖКХ Администрации округа\n"
        "2. Об исполнении бюджета за 2024 год –\n"
        "   май – Финансовое управление\n"
        "3. Отчет главы округа – март – Глава округа\n"
    )
    assert list(rows) == ["1", "2", "3"]
    assert rows["1"].title.endswith("2025–2026 годов") and rows["1"].months == (8,)
    assert rows["1"].responsible == ("Управление ЖКХ Администрации округа",)


def test_a_bulleted_item_after_a_timed_item_is_still_an_item() -> None:
    rows = convert_text(
        HEAD + "1. Отчет главы округа – март – Глава округа\n– май – день открытых дверей\n"
        "2. Отчет о работе Думы – апрель – Председатель Думы\n3. Публичные слушания – ноябрь – Дума\n",
        "t.txt",
        layout="numbered",
    ).activities
    assert [a.item_no for a in rows] == ["1", None, "2", "3"]
