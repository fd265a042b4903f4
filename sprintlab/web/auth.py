"""Log in and out: accounts for researchers, designers and admins."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import TooManyRequests

from sprintlab.accounts import authenticate, normalise_name
from sprintlab.web.access import current_user, log_in, log_out, login_throttle
from sprintlab.web.context import get_db

bp = Blueprint("auth", __name__)


# Where each role starts when the login page was not opened on the way to a
# page: a researcher comes for the results, a designer for the studio.
HOME = {
    "researcher": "research.studies",
    "admin": "research.studies",
    "designer": "studio.index",
    "observer": "testday.index",
}


def _home(user):
    """The start page of USER's role (the gallery for a role without one)."""
    return url_for(HOME.get(user["role"], "index"))


def _safe_next(target, user):
    """Only a path on this site, never an absolute URL elsewhere; else USER's home."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not (target or "").startswith("/"):
        return _home(user)
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page; attempts are limited per account and client, and per client."""
    error, status = None, 200
    if request.method == "POST":
        name = normalise_name(request.form.get("name", ""))
        throttle = login_throttle()
        # Counted before the password is checked, in one transaction with the
        # check, so parallel guesses cannot slip through together.
        if wait := throttle.claim(request.remote_addr, name):
            raise TooManyRequests(retry_after=wait)
        user = authenticate(get_db(), name, request.form.get("password", ""))
        if user is None:
            error, status = "That name and password do not match.", 401
        else:
            throttle.forgive(request.remote_addr, name)
            log_in(user)
            return redirect(_safe_next(request.form.get("next"), user), code=303)
    page = render_template(
        "auth/login.html", error=error, next=request.values.get("next", "")
    )
    return page, status


@bp.post("/logout")
def logout():
    """End the session here and every other session of this account."""
    log_out()
    return redirect(url_for("auth.login"), code=303)


@bp.app_context_processor
def inject_user():
    """Make the logged-in account available to every page."""
    endpoints = current_app.extensions.get("sprintlab.endpoints")
    if endpoints is None:
        endpoints = {rule.endpoint for rule in current_app.url_map.iter_rules()}
        current_app.extensions["sprintlab.endpoints"] = endpoints
    return {"current_user": current_user, "url_rules": endpoints}
