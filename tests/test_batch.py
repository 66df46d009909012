"""`planparse batch`: many files -> one dataset; failures recorded, kills survived, resume exact."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

import planparse
from planparse.batch import (
    BatchOptions,
    FileRecord,
    FileStatus,
    FileTask,
    TaskResult,
    WorkersDyingError,
    find_inputs,
    process_file,
    read_activities,
    read_files_table,
    read_journal,
    run_batch,
    runner,
)
from planparse.batch.plan import plan_batch
from planparse.batch.progress import RichProgress
from planparse.batch.store import OutDir
from planparse.cli import main
from planparse.writers import SCHEMA

GOOD = ["tula_2024.seed.txt", "smolensk_2019.numbered.txt", "tula_2024.docx", "smolensk_2019.table.docx",
        "smolensk_2019.pdf"]
# ten distinct plans (text, DOCX, PDF; no OCR) for the interruption test
TEN = [*GOOD, "smolensk_2019.seed.txt", "tula_2024.pipe.txt", "tula_2024.pdf", "smolensk_2019.table.pdf",
       "smolensk_2019.docx"]


def _copy(folder: Path, names: list[str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(SAMPLES / n, folder / n)) for n in names]


def _png_bytes() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (120, 60), "white").save(buf, format="PNG")
    return buf.getvalue()


def _rows(out: Path, path: Path) -> pd.DataFrame:
    frame = read_activities(out).to_pandas()
    return frame[frame["source_path"] == str(path)].drop(columns="source_path").reset_index(drop=True)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["source_path", "page", "line", "title"]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """Good plans, a corrupt PDF, an empty file, PNG bytes named .docx, a renamed copy, a stray file."""
    folder = tmp_path / "plans"
    _copy(folder, GOOD)
    (folder / "sub").mkdir()
    (folder / "versions").mkdir()
    (folder / "broken.pdf").write_bytes((SAMPLES / "tula_2024.pdf").read_bytes()[:3000])
    (folder / "sub" / "empty.txt").write_bytes(b"")
    (folder / "picture.docx").write_bytes(_png_bytes())
    shutil.copy(SAMPLES / "tula_2024.seed.txt", folder / "versions" / "renamed copy.txt")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0 a thumbnail cache")
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return folder


def test_mixed_folder_keeps_good_rows_and_explains_failures(mixed: Path, tmp_path: Path) -> None:
    out = mixed / "out"  # inside the input folder: must not be read as input
    result = CliRunner().invoke(main, ["batch", str(mixed), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 10, result.output
    assert result.stdout.startswith("batch: 10 files (5 ok, 3 failed, 1 duplicate, 1 skipped)")
    for name in GOOD:
        pd.testing.assert_frame_equal(_rows(out, mixed / name), planparse.convert(mixed / name).to_pandas())
    assert pq.read_table(out / "activities" / next(p.name for p in (out / "activities").iterdir())).schema.equals(
        SCHEMA)

    files = {Path(r.path).relative_to(mixed).as_posix(): r for r in read_files_table(OutDir(out))}
    assert set(files) == {*GOOD, "broken.pdf", "sub/empty.txt", "picture.docx", "versions/renamed copy.txt",
                          "Thumbs.db"}
    broken, empty, picture = files["broken.pdf"], files["sub/empty.txt"], files["picture.docx"]
    assert (broken.status, broken.format, broken.error_code) == (FileStatus.FAILED, "pdf", 3)
    assert "corrupt" in (broken.error or "")
    assert empty.status is FileStatus.FAILED and "empty" in (empty.error or "")
    assert picture.status is FileStatus.FAILED and picture.format == "image" and picture.error
    copy = files["versions/renamed copy.txt"]
    assert copy.status is FileStatus.DUPLICATE and copy.duplicate_of == str(mixed / "tula_2024.seed.txt")
    assert copy.hash == files["tula_2024.seed.txt"].hash
    assert files["Thumbs.db"].status is FileStatus.SKIPPED and "suffix .db" in (files["Thumbs.db"].error or "")
    tula = files["tula_2024.seed.txt"]
    assert (tula.status, tula.rows, tula.layout, tula.format, tula.encoding) == (FileStatus.OK, 52, "grid", "text",
                                                                                 "utf-8")
    assert len(list((out / "activities").glob("part-*.parquet"))) == 5  # the copy was not parsed


def test_outdir_of_an_earlier_run_needs_resume_or_overwrite(tmp_path: Path) -> None:
    _copy(tmp_path / "in", ["tula_2024.seed.txt"])
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1"]).exit_code == 0
    again = runner.invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1"])
    assert again.exit_code == 2 and "--resume" in again.stderr and "--overwrite" in again.stderr
    (out / "mine.txt").write_text("the user's own file", encoding="utf-8")
    fresh = runner.invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "-j", "1", "--overwrite"])
    assert fresh.exit_code == 0, fresh.output
    assert (out / "mine.txt").exists()  # --overwrite removes only the batch's own outputs
    assert len(read_journal(OutDir(out).journal)) == 1
    other = runner.invoke(main, ["batch", str(tmp_path / "in"), "-o", str(out), "--resume", "--layout", "grid"])
    assert other.exit_code == 2 and "--layout auto" in other.stderr  # a resumed run keeps its layout
    assert runner.invoke(main, ["batch", str(tmp_path / "nothing*"), "-o", str(tmp_path / "o2")]).exit_code == 2


def test_progress_is_quiet_off_a_terminal_and_report_has_charts(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(mixed), "-o", str(out), "-j", "2"])
    assert result.stderr == ""  # not a TTY: no bar, no noise
    assert result.stdout.count("\n") == 1  # the one-line summary

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, dict[str, str | None]]] = []
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    page = Collect()
    page.feed((out / "report.html").read_text(encoding="utf-8"))
    page.close()
    ids = {a.get("id") for t, a in page.tags if t == "figure"}
    assert {"chart-rows-per-file", "chart-confidence"} <= ids
    assert sum(t == "svg" for t, _ in page.tags) == 2
    assert not any(a.get("src") or (t == "link") for t, a in page.tags)  # self-contained, offline
    text = " ".join(page.text)
    assert "broken.pdf" in text and "corrupt" in text and "Rows per file" in text
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## Failures" in md and "broken.pdf" in md and "renamed copy.txt" in md


def test_rich_progress_shows_rate_and_failures() -> None:
    stream = io.StringIO()
    bar = RichProgress(stream)
    bar.start(total=3, done=1)
    bar.advance(FileRecord("/a", FileStatus.OK, "h1"))
    bar.advance(FileRecord("/b", FileStatus.FAILED, "h2", error="bad"))
    bar.stop()
    text = stream.getvalue()
    assert "3/3" in text and "1 failed" in text and "files/s" in text


def test_combined_csv_is_the_per_file_csvs_under_one_header(tmp_path: Path) -> None:
    files = _copy(tmp_path / "in", ["tula_2024.docx", "smolensk_2019.seed.txt"])
    summary = run_batch([tmp_path / "in"], tmp_path / "out", BatchOptions(jobs=1, csv=True))
    assert summary.exit_code == 0 and summary.rows == 75
    expected = b""
    for path in sorted(files):
        planparse.convert(path).write(tmp_path / f"{path.name}.csv")
        raw = (tmp_path / f"{path.name}.csv").read_bytes()
        expected += raw if not expected else raw.split(b"\n", 1)[1]
    assert (tmp_path / "out" / "activities.csv").read_bytes() == expected


def _journal_lines(out: Path) -> list[dict]:
    path = out / ".planparse" / "journal.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if line.endswith("\n")]


def test_killed_batch_resumes_to_exactly_the_uninterrupted_dataset(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy(folder, TEN)
    killed = tmp_path / "killed"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(folder), "-o", str(killed), "-j", "1",
                             "--max-tasks-per-child", "3"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(_journal_lines(killed)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, as an OOM kill or a power cut would
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode() if proc.stderr else ""
    before = _journal_lines(killed)
    assert 2 <= len(before) < len(TEN), "the batch must be killed midway"

    # nothing half-written: every Parquet file reads back; anything else is a temporary name
    for path in killed.rglob("*"):
        if path.is_file() and path.suffix == ".parquet":
            table = pq.read_table(path)
            assert path.parent.name != "activities" or table.schema.equals(SCHEMA)
        elif path.is_file():
            assert path.name.endswith(".part") or path.parent.name == ".planparse", path
    (killed / "activities" / ".part-0123.parquet.x1y2.part").write_bytes(b"PAR1 torn")  # a torn temp file

    resumed = CliRunner().invoke(main, ["batch", str(folder), "-o", str(killed), "-j", "2", "--resume"])
    assert resumed.exit_code == 0, resumed.output
    assert not list(killed.rglob("*.part"))
    after = _journal_lines(killed)
    assert after[: len(before)] == before  # earlier lines untouched
    hashes = [line["hash"] for line in after]
    assert len(hashes) == len(set(hashes)) == len(TEN)  # every file converted exactly once
    assert {line["path"] for line in after[len(before):]}.isdisjoint(line["path"] for line in before)

    clean = tmp_path / "clean"
    assert CliRunner().invoke(main, ["batch", str(folder), "-o", str(clean), "-j", "2"]).exit_code == 0
    pd.testing.assert_frame_equal(_sorted(read_activities(killed).to_pandas()),
                                  _sorted(read_activities(clean).to_pandas()))
    assert len(read_activities(clean)) == sum(len(planparse.convert(folder / n).activities) for n in TEN)


def test_ctrl_c_stops_cleanly_and_keeps_finished_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy(folder, TEN)
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(folder), "-o", str(out), "-j", "1"],
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _journal_lines(out) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the whole foreground group
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "--resume" in stderr and "Traceback" not in stderr
    journalled = {line["path"] for line in _journal_lines(out)}
    assert 1 <= len(journalled) < len(TEN)
    assert {r.path for r in read_files_table(OutDir(out))} == journalled  # files.parquet written on the way out
    assert not list(out.rglob("*.part"))


def crashy_task(task: FileTask) -> TaskResult:
    """Test task: kills its worker process on "crash" files, as a segfault in a C library would."""
    if "crash" in Path(task.path).name:
        os._exit(70)
    return process_file(task)


def dying_task(task: FileTask) -> TaskResult:
    """Test task: a worker that can never finish anything (as when workers cannot start here)."""
    os._exit(71)


def hanging_task(task: FileTask) -> TaskResult:
    """Test task: "hang" sleeps (the worker's alarm stops it); "stuck" also blocks the alarm, like C code."""
    name = Path(task.path).name
    if "stuck" in name:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    if "hang" in name or "stuck" in name:
        time.sleep(120)
    return process_file(task)


def test_a_crashing_worker_fails_only_its_own_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy(folder, ["tula_2024.seed.txt", "smolensk_2019.seed.txt", "tula_2024.pipe.txt"])
    (folder / "crash.txt").write_text("kills the worker", encoding="utf-8")
    summary = run_batch([folder], tmp_path / "out", BatchOptions(jobs=2), task=crashy_task)
    records = {Path(r.path).name: r for r in read_files_table(OutDir(tmp_path / "out"))}
    assert records["crash.txt"].status is FileStatus.FAILED and records["crash.txt"].error_type == "WorkerCrash"
    assert [r.status for n, r in sorted(records.items()) if n != "crash.txt"] == [FileStatus.OK] * 3
    assert summary.exit_code == 10 and summary.rows == 52 + 23 + 52


def test_workers_that_never_finish_anything_stop_the_batch_with_a_reason(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _copy(folder, GOOD)
    with pytest.raises(WorkersDyingError, match="before finishing any file"):
        run_batch([folder], tmp_path / "out", BatchOptions(jobs=2), task=dying_task)


def test_a_hanging_file_times_out_and_the_batch_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file's clock starts when it is handed to the pool, its worker's alarm when the worker starts it; a new
    # worker first imports planparse (seconds on a loaded machine), so the outside limit gets room enough here
    # for "hang" to be stopped by its own alarm whatever the load (the default grace is 2 s at this timeout).
    monkeypatch.setattr(runner, "hard_grace", lambda timeout: 6.0)
    folder = tmp_path / "in"
    _copy(folder, ["tula_2024.seed.txt", "smolensk_2019.seed.txt"])
    (folder / "hang.txt").write_text("sleeps", encoding="utf-8")
    (folder / "stuck.txt").write_text("sleeps with SIGALRM blocked", encoding="utf-8")
    started = time.monotonic()
    summary = run_batch([folder], tmp_path / "out", BatchOptions(jobs=2, timeout=3), task=hanging_task)
    assert time.monotonic() - started < 60
    records = {Path(r.path).name: r for r in read_files_table(OutDir(tmp_path / "out"))}
    assert records["hang.txt"].error == "timed out after 3 s"  # the worker's own alarm
    assert records["stuck.txt"].error == "timed out after 3 s; its worker was stopped"  # killed from outside
    assert {records[n].error_type for n in ("hang.txt", "stuck.txt")} == {"Timeout"}
    assert records["tula_2024.seed.txt"].status is records["smolensk_2019.seed.txt"].status is FileStatus.OK
    assert summary.failed == 2


def test_dask_local_cluster_gives_the_same_dataset(mixed: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")  # part of the [test] extra; see pyproject.toml
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = CliRunner().invoke(main, ["batch", str(mixed), "-o", str(tmp_path / "dask"),
                                           "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 10, result.output
    local = tmp_path / "local"
    assert CliRunner().invoke(main, ["batch", str(mixed), "-o", str(local), "-j", "2"]).exit_code == 10
    pd.testing.assert_frame_equal(_sorted(read_activities(tmp_path / "dask").to_pandas()),
                                  _sorted(read_activities(local).to_pandas()))
    status = {Path(r.path).name: r.status for r in read_files_table(OutDir(tmp_path / "dask"))}
    assert status["broken.pdf"] is FileStatus.FAILED and status["renamed copy.txt"] is FileStatus.DUPLICATE


def test_find_inputs_walks_folders_globs_and_skips_hidden_and_outdir(tmp_path: Path) -> None:
    _copy(tmp_path / "a" / "b", ["tula_2024.seed.txt"])
    _copy(tmp_path / "a" / ".git", ["smolensk_2019.seed.txt"])
    _copy(tmp_path / "a" / "out", ["smolensk_2019.seed.txt"])
    (tmp_path / "a" / "z.pdf").write_bytes(b"%PDF")
    (tmp_path / "a" / ".z.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "c.doc").write_bytes(b"x")
    found = find_inputs([tmp_path / "a", str(tmp_path / "*.doc"), tmp_path / "a" / "z.pdf"],
                        exclude=tmp_path / "a" / "out")
    assert [(f.path.relative_to(tmp_path).as_posix(), f.explicit) for f in found] == [
        ("a/b/tula_2024.seed.txt", False), ("a/z.pdf", True), ("c.doc", True)]


def test_workbooks_in_folders_are_read_and_planparse_own_workbooks_skipped(tmp_path: Path) -> None:
    from xlsx_plans import deadline_plan, grid_plan  # not at the top: workers import this module (openpyxl is slow)

    folder = tmp_path / "plans"
    (folder / "2027").mkdir(parents=True)
    grid_plan(folder / "2027" / "grid.xlsx")
    deadline_plan(folder / "deadlines.XLSM")
    rows = folder / "2027" / "grid.rows.xlsx"
    planparse.convert(folder / "2027" / "grid.xlsx").write(rows, report=tmp_path / "report.json")  # an output
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0 a thumbnail cache")
    found = {f.path.relative_to(folder).as_posix(): f for f in find_inputs([folder])}
    assert {name: (f.wanted, f.skipped) for name, f in found.items()} == {
        "2027/grid.xlsx": (True, None),
        "2027/grid.rows.xlsx": (False, "a workbook written by planparse (an 'activities' sheet), not a plan"),
        "Thumbs.db": (False, "suffix .db is not a plan format; name the file to read it anyway"),
        "deadlines.XLSM": (True, None),
    }
    out = folder / "out"  # inside the input folder, with a workbook of its own (--xlsx)
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "-j", "1", "--xlsx"])
    assert result.exit_code == 0, result.output
    files = {Path(r.path).relative_to(folder).as_posix(): r for r in read_files_table(OutDir(out))}
    assert {n: (r.status, r.format, r.rows) for n, r in files.items()} == {
        "2027/grid.xlsx": (FileStatus.OK, "xlsx", 5), "deadlines.XLSM": (FileStatus.OK, "xlsx", 5),
        "2027/grid.rows.xlsx": (FileStatus.SKIPPED, None, None), "Thumbs.db": (FileStatus.SKIPPED, None, None)}
    assert files["2027/grid.rows.xlsx"].error == found["2027/grid.rows.xlsx"].skipped
    again = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "-j", "1", "--xlsx", "--overwrite"])
    assert again.exit_code == 0 and (out / "activities.xlsx").exists()  # its own workbook is not read back
    assert len(read_files_table(OutDir(out))) == 4
    named = find_inputs([folder / "2027" / "grid.rows.xlsx"])  # named: read, and refused by the reader
    assert [(f.wanted, f.skipped) for f in named] == [(True, None)]


def _record(path: str, status: FileStatus, digest: str | None, **kw: object) -> FileRecord:
    return FileRecord(path, status, digest, **kw)  # type: ignore[arg-type]


def test_plan_keeps_finished_files_redoes_changed_ones_and_marks_duplicates(tmp_path: Path) -> None:
    paths = [tmp_path / n for n in ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt")]
    found = [f for p in paths for f in find_inputs([p])]
    hashes = {paths[0]: "h1", paths[1]: "h2", paths[2]: "h1", paths[3]: "h4", paths[4]: "h5"}
    previous = {
        str(paths[0]): _record(str(paths[0]), FileStatus.OK, "h1", rows=3),
        str(paths[1]): _record(str(paths[1]), FileStatus.OK, "old"),  # content changed since
        str(paths[3]): _record(str(paths[3]), FileStatus.FAILED, "h4", error="bad"),
        str(paths[4]): _record(str(paths[4]), FileStatus.OK, "h5"),  # its part is gone
    }
    plan = plan_batch(found, hashes, previous, part_ok=lambda h: h != "h5")
    assert [t.path for t in plan.tasks] == [str(paths[1]), str(paths[4])]
    assert {r.path for r in plan.kept} == {str(paths[0]), str(paths[3])}
    assert plan.decided == (_record(str(paths[2]), FileStatus.DUPLICATE, "h1", duplicate_of=str(paths[0])),)
    retry = plan_batch(found, hashes, previous, part_ok=lambda h: True, retry_failed=True)
    assert [t.path for t in retry.tasks] == [str(paths[1]), str(paths[3])]


def test_xlsx_workbook_holds_the_dataset_files_and_review(tmp_path: Path) -> None:
    import openpyxl

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("tula_2024.ocr.txt", "smolensk_2019.seed.txt"):
        shutil.copy(SAMPLES / name, inputs / name)
    (inputs / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(inputs), "-o", str(out), "-j", "1", "--xlsx"])
    assert result.exit_code == 10, result.output  # the empty file failed; the workbook is still written
    book = openpyxl.load_workbook(out / "activities.xlsx", read_only=True)
    assert book.sheetnames == ["activities", "files", "review"]
    rows = list(book["activities"].iter_rows(values_only=True))
    names = ("tula_2024.ocr.txt", "smolensk_2019.seed.txt")
    expected = sum(len(planparse.convert(inputs / n).activities) for n in names)
    assert len(rows) - 1 == expected
    files = list(book["files"].iter_rows(values_only=True))
    status = files[0].index("status")
    assert sorted(r[status] for r in files[1:]) == ["failed", "ok", "ok"]
    review = list(book["review"].iter_rows(values_only=True))
    conf = [r[review[0].index("confidence")] for r in review[1:]]
    assert conf and conf == sorted(conf) and max(conf) < 0.8
