"""The table layout on small invented plans: marks vs timing text, unreadable headers,
centred section rows in aligned text, one-row-per-group tables (no files involved)."""

from __future__ import annotations

import pytest
from aligned_text import aligned as _aligned

from planparse.api import convert_document, convert_text
from planparse.layouts.cells import header_roles, is_column_numbering
from planparse.model import Activity, Cell, Document, Line, SourceFormat, Table

TITLE = "План работы Совета муниципальных образований Псковской области на 2023 год"


def _by_no(activities: tuple[Activity, ...]) -> dict[str | None, Activity]:
    return {a.item_no: a for a in activities}


def _table_doc(rows: list[list[Cell | str]]) -> Document:
    cells = tuple(tuple(c if isinstance(c, Cell) else Cell(tuple(c.split("\n")) if c else ()) for c in r) for r in rows)
    return Document(
        source="t.docx",
        format=SourceFormat.DOCX,
        blocks=(Line(TITLE, 1, 1), Table(cells, page=1, number=2)),
    )


# --- A. text in a quarter/month cell is timing, not a mark -----------------------------------------

PIPE_QUARTER_TEXT = f"""{TITLE}

| № | Мероприятие | I кв. | II кв. | III кв. | IV кв. | Ответственный |
|---|---|---|---|---|---|---|
| 1 | Заседание правления | + | | + | | Председатель |
| 2 | Приём заявлений о вступлении | | постоянно | | | Секретарь |
| 3 | Выпуск вестника | | | 2 раза в год | | Редакция |
| 4 | Консультации депутатов | по мере необходимости | | | | Юрист |
| 5 | Отчёт о работе | | + + | | | Председатель |
"""


def test_text_in_a_quarter_cell_is_timing_only() -> None:
    rows = _by_no(convert_text(PIPE_QUARTER_TEXT, "t.txt").activities)
    assert rows["1"].months == (1, 2, 3, 7, 8, 9)
    assert rows["2"].all_year and rows["2"].months == ()
    assert rows["3"].times_per_year == 2 and rows["3"].months == ()
    assert rows["4"].as_needed and rows["4"].months == ()
    assert rows["5"].months == (4, 5, 6)  # several marks are still marks


MONTHS = ["Янв", "Фев", "Мар", "Апр", "Май", "Июн", "Июл", "Авг", "Сен", "Окт", "Ноя", "Дек"]


def _month_row(number: str, title: str, cells: dict[int, str], year: str, resp: str) -> str:
    marks = [cells.get(m, "") for m in range(1, 13)]
    return "| " + " | ".join([number, title, *marks, year, resp]) + " |"


PIPE_MONTHS = "\n".join(
    [
        TITLE,
        "",
        "| № | Наименование мероприятия | " + " | ".join(MONTHS) + " | В течение года | Ответственный |",
        _month_row("1", "Сдача годового отчёта", {3: "15"}, "", "Бухгалтерия"),
        _month_row("2", "Собрание палаты поселений", {}, "1 раз в год", "Председатель палаты"),
        _month_row("3", "Публичные слушания", {5: "по графику"}, "", "Комиссия"),
    ]
)


def test_day_number_marks_its_month_and_year_column_text_is_whole_year() -> None:
    rows = _by_no(convert_text(PIPE_MONTHS, "t.txt").activities)
    assert rows["1"].months == (3,)
    assert rows["2"].all_year and rows["2"].times_per_year == 1
    # "по графику" under "май" names no time of its own: the column's month is kept, as a guess
    assert rows["3"].months == (5,) and rows["3"].timing_raw == "по графику"
    assert "months_from_column" in rows["3"].flags


ALIGNED_QUARTERS = (
    TITLE
    + "\n\n"
    + _aligned(
        {
            0: "№ п/п",
            7: "Наименование мероприятия",
            50: "I квартал",
            62: "II квартал",
            75: "III квартал",
            88: "IV квартал",
            101: "В течение года",
            118: "Ответственный",
        },
        {0: "1.", 7: "Заседание Совета", 54: "+", 80: "+", 118: "Председатель"},
        {0: "2.", 7: "Мониторинг законодательства", 66: "ежеквартально", 118: "Юрист"},
        {0: "3.", 7: "Приём граждан по личным", 65: "по мере обращения", 118: "Секретарь"},
        {7: "вопросам"},
        {0: "4.", 7: "Выставка достижений", 67: "в течение года", 118: "Оргкомитет"},
        {0: "5.", 7: "Собрание членов", 103: "1 раз в год", 118: "Председатель"},
        {0: "6.", 7: "Выпуск бюллетеня", 94: "2 раза в год", 118: "Редакция"},
    )
)


def test_aligned_text_centred_across_quarters_is_timing_only() -> None:
    rows = _by_no(convert_text(ALIGNED_QUARTERS, "t.txt").activities)
    assert rows["1"].months == (1, 2, 3, 7, 8, 9)
    assert rows["2"].all_year and rows["2"].times_per_year == 4 and rows["2"].months == ()
    assert rows["3"].months == () and rows["3"].title == "Приём граждан по личным вопросам"
    assert rows["4"].all_year and rows["4"].months == ()
    # text in the "в течение года" column itself: a whole-year activity, "1 раз в год" its frequency
    assert rows["5"].all_year and rows["5"].times_per_year == 1
    # text reaching over IV квартал and the year column: timing text only
    assert not rows["6"].all_year and rows["6"].months == () and rows["6"].times_per_year == 2


def test_merged_cell_across_quarters() -> None:
    empty = Cell(())
    on_request = Cell(("по мере поступления заявлений",), colspan=4)
    doc = _table_doc(
        [
            [
                "№ п/п",
                "Наименование мероприятия",
                "I квартал",
                "II квартал",
                "III квартал",
                "IV квартал",
                "Ответственные",
            ],
            ["1.", "Приём новых членов", on_request, empty, empty, empty, "Совет"],
            ["2.", "Семинар для глав поселений", "", "", Cell(("+",), colspan=2), empty, "Секретарь"],
            ["3.", "Выпуск бюллетеня", Cell(("2 раза в год",), colspan=4), empty, empty, empty, "Пресс-секретарь"],
        ]
    )
    rows = _by_no(convert_document(doc).activities)
    assert rows["1"].as_needed and rows["1"].months == ()
    assert rows["2"].months == (7, 8, 9, 10, 11, 12)
    assert rows["3"].times_per_year == 2 and rows["3"].months == ()


# --- B. unreadable quarter/month headers --------------------------------------------------------------


def test_quarter_headers_with_unreadable_numerals_are_numbered_by_position() -> None:
    roles = header_roles(["№ п/п", "Мероприятие", "Гквартал", "И квартал", "Ш квартал", "гу квартал", "Ответственные"])
    assert [r.months for r in roles[2:6]] == [(1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12)]
    # a shorter run takes its numbers from the readable ones
    roles = header_roles(["Мероприятие", "III кв.", "ГУ кв.", "Ответственный"])
    assert [r.kind for r in roles] == ["title", "quarter", "quarter", "responsible"]
    assert roles[2].months == (10, 11, 12)
    # "ежеквартально" in a header is not a quarter column
    assert header_roles(["Мероприятие", "ежеквартально", "Ответственный"])[1].kind != "quarter"


def test_month_headers_with_unreadable_names_are_numbered_by_position() -> None:
    printed = ["№", "Мероприятие", "Янв", "Фсв", "Мар", "Anp", "Май", "Июн", "Июл", "Авг", "Сен", "0кт", "Ноя", "Дек"]
    roles = header_roles(printed)
    assert [r.months[0] if r.months else None for r in roles[2:]] == list(range(1, 13))


def test_marks_under_unreadable_headers_are_not_title_text() -> None:
    doc = _table_doc(
        [
            ["№ п/п", "Наименование мероприятия", "Гквартал", "И квартал", "Ш квартал", "гу квартал", "Ответственные"],
            ["1.", "Общее собрание членов", "", "+", "", "", "Председатель"],
            ["2.", "Заседания Совета", "+", "+", "+", "+", "Председатель"],
        ]
    )
    rows = _by_no(convert_document(doc).activities)
    assert rows["1"].title == "Общее собрание членов" and rows["1"].months == (4, 5, 6)
    assert rows["2"].months == tuple(range(1, 13))


PIPE_UNKNOWN_COLUMN = f"""{TITLE}

| № | Мероприятие | Срок | Ответственный | ∑ |
|---|---|---|---|---|
| 1 | Заседание правления | март | Председатель | + |
| 2 | Отчёт ревизионной комиссии | май | Ревизор | |
"""


def test_marks_in_a_column_the_header_does_not_name_are_flagged() -> None:
    rows = _by_no(convert_text(PIPE_UNKNOWN_COLUMN, "t.txt").activities)
    assert rows["1"].title == "Заседание правления"
    assert "mark_column_unknown" in rows["1"].flags
    assert "mark_column_unknown" not in rows["2"].flags


# --- C. section rows centred over an aligned table ----------------------------------------------------

ALIGNED_CENTRED = """                      План работы Совета депутатов Псковской области на 2023 год

""" + _aligned(
    {0: "№ п/п", 7: "Мероприятие", 45: "Срок исполнения", 64: "Ответственный"},
    {34: "Нормотворческая деятельность"},
    {0: "1.", 7: "Подготовка проектов решений о", 45: "по мере", 64: "Председатель комиссии"},
    {7: "бюджете", 45: "необходимости"},
    {0: "2.", 7: "Отчёт главы района", 45: "март", 64: "Глава района"},
    {30: "Контрольная деятельность и работа с обращениями"},
    {0: "3.", 7: "Приём граждан депутатами", 45: "ежемесячно", 64: "Депутаты"},
    {0: "4.", 7: "Проверка исполнения бюджета", 45: "II квартал", 64: "Контрольно-счетная"},
    {64: "палата"},
)


def test_centred_section_rows_in_aligned_text() -> None:
    result = convert_text(ALIGNED_CENTRED, "t.txt")
    assert result.layout.value == "table"
    rows = _by_no(result.activities)
    assert set(rows) == {"1", "2", "3", "4"}
    assert rows["1"].section_title == "Нормотворческая деятельность"  # the heading right after the header
    assert rows["1"].title == "Подготовка проектов решений о бюджете"
    assert rows["1"].as_needed
    assert rows["2"].title == "Отчёт главы района" and rows["2"].section_title == "Нормотворческая деятельность"
    assert rows["2"].months == (3,) and rows["2"].timing_raw == "март"
    assert rows["3"].section_title == "Контрольная деятельность и работа с обращениями"
    assert rows["4"].responsible == ("Контрольно-счетная палата",)


# --- F. one row per group: group items get no entries ------------------------------------------------


def test_group_item_in_a_multi_activity_row_gets_no_entry() -> None:
    # one paragraph per line; blank paragraphs line the entries up with their activities
    title = "\n".join(
        [
            "Работа постоянных комиссий",
            "1. Заседание комиссии по бюджету",
            "",
            "2. Организация работы рабочих групп:",
            "",
            "2.1. группа по тарифам",
            "",
            "2.2. группа по благоустройству",
        ]
    )
    timing = "\n".join(["январь", "", "", "", "март", "", "апрель"])
    resp = "\n".join(
        [
            "Председатель комиссии",
            "",
            "",
            "",
            "Руководитель группы по тарифам",
            "",
            "Руководитель группы по благоустройству",
        ]
    )
    doc = _table_doc(
        [
            ["Наименование мероприятия", "Срок исполнения", "Ответственные"],
            [title, timing, resp],
        ]
    )
    rows = _by_no(convert_document(doc).activities)
    assert rows["1"].months == (1,) and rows["1"].responsible == ("Председатель комиссии",)
    assert rows["2"].is_group and rows["2"].responsible == () and rows["2"].months == ()
    assert rows["2.1"].months == (3,) and rows["2.1"].responsible == ("Руководитель группы по тарифам",)
    assert rows["2.2"].months == (4,) and rows["2.2"].responsible == ("Руководитель группы по благоустройству",)
    assert all("responsible_by_position" not in a.flags and "timing_by_position" not in a.flags for a in rows.values())
    assert rows["1"].section_title == "Работа постоянных комиссий"


# --- F. headers over two rows, column numbering, section rows, lettered sub-items --------------------


def test_two_row_header_names_the_quarters_under_a_merged_cell() -> None:
    empty = Cell(())
    doc = _table_doc(
        [
            ["№", "Мероприятия", "Исполнители", Cell(("Срок проведения",), colspan=4), empty, empty, empty],
            ["№", "Мероприятия", "Исполнители", "I кв.", "II кв.", "III кв.", "IV кв."],
            ["1.", "Заседание президиума", "Президиум", "+", "", "+", ""],
            ["2.", "Отчёт о работе", "Исполнительный директор", "", "", "", "+"],
        ]
    )
    result = convert_document(doc)
    rows = _by_no(result.activities)
    assert list(rows) == ["1", "2"]  # the header's second row is no activity
    assert rows["1"].months == (1, 2, 3, 7, 8, 9) and rows["2"].months == (10, 11, 12)
    assert all("mark_column_unknown" not in a.flags for a in result.activities)


def test_a_second_row_that_is_data_stays_data() -> None:
    doc = _table_doc(
        [
            ["№", "Мероприятие", "I кв.", "II кв.", "III кв.", "IV кв.", "Ответственный"],
            ["1.", "Заседание правления", "+", "", "", "+", "Председатель"],
        ]
    )
    assert _by_no(convert_document(doc).activities)["1"].months == (1, 2, 3, 10, 11, 12)


@pytest.mark.parametrize(
    ("cells", "numbering"),
    [
        (["1", "2", "3", "4"], True),
        (["1.", "2.", "3.", "4.", "5"], True),
        (["1", "2", "3", "", ""], False),  # too few columns numbered
        (["1", "3", "4", "5"], False),  # not 1, 2, 3 …
        (["1", "Заседание", "март", "Совет"], False),  # an activity
        (["2", "3", "4"], False),  # does not start at 1
    ],
)
def test_column_numbering_row(cells: list[str], numbering: bool) -> None:
    assert is_column_numbering(cells) is numbering


def test_column_numbering_row_under_the_header_is_no_activity() -> None:
    doc = _table_doc(
        [
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1", "2", "3", "4"],
            ["1", "Заседание Совета", "март", "Председатель"],
        ]
    )
    activities = convert_document(doc).activities
    assert [(a.item_no, a.title) for a in activities] == [("1", "Заседание Совета")]


@pytest.mark.parametrize(
    ("labels", "months"),
    [
        (["ян в.", "фе в.", "март", "апр.", "май", "ию\n\nнь", "ию ль", "ав г.", "се нт .", "ок т.", "но яб .", "дек."],
         list(range(1, 13))),
        (["I", "II", "III", "IV", "V", "VI", "VI I", "VI II", "IX", "X", "XI", "XI I"], list(range(1, 13))),
    ],
)
def test_month_labels_broken_by_a_narrow_column(labels: list[str], months: list[int]) -> None:
    roles = header_roles(["№", "Мероприятие", *labels, "Ответственный"])
    assert [r.months[0] for r in roles[2:14] if r.kind == "month"] == months
    assert roles[0].kind == "number" and roles[-1].kind == "responsible"


def test_merged_row_with_an_arabic_number_is_a_numbered_section() -> None:
    wide = Cell(("1. Организационные мероприятия",), colspan=4)
    doc = _table_doc(
        [
            ["№", "Мероприятие", "Срок", "Ответственный"],
            [wide, Cell(()), Cell(()), Cell(())],
            ["1.1", "Заседание Совета", "март", "Председатель"],
        ]
    )
    (row,) = convert_document(doc).activities
    assert (row.section_no, row.section_title, row.item_no) == ("1", "Организационные мероприятия", "1.1")


PIPE_ROMAN_SECTIONS = f"""{TITLE}

Опубликовано: 16.01.2023 | Просмотров: 412

| № | Мероприятие | Ответственные | Сроки |
| I. | Организационные мероприятия | | |
| 1. | Заседание правления | Председатель<br>Исполнительный директор | 1 квартал |
| II. Правовая работа | | | |
| 2. | Мониторинг законодательства | Юрист | в течение года |

Поделиться: ВКонтакте | Одноклассники | Telegram
"""


def test_pipe_table_sections_in_the_number_column_and_web_page_remnants() -> None:
    activities = convert_text(PIPE_ROMAN_SECTIONS, "t.txt").activities
    assert [(a.section_no, a.section_title, a.item_no) for a in activities] == [
        ("I", "Организационные мероприятия", "1"),
        ("II", "Правовая работа", "2"),
    ]
    assert activities[0].responsible == ("Председатель", "Исполнительный директор")  # <br> breaks the cell


def test_pipe_table_arabic_section_in_the_first_cell() -> None:
    # A colspan section row "1. Организационная работа" copied from a web page: its text lands in the № cell.
    text = PIPE_ROMAN_SECTIONS.replace("| I. | Организационные мероприятия | | |", "| 1. Организационные мероприятия | | | |")
    text = text.replace("| II. Правовая работа | | | |", "| 2. Правовая работа | | | |")
    activities = convert_text(text.replace("| 1. | З", "| 1.1. | З").replace("| 2. | М", "| 2.1. | М"), "t.txt").activities
    assert [(a.section_no, a.section_title, a.item_no) for a in activities] == [
        ("1", "Организационные мероприятия", "1.1"),
        ("2", "Правовая работа", "2.1"),
    ]


def test_lettered_sub_items_are_numbered_under_the_item_above() -> None:
    doc = _table_doc(
        [
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["1.3", "Заседания рабочих групп:", "", ""],
            ["а)", "по вопросам сотрудничества", "февраль", "Руководитель группы"],
            ["", "б) по вопросам малых городов", "апрель", "Руководитель группы"],
        ]
    )
    rows = convert_document(doc).activities
    assert [(a.item_no, a.parent_no, a.title) for a in rows] == [
        ("1.3", "1", "Заседания рабочих групп"),
        ("1.3.а", "1.3", "по вопросам сотрудничества"),
        ("1.3.б", "1.3", "по вопросам малых городов"),
    ]
    assert rows[0].is_group and "timing_missing" not in rows[0].flags


def test_a_letter_without_a_numbered_item_above_gives_no_number() -> None:
    doc = _table_doc(
        [
            ["№", "Мероприятие", "Срок", "Ответственный"],
            ["а)", "Заседание Совета", "март", "Председатель"],
        ]
    )
    (row,) = convert_document(doc).activities
    assert row.item_no is None and row.title == "Заседание Совета"


ALIGNED_REPEATED_HEADER = """                      План работы Совета депутатов Псковской области на 2023 год

""" + _aligned(
    {0: "№ п/п", 7: "Мероприятие", 45: "Срок исполнения", 64: "Ответственный"},
    {34: "Нормотворческая деятельность"},
    {0: "1.", 7: "Подготовка проектов решений", 45: "март", 64: "Председатель"},
) + "\f" + _aligned(
    {0: "№ п/п", 7: "Мероприятие", 45: "Срок исполнения", 64: "Ответственный"},
    {0: "2.", 7: "Отчёт главы района", 45: "апрель", 64: "Глава района"},
)


def test_the_header_repeated_on_the_next_page_is_no_row_and_no_section() -> None:
    rows = convert_text(ALIGNED_REPEATED_HEADER, "t.txt").activities
    assert [(a.item_no, a.section_title, a.title, a.months) for a in rows] == [
        ("1", "Нормотворческая деятельность", "Подготовка проектов решений", (3,)),
        ("2", "Нормотворческая деятельность", "Отчёт главы района", (4,)),
    ]


@pytest.mark.parametrize("mark", ["●", "■", "◆", "✕", "☑"])
def test_symbol_font_marks_mark_their_quarter(mark: str) -> None:
    doc = _table_doc(
        [
            ["№", "Мероприятие", "I кв.", "II кв.", "III кв.", "IV кв.", "Ответственный"],
            ["1.", "Заседание правления", mark, "", mark, "", "Председатель"],
        ]
    )
    (row,) = convert_document(doc).activities
    assert row.months == (1, 2, 3, 7, 8, 9) and row.timing_raw is None


@pytest.mark.parametrize("numerals", [["I", "II", "III", "IV"], ["1", "2", "3", "4"]])
def test_bare_numerals_under_a_merged_quarter_cell_are_quarters(numerals: list[str]) -> None:
    empty = Cell(())
    doc = _table_doc(
        [
            ["№\nп/п", "Мероприятие", Cell(("Срок исполнения (квартал)",), colspan=4), empty, empty, empty, "Ответственные"],
            ["№\nп/п", "Мероприятие", *numerals, "Ответственные"],
            ["1.1.", "Заседание коллегии", "+", "", "", "+", "Председатель"],
        ]
    )
    (row,) = convert_document(doc).activities
    assert row.months == (1, 2, 3, 10, 11, 12) and not row.flags


def test_bare_numerals_under_a_cell_naming_no_quarters_stay_unnamed() -> None:
    empty = Cell(())
    doc = _table_doc(
        [
            ["№", "Мероприятие", Cell(("Этапы",), colspan=4), empty, empty, empty, "Срок", "Ответственные"],
            ["№", "Мероприятие", "I", "II", "III", "IV", "Срок", "Ответственные"],
            ["1.", "Заседание коллегии", "", "", "", "", "март", "Председатель"],
        ]
    )
    rows = convert_document(doc).activities
    assert [r.months for r in rows if r.item_no == "1"] == [(3,)]


@pytest.mark.parametrize(
    ("questions", "numbers"),
    [
        ("1. О подготовке к летней кампании\n2. Об организации отдыха детей", ["4.1", "4.2"]),
        ("4.1. О подготовке к летней кампании\n4.2. Об организации отдыха детей", ["4.1", "4.2"]),
    ],
)
def test_questions_numbered_inside_a_row_are_numbered_under_it(questions: str, numbers: list[str]) -> None:
    doc = _table_doc(
        [
            ["№ п/п", "Наименование вопроса", "Дата рассмотрения", "Ответственный"],
            ["3.", "Об исполнении бюджета", "март", "Финансовое управление"],
            ["4.", questions, "апрель", "Управление образования"],
        ]
    )
    rows = convert_document(doc).activities
    assert [(a.item_no, a.parent_no) for a in rows] == [("3", None), *[(n, "4") for n in numbers]]
    assert rows[1].title == "О подготовке к летней кампании" and rows[2].months == (4,)
