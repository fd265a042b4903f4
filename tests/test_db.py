import sqlite3

import pytest

from sprintlab import db as store
from sprintlab.hashing import content_hash
from tests.conftest import insert_one_participant


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
    assert first == second == content_hash("tekst")
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


def test_answers_per_template_version_are_found_through_assignments(database):
    # m008: no index on answers(template_hash) to keep up per answer; the
    # version counts go through the assignments' index instead.
    indexes = {row[1] for row in database.execute("PRAGMA index_list(answers)")}
    assert "answers_template_hash" not in indexes
    plan = " ".join(
        str(row[-1])
        for row in database.execute(
            "EXPLAIN QUERY PLAN SELECT s.template_hash, count(*)"
            " FROM template_versions v"
            " JOIN assignments s ON s.template_hash = v.hash"
            " JOIN answers a ON a.participant_id = s.participant_id"
            " AND a.variant_id = s.variant_id"
            " WHERE v.template_id = ? AND v.language = ? GROUP BY s.template_hash",
            ["letter/controle", "nl"],
        )
    )
    assert "assignments_template_hash" in plan and "SCAN a" not in plan


@pytest.mark.parametrize("count", [0, 1, 7])
def test_a_page_is_stored_once_with_all_its_answers(database, count):
    template_hash = store.store_template_version(database, "sms/x", "nl", "sms", "Hoi")
    pid = insert_one_participant(database, "sms/x", template_hash)
    rows = [(f"q{n}", float(n % 7 + 1), None, 0) for n in range(count)]
    assert store.record_answers(database, pid, 0, rows, store.now())
    assert not store.record_answers(database, pid, 0, rows, store.now())
    stored = database.execute(
        "SELECT question_id, value, variant_id, template_hash FROM answers ORDER BY id"
    ).fetchall()
    assert stored == [(q, v, "v", template_hash) for q, v, _, _ in rows]
    (answered,) = database.execute("SELECT answered_at FROM assignments").fetchone()
    assert answered is not None  # claimed even with no answers (all optional)
