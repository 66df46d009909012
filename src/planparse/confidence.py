"""Row confidence: one documented formula over named components.

    confidence = layout_component × Π penalty(flag)  (rounded to 3 places)

- ``layout_component = 0.75 + 0.25 × fit`` where ``fit`` is the winning layout
  parser's own score for the document (0-1; see each parser's docstring);
- every flag on the row multiplies by its penalty from ``PENALTIES``: how the
  months were found (``months_from_spacing``, ``grid_spacing_repaired``, ``grid_count_mismatch``,
  ``mark_ocr_suspect``, ``mark_column_unknown``, ``months_from_column``: the months of the column
  whose cell text named no time), whether the timing was understood (``timing_unparsed``,
  ``timing_missing``, ``timing_by_position``, ``timing_shared``, ``timing_ocr_repaired``:
  a quarter/half-year numeral read through an OCR look-alike such as "П кв."), how the
  responsible parties were assigned (``responsible_by_position``,
  ``responsible_shared``, ``responsible_missing``, ``responsible_split_unsure``: a
  line break read as a party boundary may be a wrap) text quality, including words the OCR engine doubted
  (``ocr_unsure``, ``text_repaired``, ``text_quotes_inconsistent``, ``text_mixed_scripts``,
  ``title_missing``, ``title_suspicious``) and ``section_no_repaired`` (the section
  number was read from an OCR look-alike such as "П." or "1." for "II."/"I."), ``table_not_read_after``
  (a table below the row looks like plan rows but could not be read).

Grades follow the usual cut-offs: < 0.5 poor, < 0.8 fair, < 0.9 good, else
excellent.  Rows below ``REVIEW_BELOW`` are listed for review in the report.
The calibration (share of rows right per confidence band, measured against
the golden tables) is printed by ``benchmarks/calibration.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter

import regex

from planparse.model import Activity

PENALTIES: dict[str, float] = {
    "months_from_spacing": 0.97,
    "grid_count_mismatch": 0.6,
    "grid_extra_marks": 0.7,
    "grid_spacing_repaired": 0.93,
    "mark_ocr_suspect": 0.75,
    "mark_column_unknown": 0.75,  # marks in a column whose header names no period (or in a "Срок" column)
    "months_from_column": 0.75,  # a mark cell's text names no time ("по плану"): its column's months kept
    "columns_reanchored": 0.75,  # aligned text: a page's columns re-learnt from too few rows
    "timing_unparsed": 0.6,
    "timing_missing": 0.7,
    "timing_by_position": 0.7,
    "timing_shared": 0.97,
    "timing_ocr_repaired": 0.85,
    "responsible_by_position": 0.78,
    "responsible_shared": 0.97,
    "responsible_missing": 0.85,
    "responsible_split_unsure": 0.78,  # a line break read as a party boundary may be a wrap
    "text_mixed_scripts": 0.7,
    "text_repaired": 0.92,
    "ocr_unsure": 0.7,
    "text_quotes_inconsistent": 0.75,
    "title_missing": 0.3,
    "title_suspicious": 0.7,
    "section_no_repaired": 0.95,
    "table_not_read_after": 0.75,  # a table below the row looks like plan rows but could not be read (noted)
}
UNKNOWN_FLAG_PENALTY = 0.9
REVIEW_BELOW = 0.8
_MIXED = regex.compile(r"\b(?=\w*\p{Script=Latin})(?=\w*\p{Script=Cyrillic})\w+\b")
_ODD = regex.compile(r"[^\p{L}\p{N}\s«»\"'()\[\].,;:!?№%/\\+\-–—―‐‑]")
_LATIN = regex.compile(r"\p{Script=Latin}")  # cheap pre-check: no Latin letter, no mixed word


def text_flags(activity: Activity) -> list[str]:
    """Text-quality doubts: OCR-style mixed Latin/Cyrillic words, stray symbols."""
    return list(_title_flags(activity.title))


def _title_flags(title: str) -> tuple[str, ...]:
    """The text-quality doubts about one title (see :func:`text_flags`)."""
    flags = []
    if _LATIN.search(title) and _MIXED.search(title):
        flags.append("text_mixed_scripts")
    if title and (len(_ODD.findall(title)) > 2 or len(title) < 4):
        flags.append("title_suspicious")
    return tuple(flags)


def grade(confidence: float) -> str:
    if confidence < 0.5:
        return "poor"
    if confidence < 0.8:
        return "fair"
    if confidence < 0.9:
        return "good"
    return "excellent"


# Every field but the two ``score`` sets, which close the field list: a scored
# row is built positionally (a third of the cost of ``dataclasses.replace``).
_NAMES = tuple(f.name for f in fields(Activity))
if _NAMES[-2:] != ("confidence", "flags"):
    raise TypeError("confidence.score expects Activity's fields to end with confidence, flags")
_UNSCORED = attrgetter(*_NAMES[:-2])


def score(activity: Activity, fit: float, title_flags: tuple[str, ...] | None = None) -> Activity:
    """``activity`` with its confidence and its flags, text-quality doubts added.

    ``title_flags``: the doubts about its title, when the caller already knows them.
    """
    if title_flags is None:
        title_flags = _title_flags(activity.title)
    flags = tuple(dict.fromkeys([*activity.flags, *title_flags]))
    value = 0.75 + 0.25 * max(0.0, min(1.0, fit))
    for flag in flags:
        value *= PENALTIES.get(flag, UNKNOWN_FLAG_PENALTY)
    return Activity(*[*_UNSCORED(activity), round(value, 3), flags])


def score_all(activities: Iterable[Activity], fit: float) -> list[Activity]:
    """Every activity scored; the text of a title repeated in the plan is checked once."""
    known: dict[str, tuple[str, ...]] = {}
    scored = []
    for activity in activities:
        title = activity.title
        if title not in known:
            known[title] = _title_flags(title)
        scored.append(score(activity, fit, known[title]))
    return scored
