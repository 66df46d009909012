"""Position-aligned text for layout tests, as ``pdftotext -layout`` writes tables."""

from __future__ import annotations


def aligned(*rows: dict[int, str]) -> str:
    """Lines of position-aligned text: each row maps a character column to the text starting there."""
    out = []
    for row in rows:
        line = ""
        for col, text in sorted(row.items()):
            line = line.ljust(col) + text
        out.append(line)
    return "\n".join(out) + "\n"
