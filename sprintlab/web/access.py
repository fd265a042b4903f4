"""Who is logged in, and what they may see: researcher, designer or admin pages."""

import functools
import time
from collections import defaultdict, deque

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
    """Failed logins per (address, name) in a sliding window, kept in memory."""

    def __init__(self, window=LOGIN_WINDOW_SECONDS, limit=LOGIN_MAX_FAILURES):
        self.window = window
        self.limit = limit
        self.failures = defaultdict(deque)

    def _recent(self, key, now):
        stamps = self.failures[key]
        while stamps and stamps[0] < now - self.window:
            stamps.popleft()
        return stamps

    def blocked(self, key, now=None):
        """Whether KEY has used up its attempts in the window."""
        return len(self._recent(key, now or time.monotonic())) >= self.limit

    def fail(self, key, now=None):
        """Count one failed attempt for KEY."""
        now = now or time.monotonic()
        self._recent(key, now).append(now)

    def clear(self, key):
        """Forget KEY's failures after a successful login."""
        self.failures.pop(key, None)


def login_throttle():
    """The app's login throttle."""
    return current_app.extensions.setdefault(
        "sprintlab.login_throttle", LoginThrottle()
    )
