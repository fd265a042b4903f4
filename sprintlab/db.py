"""The evidence store: the only module that speaks SQL.

Every function takes the database as its first argument, so the web app, the
command line and the tests share one API. The schema comes from named,
append-only migrations: add a new one, never edit an old one.
"""

import hashlib
import sqlite3
import threading
from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

BUSY_TIMEOUT_MS = 5000
_WRITE_LOCKS = defaultdict(threading.Lock)

migrations = Migrations("sprintlab")


@migrations()
def m001_content_versions(db):
    """Every template text and study definition ever used, addressed by hash."""
    db.execute(
        """
        CREATE TABLE template_versions (
            hash TEXT PRIMARY KEY,
            template_id TEXT NOT NULL,
            language TEXT NOT NULL,
            channel TEXT NOT NULL,
            text TEXT NOT NULL,
            first_seen TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX template_versions_id ON template_versions(template_id)")
    db.execute(
        """
        CREATE TABLE study_versions (
            hash TEXT PRIMARY KEY,
            study_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            definition TEXT NOT NULL,
            first_seen TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX study_versions_id ON study_versions(study_id)")


@migrations()
def m002_participants(db):
    """Participants, their assignment, answers and events."""
    db.execute(
        """
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            study_id TEXT NOT NULL,
            study_hash TEXT NOT NULL REFERENCES study_versions(hash),
            language TEXT NOT NULL,
            consent_version TEXT NOT NULL,
            kiosk INTEGER NOT NULL DEFAULT 0,
            withdrawal_code TEXT NOT NULL UNIQUE,
            started_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            completed_at TEXT,
            withdrawn_at TEXT,
            flags TEXT NOT NULL DEFAULT '{}'
        )"""
    )
    db.execute("CREATE INDEX participants_study ON participants(study_id)")
    db.execute(
        """
        CREATE TABLE assignments (
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            position INTEGER NOT NULL,
            variant_id TEXT NOT NULL,
            template_id TEXT NOT NULL,
            template_hash TEXT NOT NULL REFERENCES template_versions(hash),
            shown_at TEXT,
            PRIMARY KEY (participant_id, position),
            UNIQUE (participant_id, variant_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            variant_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            value REAL,
            text TEXT,
            dont_know INTEGER NOT NULL DEFAULT 0,
            template_hash TEXT NOT NULL REFERENCES template_versions(hash),
            answered_at TEXT NOT NULL,
            UNIQUE (participant_id, variant_id, question_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE segment_answers (
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            question_id TEXT NOT NULL,
            value TEXT,
            dont_know INTEGER NOT NULL DEFAULT 0,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, question_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            participant_id INTEGER REFERENCES participants(id),
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}',
            at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX events_participant ON events(participant_id)")


def now():
    """The current UTC time as an ISO 8601 string, as stored everywhere."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_hash(text):
    """The SHA-256 hex digest that addresses a piece of content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def connect(path):
    """Open the evidence store at PATH with WAL, foreign keys and a busy timeout."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: autocommit, so every write outside atomic() is
    # durable the moment it returns.
    conn = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
    )
    conn.isolation_level = None
    db = sqlite_utils.Database(conn)
    db.sprintlab_path = str(Path(path).resolve()) if str(path) != ":memory:" else None
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys = ON")
    if str(path) != ":memory:":
        db.enable_wal()
        # NORMAL is crash-safe in WAL mode: a commit survives a killed
        # process; only an OS crash or power loss can drop the last commits.
        db.execute("PRAGMA synchronous = NORMAL")
    return db


def migrate(db):
    """Apply every pending migration."""
    migrations.apply(db)


def open_db(path):
    """Connect to PATH and bring its schema up to date."""
    db = connect(path)
    migrate(db)
    return db


def store_template_version(db, template_id, language, channel, text):
    """Record a template text once, by hash, and return the hash."""
    digest = content_hash(text)
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


def study_versions(db, study_id):
    """Every stored definition of a study, oldest first."""
    return list(
        db.query(
            "SELECT * FROM study_versions WHERE study_id = ? ORDER BY first_seen, hash",
            [study_id],
        )
    )


@migrations()
def m003_progress(db):
    """When each message page and the segment page were answered."""
    db.execute("ALTER TABLE assignments ADD COLUMN answered_at TEXT")
    db.execute("ALTER TABLE participants ADD COLUMN segments_at TEXT")
    db.execute("CREATE INDEX assignments_variant ON assignments(variant_id)")


@contextmanager
def write_transaction(db):
    """Run the block in BEGIN IMMEDIATE ... COMMIT, taking the write lock first.

    Reads inside the transaction then cannot go stale, and two writers never
    deadlock on upgrading a read lock.
    """
    # Writers of one process queue on a lock first: SQLite's busy handler polls
    # with growing sleeps, which made the slowest submits wait 100+ ms.
    with _WRITE_LOCKS[getattr(db, "sprintlab_path", None)]:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")


def variant_counts(db, study_id, variant_ids, active_since):
    """Participants per variant who completed or were active since ACTIVE_SINCE."""
    counts = dict.fromkeys(variant_ids, 0)
    rows = db.execute(
        "SELECT a.variant_id, count(*) FROM assignments a"
        " JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND a.position = 0 AND p.withdrawn_at IS NULL"
        " AND (p.completed_at IS NOT NULL OR p.last_seen_at >= ?)"
        " GROUP BY a.variant_id",
        [study_id, active_since],
    ).fetchall()
    for variant_id, count in rows:
        if variant_id in counts:
            counts[variant_id] = count
    return counts


def participant_count(db, study_id):
    """How many participants a study has had, withdrawn ones included."""
    return db.execute(
        "SELECT count(*) FROM participants WHERE study_id = ?", [study_id]
    ).fetchone()[0]


def insert_participant(db, participant, assignments):
    """Store a new participant and their assignment; return the participant id."""
    cursor = db.execute(
        "INSERT INTO participants (token, study_id, study_hash, language,"
        " consent_version, kiosk, withdrawal_code, started_at, last_seen_at)"
        " VALUES (:token, :study_id, :study_hash, :language, :consent_version,"
        " :kiosk, :withdrawal_code, :started_at, :started_at)",
        participant,
    )
    participant_id = cursor.lastrowid
    db.conn.executemany(
        "INSERT INTO assignments (participant_id, position, variant_id, template_id,"
        " template_hash) VALUES (?, ?, ?, ?, ?)",
        [(participant_id, *row) for row in assignments],
    )
    return participant_id


def participant_by_token(db, token):
    """The participant with TOKEN, or None."""
    return _first(db.execute("SELECT * FROM participants WHERE token = ?", [token]))


def _first(cursor):
    """The cursor's first row as a dict by column name, or None."""
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip((d[0] for d in cursor.description), row, strict=True))


def assignments_of(db, participant_id):
    """A participant's assigned variants in the order they are shown."""
    return list(
        db.query(
            "SELECT * FROM assignments WHERE participant_id = ? ORDER BY position",
            [participant_id],
        )
    )


def touch_participant(db, participant_id, at):
    """Note that a participant was active AT (abandonment is judged from this)."""
    db.execute(
        "UPDATE participants SET last_seen_at = ? WHERE id = ?", [at, participant_id]
    )


def mark_shown(db, participant_id, position, at):
    """Record when a message was first shown; later views change nothing."""
    db.execute(
        "UPDATE assignments SET shown_at = ? WHERE participant_id = ? AND position = ?"
        " AND shown_at IS NULL",
        [at, participant_id, position],
    )


def record_answers(db, participant_id, position, answers, at):
    """Store one message page's answers once; False when it was already answered.

    ANSWERS holds (question_id, value, text, dont_know). The page is claimed
    and its answers written in one transaction, so a replayed or concurrent
    submit can neither double nor half-write it.
    """
    with write_transaction(db):
        claimed = db.execute(
            "UPDATE assignments SET answered_at = ? WHERE participant_id = ?"
            " AND position = ? AND answered_at IS NULL"
            " RETURNING variant_id, template_hash",
            [at, participant_id, position],
        ).fetchone()
        if claimed is None:
            return False
        variant_id, template_hash = claimed
        db.conn.executemany(
            "INSERT INTO answers (participant_id, variant_id, position, question_id,"
            " value, text, dont_know, template_hash, answered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (participant_id, variant_id, position, *answer, template_hash, at)
                for answer in answers
            ],
        )
        db.execute(
            "UPDATE participants SET last_seen_at = ? WHERE id = ?",
            [at, participant_id],
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
    db.execute(
        "UPDATE participants SET completed_at = ?, flags = ?, last_seen_at = ?"
        " WHERE id = ? AND completed_at IS NULL",
        [at, flags_json, at, participant_id],
    )


def likert_values(db, participant_id):
    """The participant's numeric answers by position, for straight-lining checks."""
    return db.execute(
        "SELECT position, value FROM answers WHERE participant_id = ?"
        " AND value IS NOT NULL ORDER BY position, question_id",
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
        db.execute(
            "UPDATE participants SET withdrawn_at = coalesce(withdrawn_at, ?)"
            " WHERE id = ?",
            [at, participant_id],
        )
    return True


def log_event(db, participant_id, kind, detail_json, at):
    """Append an event (page shown, stopped, completed…) for a participant."""
    db.execute(
        "INSERT INTO events (participant_id, kind, detail, at) VALUES (?, ?, ?, ?)",
        [participant_id, kind, detail_json, at],
    )


@migrations()
def m004_users(db):
    """Accounts for researchers, designers and admins (never participants)."""
    db.execute(
        """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at TEXT NOT NULL
        )"""
    )


def insert_user(db, name, password_hash, role, at):
    """Add an account; sqlite3.IntegrityError when the name is taken."""
    return db.execute(
        "INSERT INTO users (name, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
        [name, password_hash, role, at],
    ).lastrowid


def set_user_password(db, name, password_hash):
    """Replace an account's password hash; False when there is no such account."""
    cursor = db.execute(
        "UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name]
    )
    return cursor.rowcount == 1


def user_by_name(db, name):
    """The account called NAME (case-insensitive), or None."""
    return _first(db.execute("SELECT * FROM users WHERE name = ?", [name]))


def user_by_id(db, user_id):
    """The account with USER_ID, or None."""
    return _first(db.execute("SELECT * FROM users WHERE id = ?", [user_id]))


def users(db):
    """Every account, by name."""
    return list(db.query("SELECT id, name, role, created_at FROM users ORDER BY name"))


def answers_for_export(db, study_id):
    """Every answer of a study's participants who have not withdrawn, in order."""
    return list(
        db.query(
            "SELECT p.id AS participant, p.study_hash, p.language,"
            " a.variant_id AS variant, a.position, a.question_id AS question,"
            " a.value, a.dont_know, a.text, a.template_hash, a.answered_at,"
            " p.flags, p.completed_at"
            " FROM answers a JOIN participants p ON p.id = a.participant_id"
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


# ---------------------------------------------------------------- studio
# Template edits and study states, written by the designer studio.


@migrations()
def m005_template_edits(db):
    """Who saved which template version in the studio, when and why."""
    db.execute(
        """
        CREATE TABLE template_edits (
            id INTEGER PRIMARY KEY,
            template_id TEXT NOT NULL,
            language TEXT NOT NULL,
            hash TEXT NOT NULL REFERENCES template_versions(hash),
            author TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            restored_from TEXT,
            saved_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "CREATE INDEX template_edits_template ON template_edits(template_id, language)"
    )
    # The history counts answers per version; results can split by it too.
    db.execute("CREATE INDEX answers_template_hash ON answers(template_hash)")


@migrations()
def m006_study_states(db):
    """Each change of a study's state (open, paused, closed); the latest holds."""
    db.execute(
        """
        CREATE TABLE study_state_changes (
            id INTEGER PRIMARY KEY,
            study_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
            changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )"""
    )
    db.execute(
        "CREATE INDEX study_state_changes_study ON study_state_changes(study_id)"
    )


def record_template_edit(db, edit):
    """Store one studio save of a template version; return its id.

    EDIT holds template_id, language, hash, author, message, restored_from
    and saved_at.
    """
    return db.execute(
        "INSERT INTO template_edits (template_id, language, hash, author, message,"
        " restored_from, saved_at) VALUES (:template_id, :language, :hash, :author,"
        " :message, :restored_from, :saved_at)",
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
    rows = db.execute(
        "SELECT a.template_hash, count(*), count(DISTINCT a.participant_id)"
        " FROM answers a JOIN template_versions v ON v.hash = a.template_hash"
        " WHERE v.template_id = ? AND v.language = ? GROUP BY a.template_hash",
        [template_id, language],
    ).fetchall()
    return {digest: (answers, people) for digest, answers, people in rows}


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


def participant_counts(db, study_id):
    """(started, completed) participants of a study, withdrawn ones left out."""
    row = db.execute(
        "SELECT count(*), count(completed_at) FROM participants"
        " WHERE study_id = ? AND withdrawn_at IS NULL",
        [study_id],
    ).fetchone()
    return row[0], row[1]


def answers_by_template_version(db, study_id):
    """(variant, template hash, first seen, question, answers, mean) per version."""
    return db.execute(
        "SELECT a.variant_id, a.template_hash, t.first_seen, a.question_id,"
        " count(a.value), avg(a.value) FROM answers a"
        " JOIN participants p ON p.id = a.participant_id"
        " JOIN template_versions t ON t.hash = a.template_hash"
        " WHERE p.study_id = ? AND p.withdrawn_at IS NULL"
        " GROUP BY a.variant_id, a.template_hash, a.question_id"
        " ORDER BY a.variant_id, t.first_seen",
        [study_id],
    ).fetchall()
