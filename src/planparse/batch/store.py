"""What a batch keeps on disk, and how it survives being killed.

    OUTDIR/activities/part-<hash>.parquet   one per converted file (SCHEMA), from the rows its worker sent
    OUTDIR/files.parquet                    one row per input (FILES_SCHEMA), rebuilt from the journal
    OUTDIR/.planparse/journal.jsonl         one line per finished file, flushed and fsync'd
    OUTDIR/.planparse/run.json              the settings a --resume must keep (layout, csv)

The journal is the truth: a line is appended only after the file's part is in
place, so after ``kill -9`` every journalled file is complete and every other
file is simply converted again.  Everything else is derived and rewritten
atomically (temporary name, then rename).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from planparse.batch.model import FileRecord, FileStatus, OutdirInUseError
from planparse.writers.atomic import write_atomic
from planparse.writers.tables import from_json_lines

HASH_CHUNK = 1 << 20
SETTINGS_VERSION = 1


FILES_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("hash", pa.string()),
        ("format", pa.string()),
        ("layout", pa.string()),
        ("encoding", pa.string()),
        ("rows", pa.int32()),
        ("mean_confidence", pa.float64()),
        ("min_confidence", pa.float64()),
        ("rows_to_review", pa.int32()),
        ("status", pa.string()),
        ("error", pa.string()),
        ("error_type", pa.string()),
        ("error_code", pa.int8()),
        ("seconds", pa.float64()),
        ("duplicate_of", pa.string()),
    ]
)
assert set(FILES_SCHEMA.names) == {f.name for f in dataclasses.fields(FileRecord)}, "files schema and record disagree"


def files_table(records: list[FileRecord]) -> pa.Table:
    """Records -> the ``files.parquet`` table, one row per input path, sorted by path."""
    ordered = sorted(records, key=lambda r: r.path)
    lines = "\n".join(json.dumps(r.to_json(), ensure_ascii=False) for r in ordered)
    return from_json_lines(lines.encode("utf-8"), FILES_SCHEMA)


def file_hash(path: Path) -> str:
    """Content key (BLAKE2b-128, hex): equal bytes -> equal key, whatever the file is called."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class OutDir:
    """Names of everything a batch writes under OUTDIR."""

    root: Path

    @property
    def parts(self) -> Path:
        return self.root / "activities"

    @property
    def state(self) -> Path:
        return self.root / ".planparse"

    @property
    def journal(self) -> Path:
        return self.state / "journal.jsonl"

    @property
    def settings(self) -> Path:
        return self.state / "run.json"

    @property
    def files(self) -> Path:
        return self.root / "files.parquet"

    @property
    def csv(self) -> Path:
        return self.root / "activities.csv"

    @property
    def report_html(self) -> Path:
        return self.root / "report.html"

    @property
    def report_md(self) -> Path:
        return self.root / "report.md"

    def part(self, file_hash: str) -> Path:
        return self.parts / f"part-{file_hash}.parquet"

    def has_run(self) -> bool:
        return self.journal.exists() or self.settings.exists() or self.parts.exists()

    def outputs(self) -> tuple[Path, ...]:
        return (self.parts, self.state, self.files, self.csv, self.report_html, self.report_md)


def part_is_complete(path: Path) -> bool:
    """A part whose Parquet footer reads back (a file cut short by a power loss does not)."""
    try:
        pq.read_metadata(path)
    except (OSError, ValueError):  # pyarrow raises ArrowInvalid (a ValueError) for a bad footer
        return False
    return True


def clean_stale_temps(out: OutDir) -> list[Path]:
    """Remove temporary files a killed run left (``.<name>.<random>.part``)."""
    removed = []
    for folder in (out.root, out.parts, out.state):
        if folder.is_dir():
            for tmp in folder.glob(".*.part"):
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
    return removed


def remove_outputs(out: OutDir) -> None:
    """--overwrite: delete what an earlier batch wrote, and nothing else in OUTDIR."""
    for path in out.outputs():
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def load_settings(out: OutDir) -> dict[str, Any]:
    if not out.settings.exists():
        return {}
    data: dict[str, Any] = json.loads(out.settings.read_text(encoding="utf-8"))
    return data


def save_settings(out: OutDir, settings: dict[str, Any]) -> None:
    text = json.dumps({"version": SETTINGS_VERSION, **settings}, ensure_ascii=False, indent=2) + "\n"
    out.state.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out.settings, text)


def write_text_atomic(path: Path, text: str) -> Path:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    write_atomic(path, write)
    return path


def prepare(out: OutDir, *, resume: bool, overwrite: bool) -> dict[str, Any]:
    """Make OUTDIR ready; return the earlier run's settings when resuming (else {})."""
    if out.root.exists() and not out.root.is_dir():
        raise OutdirInUseError("exists and is not a folder", path=str(out.root))
    if out.has_run():
        if overwrite:
            remove_outputs(out)
        elif not resume:
            raise OutdirInUseError(
                "holds an earlier batch: pass --resume to continue it or --overwrite to start again",
                path=str(out.root),
            )
    previous = load_settings(out) if resume else {}
    out.parts.mkdir(parents=True, exist_ok=True)
    out.state.mkdir(parents=True, exist_ok=True)
    clean_stale_temps(out)
    return previous


class Journal:
    """Append-only JSON lines; each line is on disk before ``append`` returns."""

    def __init__(self, path: Path) -> None:
        self.path = path
        _drop_torn_tail(path)
        self._fh: IO[str] = path.open("a", encoding="utf-8")

    def append(self, record: FileRecord) -> None:
        self._fh.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line a kill left without its newline, so the next append starts clean."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


def read_journal(path: Path) -> dict[str, FileRecord]:
    """The last record per path (a later line for the same path supersedes an earlier one)."""
    records: dict[str, FileRecord] = {}
    if not path.exists():
        return records
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.endswith("\n"):
                break  # torn by a kill; that file is converted again
            record = FileRecord.from_json(json.loads(line))
            records[record.path] = record
    return records


def write_part(out: OutDir, digest: str, rows: bytes) -> Path:
    """A worker's JSON-lines rows -> ``activities/part-<hash>.parquet`` (atomic)."""
    table = from_json_lines(rows)
    path = out.part(digest)
    write_atomic(path, lambda tmp: pq.write_table(table, tmp))
    return path


def write_files_table(out: OutDir, records: Iterable[FileRecord]) -> Path:
    table = files_table(list(records))
    write_atomic(out.files, lambda tmp: pq.write_table(table, tmp))
    return out.files


def read_files_table(out: OutDir) -> list[FileRecord]:
    """The records of ``files.parquet`` (the batch's final word on every input)."""
    if not out.files.exists():
        return []
    return [FileRecord.from_json(row) for row in pq.read_table(out.files).to_pylist()]


def remove_orphan_parts(out: OutDir, records: Iterable[FileRecord]) -> list[Path]:
    """Delete parts no ok record points to (a file whose content changed between runs)."""
    keep = {out.part(r.hash).name for r in records if r.status is FileStatus.OK and r.hash}
    orphans = [p for p in out.parts.glob("part-*.parquet") if p.name not in keep]
    for part in orphans:
        part.unlink(missing_ok=True)
    return orphans
