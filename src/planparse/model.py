"""The neutral data model shared by every stage of planparse.

Imports point one way: ``model`` <- readers, layouts, normalize, confidence,
writers <- ``api`` <- ``cli``.  Nothing here does I/O.

Flow::

    Path -> readers.read -> Document -> layouts.parse -> ParsedPlan(RawItem...)
         -> normalize.normalize_plan -> [Activity] -> confidence -> ConversionResult
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    RTF = "rtf"
    ODT = "odt"
    HTML = "html"
    XLSX = "xlsx"  # also .xlsm
    IMAGE = "image"


class LayoutKind(StrEnum):
    """Which layout parser read the plan (see README, "Which layout parser?")."""

    GRID = "grid"  # one row per activity, 12 month columns + "в течение года"
    COLUMNS = "columns"  # Мероприятия | Время | Ответственные serialized column by column
    TABLE = "table"  # a real cell table: pipe text, aligned text, DOCX/PDF tables
    NUMBERED = "numbered"  # numbered list with the timing inline or on the next line


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line of a document, as printed.

    ``text`` keeps inner spacing (grid layouts count spaces); only line ends are
    normalised by readers. ``x0`` is the left position in character columns for
    text (``None`` when unknown), ``page`` and ``number`` are 1-based.
    """

    text: str
    page: int
    number: int

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: its paragraphs/lines in order (blank filler lines kept as "").

    Readers expand merged cells: a horizontal merge keeps the text in its first
    grid column (``colspan`` > 1) and leaves empty cells after it; a vertical
    merge repeats the text in every row it covers, with ``continued=True`` on
    the copies.  ``unsure`` lists words an OCR engine read with low confidence;
    they become an ``ocr_unsure`` flag on the rows that contain them.
    """

    lines: tuple[str, ...]
    colspan: int = 1
    continued: bool = False
    unsure: tuple[str, ...] = ()  # words the reader (OCR) could not read with confidence

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a grid of cells; merged cells are already expanded by readers."""

    rows: tuple[tuple[Cell, ...], ...]
    page: int
    number: int  # line/paragraph index where it starts


Block = Line | Table


@dataclass(frozen=True, slots=True)
class Document:
    """What every reader produces and every layout parser consumes."""

    source: str  # file name
    format: SourceFormat
    blocks: tuple[Block, ...]
    encoding: str | None = None
    notes: tuple[str, ...] = ()  # what the reader repaired (reported, never raised)

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Line))


@dataclass(frozen=True, slots=True)
class DocMeta:
    doc_title: str | None = None
    organization: str | None = None
    region: str | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class RawItem:
    """One activity as a layout parser found it, before normalisation."""

    title_lines: tuple[str, ...]
    item_no: str | None = None
    section_no: str | None = None
    section_title: str | None = None
    months: tuple[int, ...] = ()  # from position marks ("+" under a month column)
    all_year: bool = False  # mark in a "в течение года" column
    timing_raw: str | None = None  # timing text as printed (cell text, inline text)
    responsible_raw: str | None = None
    page: int | None = None
    line: int | None = None
    flags: tuple[str, ...] = ()  # layout-level doubts, e.g. months_from_spacing


@dataclass(frozen=True, slots=True)
class ParsedPlan:
    """A layout parser's answer: the items plus how well the layout fits (0-1)."""

    layout: LayoutKind
    fit: float
    items: tuple[RawItem, ...]
    header_lines: tuple[str, ...] = ()  # text before the table: title, year ...
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Timing:
    """What the timing grammar understood of one timing text."""

    months: tuple[int, ...] = ()
    all_year: bool = False
    times_per_year: float | None = None
    as_needed: bool = False
    understood: bool = True  # every meaningful word of the text was understood
    leftover: str = ""  # the part that was not understood


@dataclass(frozen=True, slots=True)
class Activity:
    """One row of the output table.  Field order is the column order."""

    source_file: str
    doc_title: str | None
    organization: str | None
    region: str | None
    year: int | None
    section_no: str | None
    section_title: str | None
    item_no: str | None
    parent_no: str | None
    title: str
    is_group: bool
    months: tuple[int, ...]
    all_year: bool
    times_per_year: float | None
    as_needed: bool
    timing_raw: str | None
    responsible: tuple[str, ...]
    responsible_raw: str | None
    category: str  # from normalize/data/categories.toml
    category_rule: str  # what decided it: "title: семинар", "group: заседание", "" for "other"
    page: int | None
    line: int | None
    layout: str
    confidence: float
    flags: tuple[str, ...] = field(default=())
