"""Clear error pages, in the participant's language, that say nothing changed."""

import sqlite3

from flask import current_app, g, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from sprintlab import db as store
from sprintlab.i18n import STRINGS, translator
from sprintlab.languages import pick_language

# Form fields a try-again button sends back as they came: small, and never a
# file (forms here post text only).
MAX_RESENT_FIELDS = 64


def error_page(error):
    """A calm page for an HTTP error: what happened, and that nothing changed."""
    code = error.code if isinstance(error, HTTPException) else 500
    language = _language()
    key = f"error_{code}" if f"error_{code}" in STRINGS else "error_400"
    if isinstance(error, SecurityError):
        # A Host we do not answer: no URL can be built for it, so the page
        # links nowhere (not even to a style sheet).
        body = render_template(
            "participant/bare_error.html", language=language,
            t=translator(language), message_key="error_host", code=code,
        )  # fmt: skip
        return body, code, {"Cache-Control": "no-store"}
    headers = {"Cache-Control": "no-store"}
    if isinstance(error, HTTPException):
        # A 429 says when to try again.
        headers.update(
            (k, v) for k, v in error.get_headers() if k.lower() == "retry-after"
        )
    study_id = (request.view_args or {}).get("study_id")
    body = render_template(
        "participant/error.html",
        language=language,
        t=translator(language),
        message_key=key,
        code=code,
        study_id=study_id,
        study=None,
    )
    return body, code, headers


def busy_page(error):
    """503 with Retry-After when the evidence store cannot take this request now.

    The write lock stayed taken past its bound (Busy), the database file was
    deleted or replaced (Gone), or SQLite refused (read-only, disk full).
    Nothing was stored; the page offers to send the same request again.
    """
    current_app.logger.warning("503 on %s %s: %s", request.method, request.path, error)
    db = g.get("db")
    if db is not None:
        db.failed = True  # never pool a connection that just failed
    language = _language()
    fields = []
    if request.method == "POST":
        fields = list(request.form.items(multi=True))[:MAX_RESENT_FIELDS]
    body = render_template(
        "participant/busy.html",
        language=language,
        t=translator(language),
        study=None,
        method=request.method,
        fields=fields,
        retry_after=store.Busy.retry_after,
    )
    headers = {"Cache-Control": "no-store", "Retry-After": str(store.Busy.retry_after)}
    return body, 503, headers


def _language():
    """The participant's language, else the one asked for in the query or form."""
    if g.get("participant_language"):
        return g.participant_language
    try:
        return pick_language(request.args.get("lang") or request.form.get("lang"))
    except HTTPException:
        # The body itself was the problem (too large, say): don't read it again.
        return pick_language(request.args.get("lang"))


def init_app(app):
    """Register the error pages for every 4xx and 5xx the app raises."""
    for code in (400, 403, 404, 405, 409, 410, 413, 422, 429, 500, 503):
        app.register_error_handler(code, error_page)
    for failure in (store.Busy, store.StoreError, sqlite3.OperationalError):
        app.register_error_handler(failure, busy_page)
