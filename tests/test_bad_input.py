"""Bad input fails with one clear line and a non-zero exit, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from planparse.api import convert
from planparse.cli import main
from planparse.errors import ExitCode, LayoutNotDetectedError, ReadError

BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  \n",
    "garbage.txt": bytes(range(256)) * 40,
    "nul.txt": b"\x00\x01\x02\x03" * 500,
    "prose.txt": "Это просто письмо.\nНикакого плана здесь нет, только текст.\nС уважением.\n".encode(),
    "broken.docx": b"PK\x03\x04" + b"\x00" * 50,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_api_raises_a_planparse_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    with pytest.raises((ReadError, LayoutNotDetectedError)) as info:
        convert(path)
    assert name in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_cli_fails_cleanly_and_writes_nothing(tmp_path: Path, name: str, suffix: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    out = tmp_path / "out" / f"activities{suffix}"
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(out)])
    assert result.exit_code in {ExitCode.INPUT_FILE, ExitCode.NO_PLAN}
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "planparse: error:" in result.output and name in result.output
    assert not out.exists() and not list(tmp_path.rglob("*.part"))
    assert not list(tmp_path.rglob("*.report.*"))


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == ExitCode.INPUT_FILE
    assert "no such file" in result.output


@pytest.mark.parametrize(
    "head, expected",
    [
        (b"%PDF-1.7\n", "pdf"),
        (b"{\\rtf1\\ansi ", "rtf"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
        (b"\x89PNG\r\n\x1a\n", "image"),
        (b"<!DOCTYPE html><html><body>", "html"),
        (b"\xef\xbb\xbf<html>", "html"),
        ("План работы".encode(), "text"),
    ],
)
def test_format_is_sniffed_from_content_not_suffix(tmp_path: Path, head: bytes, expected: str) -> None:
    from planparse.readers import sniff_format

    path = tmp_path / "plan.doc"  # the suffix lies on purpose
    path.write_bytes(head + b"\x00" * 16)
    assert sniff_format(path).value == expected
