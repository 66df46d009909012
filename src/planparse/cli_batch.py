"""``planparse batch``: the click command over ``planparse.batch.run_batch``.

Kept out of ``cli.py`` so the single-file commands stay short; ``cli.py``
registers it.  Progress goes to stderr and only when stderr is a terminal.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planparse.errors import PlanparseError
from planparse.model import LayoutKind

LAYOUT_CHOICES = ["auto", *(k.value for k in LayoutKind)]
INTERRUPTED = 130  # the shell's code for "stopped by Ctrl-C"


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Output folder: activities/ (Parquet parts), files.parquet, report.html/.md.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: all cores).")
@click.option("--resume", is_flag=True, help="Continue an interrupted batch in OUTDIR; finished files are kept.")
@click.option("--overwrite", is_flag=True, help="Delete an earlier batch's outputs in OUTDIR and start again.")
@click.option("--retry-failed", is_flag=True, help="With --resume: convert files that failed before once more.")
@click.option("--csv/--no-csv", default=None, help="Also write OUTDIR/activities.csv (default: as the resumed run).")
@click.option("--xlsx", is_flag=True, help="Also write OUTDIR/activities.xlsx (activities, files, review sheets).")
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default=None, help="Force a layout (default: auto).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600.0, show_default=True,
              help="Seconds one file may take before it is recorded as failed.")
@click.option("--scheduler", metavar="ADDR",
              help="Dask scheduler, e.g. tcp://host:8786 (inputs and OUTDIR on a shared filesystem).")
@click.option("--max-tasks-per-child", type=click.IntRange(min=1), default=50, show_default=True,
              help="Replace a local worker process after this many files (bounds memory).")
@click.option("--worker-memory", "worker_memory", type=click.FloatRange(min=0), default=120.0, show_default=True,
              metavar="MB", help="After a file, a worker above this size drops its caches and returns free "
                                 "memory to the system (0: never).")
def batch_cmd(inputs: tuple[str, ...], outdir: Path, jobs: int | None, resume: bool, overwrite: bool,
              retry_failed: bool, csv: bool | None, layout: str | None, timeout: float, scheduler: str | None,
              max_tasks_per_child: int, worker_memory: float, xlsx: bool) -> None:
    """Convert every plan in INPUT... (files, folders, globs) into one dataset in OUTDIR.

    Exit code 0 when every file converted, 10 when the batch finished with failures
    (see OUTDIR/files.parquet and report.html).
    """
    from planparse.batch import BatchOptions, run_batch
    from planparse.batch.progress import NoProgress, Progress, RichProgress

    if resume and overwrite:
        raise click.UsageError("--resume and --overwrite exclude each other")
    if retry_failed and not resume:
        raise click.UsageError("--retry-failed needs --resume")
    options = BatchOptions(jobs=jobs, resume=resume, overwrite=overwrite, retry_failed=retry_failed, csv=csv,
                           layout=layout, timeout=timeout, scheduler=scheduler,
                           max_tasks_per_child=max_tasks_per_child, worker_memory_mb=worker_memory or None)
    progress: Progress = RichProgress(sys.stderr) if sys.stderr.isatty() else NoProgress()
    try:
        summary = run_batch(inputs, outdir, options, progress=progress)
    except PlanparseError as exc:
        click.echo(f"planparse: error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        click.echo(f"planparse: interrupted; finished files are kept: rerun with --resume -o {outdir}", err=True)
        sys.exit(INTERRUPTED)
    click.echo(summary.line())
    if xlsx:
        from planparse.batch.export import write_workbook

        try:
            click.echo(f"workbook -> {write_workbook(outdir)}")
        except PlanparseError as exc:
            click.echo(f"planparse: error: {exc}", err=True)
            sys.exit(int(exc.exit_code))
    sys.exit(int(summary.exit_code))
