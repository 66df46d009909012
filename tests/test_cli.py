from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from planparse.cli import main
from planparse.writers import SCHEMA

TULA = SAMPLES / "tula_2024.seed.txt"
SMOLENSK = SAMPLES / "smolensk_2019.seed.txt"


def test_convert_parquet_writes_table_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "activities.parquet"
    result = CliRunner().invoke(main, ["convert", str(TULA), "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.schema.equals(SCHEMA)
    assert table.num_rows == 52
    report = json.loads((tmp_path / "activities.report.json").read_text(encoding="utf-8"))
    assert report["layout"] == "grid" and report["rows"] == 52
    assert report["metadata"]["region"] == "Тульская область"
    md = (tmp_path / "activities.report.md").read_text(encoding="utf-8")
    assert "layout: **grid**" in md


def test_convert_csv_has_bom_and_joined_lists(tmp_path: Path) -> None:
    out = tmp_path / "activities.csv"
    result = CliRunner().invoke(main, ["convert", str(SMOLENSK), "-o", str(out), "--report", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 23
    assert frame.loc[2, "months"] == "6; 7; 8; 9"
    assert (tmp_path / "r.json").exists() and (tmp_path / "r.md").exists()


def test_layout_can_be_forced(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(SMOLENSK), "-o", str(tmp_path / "a.csv"), "--layout", "grid"])
    assert result.exit_code == 4
    assert "not a grid plan" in result.output


def test_bad_output_suffix(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(TULA), "-o", str(tmp_path / "a.json")])
    assert result.exit_code == 2


@pytest.mark.parametrize("sample, layout", [(TULA, "grid"), (SMOLENSK, "columns")])
def test_inspect_prints_layout_sections_preview_and_review(tmp_path: Path, sample: Path, layout: str) -> None:
    result = CliRunner().invoke(main, ["inspect", str(sample)])
    assert result.exit_code == 0, result.output
    assert f"layout {layout}" in result.output
    assert "sections:" in result.output and "rows to review" in result.output
    assert not list(tmp_path.iterdir())


def test_python_api_result(tmp_path: Path) -> None:
    import planparse

    result = planparse.convert(TULA)
    frame = result.to_pandas()
    assert list(frame.columns) == SCHEMA.names
    assert frame["is_group"].sum() == 8
    assert set(frame.loc[frame["is_group"], "item_no"]) == {"6", "7", "8", "9", "11", "15", "16", "26"}
    assert result.layout.value == "grid" and result.report["rows"] == 52


def test_outputs_get_the_usual_file_mode(tmp_path) -> None:
    import os

    out = tmp_path / "a.csv"
    assert CliRunner().invoke(main, ["convert", str(TULA), "-o", str(out)]).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert (out.stat().st_mode & 0o777) == 0o666 & ~mask  # not mkstemp's private 0600
