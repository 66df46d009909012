"""Inputs -> comparison tables -> one HTML report plus the tables as CSV and Parquet.

    load(inputs) -> activity table (categories filled in)
    compare_frame(table, by) -> Comparison (tidy tables, chart labels)
    render_html(comparison) -> str;  write_report(comparison, report.html, tables_dir)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from planparse.compare import charts
from planparse.compare import html as h
from planparse.compare.load import LoadedInput, LoadFailure, load
from planparse.compare.tables import (
    GROUP_BY,
    GroupBy,
    category_table,
    confidence_table,
    groups_table,
    meeting_table,
    month_table,
    responsible_table,
    rule_table,
    short_labels,
    timing_table,
    with_groups,
)
from planparse.errors import ExitCode, PlanparseError
from planparse.writers.atomic import write_atomic

TITLE = "Сравнение планов работы"
DEFAULT_TOP = 5
TABLES_DIR = "report_tables"
HTML_SUFFIXES = frozenset({".html", ".htm"})


class CompareArgumentError(PlanparseError):
    """A bad option value (output name, grouping, --top)."""

    exit_code = ExitCode.BAD_ARGS


class NothingToCompareError(PlanparseError):
    """No input gave a single activity row."""

    exit_code = ExitCode.NO_PLAN


@dataclass(frozen=True)
class Comparison:
    """Every comparison table of one run; ``group`` is the first column of each."""

    by: GroupBy
    top: int
    activities: pd.DataFrame  # the activity table with its ``group`` column
    groups: pd.DataFrame
    labels: dict[str, str]  # group -> chart label
    categories: pd.DataFrame
    rules: pd.DataFrame
    months: pd.DataFrame
    timing: pd.DataFrame
    meetings: pd.DataFrame
    responsible: pd.DataFrame
    confidence: pd.DataFrame
    inputs: tuple[LoadedInput, ...] = ()
    failures: tuple[LoadFailure, ...] = ()

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables written beside the report, by file stem."""
        failures = pd.DataFrame([(f.input, f.error, f.exit_code) for f in self.failures],
                                columns=["input", "error", "exit_code"])
        named = {"groups": self.groups, "categories": self.categories, "category_rules": self.rules,
                 "months": self.months, "timing": self.timing, "meetings": self.meetings,
                 "responsible": self.responsible, "confidence": self.confidence, "failures": failures}
        out = {}
        for name, frame in named.items():
            frame = frame.copy()
            if "group" in frame:
                frame["group"] = frame["group"].astype(str)
            out[name] = frame
        return out


def compare_frame(activities: pd.DataFrame, by: GroupBy = "plan", *, top: int = DEFAULT_TOP,
                  inputs: Iterable[LoadedInput] = (), failures: Iterable[LoadFailure] = ()) -> Comparison:
    """All comparison tables of an activity table (as :func:`planparse.compare.load.load` returns it)."""
    if by not in GROUP_BY:
        raise CompareArgumentError(f"unknown grouping {by!r}: use one of {', '.join(GROUP_BY)}")
    if top < 1:
        raise CompareArgumentError(f"--top must be at least 1, not {top}")
    grouped = with_groups(activities, by)
    groups = groups_table(grouped)
    return Comparison(
        by=by, top=top, activities=grouped, groups=groups, labels=short_labels(groups, by),
        categories=category_table(grouped), rules=rule_table(grouped), months=month_table(grouped),
        timing=timing_table(grouped), meetings=meeting_table(grouped), responsible=responsible_table(grouped, top),
        confidence=confidence_table(grouped), inputs=tuple(inputs), failures=tuple(failures),
    )


def nothing_loaded(failures: tuple[LoadFailure, ...]) -> PlanparseError:
    """The one error for a run where no input gave rows (its exit code: the failures' own if they agree)."""
    if not failures:
        return NothingToCompareError("nothing to compare: the inputs hold no activity rows")
    codes = {f.exit_code for f in failures}
    if len(failures) == 1:
        error = PlanparseError(failures[0].line())
    else:
        error = PlanparseError(f"nothing to compare: all {len(failures)} inputs failed (first: {failures[0].line()})")
    error.exit_code = ExitCode(codes.pop()) if len(codes) == 1 else ExitCode.INPUT_FILE
    return error


def compare_inputs(inputs: Iterable[str | os.PathLike[str]], by: GroupBy = "plan", *,
                   top: int = DEFAULT_TOP) -> Comparison:
    """Load every input (failures recorded, not raised) and compare; raises only if nothing loaded."""
    loaded = load(inputs)
    if loaded.activities.empty:
        raise nothing_loaded(loaded.failures)
    return compare_frame(loaded.activities, by, top=top, inputs=loaded.inputs, failures=loaded.failures)


# -- HTML ----------------------------------------------------------------------------------------------------------

def _group_headers(c: Comparison) -> tuple[list[str], dict[str, str]]:
    names = [c.labels[g] for g in c.groups["group"]]
    return [n.replace("\n", " ") for n in names], {n.replace("\n", " "): g for n, g in zip(names, c.groups["group"],
                                                                                               strict=True)}


def _groups_section(c: Comparison) -> str:
    rows = [[r.group, c.labels[r.group].replace("\n", " "), r.organizations, r.regions, r.years, r.source_files,
             r.rows, r.activities] for r in c.groups.itertuples(index=False)]
    table = h.html_table("table-groups", ["группа", "на графиках", "организации", "регионы", "годы", "файлы",
                                          "строк", "мероприятий"], rows, [False] * 6 + [True] * 2)
    notes = []
    if c.by == "plan":
        for r in c.groups.itertuples(index=False):
            if r.files > 1:
                notes.append(f"<p class=warn>В группе «{escape(r.group)}» {r.files} файла(ов): "
                             f"{escape(r.source_files)}. Их строки сложены; если это один план в разных форматах, "
                             "сравнивайте по одному файлу.</p>")
    inputs = h.html_table("table-inputs", ["вход", "прочитан как", "строк"],
                          [[i.input, i.kind, i.rows] for i in c.inputs], [False, False, True]) if c.inputs else ""
    failed = ""
    if c.failures:
        items = "".join(f"<li><code>{escape(f.line())}</code></li>" for f in c.failures)
        failed = f'<div class="warn" id="failures"><b>Не прочитано ({len(c.failures)}):</b><ul>{items}</ul></div>'
    how = ("Каждая строка — одна сравниваемая группа. Мероприятия — строки таблицы без заголовков групп "
           "(<code>is_group</code>): заголовок вроде «Проект „Сельские старосты“» представлен своими подпунктами. "
           "На графиках группы подписаны коротко (столбец «на графиках»).")
    return h.section("groups", "Что сравнивается", how, None, table + "\n" + inputs, "\n".join(notes) + failed)


def _categories_section(c: Comparison, svg: str) -> str:
    headers, titles = _group_headers(c)
    groups = list(c.groups["group"])
    rows = h.pivot(c.categories, "category", "label", groups,
                   lambda r: h.count_share(int(r["activities"]), float(r["share"])))
    rows.append(["всего мероприятий", *(str(int(n)) for n in c.groups["activities"])])
    table = h.html_table("table-categories", ["категория", *headers], rows, [False] + [True] * len(groups), titles)
    rule_names = {"title": "по названию", "group": "по заголовку группы", "section": "по разделу",
                  "none": "не найдено (прочее)"}
    rules = c.rules.assign(label=c.rules["decided_by"].map(rule_names))
    rule_rows = h.pivot(rules, "decided_by", "label", groups,
                        lambda r: h.count_share(int(r["activities"]), float(r["share"])))
    audit = ("<p>Как решена категория (см. приложение):</p>"
             + h.html_table("table-category-rules", ["решено", *headers], rule_rows, [False] + [True] * len(groups),
                            titles))
    how = ("Полоса — все мероприятия группы (100 %), отрезки — доли категорий; в скобках число мероприятий. "
           "Сравнивайте длины одинаковых цветов: доли не зависят от размера плана. В таблице — число и доля.")
    return h.section("categories", "Категории мероприятий", how, svg, table, audit)


def _months_section(c: Comparison, svg: str) -> str:
    all_year = c.timing[c.timing["timing"] == "all_year"].set_index("group")["activities"]
    rows = []
    for g in c.groups["group"]:
        counts = c.months[c.months["group"] == g].sort_values("month")["activities"].tolist()
        total = int(c.groups.set_index("group").at[g, "activities"])
        rows.append([c.labels[g].replace("\n", " "), *counts, int(all_year.get(g, 0)), total])
    table = h.html_table("table-months", ["группа", *h.months_header(), "мероприятий"], rows,
                         [False] + [True] * 14)
    how = ("Клетка — сколько мероприятий группы назначено на месяц (мероприятие с диапазоном «июнь – сентябрь» "
           "считается в каждом из его месяцев). Тёмные клетки — загруженные месяцы. Мероприятия «в течение "
           "года» не размазаны по месяцам, они в отдельном сером столбце «весь год».")
    return h.section("months", "Календарная нагрузка по месяцам", how, svg, table)


def _timing_section(c: Comparison, svg: str) -> str:
    headers, titles = _group_headers(c)
    groups = list(c.groups["group"])
    rows = h.pivot(c.timing, "timing", "label", groups,
                   lambda r: h.count_share(int(r["activities"]), float(r["share"])))
    table = h.html_table("table-timing", ["срок", *headers], rows, [False] + [True] * len(groups), titles)
    how = ("Каждое мероприятие отнесено к одному виду срока, первому подходящему: «в течение года» (в т. ч. "
           "ежемесячно, постоянно), указанные месяцы, частота без месяцев («не реже 1 раза в 6 месяцев»), "
           "«по мере необходимости», срок не указан. Большая доля «в течение года» — план описывает постоянную "
           "работу, а не календарь событий.")
    return h.section("timing", "Весь год, месяцы или по необходимости", how, svg, table)


def _meetings_section(c: Comparison) -> str:
    m = c.meetings
    rows = [[c.labels[r.group].replace("\n", " "), r.title, r.timing_raw, r.month_list or None,
             "да" if r.all_year else None, "да" if r.as_needed else None,
             None if r.per_year != r.per_year else f"{r.per_year:g}"] for r in m.itertuples(index=False)]
    table = h.html_table("table-meetings", ["группа", "заседание", "срок в плане", "месяцы", "весь год",
                                            "по необх.", "раз в год"], rows, [False] * 6 + [True])
    summary = []
    for g in c.groups["group"]:
        part = m[m["group"] == g]
        stated = part["per_year"].dropna()
        summary.append(f"<li>{escape(c.labels[g].replace(chr(10), ' '))}: {len(part)} заседаний в категории, "
                       f"частота или месяцы указаны у {len(stated)}"
                       + (f" (в сумме не менее {stated.sum():g} в год)" if len(stated) else "") + "</li>")
    how = ("Все мероприятия категории «Заседания руководящих органов». «Раз в год» — указанная в плане частота "
           "(«не реже 1-го раза в 6 месяцев» = 2), а если её нет — число названных месяцев; пусто, если сказано "
           "только «в течение года».")
    return h.section("meetings", "Заседания: заявленная частота", how, None, table, f"<ul>{''.join(summary)}</ul>")


def _responsible_section(c: Comparison) -> str:
    r = c.responsible
    rows = [[c.labels[x.group].replace("\n", " "), x.rank, x.responsible, x.activities, h.pct(x.share)]
            for x in r.itertuples(index=False)]
    table = h.html_table("table-responsible", ["группа", "место", "ответственный", "мероприятий", "доля"], rows,
                         [False, True, False, True, True])
    missing = [c.labels[g].replace("\n", " ") for g in c.groups["group"] if g not in set(r["group"].astype(str))]
    extra = (f"<p class=muted>Ответственные не указаны: {escape('; '.join(missing))}.</p>" if missing else "")
    how = (f"До {c.top} самых частых ответственных в каждой группе и сколько мероприятий за каждым. Написания, "
           "отличающиеся только регистром и пробелами, считаются одним; показано самое частое написание. "
           "Мероприятие с несколькими ответственными учитывается у каждого.")
    return h.section("responsible", "Кто отвечает", how, None, table, extra)


def _confidence_section(c: Comparison, svg: str) -> str:
    rows = [[c.labels[x.group].replace("\n", " "), x.rows, f"{x.mean:.3f}", f"{x.min:.3f}", x.below,
             h.pct(x.share_below)] for x in c.confidence.itertuples(index=False)]
    threshold = float(c.confidence["threshold"].iloc[0])
    table = h.html_table("table-confidence", ["группа", "строк", "средняя", "минимальная",
                                              f"ниже {threshold:g}", "доля к проверке"], rows, [False] + [True] * 5)
    how = ("Насколько planparse уверен в распознанных строках (0–1, все строки, включая заголовки групп). "
           f"Строки ниже {threshold:g} стоит проверить по документу: сравнение групп с большой долей таких строк "
           "менее надёжно.")
    return h.section("confidence", "Уверенность распознавания", how, svg, table)


def render_html(c: Comparison) -> str:
    """The whole report as one HTML string (deterministic for the same comparison)."""
    labels = c.labels
    svgs = {
        "categories": charts.to_svg(charts.category_chart(c.categories, labels), "chart-categories",
                                    "Доли категорий мероприятий по группам"),
        "months": charts.to_svg(charts.month_chart(c.months, c.timing, labels), "chart-months",
                                "Мероприятия по месяцам и группам"),
        "timing": charts.to_svg(charts.timing_chart(c.timing, labels), "chart-timing",
                                "Доли: весь год, по месяцам, по необходимости"),
        "confidence": charts.to_svg(charts.confidence_chart(c.confidence, labels), "chart-confidence",
                                    "Уверенность распознавания по группам"),
    }
    body = [
        _groups_section(c), _categories_section(c, svgs["categories"]), _months_section(c, svgs["months"]),
        _timing_section(c, svgs["timing"]), _meetings_section(c), _responsible_section(c),
        _confidence_section(c, svgs["confidence"]),
        h.section("vocabulary", "Приложение: словарь категорий", h.vocabulary_note(), None, h.vocabulary_table()),
    ]
    nav = [("groups", "Группы"), ("categories", "Категории"), ("months", "Месяцы"), ("timing", "Сроки"),
           ("meetings", "Заседания"), ("responsible", "Ответственные"), ("confidence", "Уверенность"),
           ("vocabulary", "Словарь")]
    acts, rows = int(c.groups["activities"].sum()), int(c.groups["rows"].sum())
    subtitle = (f"Группировка {escape(h.BY_TEXT[c.by])} · групп: {len(c.groups)} · мероприятий: {acts} "
                f"(строк: {rows}) · источников: {len(c.inputs) or '—'}"
                + (f" · не прочитано: {len(c.failures)}" if c.failures else ""))
    return h.page(TITLE, subtitle, nav, body)


# -- files ---------------------------------------------------------------------------------------------------------

def write_tables(c: Comparison, folder: Path) -> list[Path]:
    """Each comparison table as ``<name>.csv`` (UTF-8 with BOM) and ``<name>.parquet``, written atomically."""
    written = []
    for name, frame in c.tables().items():
        csv_path, parquet_path = folder / f"{name}.csv", folder / f"{name}.parquet"
        write_atomic(csv_path, functools.partial(_write_csv, frame))
        write_atomic(parquet_path, functools.partial(_write_parquet, frame))
        written += [csv_path, parquet_path]
    return written


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


def _write_text(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")


def check_output(output: Path) -> None:
    if output.suffix.lower() not in HTML_SUFFIXES:
        raise CompareArgumentError(f"{output}: the report must be an .html file")
    if output.is_dir():
        raise CompareArgumentError(f"{output}: is a folder, not a file name")


def write_report(c: Comparison, output: Path, tables_dir: Path | None = None) -> tuple[Path, ...]:
    """The HTML report (last, atomically) and the tables folder (default ``report_tables/`` beside it)."""
    check_output(output)
    text = render_html(c)
    folder = tables_dir if tables_dir is not None else output.parent / TABLES_DIR
    written = write_tables(c, folder)
    write_atomic(output, functools.partial(_write_text, text))
    return (output, *written)


__all__ = ["DEFAULT_TOP", "TABLES_DIR", "CompareArgumentError", "Comparison", "NothingToCompareError",
           "check_output", "compare_frame", "compare_inputs", "render_html", "write_report", "write_tables"]
