"""Reading how a study's messages were shown: their exposure, per assignment."""


def exposure_rows(db, study_id):
    """(variant, shown, answered, opening, opened, seconds, layout) per message.

    For every message assigned to a participant who has not withdrawn.
    """
    return db.execute(
        "SELECT a.variant_id, a.shown_at IS NOT NULL, a.answered_at IS NOT NULL,"
        " a.opening, a.opened_at IS NOT NULL, a.seconds_on_message, a.layout"
        " FROM assignments a JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL",
        [study_id],
    ).fetchall()
