"""A study's test day: its set-up, its numbered slots and who is in them."""

import json

from sprintlab.db.connection import _first
from sprintlab.db.transactions import write_transaction


def testday(db, study_id):
    """The test day set up for STUDY_ID (its kiosk key, who set it up), or None."""
    return _first(db.execute("SELECT * FROM testdays WHERE study_id = ?", [study_id]))


def testday_slots(db, study_id):
    """Every slot of a study's test day, with its participant's progress."""
    return list(
        db.query(
            "SELECT s.slot, s.planned_at, s.started_at, s.participant_id,"
            " p.completed_at, p.started_at AS consented_at"
            " FROM testday_slots s LEFT JOIN participants p ON p.id = s.participant_id"
            " WHERE s.study_id = ? ORDER BY s.slot",
            [study_id],
        )
    )


def save_testday(db, study_id, kiosk_key, by, at, planned):
    """Set up (or change) a test day with the slots in PLANNED: {slot: time}.

    Slots beyond the new count go, unless they were started: then nothing
    changes and their numbers are returned (an empty list when saved).
    """
    with write_transaction(db):
        kept = [
            row[0]
            for row in db.execute(
                "SELECT slot FROM testday_slots WHERE study_id = ? AND slot > ?"
                " AND (started_at IS NOT NULL OR participant_id IS NOT NULL)",
                [study_id, len(planned)],
            ).fetchall()
        ]
        if kept:
            return kept
        db.execute(
            "INSERT INTO testdays (study_id, kiosk_key, set_up_by, set_up_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (study_id) DO UPDATE"
            " SET set_up_by = excluded.set_up_by, set_up_at = excluded.set_up_at",
            [study_id, kiosk_key, by, at],
        )
        db.execute(
            "DELETE FROM testday_slots WHERE study_id = ? AND slot > ?",
            [study_id, len(planned)],
        )
        db.conn.executemany(
            "INSERT INTO testday_slots (study_id, slot, planned_at) VALUES (?, ?, ?)"
            " ON CONFLICT (study_id, slot)"
            " DO UPDATE SET planned_at = excluded.planned_at",
            [(study_id, slot, time) for slot, time in sorted(planned.items())],
        )
    return []


def start_slot(db, study_id, slot, at):
    """Mark SLOT as started now; False when it has its participant already."""
    with write_transaction(db):
        row = db.execute(
            "UPDATE testday_slots SET started_at = ? WHERE study_id = ? AND slot = ?"
            " AND participant_id IS NULL RETURNING slot",
            [at, study_id, slot],
        ).fetchone()
    return row is not None


def link_slot(db, study_id, slot, participant_id):
    """Put PARTICIPANT_ID in SLOT, with the notes already written about that slot.

    False when the slot has someone already (or the participant has a slot).
    """
    with write_transaction(db):
        linked = db.execute(
            "UPDATE testday_slots SET participant_id = ? WHERE study_id = ?"
            " AND slot = ? AND participant_id IS NULL AND started_at IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM testday_slots WHERE participant_id = ?)"
            " RETURNING slot",
            [participant_id, study_id, slot, participant_id],
        ).fetchone()
        if linked is None:
            return False
        db.execute(
            "UPDATE testday_notes SET participant_id = ? WHERE study_id = ?"
            " AND slot = ? AND participant_id IS NULL",
            [participant_id, study_id, slot],
        )
    return True


def slot_of_participant(db, participant_id):
    """The slot number PARTICIPANT_ID is in, or None."""
    row = db.execute(
        "SELECT slot FROM testday_slots WHERE participant_id = ?", [participant_id]
    ).fetchone()
    return row[0] if row else None


def latest_participant(db, study_id):
    """The id of the study's most recent participant who has not withdrawn, or None."""
    row = db.execute(
        "SELECT id FROM participants WHERE study_id = ? AND withdrawn_at IS NULL"
        " ORDER BY id DESC LIMIT 1",
        [study_id],
    ).fetchone()
    return row[0] if row else None


def participant_progress(db, participant_id):
    """Where a participant is: their row's times and their assignments in order."""
    row = _first(
        db.execute(
            "SELECT id, started_at, segments_at, completed_at, withdrawn_at"
            " FROM participants WHERE id = ?",
            [participant_id],
        )
    )
    if row is None:
        return None, []
    assignments = db.execute(
        "SELECT position, variant_id, shown_at, answered_at FROM assignments"
        " WHERE participant_id = ? ORDER BY position",
        [participant_id],
    ).fetchall()
    return row, assignments


def slot_assignments(db, study_id):
    """(slot, variant) for every variant assigned to a slot's participant."""
    return db.execute(
        "SELECT s.slot, a.variant_id FROM testday_slots s"
        " JOIN assignments a ON a.participant_id = s.participant_id"
        " WHERE s.study_id = ?",
        [study_id],
    ).fetchall()


def slot_ratings(db, study_id, question_ids):
    """(slot, variant, question, value, dont_know) of slot participants' answers."""
    return db.execute(
        "SELECT s.slot, a.variant_id, a.question_id, a.value, a.dont_know"
        " FROM testday_slots s JOIN answers a ON a.participant_id = s.participant_id"
        " WHERE s.study_id = ?"
        " AND a.question_id IN (SELECT value FROM json_each(?))",
        [study_id, json.dumps(list(question_ids))],
    ).fetchall()
