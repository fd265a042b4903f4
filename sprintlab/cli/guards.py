"""Checks commands make before they act: one clear line, a non-zero exit, no traceback.

A mistyped --db, an --out in a missing folder, a port in use, broken content:
each is found before anything is printed, written or created.
"""

import socket
from contextlib import contextmanager
from pathlib import Path

import click

from sprintlab import db as store
from sprintlab.content.check import check_paths
from sprintlab.content.problems import ERROR, errors_in


class Refused(click.ClickException):
    """A command refused to start: 'Error: …' on one line, exit status 2."""

    exit_code = 2


def study(content, study_id):
    """The study STUDY_ID from CONTENT, or one clear line saying why it cannot be used.

    A study file that does not load is set aside by the content folder; its
    first problem is the line, so a typo in a file reads as that typo, not as
    a study that does not exist.
    """
    try:
        return content.study(study_id)
    except KeyError:
        problems = content.broken_studies().get(study_id)
        if problems:
            first = next((p for p in problems if p.level == ERROR), problems[0])
            raise click.ClickException(str(first)) from None
        raise click.ClickException(f"there is no study called {study_id}") from None


@contextmanager
def evidence(database, create=False):
    """The evidence store at DATABASE, closed after the block.

    Without CREATE, a missing file is an error rather than a new, empty
    database: commands that only read never create one.
    """
    try:
        db = store.open_db(database, create=create)
    except store.StoreError as error:
        raise click.ClickException(str(error)) from None
    try:
        yield db
    finally:
        db.close()


def secret_key(database):
    """Make the secret key beside a database that has no participants yet.

    Participants are only ever taken in with a key beside their database, so
    one that is missing later was lost, never simply not made.
    """
    from sprintlab.web.secret_key import SecretError, secret_beside

    if Path(database).is_dir() or store.holds_participants(database):
        return
    try:
        secret_beside(database)
    except (SecretError, store.StoreError) as error:
        raise click.ClickException(str(error)) from None


def writable(out):
    """Refuse an --out whose folder does not exist (before any work is done)."""
    if out is None:
        return
    folder = Path(out).resolve().parent
    if not folder.is_dir():
        raise click.ClickException(f"cannot write {out}: there is no folder {folder}")
    if Path(out).is_dir():
        raise click.ClickException(f"cannot write {out}: it is a folder")


def database_to_serve(database, init):
    """Refuse a --db that is a folder, or missing without --init (first start)."""
    path = Path(database)
    if path.is_dir():
        raise Refused(f"{database} is a folder: give the database file with --db")
    if not path.exists() and not init:
        raise Refused(
            f"there is no database at {database}: check --db, or add --init to"
            " create it on a first start"
        )


def port_free(host, port):
    """Refuse HOST:PORT when something already listens there."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise Refused(
                f"cannot listen on {host}:{port} ({error.strerror}): is sprintlab"
                " already running? Choose another --port"
            ) from None


def report_content(content):
    """Print every problem `sprintlab check` finds; return how many are errors.

    The server still starts: a bad study file takes only that study out.
    """
    problems = check_paths(
        (content.prototypes_dir, content.messages_dir), content.messages_dir
    )
    errors = errors_in(problems)
    for problem in problems:
        click.echo(str(problem), err=True)
    if errors:
        click.echo(
            f"{len(errors)} error(s) in the content: studies with errors take no"
            " participants until they are fixed; the others are served",
            err=True,
        )
    return len(errors)
