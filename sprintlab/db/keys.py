"""The fingerprint of the secret key a database is served with."""

from sprintlab.db.transactions import write_transaction


def secret_fingerprint(db):
    """The fingerprint recorded for the database's secret key, or None."""
    row = db.execute(
        "SELECT fingerprint FROM secret_key ORDER BY rowid DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def record_secret_fingerprint(db, fingerprint, at):
    """Record FINGERPRINT as that of the key the database is served with from AT."""
    with write_transaction(db):
        db.execute("DELETE FROM secret_key")
        db.execute(
            "INSERT INTO secret_key (fingerprint, recorded_at) VALUES (?, ?)",
            [fingerprint, at],
        )
