"""DOC, RTF and ODT files: converted to DOCX by LibreOffice, then read as DOCX.

The only module that runs LibreOffice.  Every call is isolated: the input is
copied into a fresh temporary directory under a name whose suffix matches its
content (so a ``.doc`` that is really RTF or HTML is loaded by the right
filter, and odd file names never reach the command line), LibreOffice gets a
throwaway user profile there (parallel runs never share a profile or wait for
each other's lock), and the directory is removed afterwards whatever happens.
A conversion that overruns its timeout has its whole process group killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from planparse.errors import ConverterUnavailableError, PlanparseError, ReadError
from planparse.model import Document, SourceFormat
from planparse.readers.docx import read_docx_bytes

TIMEOUT = 120.0  # seconds; a large DOC converts in a few seconds
STDERR_TAIL = 300  # characters of LibreOffice's output quoted in an error
MISSING = "LibreOffice is needed for .doc/.rtf/.odt files: apt-get install libreoffice-writer-nogui"
# Format recorded for each input suffix chosen from the content (anything else is DOC).
_SUFFIX_FORMATS = {
    ".rtf": SourceFormat.RTF, ".odt": SourceFormat.ODT, ".html": SourceFormat.HTML, ".htm": SourceFormat.HTML,
}  # fmt: skip
# LibreOffice export filter per target suffix.
_FILTERS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt", "rtf": "rtf", "pdf": "pdf"}


def find_soffice() -> str:
    """Path of the LibreOffice binary; raises ConverterUnavailableError when absent."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise ConverterUnavailableError(MISSING)
    return binary


def office_format(path: Path) -> SourceFormat:
    """DOC, RTF, ODT or HTML from the content (magic bytes) first, the suffix second; DOC otherwise."""
    return _SUFFIX_FORMATS.get(_input_suffix(path), SourceFormat.DOC)


def _input_suffix(path: Path) -> str:
    """Suffix that makes LibreOffice pick the filter matching the content."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".doc"
    if head.startswith(b"PK\x03\x04"):
        return ".docx" if path.suffix.lower() == ".docx" else ".odt"
    if probe.startswith((b"<!doctype html", b"<html")) or (probe.startswith(b"<?xml") and b"<html" in probe):
        return ".html"
    suffix = path.suffix.lower()
    return suffix if suffix in {".rtf", ".odt", ".html", ".htm", ".docx"} else ".doc"


def _tail(text: bytes) -> str:
    tail = " ".join(text.decode("utf-8", errors="replace").split())
    return tail[-STDERR_TAIL:] or "no output"


def convert_with_libreoffice(path: Path, target: str, *, timeout: float = TIMEOUT) -> bytes:
    """Convert ``path`` with LibreOffice to ``target`` ("docx", "doc", "odt", "rtf", "pdf"); return the bytes."""
    binary = find_soffice()
    with tempfile.TemporaryDirectory(prefix="planparse-soffice-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        source = work / f"input{_input_suffix(path)}"
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise ReadError(f"cannot read the file ({exc.strerror or exc})") from exc
        outdir = work / "out"
        command = [
            binary,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", _FILTERS.get(target, target),
            "--outdir", str(outdir),
            str(source),
        ]  # fmt: skip
        try:
            proc = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                cwd=work, start_new_session=True,  # own process group: a timeout kills every child
            )  # fmt: skip
        except OSError as exc:
            raise ConverterUnavailableError(f"cannot start LibreOffice ({exc}); {MISSING}") from exc
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise ReadError(f"LibreOffice timed out after {timeout:g} s converting to {target.upper()}") from None
        except BaseException:
            _kill_group(proc)
            raise
        result = outdir / f"input.{target}"
        if not result.is_file() or result.stat().st_size == 0:
            raise ReadError(
                f"LibreOffice could not convert the file to {target.upper()} "
                f"(exit {proc.returncode}: {_tail(output)})"
            )
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    if proc.stdout is not None:
        proc.stdout.close()  # never wait on a pipe an escaped grandchild may hold
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)


def convert_to_docx(path: Path, *, timeout: float = TIMEOUT) -> bytes:
    """A DOC/RTF/ODT (or HTML saved as .doc) file converted to DOCX bytes by LibreOffice."""
    return convert_with_libreoffice(path, "docx", timeout=timeout)


def read_office(path: Path) -> Document:
    """Read a DOC, RTF or ODT file: LibreOffice -> DOCX -> the DOCX reader.

    The Document keeps the original file name and format (DOC, RTF or ODT from
    the content); its notes say that it was converted.
    """
    fmt = office_format(path)
    try:
        data = convert_to_docx(path)
    except PlanparseError as exc:  # name the file, like the dispatcher does for ReadError
        if exc.path is None:
            raise type(exc)(str(exc), path=path.name) from exc
        raise
    doc = read_docx_bytes(data, path.name, fmt)
    note = f"converted from {fmt.value.upper()} to DOCX by LibreOffice"
    return Document(doc.source, doc.format, doc.blocks, doc.encoding, (note, *doc.notes))
