"""Markdown markup in text plans (wiki, Notion, GitLab exports, generated text).

Heading markers (``# ``…``###### ``), emphasis (``**``, ``__``, ``*``, ``_``
around words) and a pipe table's alignment row (``|:--:|---|``) are markup, not
plan text.  They are removed only when the document looks like Markdown (its
name ends in ``.md``/``.markdown``, it holds an alignment row, or it has both a
heading line and bold text, or bold text on several lines), so a lone ``*``
footnote or ``#`` in a plain plan stays.  Pipe tables themselves and ``<br>``
in their cells are read by the table layout.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

_SUFFIXES = (".md", ".markdown")
# An ATX heading: 1-6 "#", a space, text, optional closing "#"s.
_HEADING = regex.compile(r"^(\s{0,3})#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# A pipe table's alignment row: at least two cells of 3+ dashes, optionally with colons.
_ALIGN_CELL = r"[ \t]*:?-{3,}:?[ \t]*"
_ALIGN_ROW = regex.compile(rf"^[ \t]*\|?{_ALIGN_CELL}(?:\|{_ALIGN_CELL})+\|?[ \t]*$")
# Strong then light emphasis: the opening marker is not followed by a space, the closing one not preceded
# by one; "_" only at word boundaries (plan_2022_final stays), and runs of "_" are blanks to fill in.
_STRONG = regex.compile(r"(\*\*|__)(?=[^\s_])(.+?)(?<=[^\s_])\1(?!\1)")
_STAR = regex.compile(r"(?<![\*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\*\w])")
_UNDERSCORE = regex.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
# Markdown evidence: bold text, a heading line.
_BOLD = regex.compile(r"(\*\*|__)(?=[^\s*_]).+?(?<=[^\s*_])\1")
MIN_BOLD_LINES = 2


def looks_like_markdown(texts: Sequence[str], source: str = "") -> bool:
    """The document is Markdown by its name or by its markup (see the module docstring)."""
    if source.lower().endswith(_SUFFIXES):
        return True
    if any(_ALIGN_ROW.match(t) for t in texts):
        return True
    bold = sum(1 for t in texts if _BOLD.search(t))
    heading = any(_HEADING.match(t) for t in texts)
    return bold >= MIN_BOLD_LINES or (heading and bold >= 1)


def is_alignment_row(text: str) -> bool:
    return bool(_ALIGN_ROW.match(text))


def strip_markup(text: str) -> str:
    """One line without heading markers and emphasis (the alignment row is the caller's)."""
    heading = _HEADING.match(text)
    if heading:
        text = heading.group(1) + heading.group(2)
    previous = None
    while previous != text:  # nested emphasis: "***x***", "**_x_**"
        previous = text
        text = _STRONG.sub(r"\2", text)
        text = _STAR.sub(r"\1", text)
        text = _UNDERSCORE.sub(r"\1", text)
    return text
