"""Options that several commands share, as decorators."""

from pathlib import Path

import click


def content_option(command):
    """The shared --content option: the folder holding prototypes/ and messages/."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Folder with prototypes/ and messages/ (default: here or the checkout).",
    )(command)


def server_options(command):
    """The shared --host and --port options."""
    command = click.option("--port", default=5000, show_default=True, type=int)(command)
    return click.option(
        "--host",
        default="127.0.0.1",
        show_default=True,
        help="Address to listen on; 127.0.0.1 keeps it on this machine.",
    )(command)
