"""Login limits: failures counted in the database, by a keyed hash."""

from datetime import UTC, datetime, timedelta

from sprintlab import db as store
from sprintlab.web.access import LOGIN_MAX_FAILURES, LoginThrottle

KEY = ("192.0.2.7", "onderzoeker")
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_failures_block_within_the_window_only(database):
    throttle = LoginThrottle(database, "secret")
    for minute in range(LOGIN_MAX_FAILURES):
        assert not throttle.blocked(KEY, NOW + timedelta(minutes=minute))
        throttle.fail(KEY, NOW + timedelta(minutes=minute))
    assert throttle.blocked(KEY, NOW + timedelta(minutes=5))
    assert not throttle.blocked(("192.0.2.8", "onderzoeker"), NOW)
    # Fifteen minutes after the first failure it no longer counts.
    assert not throttle.blocked(KEY, NOW + timedelta(minutes=15, seconds=1))


def test_every_connection_counts_the_same_failures(tmp_path):
    # As the worker processes of one server do: separate connections, one file.
    first = store.open_db(tmp_path / "x.db")
    second = store.connect(tmp_path / "x.db")
    for _ in range(LOGIN_MAX_FAILURES):
        LoginThrottle(first, "secret").fail(KEY, NOW)
    assert LoginThrottle(second, "secret").blocked(KEY, NOW)
    LoginThrottle(second, "secret").clear(KEY)
    assert not LoginThrottle(first, "secret").blocked(KEY, NOW)
    first.close()
    second.close()


def test_no_address_or_name_is_stored_and_old_failures_are_forgotten(database):
    throttle = LoginThrottle(database, "secret")
    throttle.fail(KEY, NOW)
    throttle.fail(KEY, NOW + timedelta(hours=1))
    rows = database.execute("SELECT key, failed_at FROM login_failures").fetchall()
    assert len(rows) == 1  # the first one was older than the window: forgotten
    assert "192.0.2.7" not in rows[0][0] and "onderzoeker" not in rows[0][0]
    assert LoginThrottle(database, "other secret")._key(KEY) != rows[0][0]
