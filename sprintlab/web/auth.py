"""Log in and out: accounts for researchers, designers and admins."""

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from sprintlab.accounts import authenticate
from sprintlab.web.access import current_user, login_throttle
from sprintlab.web.context import get_db

bp = Blueprint("auth", __name__)


def _safe_next(target):
    """Only a path on this site; never an absolute URL elsewhere."""
    parts = urlsplit(target or "")
    if parts.scheme or parts.netloc or not (target or "").startswith("/"):
        return url_for("index")
    return target


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login page; failed attempts are limited per address and name."""
    error, status = None, 200
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        key = (request.remote_addr, name.lower())
        throttle = login_throttle()
        if throttle.blocked(key):
            abort(429)
        user = authenticate(get_db(), name, request.form.get("password", ""))
        if user is None:
            throttle.fail(key)
            error, status = "That name and password do not match.", 401
        else:
            throttle.clear(key)
            session.clear()
            session["user_id"] = user["id"]
            return redirect(_safe_next(request.form.get("next")), code=303)
    page = render_template(
        "auth/login.html", error=error, next=request.values.get("next", "")
    )
    return page, status


@bp.post("/logout")
def logout():
    """Forget the logged-in account."""
    session.clear()
    return redirect(url_for("auth.login"), code=303)


@bp.app_context_processor
def inject_user():
    """Make the logged-in account available to every page."""
    endpoints = current_app.extensions.get("sprintlab.endpoints")
    if endpoints is None:
        endpoints = {rule.endpoint for rule in current_app.url_map.iter_rules()}
        current_app.extensions["sprintlab.endpoints"] = endpoints
    return {"current_user": current_user, "url_rules": endpoints}
