"""Table headers over several rows, half-year columns, text in mark cells and marks without a
column (no files involved: invented tables built as readers build them)."""

from __future__ import annotations

import pytest

from planparse.api import convert_document
from planparse.layouts.cells import header_role, table_header
from planparse.model import Activity, Cell, Document, Line, SourceFormat, Table

TITLE = "План работы Ассоциации «Совет муниципальных образований Новгородской области» на 2024 год"
E = Cell(())  # a cell covered by a merged cell to its left (readers leave it empty)


def _cell(c: Cell | str) -> Cell:
    return c if isinstance(c, Cell) else Cell(tuple(c.split("\n")) if c else ())


def _span(text: str, n: int) -> Cell:
    return Cell((text,), colspan=n)


def _doc(rows: list[list[Cell | str]]) -> Document:
    cells = tuple(tuple(_cell(c) for c in r) for r in rows)
    return Document(source="t.docx", format=SourceFormat.DOCX, blocks=(Line(TITLE, 1, 1), Table(cells, page=1, number=2)))


def _rows(rows: list[list[Cell | str]]) -> dict[str | None, Activity]:
    return {a.item_no: a for a in convert_document(_doc(rows)).activities}


# --- D3. a header over three rows ------------------------------------------------------------------

QUARTERS = ["1 квартал", "2 квартал", "3 квартал", "4 квартал"]
BODY: list[list[Cell | str]] = [
    [_span("1. Работа с депутатами", 7), E, E, E, E, E, E],
    ["1.1.", "Собрание депутатов поселений", "", "+", "", "", "Глава округа"],
    ["1.2.", "Публичные слушания по бюджету", "", "", _span("+", 2), E, "Финансовый отдел"],
    ["1.3.", "Приём граждан по личным вопросам", _span("еженедельно", 4), E, E, E, "Приёмная"],
    ["1.4.", "Отчёт главы перед населением", "", "май", "", "", "Глава округа"],
]
WANT = {
    "1.1": ((4, 5, 6), False),
    "1.2": ((7, 8, 9, 10, 11, 12), False),
    "1.3": ((), True),
    "1.4": ((5,), False),
}
# Vertical merges repeated in every row they cover (DOCX, RTF) or left empty below (PDF).
REPEATED = [
    ["№ п/п", "Содержание работы", _span("Сроки исполнения", 4), E, E, E, "Исполнители"],
    ["№ п/п", "Содержание работы", _span("1 полугодие", 2), E, _span("2 полугодие", 2), E, "Исполнители"],
    ["№ п/п", "Содержание работы", *QUARTERS, "Исполнители"],
]
NOT_REPEATED = [
    ["№ п/п", "Содержание работы", _span("Сроки исполнения", 4), E, E, E, "Исполнители"],
    ["", "", _span("I полугодие", 2), E, _span("II полугодие", 2), E, ""],
    ["", "", "I кв.", "II кв.", "III кв.", "IV кв.", ""],
]
# A middle row that names no period ("2024 год" merged over the four quarters).
YEAR_BETWEEN = [
    ["№", "Мероприятия", _span("Срок", 4), E, E, E, "Ответственный"],
    ["№", "Мероприятия", _span("2024 год", 4), E, E, E, "Ответственный"],
    ["№", "Мероприятия", *QUARTERS, "Ответственный"],
]
NUMBERED_COLUMNS = [*REPEATED, ["1", "2", "3", "4", "5", "6", "7"]]


@pytest.mark.parametrize(
    "header",
    [REPEATED, NOT_REPEATED, YEAR_BETWEEN, NUMBERED_COLUMNS],
    ids=["merges-repeated", "merges-not-repeated", "year-between", "column-numbering"],
)
def test_a_header_over_three_rows_names_the_quarters(header: list[list[Cell | str]]) -> None:
    rows = _rows([*header, *BODY])
    assert list(rows) == list(WANT)  # no header row is an activity
    assert {no: (a.months, a.all_year) for no, a in rows.items()} == WANT
    assert all(not a.flags for a in rows.values())
    assert rows["1.1"].section_title == "Работа с депутатами"


def test_table_header_takes_every_stacked_row() -> None:
    texts = [[c.text for c in map(_cell, row)] for row in [*NUMBERED_COLUMNS, *BODY[1:2]]]
    roles, used = table_header(texts)
    assert used == 4  # three header rows and the column numbering
    assert [r.kind for r in roles] == ["number", "title", "quarter", "quarter", "quarter", "quarter", "responsible"]


def test_a_sub_header_row_of_half_years_is_no_activity() -> None:
    rows = _rows(
        [
            ["№", "Мероприятие", _span("Срок проведения", 2), E, "Ответственный"],
            ["№", "Мероприятие", "I полугодие", "II полугодие", "Ответственный"],
            ["1", "Семинар для бухгалтеров поселений", "", "+", "Финансовый отдел"],
            ["2", "Смотр-конкурс благоустройства", "+", "+", "Оргкомитет"],
        ]
    )
    assert list(rows) == ["1", "2"]
    assert rows["1"].months == (7, 8, 9, 10, 11, 12) and rows["2"].months == tuple(range(1, 13))


def test_data_rows_under_a_header_with_empty_cells_stay_data() -> None:
    """The header's last row leaves cells empty (a PDF's vertical merges), so its last label seems
    merged over the responsible column: rows below still have a title of their own, so they are data."""
    rows = _rows(
        [
            ["№", "Мероприятие", _span("Срок", 2), E, "Ответственный"],
            ["", "", "I полугодие", "II полугодие", ""],
            ["", "Выездной семинар для старост", "", "+", "Аппарат"],
            ["2", "Заседание комиссии", "+", "", "Председатель комиссии"],
        ]
    )
    assert {no: (a.title, a.months) for no, a in rows.items()} == {
        None: ("Выездной семинар для старост", (7, 8, 9, 10, 11, 12)),
        "2": ("Заседание комиссии", (1, 2, 3, 4, 5, 6)),
    }


# --- D5. half-year columns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "months"),
    [
        ("I полугодие", (1, 2, 3, 4, 5, 6)),
        ("II полугодие", (7, 8, 9, 10, 11, 12)),
        ("1 полуг.", (1, 2, 3, 4, 5, 6)),
        ("2-е полугодие", (7, 8, 9, 10, 11, 12)),
        ("1-е\nполугодие", (1, 2, 3, 4, 5, 6)),
        ("второе полугодие", (7, 8, 9, 10, 11, 12)),
    ],
)
def test_half_year_labels_are_mark_columns(label: str, months: tuple[int, ...]) -> None:
    role = header_role(label)
    assert (role.kind, role.months) == ("half", months)


@pytest.mark.parametrize("label", ["полугодие", "ежеполугодно", "I-II полугодие", "Срок (полугодие)"])
def test_other_half_year_words_are_no_mark_column(label: str) -> None:
    assert header_role(label).kind != "half"


@pytest.mark.parametrize(
    "labels", [["I полугодие", "II полугодие"], ["1 полуг.", "2 полуг."], ["1-е полугодие", "2-е полугодие"]]
)
def test_marks_under_half_year_columns_give_their_months(labels: list[str]) -> None:
    rows = _rows(
        [
            ["№", "Наименование мероприятия", *labels, "Ответственные"],
            ["1", "Конкурс «Лучшее поселение»", "+", "", "Оргкомитет"],
            ["2", "Семинар для старост", "", "х", "Аппарат"],
        ]
    )
    assert rows["1"].months == (1, 2, 3, 4, 5, 6) and rows["2"].months == (7, 8, 9, 10, 11, 12)
    assert all("mark_column_unknown" not in a.flags for a in rows.values())


def test_bare_numerals_under_a_merged_half_year_cell_are_half_years() -> None:
    rows = _rows(
        [
            ["№", "Мероприятие", _span("Срок исполнения (полугодие)", 2), E, "Ответственный"],
            ["№", "Мероприятие", "I", "II", "Ответственный"],
            ["1", "Обучение депутатов", "", "+", "Аппарат"],
        ]
    )
    assert list(rows) == ["1"] and rows["1"].months == (7, 8, 9, 10, 11, 12)


# --- D4. text in a month or quarter mark cell ---------------------------------------------------------

MONTHS = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август"]
MONTHS += ["сентябрь", "октябрь", "ноябрь", "декабрь"]


def _month_table(cells: dict[int, str]) -> dict[str | None, Activity]:
    marks = [cells.get(m, "") for m in range(1, 13)]
    return _rows(
        [
            ["№", "Мероприятие", *MONTHS, "Исполнитель"],
            ["1", "Совещание с главами поселений", *marks, "Председатель"],
        ]
    )


@pytest.mark.parametrize(
    ("cells", "months", "flagged"),
    [
        ({4: "3 раза", 10: "3 раза"}, (4, 10), False),  # a count: how often in that month
        ({6: "1 р."}, (6,), False),
        ({2: "дважды"}, (2,), False),
        ({7: "по плану"}, (7,), True),  # names no time: the column's month, a guess
        ({5: "18.06"}, (6,), False),  # a date names its own month
        ({5: "июнь"}, (6,), False),
        ({11: "14.1 1"}, (11,), False),  # a date broken by a narrow cell
    ],
)
def test_text_in_a_month_cell(cells: dict[int, str], months: tuple[int, ...], flagged: bool) -> None:
    (row,) = _month_table(cells).values()
    assert row.months == months
    assert ("months_from_column" in row.flags) is flagged
    assert "timing_unparsed" not in row.flags


@pytest.mark.parametrize(
    ("text", "months", "times", "as_needed"),
    [
        ("2 раза", (7, 8, 9), None, False),
        ("ноябрь", (11,), None, False),
        ("2 раза в год", (), 2, False),  # a frequency per year says itself when
        ("по мере необходимости", (), None, True),
    ],
)
def test_text_in_a_quarter_cell(text: str, months: tuple[int, ...], times: float | None, as_needed: bool) -> None:
    (row,) = _rows(
        [
            ["№", "Мероприятие", "I кв.", "II кв.", "III кв.", "IV кв.", "Ответственный"],
            ["1", "Проверка реестра муниципальных услуг", "", "", text, "", "Юрист"],
        ]
    ).values()
    assert (row.months, row.times_per_year, row.as_needed, row.timing_raw) == (months, times, as_needed, text)


# --- D12. a mark with no column to give it meaning -------------------------------------------------------


def test_a_mark_in_a_timing_column_is_flagged() -> None:
    rows = _rows(
        [
            ["№", "Мероприятие", "Срок исполнения", "Ответственный"],
            ["1", "Семинар для специалистов поселений", "+", "Аппарат"],
            ["2", "Заседание правления", "апрель", "Председатель"],
        ]
    )
    assert rows["1"].timing_raw is None and rows["1"].months == ()
    assert "mark_column_unknown" in rows["1"].flags and rows["1"].confidence < 0.8
    assert rows["2"].months == (4,) and not rows["2"].flags
