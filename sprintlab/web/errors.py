"""Clear error pages, in the participant's language, that say nothing changed."""

from flask import g, render_template, request
from werkzeug.exceptions import HTTPException, SecurityError

from sprintlab.i18n import STRINGS, translator
from sprintlab.languages import pick_language


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
