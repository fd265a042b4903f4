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


def set_password_hash(db, user_id, password_hash):
    """Store a new password hash for the account USER_ID."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", [password_hash, user_id]
        )


def end_sessions(db, user_id):
    """Refuse every session of account USER_ID issued so far."""
    with write_transaction(db):
        db.execute(
            "UPDATE users SET session_generation = session_generation + 1 WHERE id = ?",
            [user_id],
        )


def claim_login_attempt(db, client, account, at, forget_before, wait_for):
    """Count a login attempt for (CLIENT, ACCOUNT) unless WAIT_FOR says wait.

    In one write transaction: attempts from before FORGET_BEFORE are
    forgotten, then WAIT_FOR(client attempts, pair attempts, the pair's
    latest attempt) gives the seconds to wait. At 0 the attempt is recorded
    (before its password is checked, so concurrent attempts cannot slip
    through together) and 0 returned; otherwise nothing is recorded.
    """
    with write_transaction(db):
        db.execute("DELETE FROM login_attempts WHERE at < ?", [forget_before])
        by_client = db.execute(
            "SELECT count(*) FROM login_attempts WHERE client = ?", [client]
        ).fetchone()[0]
        by_pair, latest = db.execute(
            "SELECT count(*), max(at) FROM login_attempts"
            " WHERE client = ? AND account = ?",
            [client, account],
        ).fetchone()
        wait = wait_for(by_client, by_pair, latest)
        if wait == 0:
            db.execute(
                "INSERT INTO login_attempts (client, account, at) VALUES (?, ?, ?)",
                [client, account, at],
            )
    return wait


def forgive_login_attempts(db, client, account):
    """Forget (CLIENT, ACCOUNT)'s attempts after a successful login."""
    with write_transaction(db):
        db.execute(
            "DELETE FROM login_attempts WHERE client = ? AND account = ?",
            [client, account],
        )
