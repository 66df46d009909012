"""The code base stays clean under ruff and mypy (config in pyproject.toml), so drift fails CI like any test."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_check_is_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    proc = subprocess.run(
        [ruff, "check", "--output-format", "concise", "src", "tests", "benchmarks", "samples"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_finds_no_type_errors(tmp_path: Path) -> None:
    mypy = shutil.which("mypy") or str(Path(sys.executable).with_name("mypy"))
    proc = subprocess.run(
        [mypy, "--cache-dir", str(tmp_path / "mypy"), "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
