"""Rows per second on the text path (read + detect + parse + normalize), one core.

Run:  python benchmarks/text_speed.py [--repeat 30]
Goal (issue 4): >= 5,000 rows/s.  Prints rows/s per sample and overall.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from planparse.api import convert

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    files = sorted(SAMPLES.glob("*.txt"))
    for f in files:  # warm caches (morphology dictionary, regexes)
        convert(f)
    total_rows, total_time = 0, 0.0
    for f in files:
        start = time.perf_counter()
        rows = sum(len(convert(f).activities) for _ in range(args.repeat))
        spent = time.perf_counter() - start
        total_rows += rows
        total_time += spent
        print(f"{f.name:32} {rows / spent:10.0f} rows/s")
    print(f"{'all text samples':32} {total_rows / total_time:10.0f} rows/s")


if __name__ == "__main__":
    main()
