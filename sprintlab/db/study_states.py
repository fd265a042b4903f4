"""Whether a study is open, paused or closed, who changed it when, and why."""

from sprintlab.db.transactions import write_transaction


def set_study_state(db, study_id, state, changed_by, at, reason=None, wait=None):
    """Record that CHANGED_BY set the study's state to STATE at AT (for REASON)."""
    with write_transaction(db, wait):
        db.execute(
            "INSERT INTO study_state_changes"
            " (study_id, state, changed_by, changed_at, reason) VALUES (?, ?, ?, ?, ?)",
            [study_id, state, changed_by, at, reason],
        )


def study_state_changes(db, study_id):
    """Every state change of a study, newest first."""
    return list(
        db.query(
            "SELECT * FROM study_state_changes WHERE study_id = ? ORDER BY id DESC",
            [study_id],
        )
    )


def study_state(db, study_id):
    """The study's current state: 'open' until someone pauses or closes it."""
    row = db.execute(
        "SELECT state FROM study_state_changes WHERE study_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [study_id],
    ).fetchone()
    return row[0] if row else "open"


def study_state_reason(db, study_id):
    """Why the study is in its current state, when sprintlab said why; else None."""
    row = db.execute(
        "SELECT reason FROM study_state_changes WHERE study_id = ?"
        " ORDER BY id DESC LIMIT 1",
        [study_id],
    ).fetchone()
    return row[0] if row else None
