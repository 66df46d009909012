"""The comparison as one self-contained HTML page.

Everything is inline: the stylesheet, the charts (SVG elements) and the
tables.  The page links to nothing outside itself (only ``#section`` anchors),
so it opens offline and can be mailed as one file.  The output depends only on
the comparison: no clock, no random ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any

import pandas as pd

from planparse import __version__
from planparse.compare.tables import MONTHS, TIMING
from planparse.normalize.category import OTHER, vocabulary

BY_TEXT = {"plan": "по планам (организация + год)", "organization": "по организациям", "region": "по регионам",
           "year": "по годам"}
CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1d1d1f; margin: 0; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid #e4e4e7; }
p.sub { color: #52525b; margin: 0 0 12px; }
p.how { background: #f4f6fa; border-left: 4px solid #4e79a7; padding: 8px 12px; margin: 8px 0 12px; }
nav { font-size: 14px; margin: 8px 0 0; }
nav a { margin-right: 14px; color: #2b5c8a; }
figure { margin: 8px 0; }
figure svg { width: 100%; height: auto; display: block; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 4px; }
th, td { border: 1px solid #d4d4d8; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f4f4f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.zero { color: #a1a1aa; }
.warn { background: #fff7e6; border-left: 4px solid #f28e2b; padding: 8px 12px; }
.muted { color: #71717a; }
code { font-size: 12px; background: #f4f4f5; padding: 1px 4px; }
"""


def _cell(value: Any, numeric: bool = False) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return '<td class="muted">—</td>'
    text = escape(str(value))
    if numeric:
        zero = " zero" if str(value) in {"0", "0%", "0 (0%)"} else ""
        return f'<td class="num{zero}">{text}</td>'
    return f"<td>{text}</td>"


def html_table(table_id: str, header: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[bool],
               titles: Mapping[str, str] | None = None) -> str:
    """A plain HTML table; ``titles`` adds hover text (e.g. a group's full name) to header cells."""
    titles = titles or {}
    head = "".join(
        f'<th{" class=num" if num else ""}{_title(titles.get(h))}>{escape(h)}</th>'
        for h, num in zip(header, numeric, strict=True)
    )
    body = "\n".join(
        "<tr>" + "".join(_cell(v, num) for v, num in zip(row, numeric, strict=True)) + "</tr>" for row in rows
    )
    return (f'<div class="scroll"><table id="{escape(table_id)}">\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{body}\n</tbody></table></div>")


def _title(text: str | None) -> str:
    return f' title="{escape(text)}"' if text else ""


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def count_share(n: int, share: float) -> str:
    return f"{n} ({pct(share)})"


def pivot(table: pd.DataFrame, row_key: str, row_label: str, groups: Sequence[str],
          value: Callable[[pd.Series], str]) -> list[list[str]]:
    """Rows of ``row_key`` values (first the label), one column per group."""
    out = []
    for key in dict.fromkeys(table[row_key]):
        part = table[table[row_key] == key].set_index("group")
        label = str(part[row_label].iloc[0])
        out.append([label, *(value(part.loc[g]) for g in groups)])
    return out


def section(section_id: str, title: str, how: str, figure: str | None, table: str, extra: str = "") -> str:
    """One block of the report: heading, how-to-read note, chart, its table."""
    fig = f'<figure id="figure-{section_id}">{figure}</figure>' if figure else ""
    return (f'<section id="{section_id}">\n<h2>{escape(title)}</h2>\n<p class="how"><b>Как читать.</b> {how}</p>\n'
            f"{fig}\n{table}\n{extra}</section>")


def vocabulary_table() -> str:
    """The category vocabulary as shipped: id, labels, keywords and phrases (as written, A–Z)."""
    rows = []
    for category in vocabulary():
        written = [w for _, w in category.phrases]
        words = sorted((w for w in written if " " not in w), key=str.casefold)
        phrases = sorted((w for w in written if " " in w), key=str.casefold)
        rows.append([category.id, category.label, category.label_en, ", ".join(words) or "—",
                     ", ".join(phrases) or "—"])
    return html_table("table-vocabulary", ["id", "категория", "category", "ключевые слова", "фразы"], rows,
                      [False] * 5)


def vocabulary_note() -> str:
    return (
        "Категорию строке даёт словарь <code>planparse/normalize/data/categories.toml</code>. Слова названия "
        "приводятся к словарной форме (pymorphy3), и решает первое слово слева, с которого начинается ключевое "
        "слово или фраза категории (при равенстве — более длинная фраза, затем категория выше в списке). Если в "
        "названии ничего не нашлось, решает заголовок группы (строка, чей номер равен <code>parent_no</code>), затем "
        f"заголовок раздела; иначе категория «{escape(dict((c.id, c.label) for c in vocabulary())[OTHER])}». "
        "Что решило для каждой строки, записано в столбце <code>category_rule</code> (<code>title: семинар</code>, "
        "<code>group: заседание</code>, <code>section: …</code>)."
    )


def months_header() -> list[str]:
    return [*MONTHS, "весь год"]


def timing_order() -> list[str]:
    return list(TIMING)


def page(title: str, subtitle: str, nav: Sequence[tuple[str, str]], body: Sequence[str]) -> str:
    links = "".join(f'<a href="#{escape(anchor)}">{escape(text)}</a>' for anchor, text in nav)
    return (
        '<!DOCTYPE html>\n<html lang="ru">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="planparse {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header>\n<h1>{escape(title)}</h1>\n<p class="sub">{subtitle}</p>\n<nav>{links}</nav>\n</header>\n'
        + "\n".join(body)
        + f'\n<footer><p class="muted">planparse {escape(__version__)} · <code>planparse compare</code></p></footer>\n'
        "</main>\n</body>\n</html>\n"
    )


__all__ = ["BY_TEXT", "count_share", "html_table", "page", "pct", "pivot", "section", "vocabulary_note",
           "vocabulary_table"]
