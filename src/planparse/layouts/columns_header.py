"""The header of a column-serialized table ("Мероприятия Время проведения Ответственные").

Found by its role words (title, timing, responsible) on one to five short
lines of header words only; ``columns`` reads the body below it.
"""

from __future__ import annotations

import regex

from planparse.model import Line

ROLE_WORDS = {
    "title": regex.compile(r"мероприяти|наименовани|содержание|вид работ", regex.I),
    "timing": regex.compile(r"врем[яи] проведени|срок|дата|период|когда", regex.I),
    "responsible": regex.compile(r"ответствен|исполнител", regex.I),
}

_HEADER_FILLER = regex.compile(
    r"^(?:№|п/п|n|наименование|мероприяти\w*|время|проведения|срок\w*|исполнения|выполнения|дата|"
    r"период|ответственн\w*|исполнител\w*|за|и|/|\||содержание|работ\w*|вид)$",
    regex.I,
)
MAX_HEADER_OTHER_WORDS = 1
MAX_HEADER_LINES = 5  # plain text exports put each header cell on a line of its own


def _header_like(text: str) -> bool:
    words = text.split()
    return bool(words) and sum(not _HEADER_FILLER.match(w) for w in words) <= MAX_HEADER_OTHER_WORDS


def _any_role(text: str) -> bool:
    return any(p.search(text) for p in ROLE_WORDS.values())


def find_header(lines: tuple[Line, ...]) -> int | None:
    """Index of the last header line: title and timing roles named on 1-3 lines of header words only."""
    for i, line in enumerate(lines[:80]):
        if not _header_like(line.text):
            continue
        window: list[str] = []
        for j in range(i, min(i + MAX_HEADER_LINES, len(lines))):
            if lines[j].is_blank and window:
                continue
            if not _header_like(lines[j].text):
                break
            window.append(lines[j].text)
            joined = " ".join(window)
            if ROLE_WORDS["title"].search(joined) and ROLE_WORDS["timing"].search(joined):
                while j + 1 < len(lines) and _header_like(lines[j + 1].text) and _any_role(lines[j + 1].text):
                    j += 1  # further header cells ("Ответственный") on lines of their own
                return j
    return None
