"""Group headings and sub-items (``planparse.groups``): numbering that restarts per section or per
plan, rows with a timing of their own, unnumbered sub-items under a lead-in ("2.2. Семинары:")."""

from __future__ import annotations

import pytest

from planparse.api import convert_document, convert_text
from planparse.groups import structure
from planparse.model import Cell, Document, Line, RawItem, SourceFormat, Table

TITLE = "План работы Совета депутатов Верхнекамского муниципального округа на 2027 год"


def _item(no: str | None, title: str, timing: str | None = None, resp: str | None = None,
          section: tuple[str | None, str | None] = (None, None)) -> RawItem:
    return RawItem((title,), item_no=no, section_no=section[0], section_title=section[1],
                   timing_raw=timing, responsible_raw=resp)


def _table(rows: list[list[str]]) -> Document:
    cells = tuple(tuple(Cell(tuple(c.split("\n")) if c else ()) for c in r) for r in rows)
    return Document("t.docx", SourceFormat.DOCX, (Line(TITLE, 1, 1), Table(cells, page=1, number=2)))


def _rows(result) -> list[tuple[str | None, str | None, bool, str]]:
    return [(a.item_no, a.parent_no, a.is_group, a.title) for a in result.activities]


S1, S2 = ("I", "Организационная работа"), ("II", "Учёба депутатов")

# Each case: the items of one plan and the expected (heads, groups) of ``structure``.
STRUCTURE_CASES = [
    pytest.param(
        [_item("1", "Сессия", "май", section=S1), _item("2", "Отчёт главы", "июнь", section=S1),
         _item("1", "Курсы:", section=S2), _item("1.1", "для новых депутатов", "март", section=S2),
         _item("2", "Стажировки:", section=S2), _item("2.1", "в Думе края", "октябрь", section=S2)],
        ([None, None, None, 2, None, 4], {2, 4}),
        id="numbering-restarts-per-section",
    ),
    pytest.param(
        [_item("1.1", "Сессия", "май", section=("1", "Сессии")), _item("1.2", "Сессия", "ноябрь", section=("1", "Сессии")),
         _item("2.1", "Семинар", "март", section=("2", "Учёба")),
         _item("1", "Выборы председателя палаты", "январь", section=("2", "Учёба")),
         _item("2", "Заседания палаты", "ежеквартально", section=("2", "Учёба"))],
        ([None, None, None, None, None], set()),
        id="annex-plan-restarts-at-1",
    ),
    pytest.param(
        [_item("3", "Приём граждан", "еженедельно"), _item("4", "Публичные слушания", "апрель"),
         _item("3.1", "по проекту бюджета", "ноябрь")],
        ([None, None, None], set()),
        id="child-after-the-numbering-moved-on",
    ),
    pytest.param(
        [_item("5", "Депутатские слушания", "март", "Председатель"), _item("5.1", "О бюджете", "март"),
         _item("5.2", "О благоустройстве", "март")],
        ([None, 0, 0], set()),
        id="row-with-its-own-timing-is-no-group",
    ),
    pytest.param(
        [_item("6", "Работа комиссий", None, "Аппарат Совета"), _item("6.1", "комиссия по бюджету", "март", "Аппарат Совета"),
         _item("6.2", "комиссия по ЖКХ", "май", "Аппарат Совета")],
        ([None, 0, 0], {0}),
        id="merged-party-shared-with-the-sub-items",
    ),
    pytest.param(
        [_item("7", "Проведение публичных слушаний:"), _item(None, "– по отчёту об исполнении бюджета", "апрель"),
         _item(None, "– по проекту бюджета", "ноябрь"), _item("8", "Отчёт", "декабрь")],
        ([None, 0, 0, None], {0}),
        id="unnumbered-items-under-a-lead-in",
    ),
    pytest.param(
        [_item("7", "Проведение публичных слушаний", "в течение года"), _item(None, "– по отчёту", "апрель")],
        ([None, None], set()),
        id="bullet-after-a-timed-item-is-no-sub-item",
    ),
]


@pytest.mark.parametrize(("items", "expected"), STRUCTURE_CASES)
def test_structure(items: list[RawItem], expected: tuple[list[int | None], set[int]]) -> None:
    found = structure(items)
    assert (list(found.heads), set(found.groups)) == (expected[0], expected[1])


def test_restarting_numbering_in_a_table_makes_no_unrelated_group() -> None:
    doc = _table(
        [
            ["№", "Мероприятие", "Срок"],
            ["I. Организационная работа", "", ""],
            ["1.", "Сессия Совета депутатов", "май"],
            ["2.", "Отчёт главы округа", "июнь"],
            ["II. Учёба депутатов", "", ""],
            ["1.", "Семинар для председателей комиссий", "март"],
            ["2.", "Курсы повышения квалификации:", ""],
            ["2.1.", "для впервые избранных депутатов", "апрель"],
            ["2.2.", "для помощников депутатов", "сентябрь"],
        ]
    )
    rows = _rows(convert_document(doc))
    assert rows == [
        ("1", None, False, "Сессия Совета депутатов"),
        ("2", None, False, "Отчёт главы округа"),
        ("1", None, False, "Семинар для председателей комиссий"),
        ("2", None, True, "Курсы повышения квалификации"),
        ("2.1", "2", False, "для впервые избранных депутатов"),
        ("2.2", "2", False, "для помощников депутатов"),
    ]


def test_category_fallback_takes_the_real_parent_row() -> None:
    """A sub-item's category falls back on its own group heading, not on a row of the same number elsewhere."""
    doc = _table(
        [
            ["№", "Мероприятие", "Срок"],
            ["I. Работа с населением", "", ""],
            ["1.", "Приём граждан", "еженедельно"],
            ["II. Учёба", "", ""],
            ["1.", "Обучающие семинары:", ""],
            ["1.1.", "для старост сельских населённых пунктов", "март"],
            ["III. Информирование", "", ""],
            ["1.", "Публикация решений Совета в газете", "постоянно"],
        ]
    )
    sub = convert_document(doc).activities[2]
    assert (sub.parent_no, sub.category, sub.category_rule) == ("1", "training", "group: обучающий")


NUMBERED_BULLETS = f"""{TITLE}

Раздел 1. Работа с населением

1.1. Приём граждан депутатами – еженедельно – Депутаты Совета
1.2. Проведение публичных слушаний:
   – по отчёту об исполнении бюджета округа – апрель – Председатель Совета
   • по проекту бюджета округа на 2028 год – ноябрь – Председатель Совета
1.3. Отчёт депутатов перед избирателями – декабрь – Депутаты Совета

Раздел 2. Информирование

   – Публикация решений Совета – постоянно – Аппарат Совета
   – Ведение страницы Совета в сети – постоянно – Аппарат Совета
"""


def test_bullets_under_a_numbered_lead_in_are_its_sub_items() -> None:
    rows = _rows(convert_text(NUMBERED_BULLETS, "t.txt", layout="numbered"))
    assert rows == [
        ("1.1", "1", False, "Приём граждан депутатами"),
        ("1.2", "1", True, "Проведение публичных слушаний"),
        (None, "1.2", False, "по отчёту об исполнении бюджета округа"),
        (None, "1.2", False, "по проекту бюджета округа на 2028 год"),
        ("1.3", "1", False, "Отчёт депутатов перед избирателями"),
        (None, None, False, "Публикация решений Совета"),
        (None, None, False, "Ведение страницы Совета в сети"),
    ]
    lead_in = convert_text(NUMBERED_BULLETS, "t.txt", layout="numbered").activities[1]
    assert "timing_missing" not in lead_in.flags and "responsible_missing" not in lead_in.flags
