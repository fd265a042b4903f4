"""Limits on guessing and automation: logins, consents and withdrawals.

Logins are limited per (account, client) with a growing wait, and per client
over all names, in the database so every worker process counts the same
attempts. No one can lock a user out: another client's failures never count
against the user's own client. Consent and withdrawal have a budget per
client in this process's memory. A client is its address (as the trusted
proxies report it), kept only as a keyed hash: no address is stored.
"""

import hashlib
import hmac
import math
import secrets
import threading
from datetime import UTC, datetime, timedelta

from sprintlab import db as store

LOGIN_WINDOW = timedelta(minutes=15)
FREE_LOGIN_ATTEMPTS = 5  # per account and client in the window; then a wait
FIRST_WAIT_SECONDS = 15  # doubles with every further attempt...
MAX_WAIT_SECONDS = 15 * 60  # ...up to this
CLIENT_LOGIN_ATTEMPTS = 30  # per client in the window, over all names
# (burst, seconds to refill it): consent starts a participant, withdrawal
# tries a code. Sized for one kiosk or one office network at a live session.
BUDGETS = {"consent": (60, 600), "withdraw": (10, 600)}


def _now():
    return datetime.now(UTC)


class LoginThrottle:
    """Login attempts per (account, client) and per client, kept in the database."""

    def __init__(self, db, secret):
        self.db = db
        self.secret = secret.encode() if isinstance(secret, str) else secret

    def _key(self, kind, value):
        text = f"{kind}\0{value}".encode()
        return hmac.new(self.secret, text, hashlib.sha256).hexdigest()

    def claim(self, client, name, now=None):
        """Seconds CLIENT must wait before trying NAME; 0 counts this attempt."""
        now = now or _now()

        def wait_for(by_client, by_pair, latest):
            return self.wait(by_client, by_pair, latest, now)

        return store.claim_login_attempt(
            self.db, self._key("client", client), self._key("account", name.casefold()),
            store.now(now), store.now(now - LOGIN_WINDOW), wait_for,
        )  # fmt: skip

    @staticmethod
    def wait(by_client, by_pair, latest, now):
        """Seconds to wait, given the attempts in the window and the pair's latest."""
        if by_client >= CLIENT_LOGIN_ATTEMPTS:
            return int(LOGIN_WINDOW.total_seconds())
        if by_pair < FREE_LOGIN_ATTEMPTS:
            return 0
        extra = by_pair - FREE_LOGIN_ATTEMPTS
        delay = min(FIRST_WAIT_SECONDS * 2**extra, MAX_WAIT_SECONDS)
        waited = (now - datetime.fromisoformat(latest)).total_seconds()
        return max(0, math.ceil(delay - waited))

    def forgive(self, client, name):
        """Forget CLIENT's attempts at NAME after it logged in."""
        store.forgive_login_attempts(
            self.db, self._key("client", client), self._key("account", name.casefold())
        )


class RateBudget:
    """A token bucket per client in memory: BURST requests, refilled over SECONDS.

    Clients are keyed by an HMAC with a key made for this process, so not even
    memory holds an address, and the keys mean nothing after a restart.
    """

    def __init__(self, burst, seconds):
        self.burst = burst
        self.rate = burst / seconds
        self._key = secrets.token_bytes(32)
        self._buckets = {}
        self._lock = threading.Lock()

    def spend(self, client, now=None):
        """Spend one request for CLIENT: 0, or the seconds until one is left."""
        now = _now().timestamp() if now is None else now
        key = hmac.digest(self._key, str(client).encode(), hashlib.sha256)[:16]
        with self._lock:
            tokens, then = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens < 1:
                return math.ceil((1 - tokens) / self.rate)
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > 10_000:
                self._forget_full(now)
        return 0

    def _forget_full(self, now):
        """Drop buckets that have refilled: they hold nothing to remember."""
        for key, (tokens, then) in list(self._buckets.items()):
            if tokens + (now - then) * self.rate >= self.burst:
                del self._buckets[key]


def rate_budget(app, name):
    """APP's budget called NAME (see BUDGETS; RATE_BUDGETS in the config overrides)."""
    budgets = app.extensions.setdefault("sprintlab.budgets", {})
    if name not in budgets:
        burst, seconds = {**BUDGETS, **app.config.get("RATE_BUDGETS", {})}[name]
        budgets[name] = RateBudget(burst, seconds)
    return budgets[name]
