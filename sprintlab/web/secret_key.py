"""The secret key beside the database: made once, atomically, and never lost quietly.

Participant cookies and form tokens are signed with it, so a new key locks
out everyone who has not finished. It is created with O_EXCL and mode 0600
from the first byte, written whole before it appears under its name (a full
disk leaves no key rather than an empty one), checked whenever it is read,
and never made again while the database holds participants.
"""

import os
import re
import secrets
from pathlib import Path

from sprintlab import db as store

KEY = re.compile(r"[0-9a-f]{64,128}")
NEW_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


class SecretError(Exception):
    """The secret key file is missing or unusable; the message says what to do."""


def secret_beside(database):
    """The secret key kept beside DATABASE, made on first start."""
    database = Path(database)
    path = database.with_name(database.name + ".secret")
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    if store.holds_participants(database):
        raise SecretError(
            f"{path} is missing but {database} holds participants: restore the file"
            " from a backup. A new key locks out everyone who has not finished; to"
            f" accept that, run: {NEW_KEY} > {path} && chmod 600 {path}"
        )
    return _create(path)


def _read(path):
    key = path.read_text(encoding="ascii", errors="replace").strip()
    if not KEY.fullmatch(key):
        raise SecretError(
            f"{path} does not hold a key (64 to 128 hexadecimal characters): restore"
            " it from a backup, or if nobody is taking part yet, delete it and start"
            " again to make a new one"
        )
    return key


def _create(path):
    """Write a new key under a temporary name, then link it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(key + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            # Another process made the key first: use theirs.
            return _read(path)
    finally:
        temporary.unlink(missing_ok=True)
    return key
