"""The secret key beside the database: made once, atomically, and never lost quietly.

Participant cookies and form tokens are signed with it, so a new key locks
out everyone who has not finished. It is created with O_EXCL and mode 0600
from the first byte, written whole before it appears under its name (a full
disk leaves no key rather than an empty one), and checked whenever it is
read. While the database holds participants, a key that goes missing is
refused, and so is a different key (the database keeps the fingerprint of
its key, never the key), unless the operator asks for a new one. Commands
that create the first participants (`simulate`) make the key too.
"""

import hashlib
import os
import re
import secrets
from pathlib import Path

from sprintlab import db as store

KEY = re.compile(r"[0-9a-f]{64,128}")
NEW_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


class SecretError(Exception):
    """The secret key file is missing or unusable; the message says what to do."""


def fingerprint(key):
    """A one-way fingerprint of KEY, safe to store beside the data."""
    return hashlib.sha256(b"sprintlab secret key\0" + key.encode()).hexdigest()[:32]


def secret_beside(database, renew=False):
    """The secret key kept beside DATABASE (migrated first), made on first start.

    RENEW makes a new key even while participants are in (they must start
    again); without it a missing or changed key is then a SecretError.
    """
    database = Path(database)
    path = database.with_name(database.name + ".secret")
    db = store.open_db(database)
    try:
        recorded = store.secret_fingerprint(db)
        people = store.holds_participants(database) and not renew
        try:
            key = _create(path, replace=True) if renew else _read(path)
        except FileNotFoundError:
            if people:
                raise SecretError(_refusal(path, database, "is missing")) from None
            key = _create(path)
        if recorded != fingerprint(key):
            if recorded and people:
                raise SecretError(_refusal(path, database, "is not the key of"))
            store.record_secret_fingerprint(db, fingerprint(key), store.now())
        return key
    finally:
        db.close()


def _refusal(path, database, what):
    return (
        f"{path} {what} {database}, which holds participants: restore the file"
        " from a backup. To start over with a new key instead (everyone who has"
        f" not finished must start again): sprintlab serve --db {database}"
        " --new-secret"
    )


def _read(path):
    key = path.read_text(encoding="ascii", errors="replace").strip()
    if not KEY.fullmatch(key):
        raise SecretError(
            f"{path} does not hold a key (64 to 128 hexadecimal characters): restore"
            " it from a backup, or if nobody is taking part yet, delete it and start"
            " again to make a new one"
        )
    return key


def _create(path, replace=False):
    """Write a new key under a temporary name, then link (or REPLACE) it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(key + "\n")
            out.flush()
            os.fsync(out.fileno())
        if replace:
            os.replace(temporary, path)
            return key
        try:
            os.link(temporary, path)
        except FileExistsError:
            # Another process made the key first: use theirs.
            return _read(path)
    finally:
        temporary.unlink(missing_ok=True)
    return key
