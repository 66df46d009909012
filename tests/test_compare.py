"""`planparse compare`: loading, the comparison tables, the self-contained HTML report, the CLI."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES, in_ci

from planparse.api import convert
from planparse.cli import main
from planparse.compare import (
    compare_frame,
    compare_inputs,
    load,
    load_activities,
    render_html,
    responsible_table,
    with_groups,
)
from planparse.confidence import REVIEW_BELOW
from planparse.errors import ExitCode
from planparse.normalize.category import labels

TULA = SAMPLES / "tula_2024.seed.txt"
SMOLENSK = SAMPLES / "smolensk_2019.seed.txt"
TULA_ORG = "Ассоциация «Совет муниципальных образований Тульской области»"
SMOLENSK_ORG = ("Смоленское Региональное отделение Общероссийской общественной организации "
                "«Всероссийский Совет местного самоуправления»")
TULA_PLAN, SMOLENSK_PLAN = f"{TULA_ORG}, 2024", f"{SMOLENSK_ORG}, 2019"
CHARTS = {"chart-categories", "chart-months", "chart-timing", "chart-confidence"}
TABLES = ("groups", "categories", "category_rules", "months", "timing", "meetings", "responsible", "confidence",
          "failures")


class Page(HTMLParser):
    """What the tests look at in the report: svgs, tables (cell texts by table id), attributes, text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.svgs: dict[str, str] = {}  # id -> its <title> and text content
        self.tables: dict[str, list[list[str]]] = {}
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.headings: list[str] = []
        self._svg: str | None = None
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = {k: v or "" for k, v in attrs}
        self.attrs += [(tag, k, v) for k, v in values.items()]
        if tag == "svg" and self._svg is None:
            self._svg = values.get("id", "")
            self.svgs[self._svg] = ""
        elif tag == "table":
            self._table = values.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag in {"h1", "h2"}:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg is not None:
            self._svg = None
        elif tag == "table":
            self._table = None
        elif tag in {"td", "th"} and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in {"h1", "h2"} and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._svg is not None:
            self.svgs[self._svg] += data
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)

    def rows(self, table_id: str) -> list[dict[str, str]]:
        header, *body = self.tables[table_id]
        return [dict(zip(header, row, strict=True)) for row in body]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """The activity table of both seed plans, straight from the converter."""
    return pd.concat([convert(TULA).to_pandas(), convert(SMOLENSK).to_pandas()], ignore_index=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Page]:
    out = tmp_path_factory.mktemp("compare") / "compare.html"
    result = CliRunner().invoke(main, ["compare", str(TULA), str(SMOLENSK), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 groups by plan" in result.output
    return out, parse(out)


def _count(cell: str) -> int:
    match = re.match(r"\d+", cell)
    assert match, cell
    return int(match.group())


# -- the report ------------------------------------------------------------------------------------------------------

def test_report_names_the_plans(report: tuple[Path, Page]) -> None:
    _, page = report
    groups = page.rows("table-groups")
    # plans in atlas order: region, then year
    assert [g["группа"] for g in groups] == [SMOLENSK_PLAN, TULA_PLAN]
    assert [(g["организации"], g["регионы"], g["годы"]) for g in groups] == [
        (SMOLENSK_ORG, "Смоленская область", "2019"), (TULA_ORG, "Тульская область", "2024")]
    assert [g["на графиках"] for g in groups] == ["Смоленская область, 2019", "Тульская область, 2024"]
    assert [int(g["строк"]) for g in groups] == [23, 52]
    assert page.headings[0] == "Сравнение планов работы"


def test_report_has_one_svg_per_chart_with_cyrillic_text(report: tuple[Path, Page]) -> None:
    path, page = report
    assert set(page.svgs) == CHARTS and page.tags["svg"] == len(CHARTS)
    assert page.tags["figure"] == len(CHARTS)
    for svg_id, text in page.svgs.items():
        assert "Тульская область, 2024" in text and "Смоленская область, 2019" in text, svg_id
    assert "янв" in page.svgs["chart-months"] and "весь" in page.svgs["chart-months"]
    assert "Семинары, обучение" in page.svgs["chart-categories"]
    assert "порог проверки 0.8" in page.svgs["chart-confidence"]
    html = path.read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids repeat across charts"
    for table in ("table-categories", "table-months", "table-timing", "table-confidence", "table-meetings",
                  "table-responsible", "table-vocabulary"):
        assert page.tables[table], table
    # each chart sits in its section, before that section's table
    for section, table in (("categories", "table-categories"), ("months", "table-months"),
                           ("timing", "table-timing"), ("confidence", "table-confidence")):
        block = html[html.index(f'<section id="{section}">'):]
        block = block[:block.index("</section>")]
        assert block.index(f'id="chart-{section}"') < block.index(f'id="{table}"')
        assert "Как читать." in block


def test_report_is_self_contained(report: tuple[Path, Page]) -> None:
    path, page = report
    for tag in ("script", "link", "img", "iframe", "object", "embed", "image"):  # <use> may point inside only
        assert page.tags[tag] == 0, tag
    for tag, name, value in page.attrs:
        assert name not in {"src", "srcset", "data", "action"}, (tag, name, value)
        if name in {"href", "xlink:href"}:
            assert value.startswith("#"), (tag, name, value)
    html = path.read_text(encoding="utf-8")
    without_namespaces = re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", html)
    assert not re.search(r"(https?:|file:|//[a-z])", without_namespaces, re.IGNORECASE)
    assert "@import" not in html and "@font-face" not in html
    assert re.findall(r"url\(([^)]*)\)", html) and all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", html))


def test_report_appendix_lists_the_vocabulary(report: tuple[Path, Page]) -> None:
    _, page = report
    rows = page.rows("table-vocabulary")
    assert [r["id"] for r in rows] == list(labels())
    assert [r["категория"] for r in rows] == list(labels().values())
    meeting = rows[0]
    assert "заседание" in meeting["ключевые слова"] and "общее собрание" in meeting["фразы"]


def test_rendering_is_deterministic(frame: pd.DataFrame) -> None:
    loaded = load([TULA, SMOLENSK])
    first = render_html(compare_frame(loaded.activities))
    second = render_html(compare_frame(load([TULA, SMOLENSK]).activities))
    assert first == second


# -- the numbers agree with pandas on the activity table -------------------------------------------------------------

def test_category_counts_sum_to_activities_and_match_pandas(report: tuple[Path, Page], frame: pd.DataFrame) -> None:
    path, page = report
    categories = pd.read_csv(path.parent / "report_tables" / "categories.csv", encoding="utf-8-sig")
    activities = load_activities([TULA, SMOLENSK])
    acts = activities[~activities["is_group"]]
    for plan, source in ((TULA_PLAN, TULA.name), (SMOLENSK_PLAN, SMOLENSK.name)):
        part = categories[categories["group"] == plan]
        assert part["activities"].sum() == (~frame.loc[frame["source_file"] == source, "is_group"]).sum()
        assert part["share"].sum() == pytest.approx(1.0)
        direct = acts.loc[acts["source_file"] == source, "category"].value_counts()
        assert dict(zip(part["category"], part["activities"], strict=True)) == {
            c: int(direct.get(c, 0)) for c in labels()}
    # the HTML pivot shows the same counts: one column per plan, last row the total
    rows = page.tables["table-categories"]
    assert rows[0][1:] == ["Смоленская область, 2019", "Тульская область, 2024"]
    assert rows[-1][1:] == ["23", "44"]
    html_counts = {row[0]: [_count(c) for c in row[1:]] for row in rows[1:-1]}
    for category, label in labels().items():
        expected = [int(categories[(categories["group"] == g) & (categories["category"] == category)]["activities"]
                        .iloc[0]) for g in (SMOLENSK_PLAN, TULA_PLAN)]
        assert html_counts[label] == expected, label


def test_categories_are_audited_by_title_group_and_section() -> None:
    activities = load_activities([TULA, SMOLENSK])
    by_title = activities.set_index("title")
    # a sub-item without a keyword of its own takes its group heading's category
    assert by_title.loc["«В кругу друзей» (организация досуга в ДК)", "category"] == "event"
    assert by_title.loc["палата сельских поселений", "category_rule"] == "title: палата"
    elections = by_title.loc["Дополнительные выборы депутатов Смоленского городского Совета"]
    assert (elections["category"], elections["category_rule"]) == ("other", "")
    game = by_title.loc["Участие в проведении деловой игры «МОЙ ВЫБОР 2018» (Избирком Смоленской области)"]
    assert (game["category"], game["category_rule"]) == ("cooperation", "section: взаимодействие")
    assert set(activities["category"]) <= set(labels())


def test_sub_item_without_keyword_takes_its_group_heading_in_the_same_file() -> None:
    rows = pd.DataFrame({
        "source_file": ["a.txt", "a.txt", "b.txt", "b.txt"],
        "item_no": ["4", "4.1", "4", "4.1"], "parent_no": [None, "4", None, "4"],
        "title": ["Заседания Палат", "городские поселения", "Конкурсы", "городские поселения"],
        "section_title": ["Работа со СМИ"] * 4, "is_group": [True, False, True, False],
        "months": [[]] * 4, "all_year": [True] * 4, "confidence": [1.0] * 4,
    })
    from planparse.compare.load import add_categories, normalize_frame

    got = add_categories(normalize_frame(rows))
    assert got["category"].tolist() == ["meeting", "meeting", "contest", "contest"]
    assert got["category_rule"].tolist() == ["title: заседание", "group: заседание", "title: конкурс",
                                             "group: конкурс"]


def test_month_counts_equal_activities_scheduled_in_that_month(report: tuple[Path, Page], frame: pd.DataFrame) -> None:
    path, page = report
    months = pd.read_parquet(path.parent / "report_tables" / "months.parquet")
    html_rows = {row["группа"]: row for row in page.rows("table-months")}
    acts = frame[~frame["is_group"]]
    for plan, source, label in ((TULA_PLAN, TULA.name, "Тульская область, 2024"),
                                (SMOLENSK_PLAN, SMOLENSK.name, "Смоленская область, 2019")):
        part = acts[acts["source_file"] == source]
        for month in range(1, 13):
            direct = int(part["months"].map(lambda ms, m=month: m in list(ms)).sum())
            table = months[(months["group"] == plan) & (months["month"] == month)]
            assert int(table["activities"].iloc[0]) == direct, (plan, month)
            assert int(html_rows[label][table["month_label"].iloc[0]]) == direct
        assert int(html_rows[label]["весь год"]) == int(part["all_year"].sum())
        assert int(html_rows[label]["мероприятий"]) == len(part)
    # Tula's calendar: four activities in February, March, April and August, none in November
    tula = months[months["group"] == TULA_PLAN].set_index("month")["activities"]
    assert [tula[m] for m in (2, 3, 4, 8, 11)] == [4, 4, 4, 4, 0]


def test_timing_shares(report: tuple[Path, Page], frame: pd.DataFrame) -> None:
    path, _ = report
    timing = pd.read_csv(path.parent / "report_tables" / "timing.csv", encoding="utf-8-sig")
    acts = frame[~frame["is_group"]]
    for plan, source in ((TULA_PLAN, TULA.name), (SMOLENSK_PLAN, SMOLENSK.name)):
        part = acts[acts["source_file"] == source]
        got = timing[timing["group"] == plan].set_index("timing")["activities"]
        assert got.sum() == len(part) and timing[timing["group"] == plan]["share"].sum() == pytest.approx(1)
        assert got["all_year"] == part["all_year"].sum()
        dated = part[~part["all_year"] & (part["months"].map(len) > 0)]
        assert got["dated"] == len(dated)
    smolensk = timing[timing["group"] == SMOLENSK_PLAN].set_index("timing")["activities"]
    # "не реже 1-го раза в 6 месяцев" and "по мере необходимости, но не реже 1-го раза в 3 месяца" recur
    # through the year ("ежеквартально" does too): all-year, not frequency-only, as "2 раза в год" would be
    assert (smolensk["frequency"], smolensk["as_needed"], smolensk["undated"]) == (0, 0, 0)
    assert smolensk["all_year"] == 15  # 13 "весь период" and the two above


def test_meeting_frequencies(report: tuple[Path, Page]) -> None:
    path, page = report
    meetings = pd.read_csv(path.parent / "report_tables" / "meetings.csv", encoding="utf-8-sig")
    smolensk = meetings[meetings["group"] == SMOLENSK_PLAN].set_index("title")
    assert smolensk.loc["Заседания Смоленского Регионального совета", "per_year"] == 2
    assert smolensk.loc["Заседания Президиума Смоленского Регионального совета", "times_per_year"] == 4
    tula = meetings[meetings["group"] == TULA_PLAN]
    assert "палата сельских поселений" in set(tula["title"])
    assert len(page.rows("table-meetings")) == len(meetings)


def test_top_responsible_parties(report: tuple[Path, Page], frame: pd.DataFrame) -> None:
    path, page = report
    responsible = pd.read_csv(path.parent / "report_tables" / "responsible.csv", encoding="utf-8-sig")
    acts = frame[(frame["source_file"] == SMOLENSK.name) & ~frame["is_group"]]
    direct = acts["responsible"].explode().dropna().value_counts()
    smolensk = responsible[responsible["group"] == SMOLENSK_PLAN]
    assert list(smolensk["rank"]) == list(range(1, len(smolensk) + 1))
    assert smolensk["responsible"].iloc[0] == direct.index[0] == "Президиум РС ВСМС"
    assert smolensk["activities"].iloc[0] == direct.iloc[0]
    assert TULA_PLAN not in set(responsible["group"])  # the Tula plan names nobody
    assert "Ответственные не указаны: Тульская область, 2024" in path.read_text(encoding="utf-8")
    assert len(page.rows("table-responsible")) == len(responsible)


def test_responsible_parties_match_case_and_space_blind() -> None:
    rows = pd.DataFrame({
        "group": pd.Categorical(["a"] * 4), "is_group": [False] * 4,
        "responsible": [["Президиум  РС"], ["президиум рс", "Правление"], ["ПРЕЗИДИУМ РС"], ["Правление"]],
    })
    top = responsible_table(rows, top=1)
    assert top[["responsible", "activities"]].values.tolist() == [["Президиум РС", 3]]
    assert len(responsible_table(rows, top=5)) == 2


def test_confidence_per_plan(report: tuple[Path, Page], frame: pd.DataFrame) -> None:
    path, page = report
    confidence = pd.read_parquet(path.parent / "report_tables" / "confidence.parquet")
    for plan, source in ((TULA_PLAN, TULA.name), (SMOLENSK_PLAN, SMOLENSK.name)):
        conf = frame.loc[frame["source_file"] == source, "confidence"]
        row = confidence[confidence["group"] == plan].iloc[0]
        assert (row["rows"], row["below"]) == (len(conf), (conf < REVIEW_BELOW).sum())
        assert row["mean"] == pytest.approx(conf.mean()) and row["min"] == pytest.approx(conf.min())
    html = {r["группа"]: r for r in page.rows("table-confidence")}
    assert html["Смоленская область, 2019"]["ниже 0.8"] == str(int((frame.loc[frame["source_file"] == SMOLENSK.name,
                                                                               "confidence"] < 0.8).sum()))


def test_tables_are_written_as_csv_and_parquet(report: tuple[Path, Page]) -> None:
    path, _ = report
    folder = path.parent / "report_tables"
    for name in TABLES:
        assert (folder / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert pq.read_table(folder / f"{name}.parquet").num_rows == len(
            pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig")), name
    assert not list(folder.glob(".*.part")) and not list(path.parent.glob(".*.part"))


# -- grouping --------------------------------------------------------------------------------------------------------

def test_group_by_region_and_year(frame: pd.DataFrame) -> None:
    later = frame[frame["source_file"] == TULA.name].assign(year=2025, source_file="tula_2025.txt")
    activities = load_activities([TULA, SMOLENSK])
    more = pd.concat([activities, later.assign(category="contest", category_rule="title: test")], ignore_index=True)
    by_region = compare_frame(more, "region")
    assert list(by_region.groups["group"]) == ["Смоленская область", "Тульская область"]
    assert list(by_region.groups["activities"]) == [23, 88]
    assert by_region.groups.set_index("group").at["Тульская область", "years"] == "2024; 2025"
    by_year = compare_frame(more, "year")
    assert list(by_year.groups["group"]) == ["2019", "2024", "2025"]
    # a table that already has categories keeps them (the 2025 copy was marked all "contest")
    contest = by_year.categories[(by_year.categories["group"] == "2025")].set_index("category")["activities"]
    assert contest["contest"] == 44 and contest.sum() == 44
    by_plan = compare_frame(more, "plan")
    assert len(by_plan.groups) == 3 and set(by_plan.labels.values()) == {
        "Тульская область, 2024", "Тульская область, 2025", "Смоленская область, 2019"}


def test_one_plan_in_several_files_is_flagged_and_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    copy = tmp_path / "tula_copy.txt"
    shutil.copyfile(TULA, copy)
    twice = compare_inputs([TULA, TULA])
    assert len(twice.inputs) == 1 and list(twice.groups["rows"]) == [52]
    both = compare_inputs([TULA, copy])
    assert list(both.groups["files"]) == [2] and list(both.groups["rows"]) == [104]
    assert "2 файла(ов): tula_2024.seed.txt; tula_copy.txt" in render_html(both)


def test_plans_sharing_region_and_year_get_their_names_on_charts() -> None:
    tula = load_activities([TULA])
    other = tula.assign(organization="Совет представительных органов Тульской области", source_file="other.txt")
    labels_ = compare_frame(pd.concat([tula, other], ignore_index=True)).labels
    # "Тульская область, 2024" twice would be ambiguous: the names are shown, wrapped for the chart axis
    assert {g: label.replace("\n", " ") for g, label in labels_.items()} == {g: g for g in labels_}
    assert all(len(line) <= 34 for label in labels_.values() for line in label.splitlines())
    assert len(labels_) == 2


def test_plan_without_organization_falls_back_to_title_then_file(frame: pd.DataFrame) -> None:
    activities = load_activities([SMOLENSK]).assign(organization=None)
    assert list(with_groups(activities, "plan")["group"].unique()) == [activities["doc_title"].iloc[0]]
    activities = activities.assign(doc_title=None)
    assert list(with_groups(activities, "plan")["group"].unique()) == [SMOLENSK.name]
    assert list(with_groups(activities, "organization")["group"].unique()) == ["(не указано)"]


@pytest.mark.parametrize(("by", "groups"), [("region", ["Смоленская область", "Тульская область"]),
                                            ("year", ["2019", "2024"])])
def test_cli_by(tmp_path: Path, by: str, groups: list[str]) -> None:
    out = tmp_path / "r.html"
    tables = tmp_path / "tables"
    result = CliRunner().invoke(main, ["compare", str(SMOLENSK), str(TULA), "-o", str(out), "--by", by,
                                       "--tables", str(tables), "--top", "2"])
    assert result.exit_code == 0, result.output
    page = parse(out)
    assert [r["группа"] for r in page.rows("table-groups")] == groups
    assert set(page.svgs) == CHARTS
    assert pd.read_csv(tables / "groups.csv", encoding="utf-8-sig")["group"].astype(str).tolist() == groups
    assert pd.read_csv(tables / "responsible.csv", encoding="utf-8-sig")["rank"].max() == 2
    assert not (tmp_path / "report_tables").exists()


# -- inputs ----------------------------------------------------------------------------------------------------------

def test_convert_outputs_and_batch_folders_give_the_same_tables(tmp_path: Path) -> None:
    runner = CliRunner()
    for plan, suffix in ((TULA, ".parquet"), (SMOLENSK, ".csv")):
        result = runner.invoke(main, ["convert", str(plan), "-o", str(tmp_path / f"{plan.stem}{suffix}")])
        assert result.exit_code == 0, result.output
    outdir = tmp_path / "batch"
    (outdir / "activities").mkdir(parents=True)
    for plan in (TULA, SMOLENSK):
        pq.write_table(convert(plan).to_arrow(), outdir / "activities" / f"part-{plan.stem}.parquet")
    pq.write_table(pa.table({"path": ["/in/a.txt", "/in/b.pdf"], "status": ["ok", "failed"],
                             "error": [None, "b.pdf: encrypted"], "error_code": pa.array([None, 6], pa.int8())}),
                   outdir / "files.parquet")

    direct = compare_inputs([TULA, SMOLENSK])
    from_outputs = compare_inputs([tmp_path / "tula_2024.seed.parquet", tmp_path / "smolensk_2019.seed.csv"])
    from_batch = compare_inputs([outdir])
    from_parts = compare_inputs([outdir / "activities"])
    for other in (from_outputs, from_batch, from_parts):
        for name in ("categories", "months", "timing", "meetings", "responsible", "confidence"):
            pd.testing.assert_frame_equal(getattr(direct, name), getattr(other, name), obj=name)
    assert [i.kind for i in from_outputs.inputs] == ["parquet", "csv"]
    assert [(f.input, f.exit_code) for f in from_batch.failures] == [(f"{outdir}: /in/b.pdf", 6)]
    assert not from_parts.failures


def test_xlsx_output_is_an_input(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SMOLENSK), "-o", str(out)]).exit_code == 0
    direct, from_xlsx = compare_inputs([SMOLENSK]), compare_inputs([out])
    for name in ("categories", "months", "timing", "responsible"):
        pd.testing.assert_frame_equal(getattr(direct, name), getattr(from_xlsx, name), obj=name)


def test_docx_sample_compares_like_its_text(tmp_path: Path) -> None:
    docx = SAMPLES / "smolensk_2019.docx"
    if not docx.exists():
        pytest.skip("no DOCX sample")
    a, b = compare_inputs([SMOLENSK]), compare_inputs([docx])
    assert list(a.groups["group"]) == list(b.groups["group"])
    pd.testing.assert_frame_equal(a.months, b.months)


# -- failures --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "code"), [(b"", ExitCode.INPUT_FILE), (None, ExitCode.INPUT_FILE),
                                               ("Просто письмо без плана.\n".encode(), ExitCode.NO_PLAN)])
def test_bad_input_one_line_and_no_report(tmp_path: Path, content: bytes | None, code: ExitCode) -> None:
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    out = tmp_path / "out" / "report.html"
    result = CliRunner().invoke(main, ["compare", str(bad), "-o", str(out)])
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planparse: error: ") and "bad.txt" in lines[0]
    assert not out.exists() and not (tmp_path / "out" / "report_tables").exists()


def test_bad_output_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", str(TULA), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == ExitCode.BAD_ARGS
    assert result.stderr.strip().splitlines() == [f"planparse: error: {tmp_path / 'r.pdf'}: the report must be an "
                                                  ".html file"]
    assert not list(tmp_path.iterdir())


def test_empty_dataset_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["compare", str(tmp_path / "empty"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == ExitCode.INPUT_FILE
    assert "planparse batch" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_one_bad_input_is_listed_and_the_rest_compared(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["compare", str(TULA), str(bad), str(SMOLENSK), "-o", str(out)])
    assert result.exit_code == ExitCode.FINISHED_WITH_FAILURES
    assert [ln for ln in result.stderr.splitlines() if "broken.docx" in ln][0].startswith("planparse: warning: skipped")
    page = parse(out)
    assert len(page.rows("table-groups")) == 2
    assert "broken.docx" in out.read_text(encoding="utf-8").split('id="failures"')[1].split("</div>")[0]
    failures = pd.read_csv(tmp_path / "report_tables" / "failures.csv", encoding="utf-8-sig")
    assert failures["input"].tolist() == [str(bad)] and failures["exit_code"].tolist() == [3]


def test_load_never_raises_on_a_bad_input(tmp_path: Path) -> None:
    (tmp_path / "x.parquet").write_bytes(b"PAR1 not really")
    pq.write_table(pa.table({"a": [1]}), tmp_path / "other.parquet")
    loaded = load([tmp_path / "x.parquet", tmp_path / "other.parquet", TULA])
    assert len(loaded.activities) == 52 and len(loaded.failures) == 2
    assert "missing columns" in loaded.failures[1].error


# -- screenshot ------------------------------------------------------------------------------------------------------

@pytest.mark.screenshot
def test_screenshot_in_headless_chromium(report: tuple[Path, Page], tmp_path: Path) -> None:
    """Render the report as a person sees it; keep the PNG (``out/compare_report.png`` or $PLANPARSE_SCREENSHOT)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        if in_ci():
            pytest.fail("chromium is missing in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from PIL import Image, ImageStat

    html, _ = report
    png = tmp_path / "compare_report.png"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
               "--window-size=1280,2400", html.resolve().as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    image = Image.open(png).convert("RGB")
    assert image.size == (1280, 2400)
    grey = image.convert("L")
    assert ImageStat.Stat(grey).stddev[0] > 20, "the page is blank"
    top = grey.crop((0, 0, 1280, 120))  # the title is drawn
    assert top.getextrema()[0] < 80
    colours = image.resize((320, 600)).getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 50, "no charts drawn"
    keep = Path(os.environ.get("PLANPARSE_SCREENSHOT", ROOT / "out" / "compare_report.png"))
    keep.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, keep)
    print(f"screenshot: {keep}")
