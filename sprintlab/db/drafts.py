"""Answers so far on a message asked one question per screen, and translations.

Drafts are never evidence: a message's answers are stored once, all
together, by record_answers, which deletes its drafts in the same
transaction.
"""

from sprintlab.db.transactions import write_transaction

UNANSWERED = (
    "SELECT 1 FROM assignments WHERE participant_id = ? AND position = ?"
    " AND answered_at IS NULL"
)


def save_draft(db, participant_id, position, question_id, answer, at):
    """Keep one ANSWER (value, text, dont_know) until the page is stored.

    ANSWER None forgets an earlier one (an optional question left open).
    False, and nothing changed, when the message's answers are stored already.
    Saving the same question again replaces the earlier draft.
    """
    with write_transaction(db):
        if db.execute(UNANSWERED, [participant_id, position]).fetchone() is None:
            return False
        # An answer on a screen is activity (kiosk hand-over, balanced assignment).
        db.execute(
            "UPDATE participants SET last_seen_at = ? WHERE id = ?",
            [at, participant_id],
        )
        if answer is None:
            db.execute(
                "DELETE FROM draft_answers WHERE participant_id = ? AND position = ?"
                " AND question_id = ?",
                [participant_id, position, question_id],
            )
            return True
        db.execute(
            "INSERT INTO draft_answers (participant_id, position, question_id,"
            " value, text, dont_know, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (participant_id, position, question_id) DO UPDATE SET"
            " value = excluded.value, text = excluded.text,"
            " dont_know = excluded.dont_know, saved_at = excluded.saved_at",
            [participant_id, position, question_id, *answer, at],
        )
        return True


def drafts_of(db, participant_id, position):
    """The kept answers of one message: {question_id: (value, text, dont_know)}."""
    rows = db.execute(
        "SELECT question_id, value, text, dont_know FROM draft_answers"
        " WHERE participant_id = ? AND position = ?",
        [participant_id, position],
    ).fetchall()
    return {
        question: (value, text, dont_know) for question, value, text, dont_know in rows
    }


def forget_drafts(db, participant_id):
    """Delete every draft of a participant (they stopped or withdrew)."""
    with write_transaction(db):
        db.execute(
            "DELETE FROM draft_answers WHERE participant_id = ?", [participant_id]
        )


def mark_opened(db, participant_id, position, at, wait=None):
    """Record when a staged message was first opened; later opens change nothing."""
    with write_transaction(db, wait):
        db.execute(
            "UPDATE assignments SET opened_at = ? WHERE participant_id = ?"
            " AND position = ? AND opened_at IS NULL",
            [at, participant_id, position],
        )


def translations_of(db, participant_id):
    """{(position, language): template hash} frozen at consent."""
    rows = db.execute(
        "SELECT position, language, template_hash FROM assignment_translations"
        " WHERE participant_id = ?",
        [participant_id],
    ).fetchall()
    return {(position, language): digest for position, language, digest in rows}


def switch_language(db, participant_id, language, at):
    """Change a participant's language; messages still to answer follow it.

    Each unanswered message then shows its version in LANGUAGE as frozen at
    consent (none frozen: it stays as it was). Answers given stay as they are.
    """
    with write_transaction(db):
        db.execute(
            "UPDATE participants SET language = ?, last_seen_at = ? WHERE id = ?",
            [language, at, participant_id],
        )
        db.execute(
            "UPDATE assignments SET template_hash = t.template_hash"
            " FROM assignment_translations t"
            " WHERE assignments.participant_id = ? AND assignments.answered_at IS NULL"
            " AND t.participant_id = assignments.participant_id"
            " AND t.position = assignments.position AND t.language = ?",
            [participant_id, language],
        )
