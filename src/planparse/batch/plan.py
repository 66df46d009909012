"""Which files to convert, given what an earlier run already did (pure; no I/O).

The content hash is the key.  A file is converted at most once per content:
the first path (in sorted order) holding some content owns it, every other
path with the same bytes is recorded as its duplicate.  On ``--resume`` a
path whose journalled record still matches its content (and, for ``ok``,
whose part is complete) is kept as it is, so nothing is converted twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from planparse.batch.discovery import Found
from planparse.batch.model import FileRecord, FileStatus, FileTask
from planparse.errors import ExitCode

HashOrError = str | OSError


@dataclass(frozen=True, slots=True)
class Plan:
    tasks: tuple[FileTask, ...]  # to convert now, in input order
    decided: tuple[FileRecord, ...]  # settled without converting: duplicates, skipped, unreadable (to journal)
    kept: tuple[FileRecord, ...]  # earlier records that still hold (already journalled)

    def records(self) -> list[FileRecord]:
        """Every record known before any task finishes."""
        return [*self.kept, *self.decided]


def _still_valid(record: FileRecord, part_ok: Callable[[str], bool], retry_failed: bool) -> bool:
    if record.status is FileStatus.OK:
        return record.hash is not None and part_ok(record.hash)
    if record.status is FileStatus.FAILED:
        return not retry_failed
    return True


def plan_batch(
    found: Sequence[Found],
    hashes: Mapping[Path, HashOrError],
    previous: Mapping[str, FileRecord],
    *,
    part_ok: Callable[[str], bool],
    layout: str = "auto",
    timeout: float | None = None,
    memory_mb: float | None = None,
    retry_failed: bool = False,
) -> Plan:
    """Decide every input's fate; ``hashes`` holds a hash or the error met reading the file."""
    current = {str(f.path): f for f in found}
    valid = {p: r for p, r in previous.items() if _still_valid(r, part_ok, retry_failed)}
    kept: dict[str, FileRecord] = {}
    owners: dict[str, str] = {}  # hash -> the path whose conversion holds it
    for path, record in valid.items():
        item = current.get(path)
        if item is not None and (not item.wanted or hashes.get(item.path) != record.hash):
            continue  # re-decided below from the file as it is now
        if record.status in (FileStatus.OK, FileStatus.FAILED):
            kept[path] = record
            if record.hash:
                owners.setdefault(record.hash, path)
        elif item is None:
            kept[path] = record  # an earlier input not named this time: its record stands

    tasks: list[FileTask] = []
    decided: list[FileRecord] = []
    for item in found:
        path = str(item.path)
        if path in kept:
            continue
        if not item.wanted:
            record = FileRecord(path, FileStatus.SKIPPED, error=item.skipped)
        elif isinstance(digest := hashes[item.path], OSError):
            record = FileRecord(path, FileStatus.FAILED, error=f"{path}: cannot read ({digest.strerror or digest})",
                                error_type=type(digest).__name__, error_code=int(ExitCode.INPUT_FILE))
        elif digest in owners:
            record = FileRecord(path, FileStatus.DUPLICATE, digest, duplicate_of=owners[digest])
        else:
            owners[digest] = path
            tasks.append(FileTask(path, digest, layout, timeout, memory_mb))
            continue
        if previous.get(path) == record:
            kept[path] = record
        else:
            decided.append(record)
    return Plan(tuple(tasks), tuple(decided), tuple(kept.values()))
