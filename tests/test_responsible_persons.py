"""Tests for planparse.normalize.persons: the person/post shapes the responsible splitter relies on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.normalize.persons import (
    has_person,
    initials_await_surname,
    is_initials,
    is_person,
    is_post,
    restore_initial_dot,
    starts_with_person,
    surname_follows,
)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Иванов И.И.", True),
        ("Иванов И. И.", True),
        ("Петрова-Водкина А.В.", True),
        ("Иванов И.", True),
        ("Морозов Д.А", True),  # the last dot lost
        ("Д.А. Морозов", True),
        ("Д. Морозов", True),
        ("Иванов Иван Иванович", True),
        ("Петрова Анна Сергеевна", True),
        ("Совет Ветеранов Района", False),  # three capitalised words, no first name/patronymic
        ("Иванов", False),
        ("председатель Правления", False),
        ("Председатель Иванов И.И.", False),  # a post with its holder: not a name alone
        ("РО ВСМС", False),
        ("", False),
    ],
)
def test_is_person(text: str, person: bool) -> None:
    assert is_person(text) is person


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("председатель Правления", True),
        ("Председатель комиссии по бюджету", True),
        ("исполнительный директор", True),
        ("главный бухгалтер", True),
        ("глава района", True),
        ("заместитель председателя", True),
        ("пресс-секретарь", True),
        ("член Совета", True),
        ("члены Правления", False),  # plural: a group, not one post
        ("комитет финансов", False),  # a body
        ("правовой отдел", False),
        ("по согласованию", False),
        ("Иванов И.И.", False),
        ("", False),
    ],
)
def test_is_post(text: str, post: bool) -> None:
    assert is_post(text) is post


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ("Морозов Д.А", "Морозов Д.А."),
        ("исполнительный директор Морозов Д.А", "исполнительный директор Морозов Д.А."),
        ("Морозов Д. А", "Морозов Д. А."),
        ("Морозов Д.А.", "Морозов Д.А."),
        ("Д.А. Морозов", "Д.А. Морозов"),
        ("Администрация МО «Город Д»", "Администрация МО «Город Д»"),
        ("РО ВСМС", "РО ВСМС"),
        ("Отдел А.Б", "Отдел А.Б."),  # shape only: a capitalised word + "X.Y" reads as a name
    ],
)
def test_restore_initial_dot(party: str, expected: str) -> None:
    assert restore_initial_dot(party) == expected


@pytest.mark.parametrize(
    ("previous", "line", "expected"),
    [
        ("Исполнительный директор Д.А.", "Морозов", True),
        ("директор Д.А.", "Морозов, секретарь", True),
        ("Иванов И.И.", "Петров", False),  # a whole name above: the line is somebody else
        ("Исполнительный директор Д.А.", "Морозов Иван", False),
        ("Правление", "Морозов", False),
        ("заведующий сектором Думы В.С.", "Крылов", True),  # initials after a body's name, not a surname
        ("совместно с музеем им. А.С.", "Грибоедова", True),  # after an abbreviation
        ("Глава района Орлов К.Б.", "Крылов", False),  # after a surname the name is whole
    ],
)
def test_surname_follows(previous: str, line: str, expected: bool) -> None:
    assert surname_follows(previous, line) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Исполнительный директор Д.А.", True),
        ("Заместитель председателя Совета Ю.П.", True),
        ("музей им. А.С.", True),
        ("Иванов И.И.", False),
        ("Глава Смирнова О.Н.", False),
        ("Правление", False),
        ("И.И.", False),
    ],
)
def test_initials_await_surname(text: str, expected: bool) -> None:
    assert initials_await_surname(text) is expected


def test_other_shapes() -> None:
    assert is_initials("А.Н.") and is_initials(" А. Н ") and not is_initials("А.Н. Соколов")
    assert starts_with_person("Белова Т.М., секретарь") and not starts_with_person("Правление Белова")
    assert has_person("Председатель комиссии Белова Т.М.") and not has_person("Председатель комиссии")


_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯабвгдеиклмнопрстуя .,;-«»"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=40), st.text(alphabet=_LETTERS, max_size=40))
def test_helpers_never_raise(text: str, other: str) -> None:
    for fn in (is_person, starts_with_person, has_person, is_initials, is_post):
        assert isinstance(fn(text), bool)
    assert isinstance(surname_follows(text, other), bool)
    assert isinstance(initials_await_surname(text), bool)
    fixed = restore_initial_dot(text)
    assert fixed in (text, f"{text}.")
    assert restore_initial_dot(fixed) == fixed  # idempotent
