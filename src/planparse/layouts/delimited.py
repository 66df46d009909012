"""Delimited text tables: tab-separated rows and a section column, for the pipe-table path of ``table``.

- A spreadsheet or word-processor table copied as text (TSV, "copy from
  Excel") has one row per line and its cells separated by tabs.  Tabs also
  turn up as stray spacing in ordinary text and ``pdftotext`` output, so the
  tab reading needs consistency: a header line whose tab-separated cells name
  plan columns, and most non-empty lines below it cut by tabs into at least
  two and at most the header's number of cells.
- A "№ раздела" / "Раздел" column repeats each row's section: a row with a
  section number and a title but no item number is the section's heading row;
  in item rows the column says nothing new and is emptied.  A section column
  holding a section title opens that section when the title changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import regex

from planparse.layouts.cells import HEADING, Role, Row, header_roles, is_plan_header
from planparse.model import Line

Splitter = Callable[[str], "list[str] | None"]

# Share of the non-empty lines below the header that must be rows of tab-separated cells.
TAB_ROW_SHARE = 0.6
MIN_TAB_ROWS = 2
_SECTION_HEADER = regex.compile(r"(?i)\bраздел|^\s*секция\b")
_SECTION_LABEL = regex.compile(r"(?i)^(?:раздел\s+)?([IVXLC]{1,6}|\d{1,2})\.?$")


def tab_cells(text: str) -> list[str] | None:
    """The cells of a tab-separated line, or None for a line without a tab."""
    if "\t" not in text:
        return None
    return [c.strip() for c in text.strip("\r\n").split("\t")]


def tab_splitter(lines: Sequence[Line]) -> Splitter | None:
    """``tab_cells`` when the lines hold a tab-separated plan table (see the module docstring), else None."""
    for i, line in enumerate(lines):
        cells = tab_cells(line.text)
        if cells is None or len(cells) < 3 or not is_plan_header(header_roles(cells)):
            continue
        body = [ln.text for ln in lines[i + 1 :] if ln.text.strip()]
        rows = sum(1 for t in body if 2 <= len(tab_cells(t) or ()) <= len(cells))
        return tab_cells if rows >= MIN_TAB_ROWS and rows >= TAB_ROW_SHARE * len(body) else None
    return None


def section_column(header: Sequence[str], roles: Sequence[Role]) -> int | None:
    """The column that names each row's section ("№ раздела", "Раздел"), if the header has one."""
    kinds = [r.kind for r in roles]
    if "title" not in kinds:
        return None
    named = (k for k, text in enumerate(header) if k < len(kinds) and _SECTION_HEADER.search(text))
    return next((k for k in named if kinds[k] == "unknown"), None)


def apply_section_column(rows: list[Row], roles: Sequence[Role], column: int) -> list[Row]:
    """Rows with the section column turned into heading rows (see the module docstring)."""
    kinds = [r.kind for r in roles]
    title_col = kinds.index("title")
    number_col = kinds.index("number") if "number" in kinds else None
    out: list[Row] = []
    current = ""
    for cells, where in rows:
        cells = list(cells)
        section, cells[column] = cells[column].strip(), ""
        title = cells[title_col].strip()
        number = cells[number_col].strip() if number_col is not None else ""
        label = _SECTION_LABEL.match(section)
        if label and title and not number:
            out.append(([HEADING, *[""] * len(cells)], where))
            out[-1][0][1 + title_col] = f"{label.group(1)}. {title}"
            current = section
            continue
        if section and not label:
            if not title and not number:  # text beside the table (a signature), no row
                continue
            if section != current:
                heading = [HEADING, *[""] * len(cells)]
                heading[1 + title_col] = section
                out.append((heading, where))
                current = section
        out.append((cells, where))
    return out
