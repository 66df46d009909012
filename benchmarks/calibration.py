"""Is confidence calibrated?  Perturb the seed plans, parse, compare with the truth.

Run:  python benchmarks/calibration.py [--trials 40]

For each trial a seed text gets a few export-style faults (a separator space
dropped or doubled in a mark run, a "+" misread as "т"/"4", a Latin look-alike
letter in a title, a filler line lost in a column export), is converted, and
every row is compared with ``golden/plans/<plan>.csv`` on the content columns.
Prints, per confidence band, how many rows fall there and the share that is
entirely right; the target is >= 90 % right at confidence >= 0.9, and wrong
rows should sit lower than right ones.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden_io import CONTENT_COLUMNS, read_rows, row_key, to_golden_text  # noqa: E402

from planparse.api import convert_text  # noqa: E402
from planparse.errors import PlanparseError  # noqa: E402

BANDS = ((0.9, 1.01), (0.8, 0.9), (0.5, 0.8), (0.0, 0.5))
LOOKALIKE = str.maketrans("оаерс", "oaepc")


def _mark_lines(lines: list[str]) -> list[int]:
    return [i for i, t in enumerate(lines) if "+" in t and set(t.strip()) <= {"+", " "}]


def drop_space(lines: list[str], rng: random.Random) -> None:
    idx = _mark_lines(lines)
    if idx:
        i = rng.choice(idx)
        k = lines[i].rfind(" ", 0, max(1, lines[i].find("+")))
        if k >= 0:
            lines[i] = lines[i][:k] + lines[i][k + 1 :]


def add_space(lines: list[str], rng: random.Random) -> None:
    idx = _mark_lines(lines)
    if idx:
        i = rng.choice(idx)
        lines[i] = " " + lines[i]


def misread_mark(lines: list[str], rng: random.Random) -> None:
    idx = [i for i, t in enumerate(lines) if "+" in t]
    if idx:
        i = rng.choice(idx)
        lines[i] = lines[i].replace("+", rng.choice("т4"), 1)


def lookalike(lines: list[str], rng: random.Random) -> None:
    idx = [i for i, t in enumerate(lines) if len(t.strip()) > 20]
    if idx:
        i = rng.choice(idx)
        words = lines[i].split(" ")
        w = rng.randrange(len(words))
        words[w] = words[w].translate(LOOKALIKE)
        lines[i] = " ".join(words)


def lose_filler(lines: list[str], rng: random.Random) -> None:
    idx = [i for i, t in enumerate(lines) if t == " "]
    if idx:
        del lines[rng.choice(idx)]


FAULTS: tuple[Callable[[list[str], random.Random], None], ...] = (
    drop_space,
    add_space,
    misread_mark,
    lookalike,
    lose_filler,
)


def run(trials: int, seed: int = 7) -> dict[tuple[float, float], tuple[int, int]]:
    rng = random.Random(seed)
    bands = {b: [0, 0] for b in BANDS}
    for trial in range(trials):
        plan = ("tula_2024", "smolensk_2019")[trial % 2]
        lines = (ROOT / "samples" / f"{plan}.seed.txt").read_text(encoding="utf-8").split("\n")
        for _ in range(rng.randint(1, 3)):
            rng.choice(FAULTS)(lines, rng)
        truth = read_rows((ROOT / "golden" / "plans" / f"{plan}.csv").read_text(encoding="utf-8"))
        try:
            result = convert_text("\n".join(lines), f"{plan}-{trial}.txt")
        except PlanparseError:
            continue
        got = read_rows(to_golden_text(result.activities, CONTENT_COLUMNS))
        truth_keys = {row_key(t) for t in truth}
        for row, activity in zip(got, result.activities, strict=True):
            ok = row_key(row) in truth_keys
            for band in BANDS:
                if band[0] <= activity.confidence < band[1]:
                    bands[band][0] += 1
                    bands[band][1] += ok
    return {b: (n, right) for b, (n, right) in bands.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=40)
    args = parser.parse_args()
    result = run(args.trials)
    print(f"{'confidence':>12} {'rows':>6} {'right':>7}")
    for (lo, hi), (n, right) in result.items():
        share = f"{right / n:.1%}" if n else "—"
        print(f"{lo:.1f}–{min(hi, 1.0):.1f} {n:>9} {share:>7}")


if __name__ == "__main__":
    main()
