"""Reading a study's evidence for analysis and export."""


def answers_for_export(db, study_id):
    """Every answer of a study's participants who have not withdrawn, in order."""
    # The language is the message's (a participant may switch mid-study);
    # the exposure is its assignment's: how and how long it was shown.
    return list(
        db.query(
            "SELECT p.id AS participant, p.study_hash,"
            " coalesce(t.language, p.language) AS language,"
            " a.variant_id AS variant, a.position, a.question_id AS question,"
            " a.value, a.dont_know, a.text, a.template_hash, a.answered_at,"
            " s.opening, s.shown_at, s.opened_at, s.seconds_on_message, s.layout,"
            " p.flags, p.completed_at"
            " FROM answers a JOIN participants p ON p.id = a.participant_id"
            " LEFT JOIN assignments s ON s.participant_id = a.participant_id"
            " AND s.position = a.position"
            " LEFT JOIN template_versions t ON t.hash = a.template_hash"
            " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
            " ORDER BY p.id, a.position, a.id",
            [study_id],
        )
    )


def segment_answers_for_export(db, study_id):
    """(participant id, question id, value) for a study's non-withdrawn people."""
    return db.execute(
        "SELECT s.participant_id, s.question_id, s.value FROM segment_answers s"
        " JOIN participants p ON p.id = s.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL",
        [study_id],
    ).fetchall()


def analysis_answers(db, study_id, exclude_speeders=False):
    """(participant, variant, position, question, value, text, dont_know) rows.

    Answers of participants who have not withdrawn; with EXCLUDE_SPEEDERS, also
    without those flagged as speeding.
    """
    return db.execute(
        "SELECT a.participant_id, a.variant_id, a.position, a.question_id, a.value,"
        " a.text, a.dont_know FROM answers a"
        " JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " AND NOT (? AND coalesce(json_extract(p.flags, '$.speeder'), 0))",
        [study_id, int(exclude_speeders)],
    ).fetchall()


def analysis_segments(db, study_id):
    """(participant, question, value) for the segment answers of a study."""
    return db.execute(
        "SELECT s.participant_id, s.question_id, s.value FROM segment_answers s"
        " JOIN participants p ON p.id = s.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL AND s.dont_know = 0",
        [study_id],
    ).fetchall()


def analysis_assignments(db, study_id):
    """(participant, variant, position, answered, completed, flags) per assignment."""
    return db.execute(
        "SELECT a.participant_id, a.variant_id, a.position,"
        " a.answered_at IS NOT NULL, p.completed_at IS NOT NULL, p.flags"
        " FROM assignments a JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " ORDER BY a.participant_id, a.position",
        [study_id],
    ).fetchall()


def data_version(db, study_id):
    """A string that changes whenever a study's evidence changes (for caches)."""
    row = db.execute(
        "SELECT count(*), coalesce(max(a.id), 0),"
        " (SELECT count(*) FROM participants WHERE study_id = ?"
        "  AND withdrawn_at IS NOT NULL),"
        " (SELECT count(*) FROM participants WHERE study_id = ?),"
        " (SELECT count(*) FROM participants WHERE study_id = ?"
        "  AND completed_at IS NOT NULL)"
        " FROM answers a JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ?",
        [study_id, study_id, study_id, study_id],
    ).fetchone()
    return "-".join(str(part) for part in row)
