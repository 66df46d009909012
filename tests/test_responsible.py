"""Tests for planparse.normalize.responsible.split_responsible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.assemble import normalize_plan
from planparse.confidence import PENALTIES
from planparse.model import DocMeta, LayoutKind, ParsedPlan, RawItem
from planparse.normalize.responsible import (
    PARTY_HEADS,
    RESPONSIBLE_ALIASES,
    split_responsible,
    split_responsible_checked,
)
from planparse.normalize.text import fold

SPLIT_CASES: list[tuple[str | None, tuple[str, ...]]] = [
    # empty
    (None, ()),
    ("", ()),
    ("  \n \t", ()),
    ("-", ()),
    # one party, cleaned
    ("Президиум РС ВСМС  ", ("Президиум РС ВСМС",)),
    ("Члены РО  по согласованию  РС ВСМС", ("Члены РО по согласованию РС ВСМС",)),
    ("члены РО ВСМС по согласованию с \nПрезидиумом ", ("Члены РО ВСМС по согласованию с Президиумом",)),
    ("Управление образования и науки", ("Управление образования и науки",)),
    ("Управление образования\nи науки", ("Управление образования и науки",)),
    ("Отдел по делам\nмолодежи", ("Отдел по делам молодежи",)),
    ("Ассоциация муниципальных образований\nТульской области", ("Ассоциация муниципальных образований Тульской области",)),
    ("Ассоциация\n«СМО Тульской области»", ("Ассоциация «СМО Тульской области»",)),
    ("Управление органи-\nзации работы", ("Управление организации работы",)),
    ("Правление.", ("Правление",)),
    ("Иванов И.И.", ("Иванов И.И.",)),
    ("РО ВСМС;", ("РО ВСМС",)),
    # several parties
    ("Президиум РС ВСМС\nРО ВСМС", ("Президиум РС ВСМС", "РО ВСМС")),
    ("Администрация; Совет депутатов", ("Администрация", "Совет депутатов")),
    ("Администрация, Совет депутатов", ("Администрация", "Совет депутатов")),
    ("Президиум / РО ВСМС", ("Президиум", "РО ВСМС")),
    ("- Администрация района\n- Совет ветеранов", ("Администрация района", "Совет ветеранов")),
    ("• Правление\n• Исполнительная дирекция", ("Правление", "Исполнительная дирекция")),
    ("члены Правления,\nпредседатели палат", ("Члены Правления", "Председатели палат")),
    ("Отдел по делам\nмолодежи;\nАдминистрация района", ("Отдел по делам молодежи", "Администрация района")),
    ("-\nПравление\n-\nПрезидиум", ("Правление", "Президиум")),
    # separators inside brackets/quotes do not split
    ("Ассоциация «СМО Тульской области, ТОС»", ("Ассоциация «СМО Тульской области, ТОС»",)),
    ("Отдел (сектор, группа) культуры, Правление", ("Отдел (сектор, группа) культуры", "Правление")),
    ('СОО "Поиск; Долг", РО', ('СОО "Поиск; Долг"', "РО")),
    ("«Долг, РО", ("«Долг", "РО")),
    # slash without spaces is part of a name
    ("Администрация г/о Тула", ("Администрация г/о Тула",)),
    # remarks stay with their party
    ("РО ВСМС, по согласованию", ("РО ВСМС, по согласованию",)),
    # a lowercase comma piece that cannot be nominative continues the name
    ("комиссия по культуре, спорту и туризму", ("Комиссия по культуре, спорту и туризму",)),
    ("Комитет по делам молодежи, физической культуре и спорту; Правление",
     ("Комитет по делам молодежи, физической культуре и спорту", "Правление")),
    ("Комитет по экономике, муниципальной собственности", ("Комитет по экономике, муниципальной собственности",)),
    ("Председатель, секретарь комиссии", ("Председатель", "Секретарь комиссии")),  # nominative: a new party
    ("Глава района, заместители главы", ("Глава района", "Заместители главы")),
    # a line after an adjective still waiting for its noun continues the party
    ("отдел Контрольного\nКомитета края", ("Отдел Контрольного Комитета края",)),
    ("сектор Избирательной\nКомиссии района", ("Сектор Избирательной Комиссии района",)),
    ("Правление\nКомиссия по этике", ("Правление", "Комиссия по этике")),
    ("Уполномоченный\nПредседатель Думы", ("Уполномоченный", "Председатель Думы")),  # nominative: a party
    # a cell that ends lines with separators: other line breaks are only wraps
    ("Председатель Думы,\nОтдел по работе с обращениями\nграждан Администрации\nМинистерства края",
     ("Председатель Думы", "Отдел по работе с обращениями граждан Администрации Министерства края")),
    ("Совет ветеранов;\nКомитет по молодежной политике\nОбластной Думы (по\nсогласованию)",
     ("Совет ветеранов", "Комитет по молодежной политике Областной Думы (по согласованию)")),
    ("Совет ветеранов\nКомитет по молодежной политике", ("Совет ветеранов", "Комитет по молодежной политике")),
    # two parties run together on one line (a reader joined the paragraphs): split before a body's head
    ("Комиссия по бюджету и муниципальной собственности Департамент финансов области (по\nсогласованию)",
     ("Комиссия по бюджету и муниципальной собственности", "Департамент финансов области (по согласованию)")),
    ("начальник управления Администрация района", ("Начальник управления", "Администрация района")),
    ("Председатель комиссии Совет ветеранов", ("Председатель комиссии", "Совет ветеранов")),
    ("Отдел образования Дом детского творчества", ("Отдел образования", "Дом детского творчества")),
    ("Управление культуры Центр народного творчества", ("Управление культуры", "Центр народного творчества")),
    ("Директор Дома культуры", ("Директор Дома культуры",)),  # genitive: one party
    # ... but not after a capitalised word (a name without quotes), an adjective, a preposition, in quotes,
    # before an oblique or plural form, or before a word that heads no body (a surname)
    ("Исполнительный директор Ассоциации Совет муниципальных образований",
     ("Исполнительный директор Ассоциации Совет муниципальных образований",)),
    ("депутаты областная Дума", ("Депутаты областная Дума",)),
    ("обращение в Совет", ("Обращение в Совет",)),
    ("Ассоциация «депутатов Совет»", ("Ассоциация «депутатов Совет»",)),
    ("председатель комиссии Совета", ("Председатель комиссии Совета",)),
    ("члены комиссии Собрания депутатов", ("Члены комиссии Собрания депутатов",)),
    ("Глава района Петров И.И.", ("Глава района Петров И.И.",)),
    # a person and their post are one party (the comma inside it is not a separator)
    ("Иванов И.И., председатель Правления;\nСидоров В.В., заместитель председателя",
     ("Иванов И.И., председатель Правления", "Сидоров В.В., заместитель председателя")),
    ("Иванов И.И., председатель Правления, Сидоров В.В., заместитель председателя",
     ("Иванов И.И., председатель Правления", "Сидоров В.В., заместитель председателя")),
    ("Петрова А.В., исполнительный директор;\nСмирнова О.Н., главный бухгалтер",
     ("Петрова А.В., исполнительный директор", "Смирнова О.Н., главный бухгалтер")),
    ("Иванов И.И.,\nпредседатель Правления", ("Иванов И.И., председатель Правления",)),
    ("Иванов Иван Иванович, глава района", ("Иванов Иван Иванович, глава района",)),
    ("Д.А. Морозов, исполнительный директор", ("Д.А. Морозов, исполнительный директор",)),
    ("Кузнецов П.Р., председатель комиссии по бюджету", ("Кузнецов П.Р., председатель комиссии по бюджету",)),
    ("председатель Правления Иванов И.И.", ("Председатель Правления Иванов И.И.",)),
    ("Председатель комиссии\nБелова Т.М.", ("Председатель комиссии Белова Т.М.",)),
    ("Председатель Ассоциации Соколов\nА.Н.", ("Председатель Ассоциации Соколов А.Н.",)),  # wrapped initials
    ("Исполнительный директор Д.А.\nМорозов", ("Исполнительный директор Д.А. Морозов",)),  # wrapped surname
    # ... but two people, a person and a body, a person and a group, two bodies stay apart
    ("Иванов И.И., Петров П.П.", ("Иванов И.И.", "Петров П.П.")),
    ("Иванов И.И.\nПетров П.П.", ("Иванов И.И.", "Петров П.П.")),
    ("Правление\nИванов И.И.", ("Правление", "Иванов И.И.")),
    ("Иванов И.И., члены Правления", ("Иванов И.И.", "Члены Правления")),
    ("Иванов И.И., комитет финансов", ("Иванов И.И.", "Комитет финансов")),
    ("комитет финансов, правовой отдел", ("Комитет финансов", "Правовой отдел")),
    ("Председатель Ассоциации, исполнительный директор", ("Председатель Ассоциации", "Исполнительный директор")),
    ("Глава района Петров И.И., заместитель главы", ("Глава района Петров И.И.", "Заместитель главы")),
    # the dot of an initial is kept, and put back when a parser lost it
    ("исполнительный директор Морозов Д.А.", ("Исполнительный директор Морозов Д.А.",)),
    ("исполнительный директор Морозов Д.А", ("Исполнительный директор Морозов Д.А.",)),
    ("пресс-секретарь Ковалева Н.С", ("Пресс-секретарь Ковалева Н.С.",)),
    ("Морозов Д.А.; Д.А. Морозов.", ("Морозов Д.А.", "Д.А. Морозов")),
    ("Администрация МО «Город Д»", ("Администрация МО «Город Д»",)),
    # every party starts with a capital letter, whatever its place in the cell
    ("исполнительный директор", ("Исполнительный директор",)),
    ("Председатель Ассоциации, исполнительный секретарь", ("Председатель Ассоциации", "Исполнительный секретарь")),
    ("аппарат Совета депутатов;\nдепутаты Совета", ("Аппарат Совета депутатов", "Депутаты Совета")),
    ("аппарат Совета\nдепутатов", ("Аппарат Совета депутатов",)),  # a lowercase line still continues
    # duplicates dropped
    ("РО ВСМС\nРО ВСМС", ("РО ВСМС",)),
    ("секретарь Совета; Секретарь Совета", ("Секретарь Совета",)),  # one party once capitalised
    # a narrow column wraps a party: a line opening with a genitive complement (that is
    # otherwise only nominative plural) continues a head that names no body yet
    ("Консультант\nПалаты", ("Консультант Палаты",)),
    ("Начальник отдела\nАдминистрации поселения", ("Начальник отдела Администрации поселения",)),
    ("Правовой отдел, секретариат\nДумы", ("Правовой отдел", "Секретариат Думы")),
    ("Референт\nСобрания Белова\nН.К.", ("Референт Собрания Белова Н.К.",)),
    ("Организационный\nотдел\nПравительства края", ("Организационный отдел Правительства края",)),
    # ... a line-end nominative adjective waits for the noun agreeing with it
    ("Контрольная\nКомиссия поселения", ("Контрольная Комиссия поселения",)),
    ("Ответственный\nСекретарь Думы", ("Ответственный Секретарь Думы",)),
    # ... a surname after initials that end a body's name or an abbreviation, not a surname
    ("Заведующий сектором Думы В.С.\nКрылов", ("Заведующий сектором Думы В.С. Крылов",)),
    ("Отдел культуры совместно с музеем им. А.С.\nГрибоедова", ("Отдел культуры совместно с музеем им. А.С. Грибоедова",)),
    # ... but a nominative head after a party, or anything after a party naming its body, starts a party
    ("Консультант\nПравление", ("Консультант", "Правление")),
    ("Исполнительный директор\nКомитет по бюджету", ("Исполнительный директор", "Комитет по бюджету")),
    ("Председатель Думы\nКомиссии поселений", ("Председатель Думы", "Комиссии поселений")),  # doubtful
    ("Главный специалист\nКомиссии поселений;", ("Главный специалист Комиссии поселений",)),
    # ... unless that word would have fit on the line above (the widest line bounds the column): a break on purpose
    ("Консультант\nАдминистрации муниципальных районов", ("Консультант", "Администрации муниципальных районов")),
    ("Глава района Орлов К.Б.\nКрылов", ("Глава района Орлов К.Б.", "Крылов")),  # a whole name above
    # aliases
    ("председатель", ("Председатель",)),
    ("Пред.", ("Председатель",)),
    ("зам. председателя; Исп. директор", ("Заместитель председателя", "Исполнительный директор")),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT_CASES)
def test_split_responsible(text: str | None, expected: tuple[str, ...]) -> None:
    assert split_responsible(text) == expected


def test_aliases_are_canonical_and_folded() -> None:
    for key, canonical in RESPONSIBLE_ALIASES.items():
        assert key == fold(key)
        assert RESPONSIBLE_ALIASES[fold(canonical)] == canonical


_CELL_ALPHABET = st.sampled_from(
    list("абвгдеиклмнопрстуАБВГДМПРСТ ,;/\n-•.«»()\"") + [" / ", " с\n", "по ", " и ", "РО", "ВСМС"]
)
_CELL_TEXT = st.lists(_CELL_ALPHABET, max_size=50).map("".join)


def _cap(party: str) -> str:
    """A party as split_responsible gives it: first letter capitalised."""
    return party[:1].upper() + party[1:]


def _check_parties(parties: tuple[str, ...]) -> None:
    assert isinstance(parties, tuple)
    for party in parties:
        assert party
        assert party == party.strip()
        assert "\n" not in party
        assert split_responsible(party) == (party,)
    assert len(set(parties)) == len(parties)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=60)))
def test_split_responsible_never_raises(text: str | None) -> None:
    _check_parties(split_responsible(text))


@settings(max_examples=200, deadline=None)
@given(_CELL_TEXT)
def test_split_responsible_parties_are_clean_and_stable(text: str) -> None:
    _check_parties(split_responsible(text))


_NOMINATIVE_PARTIES = [
    "Председатель Думы",
    "Комитет по культуре Администрации района",
    "Управление делами Губернатора края",
    "секретарь комиссии",
    "Отдел информационной политики Правительства области (по согласованию)",
    "Контрольно-счетная палата",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_NOMINATIVE_PARTIES), min_size=2, max_size=4, unique=True),
    st.sampled_from([",", ";"]),
    st.data(),
)
def test_punctuated_cell_splits_only_at_separators(parties: list[str], sep: str, data: st.DataObject) -> None:
    """A cell that ends lines with ","/";" between parties: wrapping a party at any
    space (as a narrow column would) never changes the parties."""
    wrapped = []
    for party in parties:
        words = party.split(" ")
        breaks = data.draw(st.sets(st.integers(1, max(1, len(words) - 1)), max_size=len(words) - 1))
        wrapped.append("".join(("\n" if k in breaks else " ") + w if k else w for k, w in enumerate(words)))
    cell = f"{sep}\n".join(wrapped)
    assert split_responsible(cell) == tuple(map(_cap, parties))


_OBLIQUE_PIECES = [
    "налогам и сборам", "образованию и науке", "молодежной политики", "спорта и туризма", "земельным отношениям",
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["комиссия по бюджету", "Комитет по экономике", "Отдел культуры"]),
    st.sampled_from(_OBLIQUE_PIECES),
)
def test_oblique_comma_piece_stays_in_the_name(party: str, piece: str) -> None:
    name = f"{party}, {piece}"
    assert split_responsible(name) == (_cap(name),)
    assert split_responsible(f"Глава района; {name}") == ("Глава района", _cap(name))


_HEADS = ["Отдел", "Председатель", "Аппарат", "Сектор"]
_ADJECTIVE_BODIES = [("Законодательного", "Собрания области"), ("Избирательной", "Комиссии края"),
                     ("Контрольно-счетной", "Палаты района"), ("Общественной", "Палаты округа")]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_HEADS), st.sampled_from(_ADJECTIVE_BODIES), st.sampled_from(["", "Правление\n"]))
def test_line_after_an_adjective_without_its_noun_continues(head: str, body: tuple[str, str], first: str) -> None:
    adjective, rest = body
    parties = split_responsible(f"{first}{head} {adjective}\n{rest}")
    assert parties[-1] == f"{head} {adjective} {rest}"
    assert len(parties) == (2 if first else 1)


_LOWER_PARTIES = ["комиссия по бюджету", "отдел культуры", "начальник управления", "секретарь комиссии"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_LOWER_PARTIES), st.sampled_from(sorted(PARTY_HEADS)), st.sampled_from(["района", "области"]))
def test_party_run_on_after_a_lowercase_noun_is_split(first: str, head: str, rest: str) -> None:
    second = f"{head.capitalize()} {rest}"
    assert split_responsible(f"{first} {second}") == (_cap(first), second)
    # in quotes, or after a capitalised word (an unquoted name), the words stay one party
    assert split_responsible(f"{first} «{second}»") == (_cap(f"{first} «{second}»"),)
    assert split_responsible(f"Ассоциации {second}") == (f"Ассоциации {second}",)


_SURNAMES = ["Иванов", "Петрова", "Смирнов-Соколов", "Кудрявцева", "Ли"]
_INITIALS = ["И.И.", "А. В.", "О."]
_POSTS = ["председатель Правления", "исполнительный директор", "глава района", "заместитель председателя",
          "Председатель комиссии по бюджету", "главный бухгалтер", "член Совета"]


@st.composite
def _person(draw: st.DrawFn) -> str:
    surname, initials = draw(st.sampled_from(_SURNAMES)), draw(st.sampled_from(_INITIALS))
    full = draw(st.sampled_from(["Иванов Иван Иванович", "Петрова Анна Сергеевна"]))
    return draw(st.sampled_from([f"{surname} {initials}", f"{initials} {surname}".replace(". ", "."), full]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(_person(), st.sampled_from(_POSTS)), min_size=1, max_size=3, unique_by=lambda p: p[0]),
    st.sampled_from([", ", ",\n"]),
    st.sampled_from([";\n", "; ", "\n"]),
)
def test_person_with_post_is_one_party(people: list[tuple[str, str]], inner: str, outer: str) -> None:
    """"Surname I.O., post" (any name form, the comma on one line or at a line end)
    is one party; persons are separated from one another."""
    cell = outer.join(f"{person}{inner}{post}" for person, post in people)
    assert split_responsible(cell) == tuple(f"{person}, {post}" for person, post in people)
    # the reverse order, without a comma, is one party too
    person, post = people[0]
    assert split_responsible(f"{post} {person}") == (_cap(f"{post} {person}"),)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(_SURNAMES), st.sampled_from(["И.И", "А.В", "А. В"]), st.sampled_from(["", "Председатель Совета "]))
def test_lost_dot_of_initials_is_put_back(surname: str, initials: str, post: str) -> None:
    printed = f"{post}{surname} {initials}."
    assert split_responsible(printed[:-1]) == split_responsible(printed) == (printed,)


_ANY_PARTIES = [*_NOMINATIVE_PARTIES, "исполнительный директор", "члены Президиума",
                "председатель комиссии Белова Т.М.", "Правление", "пресс-служба Думы"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(_ANY_PARTIES), min_size=1, max_size=4, unique=True),
    st.sampled_from([";\n", "; "]),
    st.data(),
)
def test_parties_compare_whatever_the_printed_case(parties: list[str], sep: str, data: st.DataObject) -> None:
    """A party reads the same whether the plan printed it capitalised or not (between
    separators: a lowercase line without one continues the line above)."""
    flips = [data.draw(st.booleans()) for _ in parties]
    printed = [p[:1].swapcase() + p[1:] if flip else p for p, flip in zip(parties, flips, strict=True)]
    assert split_responsible(sep.join(printed)) == split_responsible(sep.join(parties))
    assert all(p[:1].isupper() for p in split_responsible(sep.join(printed)))


_BARE_HEADS = ["Юрисконсульт", "Исполнительная дирекция", "Заместитель председателя", "Аппарат", "Консультант",
               "Отдел по работе с обращениями"]
_GENITIVE_BODIES = ["Ассоциации", "Палаты района", "Думы района", "Правительства области", "Администрации округа",
                    "Комиссии по этике"]


def _wrap(text: str, width: int) -> str:
    """``text`` wrapped greedily at ``width`` characters, as a narrow column wraps it."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_BARE_HEADS), st.sampled_from(_GENITIVE_BODIES), st.sampled_from(["", "Правление\n"]),
       st.data())
def test_bare_head_wrapped_before_its_genitive_stays_one_party(
    head: str, body: str, first: str, data: st.DataObject
) -> None:
    """A head that names no body yet, wrapped by a narrow column right before its genitive
    complement ("Ассоциации": genitive singular, or nominative plural), or anywhere else,
    stays one party; the cell's other parties are untouched, and nothing is doubtful."""
    party = f"{head} {body}"
    narrow = max(len(w) for w in party.split())
    width = data.draw(st.integers(narrow, len(head) + len(body.split()[0])))  # the body's first word does not fit
    parties, doubtful = split_responsible_checked(first + _wrap(party, width))
    assert parties == (*first.split(), _cap(party))
    assert not doubtful


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Председатель Совета", "Аппарат Думы", "Правление Ассоциации", "Глава МО"]),
       st.sampled_from(_GENITIVE_BODIES))
def test_genitive_line_after_a_named_body_is_a_doubtful_boundary(party: str, body: str) -> None:
    """After a party that names its body, such a line is read as a new party - a boundary that is
    doubtful (it may be a genitive complement), unless a separator ends the party."""
    assert split_responsible_checked(f"{party}\n{body}") == ((party, body), True)
    assert split_responsible_checked(f"{party};\n{body}") == ((party, body), False)
    assert split_responsible_checked(f"Правление\n{party}\n{body}") == (("Правление", party, body), True)


@pytest.mark.parametrize(
    "cell",
    ["Правление\nИсполнительная дирекция", "Председатель Совета\nКузнецова Т.А.", "Иванов И.И.\nПетров П.П.",
     "Совет отделения;\nАдминистрация района", "Юрисконсульт\nАссоциации", "Председатель Думы", None,
     "Председатель\nСовета депутатов"],  # "Совета" is genitive only
)
def test_clear_cells_are_not_doubtful(cell: str | None) -> None:
    assert split_responsible_checked(cell) == (split_responsible(cell), False)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # a wrap before a word that is also nominative plural, followed by a genitive plural:
        # it may be a plural party ("Главы муниципальных образований") - joined, but doubtful
        ("Исполнительная дирекция\nГлавы муниципальных\nрайонов", ("Исполнительная дирекция Главы муниципальных районов",)),
        # ... and a purposeful break (the word would have fit): a party, doubtful
        ("Правление\nАдминистрации городских поселений", ("Правление", "Администрации городских поселений")),
    ],
)
def test_doubtful_wraps(cell: str, expected: tuple[str, ...]) -> None:
    assert split_responsible_checked(cell) == (expected, True)


def test_doubtful_boundary_flags_the_row() -> None:
    plan = ParsedPlan(LayoutKind.TABLE, 1.0, (
        RawItem(("Заседание",), item_no="1", timing_raw="март", responsible_raw="Председатель Думы\nКомиссии района"),
        RawItem(("Семинар",), item_no="2", timing_raw="май", responsible_raw="Консультант\nКомиссии района"),
    ))
    doubtful, clear = normalize_plan(plan, DocMeta(), "plan.txt")
    assert doubtful.responsible == ("Председатель Думы", "Комиссии района")
    assert "responsible_split_unsure" in doubtful.flags
    assert clear.responsible == ("Консультант Комиссии района",) and not clear.flags
    assert PENALTIES["responsible_split_unsure"] < 0.8  # the row is listed for review


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # list markers before a party are markup, not part of its name
        ("1) Юридический отдел;\n2) Контрольно-счётная палата (по согласованию);\n3) Аппарат Думы",
         ("Юридический отдел", "Контрольно-счётная палата (по согласованию)", "Аппарат Думы")),
        ("1. Председатель комиссии\n2. Секретарь комиссии", ("Председатель комиссии", "Секретарь комиссии")),
        ("1) Финансовое управление; 2) Отдел культуры", ("Финансовое управление", "Отдел культуры")),
        ("а) председатель; б) секретарь Совета", ("Председатель", "Секретарь Совета")),
        ("а) Глава поселения, б) Депутаты", ("Глава поселения", "Депутаты")),
        ("(1) Бухгалтерия\n(2) Кадровая служба", ("Бухгалтерия", "Кадровая служба")),
        ("2.1. Плановый отдел\n2.2. Архивный отдел", ("Плановый отдел", "Архивный отдел")),
        ("– Правление\n• Ревизионная комиссия", ("Правление", "Ревизионная комиссия")),
        # ... but numbers that belong to a name stay
        ("Комиссия № 2; МБОУ СОШ № 5", ("Комиссия № 2", "МБОУ СОШ № 5")),
        ("Отдел 1", ("Отдел 1",)),
        ("1 отдел штаба", ("1 отдел штаба",)),
        ("Школа № 3, детский сад № 12", ("Школа № 3", "Детский сад № 12")),
    ],
)
def test_list_markers_are_not_part_of_a_party(cell: str, expected: tuple[str, ...]) -> None:
    assert split_responsible(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # contact details are not parties: dropped (the raw cell keeps them)
        ("Петрова А.В., тел. 8 (4812) 20-33-41", ("Петрова А.В.",)),
        ("Отдел связей с общественностью, e-mail: info@sovet67.ru", ("Отдел связей с общественностью",)),
        ("Кузнецов П.Р., т. 45-12-09; Белова О.И., эл. почта belova@mail.ru", ("Кузнецов П.Р.", "Белова О.И.")),
        ("Секретариат, тел./факс (3452) 11-22-33, 11-22-34", ("Секретариат",)),
        ("Методический центр; metod-centr@yandex.ru; +7 912 345-67-89", ("Методический центр",)),
        ("Пресс-секретарь тел. 55-66-77", ("Пресс-секретарь",)),
        ("Юрист Ассоциации (тел. 22-33-44, jurist@smo.ru)", ("Юрист Ассоциации",)),
        ("Сайт Ассоциации, www.smo-region.ru", ("Сайт Ассоциации",)),
        # ... but words and numbers that are a name stay
        ("Телевидение района, радио «Волна»", ("Телевидение района", "Радио «Волна»")),
        ("Комиссия № 2 (по согласованию)", ("Комиссия № 2 (по согласованию)",)),
    ],
)
def test_contact_details_are_not_parties(cell: str, expected: tuple[str, ...]) -> None:
    assert split_responsible(cell) == expected
