"""The evidence store: the only module that speaks SQL.

Every function takes the database as its first argument, so the web app, the
command line and the tests share one API. The schema comes from named,
append-only migrations: add a new one, never edit an old one.
"""

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

BUSY_TIMEOUT_MS = 5000

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
