"""The typed Python API: ``convert(path) -> ConversionResult``.

    Path -> readers.read -> Document -> layouts.detect -> ParsedPlan
         -> normalize.normalize_plan -> confidence.score_all -> ConversionResult
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planparse import layouts
from planparse.assemble import normalize_plan
from planparse.confidence import REVIEW_BELOW, score_all
from planparse.model import Activity, DocMeta, Document, LayoutKind
from planparse.normalize.metadata import extract_metadata
from planparse.readers import read
from planparse.readers.text import read_text_bytes
from planparse.writers.report import build_report, write_report
from planparse.writers.rows import json_lines

if TYPE_CHECKING:  # pandas/pyarrow are imported when a table is built: batch workers stay small
    import pandas as pd
    import pyarrow as pa

METADATA_LINES = 40  # how far into a document the title block is looked for


@dataclass(frozen=True)
class ConversionResult:
    """Everything planparse found in one plan."""

    source: str
    layout: LayoutKind
    scores: dict[str, float]
    meta: DocMeta
    activities: tuple[Activity, ...]
    encoding: str | None = None
    notes: tuple[str, ...] = ()
    report: dict[str, Any] = field(default_factory=dict)
    format: str | None = None  # what the reader found the file to be (SourceFormat value)

    def to_pandas(self) -> pd.DataFrame:
        from planparse.writers.tables import to_pandas

        return to_pandas(self.activities)

    def to_arrow(self) -> pa.Table:
        from planparse.writers.tables import to_arrow

        return to_arrow(self.activities)

    def to_json_lines(self) -> bytes:
        """The rows as JSON lines (``planparse.writers.rows``): what a batch worker sends back."""
        return json_lines(self.activities)

    @property
    def review(self) -> tuple[Activity, ...]:
        """Rows whose confidence is below the review threshold."""
        return tuple(a for a in self.activities if a.confidence < REVIEW_BELOW)

    def files_frame(self) -> pd.DataFrame:
        """One row describing the input file (the ``files`` sheet of an Excel output)."""
        import pandas as pd

        conf = [a.confidence for a in self.activities]
        return pd.DataFrame(
            [{
                "path": self.source,
                "format": self.format,
                "encoding": self.encoding,
                "layout": self.layout.value,
                "rows": len(self.activities),
                "mean_confidence": round(sum(conf) / len(conf), 3) if conf else None,
                "min_confidence": min(conf) if conf else None,
                "rows_to_review": len(self.review),
                "status": "ok",
            }]
        )

    def write(self, output: str | Path, report: str | Path | None = None) -> tuple[Path, ...]:
        """Write the table (format from the suffix) and the report beside it."""
        output = Path(output)
        report_path = Path(report) if report else output.with_name(f"{output.stem}.report.json")
        if report_path.suffix.lower() == ".md":
            report_path = report_path.with_suffix(".json")
        from planparse.writers.tables import write_table

        table = write_table(self.activities, output, files=self.files_frame(), review_below=REVIEW_BELOW)
        return (table, *write_report(self.report, report_path))


def _resolve_layout(layout: str | LayoutKind | None) -> LayoutKind | None:
    if layout is None or layout == "auto":
        return None
    return LayoutKind(layout)


def convert_document(doc: Document, *, layout: str | LayoutKind | None = "auto") -> ConversionResult:
    """Document -> result (for readers' output or documents built in tests)."""
    plan, scores = layouts.detect(doc, _resolve_layout(layout))
    head = plan.header_lines or tuple(ln.text for ln in doc.lines[:METADATA_LINES])
    meta = extract_metadata(list(head))
    if meta.year is None or meta.region is None:
        fuller = extract_metadata([ln.text for ln in doc.lines[:METADATA_LINES]])
        meta = DocMeta(
            meta.doc_title or fuller.doc_title,
            meta.organization or fuller.organization,
            meta.region or fuller.region,
            meta.year or fuller.year,
        )
    activities = tuple(score_all(normalize_plan(plan, meta, doc.source), plan.fit))
    named = {k.value: v for k, v in scores.items()}
    notes = (*doc.notes, *plan.notes)  # what the reader repaired, then how the layout joined the plan's parts
    report = build_report(
        doc.source, plan.layout.value, named, activities, encoding=doc.encoding, notes=notes, fmt=doc.format.value
    )
    return ConversionResult(
        doc.source, plan.layout, named, meta, activities, doc.encoding, notes, report, doc.format.value
    )


def convert(path: str | Path, *, layout: str | LayoutKind | None = "auto") -> ConversionResult:
    """Read any supported file and return its activity table with the report."""
    return convert_document(read(path), layout=layout)


def convert_text(text: str, source: str = "<text>", *, layout: str | LayoutKind | None = "auto") -> ConversionResult:
    """Convert plan text held in memory."""
    return convert_document(read_text_bytes(text.encode("utf-8"), source), layout=layout)


def convert_many(paths: Sequence[str | Path], *, layout: str | LayoutKind | None = "auto") -> list[ConversionResult]:
    return [convert(p, layout=layout) for p in paths]
