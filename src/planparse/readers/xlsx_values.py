"""A spreadsheet cell's value as the text a reader of the printed plan sees.

openpyxl hands over typed values (``int``, ``float``, ``datetime`` for cells
with a date format, ``bool``); a plan means the text Excel shows:

- numbers without the float tail: ``3`` (stored as ``3.0``) is "3", ``1.5`` is
  "1.5" (a point, as item numbers are written); a format with fixed decimals
  ("0.00") or a percentage ("0%") is followed;
- dates by what their format shows, in the Russian order: day and month
  ("21.04", what Excel makes of "21.04" typed in a Russian locale), with the
  year when the format prints one ("21.04.2020"); a format without the day
  ("mmmm yyyy") gives the month's name ("апрель 2020"); a time of day is added
  only when the format prints one and it is not midnight;
- ``True``/``False`` as Excel prints them in Russian ("ИСТИНА", "ЛОЖЬ");
- text split into lines at its line breaks (Alt+Enter; a carriage return the
  file keeps escaped as "_x000D_" too), odd spaces made plain, each line's
  trailing spaces and the blank lines around the text dropped.
"""

from __future__ import annotations

import datetime as dt
import re

from planparse.readers.chars import ODD_SPACES

MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь",
          "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь")  # fmt: skip
# Parts of a number format that print literally or set colours, widths, locales: not date or digit codes.
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[_*].')
_DECIMALS = re.compile(r"\.([0#?]+)")
# A control character the file stores escaped ("_x000D_" before a line break: text pasted from Word).
_ESCAPED_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f])_")


def format_codes(number_format: str | None) -> str:
    """The codes of a number format's first (positive) section, lower-case, literals removed."""
    return _LITERAL.sub("", number_format or "").split(";")[0].lower()


def _date_text(value: dt.datetime | dt.date, codes: str) -> str:
    has_day, has_month, has_year = "d" in codes, "m" in codes, "y" in codes
    if "h" in codes and not (has_day or has_year) and isinstance(value, dt.datetime):  # a time format ("h:mm")
        return f"{value.hour:02d}:{value.minute:02d}"
    if not (has_day or has_month or has_year):  # no date codes at all: the whole date
        has_day = has_year = True
    if has_day or not has_month:
        text = f"{value.day:02d}.{value.month:02d}" + (f".{value.year:04d}" if has_year else "")
    else:
        text = MONTHS[value.month - 1] + (f" {value.year:04d}" if has_year else "")
    if isinstance(value, dt.datetime) and "h" in codes and (value.hour or value.minute):
        text += f" {value.hour:02d}:{value.minute:02d}"
    return text


def _number_text(value: float, codes: str) -> str:
    suffix = ""
    if "%" in codes:
        value, suffix = value * 100, "%"
    decimals = _DECIMALS.search(codes)
    if decimals and "general" not in codes:
        return f"{value:.{len(decimals.group(1))}f}" + suffix
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value)) + suffix
    return f"{value:.15g}" + suffix  # Excel shows at most 15 significant digits


def value_text(value: object, number_format: str | None = None) -> str:
    """The text Excel shows for ``value`` under ``number_format`` (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ИСТИНА" if value else "ЛОЖЬ"
    if isinstance(value, (dt.datetime, dt.date)):
        return _date_text(value, format_codes(number_format))
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number_text(value, format_codes(number_format))
    return str(value)


def text_lines(text: str) -> tuple[str, ...]:
    """A cell's text as lines: line breaks kept, odd spaces plain, blank lines around it dropped."""
    text = _ESCAPED_CONTROL.sub(lambda m: chr(int(m.group(1), 16)), text)
    lines = [line.translate(ODD_SPACES).rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    start = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    return tuple(lines[start:])
