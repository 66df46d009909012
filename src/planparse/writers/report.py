"""The confidence report: how sure planparse is of every row, and why.

JSON for machines (``*.report.json``) and Markdown for people (``*.report.md``),
both built from ``build_report`` so they never disagree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planparse.confidence import PENALTIES, REVIEW_BELOW, grade
from planparse.model import Activity
from planparse.writers.atomic import write_atomic


def build_report(
    source: str,
    layout: str,
    scores: Mapping[str, float],
    activities: Sequence[Activity],
    *,
    encoding: str | None = None,
    notes: Sequence[str] = (),
    fmt: str | None = None,
) -> dict[str, Any]:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    margin = round(ranked[0][1] - ranked[1][1], 3) if len(ranked) > 1 else None
    conf = [a.confidence for a in activities]
    review = [
        {
            "item_no": a.item_no,
            "title": a.title,
            "page": a.page,
            "line": a.line,
            "confidence": a.confidence,
            "flags": list(a.flags),
        }
        for a in activities
        if a.confidence < REVIEW_BELOW
    ]
    first = activities[0] if activities else None
    return {
        "source_file": source,
        "format": fmt,
        "layout": layout,
        "layout_scores": {k: round(v, 3) for k, v in ranked},
        "layout_margin": margin,
        "encoding": encoding,
        "reader_notes": list(notes),
        "metadata": {
            "doc_title": first.doc_title if first else None,
            "organization": first.organization if first else None,
            "region": first.region if first else None,
            "year": first.year if first else None,
        },
        "rows": len(activities),
        "confidence": {
            "mean": round(sum(conf) / len(conf), 3) if conf else None,
            "min": min(conf) if conf else None,
            "grades": dict(Counter(grade(c) for c in conf)),
        },
        "flags": dict(Counter(f for a in activities for f in a.flags).most_common()),
        "penalties": {f: PENALTIES[f] for f in sorted({f for a in activities for f in a.flags} & PENALTIES.keys())},
        "review_below": REVIEW_BELOW,
        "review": review,
    }


def report_markdown(report: Mapping[str, Any]) -> str:
    meta = report["metadata"]
    lines = [
        f"# planparse report: {report['source_file']}",
        "",
        f"- plan: {meta['doc_title'] or '—'}",
        f"- organization: {meta['organization'] or '—'}; region: {meta['region'] or '—'}; year: {meta['year'] or '—'}",
        f"- layout: **{report['layout']}** (scores: "
        + ", ".join(f"{k} {v:.2f}" for k, v in report["layout_scores"].items())
        + (f"; margin {report['layout_margin']:.2f})" if report["layout_margin"] is not None else ")"),
        f"- rows: {report['rows']}; mean confidence {report['confidence']['mean']}, "
        f"min {report['confidence']['min']}; grades {report['confidence']['grades']}",
    ]
    if report["encoding"]:
        lines.append(f"- encoding: {report['encoding']}")
    if report["reader_notes"]:
        lines.append(f"- reader repairs: {'; '.join(report['reader_notes'])}")
    if report["flags"]:
        lines += ["", "## Flags", "", "| flag | rows | penalty |", "|---|---|---|"]
        lines += [f"| `{f}` | {n} | {report['penalties'].get(f, '')} |" for f, n in report["flags"].items()]
    lines += ["", f"## Rows to review (confidence < {report['review_below']})", ""]
    if not report["review"]:
        lines.append("None.")
    else:
        lines += ["| № | title | line | confidence | flags |", "|---|---|---|---|---|"]
        for r in report["review"]:
            title = r["title"].replace("|", "\\|")
            flags = ", ".join(r["flags"])
            lines.append(f"| {r['item_no'] or ''} | {title} | {r['line']} | {r['confidence']} | {flags} |")
    return "\n".join(lines) + "\n"


def write_report(report: Mapping[str, Any], json_path: Path) -> tuple[Path, Path]:
    """Write ``x.report.json`` and the Markdown twin beside it (``x.report.md``)."""
    md_path = json_path.with_suffix(".md")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    write_atomic(json_path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    write_atomic(md_path, lambda tmp: tmp.write_text(report_markdown(report), encoding="utf-8"))
    return json_path, md_path
