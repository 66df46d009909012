from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def load_manifest() -> list[dict]:
    """Every sample listed by the generators' manifests (``samples/manifest*.json``)."""
    entries: list[dict] = []
    for path in sorted(SAMPLES.glob("manifest*.json")):
        entries.extend(json.loads(path.read_text(encoding="utf-8")))
    return entries


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
