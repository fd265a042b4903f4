"""Every template text and study definition ever used, addressed by hash, and edits."""

import json

from sprintlab.db.connection import now
from sprintlab.db.transactions import write_transaction
from sprintlab.hashing import content_hash


def store_template_version(db, template_id, language, channel, text):
    """Record a template text once, by hash, and return the hash."""
    digest = content_hash(text)
    with write_transaction(db):
        db.execute(
            "INSERT OR IGNORE INTO template_versions"
            " (hash, template_id, language, channel, text, first_seen)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [digest, template_id, language, channel, text, now()],
        )
    return digest


def store_study_version(db, study_id, version, definition):
    """Record a study definition once, by hash, and return the hash."""
    digest = content_hash(definition)
    with write_transaction(db):
        db.execute(
            "INSERT OR IGNORE INTO study_versions"
            " (hash, study_id, version, definition, first_seen)"
            " VALUES (?, ?, ?, ?, ?)",
            [digest, study_id, version, definition, now()],
        )
    return digest


def template_versions(db, template_id):
    """Every stored version of a template, oldest first."""
    return list(
        db.query(
            "SELECT * FROM template_versions WHERE template_id = ?"
            " ORDER BY first_seen, hash",
            [template_id],
        )
    )


def template_version(db, digest):
    """The stored template version with this hash, or None."""
    rows = list(db.query("SELECT * FROM template_versions WHERE hash = ?", [digest]))
    return rows[0] if rows else None


def study_version(db, digest):
    """The stored study definition with this hash, or None."""
    rows = list(db.query("SELECT * FROM study_versions WHERE hash = ?", [digest]))
    return rows[0] if rows else None


def study_versions(db, study_id):
    """Every stored definition of a study, oldest first."""
    return list(
        db.query(
            "SELECT * FROM study_versions WHERE study_id = ? ORDER BY first_seen, hash",
            [study_id],
        )
    )


def record_template_edit(db, edit):
    """Store one studio save of a template version; return its id.

    EDIT holds template_id, language, hash, author, message, restored_from
    and saved_at.
    """
    with write_transaction(db):
        return db.execute(
            "INSERT INTO template_edits (template_id, language, hash, author,"
            " message, restored_from, saved_at) VALUES (:template_id, :language,"
            " :hash, :author, :message, :restored_from, :saved_at)",
            edit,
        ).lastrowid


def template_edits(db, template_id, language):
    """Every studio save of a template in one language, oldest first."""
    return list(
        db.query(
            "SELECT * FROM template_edits WHERE template_id = ? AND language = ?"
            " ORDER BY saved_at, id",
            [template_id, language],
        )
    )


def answer_counts_by_version(db, template_id, language):
    """{hash: (answers, participants)} for each version of a template (counts only)."""
    # Through assignments (indexed by hash): an answer has its assignment's hash.
    rows = db.execute(
        "SELECT s.template_hash, count(*), count(DISTINCT a.participant_id)"
        " FROM template_versions v"
        " JOIN assignments s ON s.template_hash = v.hash"
        " JOIN answers a ON a.participant_id = s.participant_id"
        " AND a.variant_id = s.variant_id"
        " WHERE v.template_id = ? AND v.language = ? GROUP BY s.template_hash",
        [template_id, language],
    ).fetchall()
    return {digest: (answers, people) for digest, answers, people in rows}


def answers_by_message_version(db, study_id, question_ids):
    """(variant, frozen, hash, language, first seen, question, answers, mean) rows.

    For the answers to QUESTION_IDS, grouped by the template text answered
    (its hash and language) and the message as frozen at consent in every
    language ("language:hash" parts separated by spaces; None for a
    participant from before messages were frozen in every language).
    """
    return db.execute(
        "WITH frozen AS (SELECT x.participant_id, x.position,"
        "  group_concat(x.language || ':' || x.template_hash, ' ') AS version"
        "  FROM (SELECT t.* FROM assignment_translations t"
        "   JOIN participants p ON p.id = t.participant_id WHERE p.study_id = ?"
        "   ORDER BY t.participant_id, t.position, t.language) x"
        "  GROUP BY x.participant_id, x.position)"
        " SELECT a.variant_id, f.version, t.hash, t.language, t.first_seen,"
        " a.question_id, count(a.value), avg(a.value)"
        " FROM answers a JOIN participants p ON p.id = a.participant_id"
        " JOIN template_versions t ON t.hash = a.template_hash"
        " LEFT JOIN frozen f ON f.participant_id = a.participant_id"
        " AND f.position = a.position"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " AND a.question_id IN (SELECT value FROM json_each(?))"
        " GROUP BY 1, 2, 3, 6 ORDER BY 1, 5",
        [study_id, study_id, json.dumps(list(question_ids))],
    ).fetchall()
