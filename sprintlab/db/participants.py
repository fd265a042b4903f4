"""Participants, their assignment, their answers and their events."""

from sprintlab.db.connection import _first
from sprintlab.db.transactions import write_transaction

INSERT_ANSWERS = (
    "INSERT INTO answers (participant_id, variant_id, position, question_id,"
    " value, text, dont_know, template_hash, answered_at) VALUES "
)
ANSWER_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"


def variant_counts(db, study_id, variant_ids, active_since):
    """Participants per variant who completed or were active since ACTIVE_SINCE."""
    counts = dict.fromkeys(variant_ids, 0)
    completed = db.execute(
        "SELECT variant_id, completed FROM completed_tallies WHERE study_id = ?",
        [study_id],
    ).fetchall()
    active = db.execute(
        "SELECT a.variant_id, count(*) FROM participants p"
        " JOIN assignments a ON a.participant_id = p.id AND a.position = 0"
        " WHERE p.study_id = ? AND p.completed_at IS NULL"
        " AND p.last_seen_at >= ? AND p.withdrawn_at IS NULL"
        " GROUP BY a.variant_id",
        [study_id, active_since],
    ).fetchall()
    for variant_id, count in completed + active:
        if variant_id in counts:
            counts[variant_id] += count
    return counts


def participant_count(db, study_id):
    """How many participants a study has had, withdrawn ones included."""
    return db.execute(
        "SELECT count(*) FROM participants WHERE study_id = ?", [study_id]
    ).fetchone()[0]


def insert_participant(db, participant, assignments, translations=()):
    """Store a new participant and their assignment; return the participant id.

    TRANSLATIONS hold (position, language, template hash): each assigned
    message in every language, frozen for a switch of language later.
    """
    with write_transaction(db):
        cursor = db.execute(
            "INSERT INTO participants (token, study_id, study_hash, language,"
            " consent_version, kiosk, withdrawal_code, started_at, last_seen_at)"
            " VALUES (:token, :study_id, :study_hash, :language, :consent_version,"
            " :kiosk, :withdrawal_code, :started_at, :started_at)",
            participant,
        )
        participant_id = cursor.lastrowid
        db.conn.executemany(
            "INSERT INTO assignments (participant_id, position, variant_id,"
            " template_id, template_hash) VALUES (?, ?, ?, ?, ?)",
            [(participant_id, *row) for row in assignments],
        )
        db.conn.executemany(
            "INSERT INTO assignment_translations (participant_id, position,"
            " language, template_hash) VALUES (?, ?, ?, ?)",
            [(participant_id, *row) for row in translations],
        )
    return participant_id


def participant_by_token(db, token):
    """The participant with TOKEN, or None."""
    return _first(db.execute("SELECT * FROM participants WHERE token = ?", [token]))


def assignments_of(db, participant_id):
    """A participant's assigned variants in the order they are shown."""
    return list(
        db.query(
            "SELECT * FROM assignments WHERE participant_id = ? ORDER BY position",
            [participant_id],
        )
    )


def mark_shown(db, participant_id, position, at, wait=None):
    """Record when a message was first shown; later views change nothing.

    WAIT bounds the wait for the write lock (Busy after it), so a page view
    can try briefly and record the view later instead.
    """
    with write_transaction(db, wait):
        db.execute(
            "UPDATE assignments SET shown_at = ? WHERE participant_id = ?"
            " AND position = ? AND shown_at IS NULL",
            [at, participant_id, position],
        )


def record_answers(
    db, participant_id, position, answers, at, shown_at=None, exposure=None
):
    """Store one message page's answers once; False when it was already answered.

    ANSWERS holds (question_id, value, text, dont_know). The page is claimed
    and its answers written in one transaction, so a replayed or concurrent
    submit can neither double nor half-write it. SHOWN_AT, when given, is when
    the page was first shown, if a busy moment kept it from being recorded.
    EXPOSURE ({"opening", "layout"}) is kept with the answers, beside the
    seconds from first shown to now; the page's drafts are deleted.
    """
    exposure = exposure or {}
    with write_transaction(db):
        claimed = db.execute(
            "UPDATE assignments SET answered_at = :at,"
            " shown_at = coalesce(shown_at, :shown), opening = :opening,"
            " layout = :layout, seconds_on_message = round(86400.0 *"
            " (julianday(:at) - julianday(coalesce(shown_at, :shown))), 3)"
            " WHERE participant_id = :participant AND position = :position"
            " AND answered_at IS NULL RETURNING variant_id, template_hash",
            {
                "at": at,
                "shown": shown_at,
                "opening": exposure.get("opening"),
                "layout": exposure.get("layout"),
                "participant": participant_id,
                "position": position,
            },
        ).fetchone()
        if claimed is None:
            return False
        variant_id, template_hash = claimed
        if answers:
            # One multi-row INSERT, not a statement per answer: fewer calls
            # into SQLite while the write lock is held.
            values = ", ".join([ANSWER_ROW] * len(answers))
            db.conn.execute(
                INSERT_ANSWERS + values,  # noqa: S608 -- "?" placeholders only
                [
                    field
                    for answer in answers
                    for field in (
                        participant_id,
                        variant_id,
                        position,
                        *answer,
                        template_hash,
                        at,
                    )
                ],
            )
        db.execute(
            "UPDATE participants SET last_seen_at = ? WHERE id = ?",
            [at, participant_id],
        )
        db.execute(
            "DELETE FROM draft_answers WHERE participant_id = ? AND position = ?",
            [participant_id, position],
        )
    return True


def record_segment_answers(db, participant_id, answers, at):
    """Store the segment answers once; False when they were already given.

    ANSWERS holds (question_id, value, dont_know).
    """
    with write_transaction(db):
        claimed = db.execute(
            "UPDATE participants SET segments_at = ?, last_seen_at = ?"
            " WHERE id = ? AND segments_at IS NULL RETURNING id",
            [at, at, participant_id],
        ).fetchone()
        if claimed is None:
            return False
        db.conn.executemany(
            "INSERT INTO segment_answers (participant_id, question_id, value,"
            " dont_know, answered_at) VALUES (?, ?, ?, ?, ?)",
            [(participant_id, *answer, at) for answer in answers],
        )
    return True


def complete_participant(db, participant_id, flags_json, at):
    """Mark a participant complete with their quality flags (once)."""
    with write_transaction(db):
        db.execute(
            "UPDATE participants SET completed_at = ?, flags = ?, last_seen_at = ?"
            " WHERE id = ? AND completed_at IS NULL",
            [at, flags_json, at, participant_id],
        )


def likert_values(db, participant_id):
    """(position, question, value) of the participant's numeric answers, in order.

    Not the rows of a data_use question (stored as `<question>:<source>`):
    their yes/no is no point on the rating scale.
    """
    return db.execute(
        "SELECT position, question_id, value FROM answers WHERE participant_id = ?"
        " AND value IS NOT NULL AND instr(question_id, ':') = 0"
        " ORDER BY position, question_id",
        [participant_id],
    ).fetchall()


def withdraw_participant(db, withdrawal_code, at):
    """Delete a participant's answers and mark them withdrawn; False if unknown."""
    with write_transaction(db):
        row = db.execute(
            "SELECT id FROM participants WHERE withdrawal_code = ?",
            [withdrawal_code],
        ).fetchone()
        if row is None:
            return False
        participant_id = row[0]
        db.execute("DELETE FROM answers WHERE participant_id = ?", [participant_id])
        db.execute(
            "DELETE FROM segment_answers WHERE participant_id = ?", [participant_id]
        )
        db.execute("DELETE FROM events WHERE participant_id = ?", [participant_id])
        for table in ("draft_answers", "assignment_translations"):
            db.execute(
                f"DELETE FROM {table} WHERE participant_id = ?",  # noqa: S608 -- ours
                [participant_id],
            )
        db.execute(
            "UPDATE participants SET withdrawn_at = coalesce(withdrawn_at, ?)"
            " WHERE id = ?",
            [at, participant_id],
        )
        # After the update: its trigger reads the assignment to lower the tally.
        db.execute("DELETE FROM assignments WHERE participant_id = ?", [participant_id])
    return True


def stop_participant(db, participant_id, at):
    """Mark the participant stopped, answers kept; drafts go (never half a page)."""
    with write_transaction(db):
        db.execute(
            "UPDATE participants SET stopped_at = ?"
            " WHERE id = ? AND stopped_at IS NULL",
            [at, participant_id],
        )
        db.execute(
            "DELETE FROM draft_answers WHERE participant_id = ?", [participant_id]
        )
        log_event(db, participant_id, "stopped", "{}", at)


def log_event(db, participant_id, kind, detail_json, at):
    """Append an event (page shown, stopped, completed…) for a participant."""
    with write_transaction(db):
        db.execute(
            "INSERT INTO events (participant_id, kind, detail, at) VALUES (?, ?, ?, ?)",
            [participant_id, kind, detail_json, at],
        )


def has_event(db, participant_id, kind):
    """Whether an event of KIND was logged for the participant."""
    return (
        db.execute(
            "SELECT 1 FROM events WHERE participant_id = ? AND kind = ? LIMIT 1",
            [participant_id, kind],
        ).fetchone()
        is not None
    )


def participant_counts(db, study_id):
    """(started, completed) participants of a study, withdrawn ones left out."""
    row = db.execute(
        "SELECT count(*), count(completed_at) FROM participants"
        " WHERE study_id = ? AND withdrawn_at IS NULL",
        [study_id],
    ).fetchone()
    return row[0], row[1]
