"""Whether a study is open, paused or closed, and who changed it when."""


def set_study_state(db, study_id, state, changed_by, at):
    """Record that CHANGED_BY set the study's state to STATE at AT."""
    db.execute(
        "INSERT INTO study_state_changes (study_id, state, changed_by, changed_at)"
        " VALUES (?, ?, ?, ?)",
        [study_id, state, changed_by, at],
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
