"""Tests for planparse.normalize.metadata.extract_metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.model import DocMeta
from planparse.normalize.metadata import extract_metadata, federal_subjects

SEEDS = Path("/work/shared/seeds")

# Title blocks as exported (blank lines between lines are an export artifact).
TULA_BLOCK = [
    "",
    "План работы  ",
    "Ассоциации «Совет муниципальных образований Тульской области»  ",
    "",
    "на 2024 год ",
    " I Аналитическая деятельность ",
    "",
    "1.  Мониторинг нормативно-правовых актов по вопросам местного ",
]
SMOLENSK_BLOCK = [
    "",
    "План работы Смоленского Регионального отделения ",
    "",
    "Общероссийской общественной организации ",
    "",
    "«Всероссийский Совет местного самоуправления» на 2019 год ",
    "",
    "Мероприятия Время проведения Ответственные ",
    "Заседания руководящих органов регионального отделения ",
]

META_CASES: list[tuple[str, list[str], DocMeta]] = [
    (
        "tula_seed",
        TULA_BLOCK,
        DocMeta(
            doc_title="План работы Ассоциации «Совет муниципальных образований Тульской области» на 2024 год",
            organization="Ассоциация «Совет муниципальных образований Тульской области»",
            region="Тульская область",
            year=2024,
        ),
    ),
    (
        "smolensk_seed",
        SMOLENSK_BLOCK,
        DocMeta(
            doc_title=(
                "План работы Смоленского Регионального отделения Общероссийской общественной "
                "организации «Всероссийский Совет местного самоуправления» на 2019 год"
            ),
            organization=(
                "Смоленское Региональное отделение Общероссийской общественной организации "
                "«Всероссийский Совет местного самоуправления»"
            ),
            region="Смоленская область",
            year=2019,
        ),
    ),
    (
        "republic_caps",
        ["ПЛАН РАБОТЫ", "СОВЕТА МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ РЕСПУБЛИКИ ТАТАРСТАН", "НА 2023 ГОД", "№ п/п Мероприятие"],
        DocMeta(
            doc_title="ПЛАН РАБОТЫ СОВЕТА МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ РЕСПУБЛИКИ ТАТАРСТАН НА 2023 ГОД",
            organization="СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ РЕСПУБЛИКИ ТАТАРСТАН",
            region="Республика Татарстан",
            year=2023,
        ),
    ),
    (
        "krai_range",
        ["План мероприятий Ассоциации «Совет муниципальных образований", "Краснодарского края» на 2023-2024 годы"],
        DocMeta(
            doc_title="План мероприятий Ассоциации «Совет муниципальных образований Краснодарского края» на 2023-2024 годы",
            organization="Ассоциация «Совет муниципальных образований Краснодарского края»",
            region="Краснодарский край",
            year=2023,
        ),
    ),
    (
        "autonomous_okrug",
        [
            "Календарный план работы Совета депутатов",
            "Ханты-Мансийского автономного округа – Югры",
            "на 2022 год",
        ],
        DocMeta(
            doc_title="Календарный план работы Совета депутатов Ханты-Мансийского автономного округа – Югры на 2022 год",
            organization="Совет депутатов Ханты-Мансийского автономного округа – Югры",
            region="Ханты-Мансийский автономный округ — Югра",
            year=2022,
        ),
    ),
    (
        "moscow_city",
        ["План работы Совета муниципальных образований города Москвы на 2020 год"],
        DocMeta(
            doc_title="План работы Совета муниципальных образований города Москвы на 2020 год",
            organization="Совет муниципальных образований города Москвы",
            region="Москва",
            year=2020,
        ),
    ),
    (
        "moscow_adjective_is_ambiguous",
        ["План работы Московской городской Думы на 2021 год"],
        DocMeta(
            doc_title="План работы Московской городской Думы на 2021 год",
            organization="Московская городская Дума",
            region=None,
            year=2021,
        ),
    ),
    (
        "republic_in_parentheses",
        ["План работы Рабочей группы при Главе Республики Саха (Якутия) на 2025 год"],
        DocMeta(
            doc_title="План работы Рабочей группы при Главе Республики Саха (Якутия) на 2025 год",
            organization="Рабочая группа при Главе Республики Саха (Якутия)",
            region="Республика Саха (Якутия)",
            year=2025,
        ),
    ),
    (
        "approval_block_and_half_year",
        [
            "УТВЕРЖДАЮ",
            "Председатель Совета ветеранов",
            "План работы Кировского районного Совета ветеранов",
            "на I полугодие 2024 года",
            "1. Заседание Совета",
        ],
        DocMeta(
            doc_title="План работы Кировского районного Совета ветеранов на I полугодие 2024 года",
            organization="Кировский районный Совет ветеранов",
            region=None,  # "Кировский район" is a district, not the oblast
            year=2024,
        ),
    ),
    (
        "region_from_other_lines",
        ["План работы администрации сельского поселения Ивановское на 2024 год", "Ставропольский край"],
        DocMeta(
            doc_title="План работы администрации сельского поселения Ивановское на 2024 год",
            organization="администрация сельского поселения Ивановское",
            region="Ставропольский край",
            year=2024,
        ),
    ),
    (
        "purpose_not_organization",
        ["План мероприятий по реализации программы развития ТОС Тульской области на 2024 г."],
        DocMeta(
            doc_title="План мероприятий по реализации программы развития ТОС Тульской области на 2024 г.",
            organization=None,
            region="Тульская область",
            year=2024,
        ),
    ),
    (
        "spaced_caps_plan_and_republic_adjective",
        ["П Л А Н", "работы Совета ветеранов", "Чувашской Республики", "на 2018 год"],
        DocMeta(
            doc_title="П Л А Н работы Совета ветеранов Чувашской Республики на 2018 год",
            organization="Совет ветеранов Чувашской Республики",
            region="Чувашская Республика — Чувашия",
            year=2018,
        ),
    ),
    (
        "hyphenated_alias",
        ["План работы Ассоциации СМО Республики Северная Осетия-Алания на 2024 год"],
        DocMeta(
            doc_title="План работы Ассоциации СМО Республики Северная Осетия-Алания на 2024 год",
            organization="Ассоциация СМО Республики Северная Осетия-Алания",
            region="Республика Северная Осетия — Алания",
            year=2024,
        ),
    ),
    (
        "city_adjective",
        ["План работы Петербургского регионального отделения на 2024 год"],
        DocMeta(
            doc_title="План работы Петербургского регионального отделения на 2024 год",
            organization="Петербургское региональное отделение",
            region="Санкт-Петербург",  # matched by stem, not by a hand-written form
            year=2024,
        ),
    ),
    (
        "new_subject_2022",
        ["План работы Совета муниципальных образований Запорожской области на 2024 год"],
        DocMeta(
            doc_title="План работы Совета муниципальных образований Запорожской области на 2024 год",
            organization="Совет муниципальных образований Запорожской области",
            region="Запорожская область",
            year=2024,
        ),
    ),
    (
        "organization_on_its_own_line_above_a_bare_title",
        ["Совет муниципальных образований Рязанской области", "ПЛАН-ГРАФИК мероприятий на 2025 год", "(по месяцам)"],
        DocMeta(
            doc_title="ПЛАН-ГРАФИК мероприятий на 2025 год",
            organization="Совет муниципальных образований Рязанской области",
            region="Рязанская область",
            year=2025,
        ),
    ),
    (
        "organization_over_two_caps_lines_above_a_bare_title",
        ["", "АССОЦИАЦИЯ", "«СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ КОСТРОМСКОЙ ОБЛАСТИ»", "", "ПЛАН РАБОТЫ", "на 2025 год",
         "г. Кострома", "2024", "УТВЕРЖДЕН", "решением общего собрания членов", "Ассоциации от 19.12.2024 № 4"],
        DocMeta(
            doc_title="ПЛАН РАБОТЫ на 2025 год",
            organization="АССОЦИАЦИЯ «СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ КОСТРОМСКОЙ ОБЛАСТИ»",
            region="Костромская область",
            year=2025,
        ),
    ),
    (
        "organization_wrapped_above_a_bare_title",
        ["Администрация Ивановского сельского поселения", "Ставропольского края", "План мероприятий на 2024 год"],
        DocMeta(
            doc_title="План мероприятий на 2024 год",
            organization="Администрация Ивановского сельского поселения Ставропольского края",
            region="Ставропольский край",
            year=2024,
        ),
    ),
    (
        "title_organization_wins_over_a_line_above",
        ["Совет ветеранов", "План работы Кировского районного Совета ветеранов на 2024 год"],
        DocMeta(
            doc_title="План работы Кировского районного Совета ветеранов на 2024 год",
            organization="Кировский районный Совет ветеранов",
            region=None,
            year=2024,
        ),
    ),
    (
        "approval_signature_above_a_bare_title_is_no_organization",
        ["УТВЕРЖДАЮ", "Председатель Совета", "_________ И.И. Иванов", "План работы на 2024 год"],
        DocMeta(doc_title="План работы на 2024 год", organization=None, region=None, year=2024),
    ),
    (
        "approval_decision_above_a_bare_title_names_the_deciding_body",
        ["УТВЕРЖДЕН", "решением Правления", "Ассоциации «СМО»", "ПЛАН РАБОТЫ на 2025 год"],
        DocMeta(doc_title="ПЛАН РАБОТЫ на 2025 год", organization="Ассоциация «СМО»", region=None, year=2025),
    ),
    (
        "document_words_above_a_bare_title_are_no_organization",
        ["Приложение № 1", "к решению Совета", "ПРОЕКТ", "План работы на 2024 год"],
        DocMeta(doc_title="План работы на 2024 год", organization=None, region=None, year=2024),
    ),
    (
        "no_title_table_first",
        ["Мероприятия Срок Ответственный", "1. Заседание Правления в 2024 году", "План работы на 2025 год"],
        DocMeta(doc_title=None, organization=None, region=None, year=2024),
    ),
    (
        "latin_look_alikes_in_an_ocr_head",
        ["ПЛАН  PАБОТЫ", "Муниципального бюджетного учреждения культуры «Ракитянский Дом культуры» на 2025 год"],
        DocMeta(
            doc_title="ПЛАН РАБОТЫ Муниципального бюджетного учреждения культуры «Ракитянский Дом культуры» на 2025 год",
            organization="Муниципальное бюджетное учреждение культуры «Ракитянский Дом культуры»",
            region=None,
            year=2025,
        ),
    ),
    ("no_title_bare_year", ["Протокол от 12.12.2019", "Разное"], DocMeta(year=2019)),
    ("empty", [], DocMeta()),
    ("blank_lines", ["", "   ", "\t"], DocMeta()),
]


@pytest.mark.parametrize(("lines", "expected"), [c[1:] for c in META_CASES], ids=[c[0] for c in META_CASES])
def test_extract_metadata(lines: list[str], expected: DocMeta) -> None:
    assert extract_metadata(lines) == expected


def test_federal_subjects_data() -> None:
    subjects = federal_subjects()
    assert len(subjects) == 89
    assert len(set(subjects)) == 89
    for name in ("Тульская область", "Республика Крым", "Донецкая Народная Республика", "Севастополь"):
        assert name in subjects


@pytest.mark.parametrize(
    ("line", "region"),
    [
        ("План работы Совета Республики Крым на 2024 год", "Республика Крым"),
        ("План работы Совета Луганской Народной Республики на 2024 год", "Луганская Народная Республика"),
        ("План работы Совета Еврейской автономной области на 2024 год", "Еврейская автономная область"),
        ("План работы Собрания Ямало-Ненецкого автономного округа на 2024 год", "Ямало-Ненецкий автономный округ"),
        ("План работы Союза Санкт-Петербурга на 2024 год", "Санкт-Петербург"),
        ("План работы Совета Кемеровской области – Кузбасса на 2024 год", "Кемеровская область — Кузбасс"),
        ("План работы Совета Республики Марий Эл на 2024 год", "Республика Марий Эл"),
        ("План работы Алтайского регионального отделения на 2024 год", "Алтайский край"),
    ],
)
def test_region_forms(line: str, region: str) -> None:
    assert extract_metadata([line]).region == region


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed plans not available")
def test_seed_documents_first_40_lines() -> None:
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        meta = extract_metadata(path.read_text(encoding="utf-8").splitlines()[:40])
        found[meta.region] = (meta.year, meta.organization is not None)
    assert found.get("Тульская область") == (2024, True)
    assert found.get("Смоленская область") == (2019, True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=8))
def test_extract_metadata_never_raises(lines: list[str]) -> None:
    meta = extract_metadata(lines)
    assert isinstance(meta, DocMeta)
    assert meta.year is None or 1900 <= meta.year <= 2099


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet="абвгдежзийклмнопрстуфхцчшщыьэюяАБВГДМСТ «»-", max_size=60),
    st.integers(min_value=1990, max_value=2099),
)
def test_year_phrase_always_found(org: str, year: int) -> None:
    meta = extract_metadata([f"План работы {org.strip()}".strip(), f"на {year} год"])
    assert meta.year == year


_ORGANIZATIONS = [
    "Совет муниципальных образований Рязанской области",
    "Ассоциация «Совет муниципальных образований Костромской области»",
    "АССОЦИАЦИЯ «СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ ВЛАДИМИРСКОЙ ОБЛАСТИ»",
    "Региональное отделение Общероссийской общественной организации «Всероссийский Совет местного самоуправления»",
    "Дума Новгородского муниципального района",
    "АСМО Тверской области",
]
_BARE_TITLES = ["План работы на 2025 год", "ПЛАН-ГРАФИК мероприятий на 2025 год", "ПЛАН РАБОТЫ"]
_ABOVE = [[], ["ПРОЕКТ"], ["Приложение № 2", "к решению Правления от 12.12.2024 № 5"], ["Главная / Документы"]]
_NOT_NAMES = ["от 19.12.2024 № 4", "_________ Д.А. Морозов", "Председатель Ассоциации", "г. Рязань"]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_ORGANIZATIONS),
    st.sampled_from(_BARE_TITLES),
    st.sampled_from(_ABOVE),
    st.sampled_from(_NOT_NAMES),
    st.data(),
)
def test_organization_above_a_bare_title(
    org: str, title: str, above: list[str], other: str, data: st.DataObject
) -> None:
    """The name printed right above a bare title, wrapped onto up to three lines,
    is the organisation; a line that is no name between them hides it."""
    words = org.split(" ")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(words) - 1), max_size=2)))
    lines = [" ".join(words[a:b]) for a, b in zip([0, *cuts], [*cuts, len(words)], strict=True)]
    assert extract_metadata([*above, *lines, title, "на 2025 год"]).organization == org
    assert extract_metadata([*above, *lines, other, title, "на 2025 год"]).organization is None


# An approval block between the organisation and a bare title is stepped over; when
# the organisation is named only in the block, the deciding body is taken.
APPROVAL_CASES = [
    pytest.param(
        ["Ассоциация «Союз сельских поселений Вологодской области»", "УТВЕРЖДЁН", "на заседании Президиума",
         "Ассоциации", "«Союз сельских поселений Вологодской области»", "протокол № 3 от 20.12.2024",
         "ПЛАН РАБОТЫ", "на 2025 год"],
        "Ассоциация «Союз сельских поселений Вологодской области»",
        id="block-between-name-and-title",
    ),
    pytest.param(
        ["СОВЕТ ПРЕДСТАВИТЕЛЬНЫХ ОРГАНОВ", "МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ ТВЕРСКОЙ ОБЛАСТИ", "СОГЛАСОВАНО",
         "Председатель Палаты", "_________ Н.С. Орлова", "УТВЕРЖДАЮ", "Председатель Совета",
         "_________ А.В. Сидорова", "«25» декабря 2024 г.", "ПЛАН МЕРОПРИЯТИЙ на 2025 год"],
        "СОВЕТ ПРЕДСТАВИТЕЛЬНЫХ ОРГАНОВ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ ТВЕРСКОЙ ОБЛАСТИ",
        id="two-blocks-between-caps-name-and-title",
    ),
    pytest.param(
        ["Утвержден решением Правления Ассоциации", "«Совет муниципальных образований Курской области»",
         "ПЛАН РАБОТЫ на 2025 год"],
        "Ассоциация «Совет муниципальных образований Курской области»",
        id="quoted-name-inside-the-block-is-genitive",
    ),
    pytest.param(
        ["УТВЕРЖДЕН", "решением Правления Ассоциации «Совет муниципальных образований Пермского края»",
         "от 15.12.2024 № 12", "ПЛАН РАБОТЫ на 2025 год"],
        "Ассоциация «Совет муниципальных образований Пермского края»",
        id="named-only-in-the-block-organ-then-body",
    ),
    pytest.param(
        ["ПРИНЯТ", "решением Совета муниципальных образований", "Томской области (протокол от 02.12.2024 № 2)",
         "План работы на 2025 год"],
        "Совет муниципальных образований Томской области",
        id="named-only-in-the-block-body-decides",
    ),
    pytest.param(
        ["УТВЕРЖДЕН", "РЕШЕНИЕМ СОВЕТА МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ УДМУРТСКОЙ РЕСПУБЛИКИ", "ОТ 12.12.2024 № 3",
         "ПЛАН РАБОТЫ НА 2025 ГОД"],
        "СОВЕТ МУНИЦИПАЛЬНЫХ ОБРАЗОВАНИЙ УДМУРТСКОЙ РЕСПУБЛИКИ",
        id="named-only-in-a-caps-block",
    ),
    pytest.param(
        ["УТВЕРЖДЕН", "решением Общего собрания членов Ассоциации", "от 19.12.2024 № 4", "ПЛАН РАБОТЫ на 2025 год"],
        None,
        id="bare-association-names-nothing",
    ),
    pytest.param(
        ["УТВЕРЖДЕН", "постановлением Администрации Заречного района", "от 11.01.2025 № 7",
         "План мероприятий на 2025 год"],
        None,
        id="an-administrations-order-names-nothing",
    ),
    pytest.param(
        ["УТВЕРЖДАЮ", "Директор МБУК «Центр досуга»", "_________ Е.В. Павлова", "План работы на 2025 год"],
        None,
        id="signature-block-names-nothing",
    ),
    pytest.param(
        ["УТВЕРЖДЕН", "решением Правления Ассоциации «СМО Пермского края»", "от 15.12.2024 № 12",
         "Ассоциация «Совет муниципальных образований Пермского края»", "ПЛАН РАБОТЫ на 2025 год"],
        "Ассоциация «Совет муниципальных образований Пермского края»",
        id="name-after-the-block-wins",
    ),
]


@pytest.mark.parametrize(("lines", "organization"), APPROVAL_CASES)
def test_organization_with_an_approval_block(lines: list[str], organization: str | None) -> None:
    assert extract_metadata(lines).organization == organization


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_ORGANIZATIONS), st.sampled_from(_BARE_TITLES), st.data())
def test_approval_block_between_name_and_title_is_stepped_over(org: str, title: str, data: st.DataObject) -> None:
    block = data.draw(
        st.sampled_from(
            [
                ["УТВЕРЖДАЮ"],
                ["УТВЕРЖДАЮ", "Председатель Совета", "_________ И.И. Иванов"],
                ["УТВЕРЖДЕН", "решением Правления", "от 19.12.2024 № 4"],
                ["Согласовано:", "Глава района", "«__» ________ 2024 г."],
            ]
        )
    )
    assert extract_metadata([org, *block, title, "на 2025 год"]).organization == org
