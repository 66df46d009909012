"""Text plans whose cells are tab-separated (spreadsheet copies) or marked up as Markdown."""

from __future__ import annotations

import pytest

from planparse.api import convert_text
from planparse.readers.text import read_text_bytes

TSV = "\n".join(
    [
        "План работы Совета депутатов Озёрского сельского поселения на 2022 год",
        "",
        "№ раздела\t№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственные\tПримечание",
        "1\t\tСессии Совета депутатов\t\t\t",
        "1\t1.1\tОтчёт главы поселения\tфевраль\tГлава поселения\t",
        "1\t1.2\tУтверждение бюджета на 2023 год\tдекабрь\tФинансовый отдел\tпо итогам публичных слушаний",
        "2\t\tРабота с населением\t\t\t",
        "2\t2.1\tСходы граждан\tапрель, сентябрь\tСтаросты\t",
        "2\t2.2\tПриём граждан по личным вопросам\tеженедельно\tДепутаты\tпо графику",
        "",
        "Глава поселения\t\t\tА.П. Ветров",
    ]
)


def _rows(text: str, layout: str = "auto") -> list[tuple[object, ...]]:
    result = convert_text(text, "t.txt", layout=layout)
    return [
        (a.section_no, a.section_title, a.item_no, a.title, a.months, a.responsible) for a in result.activities
    ]


EXPECTED_TSV = [
    ("1", "Сессии Совета депутатов", "1.1", "Отчёт главы поселения", (2,), ("Глава поселения",)),
    ("1", "Сессии Совета депутатов", "1.2", "Утверждение бюджета на 2023 год", (12,), ("Финансовый отдел",)),
    ("2", "Работа с населением", "2.1", "Сходы граждан", (4, 9), ("Старосты",)),
    ("2", "Работа с населением", "2.2", "Приём граждан по личным вопросам", (), ("Депутаты",)),
]


@pytest.mark.parametrize("layout", ["auto", "table"])
def test_tab_separated_lines_are_table_rows(layout: str) -> None:
    assert _rows(TSV, layout) == EXPECTED_TSV


def test_tab_separated_rows_without_a_section_column() -> None:
    lines = [ln.split("\t", 1)[1] if "\t" in ln and not ln.startswith("Глава") else ln for ln in TSV.split("\n")]
    lines = [ln for ln in lines if not ln.startswith("\t")]  # section rows lose their number: dropped here
    rows = _rows("\n".join(lines))
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [(r[2], r[3], r[4], r[5]) for r in EXPECTED_TSV]


def test_stray_tabs_do_not_make_a_table() -> None:
    # Numbered text with a tab here and there (as pdftotext or a typist leaves them) stays a numbered list.
    text = "\n".join(
        [
            "План работы комиссии на 2022 год",
            "1. Заседание комиссии\t– март – Председатель",
            "2. Проверка отчётов – май –\tСекретарь",
            "3. Семинар для членов комиссии – октябрь – Председатель",
        ]
    )
    result = convert_text(text, "t.txt")
    assert [a.item_no for a in result.activities] == ["1", "2", "3"]
    assert result.activities[0].title == "Заседание комиссии"


MARKDOWN = """# План работы Совета депутатов Озёрского сельского поселения на 2022 год

*утверждён решением Совета от 20.12.2021 № 14*

| № | Мероприятие | Срок | Ответственный |
|:--:|---|:---:|---|
| **I.** | **Сессии Совета депутатов** | | |
| 1 | Отчёт главы поселения | февраль | Глава поселения |
| 2 | Утверждение бюджета на 2023 год | декабрь | Финансовый отдел |
| **II.** | **Работа с населением** | | |
| 3 | Сходы граждан | апрель, сентябрь | Старосты |

Глава поселения — **А.П. Ветров**
"""


def test_markdown_bold_rows_are_sections_and_heading_keeps_the_title() -> None:
    result = convert_text(MARKDOWN, "plan.md")
    assert [(a.section_no, a.section_title, a.item_no, a.title) for a in result.activities] == [
        ("I", "Сессии Совета депутатов", "1", "Отчёт главы поселения"),
        ("I", "Сессии Совета депутатов", "2", "Утверждение бюджета на 2023 год"),
        ("II", "Работа с населением", "3", "Сходы граждан"),
    ]
    assert result.meta.doc_title == "План работы Совета депутатов Озёрского сельского поселения на 2022 год"
    assert result.meta.organization == "Совет депутатов Озёрского сельского поселения"


@pytest.mark.parametrize(
    ("line", "clean"),
    [
        ("## 1. Организационная работа", "1. Организационная работа"),
        ("### Раздел II ###", "Раздел II"),
        ("**Раздел 1.** __Сессии__", "Раздел 1. Сессии"),
        ("Семинар *«Бюджет для граждан»* в _марте_", "Семинар «Бюджет для граждан» в марте"),
        ("***Важно***: срок", "Важно: срок"),
        ("файл plan_2022_final.docx", "файл plan_2022_final.docx"),  # no emphasis inside a word
        ("2 * 3 = 6, сноска*", "2 * 3 = 6, сноска*"),  # lone or spaced stars are text
        ("* пункт списка", "* пункт списка"),  # a bullet stays a bullet
    ],
)
def test_markdown_markup_is_removed(line: str, clean: str) -> None:
    text = f"# Заголовок\n\n| № | Мероприятие |\n|---|---|\n{line}\n"
    doc = read_text_bytes(text.encode("utf-8"), "t.txt")
    lines = [b.text for b in doc.blocks]  # type: ignore[union-attr]
    assert clean in lines
    assert "|---|---|" not in lines  # the alignment row is markup
    assert "Заголовок" in lines


def test_plain_text_with_stars_is_not_markdown() -> None:
    text = "План работы на 2022 год\n1. Заседание *по итогам года* – декабрь\n# не заголовок без пробела\n"
    doc = read_text_bytes(text.encode("utf-8"), "t.txt")
    assert [b.text for b in doc.blocks][1] == "1. Заседание *по итогам года* – декабрь"  # type: ignore[union-attr]


def test_fill_in_blanks_are_not_markdown() -> None:
    text = "УТВЕРЖДАЮ ________ /А.П. Ветров/ ________\nСОГЛАСОВАНО ________ /И.И. Ивова/ ________\nПлан работы на 2022 год\n"
    doc = read_text_bytes(text.encode("utf-8"), "t.txt")
    assert doc.blocks[0].text == "УТВЕРЖДАЮ ________ /А.П. Ветров/ ________"  # type: ignore[union-attr]
    assert not doc.notes
