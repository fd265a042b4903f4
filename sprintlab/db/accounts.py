"""Accounts of researchers, designers and admins."""

from sprintlab.db.connection import _first


def insert_user(db, name, password_hash, role, at):
    """Add an account; sqlite3.IntegrityError when the name is taken."""
    return db.execute(
        "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
        [name, password_hash, role, at],
    ).lastrowid


def set_user_password(db, name, password_hash):
    """Replace an account's password hash; False when there is no such account."""
    cursor = db.execute(
        "UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name]
    )
    return cursor.rowcount == 1


def user_by_name(db, name):
    """The account called NAME (case-insensitive), or None."""
    return _first(db.execute("SELECT * FROM users WHERE name = ?", [name]))


def user_by_id(db, user_id):
    """The account with USER_ID, or None."""
    return _first(db.execute("SELECT * FROM users WHERE id = ?", [user_id]))


def users(db):
    """Every account, by name."""
    return list(db.query("SELECT id, name, role, created_at FROM users ORDER BY name"))
