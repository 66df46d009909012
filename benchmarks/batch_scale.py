"""Batch import at scale: wall time, files/s and peak memory of the whole process tree.

Run:  python benchmarks/batch_scale.py [--sizes 250 1000] [--jobs 2] [--workdir /tmp/planparse-batch-bench]

Generates N distinct plans (no OCR): pipe-table and numbered-list text plans,
DOCX tables made with python-docx, and PDFs converted from such DOCX files by
one LibreOffice call.  Every plan draws its organisation, region, year,
section order and rows (from the reviewed plans in ``golden/plans``) at
random, so no two files have the same content hash.  Then it runs
``planparse batch DIR -o OUT --jobs 2`` as a subprocess for each size and
samples the RSS and PSS of the process and all its descendants every 0.1 s
(psutil).  Goal (issue 4): peak RSS < 400 MB, not growing from 250 to 1,000 files.

RSS counts a page shared by several processes once per process (the forkserver
and the workers share the imported libraries), so the RSS sum overstates what
the machine spends; PSS divides every shared page among its sharers and sums
to the real footprint.  Both are printed.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "golden" / "plans"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
TIMINGS = ["январь", "февраль – март", "I квартал", "II полугодие", "в течение года", "ежемесячно", "апрель",
           "по мере необходимости", "сентябрь – октябрь", "IV квартал", "ежеквартально", "май", "ноябрь"]
REGIONS = ["Тульской области", "Смоленской области", "Калужской области", "Вологодской области",
           "Орловской области", "Тверской области", "Рязанской области", "Курской области", "Брянской области",
           "Псковской области", "Владимирской области", "Ярославской области"]
BODIES = ["Ассоциации «Совет муниципальных образований {r}»", "Совета представительных органов муниципальных "
          "образований {r}", "регионального отделения Всероссийской ассоциации развития местного самоуправления "
          "{r}", "Совета депутатов муниципального района {r}"]
FORMATS = (("pipe.txt", 0.35), ("numbered.txt", 0.15), ("docx", 0.3), ("pdf", 0.2))


@dataclass(frozen=True)
class Row:
    title: str
    responsible: str


@dataclass
class PlanSpec:
    title: str
    sections: list[tuple[str, list[tuple[Row, str]]]] = field(default_factory=list)


def load_pool() -> tuple[list[str], list[Row]]:
    sections, rows = set(), []
    for path in sorted(TRUTH.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                if rec["section_title"]:
                    sections.add(rec["section_title"])
                if rec["is_group"] != "true":
                    rows.append(Row(rec["title"], rec["responsible"] or "Председатель"))
    return sorted(sections), rows


def make_spec(rng: random.Random, sections: list[str], pool: list[Row]) -> PlanSpec:
    body = rng.choice(BODIES).format(r=rng.choice(REGIONS))
    spec = PlanSpec(f"План работы {body} на {rng.randint(2005, 2030)} год")
    for name in rng.sample(sections, rng.randint(2, 5)):
        spec.sections.append((name, [(r, rng.choice(TIMINGS)) for r in rng.sample(pool, rng.randint(4, 14))]))
    return spec


def pipe_text(spec: PlanSpec) -> str:
    header = "| № п/п | Наименование мероприятия | Срок проведения | Ответственные |"
    lines = [spec.title, "", header, "|---|---|---|---|"]
    n = 0
    for name, rows in spec.sections:
        lines.append(f"|  | {name} |  |  |")
        for row, timing in rows:
            n += 1
            lines.append(f"| {n}. | {row.title} | {timing} | {row.responsible} |")
    return "\n".join(lines) + "\n"


def numbered_text(spec: PlanSpec) -> str:
    lines, n = [spec.title, ""], 0
    for i, (name, rows) in enumerate(spec.sections):
        lines.append(f"{ROMAN[i]}. {name}")
        for row, timing in rows:
            n += 1
            lines += [f"{n}. {row.title}", f"   Срок: {timing}", f"   Ответственный: {row.responsible}"]
        lines.append("")
    return "\n".join(lines)


def write_docx(spec: PlanSpec, path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.core_properties.title = spec.title
    doc.add_paragraph(spec.title)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["№", "Мероприятие", "Срок проведения", "Ответственный"], strict=True):
        cell.text = text
    n = 0
    for i, (name, rows) in enumerate(spec.sections):
        cells = table.add_row().cells
        merged = cells[0].merge(cells[3])
        merged.text = f"{ROMAN[i]}. {name}"
        for row, timing in rows:
            n += 1
            for cell, text in zip(table.add_row().cells, [f"{n}.", row.title, timing, row.responsible], strict=True):
                cell.text = text
    doc.save(str(path))


def generate(folder: Path, count: int, seed: int) -> None:
    """``count`` plans in ``folder`` (kept between runs: regenerated only when missing)."""
    marker = folder / f".complete-{count}-{seed}"
    if marker.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    sections, pool = load_pool()
    names, weights = zip(*FORMATS, strict=True)
    to_pdf = folder / ".docx-for-pdf"
    to_pdf.mkdir()
    for i in range(count):
        spec, kind = make_spec(rng, sections, pool), rng.choices(names, weights)[0]
        stem = folder / f"plan_{i:05d}"
        if kind == "pipe.txt":
            stem.with_suffix(".pipe.txt").write_text(pipe_text(spec), encoding="utf-8")
        elif kind == "numbered.txt":
            stem.with_suffix(".numbered.txt").write_text(numbered_text(spec), encoding="utf-8")
        elif kind == "docx":
            write_docx(spec, stem.with_suffix(".docx"))
        else:
            write_docx(spec, to_pdf / f"{stem.name}.docx")
    docs = sorted(to_pdf.glob("*.docx"))
    if docs:
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(folder), *map(str, docs)], check=True, capture_output=True, timeout=3600)
    shutil.rmtree(to_pdf)
    marker.touch()


@dataclass
class Sampler:
    """Sums RSS and PSS over a process and its descendants every ``period`` seconds."""

    pid: int
    period: float = 0.1
    rss: list[int] = field(default_factory=list)
    pss: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    worker: list[int] = field(default_factory=list)  # the largest descendant at each sample
    processes: int = 0

    def run(self) -> None:
        root = psutil.Process(self.pid)
        while root.is_running() and root.status() != psutil.STATUS_ZOMBIE:
            rss = pss = parent = worker = 0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for proc in tree:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                if proc.pid == self.pid:
                    parent = info.rss
                else:
                    worker = max(worker, info.rss)
            self.rss.append(rss)
            self.pss.append(pss)
            self.parent.append(parent)
            self.worker.append(worker)
            self.processes = max(self.processes, len(tree))
            time.sleep(self.period)


def run_batch(inputs: Path, out: Path, jobs: int) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "planparse", "batch", str(inputs), "-o", str(out), "-j", str(jobs)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = Sampler(proc.pid)
    thread = threading.Thread(target=sampler.run, daemon=True)
    thread.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    thread.join()
    if proc.returncode not in (0, 10):
        raise SystemExit(f"batch failed ({proc.returncode}): {stderr}")
    files = sum(1 for p in inputs.iterdir() if not p.name.startswith("."))
    quarter = max(1, len(sampler.rss) // 4)
    mb = 2**20
    return {
        "files": files,
        "wall": wall,
        "rate": files / wall,
        "peak_rss": max(sampler.rss) / 2**20,
        "peak_pss": max(sampler.pss) / mb,
        "parent": max(sampler.parent) / mb,
        "worker": max(sampler.worker) / mb,
        # peak tree RSS in each quarter of the run: a leak shows as a rise from quarter to quarter
        "quarters": [max(sampler.rss[i * quarter:(i + 1) * quarter] or [0]) / mb for i in range(4)],
        "processes": sampler.processes,
        "summary": stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "planparse-batch-bench")
    args = parser.parse_args()
    results = []
    for size in args.sizes:
        folder = args.workdir / f"plans-{size}"
        started = time.perf_counter()
        generate(folder, size, args.seed + size)
        kinds = {k: sum(1 for p in folder.iterdir() if p.name.endswith(k)) for k, _ in FORMATS}
        print(f"{size} plans in {folder} ({time.perf_counter() - started:.0f} s to prepare): {kinds}", flush=True)
        result = run_batch(folder, args.workdir / f"out-{size}", args.jobs)
        print(f"  {result['summary']}", flush=True)
        results.append(result)
    print("\n| files | jobs | wall s | files/s | peak RSS MB (tree) | peak PSS MB (tree) | parent / largest worker "
          "RSS MB | tree RSS peak per quarter of the run MB | processes |\n|---|---|---|---|---|---|---|---|---|")
    for r in results:
        quarters = " / ".join(f"{q:.0f}" for q in r["quarters"])
        print(f"| {r['files']:,} | {args.jobs} | {r['wall']:.1f} | {r['rate']:.1f} | {r['peak_rss']:.0f} | "
              f"{r['peak_pss']:.0f} | {r['parent']:.0f} / {r['worker']:.0f} | {quarters} | {r['processes']} |")
    if len(results) > 1:
        growth = results[-1]["peak_rss"] / results[0]["peak_rss"]
        print(f"\npeak RSS {results[-1]['files']:,} vs {results[0]['files']:,} files: x{growth:.2f} "
              f"({'flat' if growth < 1.1 else 'GROWS'}); goal < 400 MB: "
              f"{'met' if max(r['peak_rss'] for r in results) < 400 else 'NOT met'} (RSS), "
              f"{'met' if max(r['peak_pss'] for r in results) < 400 else 'NOT met'} (PSS)")


if __name__ == "__main__":
    main()
