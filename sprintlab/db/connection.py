"""Opening the evidence store, knowing its file, and the values it stores."""

import os
import sqlite3
import time
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from time import monotonic
from urllib.parse import quote

import sqlite_utils

from sprintlab.db.files import NotAStore, identity
from sprintlab.db.schema import migrations
from sprintlab.db.transactions import WRITE_WAIT_SECONDS, Busy, exclusive

# Kept for callers that ask: a connection's busy timeout is its write wait.
BUSY_TIMEOUT_MS = int(WRITE_WAIT_SECONDS * 1000)
# The WAL is cut back to this after a checkpoint, so a small disk never fills
# with an old, long WAL (SQLite keeps the largest size it ever reached).
JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024
# Opening a new database runs its migrations under the write lock; another
# process migrating the same file may hold it for a while.
MIGRATION_WAIT_SECONDS = 60.0


class Evidence(sqlite_utils.Database):
    """A connection to the evidence store that knows the file it opened."""

    def __init__(self, conn, path, write_wait):
        super().__init__(conn)
        self.sprintlab_path = path
        self.sprintlab_lock_file = None
        self.identity = identity(path) if path else None
        self.write_wait = write_wait
        self.write_depth = 0
        # Set when a statement failed: the web layer then opens a fresh
        # connection instead of pooling this one (a read-only open sticks).
        self.failed = False
        self.checked_at = monotonic()

    def close(self):
        """Close the connection and the lock file beside the database."""
        super().close()
        if self.sprintlab_lock_file is not None:
            self.sprintlab_lock_file.close()
            self.sprintlab_lock_file = None


def now(moment=None):
    """MOMENT (default: the current UTC time) as stored everywhere: ISO 8601, ms."""
    return (moment or datetime.now(UTC)).isoformat(timespec="milliseconds")


def connect(path, create=True, write_wait=WRITE_WAIT_SECONDS):
    """Open the evidence store at PATH with WAL, foreign keys and a bounded wait.

    With CREATE false, a missing file is NotAStore instead of a new database.
    """
    if str(path) == ":memory:":
        return _configure(sqlite3.connect(":memory:"), None, write_wait)
    path = Path(path).resolve()
    if path.is_dir():
        raise NotAStore(f"{path} is a folder: give the database file in it")
    if not create and not path.exists():
        raise NotAStore(f"there is no database at {path}: check --db")
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
        _create_private(path)
    # isolation_level=None: autocommit; every write goes through
    # write_transaction, which commits before it returns.
    mode = "rwc" if create else "rw"
    conn = sqlite3.connect(
        f"file:{quote(str(path))}?mode={mode}",
        uri=True,
        timeout=write_wait,
        check_same_thread=False,
    )
    try:
        return _configure(conn, str(path), write_wait)
    except Busy:
        conn.close()
        raise
    except sqlite3.OperationalError as error:
        conn.close()
        raise NotAStore(f"cannot open {path}: {error}") from None
    except sqlite3.DatabaseError as error:
        conn.close()
        raise NotAStore(f"{path} is not a SQLite database ({error})") from None


def _configure(conn, path, write_wait):
    conn.isolation_level = None
    db = Evidence(conn, path, write_wait)
    db.execute(f"PRAGMA busy_timeout = {int(write_wait * 1000)}")
    db.execute("PRAGMA foreign_keys = ON")
    if path is not None:
        mode = _locked_out(lambda: db.execute("PRAGMA journal_mode").fetchone()[0], "")
        if mode != "wal":
            # Switching a new file to WAL needs SQLite's exclusive lock, which
            # does not wait: processes opening it at once take turns here.
            with exclusive(db, MIGRATION_WAIT_SECONDS):
                db.enable_wal()
        # NORMAL is crash-safe in WAL mode: a commit survives a killed
        # process; only an OS crash or power loss can drop the last commits.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
    return db


def _create_private(path):
    """Create the file at PATH readable by its owner only (0600), if it is new.

    Before SQLite opens it, so no byte is ever readable by others: SQLite
    gives the -wal and -shm files the database file's mode.
    """
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def migrate(db):
    """Apply every pending migration, one process at a time."""
    if not _locked_out(lambda: migrations.pending(db), default=True):
        return
    # Three processes opening a new file at once must not each create the
    # tables: the write lock lets one migrate while the others wait. A
    # reader of the brand-new file can still hold SQLite's own lock for a
    # moment, so a locked migration is tried again, within the same bound.
    with exclusive(db, MIGRATION_WAIT_SECONDS):
        deadline = monotonic() + MIGRATION_WAIT_SECONDS
        while True:
            try:
                migrations.apply(db)
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or monotonic() > deadline:
                    raise
                time.sleep(0.05)


def _locked_out(read, default):
    """READ(), or DEFAULT while another process holds the new file's lock."""
    try:
        return read()
    except sqlite3.OperationalError as error:
        if "locked" not in str(error):
            raise
        return default


def open_db(path, create=True, write_wait=WRITE_WAIT_SECONDS):
    """Connect to PATH and bring its schema up to date."""
    db = connect(path, create, write_wait)
    try:
        if not create and not _is_ours(db):
            raise NotAStore(f"{path} is a SQLite file but not a sprintlab database")
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def holds_participants(path):
    """Whether the database file at PATH exists and holds any participant."""
    path = Path(path)
    if not path.is_file():
        return False
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    try:
        return bool(
            conn.execute("SELECT EXISTS (SELECT 1 FROM participants)").fetchone()[0]
        )
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def _is_ours(db):
    """Whether DB holds sprintlab's migrations (or nothing at all yet)."""
    if not db.table_names():
        return True
    return bool(migrations.applied(db))


def _first(cursor):
    """The cursor's first row as a dict by column name, or None."""
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((d[0] for d in cursor.description), row, strict=True))
