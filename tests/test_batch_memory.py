"""A batch worker's memory: what it loads, what it sends back, and its budget.

No timing or RSS thresholds here (those are in ``benchmarks/batch_scale.py``):
these tests pin the structure that keeps workers small.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pyarrow.parquet as pq
from conftest import SAMPLES

from planparse.api import convert
from planparse.batch import memory
from planparse.batch.model import FileStatus, FileTask, TaskResult
from planparse.batch.runner import keep_rows
from planparse.batch.store import OutDir
from planparse.batch.worker import process_file, run_task
from planparse.writers.tables import SCHEMA, from_json_lines, to_arrow

WORKER_PROBE = """
import json, sys
from planparse.batch.model import FileTask
from planparse.batch.worker import run_task, process_file
result = run_task(process_file, FileTask(sys.argv[1], "h"))
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "pyarrow", "pandas", "matplotlib"})
print(json.dumps({"status": str(result.record.status), "rows": result.record.rows, "heavy": heavy}))
"""


def test_a_worker_converts_without_loading_table_libraries() -> None:
    # a fresh interpreter, as a forkserver worker is: the task module and one conversion
    for name in ("tula_2024.seed.txt", "smolensk_2019.table.docx", "smolensk_2019.pdf"):
        out = subprocess.run([sys.executable, "-c", WORKER_PROBE, str(SAMPLES / name)], capture_output=True,
                             text=True, check=True)
        probe = json.loads(out.stdout)
        assert probe["status"] == "ok" and probe["rows"] > 10, (name, probe)
        assert probe["heavy"] == [], f"{name}: a worker imported {probe['heavy']}"


def test_rows_sent_as_json_lines_make_the_same_table_as_the_activities() -> None:
    result = convert(SAMPLES / "smolensk_2019.seed.txt")
    sent = process_file(FileTask(str(SAMPLES / "smolensk_2019.seed.txt"), "h"))
    assert sent.record.rows == len(result.activities)
    table = from_json_lines(sent.rows or b"")
    assert table.schema == SCHEMA
    assert table.equals(to_arrow(result.activities))
    assert table.to_pylist()[0]["title"] == result.activities[0].title


def test_the_parent_writes_the_part_before_the_record_is_kept(tmp_path) -> None:
    out = OutDir(tmp_path)
    sent = process_file(FileTask(str(SAMPLES / "tula_2024.seed.txt"), "abc123"))
    record = keep_rows(out, sent)
    assert record.status is FileStatus.OK
    assert pq.read_table(out.part("abc123")).num_rows == record.rows


def test_rows_that_cannot_be_written_fail_that_file_only(tmp_path) -> None:
    sent = process_file(FileTask(str(SAMPLES / "tula_2024.seed.txt"), "abc123"))
    torn = TaskResult(sent.record, b'{"title": "half a row')
    record = keep_rows(OutDir(tmp_path), torn)
    assert record.status is FileStatus.FAILED and "cannot write its rows" in (record.error or "")
    assert record.rows is None and not OutDir(tmp_path).part("abc123").exists()


def test_memo_caches_are_found_and_loader_caches_kept() -> None:
    found = memory.memo_caches()
    assert found, "no bounded lru_cache found in planparse modules"
    assert all(c.cache_parameters()["maxsize"] for c in found)
    from planparse.normalize import category

    loaders = [v for v in vars(category).values() if hasattr(v, "cache_parameters")
               and v.cache_parameters()["maxsize"] is None]
    assert loaders and not any(v in found for v in loaders)


def test_a_worker_above_its_budget_drops_memo_caches_and_one_below_keeps_them() -> None:
    convert(SAMPLES / "tula_2024.seed.txt")  # fills the timing caches
    filled = sum(c.cache_info().currsize for c in memory.memo_caches())
    assert filled > 0
    assert memory.rss_mb() is not None and memory.rss_mb() > 1
    assert memory.keep_within(10_000.0) is False  # far below the budget: nothing is dropped
    assert sum(c.cache_info().currsize for c in memory.memo_caches()) == filled
    assert memory.keep_within(1.0) is True  # any Python process is above 1 MB
    assert sum(c.cache_info().currsize for c in memory.memo_caches()) == 0
    assert memory.keep_within(None) is False


def test_run_task_applies_the_budget_after_each_file() -> None:
    convert(SAMPLES / "tula_2024.seed.txt")
    assert any(c.cache_info().currsize for c in memory.memo_caches())
    result = run_task(process_file, FileTask(str(SAMPLES / "tula_2024.seed.txt"), "h", memory_mb=1.0))
    assert result.record.status is FileStatus.OK
    assert sum(c.cache_info().currsize for c in memory.memo_caches()) == 0
