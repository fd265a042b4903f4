"""Who is logged in, and what they may see: researcher, designer or admin pages."""

import functools

from flask import abort, current_app, g, redirect, request, session, url_for

from sprintlab import db as store
from sprintlab.accounts import can
from sprintlab.web.context import get_db
from sprintlab.web.throttling import LoginThrottle


def current_user():
    """The logged-in account for this request, or None.

    A session issued before the account logged out or changed its password
    (an older session generation) names nobody.
    """
    if "user" not in g:
        user_id = session.get("user_id")
        user = store.user_by_id(get_db(), user_id) if user_id else None
        if user and session.get("generation") != user["session_generation"]:
            session.pop("user_id", None)
            session.pop("generation", None)
            user = None
        g.user = user
    return g.user


def log_in(user):
    """Start a fresh session for USER, in its current generation."""
    session.clear()
    session["user_id"] = user["id"]
    session["generation"] = user["session_generation"]


def log_out():
    """End every session of the logged-in account, this one included."""
    user = current_user()
    if user is not None:
        store.end_sessions(get_db(), user["id"])
    session.clear()


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


def login_throttle():
    """The login throttle, on this request's database."""
    return LoginThrottle(get_db(), current_app.config["SECRET_KEY"])
