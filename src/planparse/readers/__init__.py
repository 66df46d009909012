"""Readers turn a file into the neutral ``Document``; they never parse layouts.

``read(path)`` picks the reader from the content (magic bytes) first and the
suffix second, so a mis-named file is read by the right reader or rejected with
a clear message.  Containers are told apart by their members: a zip holding
``word/document.xml`` is DOCX, ``xl/workbook.xml`` XLSX (or .xlsm),
``content.xml`` ODT; an OLE2 compound file is DOC unless its directory names
an encrypted DOCX/XLSX (``EncryptedPackage``: exit 6) or an XLS workbook
(refused, see ``cfb``).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from pathlib import Path

from planparse.errors import EncryptedDocumentError, ReadError, UnsupportedFormatError
from planparse.model import Document, SourceFormat
from planparse.readers.cfb import MAGIC as OLE_MAGIC
from planparse.readers.cfb import file_directory_names
from planparse.readers.text import read_text

Reader = Callable[[Path], Document]


def _lazy(module: str, function: str) -> Reader:
    """Import a reader only when a file needs it (pdfplumber, docx, OCR load slowly)."""

    def reader(path: Path) -> Document:
        mod = importlib.import_module(f"planparse.readers.{module}")
        result: Document = getattr(mod, function)(path)
        return result

    reader.__name__ = function
    return reader


READERS: dict[SourceFormat, Reader] = {
    SourceFormat.TEXT: read_text,
    SourceFormat.PDF: _lazy("pdf", "read_pdf"),
    SourceFormat.DOCX: _lazy("docx", "read_docx"),
    SourceFormat.DOC: _lazy("office", "read_office"),
    SourceFormat.RTF: _lazy("office", "read_office"),
    SourceFormat.ODT: _lazy("office", "read_office"),
    SourceFormat.HTML: _lazy("office", "read_office"),
    SourceFormat.XLSX: _lazy("xlsx", "read_xlsx"),
    SourceFormat.IMAGE: _lazy("ocr", "read_image"),
}

_MAGIC: tuple[tuple[bytes, SourceFormat], ...] = (
    (b"%PDF", SourceFormat.PDF),
    (b"{\\rtf", SourceFormat.RTF),
    (b"\x89PNG", SourceFormat.IMAGE),
    (b"\xff\xd8\xff", SourceFormat.IMAGE),
    (b"II*\x00", SourceFormat.IMAGE),
    (b"MM\x00*", SourceFormat.IMAGE),
)


_HTML = re.compile(rb"^(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


def sniff_format(path: Path) -> SourceFormat:
    """Format from the first bytes; zip containers are told apart by their members."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if head.startswith(OLE_MAGIC[:4]):
        return _sniff_compound(path)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    if _HTML.search(head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def _sniff_compound(path: Path) -> SourceFormat:
    """An OLE2 compound file: Word 97-2003 (or unknown: LibreOffice decides), an XLS, or an encrypted DOCX/XLSX."""
    names = file_directory_names(path)
    if "WordDocument" in names or not names:
        return SourceFormat.DOC
    if {"EncryptionInfo", "EncryptedPackage"} <= names:
        raise EncryptedDocumentError(
            "a password-protected (encrypted) Office document: save it without a password to read it", path=path.name
        )
    if names & {"Workbook", "Book"}:
        raise UnsupportedFormatError("an Excel 97-2003 workbook (.xls): save it as .xlsx to read it", path=path.name)
    return SourceFormat.DOC


def _sniff_zip(path: Path) -> SourceFormat:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return SourceFormat.DOCX
            if "xl/workbook.xml" in names:
                return SourceFormat.XLSX
            if "xl/workbook.bin" in names:
                raise UnsupportedFormatError("an Excel binary workbook (.xlsb): save it as .xlsx to read it",
                                             path=path.name)
            if "content.xml" in names:
                mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
                if b"spreadsheet" in mimetype:
                    raise UnsupportedFormatError("an OpenDocument spreadsheet (.ods): save it as .xlsx to read it",
                                                 path=path.name)
                return SourceFormat.ODT
    except zipfile.BadZipFile as exc:
        raise ReadError(f"corrupt or truncated zip container ({exc})", path=path.name) from exc
    raise UnsupportedFormatError("a zip archive that is not a DOCX, XLSX or ODT document", path=path.name)


def read(path: str | Path) -> Document:
    """Read any supported file into a Document (raises a PlanparseError subclass)."""
    path = Path(path)
    if not path.exists():
        raise ReadError("no such file", path=str(path))
    if path.is_dir():
        raise ReadError("is a directory, not a file", path=str(path))
    if path.stat().st_size == 0:
        raise ReadError("the file is empty (0 bytes)", path=path.name)
    fmt = sniff_format(path)
    reader = READERS.get(fmt)
    if reader is None:
        raise UnsupportedFormatError(f"{fmt.value.upper()} files are not read yet", path=path.name)
    try:
        return reader(path)
    except ReadError as exc:
        if exc.path is None:
            raise type(exc)(str(exc), path=path.name) from exc
        raise
