"""Observers' notes on a test day, and the team's decision per variant."""

from sprintlab.db.transactions import write_transaction

NOTE_COLUMNS = (
    "id, study_id, slot, participant_id, variant_id, kind, tags, text,"
    " observer_role, written_at"
)


def insert_note(db, note):
    """Store NOTE (a dict of its columns) once; its id, or None when already stored.

    A note's form key is unique: a form submitted twice stores one note.
    """
    with write_transaction(db):
        row = db.execute(
            "INSERT INTO testday_notes (study_id, slot, participant_id, variant_id,"
            " kind, tags, text, observer_id, observer_role, form_key, written_at)"
            " VALUES (:study_id, :slot, :participant_id, :variant_id, :kind, :tags,"
            " :text, :observer_id, :observer_role, :form_key, :written_at)"
            " ON CONFLICT (form_key) DO NOTHING RETURNING id",
            note,
        ).fetchone()
    return row[0] if row else None


def notes_of_study(db, study_id):
    """Every note about a study, oldest first."""
    return list(
        db.query(
            f"SELECT {NOTE_COLUMNS} FROM testday_notes"  # noqa: S608 -- fixed columns
            " WHERE study_id = ? ORDER BY id",
            [study_id],
        )
    )


def notes_version(db, study_id):
    """(count, latest id) of a study's notes: changes whenever one comes or goes."""
    return tuple(
        db.execute(
            "SELECT count(*), coalesce(max(id), 0) FROM testday_notes"
            " WHERE study_id = ?",
            [study_id],
        ).fetchone()
    )


def insert_decisions(db, rows):
    """Record decisions: (study, variant, decision, reason, role, form key, at) each.

    A decision form submitted twice records each of its decisions once.
    """
    with write_transaction(db):
        db.conn.executemany(
            "INSERT INTO testday_decisions (study_id, variant_id, decision, reason,"
            " decided_by_role, form_key, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (form_key, variant_id) DO NOTHING",
            rows,
        )


def decisions_of_study(db, study_id):
    """Every decision recorded for a study, oldest first."""
    return list(
        db.query(
            "SELECT variant_id, decision, reason, decided_by_role, decided_at"
            " FROM testday_decisions WHERE study_id = ? ORDER BY id",
            [study_id],
        )
    )
