"""OCR-specific text repairs, each only where the result cannot be real text.

Word boxes read from blank paper (a painted-out rule), rule debris and specks
read as punctuation are dropped; brackets at a word's edge become parentheses
(``clean_words``).  In cells: leading specks and unpaired quotes glued to
words are dropped, misread digits in item numbers ("б.1") and misread Roman
numbers before "полугодие"/"квартал" ("П" -> "II") are repaired; over the
whole document, misread Roman numbers of section headings ("ТГ" -> "I") are
repaired from their order.  Latin/Cyrillic look-alikes are left to
``normalize.repair``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import regex

from planparse.layouts.base import MARKS
from planparse.model import Block, Cell, Table
from planparse.normalize.numerals import from_roman, to_roman
from planparse.readers.geometry import Word
from planparse.readers.tesseract import OcrWord

MIN_WORD_INK_PX = 4  # a word box with less ink than this was read from blank paper (a painted-out rule)
MIN_WORD_CONF = 10  # punctuation-only words Tesseract is less sure of than this (0-100) are dropped
# A word of nothing but dots, commas and quotes is a speck of dirt (real punctuation sticks to its word).
_SPECK_WORD = regex.compile(r"^[.,„‚'`‘’_~·;:\"“”=^°]+$")
# Rule debris Tesseract reads at a cell edge.
_DEBRIS = regex.compile(r"^[|\[\]{}_\-—–=~.,:;'`\"«»]+$")
_EDGE_DEBRIS = regex.compile(r"^\|+|\|+$")
# Brackets/braces are rare in plans; at a word's edge they are misread parentheses.
_OPEN_PAREN = regex.compile(r"^[{\[]")
_CLOSE_PAREN = regex.compile(r"[}\]]$")
# Digits misread as letters inside an item number ("б.1", "1О.", "З.2").
_NUMBER_LIKE = regex.compile(r"^(?=.*\d)[\dОOоoЗзбlI|]{1,3}(?:[.,][\dОOоoЗзбlI|]{1,3})*[.,)]?$")
_TO_DIGIT = str.maketrans(
    {"О": "0", "O": "0", "о": "0", "o": "0", "З": "3", "з": "3", "б": "6", "l": "1", "I": "1", "|": "1"}
)


def clean_words(words: Sequence[OcrWord], ink: np.ndarray) -> tuple[list[OcrWord], int]:
    """Drop words read from blank paper (where a rule was painted out), rule debris and unsure
    punctuation; strip "|" stuck to word edges."""
    out: list[OcrWord] = []
    dropped = 0
    for ow in words:
        text = ow.word.text
        w = ow.word
        box = ink[max(0, int(w.top)) : int(w.bottom) + 1, max(0, int(w.x0)) : int(w.x1) + 1]
        if int(box.sum()) < MIN_WORD_INK_PX:
            dropped += 1
            continue
        if _SPECK_WORD.match(text) or (
            _DEBRIS.match(text) and text not in MARKS and (ow.conf < MIN_WORD_CONF or "|" in text or "[" in text)
        ):
            dropped += 1
            continue
        stripped = _CLOSE_PAREN.sub(")", _OPEN_PAREN.sub("(", _EDGE_DEBRIS.sub("", text)))
        if stripped != text:
            if not stripped:
                dropped += 1
                continue
            ow = OcrWord(Word(stripped, w.x0, w.x1, w.top, w.bottom), ow.conf)
        out.append(ow)
    return out, dropped


def repair_number(text: str) -> str:
    """Item-number tokens with a misread digit or a speck in front: "б.1" -> "6.1", ".4." -> "4."."""
    stripped = text.lstrip(".,'`‘’‚")
    if stripped != text and stripped[:1].isdigit():
        text = stripped
    if _NUMBER_LIKE.match(text) and not text.isdigit():
        fixed = text.translate(_TO_DIGIT)
        return fixed.replace(",", ".") if regex.fullmatch(r"\d{1,3}(?:,\d{1,3})+[.,]?", fixed) else fixed
    return text


_DASHES = regex.compile(r"^[-–—_.,'`‚]+$")


def number_cell(lines: Sequence[str]) -> tuple[str, ...]:
    """An item-number cell without speck dashes ("- 9." -> "9.") and with its number repaired."""
    out = []
    for line in lines:
        tokens = [t for t in line.split() if not _DASHES.match(t)]
        if tokens:
            out.append(" ".join([repair_number(tokens[0]), *tokens[1:]]))
    return tuple(out)


_LEADING_SPECKS = regex.compile(r"^[_~`‚,.·]+(?=[-–—•\p{L}\d«(])")


def drop_leading_specks(line: str) -> str:
    """No line starts with an underscore, comma or dot: "_- Проведение" -> "- Проведение"."""
    return _LEADING_SPECKS.sub("", line)


_QUOTE_PAIRS = (("«", "»"), ("„", "“"), ("“", "”"))
_LONE_QUOTES = "“”„\"‚`'‘’"


def drop_stray_quotes(lines: Sequence[str]) -> tuple[str, ...]:
    """Quote marks glued to a word that have no partner in the cell are specks: "“общественного".

    Russian plans quote with « »; a „ “ / “ ” pair is kept when both halves are there.
    """
    text = "\n".join(lines)
    keep: set[str] = set()
    for a, b in _QUOTE_PAIRS:
        if a in text and b in text and a != b:
            keep |= {a, b}
    if text.count('"') % 2 == 0 and '"' in text:
        keep.add('"')
    out = []
    for line in lines:
        words = []
        for word in line.split(" "):
            core = word.strip(_LONE_QUOTES)
            if core and core != word and any(ch.isalnum() for ch in core):
                lead = word[: len(word) - len(word.lstrip(_LONE_QUOTES))]
                trail = word[len(word.rstrip(_LONE_QUOTES)) :]
                lead = "".join(ch for ch in lead if ch in keep)
                trail = "".join(ch for ch in trail if ch in keep or ch in "'’")  # apostrophes in names
                word = lead + core + trail
            words.append(word)
        out.append(" ".join(words))
    return tuple(out)


_ROMAN_PERIOD = regex.compile(
    r"(?<![\p{L}\d])(ТГ|ГУ|ТУ|IУ|1У|П|Ш|Г|Т|Il|ll|lI|Ill|lll)\s*(?=(?:-?(?:й|е|го|ом))?\s*(?:полугод|кв(?:артал|\.)))"
)
_ROMAN_PERIOD_MAP = {"ТГ": "I", "Г": "I", "Т": "I", "П": "II", "Il": "II", "ll": "II", "lI": "II", "Ш": "III",
                     "Ill": "III", "lll": "III", "ГУ": "IV", "ТУ": "IV", "IУ": "IV", "1У": "IV"}  # fmt: skip


def repair_roman_periods(text: str) -> str:
    """Roman numbers misread before "полугодие"/"квартал": "П полугодие" -> "II полугодие"."""
    return _ROMAN_PERIOD.sub(lambda m: _ROMAN_PERIOD_MAP[m.group(1)] + " ", text)


_ROMAN = regex.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
# Glyphs OCR makes of Roman numerals in bold headings ("ТГ", "П", "Ш", "ГУ", "У!" ...); digits excluded:
# a heading numbered "1" is Arabic.
_ROMAN_LOOKALIKE = regex.compile(r"^[ІIlТГП!|ШУVХX]{1,4}$")
_HEADING_START = regex.compile(r"^(\S{1,4}?)([.)]?)\s+(?=\p{Lu})")


def repair_section_numbers(blocks: Sequence[Block]) -> tuple[list[Block], int]:
    """Misread Roman numbers of heading rows, in document order: "ТГ Аналитическая ..." -> "I ...".

    A heading row is a row whose first cell spans the table.  Its leading token,
    when it is no Roman number but made of glyphs OCR makes of one, becomes the
    number that follows the previous heading's (I for the first).
    """
    out: list[Block] = []
    last = 0
    fixed = 0
    for block in blocks:
        if not isinstance(block, Table) or not block.rows:
            out.append(block)
            continue
        n_cols = len(block.rows[0])
        rows = []
        for row in block.rows:
            cell = row[0]
            m = _HEADING_START.match(cell.lines[0]) if cell.lines and cell.colspan >= max(2, n_cols - 1) else None
            if m and not cell.continued:
                token = m.group(1)
                if _ROMAN.match(token):
                    last = from_roman(token) or last  # _ROMAN matched: always a value
                elif _ROMAN_LOOKALIKE.match(token):
                    last += 1
                    fixed += 1
                    first = to_roman(last) + m.group(2) + " " + cell.lines[0][m.end() :]
                    row = (Cell((first, *cell.lines[1:]), cell.colspan, cell.continued, cell.unsure), *row[1:])
            rows.append(row)
        out.append(Table(tuple(rows), block.page, block.number))
    return out, fixed
