"""Page furniture: lines that belong to the printed page, not to the plan.

Printed and exported plans carry page numbers ("Страница 2 из 3", "- 3 -",
"стр. 4", a bare "3"), running headers and footers repeated on every page,
the table's column header repeated at the top of each page, and a closing
signature ("Исполнительный директор      Д.А. Морозов").  Layout parsers read
every line as content, so this text used to glue onto the item that ends a
page (title or responsible) or turn into a section heading for the items
that follow.  ``strip_furniture`` drops it from the document before any
parser runs; the remaining lines keep their page and line numbers.

Nothing is keyed to a wording.  What is dropped:

- page-number lines by their shape, anywhere; a bare number only at a page
  edge (or alone between blank lines) and only when such numbers run in page
  order (2, 3, 4 ...) a page apart: a lone "4" may be an OCR'd grid mark, a
  "1", "2", "3" on lines of their own the item numbers of a table column;
- at every page edge (a form feed, a page-number line, the document's end)
  the lines nearest the edge while each repeats at another edge or in the
  document's head (the text before the first item: title, column header).
  The head itself is kept: the first column header is what table parsers
  read the columns from.  A line that reads as the continuation of a cell
  (lower-case start, bracket) is never furniture;
- the closing block: the last groups of lines, each set apart by a blank
  line, that are a signature (ending in a person's name with initials,
  without an item number, a field label or a timing), the executor's note
  ("Исп. …", "тел. …") or what a web page prints under a document
  ("Поделиться: …", "Просмотров: 214").
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planparse.layouts.base import is_bullet, item_start
from planparse.model import Block, Document, Line, Table
from planparse.normalize.timing import sets_timing

_PAGE_NUMBER = regex.compile(
    r"^\s*(?:"
    r"[-–—]\s*\d{1,4}\s*[-–—]"  # - 3 -
    r"|(?:стр(?:аница)?|лист)\.?\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?"  # Страница 2 из 3, стр. 4
    r"|\d{1,4}\s+из\s+\d{1,4}"  # 2 из 3
    r"|page\s+\d{1,4}(?:\s+of\s+\d{1,4})?"
    r"|(?:продолжение|окончание)\s+(?:таблицы|табл\.?|приложения)(?:\s*№?\s*\d+)?\.?"
    r")\s*$",
    regex.IGNORECASE,
)
_BARE_NUMBER = regex.compile(r"^\s*(\d{1,3})\s*$")
MIN_PAGE_LINES = 15  # printed lines between two page numbers at the least
EDGE_DEPTH = 3  # lines looked at on each side of a page edge
MAX_CLOSING_LINES = 4  # lines of one signature or note
MAX_CLOSING_RUNS = 3  # signatures and notes under the plan
_CONTACT = regex.compile(r"^\s*(?:исп\.|тел(?:\.|ефон)|e-?mail|эл\.\s?почта)", regex.I)
_PHONE = regex.compile(r"^[\s\d()+\-–]{6,}$")
# What a web page prints under a document: share buttons, view counts, dates of publication, print links.
_WEB_TAIL = regex.compile(
    r"^\s*(?:поделиться|опубликован\w*|просмотр\w*|дата\s+(?:публикации|размещения|изменения)|версия\s+для\s+печати"
    r"|распечатать|обновлен\w*|источник|теги|метки)\b",
    regex.I,
)
# "Д.А. Морозов", "Морозов Д.А.", "Д. Морозов": a signature ends in a name with initials.
_NAME_END = regex.compile(
    r"(?:(?:\p{Lu}\.\s?){1,2}\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s+(?:\p{Lu}\.\s?){1,2})"
    r"\s*$"
)
_FIELD_LABEL = regex.compile(r"(?:^|[\s(;,.])(?:ответственн|исполнител|срок|дата)\w*\s*[:–—-]", regex.I)
_DIGITS = regex.compile(r"\d+")
_LETTER = regex.compile(r"\p{L}")
_SEPARATOR = regex.compile(r"\s[–—-]{1,2}\s")  # "Семинар – март – Петров П.П." is an item, not a signature


def _key(text: str) -> str:
    """A line's identity across pages: case, spacing and numbers (page, year) ignored."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def is_page_number(text: str) -> bool:
    """A line that only numbers the page ("Страница 2 из 3", "- 3 -", "стр. 4")."""
    return bool(_PAGE_NUMBER.match(text))


def _continues_cell(text: str) -> bool:
    """A wrapped cell line ("(по согласованию)", "самоуправлению и") is content, even when repeated."""
    first = text.lstrip()[:1]
    return first in "([«\"„“" or first.islower()


def _printed(blocks: Sequence[Block]) -> dict[int, str]:
    """Text of every non-blank line by its block index, in document order."""
    return {k: b.text for k, b in enumerate(blocks) if isinstance(b, Line) and not b.is_blank}


def _head_end(blocks: Sequence[Block]) -> int | None:
    """Index of the first item line or table: what comes before is the document's head."""
    for k, block in enumerate(blocks):
        if isinstance(block, Table) or (not block.is_blank and item_start(block.text)):
            return k
    return None


def _bare_page_numbers(blocks: Sequence[Block], texts: dict[int, str]) -> set[int]:
    """Bare numbers that number pages, running 2, 3, 4 ... a page apart.

    With page breaks known (form feeds, PDF pages) only a page's first or last
    line qualifies; without them, a number alone between blank lines.  Item
    numbers printed on lines of their own run too, but an item or two apart.
    """
    printed = list(texts)
    paged = blocks[printed[-1]].page > blocks[printed[0]].page if printed else False
    candidates: list[tuple[int, int]] = []  # (block index, value)
    for pos, k in enumerate(printed):
        m = _BARE_NUMBER.match(texts[k])
        if not m:
            continue
        page = blocks[k].page
        prev_page = blocks[printed[pos - 1]].page if pos else page
        last = pos + 1 == len(printed)
        at_edge = last or prev_page != page or blocks[printed[pos + 1]].page != page
        if at_edge if paged else _blank(blocks, k - 1) and _blank(blocks, k + 1):
            candidates.append((k, int(m.group(1))))
    found: set[int] = set()
    where = {k: pos for pos, k in enumerate(printed)}
    for (k1, v1), (k2, v2) in zip(candidates, candidates[1:], strict=False):
        if v2 == v1 + 1 and where[k2] - where[k1] > MIN_PAGE_LINES:
            found.update((k1, k2))
    return found


def _edges(blocks: Sequence[Block], texts: dict[int, str], dropped: set[int]) -> list[tuple[list[int], list[int]]]:
    """(lines before, lines after) each page edge, nearest first, up to ``EDGE_DEPTH`` each.

    Edges: a page change, a dropped page-number line, the document's end.
    Edges with nothing printed between them count once; a side stops at the next edge.
    """
    kept = [k for k in texts if k not in dropped]
    cuts: list[int] = []  # position in ``kept`` where an edge falls (before kept[pos])
    for pos in range(1, len(kept)):
        a, b = kept[pos - 1], kept[pos]
        page_break = blocks[a].page != blocks[b].page
        numbered = any(j in dropped for j in range(a + 1, b))
        table_between = any(isinstance(blocks[j], Table) for j in range(a + 1, b))
        if (page_break or numbered) and not table_between:
            cuts.append(pos)
    bounds = [0, *cuts, len(kept)]
    out = []
    for j in range(1, len(bounds)):
        prev, pos = bounds[j - 1], bounds[j]
        nxt = bounds[j + 1] if j + 1 < len(bounds) else pos
        out.append((kept[max(prev, pos - EDGE_DEPTH) : pos][::-1], kept[pos : min(nxt, pos + EDGE_DEPTH)]))
    return out


def _blank(blocks: Sequence[Block], k: int) -> bool:
    """Block ``k`` is a blank line, or lies outside the document."""
    if not 0 <= k < len(blocks):
        return True
    block = blocks[k]
    return isinstance(block, Line) and block.is_blank


def _repeated(
    blocks: Sequence[Block], texts: dict[int, str], edges: list[tuple[list[int], list[int]]], head: set[str], start: int
) -> set[int]:
    """Running headers/footers: lines at page edges, peeled from the edge inwards.

    A line goes when it repeats a head line (a column header or title printed
    again), or stands at this side (top/bottom) of at least two and at least
    half of the pages.  A wrapped cell or a field line ("Ответственный: …")
    repeated by chance is content.  When the document has blank lines, a run
    that ends in such a line (not a head line) must end at one: furniture is
    set apart from the plan.
    """
    spaced = any(isinstance(b, Line) and b.is_blank for b in blocks)
    found: set[int] = set()
    for side in (0, 1):
        sides = [edge[side] for edge in edges if edge[side]]
        count: dict[str, int] = {}
        for lines in sides:
            for key in {_key(texts[k]) for k in lines}:
                count[key] = count.get(key, 0) + 1
        step = -1 if side == 0 else 1  # from the edge into the page
        for lines in sides:
            run: list[int] = []
            for k in lines:
                text = texts[k]
                key = _key(text)
                usual = count[key] >= 2 and 2 * count[key] >= len(sides) and not _FIELD_LABEL.search(text)
                if k < start or item_start(text) or _continues_cell(text) or not _LETTER.search(key):
                    break
                if not (key in head or usual):
                    break
                run.append(k)
            while spaced and run and _key(texts[run[-1]]) not in head and not _blank(blocks, run[-1] + step):
                run.pop()
            found.update(run)
    return found


def _tail_runs(blocks: Sequence[Block], texts: dict[int, str], dropped: set[int], start: int) -> list[list[int]]:
    """The body's last groups of lines (blank lines part them), last group first; a table ends the list."""
    kept = [k for k in texts if k not in dropped and k >= start]
    runs: list[list[int]] = []
    for k in reversed(kept):
        if runs and k + 1 != runs[-1][-1]:
            between = range(k + 1, runs[-1][-1])
            if any(isinstance(blocks[j], Table) for j in between):
                break
            if any(_blank(blocks, j) for j in between):
                runs.append([k])
                continue
        if runs:
            runs[-1].append(k)
        else:
            runs.append([k])
    return [run[::-1] for run in runs]


def _signature(lines: list[str]) -> bool:
    """A role and a name with initials ("Глава округа      А.В. Кравцов"), nothing of an item."""
    if any(item_start(t) or is_bullet(t) or _FIELD_LABEL.search(t) or _SEPARATOR.search(t) for t in lines):
        return False
    return not any(sets_timing(t) for t in lines) and bool(_NAME_END.search(lines[-1]))


def _contact(lines: list[str]) -> bool:
    """The executor's note under a signature ("Исп. Петрова А.А.", "тел. 8 (4942) 31-22-11")."""
    return all(_CONTACT.match(t) or _PHONE.match(t) for t in lines)


def _web_tail(lines: list[str]) -> bool:
    """A web page's lines under the document ("Поделиться: VK OK Telegram", "Просмотров: 214")."""
    return all(_WEB_TAIL.match(t) for t in lines)


def _closing_block(blocks: Sequence[Block], texts: dict[int, str], dropped: set[int], start: int) -> set[int]:
    """The signature under the plan, the executor's note and a web page's share or view lines,
    each set apart by a blank line."""
    runs = _tail_runs(blocks, texts, dropped, start)
    found: set[int] = set()
    for run in runs[: min(len(runs) - 1, MAX_CLOSING_RUNS)]:  # the first group holds the first item
        lines = [texts[k] for k in run]
        if len(run) > MAX_CLOSING_LINES or not (_signature(lines) or _contact(lines) or _web_tail(lines)):
            break
        found.update(run)
    return found


def furniture_lines(doc: Document) -> set[int]:
    """Indices (into ``doc.blocks``) of the page furniture lines (see the module docstring)."""
    blocks = doc.blocks
    texts = _printed(blocks)
    dropped = {k for k, text in texts.items() if is_page_number(text)}
    start = _head_end(blocks)
    if start is None:  # no item anywhere: nothing tells the plan from its page
        return dropped
    dropped |= _bare_page_numbers(blocks, texts)
    head = {_key(text) for k, text in texts.items() if k < start}
    dropped |= _repeated(blocks, texts, _edges(blocks, texts, dropped), head, start)
    dropped |= _closing_block(blocks, texts, dropped, start)
    return dropped


def strip_furniture(doc: Document) -> Document:
    """``doc`` without its page furniture; the same object when there is none."""
    drop = furniture_lines(doc)
    if not drop:
        return doc
    blocks = tuple(b for k, b in enumerate(doc.blocks) if k not in drop)
    return Document(doc.source, doc.format, blocks, doc.encoding, doc.notes)
