"""The batch report: ``report.html`` (offline, charts inline) and ``report.md``.

Both are rendered from one ``build_batch_report`` dict so they never disagree.
Rows are read back part by part, a few columns at a time; only counters and
the few lowest-confidence rows are kept, so the report costs the same memory
for 10 files and for 100,000.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq

from planparse.batch.charts import confidence_histogram_svg, rows_per_file_svg
from planparse.batch.export import iter_parts
from planparse.batch.model import FileRecord, FileStatus
from planparse.batch.store import OutDir, write_text_atomic
from planparse.confidence import REVIEW_BELOW
from planparse.writers.tables import SCHEMA

LOWEST_FILES = 20
REVIEW_ROWS = 50
BINS = 20
_ROW_COLUMNS = ["item_no", "title", "page", "line", "confidence", "flags"]


def _scan_rows(out: OutDir, records: list[FileRecord]) -> tuple[list[int], list[dict[str, Any]]]:
    """Confidence histogram counts and the REVIEW_ROWS lowest-confidence rows, one part at a time.

    Parts are read one after another (a ``pyarrow.dataset`` over thousands of
    fragments keeps per-fragment metadata and read-ahead buffers, and its
    memory grew with the batch), so memory does not depend on the batch size.
    """
    counts = np.zeros(BINS, dtype=np.int64)
    lowest: list[tuple[float, int, dict[str, Any]]] = []  # max-heap by -confidence, bounded
    seen = 0
    for record, part in iter_parts(out, records):
        table = pq.read_table(part, columns=_ROW_COLUMNS, schema=SCHEMA)
        conf = table.column("confidence").to_numpy()
        counts += np.histogram(conf, bins=BINS, range=(0.0, 1.0))[0]
        for row in table.filter(pc.less(table.column("confidence"), REVIEW_BELOW)).to_pylist():
            seen += 1
            row["path"] = record.path
            item = (-row["confidence"], -seen, row)
            if len(lowest) < REVIEW_ROWS:
                heapq.heappush(lowest, item)
            elif item > lowest[0]:
                heapq.heapreplace(lowest, item)
    rows = [r for _, _, r in sorted(lowest, key=lambda t: (-t[0], t[2]["path"], t[2]["line"] or 0))]
    return counts.tolist(), rows


def build_batch_report(out: OutDir, records: Iterable[FileRecord]) -> dict[str, Any]:
    records = sorted(records, key=lambda r: r.path)
    ok = [r for r in records if r.status is FileStatus.OK]
    counts, review_rows = _scan_rows(out, ok)
    rows = sum(r.rows or 0 for r in ok)
    weighted = sum((r.mean_confidence or 0) * (r.rows or 0) for r in ok)
    scored = [r for r in ok if r.mean_confidence is not None]
    return {
        "outdir": str(out.root),
        "files": len(records),
        "status": {s.value: sum(r.status is s for r in records) for s in FileStatus},
        "rows": rows,
        "rows_to_review": sum(r.rows_to_review or 0 for r in ok),
        "mean_confidence": round(weighted / rows, 3) if rows else None,
        "formats": dict(Counter(r.format or "unknown" for r in records
                                if r.status in (FileStatus.OK, FileStatus.FAILED))),
        "layouts": dict(Counter(r.layout for r in ok if r.layout)),
        "seconds": round(sum(r.seconds or 0 for r in records), 1),
        "failures": [{"path": r.path, "error_type": r.error_type, "error": r.error}
                     for r in records if r.status is FileStatus.FAILED],
        "failure_types": dict(Counter(r.error_type for r in records if r.status is FileStatus.FAILED)),
        "duplicates": [{"path": r.path, "duplicate_of": r.duplicate_of}
                       for r in records if r.status is FileStatus.DUPLICATE],
        "skipped": [{"path": r.path, "reason": r.error} for r in records if r.status is FileStatus.SKIPPED],
        "lowest_files": [
            {"path": r.path, "rows": r.rows, "mean_confidence": r.mean_confidence,
             "min_confidence": r.min_confidence, "rows_to_review": r.rows_to_review}
            for r in sorted(scored, key=lambda r: (r.mean_confidence, r.path))[:LOWEST_FILES]
        ],
        "review_below": REVIEW_BELOW,
        "review_rows": review_rows,
        "histogram": {"edges": [round(i / BINS, 3) for i in range(BINS + 1)], "counts": counts},
        "rows_per_file": [{"path": r.path, "rows": r.rows or 0} for r in ok],
    }


def _cell(value: object) -> str:
    text = "—" if value is None or value == "" else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(head: list[str], rows: list[list[object]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _sections(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[object]]]]:
    """(title, header, rows) of every table, shared by the Markdown and HTML renderings."""
    status = report["status"]
    hist = report["histogram"]
    return [
        ("Totals", ["files", *status, "rows", "rows to review", "mean confidence", "CPU seconds"],
         [[report["files"], *status.values(), report["rows"], report["rows_to_review"],
           report["mean_confidence"], report["seconds"]]]),
        ("Failures", ["file", "error type", "error"],
         [[f["path"], f["error_type"], f["error"]] for f in report["failures"]]),
        (f"Rows most in need of review (lowest confidence, below {report['review_below']})",
         ["file", "№", "title", "page", "line", "confidence", "flags"],
         [[Path(r["path"]).name, r["item_no"], r["title"], r["page"], r["line"], round(r["confidence"], 3),
           ", ".join(r["flags"])] for r in report["review_rows"]]),
        ("Files with the lowest confidence", ["file", "rows", "mean", "min", "rows to review"],
         [[f["path"], f["rows"], f["mean_confidence"], f["min_confidence"], f["rows_to_review"]]
          for f in report["lowest_files"]]),
        ("Duplicates (same content, not converted again)", ["file", "same as"],
         [[d["path"], d["duplicate_of"]] for d in report["duplicates"]]),
        ("Skipped", ["file", "reason"], [[s["path"], s["reason"]] for s in report["skipped"]]),
        ("Confidence histogram", ["confidence", "rows"],
         [[f"{a:.2f}–{b:.2f}", n] for a, b, n in zip(hist["edges"][:-1], hist["edges"][1:], hist["counts"],
                                                     strict=True) if n]),
    ]


def batch_markdown(report: dict[str, Any]) -> str:
    lines = [f"# planparse batch report: {report['outdir']}", "",
             f"Formats: {report['formats']}; layouts: {report['layouts']}; "
             f"failure types: {report['failure_types'] or '—'}. Charts: report.html.", ""]
    for title, head, rows in _sections(report):
        lines += [f"## {title}", "", *_md_table(head, rows)]
    return "\n".join(lines)


def _html_table(head: list[str], rows: list[list[object]]) -> str:
    if not rows:
        return "<p>None.</p>"
    esc = html.escape
    body = "".join("<tr>" + "".join(f"<td>{esc('—' if v is None else str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{''.join(f'<th>{esc(h)}</th>' for h in head)}</tr></thead><tbody>{body}</tbody></table>"


_CSS = ("body{font-family:sans-serif;margin:2em;max-width:75em}table{border-collapse:collapse;margin:.5em 0 1.5em}"
        "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f0f0f0}"
        "figure{margin:1em 0}")


def batch_html(report: dict[str, Any]) -> str:
    per_file = report["rows_per_file"]
    charts = [rows_per_file_svg([Path(f["path"]).name for f in per_file], [f["rows"] for f in per_file])
              if per_file else "<p>No rows.</p>",
              confidence_histogram_svg(report["histogram"]["edges"], report["histogram"]["counts"],
                                       report["review_below"])]
    parts = [f"<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>planparse batch report</title>"
             f"<style>{_CSS}</style></head><body>",
             f"<h1>planparse batch report</h1><p>{html.escape(report['outdir'])}</p>",
             f"<p>Formats: {html.escape(str(report['formats']))}; layouts: {html.escape(str(report['layouts']))}; "
             f"failure types: {html.escape(str(report['failure_types'] or '—'))}</p>"]
    for title, head, rows in _sections(report):
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if title == "Confidence histogram":
            parts.append(f"<figure id=\"chart-rows-per-file\">{charts[0]}</figure>"
                         f"<figure id=\"chart-confidence\">{charts[1]}</figure>")
        parts.append(_html_table(head, rows))
    parts.append("</body></html>\n")
    return "".join(parts)


def write_batch_report(out: OutDir, records: Iterable[FileRecord]) -> tuple[Path, Path]:
    report = build_batch_report(out, records)
    return write_text_atomic(out.report_html, batch_html(report)), write_text_atomic(out.report_md,
                                                                                     batch_markdown(report))
