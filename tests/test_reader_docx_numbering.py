"""DOCX reader: Word automatic list numbering rendered as printed labels.

Small documents are built with python-docx; their numbering definitions are
replaced by the XML each test needs (python-docx's template keeps its "List
Number" style, numId 5, for the style tests).
"""

from __future__ import annotations

import dataclasses
import string
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import given
from hypothesis import strategies as st

import planparse
from planparse.layouts.base import is_bullet, roman_value
from planparse.model import Cell, Line, Table
from planparse.readers.docx import W_NS, read_docx
from planparse.readers.docx_numbering import ListCounters, format_number, parse_numbering

NS = f'xmlns:w="{W_NS}"'


def lvl(ilvl: int, fmt: str = "decimal", text: str | None = None, start: int = 1, extra: str = "") -> str:
    text = f"%{ilvl + 1}." if text is None else text
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def set_numbering(d: docx.document.Document, abstracts: dict[int, str], nums: dict[int, str | int]) -> None:
    """Replace the numbering definitions: abstractNumId -> its lvl XML; numId -> abstractNumId or num body XML."""
    root = d.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    for aid, levels in abstracts.items():
        root.append(parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{aid}">{levels}</w:abstractNum>'))
    for nid, body in nums.items():
        inner = f'<w:abstractNumId w:val="{body}"/>' if isinstance(body, int) else body
        root.append(parse_xml(f'<w:num {NS} w:numId="{nid}">{inner}</w:num>'))


def number(p, num_id: int | str, ilvl: int | str | None = 0):
    """Give paragraph ``p`` a direct numPr (raw XML, so broken values can be written too)."""
    level = f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else ""
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}>{level}<w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def add(d, text: str, num_id: int | str, ilvl: int | str | None = 0):
    return number(d.add_paragraph(text), num_id, ilvl)


def texts(path: Path) -> list[str]:
    return [b.text for b in read_docx(path).blocks if isinstance(b, Line)]


# ---------------------------------------------------------------- label formats


@pytest.mark.parametrize(
    ("fmt", "n", "label"),
    [
        ("decimal", 1, "1"), ("decimal", 12, "12"), ("decimalZero", 7, "07"), ("decimalZero", 12, "12"),
        ("upperRoman", 4, "IV"), ("upperRoman", 9, "IX"), ("upperRoman", 14, "XIV"), ("upperRoman", 1999, "MCMXCIX"),
        ("lowerRoman", 3, "iii"), ("upperRoman", 0, "0"), ("upperRoman", 4000, "4000"),
        ("upperLetter", 1, "A"), ("upperLetter", 26, "Z"), ("upperLetter", 27, "AA"), ("upperLetter", 28, "BB"),
        ("lowerLetter", 2, "b"), ("lowerLetter", 0, "0"), ("lowerLetter", 10**9, "1000000000"),
        ("russianLower", 1, "а"), ("russianLower", 9, "и"), ("russianLower", 10, "к"),  # й is skipped
        ("russianLower", 29, "я"), ("russianLower", 30, "аа"), ("russianUpper", 3, "В"),
        ("none", 5, ""), ("bullet", 5, ""), ("ordinal", 3, "3"), ("chineseCounting", 2, "2"),
    ],
)  # fmt: skip
def test_format_number(fmt: str, n: int, label: str) -> None:
    assert format_number(fmt, n) == label


@given(st.integers(min_value=1, max_value=399))
def test_roman_labels_read_back_as_the_layouts_read_section_numbers(n: int) -> None:
    upper = format_number("upperRoman", n)
    assert roman_value(upper) == n
    assert format_number("lowerRoman", n) == upper.lower()


@given(st.integers(min_value=1, max_value=2000), st.sampled_from(["lowerLetter", "russianLower"]))
def test_letter_labels_repeat_one_letter_per_round_of_the_alphabet(n: int, fmt: str) -> None:
    alphabet = string.ascii_lowercase if fmt == "lowerLetter" else "абвгдежзиклмнопрстуфхцчшщыэюя"
    label = format_number(fmt, n)
    assert label == alphabet[(n - 1) % len(alphabet)] * ((n - 1) // len(alphabet) + 1)
    assert format_number(fmt.replace("Lower", "Upper").replace("lowerLetter", "upperLetter"), n) == label.upper()


# ---------------------------------------------------------------- body lists


def test_two_level_body_list_restarts_the_inner_level(tmp_path: Path) -> None:
    d = docx.Document()
    set_numbering(d, {0: lvl(0) + lvl(1, text="%1.%2.")}, {1: 0})
    d.add_paragraph("План")
    for text, ilvl in [("Заседания", 0), ("Первое", 1), ("Второе", 1), ("Семинары", 0), ("Третье", 1)]:
        add(d, text, 1, ilvl)
    d.save(tmp_path / "a.docx")
    got = read_docx(tmp_path / "a.docx")
    assert got.blocks == (
        Line("План", 1, 1), Line("1. Заседания", 1, 2), Line("1.1. Первое", 1, 3),
        Line("1.2. Второе", 1, 4), Line("2. Семинары", 1, 5), Line("2.1. Третье", 1, 6),
    )  # fmt: skip
    assert got.notes == ("5 list labels rendered from automatic numbering",)


def test_letters_roman_legal_numbering_suffix_and_line_breaks(tmp_path: Path) -> None:
    d = docx.Document()
    roman = lvl(0, "upperRoman", "%1.")
    legal = lvl(1, text="%1.%2.", extra="<w:isLgl/>")
    russian = lvl(2, "russianLower", "%3)", extra='<w:suff w:val="nothing"/>')
    set_numbering(d, {0: roman + legal + russian, 1: lvl(0, "lowerLetter", "%1)")}, {1: 0, 2: 1})
    add(d, "Раздел", 1, 0)
    add(d, "Пункт", 1, 1)
    add(d, "первый", 1, 2)
    add(d, "второй", 1, 2)
    add(d, "Latin", 2)
    p = add(d, "   с переносом", 1, 1)
    p.add_run().add_break()
    p.add_run("вторая строка")
    add(d, "", 1, 0)  # an empty numbered paragraph still shows (and takes) its number
    add(d, "Пункт", 1, 1)
    d.save(tmp_path / "b.docx")
    assert texts(tmp_path / "b.docx") == [
        "I. Раздел", "1.1. Пункт", "а)первый", "б)второй", "a) Latin",
        "1.2. с переносом", "вторая строка", "II.", "2.1. Пункт",
    ]  # fmt: skip


def test_lvl_restart_and_start_values(tmp_path: Path) -> None:
    d = docx.Document()
    never = lvl(1, text="%1.%2.", extra='<w:lvlRestart w:val="0"/>')
    set_numbering(d, {0: lvl(0, start=3) + never}, {1: 0})
    for text, ilvl in [("a", 0), ("b", 1), ("c", 0), ("d", 1)]:
        add(d, text, 1, ilvl)
    d.save(tmp_path / "r.docx")
    assert texts(tmp_path / "r.docx") == ["3. a", "3.1. b", "4. c", "4.2. d"]


def test_restart_across_lists_shares_counters_per_abstract_list(tmp_path: Path) -> None:
    """Word counts per abstractNum: a num with startOverride restarts, a plain num continues the shared count."""
    d = docx.Document()
    restart = '<w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    from_five = '<w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'
    set_numbering(d, {0: lvl(0), 1: lvl(0, text="%1)")}, {1: 0, 2: restart, 3: 1, 4: from_five})
    for text, num in [("a", 1), ("b", 1), ("c", 2), ("d", 2), ("e", 1), ("f", 3), ("g", 3), ("h", 4), ("i", 3)]:
        add(d, text, num)
    d.save(tmp_path / "s.docx")
    assert texts(tmp_path / "s.docx") == ["1. a", "2. b", "1. c", "2. d", "3. e", "1) f", "2) g", "5) h", "6) i"]


def test_numbering_style_link_counts_in_the_linked_list(tmp_path: Path) -> None:
    """A list style: abstract 1 only names the numbering style, whose numId leads to abstract 0's levels."""
    d = docx.Document()
    set_numbering(d, {0: '<w:styleLink w:val="PlanList"/>' + lvl(0, text="%1)")}, {1: 0, 2: 1})
    root = d.part.numbering_part.element
    root.insert(1, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="1"><w:numStyleLink w:val="PlanList"/></w:abstractNum>'))
    d.styles.element.append(parse_xml(
        f'<w:style {NS} w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    ))
    add(d, "a", 1)
    add(d, "b", 2)
    d.save(tmp_path / "l.docx")
    assert texts(tmp_path / "l.docx") == ["1) a", "2) b"]


def test_list_number_style_and_style_inheritance(tmp_path: Path) -> None:
    d = docx.Document()  # the template's "List Number" style carries numId 5 (decimal "%1.")
    own = d.styles.add_style("Plan Item", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = d.styles["List Number"]  # numPr inherited through basedOn
    d.add_paragraph("Первое", style="List Number")
    d.add_paragraph("Раздел", style="Heading 2")
    d.add_paragraph("Второе", style="Plan Item")
    number(d.add_paragraph("без номера", style="List Number"), 0)  # numId 0 switches the style's list off
    d.add_paragraph("Третье", style="List Number")
    d.save(tmp_path / "st.docx")
    assert texts(tmp_path / "st.docx") == ["1. Первое", "Раздел", "2. Второе", "без номера", "3. Третье"]


def test_bullets_print_as_layouts_read_them(tmp_path: Path) -> None:
    d = docx.Document()
    symbol = lvl(0, "bullet", "\uf0b7")  # Symbol-font bullet: a private-use character
    set_numbering(d, {0: symbol, 1: lvl(0, "bullet", "–"), 2: lvl(0, "bullet", "")}, {1: 0, 2: 1, 3: 2})
    add(d, "Администрация", 1)
    add(d, "Дума", 2)
    add(d, "невидимый", 3)
    d.save(tmp_path / "u.docx")
    got = texts(tmp_path / "u.docx")
    assert got == ["• Администрация", "– Дума", "невидимый"]
    assert [is_bullet(t) for t in got] == [True, True, False]


# ---------------------------------------------------------------- tables


def test_table_with_an_auto_numbered_number_column(tmp_path: Path) -> None:
    d = docx.Document()
    set_numbering(d, {0: lvl(0), 1: lvl(0, text="%1.")}, {1: 0, 2: 1})
    add(d, "Вступление", 2)
    t = d.add_table(rows=4, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "№ п/п", "Мероприятие"
    for r in range(1, 4):
        number(t.cell(r, 0).paragraphs[0], 1)  # empty numbered paragraph: the number is all the cell shows
        t.cell(r, 1).text = f"Дело {r}"
    add(d, "После таблицы", 2)
    d.save(tmp_path / "t.docx")
    got = read_docx(tmp_path / "t.docx")
    assert got.blocks == (
        Line("1. Вступление", 1, 1),
        Table(
            (
                (Cell(("№ п/п",)), Cell(("Мероприятие",))),
                (Cell(("1.",)), Cell(("Дело 1",))),
                (Cell(("2.",)), Cell(("Дело 2",))),
                (Cell(("3.",)), Cell(("Дело 3",))),
            ),
            1,
            2,
        ),
        Line("2. После таблицы", 1, 3),
    )


# ---------------------------------------------------------------- broken definitions


def test_broken_numbering_references_give_no_label_and_a_note(tmp_path: Path) -> None:
    d = docx.Document()
    set_numbering(d, {0: lvl(0)}, {1: 0, 2: '<w:abstractNumId w:val="42"/>', 3: 1, 4: 2})
    root = d.part.numbering_part.element
    for aid, link in [(1, "Nowhere"), (2, "Loop")]:  # abstract lists that only link to a numbering style
        root.insert(1, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{aid}"><w:numStyleLink w:val="{link}"/></w:abstractNum>'))
    d.styles.element.append(parse_xml(  # "Loop" points back at numId 4 -> abstract 2 -> "Loop" ...
        f'<w:style {NS} w:type="numbering" w:styleId="Loop"><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
    ))
    add(d, "a", 1)
    add(d, "unknown num", 99)
    add(d, "unknown abstract", 2)
    add(d, "link to nowhere", 3)
    add(d, "link loop", 4)
    add(d, "no such level", 1, 5)
    add(d, "odd level", 1, "x")  # unreadable ilvl = level 0
    add(d, "level out of range", 1, 12)
    add(d, "b", 1, None)
    d.save(tmp_path / "x.docx")
    got = read_docx(tmp_path / "x.docx")
    assert [b.text for b in got.blocks] == [
        "1. a", "unknown num", "unknown abstract", "link to nowhere", "link loop", "no such level", "2. odd level",
        "level out of range", "3. b",
    ]  # fmt: skip
    assert got.notes == (
        "3 list labels rendered from automatic numbering",
        "6 numbered paragraphs refer to missing numbering definitions (no label)",
    )


def test_no_numbering_part_numbers_nothing() -> None:
    p = parse_xml(f'<w:p {NS}><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:p>')
    counters = ListCounters(parse_numbering(None, None))
    assert counters.label(p) == ""
    assert counters.missing == 1


# ---------------------------------------------------------------- end to end

SECTIONS = [
    ("Вопросы для рассмотрения на заседаниях Думы", [
        "Об исполнении бюджета района за 2024 год – апрель – комитет финансов",
        "О внесении изменений в Устав района – по мере необходимости – правовой комитет",
        "О бюджете района на 2026 год – декабрь – комитет финансов",
    ]),
    ("Контрольная деятельность", [
        "Контроль за исполнением решений Думы – в течение года – постоянные комиссии",
        "Проверка использования средств дорожного фонда – III квартал – Контрольно-счетная палата",
    ]),
]  # fmt: skip


def _list_plan(path: Path, *, auto: bool) -> Path:
    d = docx.Document()
    set_numbering(d, {0: lvl(0, "upperRoman", "%1.") + lvl(1, text="%1.%2.", extra="<w:isLgl/>")}, {1: 0})
    d.add_paragraph("ПЛАН работы Думы района на 2025 год")
    for s, (section, items) in enumerate(SECTIONS, 1):
        add(d, section, 1, 0) if auto else d.add_paragraph(f"{format_number('upperRoman', s)}. {section}")
        for k, item in enumerate(items, 1):
            add(d, item, 1, 1) if auto else d.add_paragraph(f"{s}.{k}. {item}")
    d.save(path)
    return path


def _table_plan(path: Path, *, auto: bool) -> Path:
    d = docx.Document()
    set_numbering(d, {0: lvl(0)}, {1: 0})
    d.add_paragraph("ПЛАН работы Думы района на 2025 год")
    rows = [item.split(" – ") for _, items in SECTIONS for item in items]
    t = d.add_table(rows=len(rows) + 1, cols=4)
    for c, head in enumerate(["№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственные"]):
        t.cell(0, c).text = head
    for r, cells in enumerate(rows, 1):
        number(t.cell(r, 0).paragraphs[0], 1) if auto else setattr(t.cell(r, 0), "text", f"{r}.")
        for c, text in enumerate(cells, 1):
            t.cell(r, c).text = text
    d.save(path)
    return path


@pytest.mark.parametrize(
    ("build", "numbers"),
    [(_list_plan, ["1.1", "1.2", "1.3", "2.1", "2.2"]), (_table_plan, ["1", "2", "3", "4", "5"])],
)
def test_auto_numbered_plan_converts_like_the_typed_one(build, numbers: list[str], tmp_path: Path) -> None:
    typed = planparse.convert(build(tmp_path / "typed.docx", auto=False)).activities
    auto = planparse.convert(build(tmp_path / "auto.docx", auto=True)).activities
    assert [a.item_no for a in typed] == numbers
    assert [dataclasses.replace(a, source_file="") for a in auto] == [
        dataclasses.replace(a, source_file="") for a in typed
    ]
