"""Accounts of researchers, designers and admins."""

from sprintlab.db.connection import _first
from sprintlab.db.transactions import write_transaction


def insert_user(db, name, password_hash, role, at):
    """Add an account; sqlite3.IntegrityError when the name is taken."""
    with write_transaction(db):
        return db.execute(
            "INSERT INTO users (name, password_hash, role, created_at)"
            " VALUES (?, ?, ?, ?)",
            [name, password_hash, role, at],
        ).lastrowid


def user_by_name(db, name):
    """The account called NAME (case-insensitive), or None."""
    return _first(db.execute("SELECT * FROM users WHERE name = ?", [name]))


def user_by_id(db, user_id):
    """The account with USER_ID, or None."""
    return _first(db.execute("SELECT * FROM users WHERE id = ?", [user_id]))


def users(db):
    """Every account, by name."""
    return list(db.query("SELECT id, name, role, created_at FROM users ORDER BY name"))


def login_failures_since(db, key, since):
    """How many failed logins for KEY happened at or after SINCE."""
    return db.execute(
        "SELECT count(*) FROM login_failures WHERE key = ? AND failed_at >= ?",
        [key, since],
    ).fetchone()[0]


def record_login_failure(db, key, at, forget_before):
    """Count a failed login for KEY at AT; forget all from before FORGET_BEFORE."""
    with write_transaction(db):
        db.execute("DELETE FROM login_failures WHERE failed_at < ?", [forget_before])
        db.execute(
            "INSERT INTO login_failures (key, failed_at) VALUES (?, ?)", [key, at]
        )


def clear_login_failures(db, key):
    """Forget the failed logins for KEY after a successful one."""
    with write_transaction(db):
        db.execute("DELETE FROM login_failures WHERE key = ?", [key])
