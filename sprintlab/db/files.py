"""The database file itself: which file a connection opened, and whether it still is.

A connection keeps writing to a file that was deleted or replaced, and every
answer it acknowledged would vanish with the file. So each connection notes
the file's identity (device and inode) when it opens, and writers check it
before they commit.
"""

import os
from time import monotonic


class StoreError(Exception):
    """A database that cannot be used; the message says which file and why."""


class NotAStore(StoreError):
    """The path is missing, a folder, or a file that is not a sprintlab database."""


class Gone(StoreError):
    """The database file was deleted or replaced while connections were open."""


def identity(path):
    """The (device, inode) of the file at PATH."""
    stat = os.stat(path)
    return (stat.st_dev, stat.st_ino)


def check_file(db):
    """Raise Gone when DB's file was deleted, moved away or replaced since opening."""
    db.checked_at = monotonic()
    if db.sprintlab_path is None:
        return
    try:
        same = identity(db.sprintlab_path) == db.identity
    except FileNotFoundError:
        same = False
    if not same:
        db.failed = True
        raise Gone(
            f"the database file {db.sprintlab_path} was deleted or replaced while"
            " the server ran: put it back, or restart the server"
        )
