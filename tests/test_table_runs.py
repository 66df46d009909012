"""A plan spread over several reader tables (no files involved: invented tables built as readers build them):
a table continued without a header row of its own, section headings written as paragraphs above the tables, and a
month grid split into two half-year tables."""

from __future__ import annotations

import pytest

from planparse.api import ConversionResult, convert_document
from planparse.model import Cell, Document, Line, SourceFormat, Table

TITLE = "План работы Ассоциации «Совет муниципальных образований Псковской области» на 2024 год"
HEADER = ["№", "Мероприятие", "Срок", "Ответственные"]
FIRST = [["1", "Заседание Правления", "март", "Председатель"], ["2", "Общее собрание членов", "апрель", "Директор"]]
SECOND = [
    ["3", "Семинар для глав поселений", "май", "Дирекция"],
    ["4", "Обзор судебной практики", "июнь", "Юрист"],
    ["5", "Конкурс лучших практик", "октябрь", "Дирекция"],
]


def _table(rows: list[list[str]], number: int) -> Table:
    cells = tuple(tuple(Cell(tuple(c.split("\n")) if c else ()) for c in r) for r in rows)
    return Table(cells, page=1, number=number)


def _convert(*parts: list[list[str]] | str) -> ConversionResult:
    """A DOCX-like document: the title, then paragraphs (str) and tables (lists of rows) in order."""
    blocks: list[Line | Table] = [Line(TITLE, 1, 1)]
    for k, part in enumerate(parts, 2):
        blocks.append(Line(part, 1, k) if isinstance(part, str) else _table(part, k))
    return convert_document(Document(source="t.docx", format=SourceFormat.DOCX, blocks=tuple(blocks)))


def _key(result: ConversionResult) -> list[tuple[str | None, str | None, str | None]]:
    return [(a.section_no, a.section_title, a.item_no) for a in result.activities]


# --- a table continued without a header of its own ----------------------------------------------------


@pytest.mark.parametrize("between", ["", "Продолжение таблицы", None])
def test_headerless_table_continues_the_previous_one(between: str | None) -> None:
    parts = [[HEADER, *FIRST]] + ([] if between is None else [between]) + [SECOND]
    result = _convert(*parts)
    assert [a.item_no for a in result.activities] == ["1", "2", "3", "4", "5"]
    by_no = {a.item_no: a for a in result.activities}
    assert by_no["4"].title == "Обзор судебной практики"
    assert by_no["4"].months == (6,)
    assert by_no["4"].responsible == ("Юрист",)
    assert by_no["4"].confidence >= 0.9


def test_headerless_continuation_keeps_the_section_it_continues() -> None:
    result = _convert([HEADER, ["I. Организационная работа", "", "", ""], *FIRST], "", SECOND)
    assert {a.section_no for a in result.activities} == {"I"}


@pytest.mark.parametrize("heading", ["II. Методическая работа", "2. Методическая работа", "Раздел 2. Методическая работа"])
def test_headerless_continuation_after_a_heading_opens_that_section(heading: str) -> None:
    result = _convert([HEADER, *FIRST], heading, SECOND)
    got = _key(result)
    assert [k[2] for k in got] == ["1", "2", "3", "4", "5"]
    assert got[0][:2] == (None, None)
    assert got[2][1] == "Методическая работа"
    assert got[2][0] in {"II", "2"}


def test_a_table_that_cannot_be_read_is_noted() -> None:
    other = [["3", "Семинар для глав поселений", "май"], ["4", "Обзор судебной практики", "июнь"]]
    result = _convert([HEADER, *FIRST], "", other)
    assert [a.item_no for a in result.activities] == ["1", "2"]
    assert any("not read" in n for n in result.notes)
    last = result.activities[-1]
    assert "table_not_read_after" in last.flags
    assert last.confidence < 0.8


def test_a_signature_table_is_no_continuation() -> None:
    result = _convert([HEADER, *FIRST], "", [["Председатель Совета", "", "", "А.Н. Кузьмин"]])
    assert [a.item_no for a in result.activities] == ["1", "2"]
    assert not any("not read" in n for n in result.notes)


# --- section headings written above the tables ------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "want"),
    [
        ("Раздел 1. Организационные мероприятия", "Раздел 2. Методическая работа", ("1", "2")),
        ("1. Организационные мероприятия", "2. Методическая работа", ("1", "2")),
        ("I. Организационные мероприятия", "II. Методическая работа", ("I", "II")),
    ],
)
def test_heading_above_each_table_is_its_section(first: str, second: str, want: tuple[str, str]) -> None:
    result = _convert(first, [HEADER, *FIRST], "", second, [HEADER, *SECOND], "")
    got = _key(result)
    assert got == [
        (want[0], "Организационные мероприятия", "1"),
        (want[0], "Организационные мероприятия", "2"),
        (want[1], "Методическая работа", "3"),
        (want[1], "Методическая работа", "4"),
        (want[1], "Методическая работа", "5"),
    ]
    assert min(a.confidence for a in result.activities) >= 0.9


@pytest.mark.parametrize("caption", ["I полугодие 2024 года", "II квартал", "на 2024 год"])
def test_a_period_caption_above_a_table_is_no_section(caption: str) -> None:
    result = _convert(caption, [HEADER, *FIRST])
    assert _key(result) == [(None, None, "1"), (None, None, "2")]


def test_a_heading_row_inside_the_table_wins_over_the_paragraph_above() -> None:
    result = _convert("Раздел 1. Общие вопросы", [HEADER, ["1. Заседания", "", "", ""], *FIRST])
    assert {(a.section_no, a.section_title) for a in result.activities} == {("1", "Заседания")}


# --- a month grid split over two half-year tables ---------------------------------------------------

H1 = ["№ п/п", "Наименование мероприятия", "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Ответственный"]
H2 = ["№ п/п", "Наименование мероприятия", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь", "Ответственный"]
ACTS = [("1", "Заседание Правления", "Председатель"), ("2", "Семинар для глав", "Дирекция"), ("3", "Отчёт", "Директор")]
MARKS_1 = {"1": [2, 5], "2": [], "3": [0]}  # mark positions within the half (0 = its first month)
MARKS_2 = {"1": [2, 5], "2": [1], "3": []}


def _half(header: list[str], marks: dict[str, list[int]], with_section: bool = True) -> list[list[str]]:
    rows = [header] + ([["I. Организационная деятельность", *[""] * 8]] if with_section else [])
    for no, title, who in ACTS:
        rows.append([no, title, *["+" if k in marks[no] else "" for k in range(6)], who])
    return rows


@pytest.mark.parametrize("between", ["II полугодие", ""])
def test_half_year_tables_are_merged_row_by_row(between: str) -> None:
    result = _convert("I полугодие", _half(H1, MARKS_1), between, _half(H2, MARKS_2))
    got = {a.item_no: a for a in result.activities}
    assert len(result.activities) == 3
    assert got["1"].months == (3, 6, 9, 12)
    assert got["2"].months == (8,)
    assert got["3"].months == (1,)
    assert got["1"].section_no == "I"
    assert got["2"].responsible == ("Дирекция",)
    assert min(a.confidence for a in result.activities) >= 0.9
    assert any("merged" in n for n in result.notes)


def test_half_year_titles_match_despite_punctuation_and_wrapping() -> None:
    second = _half(H2, MARKS_2)
    second[2][1] = "Заседание\nПравления."
    result = _convert(_half(H1, MARKS_1), "", second)
    assert [a.months for a in result.activities] == [(3, 6, 9, 12), (8,), (1,)]


def test_tables_with_other_activities_are_not_merged() -> None:
    other = [H2, ["4", "Форум муниципалитетов", "", "+", "", "", "", "", "Председатель"]]
    result = _convert(_half(H1, MARKS_1), "", other)
    assert [a.item_no for a in result.activities] == ["1", "2", "3", "4"]


def test_tables_over_the_same_months_are_not_merged() -> None:
    result = _convert(_half(H1, MARKS_1), "", _half(H1, MARKS_2))
    assert len(result.activities) == 6
