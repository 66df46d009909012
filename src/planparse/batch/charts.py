"""The batch report's two charts as SVG text, to inline into an offline HTML page.

matplotlib's object API (``Figure``, no pyplot): no display, no global figure
state.  Text stays text in the SVG (``svg.fonttype: none``) so Cyrillic file
names are searchable and the files small; a fixed hash salt and no date keep
the output identical from run to run.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

PER_FILE_BARS = 40  # up to this many files: one bar each; more: a histogram of rows per file
_RC: Any = {"svg.fonttype": "none", "svg.hashsalt": "planparse", "font.size": 9}


def _svg(fig: object) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")  # type: ignore[attr-defined]
    text = buf.getvalue()
    return text[text.index("<svg"):]  # drop the XML prolog and DOCTYPE: the SVG is inlined into HTML


def rows_per_file_svg(names: Sequence[str], rows: Sequence[int]) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        if len(names) <= PER_FILE_BARS:
            fig = Figure(figsize=(7, 0.6 + 0.22 * max(1, len(names))))
            ax = fig.add_subplot()
            ax.barh(range(len(names)), rows, color="#4878a8")
            ax.set_yticks(range(len(names)), labels=list(names))
            ax.invert_yaxis()
            ax.set_xlabel("rows")
        else:
            fig = Figure(figsize=(7, 3))
            ax = fig.add_subplot()
            ax.hist(rows, bins=min(40, max(5, len(set(rows)))), color="#4878a8")
            ax.set_xlabel("rows in a file")
            ax.set_ylabel("files")
        ax.set_title("Rows per file")
        return _svg(fig)


def confidence_histogram_svg(edges: Sequence[float], counts: Sequence[int], review_below: float) -> str:
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(7, 3))
        ax = fig.add_subplot()
        widths = [b - a for a, b in zip(edges[:-1], edges[1:], strict=True)]
        colors = ["#c0504d" if a < review_below else "#4878a8" for a in edges[:-1]]
        ax.bar(edges[:-1], counts, width=widths, align="edge", color=colors, edgecolor="white")
        ax.axvline(review_below, color="#555555", linestyle="--", linewidth=1)
        ax.set_xlim(0, 1)
        ax.set_xlabel(f"row confidence (red: below {review_below}, to review)")
        ax.set_ylabel("rows")
        ax.set_title("Confidence histogram")
        return _svg(fig)
