"""Reading how fieldwork goes: how far participants got, who is busy, groups."""


def progress_counts(db, study_id, active_since):
    """(shown, answered, segments done, completed, active, participants) groups.

    One row per combination, for the study's participants who have not
    withdrawn: how many of their messages were shown and answered, whether
    they answered the questions about themselves and finished, and whether
    they were seen since ACTIVE_SINCE.
    """
    return db.execute(
        "SELECT coalesce(m.shown, 0), coalesce(m.answered, 0),"
        " p.segments_at IS NOT NULL, p.completed_at IS NOT NULL,"
        " p.last_seen_at >= ?, count(*) FROM participants p"
        " LEFT JOIN (SELECT a.participant_id, count(a.shown_at) AS shown,"
        "  count(a.answered_at) AS answered FROM assignments a"
        "  JOIN participants q ON q.id = a.participant_id WHERE q.study_id = ?"
        "  GROUP BY a.participant_id) m ON m.participant_id = p.id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " GROUP BY 1, 2, 3, 4, 5",
        [active_since, study_id, study_id],
    ).fetchall()


def fieldwork_times(db, study_id):
    """(latest start, latest activity) of the study's participants, or Nones."""
    return db.execute(
        "SELECT max(started_at), max(last_seen_at) FROM participants"
        " WHERE study_id = ? AND withdrawn_at IS NULL",
        [study_id],
    ).fetchone()


def group_counts(db, study_id):
    """(segment question, answer, variant, participants) for answered messages.

    Don't-know and unanswered segment questions are left out, as in the
    segment analysis.
    """
    return db.execute(
        "SELECT s.question_id, s.value, a.variant_id, count(*)"
        " FROM segment_answers s JOIN participants p ON p.id = s.participant_id"
        " JOIN assignments a ON a.participant_id = s.participant_id"
        " AND a.answered_at IS NOT NULL"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL AND s.dont_know = 0"
        " GROUP BY 1, 2, 3",
        [study_id],
    ).fetchall()


def variant_progress(db, study_id):
    """(variant, started, answered, completed) for the study's messages."""
    return db.execute(
        "SELECT a.variant_id, count(*), count(a.answered_at), count(p.completed_at)"
        " FROM assignments a JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL GROUP BY 1",
        [study_id],
    ).fetchall()
