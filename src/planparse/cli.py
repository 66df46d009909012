"""Thin click CLI: arguments -> ``planparse.api`` -> writers; errors -> exit codes."""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

import click

from planparse import __version__
from planparse.api import ConversionResult, convert
from planparse.confidence import REVIEW_BELOW
from planparse.errors import ExitCode, PlanparseError
from planparse.model import LayoutKind

LAYOUT_CHOICES = ["auto", *(k.value for k in LayoutKind)]


def _fail(exc: PlanparseError) -> None:
    click.echo(f"planparse: error: {exc}", err=True)
    sys.exit(int(exc.exit_code))


@click.group()
@click.version_option(__version__, prog_name="planparse")
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Turn work-plan documents into one normalized activity table."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


@main.command("convert")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Output .parquet, .csv or .xlsx.")
@click.option(
    "--report", type=click.Path(path_type=Path), help="Report path (default: OUTPUT stem + .report.json/.md)."
)
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True)
def convert_cmd(plan: Path, output: Path, report: Path | None, layout: str) -> None:
    """Convert one PLAN file into an activity table plus a confidence report."""
    if output.suffix.lower() not in {".parquet", ".pq", ".csv", ".xlsx"}:
        raise click.BadParameter("use a .parquet, .csv or .xlsx file name", param_hint="--output")
    try:
        result = convert(plan, layout=layout)
        written = result.write(output, report)
    except PlanparseError as exc:
        _fail(exc)
        return
    click.echo(
        f"{plan.name}: {len(result.activities)} rows, layout {result.layout.value}, "
        f"{len(result.review)} to review -> " + ", ".join(str(p) for p in written)
    )


def _preview(result: ConversionResult, rows: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(100, shutil.get_terminal_size((120, 40)).columns))
    meta = result.meta
    console.print(f"[bold]{result.source}[/]: layout [bold]{result.layout.value}[/] "
                  + ", ".join(f"{k}={v:.2f}" for k, v in sorted(result.scores.items(), key=lambda kv: -kv[1])))
    console.print(f"plan: {meta.doc_title or '—'}\norganization: {meta.organization or '—'} | "
                  f"region: {meta.region or '—'} | year: {meta.year or '—'}")
    sections = dict.fromkeys((a.section_no, a.section_title) for a in result.activities)
    console.print("sections: " + "; ".join(" ".join(p for p in s if p) for s in sections if any(s)))
    table = Table(show_lines=False)
    for name in ("№", "title", "months", "all year", "×/yr", "responsible", "conf"):
        table.add_column(name, overflow="fold")
    for a in result.activities[:rows]:
        table.add_row(a.item_no or "•", a.title, ",".join(map(str, a.months)), "✓" if a.all_year else "",
                      "" if a.times_per_year is None else f"{a.times_per_year:g}", "; ".join(a.responsible),
                      f"{a.confidence:.2f}")
    console.print(table)
    review = result.review
    console.print(f"[bold]{len(review)}[/] rows to review (confidence < {REVIEW_BELOW}):")
    for a in review:
        console.print(f"  line {a.line}: {a.item_no or '•'} {a.title[:60]} ({a.confidence:.2f}: {', '.join(a.flags)})")


@main.command("inspect")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--layout", type=click.Choice(LAYOUT_CHOICES), default="auto", show_default=True)
@click.option("--rows", type=int, default=60, show_default=True, help="How many rows to preview.")
def inspect_cmd(plan: Path, layout: str, rows: int) -> None:
    """Show the detected layout, sections, a preview and the rows to review; writes nothing."""
    try:
        result = convert(plan, layout=layout)
    except PlanparseError as exc:
        _fail(exc)
        return
    _preview(result, rows)


from planparse.cli_batch import batch_cmd  # noqa: E402 - its own module keeps this one thin

main.add_command(batch_cmd)

from planparse.cli_compare import compare_cmd  # noqa: E402 - imports pandas/matplotlib only when run

main.add_command(compare_cmd)

if __name__ == "__main__":  # pragma: no cover
    main()

__all__ = ["ExitCode", "main"]
