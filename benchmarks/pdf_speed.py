"""Per-page cost of the text-layer PDF path against the floor of the ecosystem, in one run.

Run:  python benchmarks/pdf_speed.py [--repeat 5] [--pages 50]
      (needs poppler-utils for ``pdftotext`` and the ``bench`` extra for pdfplumber)

On every text-layer PDF in ``samples/`` (manifest entries ending ``.pdf`` that
are not scans or searchable scans) plus one larger PDF made here deterministically (the sample
PDFs' pages concatenated over and over to ``--pages`` pages, written with
pypdfium2 to a temporary file), measures per page (best of ``--repeat`` runs,
milliseconds):

- ``pdftotext -layout`` (poppler-utils, a subprocess, output discarded);
- pdfplumber's ``extract_words()`` over every page (open, extract, close);
- the planparse reader alone (``planparse.readers.read``: PDF -> ``Document``);
- planparse ``convert()`` end to end (read, detect the layout, parse, normalise).

Prints a Markdown table (one row per PDF, the samples together, everything
together) and the two ratios of issue 4 over all pages of all PDFs: planparse
end to end vs pdfplumber ``extract_words`` (goal <= 1.5x) and vs ``pdftotext
-layout`` (goal <= 3x).  ``pdftotext`` is a process per file, so on the short
samples its start-up is part of its per-page cost; the long PDF shows the
steady state.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOAL_PLUMBER = 1.5
GOAL_PDFTOTEXT = 3.0


def text_layer_pdfs() -> list[Path]:
    """Sample PDFs with a text layer, from the manifests (scans and searchable scans, read by OCR, are left out)."""
    entries = [e for p in sorted(SAMPLES.glob("manifest*.json")) for e in json.loads(p.read_text("utf-8"))]
    return [
        SAMPLES / e["file"]
        for e in entries
        if e["file"].endswith(".pdf") and e.get("variant") not in {"scan", "ocrlayer"}
    ]


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_big_pdf(sources: list[Path], pages: int, target: Path) -> Path:
    """The sources' pages concatenated in order, again and again, until ``pages`` pages."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(p)) for p in sources]
    try:
        while len(out) < pages:
            for src in opened:
                take = min(len(src), pages - len(out))
                if take <= 0:
                    break
                out.import_pages(src, list(range(take)))
        out.save(str(target))
    finally:
        for src in opened:
            src.close()
        out.close()
    return target


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def run_pdftotext(path: Path) -> None:
    subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True)


def run_plumber_words(path: Path) -> None:
    import pdfplumber  # the bench extra: pip install -e ".[bench]"

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement; the best counts")
    parser.add_argument("--pages", type=int, default=50, help="pages of the generated multi-page PDF")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is not installed (apt-get install poppler-utils)")
    try:
        import pdfplumber  # noqa: F401
    except ImportError:
        sys.exit('pdfplumber is not installed (pip install -e ".[bench]")')

    import planparse
    from planparse.readers import pdf_compiled, read

    samples = text_layer_pdfs()
    with tempfile.TemporaryDirectory(prefix="pdf_speed_") as tmp:
        big = make_big_pdf(samples, args.pages, Path(tmp) / f"concatenated_{args.pages}p.pdf")
        first = make_big_pdf(samples, 1, Path(tmp) / "first_page.pdf")  # for the cost of one more page
        files = [*samples, big]
        methods: dict[str, Callable[[Path], object]] = {
            "pdftotext -layout": run_pdftotext,
            "pdfplumber extract_words": run_plumber_words,
            "planparse reader": read,
            "planparse convert": planparse.convert,
        }
        for f in files:  # warm up: imports, morphology dictionary, regexes, disk cache
            for fn in methods.values():
                fn(f)
        pages = {f: page_count(f) for f in files}
        times: dict[Path, dict[str, float]] = {}
        for f in files:
            times[f] = {name: best_of(lambda fn=fn, f=f: fn(f), args.repeat) for name, fn in methods.items()}
        one_page = {
            name: best_of(lambda fn=methods[name]: fn(first), args.repeat)
            for name in ("pdftotext -layout", "planparse convert")
        }

    loops = "compiled (_pdfium_loops)" if pdf_compiled.LOOPS else "Python (not built, or PLANPARSE_PURE_PYTHON)"
    print(f"PDF reader loops over pdfium: {loops}")
    names = list(methods)
    print(f"ms per page, best of {args.repeat}\n")
    print("| PDF | pages | " + " | ".join(names) + " | convert / extract_words | convert / pdftotext |")
    print("|---|---|" + "---|" * len(names) + "---|---|")

    def row(label: str, n_pages: int, spent: dict[str, float]) -> None:
        ms = {k: 1000 * v / n_pages for k, v in spent.items()}
        cells = " | ".join(f"{ms[k]:.1f}" for k in names)
        r_pl = ms["planparse convert"] / ms["pdfplumber extract_words"]
        r_pt = ms["planparse convert"] / ms["pdftotext -layout"]
        print(f"| {label} | {n_pages} | {cells} | {r_pl:.2f}× | {r_pt:.2f}× |")

    def summed(group: list[Path]) -> dict[str, float]:
        return {k: sum(times[f][k] for f in group) for k in names}

    for f in files:
        row(f.name, pages[f], times[f])
    row("**samples**", sum(pages[f] for f in samples), summed(samples))
    row("**all**", sum(pages.values()), summed(files))

    total = summed(files)
    r_pl = total["planparse convert"] / total["pdfplumber extract_words"]
    r_pt = total["planparse convert"] / total["pdftotext -layout"]
    plumber_pt = total["pdfplumber extract_words"] / total["pdftotext -layout"]
    print()
    print(f"over all {sum(pages.values())} pages:")
    print(f"pdfplumber extract_words / pdftotext -layout: {plumber_pt:.1f}×")
    print(
        f"planparse convert / pdfplumber extract_words: {r_pl:.2f}× "
        f"(goal ≤ {GOAL_PLUMBER}×: {'met' if r_pl <= GOAL_PLUMBER else 'NOT met'})"
    )
    print(
        f"planparse convert / pdftotext -layout:        {r_pt:.2f}× "
        f"(goal ≤ {GOAL_PDFTOTEXT}×: {'met' if r_pt <= GOAL_PDFTOTEXT else 'NOT met'})"
    )
    # The short samples' pdftotext figures are mostly its process start-up; the long PDF is the steady state.
    r_long = times[big]["planparse convert"] / times[big]["pdftotext -layout"]
    print(
        f"on the {pages[big]}-page PDF alone (steady state): {r_long:.2f}× pdftotext "
        f"(goal ≤ {GOAL_PDFTOTEXT}×: {'met' if r_long <= GOAL_PDFTOTEXT else 'NOT met'})"
    )
    # Stricter still: what one more page costs each, start-up left out of both (50-page minus 1-page PDF).
    extra = {k: (times[big][k] - one_page[k]) / (pages[big] - 1) for k in one_page}
    r_extra = extra["planparse convert"] / extra["pdftotext -layout"]
    print(
        f"one more page (50-page minus 1-page PDF, start-up left out): {1000 * extra['planparse convert']:.2f} ms vs "
        f"{1000 * extra['pdftotext -layout']:.2f} ms, {r_extra:.2f}× pdftotext"
    )


if __name__ == "__main__":
    main()
