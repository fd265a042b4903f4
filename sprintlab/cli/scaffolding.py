"""`sprintlab new-study` and `sprintlab new-template`: a start that passes `check`."""

import os
from pathlib import Path

import click

from sprintlab.cli.options import new_content_option
from sprintlab.content.scaffold import (
    SCAFFOLD_DESIGNS,
    ScaffoldRefused,
    study_files,
    template_files,
    write_new,
)


def _root(content_root):
    """Where new files go: --content, $SPRINTLAB_CONTENT, or the current folder."""
    return Path(content_root or os.environ.get("SPRINTLAB_CONTENT") or Path.cwd())


def _write(content_root, make):
    root = _root(content_root)
    try:
        written = write_new(root, make())
    except ScaffoldRefused as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(f"wrote {path}")
    return root


@click.command("new-study")
@click.argument("study_id")
@click.option(
    "--design",
    type=click.Choice(SCAFFOLD_DESIGNS),
    default="between",
    show_default=True,
    help="between: each participant sees one variant; within: every variant;"
    " factorial: one cell of two factors (one letter, a block per level).",
)
@new_content_option
def new_study(study_id, design, content_root):
    """Write a new study and its letters, ready to check and serve.

    Writes prototypes/STUDY_ID.toml (every key commented) and a control and a
    variant letter in Dutch and English under messages/letter/ (factorial:
    one letter with a block per level), in --content, $SPRINTLAB_CONTENT or
    the current folder. Never overwrites a file.

    Example: sprintlab new-study mijn-studie --design within --content mijn-map
    """
    root = _write(content_root, lambda: study_files(study_id, design))
    click.echo(
        f"\nNext: sprintlab check --content {root}\n"
        f"      sprintlab serve --db {study_id}.db --init --content {root}\n"
        "Every key is explained in docs/studies.md (in sprintlab's source)."
    )


@click.command("new-template")
@click.argument("template_id", metavar="CHANNEL/NAME")
@new_content_option
def new_template(template_id, content_root):
    """Write a new message template in Dutch and English, ready to check.

    CHANNEL is letter, sms, poster or email. Never overwrites a file.

    Example: sprintlab new-template sms/herinnering --content mijn-map
    """
    root = _write(content_root, lambda: template_files(template_id))
    click.echo(
        f'\nNext: name it in a study\'s [[variants]] as template = "{template_id}",'
        f" then sprintlab check --content {root}"
    )
