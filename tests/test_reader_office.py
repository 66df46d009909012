"""DOC/RTF/ODT through LibreOffice: real round trips (skipped without soffice) and
the failure paths with fake binaries (always run)."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest

from planparse.errors import ConverterUnavailableError, ExitCode, ReadError
from planparse.model import Cell, Document, Line, SourceFormat, Table
from planparse.readers import office, read
from planparse.readers.docx import read_docx

needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice (soffice) is not installed",
)

E = Cell(())
TITLE = "План работы на 2019 год"
# What every format of the small plan below must read as.
EXPECTED_BLOCKS = (
    Line(TITLE, 1, 1),
    Table(
        rows=(
            (Cell(("Мероприятия",)), Cell(("Срок",)), Cell(("Ответственные",))),
            (Cell(("Группа",), colspan=3), E, E),
            (Cell(("- Первое", "", "- Второе")), Cell(("апрель", "", "май")), Cell(("РО ВСМС",))),
            (Cell(("- Первое", "", "- Второе"), continued=True), Cell(("весь период",)), E),
        ),
        page=1,
        number=2,
    ),
    Line("", 1, 3),
)


# ---------------------------------------------------------------- the small plan in three formats


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph(TITLE)
    t = d.add_table(rows=4, cols=3)
    for k, text in enumerate(["Мероприятия", "Срок", "Ответственные"]):
        t.cell(0, k).text = text
    t.cell(1, 0).merge(t.cell(1, 2)).text = "Группа"
    t.cell(2, 0).merge(t.cell(3, 0))
    for cell, lines in ((t.cell(2, 0), ["- Первое", "", "- Второе"]), (t.cell(2, 1), ["апрель", "", "май"])):
        cell.paragraphs[0].text = lines[0]
        for text in lines[1:]:
            cell.add_paragraph(text)
    t.cell(2, 2).text = "РО ВСМС"
    t.cell(3, 1).text = "весь период"
    d.add_paragraph("")  # Word always ends a document with a paragraph
    d.save(path)
    return path


def _rtf_escape(text: str) -> str:
    return "".join(c if ord(c) < 128 else f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" for c in text)


def make_rtf(path: Path) -> Path:
    """Hand-written RTF: horizontal (clmgf/clmrg) and vertical (clvmgf/clvmrg) merges."""
    rtf = rf"""{{\rtf1\ansi\deff0{{\fonttbl{{\f0 Times New Roman;}}}}
\pard {TITLE}\par
\trowd\cellx3000\cellx6000\cellx9000
\pard\intbl Мероприятия\cell Срок\cell Ответственные\cell\row
\trowd\clmgf\cellx3000\clmrg\cellx6000\clmrg\cellx9000
\pard\intbl Группа\cell\cell\cell\row
\trowd\clvmgf\cellx3000\cellx6000\cellx9000
\pard\intbl - Первое\par\par - Второе\cell апрель\par\par май\cell РО ВСМС\cell\row
\trowd\clvmrg\cellx3000\cellx6000\cellx9000
\pard\intbl\cell весь период\cell\cell\row
\pard\par
}}"""
    path.write_text(_rtf_escape(rtf), encoding="ascii")
    return path


ODT_CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">
<office:body><office:text>
<text:p>{TITLE}</text:p>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>Мероприятия</text:p></table:table-cell>
<table:table-cell><text:p>Срок</text:p></table:table-cell>
<table:table-cell><text:p>Ответственные</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>Группа</text:p></table:table-cell>
<table:covered-table-cell/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2">
<text:p>- Первое</text:p><text:p/><text:p>- Второе</text:p></table:table-cell>
<table:table-cell><text:p>апрель</text:p><text:p/><text:p>май</text:p></table:table-cell>
<table:table-cell><text:p>РО ВСМС</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell><text:p>весь период</text:p></table:table-cell>
<table:table-cell><text:p/></table:table-cell></table:table-row>
</table:table>
<text:p/>
</office:text></office:body></office:document-content>"""
ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def make_odt(path: Path) -> Path:
    """Hand-written minimal ODT: number-columns-spanned / number-rows-spanned merges."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", ODT_CONTENT, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_the_docx_itself_reads_as_expected(tmp_path: Path) -> None:
    assert read_docx(make_docx(tmp_path / "plan.docx")).blocks == EXPECTED_BLOCKS


# ---------------------------------------------------------------- real LibreOffice (4 calls in all)


@pytest.fixture(scope="module")
def round_trips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """DOCX -> DOC by LibreOffice, then DOC, hand-written RTF (saved as .doc) and ODT read in parallel."""
    tmp = tmp_path_factory.mktemp("office")
    doc = tmp / "plan.doc"
    doc.write_bytes(office.convert_with_libreoffice(make_docx(tmp / "plan.docx"), "doc"))
    files = {"doc": doc, "rtf": make_rtf(tmp / "plan.rtf.doc"), "odt": make_odt(tmp / "plan.odt")}
    with ThreadPoolExecutor(max_workers=3) as pool:  # one throwaway profile per call: no collisions
        docs = dict(zip(files, pool.map(office.read_office, files.values()), strict=True))
    return docs


@needs_libreoffice
@pytest.mark.parametrize(
    "kind, source, fmt",
    [
        ("doc", "plan.doc", SourceFormat.DOC),
        ("rtf", "plan.rtf.doc", SourceFormat.RTF),
        ("odt", "plan.odt", SourceFormat.ODT),
    ],
)
def test_round_trip(round_trips: dict[str, Document], kind: str, source: str, fmt: SourceFormat) -> None:
    got = round_trips[kind]
    assert (got.source, got.format) == (source, fmt)  # the original name and format, detected from content
    assert got.blocks == EXPECTED_BLOCKS
    assert got.notes[0] == f"converted from {fmt.value.upper()} to DOCX by LibreOffice"


# ---------------------------------------------------------------- failure paths (fake binaries)


def test_missing_soffice_is_a_missing_dependency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    path = make_rtf(tmp_path / "plan.rtf")
    with pytest.raises(ConverterUnavailableError, match="apt-get install libreoffice-writer-nogui") as err:
        office.convert_to_docx(path)
    assert err.value.exit_code == ExitCode.MISSING_DEPENDENCY
    with pytest.raises(ConverterUnavailableError, match=r"^plan\.rtf: LibreOffice is needed") as err:
        read(path)  # through the dispatcher: one line naming the file
    assert err.value.path == "plan.rtf"


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """A shell script standing in for soffice; ``tempfile`` is pointed at an empty directory to watch."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: str(script) if name == "soffice" else None)
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    return temp_root


def test_timeout_kills_the_process_group_and_removes_the_temp_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "child.pid"
    temp_root = fake_soffice(tmp_path, monkeypatch, f"sleep 30 &\necho $! > {pid_file}\nwait\n")
    start = time.monotonic()
    with pytest.raises(ReadError, match="LibreOffice timed out after 0.5 s"):
        office.convert_to_docx(make_rtf(tmp_path / "plan.rtf"), timeout=0.5)
    assert time.monotonic() - start < 10
    assert list(temp_root.iterdir()) == []
    child = int(pid_file.read_text())
    for _ in range(100):  # the grandchild got SIGKILL with its group
        if not _alive(child):
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the converter's child process survived the timeout")


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as dead)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: ask the kernel
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    return stat_line.rsplit(")", 1)[1].split()[0] not in {"Z", "X"}


def test_no_output_is_a_read_error_with_the_tool_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    temp_root = fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2\nexit 0\n")
    with pytest.raises(ReadError, match=r"could not convert .*source file could not be loaded"):
        office.convert_to_docx(make_rtf(tmp_path / "plan.rtf"))
    assert list(temp_root.iterdir()) == []


def test_command_line_profile_and_content_suffix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each call: own profile and outdir in a fresh temp dir; the input copied under a suffix
    matching its content (an RTF named .doc goes in as .rtf); read_office keeps name and format."""
    made = make_docx(tmp_path / "made.docx")
    args = tmp_path / "args"
    body = (
        f'for a in "$@"; do echo "$a"; done >> {args}\n'
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        f'mkdir -p "$2" && cp {made} "$2/input.docx"\n'
    )
    temp_root = fake_soffice(tmp_path, monkeypatch, body)
    got = office.read_office(make_rtf(tmp_path / "plan.rtf.doc"))
    assert (got.source, got.format, got.blocks) == ("plan.rtf.doc", SourceFormat.RTF, EXPECTED_BLOCKS)
    office.read_office(make_odt(tmp_path / "other.odt"))
    lines = args.read_text().splitlines()
    profiles = [a for a in lines if a.startswith("-env:UserInstallation=file://")]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert all(p.startswith(f"-env:UserInstallation={temp_root.as_uri()}/") for p in profiles)
    assert {"--headless", "--norestore", "--convert-to"} <= set(lines)
    assert [a.rsplit("/", 1)[-1] for a in lines if a.endswith((".rtf", ".odt", ".doc"))] == ["input.rtf", "input.odt"]
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize(
    "head, suffix, fmt",
    [
        (b"{\\rtf1\\ansi", ".doc", SourceFormat.RTF),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".rtf", SourceFormat.DOC),
        (b"PK\x03\x04", ".doc", SourceFormat.ODT),
        (b"<!DOCTYPE html><html>", ".doc", SourceFormat.HTML),
        (b"\xef\xbb\xbf<html><body>", ".doc", SourceFormat.HTML),
        (b"whatever", ".rtf", SourceFormat.RTF),
        (b"whatever", ".doc", SourceFormat.DOC),
    ],
)
def test_office_format_from_content_first(tmp_path: Path, head: bytes, suffix: str, fmt: SourceFormat) -> None:
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(head + b"\x00" * 16)
    assert office.office_format(path) == fmt
