"""Word automatic list numbering: the label ("1.", "2.3.", "а)", "IV.", "•") Word prints before a paragraph.

Plans often number their activities with Word's list numbering ("List Number"
style, a numbered "№ п/п" column, "1." / "1.1." outlines).  Those numbers are
not in the paragraph text, so without this module a DOCX plan loses every item
number that the same document exported to PDF shows.  python-docx parses the
XML but computes no numbers; this module does, following WordprocessingML
(ECMA-376 part 1, 17.9) as Word applies it:

- A paragraph's ``numPr`` (``numId`` + ``ilvl``) is its own or inherited from its
  paragraph style (the ``basedOn`` chain; no ``pStyle`` = the default paragraph
  style).  The paragraph's own ``numId``/``ilvl`` win separately; ``numId`` 0
  switches numbering off.  Without any ``ilvl`` the level is the one whose
  ``lvl/pStyle`` names the paragraph's style, else 0.
- ``num`` -> ``abstractNumId`` -> ``abstractNum``; an ``abstractNum`` that only
  holds ``numStyleLink`` is followed through that numbering style's ``numId``.
  ``lvlOverride`` replaces a level (``lvl``) and/or its start (``startOverride``).
- Counters belong to the abstract definition, not to the ``num``: Word continues
  one list across every ``num`` sharing an ``abstractNum``; the first paragraph
  of a ``num`` with level overrides restarts the overridden levels (that is how
  Word writes "Restart numbering").
- Numbering a level advances it (from ``start``; an omitted ``start`` is 0 as the
  standard says) and restarts deeper levels, unless a deeper level's
  ``lvlRestart`` says otherwise (0 = never; n = only after level n or shallower).
- ``lvlText`` "%1.%2." shows each placeholder's level in that level's ``numFmt``
  (all decimal when the shown level ``isLgl``); a level never used yet shows its
  start value.  Bullets show as "•" (or the author's own dash/bullet character),
  the way PDF text extraction prints them, because layout parsers read a
  leading "•"/"-" as a bullet item exactly as they do in PDF and text plans.

Everything is parsed once into plain frozen values (``parse_numbering``); the
only state is ``ListCounters``, fed paragraphs in document order.  Anything
missing or malformed (unknown ``numId``, no level, non-numeric values, a
``numStyleLink`` loop) yields no label - never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from lxml import etree

from planparse.normalize.numerals import to_roman

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_LEVEL = 8  # ilvl 0-8: Word lists have nine levels
_LETTERS_LATIN = "abcdefghijklmnopqrstuvwxyz"
# Word's russianLower sequence skips ё, й, ъ and ь.
_LETTERS_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщыэюя"
# Bullet characters that layout parsers recognise as bullets; any other bullet glyph
# (Symbol/Wingdings private-use characters, Courier "o", "§") prints as "•".
_KEPT_BULLETS = frozenset("-–—•·●▪*")
# Word separates label and text by a tab by default; a single space is what PDF text shows and keeps
# the numbered layout from reading the tab as a field separator.
_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}
MAX_LETTERS = 32767  # Word's largest list value; bounds "aaa..." labels of absurd start values


def w_tag(tag: str) -> str:
    """A WordprocessingML tag or attribute name with its namespace ("p" -> "{...main}p")."""
    return f"{{{W_NS}}}{tag}"


VAL = w_tag("val")


def format_number(fmt: str, n: int) -> str:
    """``n`` written in the ``numFmt`` ``fmt``: 4 -> "4", "IV", "iv", "D", "d", "г" ...

    Letters repeat past the alphabet as Word does (27 -> "aa", 28 -> "bb");
    "none" and "bullet" show no number; formats planparse does not know
    (ordinal, cardinalText, East Asian counting ...) and values Roman numerals
    or letters cannot write (0, negatives, 4000+ / 32768+) fall back to decimal.
    """
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}" if 0 <= n < 10 else str(n)
    if 0 < n <= MAX_LETTERS and fmt in ("upperLetter", "lowerLetter", "russianUpper", "russianLower"):
        letters = _LETTERS_RUSSIAN if fmt.startswith("russian") else _LETTERS_LATIN
        q, r = divmod(n - 1, len(letters))
        label = letters[r] * (q + 1)
        return label.upper() if fmt.endswith("Upper") or fmt == "upperLetter" else label
    if 0 < n < 4000 and fmt in ("upperRoman", "lowerRoman"):
        roman = to_roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


@dataclass(frozen=True, slots=True)
class Level:
    """One ``lvl`` of a list: how its number starts, restarts and is written."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""  # lvlText with %1..%9 placeholders; "" = no label
    legal: bool = False  # isLgl: every placeholder decimal
    restart: int | None = None  # lvlRestart; None = after any shallower level
    suffix: str = " "  # what follows the label: tab/space -> " ", nothing -> ""
    style: str | None = None  # pStyle: paragraphs of this style get this level


@dataclass(frozen=True, slots=True)
class NumDef:
    """A ``num`` resolved: the abstract list it counts in and its effective levels."""

    abstract: str  # counters are shared by every num of the same abstract list
    levels: Mapping[int, Level]
    restarts: frozenset[int] = frozenset()  # levels its lvlOverrides restart on first use


@dataclass(frozen=True, slots=True)
class Numbering:
    """Everything needed to number paragraphs, parsed from numbering.xml and styles.xml."""

    nums: Mapping[str, NumDef] = field(default_factory=dict)
    styles: Mapping[str, tuple[str | None, int | None]] = field(default_factory=dict)  # id -> (numId, ilvl)
    default_style: str | None = None


def _int(el: etree._Element | None, default: int | None = None) -> int | None:
    if el is None:
        return default
    try:
        return int(el.get(VAL, ""))
    except ValueError:
        return default


def _attr(el: etree._Element | None) -> str | None:
    return el.get(VAL) if el is not None else None


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(VAL, "true") not in {"0", "false", "off"}


def _level(lvl: etree._Element) -> Level:
    text = lvl.find(w_tag("lvlText"))
    return Level(
        start=_int(lvl.find(w_tag("start")), 0) or 0,
        fmt=_attr(lvl.find(w_tag("numFmt"))) or "decimal",
        text=_attr(text) or "",
        legal=_on(lvl.find(w_tag("isLgl"))),
        restart=_int(lvl.find(w_tag("lvlRestart"))),
        suffix=_SUFFIXES.get(_attr(lvl.find(w_tag("suff"))) or "tab", " "),
        style=_attr(lvl.find(w_tag("pStyle"))),
    )


def _levels(parent: etree._Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for lvl in parent.findall(w_tag("lvl")):
        try:
            ilvl = int(lvl.get(w_tag("ilvl"), ""))
        except ValueError:
            continue
        if 0 <= ilvl <= MAX_LEVEL:
            levels.setdefault(ilvl, _level(lvl))
    return levels


def _style_nums(styles: etree._Element | None) -> tuple[dict[str, tuple[str | None, int | None]], str | None]:
    """Paragraph/numbering style id -> (numId, ilvl) through ``basedOn``; the default paragraph style."""
    own: dict[str, tuple[str | None, int | None, str | None]] = {}
    default = None
    for style in styles.findall(w_tag("style")) if styles is not None else ():
        sid = style.get(w_tag("styleId"))
        if sid is None:
            continue
        if style.get(w_tag("type")) == "paragraph" and style.get(w_tag("default")) in {"1", "true", "on"}:
            default = sid
        num_pr = style.find(f"{w_tag('pPr')}/{w_tag('numPr')}")
        own[sid] = (
            _attr(num_pr.find(w_tag("numId"))) if num_pr is not None else None,
            _int(num_pr.find(w_tag("ilvl"))) if num_pr is not None else None,
            _attr(style.find(w_tag("basedOn"))),
        )
    resolved: dict[str, tuple[str | None, int | None]] = {}
    for sid in own:
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur in own and cur not in seen:  # nearest style that sets each value
            seen.add(cur)
            s_num, s_ilvl, cur = own[cur]
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        resolved[sid] = (num_id, ilvl)
    return resolved, default


def _abstract_id(
    aid: str | None,
    abstracts: Mapping[str, etree._Element],
    num_abstracts: Mapping[str, str | None],
    style_nums: Mapping[str, tuple[str | None, int | None]],
) -> str | None:
    """The abstractNum whose levels count, following ``numStyleLink`` -> style -> numId -> abstractNum."""
    seen: set[str] = set()
    while aid is not None and aid in abstracts and aid not in seen:
        seen.add(aid)
        link = _attr(abstracts[aid].find(w_tag("numStyleLink")))
        target = num_abstracts.get(style_nums.get(link, (None, None))[0] or "") if link else None
        if target is None:
            return aid
        aid = target
    return None


def parse_numbering(numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
    """Resolve every ``num`` of numbering.xml (root element or None) against its abstract list."""
    style_nums, default = _style_nums(styles)
    if numbering is None:
        return Numbering({}, style_nums, default)
    abstracts = {a.get(w_tag("abstractNumId"), ""): a for a in numbering.findall(w_tag("abstractNum"))}
    num_els = [n for n in numbering.findall(w_tag("num")) if n.get(w_tag("numId")) is not None]
    num_abstracts = {n.get(w_tag("numId"), ""): _attr(n.find(w_tag("abstractNumId"))) for n in num_els}
    nums: dict[str, NumDef] = {}
    for num in num_els:
        nid = num.get(w_tag("numId"), "")
        aid = _abstract_id(num_abstracts[nid], abstracts, num_abstracts, style_nums)
        if aid is None or nid in nums:
            continue
        levels = _levels(abstracts[aid])
        restarts: set[int] = set()
        for override in num.findall(w_tag("lvlOverride")):
            try:
                ilvl = int(override.get(w_tag("ilvl"), ""))
            except ValueError:
                continue
            if not 0 <= ilvl <= MAX_LEVEL:
                continue
            lvl = override.find(w_tag("lvl"))
            if lvl is not None:
                levels[ilvl] = _level(lvl)
                if lvl.find(w_tag("start")) is not None:
                    restarts.add(ilvl)
            start = _int(override.find(w_tag("startOverride")))
            if start is not None and ilvl in levels:
                levels[ilvl] = replace(levels[ilvl], start=start)
                restarts.add(ilvl)
        nums[nid] = NumDef(aid, levels, frozenset(restarts))
    return Numbering(nums, style_nums, default)


def render_label(level: Level, counts: list[int | None], levels: Mapping[int, Level]) -> str:
    """The label of a paragraph at ``level`` given the list's counters (None = level not used yet)."""
    if level.fmt == "bullet":
        glyph = level.text.strip()
        if not glyph:
            return ""
        return glyph if set(glyph) <= _KEPT_BULLETS else "•"
    out: list[str] = []
    text, k = level.text, 0
    while k < len(text):
        if text[k] == "%" and k + 1 < len(text) and text[k + 1] in "123456789":
            shown = int(text[k + 1]) - 1
            lv = levels.get(shown, Level())
            value = counts[shown] if shown < len(counts) and counts[shown] is not None else lv.start
            out.append(format_number("decimal" if level.legal and lv.fmt != "none" else lv.fmt, value or 0))
            k += 2
        else:
            out.append(text[k])
            k += 1
    return "".join(out).strip()


class ListCounters:
    """Numbers paragraphs fed in document order; counts what it labelled and what it could not."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.counts: dict[str, list[int | None]] = {}  # abstract list -> counter per level
        self.used: set[str] = set()  # numIds seen so far (their overrides restart once)
        self.labelled = 0
        self.missing = 0  # numbered paragraphs whose num or level is not defined

    def _reference(self, p: etree._Element) -> tuple[str, int | None, str | None] | None:
        """(numId, ilvl or None, paragraph style) of a numbered paragraph; None when not numbered."""
        ppr = p.find(w_tag("pPr"))
        num_pr = ppr.find(w_tag("numPr")) if ppr is not None else None
        style = _attr(ppr.find(w_tag("pStyle"))) if ppr is not None else None
        style = style or self.numbering.default_style
        style_num, style_ilvl = self.numbering.styles.get(style or "", (None, None))
        own_num = _attr(num_pr.find(w_tag("numId"))) if num_pr is not None else None
        own_ilvl = _int(num_pr.find(w_tag("ilvl"))) if num_pr is not None else None
        num_id = own_num if own_num is not None else style_num
        if num_id is None or num_id.strip() == "0":
            return None
        return num_id, own_ilvl if own_ilvl is not None else style_ilvl, style

    def label(self, p: etree._Element) -> str:
        """The paragraph's label followed by its separator ("1. ", "а) ", "• "), or ""; advances the counters."""
        ref = self._reference(p)
        if ref is None:
            return ""
        num_id, ilvl, style = ref
        num = self.numbering.nums.get(num_id)
        if num is not None and ilvl is None:  # the level linked to the paragraph's style, else 0
            ilvl = next((k for k, lv in sorted(num.levels.items()) if style and lv.style == style), 0)
        level = num.levels.get(ilvl) if num is not None and ilvl is not None else None
        if num is None or level is None or ilvl is None:
            self.missing += 1
            return ""
        counts = self.counts.setdefault(num.abstract, [None] * (MAX_LEVEL + 1))
        if num_id not in self.used:
            self.used.add(num_id)
            for k in num.restarts:
                counts[k] = None
        current = counts[ilvl]
        counts[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVEL + 1):
            restart = num.levels[deeper].restart if deeper in num.levels else None
            if restart is None or restart > deeper or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        text = render_label(level, counts, num.levels)
        if not text:
            return ""
        self.labelled += 1
        return text + level.suffix


def read_numbering(part: object) -> Numbering:
    """Numbering definitions of a python-docx ``DocumentPart``; missing or odd parts give none."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    def element(reltype: str) -> etree._Element | None:
        try:
            el = getattr(part.part_related_by(reltype), "element", None)  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return None
        return el if isinstance(el, etree._Element) else None

    return parse_numbering(element(RT.NUMBERING), element(RT.STYLES))
