"""The test day's notes on the command line: `sprintlab notes`."""

import sys
from pathlib import Path

import click

from sprintlab.cli import guards
from sprintlab.cli.options import content_option, db_option
from sprintlab.content.folder import Content, find_content_root


@click.command()
@click.argument("study_id")
@db_option(envvar="SPRINTLAB_DATABASE")
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "md", "json"]),
    default="csv",
    show_default=True,
    help="csv: a row per note, then the decision per variant; md: the grid, for a"
    " sprint report; json: notes, patterns, quotes and decisions.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path))
@content_option
def notes(study_id, database, format_, out, content_root):
    """Export a test day's notes and decisions: CSV, Markdown (the grid) or JSON.

    Example: sprintlab notes sprint-sms --db study.db --format md --out grid.md
    """
    from sprintlab.testday.decisions import decision_history
    from sprintlab.testday.export import write_notes
    from sprintlab.testday.grid import load_grid

    guards.writable(out)
    study = guards.study(Content(find_content_root(content_root)), study_id)
    with guards.evidence(database) as evidence:
        grid = load_grid(evidence, study)
        history = decision_history(evidence, study.id)
    if out is None:
        write_notes(grid, history, sys.stdout, format_)
        return
    with out.open("w", encoding="utf-8", newline="") as stream:
        write_notes(grid, history, stream, format_)
    click.echo(f"wrote {len(grid.notes)} notes to {out}", err=True)
