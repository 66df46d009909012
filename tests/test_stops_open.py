"""Tests for text that stops mid-phrase (planparse.normalize.text: stops_open, ends_with_mark,
has_open_bracket): what the PDF reader, the layouts' ends_open and the party splitter build on."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.layouts.base import ends_open
from planparse.normalize.text import ends_with_mark, has_open_bracket, stops_open

STOPS_OPEN_CASES = [
    ("Проведение семинара,", True),
    ("Проведение семинара-", True),
    ("в течение года –", True),
    ("Заседание Совета —", True),
    ("Заседание Совета — \n", True),  # trailing whitespace does not count
    ("Совещание (по", True),
    ("Совещание (по плану", True),
    ("Конкурс «Лучший", True),
    ("(а)(", True),  # counted: two "(" for one ")"
    ("«)", True),  # counted per kind: the ")" closes no "«"
    ("Совещание (по плану)", False),
    ("Конкурс «Лучший муниципалитет»", False),
    ("Совещание.", False),
    ("ежеквартально", False),
    ("а) б (", False),  # counted: one "(" and one ")"
    ('Конкурс "Лучший', False),  # straight quotes are not counted here
    ("Совещание [по", False),  # nor square brackets
    ("Совещание для", False),  # nor words: a dangling preposition is ends_open's question
    ("", False),
    ("  \n", False),
]


@pytest.mark.parametrize(("text", "expected"), STOPS_OPEN_CASES)
def test_stops_open(text: str, expected: bool) -> None:
    assert stops_open(text) is expected


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("слово,", ",", True),
        ("слово, \t", ",", True),
        ("слово —", "", False),
        ("слово —", ",-–", False),
        ("слово —", ",-–—", True),
        ("слово (", "(«", True),
        ("(слово", "(«", False),
        ("", ",", False),
        (" ", " ", False),  # trailing whitespace is never the last character
    ],
)
def test_ends_with_mark(text: str, marks: str, expected: bool) -> None:
    assert ends_with_mark(text, marks) is expected


_PARTY_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("“", "”"), ("„", "“"))


@pytest.mark.parametrize(
    ("text", "pairs", "quotes", "counted", "in_order"),
    [
        ("Совет (по плану)", (("(", ")"),), "", False, False),
        ("Совет (по плану", (("(", ")"),), "", True, True),
        (")(", (("(", ")"),), "", False, True),  # a stray closer is ignored in order, counted it cancels
        ("а) б (", (("(", ")"),), "", False, True),
        ("«)", (("(", ")"), ("«", "»")), "", True, False),  # in order all kinds share one depth
        ("(«)", (("(", ")"), ("«", "»")), "", True, True),
        ("[Совет", (("(", ")"),), "", False, False),  # only the pairs asked about
        ("[Совет", _PARTY_PAIRS, "", True, True),
        # "“" opens one pair and closes another, so in order it is skipped and „Заря“ stays open (as
        # responsible has always read it: a party in „…“ quotes glues the next line; left as it was)
        ("„Заря“", _PARTY_PAIRS, "", True, True),
        ('Совет "Заря', (), '"', True, True),
        ('Совет "Заря"', (), '"', False, False),
        ('Совет "Заря', (), "", False, False),
        ("", _PARTY_PAIRS, '"', False, False),
    ],
)
def test_has_open_bracket(
    text: str, pairs: tuple[tuple[str, str], ...], quotes: str, counted: bool, in_order: bool
) -> None:
    assert has_open_bracket(text, pairs, quotes=quotes) is counted
    assert has_open_bracket(text, pairs, quotes=quotes, in_order=True) is in_order


@pytest.mark.parametrize(
    ("text", "stops", "ends"),
    [
        ("Совещание,", True, True),
        ("Совещание —", True, False),  # layouts do not count the em dash
        ("Совещание (по", True, False),  # ends_open: only an opener at the very end
        ("Совещание (", True, True),
        ('Конкурс "', False, True),
        ("Организация работы с", False, True),  # a dangling preposition: layouts only
        ("Совещание", False, False),
    ],
)
def test_stops_open_and_layout_ends_open_differ_on_purpose(text: str, stops: bool, ends: bool) -> None:
    assert (stops_open(text), ends_open(text)) == (stops, ends)


_NEST_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"))
_WORDS = st.sampled_from(["Совет", "по плану", " ", ",", "-", "и", "2024"])


def _wrapped(parts: tuple[tuple[str, str], list[str]]) -> str:
    (opener, closer), inner = parts
    return opener + "".join(inner) + closer


_NESTED = st.recursive(
    _WORDS,
    lambda inner: st.one_of(
        st.tuples(st.sampled_from((*_NEST_PAIRS, ('"', '"'))), st.lists(inner, max_size=3)).map(_wrapped),
        st.lists(inner, max_size=3).map("".join),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_NESTED, st.sampled_from(_NEST_PAIRS), _WORDS)
def test_nested_brackets_are_closed_and_one_more_opener_is_open(text: str, pair: tuple[str, str], word: str) -> None:
    """Both ways of deciding agree where brackets nest properly: closed, and open after one more opener."""
    for in_order in (False, True):
        assert not has_open_bracket(text, _NEST_PAIRS, quotes='"', in_order=in_order)
        assert has_open_bracket(word + pair[0] + text, _NEST_PAIRS, quotes='"', in_order=in_order)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Совет (по)«»,-–—. ")), max_size=20), st.sampled_from(["", " ", "\n", "\u00a0 "]))
def test_stops_open_ignores_trailing_whitespace(text: str, space: str) -> None:
    assert stops_open(text + space) == stops_open(text)
    assert ends_with_mark(text + space) == ends_with_mark(text)
