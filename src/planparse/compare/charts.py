"""Matplotlib charts of the comparison tables, and their rendering to inline SVG.

Each ``*_chart`` function takes a tidy table from :mod:`planparse.compare.tables`
and the chart labels of the groups, and returns a ``Figure`` (a notebook shows
it as is).  No pyplot: figures are plain objects, so no backend is switched and
nothing global is left open.  :func:`to_svg` renders a figure to an SVG string fit to paste into
HTML: no XML prolog, text kept as text in DejaVu Sans (Cyrillic included),
every id prefixed with the chart id so several charts can share one page, and
no date or random id in it, so the same tables give byte-identical SVG.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from planparse.compare.tables import MONTHS, TIMING

STYLE: Any = {  # rcParams (Any: matplotlib types the keys as a Literal union)
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
    "svg.hashsalt": "planparse",
}
#: One colour per category, in vocabulary order (Tableau 10 plus grey for "other").
CATEGORY_COLORS = {
    "meeting": "#4e79a7", "training": "#f28e2b", "conference": "#e15759", "contest": "#76b7b2",
    "event": "#59a14f", "media": "#edc948", "monitoring": "#b07aa1", "cooperation": "#ff9da7",
    "methodology": "#9c755f", "organizational": "#499894", "other": "#bab0ac",
}
TIMING_COLORS = {"all_year": "#4e79a7", "dated": "#f28e2b", "as_needed": "#76b7b2", "frequency": "#b07aa1",
                 "undated": "#bab0ac"}
HEAT = LinearSegmentedColormap.from_list("planparse_heat", ["#f7fbff", "#6baed6", "#08306b"])
ROW_INCHES = 0.55
WIDTH = 10.0


def _height(groups: int, extra: float) -> float:
    return extra + ROW_INCHES * max(groups, 1)


def _ordered(table: pd.DataFrame, labels: Mapping[str, str]) -> list[str]:
    return [g for g in dict.fromkeys(str(g) for g in table["group"]) if g in labels] or list(labels)


def _stacked(table: pd.DataFrame, labels: Mapping[str, str], key: str, names: Mapping[str, str],
             colors: Mapping[str, str], title: str, legend_cols: int) -> Figure:
    groups = _ordered(table, labels)
    with rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, _height(len(groups), 2.2)), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(groups))
        left = np.zeros(len(groups))
        for value, name in names.items():
            part = table[table[key] == value].set_index("group")
            shares = np.array([float(part["share"].get(g, 0.0)) * 100 for g in groups])
            counts = [int(part["activities"].get(g, 0)) for g in groups]
            bars = ax.barh(y, shares, left=left, color=colors.get(value, "#bab0ac"), label=name, height=0.62,
                           edgecolor="white", linewidth=0.6)
            for bar, share, n in zip(bars, shares, counts, strict=True):
                if share >= 7:
                    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2,
                            f"{share:.0f}% ({n})" if share >= 12 else f"{share:.0f}%", ha="center", va="center",
                            fontsize=8, color="black")
            left += shares
        ax.set_yticks(y, [labels[g] for g in groups])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("доля мероприятий группы, %")
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
        fig.legend(loc="outside lower center", ncols=legend_cols, frameon=False, fontsize=8)
    return fig


def category_chart(table: pd.DataFrame, labels: Mapping[str, str]) -> Figure:
    """Stacked bars: the share of each category in every group's activities."""
    names = dict(zip(table["category"], table["label"], strict=True))
    return _stacked(table, labels, "category", names, CATEGORY_COLORS, "Доли категорий мероприятий", 3)


def timing_chart(table: pd.DataFrame, labels: Mapping[str, str]) -> Figure:
    """Stacked bars: all-year, dated, as-needed, frequency-only and undated shares per group."""
    names = {k: v for k, v in TIMING.items() if k in set(table["timing"])}
    return _stacked(table, labels, "timing", names, TIMING_COLORS, "Сроки: весь год, месяцы, по необходимости", 3)


def month_chart(months: pd.DataFrame, timing: pd.DataFrame, labels: Mapping[str, str]) -> Figure:
    """Heatmap: activities scheduled per month and group; the all-year count in its own column."""
    groups = _ordered(months, labels)
    grid = np.array([[int(months[(months["group"] == g) & (months["month"] == m)]["activities"].sum())
                      for m in range(1, 13)] for g in groups]).reshape(len(groups), 12)
    all_year = np.array([int(timing[(timing["group"] == g) & (timing["timing"] == "all_year")]["activities"].sum())
                         for g in groups]).reshape(len(groups), 1)
    with rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, _height(len(groups), 1.6)), layout="constrained")
        ax, ax_year = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [12, 1.6]})
        vmax = max(int(grid.max(initial=0)), 1)
        # pcolormesh, not imshow: cells stay vector shapes in the SVG (no embedded bitmap)
        mesh = ax.pcolormesh(grid, cmap=HEAT, vmin=0, vmax=vmax, edgecolors="white", linewidth=1.5)
        ax_year.pcolormesh(all_year, cmap="Greys", vmin=0, vmax=max(int(all_year.max(initial=0)), 1) * 2.5,
                           edgecolors="white", linewidth=1.5)
        for axis, values in ((ax, grid), (ax_year, all_year)):
            for (i, j), n in np.ndenumerate(values):
                dark = axis is ax and n > vmax * 0.55
                axis.text(float(j) + 0.5, float(i) + 0.5, str(n), ha="center", va="center", fontsize=8,
                          color="white" if dark else "black")
            axis.tick_params(length=0)
            for spine in axis.spines.values():
                spine.set_visible(False)
        ax.invert_yaxis()
        ax.set_xticks(np.arange(12) + 0.5, MONTHS)
        ax.set_yticks(np.arange(len(groups)) + 0.5, [labels[g] for g in groups])
        ax_year.set_xticks([0.5], ["весь\nгод"])
        ax_year.tick_params(axis="y", left=False)
        ax.set_title("Мероприятия по месяцам", loc="left", fontsize=11, fontweight="bold")
        bar = fig.colorbar(mesh, ax=ax_year, fraction=0.5, label="мероприятий в месяце", shrink=0.9)
        if bar.solids is not None:
            bar.solids.set_rasterized(False)  # matplotlib rasterizes long colour bars; keep the SVG vector only
            bar.solids.set_edgecolor("face")  # no seams between the vector segments
        bar.outline.set_visible(False)
    return fig


def confidence_chart(table: pd.DataFrame, labels: Mapping[str, str]) -> Figure:
    """Mean confidence per group (bar), its minimum (dot) and the review threshold (dashed line)."""
    groups = _ordered(table, labels)
    part = table.set_index("group")
    with rc_context(STYLE):
        fig = Figure(figsize=(WIDTH, _height(len(groups), 1.4)), layout="constrained")
        ax = fig.subplots()
        y = np.arange(len(groups))
        means = [float(part.at[g, "mean"]) for g in groups]
        mins = [float(part.at[g, "min"]) for g in groups]
        ax.barh(y, means, color="#4e79a7", height=0.55, label="средняя")
        ax.scatter(mins, y, color="#e15759", zorder=3, s=28, label="минимальная")
        threshold = float(table["threshold"].iloc[0]) if len(table) else 0.8
        ax.axvline(threshold, color="#333333", linestyle="--", linewidth=1, label=f"порог проверки {threshold:g}")
        for yi, g in enumerate(groups):
            rows, below = int(part.at[g, "rows"]), int(part.at[g, "below"])
            ax.text(1.01, yi, f"{rows} строк, {below} к проверке", va="center", fontsize=8,
                    transform=ax.get_yaxis_transform())
        ax.set_yticks(y, [labels[g] for g in groups])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("уверенность (0–1)")
        ax.set_title("Уверенность распознавания", loc="left", fontsize=11, fontweight="bold")
        fig.legend(loc="outside lower center", ncols=3, frameon=False, fontsize=8)
    return fig


_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)  # RDF block naming purl.org URIs: not needed
_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|xlink:href="#|href="#)([^)"]+)')


def to_svg(fig: Figure, chart_id: str, title: str | None = None) -> str:
    """The figure as an inline ``<svg id=chart_id>`` element."""
    buffer = io.StringIO()
    rc: Any = {**STYLE, "svg.hashsalt": f"planparse-{chart_id}", "svg.id": chart_id}
    with rc_context(rc):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    head_end = text.index(">") + 1
    head, body = text[:head_end], _METADATA.sub("", text[head_end:], count=1)
    body = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', body)
    body = _REF.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", body)
    if title:
        body = f"\n <title>{_escape(title)}</title>{body}"
    head = head.replace("<svg ", '<svg role="img" ', 1)
    return head + body.rstrip() + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["category_chart", "confidence_chart", "month_chart", "timing_chart", "to_svg"]
