"""One golden test per sample file, plus a check against the plan's reviewed truth.

Golden files are regenerated only with ``pytest --update-golden``; a missing
golden file fails with a hint, and a guard test refuses the flag in CI.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import GOLDEN, SAMPLES, in_ci, load_manifest
from golden_io import CONTENT_COLUMNS, compare, row_key, to_golden_text

import planparse

MANIFEST = load_manifest()
NOISY_MIN_RIGHT = 0.95
NOISY_WRONG_BELOW = 0.8


@cache
def _convert(name: str) -> planparse.ConversionResult:
    return planparse.convert(SAMPLES / name)


def test_update_flag_is_off_in_ci(update_golden: bool) -> None:
    assert not (update_golden and in_ci()), "--update-golden must never run in CI"


def test_every_sample_is_in_the_manifest() -> None:
    listed = {entry["file"] for entry in MANIFEST}
    generators = {p.name for p in SAMPLES.glob("make_*.py")} | {"README.md"}
    on_disk = {
        p.name
        for p in SAMPLES.iterdir()
        if p.is_file() and p.name not in generators and not p.name.startswith("manifest")
    }
    assert on_disk <= listed, f"samples missing from manifest.json: {sorted(on_disk - listed)}"


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_golden(entry: dict, update_golden: bool) -> None:
    result = _convert(entry["file"])
    got = to_golden_text(result.activities)
    path = GOLDEN / f"{entry['file']}.csv"
    if update_golden:
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: review the output and run pytest --update-golden"
    assert got == path.read_text(encoding="utf-8")


def _compare(entry: dict) -> tuple[list[dict[str, str]], list[dict[str, str]], list[str]]:
    result = _convert(entry["file"])
    got, truth = compare(entry, result.activities, GOLDEN)
    return got, truth, [f"{a.confidence}" for a in result.activities]


def _known(entries: list[dict]) -> list:
    """Samples with a documented ``known_issue`` are strict xfails: a fix makes them XPASS and fail."""
    return [
        pytest.param(e, marks=pytest.mark.xfail(reason=e["known_issue"], strict=True)) if e.get("known_issue") else e
        for e in entries
    ]


@pytest.mark.parametrize(
    "entry", _known([e for e in MANIFEST if e["kind"] == "clean"]), ids=lambda e: e["file"]
)
def test_clean_sample_matches_plan_truth(entry: dict) -> None:
    got, truth, _ = _compare(entry)
    assert len(got) == len(truth)
    for k, (g, t) in enumerate(zip(got, truth, strict=True)):
        diff = {c: (t[c], g[c]) for c in CONTENT_COLUMNS if g[c] != t[c]}
        assert not diff, f"row {k + 1} ({t['item_no'] or t['title'][:40]}): expected/got {diff}"


@pytest.mark.parametrize(
    "entry", _known([e for e in MANIFEST if e["kind"] == "noisy"]), ids=lambda e: e["file"]
)
def test_noisy_sample_is_mostly_right_and_flags_the_rest(entry: dict) -> None:
    got, truth, conf = _compare(entry)
    assert len(got) == len(truth)
    right = [row_key(g) == row_key(t) for g, t in zip(got, truth, strict=True)]
    assert sum(right) / len(truth) >= NOISY_MIN_RIGHT
    wrong_conf = [float(c) for c, ok in zip(conf, right, strict=True) if not ok]
    assert all(c < NOISY_WRONG_BELOW for c in wrong_conf), wrong_conf
