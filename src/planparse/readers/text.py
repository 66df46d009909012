"""Plain-text reader: exported or OCR'd plans in any common encoding.

Repairs (recorded in ``Document.notes``, never raised):
- encoding detected (BOM, strict UTF-8, then charset-normalizer among Cyrillic
  code pages); the one used is kept in ``Document.encoding``;
- CRLF/CR line ends, non-breaking and odd-width spaces;
- form feeds start a new page;
- Markdown markup (heading markers, emphasis, a pipe table's alignment row) is
  removed when the document looks like Markdown (``readers.markdown``);
- "double-spaced" exports, where every printed line is followed by one empty
  line, are collapsed: a run of n empty lines becomes (n - 1) // 2 empty lines,
  so an empty *content* line (a row separator in some exports) survives.

Line numbers stay those of the file (1-based), so a user can find a row in an
editor; page numbers count form feeds.
"""

from __future__ import annotations

import logging
from pathlib import Path

import regex

from planparse.errors import ReadError
from planparse.model import Document, Line, SourceFormat
from planparse.readers.chars import ODD_SPACES
from planparse.readers.markdown import is_alignment_row, looks_like_markdown, strip_markup

log = logging.getLogger(__name__)

# Cyrillic code pages worth trying when the bytes are not UTF-8.
_CANDIDATE_ENCODINGS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "utf_16")
#: Control, private-use, surrogate and unassigned code points (except line/page breaks and tabs), and U+FFFD.
_NON_TEXT_RE = regex.compile(r"[[\p{Cc}\p{Co}\p{Cs}\p{Cn}\ufffd]--[\n\r\t\f]]", regex.V1)
# Share of printed lines followed by exactly one empty line that marks a double-spaced export.
DOUBLE_SPACED_SHARE = 0.6
# Share of printable characters below which bytes are not text.
MIN_PRINTABLE_SHARE = 0.9


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raises ReadError for binary content."""
    if not data.strip():
        raise ReadError("the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data and not _looks_utf16(data):
        raise ReadError("binary content, not a text document")
    return _detect(data)


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4000]
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # detection library, see pyproject

    best = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise ReadError("cannot determine the text encoding (binary content?)")
    return str(best), best.encoding


def _check_printable(text: str) -> None:
    sample = text[:20000]
    if not sample.strip():
        raise ReadError("the file holds no text")
    bad = len(_NON_TEXT_RE.findall(sample))
    if bad / len(sample) > 1 - MIN_PRINTABLE_SHARE:
        raise ReadError("binary content, not a text document")


def text_to_lines(text: str) -> tuple[tuple[Line, ...], tuple[str, ...]]:
    """Split normalised text into Lines; return them with the repair notes."""
    notes: list[str] = []
    text = text.translate(ODD_SPACES)
    if "\r" in text:
        notes.append("line ends normalised (CR/CRLF)")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw: list[tuple[str, int, int]] = []  # (text, page, file line number)
    page = 1
    for number, line in enumerate(text.split("\n"), start=1):
        while "\f" in line:
            before, line = line.split("\f", 1)
            if before.strip():
                raw.append((before.rstrip(), page, number))
            page += 1
        raw.append((line.rstrip("\n"), page, number))
    if _is_double_spaced([r[0] for r in raw]):
        notes.append("double-spaced export collapsed")
        raw = _collapse_double_spacing(raw)
    return tuple(Line(t, p, n) for t, p, n in raw), tuple(notes)


def _is_double_spaced(texts: list[str]) -> bool:
    printed = [i for i, t in enumerate(texts) if t != ""]
    if len(printed) < 4:
        return False
    singles = sum(
        1
        for a, b in zip(printed, printed[1:], strict=False)
        if b - a == 2  # exactly one empty line between two printed lines
    )
    return singles / (len(printed) - 1) >= DOUBLE_SPACED_SHARE


def _collapse_double_spacing(raw: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    run: list[tuple[str, int, int]] = []
    for item in raw:
        if item[0] == "":
            run.append(item)
            continue
        out.extend(run[: (len(run) - 1) // 2])
        run = []
        out.append(item)
    out.extend(run[: (len(run) - 1) // 2])
    return out


def _without_markdown(lines: tuple[Line, ...], source: str) -> tuple[Line, ...] | None:
    """The lines with Markdown markup removed (alignment rows dropped), or None for a plain document."""
    if not looks_like_markdown([ln.text for ln in lines], source):
        return None
    return tuple(
        Line(strip_markup(ln.text), ln.page, ln.number) for ln in lines if not is_alignment_row(ln.text)
    )


def read_text_bytes(data: bytes, source: str) -> Document:
    text, encoding = decode_bytes(data)
    _check_printable(text)
    lines, notes = text_to_lines(text)
    plain = _without_markdown(lines, source)
    if plain is not None:
        lines, notes = plain, (*notes, "Markdown markup removed")
    if encoding not in {"utf-8", "utf-8-sig"}:
        notes = (f"decoded as {encoding}", *notes)
    for note in notes:
        log.info("%s: %s", source, note)
    return Document(source=source, format=SourceFormat.TEXT, blocks=lines, encoding=encoding, notes=notes)


def read_text(path: Path) -> Document:
    return read_text_bytes(path.read_bytes(), path.name)
