"""Opening the evidence store, its transactions, and the values it stores."""

import os
import sqlite3
import threading
import weakref
from collections import defaultdict
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from sprintlab.db.schema import migrations

try:
    import fcntl
except ImportError:  # Windows: one process, the threading lock is enough
    fcntl = None

BUSY_TIMEOUT_MS = 5000
_WRITE_LOCKS = defaultdict(threading.Lock)


def now(moment=None):
    """MOMENT (default: the current UTC time) as stored everywhere: ISO 8601, ms."""
    return (moment or datetime.now(UTC)).isoformat(timespec="milliseconds")


def connect(path):
    """Open the evidence store at PATH with WAL, foreign keys and a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
    # isolation_level=None: autocommit, so every write outside atomic() is
    # durable the moment it returns.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.isolation_level = None
    db = sqlite_utils.Database(conn)
    db.sprintlab_path = str(Path(path).resolve()) if str(path) != ":memory:" else None
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.enable_wal()
        # NORMAL is crash-safe in WAL mode: a commit survives a killed
        # process; only an OS crash or power loss can drop the last commits.
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def _create_private(path):
    """Create the file at PATH readable by its owner only (0600), if it is new.

    Before SQLite opens it, so no byte is ever readable by others: SQLite
    gives the -wal and -shm files the database file's mode.
    """
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def migrate(db):
    """Apply every pending migration."""
    migrations.apply(db)


def open_db(path):
    """Connect to PATH and bring its schema up to date."""
    db = connect(path)
    migrate(db)
    return db


@contextmanager
def write_transaction(db):
    """Run the block in BEGIN IMMEDIATE ... COMMIT, taking the write lock first.

    Reads inside the transaction then cannot go stale, and two writers never
    deadlock on upgrading a read lock.
    """
    # Writers queue on a lock first: SQLite's busy handler polls with growing
    # sleeps, which made the slowest submits wait 100+ ms. The threads of one
    # process queue on a threading lock, the processes on a file lock beside
    # the database (the server's worker processes, a command-line import).
    path = getattr(db, "sprintlab_path", None)
    with _WRITE_LOCKS[path], _file_lock(db):
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")


@contextmanager
def _file_lock(db):
    """An exclusive flock on the lock file beside DB's file (Unix only)."""
    path = getattr(db, "sprintlab_path", None)
    if path is None or fcntl is None:
        yield
        return
    # Each connection opens its own: flock keeps apart open files, and a file
    # opened before a fork would be one and the same in parent and child.
    lock_file = getattr(db, "sprintlab_lock_file", None)
    if lock_file is None:
        lock_file = db.sprintlab_lock_file = open(path + ".lock", "a+b")  # noqa: SIM115
        weakref.finalize(db, lock_file.close)
    fcntl.flock(lock_file, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(lock_file, fcntl.LOCK_UN)


def _first(cursor):
    """The cursor's first row as a dict by column name, or None."""
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((d[0] for d in cursor.description), row, strict=True))
