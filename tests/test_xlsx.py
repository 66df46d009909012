"""Excel output: sheets, header, filters, list cells, review sheet, atomic write."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from planparse.api import convert
from planparse.cli import main
from planparse.confidence import REVIEW_BELOW
from planparse.errors import OutputError

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[openpyxl.Workbook, object]:
    out = tmp_path_factory.mktemp("xlsx") / "plan.xlsx"
    result = CliRunner().invoke(main, ["convert", str(SAMPLES / "tula_2024.ocr.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not list(out.parent.glob("*.part"))
    return openpyxl.load_workbook(out), convert(SAMPLES / "tula_2024.ocr.txt")


def test_sheets_and_header(workbook) -> None:
    book, result = workbook
    assert book.sheetnames == ["activities", "files", "review"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        first_row = next(sheet.iter_rows(min_row=1, max_row=1))
        assert all(c.font.bold for c in first_row)
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"


def test_activities_sheet_matches_the_table(workbook) -> None:
    book, result = workbook
    rows = list(book["activities"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(result.activities)
    col = {name: i for i, name in enumerate(header)}
    for row, activity in zip(body, result.activities, strict=True):
        assert row[col["title"]] == activity.title
        assert row[col["item_no"]] == activity.item_no  # kept as text: "6.1" must not become 6.1
        assert row[col["months"]] == ("; ".join(map(str, activity.months)) or None)
        assert row[col["confidence"]] == pytest.approx(activity.confidence)


def test_review_sheet_lists_doubtful_rows_least_sure_first(workbook) -> None:
    book, result = workbook
    rows = list(book["review"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    conf = [r[header.index("confidence")] for r in body]
    assert len(body) == len(result.review) > 0
    assert conf == sorted(conf) and all(c < REVIEW_BELOW for c in conf)
    assert all(r[header.index("flags")] for r in body)  # every doubt says why


def test_files_sheet(workbook) -> None:
    book, result = workbook
    header, row = list(book["files"].iter_rows(values_only=True))
    record = dict(zip(header, row, strict=True))
    assert record["path"] == "tula_2024.ocr.txt" and record["format"] == "text" and record["layout"] == "grid"
    assert record["rows"] == len(result.activities) and record["rows_to_review"] == len(result.review)


def test_too_many_rows_is_refused_and_nothing_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planparse.writers.xlsx as xlsx

    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 10)
    out = tmp_path / "big.xlsx"
    with pytest.raises(OutputError, match="do not fit"):
        convert(SAMPLES / "tula_2024.seed.txt").write(out)
    assert list(tmp_path.iterdir()) == []
