"""The one write path: every write waits a bounded time, and the file is watched."""

import fcntl
import inspect
import multiprocessing
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from sprintlab import db as store
from sprintlab.db import transactions
from tests.conftest import insert_one_participant

SHORT_WAIT = 0.3
# Every function of sprintlab.db that writes, called the way its callers do.
WRITERS = {
    "insert_user": lambda db, p: store.insert_user(db, "x", "h", "designer", "t"),
    "set_password_hash": lambda db, p: store.set_password_hash(db, 1, "h"),
    "end_sessions": lambda db, p: store.end_sessions(db, 1),
    "claim_login_attempt": lambda db, p: store.claim_login_attempt(
        db, "c", "a", "t", "t", lambda *_: 0
    ),
    "forgive_login_attempts": lambda db, p: store.forgive_login_attempts(db, "c", "a"),
    "store_template_version": lambda db, p: store.store_template_version(
        db, "sms/b", "nl", "sms", "nieuw"
    ),
    "store_study_version": lambda db, p: store.store_study_version(db, "s", 2, "x"),
    "record_template_edit": lambda db, p: store.record_template_edit(
        db,
        {
            "template_id": "sms/a",
            "language": "nl",
            "hash": p["hash"],
            "author": "a",
            "message": "",
            "restored_from": None,
            "saved_at": "t",
        },
    ),  # fmt: skip
    "insert_participant": lambda db, p: store.insert_participant(
        db,
        {
            "token": "u",
            "study_id": "s",
            "study_hash": p["study"],
            "language": "nl",
            "consent_version": "1",
            "kiosk": 0,
            "withdrawal_code": "WXYZ-2345",
            "started_at": "t",
        },
        [],
    ),  # fmt: skip
    "mark_shown": lambda db, p: store.mark_shown(db, p["id"], 0, "t"),
    "record_answers": lambda db, p: store.record_answers(db, p["id"], 0, [], "t"),
    "record_segment_answers": lambda db, p: store.record_segment_answers(
        db, p["id"], [], "t"
    ),
    "complete_participant": lambda db, p: store.complete_participant(
        db, p["id"], "{}", "t"
    ),
    "withdraw_participant": lambda db, p: store.withdraw_participant(
        db, "ABCD-EFGH", "t"
    ),
    "log_event": lambda db, p: store.log_event(db, p["id"], "stopped", "{}", "t"),
    "stop_participant": lambda db, p: store.stop_participant(db, p["id"], "t"),
    "set_study_state": lambda db, p: store.set_study_state(db, "s", "paused", "a", "t"),
    "record_secret_fingerprint": lambda db, p: store.record_secret_fingerprint(
        db, "f", "t"
    ),
    "save_testday": lambda db, p: store.save_testday(db, "s", "k", "a", "t", {1: ""}),
    "start_slot": lambda db, p: store.start_slot(db, "s", 1, "t"),
    "link_slot": lambda db, p: store.link_slot(db, "s", 1, p["id"]),
    "insert_note": lambda db, p: store.insert_note(
        db,
        {
            "study_id": "s",
            "slot": None,
            "participant_id": None,
            "variant_id": None,
            "kind": "idea",
            "tags": "",
            "text": "x",
            "observer_id": None,
            "observer_role": "observer",
            "form_key": None,
            "written_at": "t",
        },
    ),  # fmt: skip
    "insert_decisions": lambda db, p: store.insert_decisions(
        db, [("s", "a", "keep", "", "researcher", "f", "t")]
    ),
}


@pytest.fixture
def stocked(tmp_path):
    """A database with one participant, and a connection that waits briefly."""
    path = tmp_path / "evidence.db"
    db = store.open_db(path, write_wait=SHORT_WAIT)
    template_hash = store.store_template_version(db, "sms/a", "nl", "sms", "Hoi")
    participant_id = insert_one_participant(db, "sms/a", template_hash)
    study = db.execute("SELECT study_hash FROM participants").fetchone()[0]
    yield db, {"id": participant_id, "hash": template_hash, "study": study}
    db.close()


def test_every_write_function_is_tested_here():
    writing = set()
    modules = (store.accounts, store.participants, store.versions, store.keys,
               store.notes, store.testday)  # fmt: skip
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            source = inspect.getsource(function).upper()
            if any(verb in source for verb in ('"INSERT', '"UPDATE', '"DELETE')):
                writing.add(name)
    writing |= {"set_study_state"}
    assert writing <= set(WRITERS), writing - set(WRITERS)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_held_file_lock_gives_busy_within_the_bound(stocked, writer):
    db, made = stocked
    with open(db.sprintlab_path + ".lock", "a+b") as foreign:  # another process's
        fcntl.flock(foreign, fcntl.LOCK_EX)
        began = time.monotonic()
        with pytest.raises(store.Busy):
            WRITERS[writer](db, made)
        assert time.monotonic() - began < SHORT_WAIT + 1
    WRITERS[writer](db, made)  # and goes on once the lock is free


@pytest.mark.parametrize("writer", ["record_answers", "mark_shown", "insert_user"])
def test_a_foreign_sqlite_lock_gives_busy_within_the_bound(stocked, writer):
    db, made = stocked
    foreign = sqlite3.connect(db.sprintlab_path, isolation_level=None)
    foreign.execute("BEGIN IMMEDIATE")
    try:
        began = time.monotonic()
        with pytest.raises(store.Busy):
            WRITERS[writer](db, made)
        assert time.monotonic() - began < SHORT_WAIT + 1
    finally:
        foreign.execute("ROLLBACK")
        foreign.close()
    WRITERS[writer](db, made)


def test_a_writer_in_another_thread_holds_the_others_a_bounded_time(stocked):
    db, made = stocked
    lock = transactions._WRITE_LOCKS[db.sprintlab_path]
    lock.acquire()
    try:
        with pytest.raises(store.Busy):
            store.log_event(db, made["id"], "x", "{}", "t")
    finally:
        lock.release()


def test_a_write_inside_a_transaction_joins_it(stocked):
    db, made = stocked
    with pytest.raises(RuntimeError), store.write_transaction(db):
        store.log_event(db, made["id"], "inside", "{}", "t")
        raise RuntimeError("roll back")
    assert db.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_a_deleted_or_replaced_file_is_never_written_to(tmp_path, stocked):
    db, made = stocked
    path = Path(db.sprintlab_path)
    aside = tmp_path / "aside.db"
    path.rename(aside)
    with pytest.raises(store.Gone):
        store.log_event(db, made["id"], "lost", "{}", "t")
    with pytest.raises(store.NotAStore):
        store.connect(path, create=False)
    assert not path.exists()  # no new, empty database
    aside.rename(path)  # put back: the same file, so writing goes on
    store.log_event(db, made["id"], "kept", "{}", "t")
    assert [row[0] for row in db.execute("SELECT kind FROM events")] == ["kept"]


def test_connections_cap_the_wal_and_close_their_lock_file(tmp_path):
    db = store.open_db(tmp_path / "x.db")
    limit = db.execute("PRAGMA journal_size_limit").fetchone()[0]
    assert 0 < limit <= 16 * 1024 * 1024
    store.log_event(db, None, "x", "{}", "t")
    lock_file = db.sprintlab_lock_file
    db.close()
    assert lock_file.closed


def test_paths_that_are_not_a_database_are_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not a database\n" * 100)
    for path, words in (
        (tmp_path, "is a folder"),
        (tmp_path / "notes.txt", "not a SQLite database"),
        (tmp_path / "missing.db", "no database at"),
    ):
        with pytest.raises(store.NotAStore, match=words):
            store.open_db(path, create=False)
    assert not (tmp_path / "missing.db").exists()


def _open_when_all_are_ready(path, barrier):
    barrier.wait(10)
    store.open_db(path).close()


def test_processes_opening_a_new_database_at_once_do_not_crash(tmp_path):
    # Forked from this test process (already imported), so they start together.
    context = multiprocessing.get_context("fork")
    for round_ in range(12):
        path = tmp_path / f"new-{round_}.db"
        barrier = context.Barrier(3)
        processes = [
            context.Process(target=_open_when_all_are_ready, args=(path, barrier))
            for _ in range(3)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join(30)
            assert process.exitcode == 0
        db = store.open_db(path)
        applied = [m.name for m in store.migrations.applied(db)]
        assert len(applied) == len(set(applied)) == len(store.migrations._migrations)
        db.close()


def test_holds_participants(tmp_path, stocked):
    db, _ = stocked
    assert store.holds_participants(db.sprintlab_path)
    assert not store.holds_participants(tmp_path / "missing.db")
    empty = store.open_db(tmp_path / "empty.db")
    assert not store.holds_participants(tmp_path / "empty.db")
    empty.close()


def test_busy_waits_no_longer_than_its_bound_under_a_long_holder(stocked):
    db, made = stocked
    held = threading.Event()
    release = threading.Event()

    def hold():
        with open(db.sprintlab_path + ".lock", "a+b") as foreign:
            fcntl.flock(foreign, fcntl.LOCK_EX)
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(5)
    try:
        waits = []
        for _ in range(3):
            began = time.monotonic()
            with pytest.raises(store.Busy):
                store.record_answers(db, made["id"], 0, [], "t")
            waits.append(time.monotonic() - began)
        assert all(SHORT_WAIT * 0.9 <= wait < SHORT_WAIT + 1 for wait in waits)
    finally:
        release.set()
        holder.join()
    assert store.record_answers(db, made["id"], 0, [], "t")
    assert os.path.exists(db.sprintlab_path)
