"""Tests for planparse.normalize.responsible.split_responsible."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.normalize.responsible import RESPONSIBLE_ALIASES, split_responsible
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
    ("члены РО ВСМС по согласованию с \nПрезидиумом ", ("члены РО ВСМС по согласованию с Президиумом",)),
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
    ("члены Правления,\nпредседатели палат", ("члены Правления", "председатели палат")),
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
    # duplicates dropped
    ("РО ВСМС\nРО ВСМС", ("РО ВСМС",)),
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
