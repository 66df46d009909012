"""Assembly: RawItem -> Activity: titles cleaned, timing parsed, parties split, doubts flagged, categorized.

Pure: sees only ``ParsedPlan``/``RawItem`` values and the plan metadata, never
a reader's objects.  Confidence is attached afterwards by ``confidence``.
"""

from __future__ import annotations

import regex

from planparse.groups import structure
from planparse.model import Activity, DocMeta, ParsedPlan, Timing
from planparse.normalize.category import categorize
from planparse.normalize.repair import repair_text
from planparse.normalize.responsible import split_responsible_checked
from planparse.normalize.text import clean_title
from planparse.normalize.timing import parse_timing, strip_remarks, timing_ocr_repaired, timing_score

_PARENS = regex.compile(r"\(([^()]*)\)")
# A parenthesised remark in a title counts as timing only when it is all timing words.
TITLE_TIMING_SCORE = 0.9


def _title_timing(title: str) -> Timing | None:
    """Timing stated in the title itself, e.g. "Заседания Палат (при необходимости)"."""
    for remark in _PARENS.findall(title):
        if timing_score(remark) >= TITLE_TIMING_SCORE:
            found = parse_timing(remark)
            if found.understood:
                return found
    return None


def _parse_timing_text(text: str) -> Timing:
    """Parse a timing text; a parenthesised remark with no timing word in it
    ("ежемесячно (по графику)", "в течение года (по отдельному плану)") is
    read past, so it does not make the timing "not understood"."""
    parsed = parse_timing(text)
    if parsed.understood:
        return parsed
    remarks = _PARENS.findall(text)
    bare = strip_remarks(text)
    if remarks and all(timing_score(r) == 0 for r in remarks) and bare.strip(" .,;:-–—"):
        stripped = parse_timing(bare)
        if stripped.understood:
            return stripped
    return parsed


def _repair_lines(text: str) -> tuple[str, bool]:
    """``repair_text`` on every line of a multi-line cell (line breaks kept)."""
    lines = [repair_text(line) for line in text.split("\n")]
    return "\n".join(line for line, _ in lines), any(changed for _, changed in lines)


def parent_of(item_no: str | None) -> str | None:
    """"6" for "6.1"; None for top-level or unnumbered items."""
    if not item_no or "." not in item_no:
        return None
    return item_no.rsplit(".", 1)[0]


QUOTES_FLAG = "text_quotes_inconsistent"


def odd_quote(titles: list[str]) -> str | None:
    """The quote that differs from the document's usual « » / "" style (OCR swaps them), if any."""
    guillemets = sum("«" in title for title in titles)
    straight = sum('"' in title for title in titles)
    if not guillemets or not straight or guillemets == straight:
        return None
    return '"' if guillemets > straight else "«"


class _PlanNormalizer:
    """Turns the items of one plan into activities.

    Cell texts repeat within a plan (one section title over many rows, the
    same responsible parties row after row), so each distinct title, section
    title and responsible cell is cleaned once per plan.  The plan-wide facts a
    row needs (which row it is a sub-item of and which rows head groups, see
    ``groups``; the document's odd quote style) are found first, so every
    activity is built once, complete.
    """

    def __init__(self, plan: ParsedPlan, meta: DocMeta, source: str) -> None:
        self.meta, self.source, self.layout, self.items = meta, source, plan.layout.value, plan.items
        self.structure = structure(plan.items)
        self.has_resp = any(it.responsible_raw for it in plan.items)
        self._sections: dict[str, tuple[str, bool]] = {}
        self._parties: dict[str, tuple[tuple[str, ...], bool, bool]] = {}
        titles: dict[tuple[str, ...], tuple[str, bool]] = {}
        for raw in plan.items:
            if raw.title_lines not in titles:
                titles[raw.title_lines] = repair_text(clean_title(raw.title_lines))
        self.titles = [titles[raw.title_lines] for raw in plan.items]
        self.odd_quote = odd_quote([title for title, _ in self.titles])

    def section(self, text: str) -> tuple[str, bool]:
        """A cleaned, repaired section title and whether it was repaired."""
        if text not in self._sections:
            self._sections[text] = repair_text(clean_title([text]))
        return self._sections[text]

    def parties(self, text: str) -> tuple[tuple[str, ...], bool, bool]:
        """The parties of a responsible cell, whether its text was repaired and whether a party
        boundary is doubtful (``split_responsible_checked``)."""
        if text not in self._parties:
            repaired_text, repaired = _repair_lines(text)
            parties, doubtful = split_responsible_checked(repaired_text)
            self._parties[text] = parties, repaired, doubtful
        return self._parties[text]

    def activities(self) -> list[Activity]:
        """Every item of the plan as an activity, in order."""
        return [self.item(k) for k in range(len(self.items))]

    def item(self, k: int) -> Activity:
        """The activity of the plan's ``k``-th item."""
        raw, (title, title_repaired) = self.items[k], self.titles[k]
        head = self.structure.heads[k]
        is_group = k in self.structure.groups
        flags = list(raw.flags)
        if title_repaired:
            flags.append("text_repaired")
        months = set(raw.months)
        all_year, as_needed, times = raw.all_year, False, None
        timing_raw = " ".join(raw.timing_raw.split()) if raw.timing_raw else None
        if timing_raw:
            parsed = _parse_timing_text(timing_raw)
            months.update(parsed.months)
            all_year |= parsed.all_year
            as_needed |= parsed.as_needed
            times = parsed.times_per_year
            if not parsed.understood:
                flags.append("timing_unparsed")
            if timing_ocr_repaired(timing_raw):
                flags.append("timing_ocr_repaired")
        remark = _title_timing(title)
        if remark is not None:
            months.update(remark.months)
            all_year |= remark.all_year
            as_needed |= remark.as_needed
            times = times or remark.times_per_year
        if not (is_group or months or all_year or as_needed or times or timing_raw):
            flags.append("timing_missing")
        responsible: tuple[str, ...] = ()
        if raw.responsible_raw:
            responsible, repaired, doubtful = self.parties(raw.responsible_raw)
            if repaired:
                flags.append("text_repaired")
            if doubtful:
                flags.append("responsible_split_unsure")
        section_title = None
        if raw.section_title:
            section_title, repaired = self.section(raw.section_title)
            if repaired:
                flags.append("text_repaired")
        if self.has_resp and not responsible and not is_group:
            flags.append("responsible_missing")
        if not title:
            flags.append("title_missing")
        flags = list(dict.fromkeys(flags))
        if self.odd_quote and self.odd_quote in title:
            flags.append(QUOTES_FLAG)
        # a numbered item's parent as its number says; an unnumbered sub-item's: its lead-in's number
        parent_no = parent_of(raw.item_no) if raw.item_no else self.items[head].item_no if head is not None else None
        group = self.titles[head][0] if head is not None else None
        decision = categorize(title, (("group", group), ("section", section_title or None)))
        meta = self.meta
        return Activity(
            source_file=self.source,
            doc_title=meta.doc_title,
            organization=meta.organization,
            region=meta.region,
            year=meta.year,
            section_no=raw.section_no,
            section_title=section_title or None,
            item_no=raw.item_no,
            parent_no=parent_no,
            title=title,
            is_group=is_group,
            months=tuple(sorted(m for m in months if 1 <= m <= 12)),
            all_year=all_year,
            times_per_year=times,
            as_needed=as_needed,
            timing_raw=timing_raw,
            responsible=responsible,
            responsible_raw=raw.responsible_raw.strip() if raw.responsible_raw else None,
            category=decision.category,  # title, else its group heading's, else its section's
            category_rule=decision.rule,
            page=raw.page,
            line=raw.line,
            layout=self.layout,
            confidence=1.0,
            flags=tuple(flags),
        )


def normalize_plan(plan: ParsedPlan, meta: DocMeta, source: str) -> list[Activity]:
    """The plan's activities: titles cleaned, timing parsed, parties split, doubts flagged, categorized."""
    return _PlanNormalizer(plan, meta, source).activities()
