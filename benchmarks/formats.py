"""Per-format accuracy: every sample converted and compared with its plan's truth.

Run:  python benchmarks/formats.py            (prints a Markdown table for the README)
      python benchmarks/formats.py --plan kaluga_2022 --plan altai_2023   (only those plans' samples)

For each sample listed in ``samples/manifest*.json``: rows, share of rows with
every content field right (``golden/plans/<plan>.csv``), share of wrong rows
flagged below 0.8, mean confidence and seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from golden_io import compare, row_key  # noqa: E402

from planparse.api import convert  # noqa: E402
from planparse.confidence import REVIEW_BELOW  # noqa: E402
from planparse.errors import PlanparseError  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", action="append", metavar="NAME", help="only this plan's samples (repeatable)")
    args = parser.parse_args()
    entries = [e for p in sorted((ROOT / "samples").glob("manifest*.json")) for e in json.loads(p.read_text("utf-8"))]
    if args.plan:
        unknown = set(args.plan) - {e["plan"] for e in entries}
        if unknown:
            parser.error(f"no samples of plan(s) {', '.join(sorted(unknown))} in samples/manifest*.json")
        entries = [e for e in entries if e["plan"] in args.plan]
    print("| sample | kind | layout | rows (truth) | all fields right | wrong rows flagged < 0.8 | mean conf. | s |")
    print("|---|---|---|---|---|---|---|---|")
    for entry in entries:
        start = time.perf_counter()
        try:
            result = convert(ROOT / "samples" / entry["file"])
        except PlanparseError as exc:
            print(f"| {entry['file']} | {entry['kind']} | error: {exc} | | | | | |")
            continue
        spent = time.perf_counter() - start
        got, truth = compare(entry, result.activities, ROOT / "golden")
        truth_keys = [row_key(t) for t in truth]
        right = [k < len(truth_keys) and row_key(g) == truth_keys[k] for k, g in enumerate(got)]
        wrong = [a for a, ok in zip(result.activities, right, strict=True) if not ok]
        flagged = sum(a.confidence < REVIEW_BELOW for a in wrong)
        mean = sum(a.confidence for a in result.activities) / max(1, len(result.activities))
        print(
            f"| {entry['file']} | {entry['kind']} | {result.layout.value} | {len(got)} ({len(truth)}) "
            f"| {sum(right) / max(1, len(truth)):.1%} | {f'{flagged}/{len(wrong)}' if wrong else '—'} "
            f"| {mean:.3f} | {spent:.2f} |"
        )


if __name__ == "__main__":
    main()
