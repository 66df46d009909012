"""Ink inside the cells of a grid found by ``ocr_grid``: is there a month mark?

Images are 2-D arrays as in ``ocr_preprocess`` (``ink`` is bool, True = ink).
A cell is measured inside its rules minus a margin (``cell_margin``); a
month mark is sought as the densest mark-sized window (``ink_density`` once
per page, then ``mark_ink`` per cell), so that the cell's size does not
matter.  Sizes are given in inches and converted with the page's dpi.
"""

from __future__ import annotations

import numpy as np

from planparse.readers.ocr_grid import Box, Grid
from planparse.readers.ocr_preprocess import box_count

CELL_MARGIN_IN = 0.015  # ink this close to a cell's rules (beyond their thickness) is not counted
MARK_WINDOW_IN = 0.08  # side of the square window a month mark is measured in (a 10-pt "+" is ~0.07 in)


def cell_margin(grid: Grid, dpi: float) -> int:
    return grid.line_width // 2 + 1 + round(CELL_MARGIN_IN * dpi)


def ink_share(dark: np.ndarray, box: Box, margin: int) -> float:
    """Share of ink pixels inside ``box`` shrunk by ``margin`` (at most a quarter of each side)."""
    mx = min(margin, box.width // 4)
    my = min(margin, box.height // 4)
    inner = dark[box.y0 + my : box.y1 - my, box.x0 + mx : box.x1 - mx]
    return float(inner.mean()) if inner.size else 0.0


def mark_window(dpi: float) -> int:
    """Half-side in pixels of the mark-sized window (MARK_WINDOW_IN square)."""
    return max(2, round(MARK_WINDOW_IN * dpi / 2))


def ink_density(ink: np.ndarray, dpi: float) -> np.ndarray:
    """Share of ink in the mark-sized window around every pixel (computed once per page)."""
    r = mark_window(dpi)
    return box_count(ink, r) / float((2 * r + 1) ** 2)


def mark_ink(density: np.ndarray, ink: np.ndarray, box: Box, margin: int, dpi: float) -> float:
    """Ink share in the densest mark-sized window inside ``box`` minus ``margin``.

    The whole-cell share depends on the cell's size (a "+" in a tall six-line
    row is 0.3 % of it, the specks left in an empty small cell 0.1 %); the
    densest window does not: a mark fills 15-30 % of it, scattered specks
    a few per cent at most.  Cells smaller than the window use their whole
    inner share.
    """
    r = mark_window(dpi)
    mx = min(margin, box.width // 4)
    my = min(margin, box.height // 4)
    y0, y1, x0, x1 = box.y0 + my + r, box.y1 - my - r, box.x0 + mx + r, box.x1 - mx - r
    if y1 <= y0 or x1 <= x0:
        return ink_share(ink, box, margin)
    return float(density[y0:y1, x0:x1].max())
