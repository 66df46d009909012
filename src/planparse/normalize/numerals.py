"""Roman numerals both ways, shared by readers (DOCX list labels, OCR'd section numbers) and layouts."""

from __future__ import annotations

_TO_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip
# Reading goes up to C: plans number sections and months, never beyond.
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def to_roman(n: int) -> str:
    """4 -> "IV", 1994 -> "MCMXCIV"; "" for n < 1 (Roman numerals have no zero)."""
    parts = []
    for value, numeral in _TO_ROMAN:
        count, n = divmod(n, value)
        parts.append(numeral * count)
    return "".join(parts)


def from_roman(numeral: str) -> int | None:
    """12 for "XII" (Latin capitals I, V, X, L, C); None for any other character or an empty text."""
    values = [_VALUES.get(ch) for ch in numeral]
    if not values or None in values:
        return None
    total = 0
    for k, v in enumerate(values):
        nxt = values[k + 1] if k + 1 < len(values) else 0
        total += -v if nxt and v < nxt else v  # type: ignore[operator]
    return total
