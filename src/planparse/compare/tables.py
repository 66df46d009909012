"""Tidy comparison tables: one row per (group, thing counted).

Every function takes the activity table (as :func:`planparse.compare.load.load`
returns it) and the grouping (``plan``, ``organization``, ``region`` or
``year``) and returns a DataFrame whose first column is ``group``.

What is counted: *activities* are the rows that are not group headings
(``is_group`` false; a heading such as "Проект «Сельские старосты»" is
represented by its numbered sub-items).  The confidence table alone covers
every row, headings included, as the review list of ``planparse convert`` does.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from planparse.confidence import REVIEW_BELOW
from planparse.normalize.category import labels

GroupBy = Literal["plan", "organization", "region", "year"]
GROUP_BY: tuple[GroupBy, ...] = ("plan", "organization", "region", "year")
UNKNOWN = "(не указано)"
MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
#: Timing classes, exclusive, decided in this order (the first that applies).
TIMING = {
    "all_year": "в течение года",
    "dated": "в указанные месяцы",
    "frequency": "частота без месяцев («2 раза в год»)",
    "as_needed": "по мере необходимости",
    "undated": "срок не указан",
}


def _text(value: object) -> str | None:
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def group_key(organization: object, region: object, year: object, doc_title: object, source_file: object,
              by: GroupBy) -> str:
    """The group of one activity row (``plan``: organization + year, else the title, else the file)."""
    org, reg = _text(organization), _text(region)
    year_text = None if _text(year) is None else str(int(year))  # type: ignore[call-overload]
    if by == "organization":
        return org or UNKNOWN
    if by == "region":
        return reg or UNKNOWN
    if by == "year":
        return year_text or UNKNOWN
    if org and year_text:
        return f"{org}, {year_text}"
    return _text(doc_title) or _text(source_file) or UNKNOWN


def with_groups(activities: pd.DataFrame, by: GroupBy) -> pd.DataFrame:
    """The table with an ordered categorical ``group`` column, rows sorted by group, then as read.

    Groups are ordered by name (years by number); plans by region, then year,
    then name, so a chart reads like an atlas rather than by the first letter
    of long organization names.  Unknown groups come last.
    """
    if by not in GROUP_BY:
        raise ValueError(f"unknown grouping {by!r}: use one of {', '.join(GROUP_BY)}")
    frame = activities.copy()
    rows = zip(frame["organization"], frame["region"], frame["year"], frame["doc_title"], frame["source_file"],
               strict=True)
    keys = [group_key(org, region, year, title, source, by) for org, region, year, title, source in rows]
    first: dict[str, tuple[str, int]] = {}
    for key, region, year in zip(keys, frame["region"], frame["year"], strict=True):
        first.setdefault(key, ((_text(region) or "\uffff").casefold(), 0 if _text(year) is None else int(year)))
    frame["group"] = pd.Categorical(keys, categories=group_order(keys, by, first), ordered=True)
    return frame.sort_values("group", kind="stable").reset_index(drop=True)


def group_order(keys: Sequence[str] | pd.Series, by: GroupBy,
                plan_keys: dict[str, tuple[str, int]] | None = None) -> list[str]:
    """Groups in report order; ``plan_keys`` gives each plan's (region, year) for ``by="plan"``."""
    unique = list(dict.fromkeys(str(k) for k in keys))
    plan_keys = plan_keys or {}

    def sort_key(key: str) -> tuple[int, str, float, str]:
        if key == UNKNOWN:
            return (1, "", 0.0, key)
        if by == "plan":
            region, year = plan_keys.get(key, ("\uffff", 0))
            return (0, region, float(year), key.casefold())
        return (0, "", float(key) if by == "year" and key.isdigit() else 0.0, key.casefold())

    return sorted(unique, key=sort_key)


def activities_only(grouped: pd.DataFrame) -> pd.DataFrame:
    return grouped[~grouped["is_group"]]


def _groups(grouped: pd.DataFrame) -> list[str]:
    return list(grouped["group"].cat.categories) if isinstance(grouped["group"].dtype, pd.CategoricalDtype) \
        else group_order(grouped["group"], "plan")


def _join(values: pd.Series) -> str:
    seen = [str(v) for v in dict.fromkeys(values) if _text(v) is not None]
    return "; ".join(seen) if seen else ""


def groups_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """One row per group: what it is made of (organizations, regions, years, files) and its size."""
    rows = []
    for group in _groups(grouped):
        part = grouped[grouped["group"] == group]
        years = sorted({int(y) for y in part["year"].dropna()})
        rows.append({
            "group": group,
            "organizations": _join(part["organization"]),
            "regions": _join(part["region"]),
            "years": "; ".join(str(y) for y in years),
            "source_files": _join(part["source_file"]),
            "files": int(part["source_file"].nunique()),
            "rows": len(part),
            "activities": int((~part["is_group"]).sum()),
        })
    return pd.DataFrame(rows, columns=["group", "organizations", "regions", "years", "source_files", "files", "rows",
                                       "activities"])


def short_labels(groups: pd.DataFrame, by: GroupBy, width: int = 34) -> dict[str, str]:
    """Chart labels: for plans "region, year" when that tells them apart, else the name wrapped."""
    out: dict[str, str] = {}
    if by == "plan":
        regional = {g: f"{r}, {y}" for g, r, y in zip(groups["group"], groups["regions"], groups["years"], strict=True)
                    if r and y and ";" not in r and ";" not in y}
        if len(regional) == len(groups) and len(set(regional.values())) == len(regional):
            return regional
    for group in groups["group"]:
        out[group] = "\n".join(textwrap.wrap(group, width, max_lines=3, placeholder=" …")) or group
    return out


def category_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """Activities per (group, category), every vocabulary category listed, with its share of the group."""
    acts = activities_only(grouped)
    names = labels()
    extra = sorted(set(acts["category"].dropna()) - set(names))
    rows = []
    for group in _groups(grouped):
        counts = Counter(acts.loc[acts["group"] == group, "category"])
        total = sum(counts.values())
        for category in [*names, *extra]:
            n = counts.get(category, 0)
            rows.append({"group": group, "category": category, "label": names.get(category, category),
                         "activities": n, "share": n / total if total else 0.0})
    return pd.DataFrame(rows, columns=["group", "category", "label", "activities", "share"])


def rule_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """How each group's categories were decided: by the title, the group heading, the section, or nothing."""
    acts = activities_only(grouped)
    decided = acts["category_rule"].fillna("").map(lambda rule: rule.split(":", 1)[0] if rule else "none")
    rows = []
    for group in _groups(grouped):
        counts = Counter(decided[acts["group"] == group])
        total = sum(counts.values())
        for where in ("title", "group", "section", "none"):
            n = counts.get(where, 0)
            rows.append({"group": group, "decided_by": where, "activities": n, "share": n / total if total else 0.0})
    return pd.DataFrame(rows, columns=["group", "decided_by", "activities", "share"])


def timing_classes(activities: pd.DataFrame) -> pd.Series:
    """all_year, dated, frequency, as_needed or undated per row: the first that applies, in that order.

    A stated frequency beats "as needed": "по мере необходимости, но не реже
    1 раза в 3 месяца" promises at least four.
    """
    dated = activities["months"].map(len) > 0
    stated = activities["times_per_year"].notna()
    out = pd.Series("undated", index=activities.index, dtype=object)
    for name, mask in (("as_needed", activities["as_needed"]), ("frequency", stated), ("dated", dated),
                       ("all_year", activities["all_year"])):
        out[mask.astype(bool)] = name
    return out


def month_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """Activities scheduled in each month per group (an activity counts once in every month it names)."""
    acts = activities_only(grouped)
    rows = []
    for group in _groups(grouped):
        part = acts[acts["group"] == group]
        counts = Counter(m for months in part["months"] for m in set(months))
        total = len(part)
        for month in range(1, 13):
            n = counts.get(month, 0)
            rows.append({"group": group, "month": month, "month_label": MONTHS[month - 1], "activities": n,
                         "share": n / total if total else 0.0})
    frame = pd.DataFrame(rows, columns=["group", "month", "month_label", "activities", "share"])
    frame["month"] = frame["month"].astype("int8")
    return frame


def timing_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """Activities per (group, timing class): all year, dated, frequency only, as needed, undated."""
    acts = activities_only(grouped)
    acts = acts.assign(timing=timing_classes(acts))
    rows = []
    for group in _groups(grouped):
        counts = Counter(acts.loc[acts["group"] == group, "timing"])
        total = sum(counts.values())
        for timing, label in TIMING.items():
            n = counts.get(timing, 0)
            rows.append({"group": group, "timing": timing, "label": label, "activities": n,
                         "share": n / total if total else 0.0})
    return pd.DataFrame(rows, columns=["group", "timing", "label", "activities", "share"])


def meeting_table(grouped: pd.DataFrame) -> pd.DataFrame:
    """Every activity of category ``meeting`` with its stated frequency.

    ``per_year`` is the stated ``times_per_year`` if any, else the number of
    months named; it stays empty for "в течение года" without a number.
    """
    acts = activities_only(grouped)
    meetings = acts[acts["category"] == "meeting"]
    rows = []
    for row in meetings.itertuples(index=False):
        tpy = row.times_per_year if row.times_per_year == row.times_per_year else None
        months = sorted(set(row.months))
        rows.append({
            "group": row.group, "title": row.title, "times_per_year": tpy, "months": len(months),
            "month_list": ", ".join(MONTHS[m - 1] for m in months if 1 <= m <= 12),
            "all_year": bool(row.all_year), "as_needed": bool(row.as_needed), "timing_raw": row.timing_raw,
            "per_year": tpy if tpy is not None else (float(len(months)) if months else None),
        })
    frame = pd.DataFrame(rows, columns=["group", "title", "times_per_year", "months", "month_list", "all_year",
                                        "as_needed", "timing_raw", "per_year"])
    for name in ("times_per_year", "per_year"):
        frame[name] = frame[name].astype("float64")
    return frame


def party_key(name: str) -> str:
    """Responsible party compared case- and whitespace-blind ("Президиум  РС" == "президиум рс")."""
    return " ".join(name.replace("\u00a0", " ").split()).casefold().replace("ё", "е")


def responsible_table(grouped: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """The ``top`` responsible parties per group by the activities they are named for (ties by name).

    Parties are matched case- and whitespace-blind; ``name`` is the spelling
    used most often (first seen on ties).
    """
    acts = activities_only(grouped)
    rows = []
    for group in _groups(grouped):
        counts: Counter[str] = Counter()
        spellings: dict[str, Counter[str]] = {}
        part = acts[acts["group"] == group]
        for parties in part["responsible"]:
            for key, name in {party_key(p): " ".join(p.split()) for p in parties if p.strip()}.items():
                counts[key] += 1
                spellings.setdefault(key, Counter())[name] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        for rank, (key, n) in enumerate(ranked, start=1):
            rows.append({"group": group, "rank": rank, "responsible": spellings[key].most_common(1)[0][0],
                         "key": key, "activities": n, "share": n / len(part) if len(part) else 0.0})
    return pd.DataFrame(rows, columns=["group", "rank", "responsible", "key", "activities", "share"])


def confidence_table(grouped: pd.DataFrame, review_below: float = REVIEW_BELOW) -> pd.DataFrame:
    """Rows, mean and minimum confidence per group, and how many rows fall below the review threshold."""
    rows = []
    for group in _groups(grouped):
        conf = grouped.loc[grouped["group"] == group, "confidence"].astype("float64")
        below = int((conf < review_below).sum())
        rows.append({"group": group, "rows": len(conf), "mean": float(conf.mean()) if len(conf) else None,
                     "min": float(conf.min()) if len(conf) else None, "below": below,
                     "share_below": below / len(conf) if len(conf) else 0.0, "threshold": review_below})
    return pd.DataFrame(rows, columns=["group", "rows", "mean", "min", "below", "share_below", "threshold"])


__all__ = ["GROUP_BY", "MONTHS", "TIMING", "UNKNOWN", "GroupBy", "activities_only", "category_table",
           "confidence_table", "group_key", "groups_table", "meeting_table", "month_table", "party_key",
           "responsible_table", "rule_table", "short_labels", "timing_classes", "timing_table", "with_groups"]
