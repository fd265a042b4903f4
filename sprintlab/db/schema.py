"""The schema: named, append-only migrations. Add a new one; never edit an old one."""

from sqlite_utils import Migrations

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


@migrations()
def m003_progress(db):
    """When each message page and the segment page were answered."""
    db.execute("ALTER TABLE assignments ADD COLUMN answered_at TEXT")
    db.execute("ALTER TABLE participants ADD COLUMN segments_at TEXT")
    db.execute("CREATE INDEX assignments_variant ON assignments(variant_id)")


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


@migrations()
def m007_completed_tallies(db):
    """Completed participants per first variant, kept by triggers.

    Balanced assignment counts completed plus recently active participants at
    every consent, inside the write lock. Counting all completed rows made a
    consent cost 75 ms at 100,000 participants; a tally makes it constant,
    and the index finds the few unfinished, recently active ones.
    """
    db.execute(
        """
        CREATE TABLE completed_tallies (
            study_id TEXT NOT NULL,
            variant_id TEXT NOT NULL,
            completed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (study_id, variant_id)
        )"""
    )
    db.execute(
        """
        INSERT INTO completed_tallies (study_id, variant_id, completed)
        SELECT p.study_id, a.variant_id, count(*) FROM participants p
        JOIN assignments a ON a.participant_id = p.id AND a.position = 0
        WHERE p.completed_at IS NOT NULL AND p.withdrawn_at IS NULL
        GROUP BY p.study_id, a.variant_id"""
    )
    db.execute(
        """
        CREATE TRIGGER completed_tally_up AFTER UPDATE OF completed_at ON participants
        WHEN old.completed_at IS NULL AND new.completed_at IS NOT NULL
             AND new.withdrawn_at IS NULL
        BEGIN
            INSERT INTO completed_tallies (study_id, variant_id, completed)
            SELECT new.study_id, variant_id, 1 FROM assignments
            WHERE participant_id = new.id AND position = 0
            ON CONFLICT (study_id, variant_id) DO UPDATE SET completed = completed + 1;
        END"""
    )
    db.execute(
        """
        CREATE TRIGGER completed_tally_down AFTER UPDATE OF withdrawn_at ON participants
        WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
             AND old.completed_at IS NOT NULL
        BEGIN
            UPDATE completed_tallies SET completed = completed - 1
            WHERE study_id = new.study_id AND variant_id = (
                SELECT variant_id FROM assignments
                WHERE participant_id = new.id AND position = 0);
        END"""
    )
    db.execute(
        "CREATE INDEX participants_unfinished"
        " ON participants(study_id, completed_at, last_seen_at)"
    )


@migrations()
def m008_version_counts_through_assignments(db):
    """Find answers per template version through assignments, not an answers index.

    The index on answers.template_hash (a 64-character key per answer) made up
    a third of every answer submit's transaction. Assignments carry the same
    hash once per participant and variant, and answers are found from there
    through their (participant, variant, question) key.
    """
    db.execute("DROP INDEX IF EXISTS answers_template_hash")
    db.execute("CREATE INDEX assignments_template_hash ON assignments(template_hash)")


@migrations()
def m009_login_failures(db):
    """Failed logins, so every worker process of a server counts the same ones.

    The key is a keyed hash of the address and the name tried, never the two
    themselves.
    """
    db.execute(
        "CREATE TABLE login_failures (key TEXT NOT NULL, failed_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX login_failures_key ON login_failures(key, failed_at)")


@migrations()
def m010_session_generations(db):
    """A session generation per account: logging out or a new password ends sessions.

    A session cookie names the generation it was issued under; raising the
    number refuses every cookie issued before, also copied ones.
    """
    db.execute(
        "ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0"
    )


@migrations()
def m011_login_attempts(db):
    """Login attempts per client and account, for a throttle no one else can trip.

    Both are keyed hashes (never an address or a name). An attempt is counted
    before its password is checked and forgotten when it succeeds.
    """
    db.execute(
        "CREATE TABLE login_attempts"
        " (client TEXT NOT NULL, account TEXT NOT NULL, at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX login_attempts_client ON login_attempts(client, at)")
    db.execute(
        "CREATE INDEX login_attempts_account ON login_attempts(client, account, at)"
    )
    db.execute("DROP TABLE login_failures")


@migrations()
def m012_study_state_reasons(db):
    """Why a study's state changed, when sprintlab changed it itself.

    A study is paused automatically when one of its messages cannot be shown
    to a participant; the studio and the dashboard show the reason.
    """
    db.execute("ALTER TABLE study_state_changes ADD COLUMN reason TEXT")


@migrations()
def m013_secret_key_fingerprint(db):
    """A fingerprint of the secret key the database is served with (never the key).

    A key file that goes missing or changes while the database holds
    participants would lock them out; the fingerprint tells a lost key from
    one that was never made.
    """
    db.execute(
        "CREATE TABLE secret_key (fingerprint TEXT NOT NULL, recorded_at TEXT NOT NULL)"
    )


@migrations()
def m014_test_days(db):
    """A study's test day: numbered slots, observers' notes, the team's decisions.

    A slot (P1, P2, ...) is started on the kiosk device and linked to the
    participant who consents there. Notes are research data: a trigger
    deletes a participant's notes and frees their slot when they withdraw,
    in the same transaction, whichever way they withdraw.
    """
    db.execute(
        """
        CREATE TABLE testdays (
            study_id TEXT PRIMARY KEY,
            kiosk_key TEXT NOT NULL,
            set_up_by TEXT NOT NULL,
            set_up_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE testday_slots (
            study_id TEXT NOT NULL REFERENCES testdays(study_id),
            slot INTEGER NOT NULL CHECK (slot >= 1),
            planned_at TEXT,
            started_at TEXT,
            participant_id INTEGER REFERENCES participants(id),
            PRIMARY KEY (study_id, slot)
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX testday_slots_participant"
        " ON testday_slots(participant_id) WHERE participant_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE testday_notes (
            id INTEGER PRIMARY KEY,
            study_id TEXT NOT NULL,
            slot INTEGER,
            participant_id INTEGER REFERENCES participants(id),
            variant_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('positive', 'negative', 'quote',
                'idea', 'question', 'observation')),
            tags TEXT NOT NULL DEFAULT '[]',
            text TEXT NOT NULL,
            observer_id INTEGER REFERENCES users(id),
            observer_role TEXT NOT NULL,
            form_key TEXT UNIQUE,
            written_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX testday_notes_study ON testday_notes(study_id, id)")
    db.execute(
        "CREATE INDEX testday_notes_participant ON testday_notes(participant_id)"
    )
    db.execute(
        """
        CREATE TABLE testday_decisions (
            id INTEGER PRIMARY KEY,
            study_id TEXT NOT NULL,
            variant_id TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('keep', 'change', 'drop')),
            reason TEXT NOT NULL DEFAULT '',
            decided_by_role TEXT NOT NULL,
            form_key TEXT,
            decided_at TEXT NOT NULL,
            UNIQUE (form_key, variant_id)
        )"""
    )
    db.execute(
        "CREATE INDEX testday_decisions_study ON testday_decisions(study_id, id)"
    )
    db.execute(
        """
        CREATE TRIGGER testday_withdrawal AFTER UPDATE OF withdrawn_at ON participants
        WHEN old.withdrawn_at IS NULL AND new.withdrawn_at IS NOT NULL
        BEGIN
            DELETE FROM testday_notes WHERE participant_id = new.id;
            UPDATE testday_slots SET participant_id = NULL
            WHERE participant_id = new.id;
        END"""
    )


@migrations()
def m015_message_exposure(db):
    """How each message was shown and answered: its exposure, kept with the answers.

    Set when a message page's answers are stored, in the same transaction:
    the opening (`open`, or `staged` behind an envelope or lock screen the
    participant opens), when a staged message was opened, the layout its
    questions were asked in, and the seconds from first shown to answers
    stored, measured by the server.
    """
    db.execute("ALTER TABLE assignments ADD COLUMN opening TEXT")
    db.execute("ALTER TABLE assignments ADD COLUMN opened_at TEXT")
    db.execute("ALTER TABLE assignments ADD COLUMN layout TEXT")
    db.execute("ALTER TABLE assignments ADD COLUMN seconds_on_message REAL")


@migrations()
def m016_draft_answers(db):
    """Answers given so far on a message asked one question per screen.

    Never evidence: the message's answers are stored once, all together, from
    these drafts and the last screen, and the drafts are deleted in the same
    transaction (also at withdrawal and stop).
    """
    db.execute(
        """
        CREATE TABLE draft_answers (
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            position INTEGER NOT NULL,
            question_id TEXT NOT NULL,
            value REAL,
            text TEXT,
            dont_know INTEGER NOT NULL DEFAULT 0,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (participant_id, position, question_id)
        )"""
    )


@migrations()
def m017_message_translations(db):
    """Each assigned message frozen in every language at consent, by hash.

    A participant who switches language mid-study sees the messages still to
    come in the new language, exactly as stored when they consented.
    """
    db.execute(
        """
        CREATE TABLE assignment_translations (
            participant_id INTEGER NOT NULL REFERENCES participants(id),
            position INTEGER NOT NULL,
            language TEXT NOT NULL,
            template_hash TEXT NOT NULL REFERENCES template_versions(hash),
            PRIMARY KEY (participant_id, position, language)
        )"""
    )


@migrations()
def m018_preregistrations(db):
    """A study's analysis plan, frozen before its first participant: one per study.

    The plan (JSON) and its content hash, when it was registered, and how
    many participants had started by then (a registration after data
    arrived is marked late).
    """
    db.execute(
        """
        CREATE TABLE preregistrations (
            study_id TEXT PRIMARY KEY,
            hash TEXT NOT NULL,
            plan TEXT NOT NULL,
            registered_at TEXT NOT NULL,
            late INTEGER NOT NULL DEFAULT 0,
            participants_before INTEGER NOT NULL DEFAULT 0
        )"""
    )


@migrations()
def m019_segmentations(db):
    """Latent segment models saved by `sprintlab segment --save`; the latest holds.

    A model (JSON: the indicators and how their answers were coded, the
    class shares and answer probabilities, its stability) classifies every
    respondent, also those who arrive after it was fitted.
    """
    db.execute(
        """
        CREATE TABLE segmentations (
            id INTEGER PRIMARY KEY,
            study_id TEXT NOT NULL,
            model TEXT NOT NULL,
            saved_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX segmentations_study ON segmentations(study_id, id)")


@migrations()
def m020_stopped_participants(db):
    """When a participant stopped and kept their answers so far.

    Their page after stopping shows their withdrawal code, as the thanks page
    does, also in the other language; nothing else takes them any further.
    """
    db.execute("ALTER TABLE participants ADD COLUMN stopped_at TEXT")
