"""`planparse compare`: inputs -> one HTML report comparing plans (+ the tables as CSV/Parquet).

Kept apart from ``cli.py`` and importing the comparison (pandas, matplotlib)
only when the command runs, so other commands start as fast as before.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planparse.errors import ExitCode, PlanparseError

BY_CHOICES = ["plan", "organization", "region", "year"]


def _fail(exc: PlanparseError) -> None:
    click.echo(f"planparse: error: {exc}", err=True)
    sys.exit(int(exc.exit_code))


@click.command("compare")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The report (.html).")
@click.option("--by", type=click.Choice(BY_CHOICES), default="plan", show_default=True,
              help="Compare plans (organization + year), organizations, regions or years.")
@click.option("--tables", "tables_dir", type=click.Path(path_type=Path), default=None,
              help="Folder for the comparison tables as CSV and Parquet [default: report_tables/ beside the report].")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True,
              help="Responsible parties listed per group.")
def compare_cmd(inputs: tuple[str, ...], output: Path, by: str, tables_dir: Path | None, top: int) -> None:
    """Compare plans: INPUT is a plan file (any format), a convert output (.parquet/.csv/.xlsx)
    or a `planparse batch` OUTDIR.  Inputs that fail are listed and skipped (exit 10)."""
    from planparse.compare.report import check_output, compare_inputs, write_report

    try:
        check_output(output)
        comparison = compare_inputs(inputs, by, top=top)  # type: ignore[arg-type]
        written = write_report(comparison, output, tables_dir)
    except PlanparseError as exc:
        _fail(exc)
        return
    for failure in comparison.failures:
        click.echo(f"planparse: warning: skipped {failure.line()}", err=True)
    groups = len(comparison.groups)
    rows = int(comparison.groups["activities"].sum())
    click.echo(f"compare: {groups} groups by {by}, {rows} activities from {len(comparison.inputs)} inputs"
               f"{f', {len(comparison.failures)} failed' if comparison.failures else ''} -> {written[0]}"
               f" (+ tables in {written[1].parent})")
    if comparison.failures:
        sys.exit(int(ExitCode.FINISHED_WITH_FAILURES))
