"""Who is logged in, and what they may see: researcher, designer or admin pages."""

import functools
import hashlib
import hmac
from datetime import UTC, datetime, timedelta

from flask import abort, current_app, g, redirect, request, session, url_for

from sprintlab import db as store
from sprintlab.accounts import can
from sprintlab.web.context import get_db

LOGIN_WINDOW_SECONDS = 15 * 60
LOGIN_MAX_FAILURES = 5


def current_user():
    """The logged-in account for this request, or None."""
    if "user" not in g:
        user_id = session.get("user_id")
        g.user = store.user_by_id(get_db(), user_id) if user_id else None
    return g.user


def requires(permission):
    """Let a view through only for accounts with PERMISSION; others log in first."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("auth.login", next=request.full_path))
            if not can(user, permission):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate


class LoginThrottle:
    """Failed logins per (address, name) in a sliding window, kept in the database.

    In the database, not in memory: every worker process of a server (and a
    restarted one) counts the same failures. Only a keyed hash of the address
    and name is stored, never the address itself.
    """

    def __init__(
        self, db, secret, window=LOGIN_WINDOW_SECONDS, limit=LOGIN_MAX_FAILURES
    ):
        self.db = db
        self.secret = secret.encode() if isinstance(secret, str) else secret
        self.window = timedelta(seconds=window)
        self.limit = limit

    def _key(self, key):
        text = "\0".join(str(part) for part in key).encode()
        return hmac.new(self.secret, text, hashlib.sha256).hexdigest()

    def blocked(self, key, now=None):
        """Whether KEY has used up its attempts in the window."""
        since = store.now((now or datetime.now(UTC)) - self.window)
        return store.login_failures_since(self.db, self._key(key), since) >= self.limit

    def fail(self, key, now=None):
        """Count one failed attempt for KEY."""
        now = now or datetime.now(UTC)
        store.record_login_failure(
            self.db, self._key(key), store.now(now), store.now(now - self.window)
        )

    def clear(self, key):
        """Forget KEY's failures after a successful login."""
        store.clear_login_failures(self.db, self._key(key))


def login_throttle():
    """The login throttle, on this request's database."""
    return LoginThrottle(get_db(), current_app.config["SECRET_KEY"])
