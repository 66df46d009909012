"""Category vocabulary: parametrized decisions, fallbacks and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planparse.normalize.category import OTHER, categorize, categorize_text, labels, vocabulary

CASES = [
    # (title, category, phrase that decides) — inflected forms, hyphenation, word order
    ("Заседания Правления Ассоциации", "meeting", "заседание"),
    ("Проведение общего собрания членов Совета", "meeting", "общее собрание"),
    ("проведение обучающих семинаров для глав поселений", "training", "обучающий"),
    ("Организация семинаров-совещаний с главами", "training", "семинар"),
    ("Курсы повышения квалификации муниципальных служащих", "training", "курс"),
    ("Повышение квалификации депутатов", "training", "повышение квалификации"),
    ("Участие в круглых столах по вопросам ЖКХ", "conference", "круглый стол"),
    ("Проведение публичных слушаний по проекту бюджета", "conference", "публичные слушания"),
    ("Областной конкурс «Лучшее муниципальное образование»", "contest", "конкурс"),
    ("Смотр-конкурс на лучшее благоустройство", "contest", "смотр-конкурс"),
    ("Торжественное мероприятие ко Дню местного самоуправления", "event", "торжественный"),
    ("Празднование Дня местного самоуправления", "event", "празднование"),
    ("Публикация материалов на сайте Ассоциации", "media", "публикация"),
    ("Освещение деятельности Совета в средствах массовой информации", "media", "освещение"),
    ("Мониторинг муниципальных правовых актов", "monitoring", "мониторинг"),
    ("Анализ исполнения местных бюджетов", "monitoring", "анализ"),
    ("Сбор информации о практике ТОС", "monitoring", "сбор информации"),
    ("Взаимодействие с Законодательным Собранием области", "cooperation", "взаимодействие"),
    ("Обмен опытом с ассоциациями других регионов", "cooperation", "обмен опытом"),
    ("Оказание методической помощи органам МСУ", "methodology", "методическая помощь"),
    ("Подготовка модельных правовых актов", "methodology", "модельный"),
    ("Консультирование глав сельских поселений", "methodology", "консультирование"),
    ("Приём в члены Ассоциации", "organizational", "приём"),
    ("Сбор и уплата членских взносов", "monitoring", "сбор"),
    ("Уплата членских взносов", "organizational", "членский взнос"),
    ("Контроль за исполнением решений Совета", "monitoring", "контроль"),
    ("Обновление реестра членов", "organizational", "реестр"),
]


@pytest.mark.parametrize(("title", "category", "phrase"), CASES)
def test_title_decides(title: str, category: str, phrase: str) -> None:
    decision = categorize(title)
    assert (decision.category, decision.rule) == (category, f"title: {phrase}")


def test_group_then_section_fallback() -> None:
    assert categorize("палата сельских поселений", [("group", "Заседания Палат")]).category == "meeting"
    d = categorize("Дума Тульской области", [("group", None), ("section", "Сотрудничество с органами власти")])
    assert (d.category, d.rule) == ("cooperation", "section: сотрудничество")
    # the title wins over its context
    d = categorize("Конкурс среди ТОС", [("group", "Заседания"), ("section", "Работа со СМИ")])
    assert d.category == "contest"


def test_no_keyword_is_other() -> None:
    d = categorize("Выборы депутатов городской Думы", [("section", "Участие в избирательных кампаниях")])
    assert (d.category, d.rule) == (OTHER, "")


def test_earliest_word_decides() -> None:
    assert categorize("Публикация итогов мониторинга").category == "media"
    assert categorize("Мониторинг публикаций").category == "monitoring"


def test_vocabulary_is_well_formed() -> None:
    ids = [c.id for c in vocabulary()]
    assert len(ids) == len(set(ids)) and ids[-1] == OTHER
    assert set(labels()) == set(ids)
    for category in vocabulary():
        lengths = [len(p) for p, _ in category.phrases]
        assert lengths == sorted(lengths, reverse=True)


_ids = {c.id for c in vocabulary()}
_words = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕКМНОПРСТ -«»,.0123456789", max_size=60)


@given(_words)
def test_any_text_gets_a_known_category(text: str) -> None:
    d = categorize(text)
    assert d.category in _ids
    assert (d.category == OTHER) == (d.rule == "")


@given(_words, st.sampled_from(["семинары", "конкурса", "мониторингу", "заседаниях", "публикация"]))
def test_case_does_not_matter(prefix: str, keyword: str) -> None:
    text = f"{keyword} {prefix}"
    assert categorize_text(text) == categorize_text(text.upper()) == categorize_text(text.title())


def test_neutral_names_decide_nothing() -> None:
    # "Законодательное Собрание" is a parliament, not a meeting: the next keyword decides
    d = categorize("Взаимодействие с Законодательным Собранием области")
    assert (d.category, d.rule) == ("cooperation", "title: взаимодействие")
    assert categorize("Законодательное Собрание области: мониторинг законов").category == "monitoring"
    assert categorize("О подготовке образовательных организаций к учебному году").category == OTHER


def test_names_and_terms_whose_words_mean_something_else_decide_nothing() -> None:
    # the Congress of Municipalities is a body (ОКМО), not a congress being held
    d = categorize(
        "Участие в мероприятиях Общероссийского конгресса муниципальных образований",
        [("section", "Взаимодействие с органами власти и организациями")],
    )
    assert (d.category, d.rule) == ("cooperation", "section: взаимодействие")
    assert categorize("Международный конгресс по вопросам местного самоуправления").category == "conference"
    # street lighting is no media coverage
    assert categorize("Ремонт сетей уличного освещения").category == OTHER
    assert categorize("Замена светильников наружного освещения").category == OTHER
    assert categorize("Освещение работы Совета на сайте").category == "media"


def test_participation_in_others_meetings_is_cooperation() -> None:
    d = categorize("Участие в выездных заседаниях Конгресса муниципальных образований")
    assert (d.category, d.rule) == ("cooperation", "title: участие … заседание")
    assert categorize("Заседания Правления").category == "meeting"  # own governing body
    assert categorize("Участие в конкурсе проектов").category == "contest"  # only meetings are recast
