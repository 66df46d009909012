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
    path = SAMPLES / "manifest.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return [
        {"file": p.name, "plan": p.name.split(".")[0], "variant": "seed", "kind": "clean"}
        for p in sorted(SAMPLES.glob("*.seed.txt"))
    ]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
