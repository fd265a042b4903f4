"""The one write path: every write runs in write_transaction, with a bounded wait.

Writers queue on a lock before SQLite's own: SQLite's busy handler polls with
growing sleeps, which made the slowest submits wait 100+ ms. The threads of
one process queue on a threading lock, the processes on an flock beside the
database (the server, a command-line import). Every wait has one deadline:
the thread lock, the file lock and SQLite's busy timeout all give up when it
passes, and the writer gets Busy, which the web turns into a 503 page.
"""

import os
import sqlite3
import threading
import time
from collections import defaultdict
from contextlib import contextmanager

from sprintlab.db.files import check_file

try:
    import fcntl
except ImportError:  # Windows: one process, the threading lock is enough
    fcntl = None

WRITE_WAIT_SECONDS = float(os.environ.get("SPRINTLAB_WRITE_WAIT_SECONDS", 5.0))
# Polling the file lock: first quickly (a neighbour's commit takes about a
# millisecond), then at most this often.
POLL_FIRST, POLL_MAX = 0.0005, 0.005
_WRITE_LOCKS = defaultdict(threading.Lock)


class Busy(Exception):
    """The write lock stayed taken past the bound: nothing was written, try again."""

    retry_after = 5


@contextmanager
def write_transaction(db, wait=None):
    """Run the block in BEGIN IMMEDIATE ... COMMIT, taking the write lock first.

    Waits at most WAIT seconds (default: the connection's write wait) for the
    lock, then raises Busy. Inside a write_transaction on the same
    connection, the block simply joins it. Before committing, the database
    file is checked (Gone if it was deleted or replaced).
    """
    if db.write_depth:
        yield db
        return
    deadline = time.monotonic() + (db.write_wait if wait is None else wait)
    with _thread_lock(db, deadline), _file_lock(db, deadline):
        _begin(db, deadline)
        db.write_depth = 1
        try:
            yield db
            check_file(db)
        except BaseException as error:
            db.write_depth = 0
            db.failed = db.failed or isinstance(error, sqlite3.Error)
            _rollback(db)
            raise
        db.write_depth = 0
        try:
            db.conn.execute("COMMIT")
        except sqlite3.Error:
            db.failed = True
            _rollback(db)
            raise


@contextmanager
def exclusive(db, wait):
    """Hold the write locks (not a transaction) for at most WAIT seconds' wait."""
    deadline = time.monotonic() + wait
    with _thread_lock(db, deadline), _file_lock(db, deadline):
        yield db


def _busy(db, what):
    db.failed = True
    return Busy(
        f"{what} stayed taken for more than {db.write_wait:g} s: nothing was"
        " written; try again"
    )


@contextmanager
def _thread_lock(db, deadline):
    lock = _WRITE_LOCKS[db.sprintlab_path]
    if not lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise _busy(db, "the write lock")
    try:
        yield
    finally:
        lock.release()


@contextmanager
def _file_lock(db, deadline):
    """An exclusive flock on the lock file beside DB's file (Unix only)."""
    if db.sprintlab_path is None or fcntl is None:
        yield
        return
    # Each connection opens its own: flock keeps apart open files, and a file
    # opened before a fork would be one and the same in parent and child.
    if db.sprintlab_lock_file is None:
        db.sprintlab_lock_file = open(db.sprintlab_path + ".lock", "a+b")  # noqa: SIM115 -- closed by Evidence.close
    lock_file = db.sprintlab_lock_file
    pause = POLL_FIRST
    while True:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _busy(db, f"the lock file {lock_file.name}") from None
            time.sleep(min(pause, left))
            pause = min(pause * 2, POLL_MAX)
    try:
        yield
    finally:
        fcntl.flock(lock_file, fcntl.LOCK_UN)


def _begin(db, deadline):
    """BEGIN IMMEDIATE, with SQLite's busy wait cut to what is left of the bound."""
    left = max(0.0, deadline - time.monotonic())
    shortened = left < db.write_wait - 0.05
    if shortened:
        db.conn.execute(f"PRAGMA busy_timeout = {int(left * 1000)}")
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise _busy(db, "the database's own write lock") from None
        db.failed = True
        raise
    finally:
        if shortened:
            db.conn.execute(f"PRAGMA busy_timeout = {int(db.write_wait * 1000)}")


def _rollback(db):
    try:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
    except sqlite3.Error:
        db.failed = True
