"""Assembly: RawItem -> Activity: titles cleaned, timing parsed, parties split, doubts flagged.

Pure: sees only ``ParsedPlan``/``RawItem`` values and the plan metadata, never
a reader's objects.  Confidence is attached afterwards by ``confidence``.
"""

from __future__ import annotations

from dataclasses import replace

import regex

from planparse.model import Activity, DocMeta, ParsedPlan, RawItem, Timing
from planparse.normalize.category import OTHER, categorize
from planparse.normalize.repair import repair_text
from planparse.normalize.responsible import split_responsible
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


def _group_numbers(items: tuple[RawItem, ...]) -> set[str]:
    numbers = {it.item_no for it in items if it.item_no}
    return {p for n in numbers for p in _ancestors(n)} & numbers


def _ancestors(number: str) -> list[str]:
    parts = number.split(".")
    return [".".join(parts[:k]) for k in range(1, len(parts))]


def normalize_item(raw: RawItem, meta: DocMeta, source: str, layout: str, *, is_group: bool, has_resp: bool) -> Activity:
    flags = list(raw.flags)
    title, repaired = repair_text(clean_title(raw.title_lines))
    if repaired:
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
        resp_text, repaired = _repair_lines(raw.responsible_raw)
        responsible = split_responsible(resp_text)
        if repaired:
            flags.append("text_repaired")
    section_title = None
    if raw.section_title:
        section_title, repaired = repair_text(clean_title([raw.section_title]))
        if repaired:
            flags.append("text_repaired")
    if has_resp and not responsible and not is_group:
        flags.append("responsible_missing")
    if not title:
        flags.append("title_missing")
    return Activity(
        source_file=source,
        doc_title=meta.doc_title,
        organization=meta.organization,
        region=meta.region,
        year=meta.year,
        section_no=raw.section_no,
        section_title=section_title or None,
        item_no=raw.item_no,
        parent_no=parent_of(raw.item_no),
        title=title,
        is_group=is_group,
        months=tuple(sorted(m for m in months if 1 <= m <= 12)),
        all_year=all_year,
        times_per_year=times,
        as_needed=as_needed,
        timing_raw=timing_raw,
        responsible=responsible,
        responsible_raw=raw.responsible_raw.strip() if raw.responsible_raw else None,
        category=OTHER,  # decided by categorize_rows once the whole plan is known
        category_rule="",
        page=raw.page,
        line=raw.line,
        layout=layout,
        confidence=1.0,
        flags=tuple(dict.fromkeys(flags)),
    )


def flag_odd_quotes(activities: list[Activity]) -> list[Activity]:
    """Flag titles whose quotes differ from the document's usual « » / "" style (OCR swaps them)."""
    guillemets = sum("«" in a.title for a in activities)
    straight = sum('"' in a.title for a in activities)
    if not guillemets or not straight or guillemets == straight:
        return activities
    odd = '"' if guillemets > straight else "«"
    return [
        replace(a, flags=(*a.flags, "text_quotes_inconsistent")) if odd in a.title else a for a in activities
    ]


def categorize_rows(activities: list[Activity]) -> list[Activity]:
    """Category of every row: its title, else its group heading's, else its section's."""
    titles = {a.item_no: a.title for a in activities if a.item_no}
    out = []
    for a in activities:
        group = titles.get(a.parent_no) if a.parent_no else None
        decision = categorize(a.title, (("group", group), ("section", a.section_title)))
        out.append(replace(a, category=decision.category, category_rule=decision.rule))
    return out


def normalize_plan(plan: ParsedPlan, meta: DocMeta, source: str) -> list[Activity]:
    return categorize_rows(flag_odd_quotes(_normalize_items(plan, meta, source)))


def _normalize_items(plan: ParsedPlan, meta: DocMeta, source: str) -> list[Activity]:
    groups = _group_numbers(plan.items)
    has_resp = any(it.responsible_raw for it in plan.items)
    return [
        normalize_item(
            raw,
            meta,
            source,
            plan.layout.value,
            is_group=bool(raw.item_no and raw.item_no in groups),
            has_resp=has_resp,
        )
        for raw in plan.items
    ]
