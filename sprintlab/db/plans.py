"""Pre-registrations and saved segment models: what a study's analysis stands on."""

from sprintlab.db.transactions import write_transaction


def preregistration_of(db, study_id):
    """The study's pre-registration row, or None."""
    rows = list(
        db.query("SELECT * FROM preregistrations WHERE study_id = ?", [study_id])
    )
    return rows[0] if rows else None


def insert_preregistration(db, row):
    """Store ROW (study_id, hash, plan, registered_at, late, participants_before).

    Call it inside the write_transaction that checked there was none yet.
    """
    with write_transaction(db):
        db.execute(
            "INSERT INTO preregistrations (study_id, hash, plan, registered_at, late,"
            " participants_before) VALUES (:study_id, :hash, :plan, :registered_at,"
            " :late, :participants_before)",
            row,
        )


def seen_study_versions(db, study_id):
    """[(study hash, participants)] the study's participants took part under."""
    return db.execute(
        "SELECT study_hash, count(*) FROM participants WHERE study_id = ?"
        " AND withdrawn_at IS NULL GROUP BY study_hash ORDER BY min(id)",
        [study_id],
    ).fetchall()


def seen_templates(db, study_id):
    """[(variant, template hash, participants)] of every message version shown.

    The version in the participant's language and those frozen in the other
    languages at consent.
    """
    return db.execute(
        "SELECT a.variant_id, coalesce(t.template_hash, a.template_hash),"
        " count(DISTINCT a.participant_id)"
        " FROM assignments a JOIN participants p ON p.id = a.participant_id"
        " LEFT JOIN assignment_translations t ON t.participant_id = a.participant_id"
        " AND t.position = a.position"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " GROUP BY 1, 2 ORDER BY 1, 2",
        [study_id],
    ).fetchall()


def assigned_templates(db, study_id):
    """[(participant, variant, template hash)] of the study's assignments."""
    return db.execute(
        "SELECT a.participant_id, a.variant_id, a.template_hash FROM assignments a"
        " JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL",
        [study_id],
    ).fetchall()


def save_segmentation(db, study_id, model_json, at):
    """Keep a segment model for STUDY_ID; it holds until a newer one is saved."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO segmentations (study_id, model, saved_at) VALUES (?, ?, ?)",
            [study_id, model_json, at],
        )


def latest_segmentation(db, study_id):
    """The newest saved segment model row of STUDY_ID, or None."""
    rows = list(
        db.query(
            "SELECT * FROM segmentations WHERE study_id = ? ORDER BY id DESC LIMIT 1",
            [study_id],
        )
    )
    return rows[0] if rows else None
