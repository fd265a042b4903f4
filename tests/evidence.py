"""Read the evidence store directly in tests, as a researcher would afterwards."""

import sqlite3


def rows(database, sql, params=()):
    """The rows SQL returns from the database file DATABASE."""
    conn = sqlite3.connect(database)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def app_rows(app, sql, params=()):
    """The rows SQL returns from APP's database."""
    return rows(app.config["DATABASE"], sql, params)
