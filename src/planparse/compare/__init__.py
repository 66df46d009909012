"""Compare plans across organizations, regions and years (issue 5).

    load(inputs) -> Loaded(activities, inputs, failures)     # Parquet, batch OUTDIR, CSV, xlsx, plan files
    compare_frame(activities, by="plan") -> Comparison       # tidy tables: categories, months, timing ...
    render_html(comparison) / write_report(comparison, path) # one self-contained HTML page + tables

The table functions (``category_table``, ``month_table`` ...) and chart
functions (``category_chart`` ...) are public too, for notebooks.
"""

from __future__ import annotations

from planparse.compare.charts import category_chart, confidence_chart, month_chart, timing_chart, to_svg
from planparse.compare.load import Loaded, LoadedInput, LoadFailure, load, load_activities
from planparse.compare.report import (
    Comparison,
    compare_frame,
    compare_inputs,
    render_html,
    write_report,
    write_tables,
)
from planparse.compare.tables import (
    GROUP_BY,
    MONTHS,
    category_table,
    confidence_table,
    groups_table,
    meeting_table,
    month_table,
    responsible_table,
    rule_table,
    short_labels,
    timing_classes,
    timing_table,
    with_groups,
)

__all__ = [
    "GROUP_BY", "MONTHS", "Comparison", "LoadFailure", "Loaded", "LoadedInput", "category_chart", "category_table",
    "compare_frame", "compare_inputs", "confidence_chart", "confidence_table", "groups_table", "load",
    "load_activities", "meeting_table", "month_chart", "month_table", "render_html", "responsible_table",
    "rule_table", "short_labels", "timing_chart", "timing_classes", "timing_table", "to_svg", "with_groups",
    "write_report", "write_tables",
]
