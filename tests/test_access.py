"""Login limits: attempts counted in the database, by keyed hashes."""

from datetime import UTC, datetime, timedelta

from sprintlab import db as store
from sprintlab.web.throttling import (
    CLIENT_LOGIN_ATTEMPTS,
    FIRST_WAIT_SECONDS,
    FREE_LOGIN_ATTEMPTS,
    LoginThrottle,
    RateBudget,
)

CLIENT, NAME = "192.0.2.7", "onderzoeker"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def at(seconds):
    return NOW + timedelta(seconds=seconds)


def test_free_attempts_then_a_growing_wait(database):
    throttle = LoginThrottle(database, "secret")
    for second in range(FREE_LOGIN_ATTEMPTS):
        assert throttle.claim(CLIENT, NAME, at(second)) == 0
    last = FREE_LOGIN_ATTEMPTS - 1
    assert throttle.claim(CLIENT, NAME, at(last)) == FIRST_WAIT_SECONDS
    assert throttle.claim(CLIENT, NAME, at(last + FIRST_WAIT_SECONDS)) == 0
    then = last + FIRST_WAIT_SECONDS
    assert throttle.claim(CLIENT, NAME, at(then)) == 2 * FIRST_WAIT_SECONDS
    # Another client, or another name from this client, is not held up.
    assert throttle.claim("192.0.2.8", NAME, at(then)) == 0
    assert throttle.claim(CLIENT, "ontwerper", at(then)) == 0
    # Fifteen minutes later the old attempts no longer count.
    assert throttle.claim(CLIENT, NAME, at(then + 15 * 60 + 1)) == 0


def test_a_client_has_a_budget_over_all_names(database):
    throttle = LoginThrottle(database, "secret")
    for n in range(CLIENT_LOGIN_ATTEMPTS):
        assert throttle.claim(CLIENT, f"naam-{n}", NOW) == 0
    assert throttle.claim(CLIENT, "nog-een-naam", NOW) > 0
    assert throttle.claim("192.0.2.8", "nog-een-naam", NOW) == 0


def test_every_connection_counts_the_same_attempts(tmp_path):
    # As the worker processes of one server do: separate connections, one file.
    first = store.open_db(tmp_path / "x.db")
    second = store.connect(tmp_path / "x.db")
    for _ in range(FREE_LOGIN_ATTEMPTS):
        LoginThrottle(first, "secret").claim(CLIENT, NAME, NOW)
    assert LoginThrottle(second, "secret").claim(CLIENT, NAME, NOW) > 0
    LoginThrottle(second, "secret").forgive(CLIENT, NAME)
    assert LoginThrottle(first, "secret").claim(CLIENT, NAME, NOW) == 0
    first.close()
    second.close()


def test_no_address_or_name_is_stored_and_old_attempts_are_forgotten(database):
    throttle = LoginThrottle(database, "secret")
    throttle.claim(CLIENT, NAME, NOW)
    throttle.claim(CLIENT, NAME, NOW + timedelta(hours=1))
    stored = database.execute("SELECT client, account FROM login_attempts").fetchall()
    assert len(stored) == 1  # the first one was older than the window: forgotten
    assert CLIENT not in str(stored) and NAME not in str(stored)
    assert LoginThrottle(database, "other secret")._key("client", CLIENT) not in str(
        stored
    )


def test_a_rate_budget_refills_over_time():
    budget = RateBudget(3, 30)  # three at once, one more every ten seconds
    assert [budget.spend(CLIENT, now=0) for _ in range(3)] == [0, 0, 0]
    assert budget.spend(CLIENT, now=0) == 10
    assert budget.spend("192.0.2.8", now=0) == 0
    assert budget.spend(CLIENT, now=10) == 0
    assert CLIENT not in repr(budget._buckets)
