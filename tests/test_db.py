import sqlite3

import pytest

from sprintlab import db as store


def test_schema_comes_from_named_migrations(database):
    applied = [m.name for m in store.migrations.applied(database)]
    assert applied[:3] == [
        "m001_content_versions",
        "m002_participants",
        "m003_progress",
    ]
    assert {
        "template_versions",
        "study_versions",
        "participants",
        "assignments",
        "answers",
        "segment_answers",
        "events",
    } <= set(database.table_names())


def test_migrating_twice_changes_nothing(tmp_path):
    first = store.open_db(tmp_path / "x.db")
    first.close()
    again = store.open_db(tmp_path / "x.db")
    assert len(store.migrations.applied(again)) == len(store.migrations._migrations)
    again.close()


def test_connection_settings(database):
    assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert (
        database.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    )


def test_template_text_is_stored_once_by_hash(database):
    first = store.store_template_version(database, "letter/a", "nl", "letter", "tekst")
    second = store.store_template_version(database, "letter/a", "nl", "letter", "tekst")
    third = store.store_template_version(database, "letter/a", "nl", "letter", "nieuw")
    assert first == second == store.content_hash("tekst")
    assert third != first
    versions = store.template_versions(database, "letter/a")
    assert [v["text"] for v in versions] == ["tekst", "nieuw"]
    assert store.template_version(database, third)["text"] == "nieuw"
    assert store.template_version(database, "0" * 64) is None


def test_study_definition_is_stored_once_by_hash(database):
    digest = store.store_study_version(database, "s", 1, "id = 's'")
    store.store_study_version(database, "s", 1, "id = 's'")
    assert [v["hash"] for v in store.study_versions(database, "s")] == [digest]


def test_foreign_keys_are_enforced(database):
    with pytest.raises(sqlite3.IntegrityError):
        database.execute(
            "INSERT INTO participants (token, study_id, study_hash, language,"
            " consent_version, withdrawal_code, started_at, last_seen_at)"
            " VALUES ('t', 's', 'no-such-hash', 'nl', '1', 'c', 'x', 'x')"
        )


def test_a_committed_write_is_visible_to_a_new_connection(tmp_path):
    path = tmp_path / "durable.db"
    writer = store.open_db(path)
    store.store_template_version(writer, "sms/a", "nl", "sms", "hoi")
    reader = store.connect(path)
    assert len(store.template_versions(reader, "sms/a")) == 1
    writer.close()
    reader.close()
