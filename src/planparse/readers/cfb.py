"""The names in an OLE2 compound file's directory (the container of DOC, XLS and encrypted OOXML).

A compound file ("CFB", magic ``D0 CF 11 E0``) is a little file system: a
header, a FAT of sector chains, and a directory of 128-byte entries naming
its storages and streams.  What the names tell apart:

- ``WordDocument``: a Word 97-2003 document (DOC);
- ``Workbook`` / ``Book``: an Excel 97-2003 or Excel 5 workbook (XLS);
- ``EncryptionInfo`` + ``EncryptedPackage``: a password-protected DOCX/XLSX
  (Office wraps the encrypted zip in a compound file; which of the two it is
  cannot be known without the password).

Only the directory is read: the header's sector size and FAT sector list (and
the DIFAT chain for large files), then the directory's sector chain.  Any
inconsistency (a truncated file, a chain that loops or points outside the
file) ends the walk with the names found so far; nothing here raises.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFE  # ENDOFCHAIN; anything >= 0xFFFFFFFA is a marker, not a sector
_MAX_SECTOR = 0xFFFFFFFA
_ENTRY = 128
_HEADER_FAT_SLOTS = 109


def _chain(start: int, fat: list[int], limit: int) -> list[int]:
    """Sector numbers of a chain, stopping at its end, a loop or a sector outside the FAT."""
    out: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector < _MAX_SECTOR and sector < len(fat) and sector not in seen and len(out) < limit:
        seen.add(sector)
        out.append(sector)
        sector = fat[sector]
    return out


def directory_names(data: bytes | mmap.mmap) -> set[str]:
    """Names of every storage and stream in the compound file ``data`` (empty when it is none)."""
    if len(data) < 512 or data[:8] != MAGIC:
        return set()
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    count = (len(data) - 512) // size  # whole sectors after the header

    def sector(n: int) -> bytes:
        return data[512 + n * size : 512 + (n + 1) * size] if 0 <= n < count else b""

    fat_sectors = [s for s in struct.unpack_from(f"<{_HEADER_FAT_SLOTS}I", data, 0x4C) if s < _MAX_SECTOR]
    difat, seen = struct.unpack_from("<I", data, 0x44)[0], set()
    while difat < _MAX_SECTOR and difat not in seen and (block := sector(difat)):
        seen.add(difat)
        slots = struct.unpack(f"<{size // 4}I", block)
        fat_sectors.extend(s for s in slots[:-1] if s < _MAX_SECTOR)
        difat = slots[-1]
    fat: list[int] = []
    for n in fat_sectors:
        block = sector(n)
        fat.extend(struct.unpack(f"<{len(block) // 4}I", block))
    names: set[str] = set()
    for n in _chain(struct.unpack_from("<I", data, 0x30)[0], fat, count):
        block = sector(n)
        for offset in range(0, len(block) - _ENTRY + 1, _ENTRY):
            length = struct.unpack_from("<H", block, offset + 64)[0]
            if 2 <= length <= 64 and block[offset + 66] != 0:  # type 0: an unused entry
                names.add(block[offset : offset + length - 2].decode("utf-16-le", errors="replace"))
    return names


def file_directory_names(path: Path) -> set[str]:
    """``directory_names`` of a file on disk (empty when it cannot be read)."""
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return directory_names(data)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return set()
