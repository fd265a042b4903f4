"""Options that several commands share, as decorators."""

from pathlib import Path

import click

from sprintlab.cli.guards import Refused
from sprintlab.languages import LANGUAGES


def language_option(default, help=None):
    """The shared --lang option (nl or en), as `language`, defaulting to DEFAULT."""
    return click.option(
        "--lang",
        "language",
        type=click.Choice(LANGUAGES),
        default=default,
        show_default=True,
        help=help,
    )


def db_option(default=None, envvar=None):
    """The shared --db option: the SQLite evidence store, as `database`.

    Required unless a DEFAULT is given; ENVVAR names an environment variable
    that may give it instead. The path itself is checked where it is opened
    (cli/guards.py): a missing file, a folder or a file that is not a
    database is one clear line, and commands that only read never create one.
    """
    return click.option(
        "--db",
        "database",
        required=default is None,
        default=default,
        show_default=default is not None,
        envvar=envvar,
        show_envvar=envvar is not None,
        type=click.Path(),
        help="The SQLite evidence store (a file).",
    )


def _content_folder(ctx, param, value):
    """Refuse a --content without prototypes/ before anything is made or served."""
    if value is not None and not (value / "prototypes").is_dir():
        raise Refused(
            f"--content {value} has no prototypes/ folder: give the folder that holds"
            " prototypes/ and messages/ (sprintlab new-study ID --content DIR"
            " makes one)"
        )
    return value


def content_option(command):
    """The shared --content option: the folder holding prototypes/ and messages/."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        callback=_content_folder,
        help="Folder with prototypes/ and messages/ (default: $SPRINTLAB_CONTENT,"
        " here, or the checkout).",
    )(command)


def new_content_option(command):
    """--content for commands that make content: the folder may be new."""
    return click.option(
        "--content",
        "content_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="The content folder to write into, made if needed (default:"
        " $SPRINTLAB_CONTENT or here).",
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


def deployment_options(command):
    """--public-url and --trusted-proxies, also from SPRINTLAB_* variables."""
    command = click.option(
        "--trusted-proxies",
        type=click.IntRange(0, 10),
        default=0,
        show_default=True,
        envvar="SPRINTLAB_TRUSTED_PROXIES",
        show_envvar=True,
        help="How many reverse proxies in front of sprintlab to trust for the"
        " client's address and scheme (X-Forwarded-*).",
    )(command)
    return click.option(
        "--public-url",
        metavar="URL",
        envvar="SPRINTLAB_PUBLIC_URL",
        show_envvar=True,
        help="The address participants use, http(s)://host[:port][/path], for"
        " links and QR codes.",
    )(command)
