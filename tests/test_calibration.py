"""Confidence means something: rows at >= 0.9 are right >= 90 % of the time."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def _calibration():
    spec = importlib.util.spec_from_file_location("calibration", ROOT / "benchmarks" / "calibration.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_high_confidence_rows_are_right_and_wrong_rows_sit_lower() -> None:
    cal = _calibration()
    bands = cal.run(trials=16, seed=11)
    n_high, right_high = bands[(0.9, 1.01)]
    assert n_high > 300
    assert right_high / n_high >= 0.9
    total = sum(n for n, _ in bands.values())
    wrong = total - sum(r for _, r in bands.values())
    assert wrong > 0, "the perturbations must produce some wrong rows, or the test proves nothing"
    wrong_high = n_high - right_high
    assert wrong_high / wrong < 0.5, "most wrong rows must be below 0.9"
