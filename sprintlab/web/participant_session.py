"""A participant's browser: the signed cookie that names them, and their form token.

The cookie carries the participant's random token, signed and timed with
itsdangerous. Every form a participant posts carries a second token derived
from the first with HMAC-SHA256 (the "HMAC-based token" defence against
cross-site request forgery). It lives as long as the participant cookie, needs
no Flask session and costs one HMAC to check, so answer pages never open,
re-sign or store a session cookie. Forms shown before a person takes part
(consent, withdrawal) use flask-wtf's session token instead.
"""

import hashlib
import hmac
import threading
import time
from collections import OrderedDict

from flask import current_app
from flask_wtf.csrf import CSRFError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

COOKIE_AGE = 60 * 60 * 24 * 30
VERIFIED_KEPT = 4096  # cookies of participants taking part right now
_verified_lock = threading.Lock()
FORM_TOKEN_PURPOSE = b"sprintlab participant form token"


class RefusedCookie(Exception):
    """A participant cookie that names nobody: forged (403) or expired (410)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def cookie_name(study_id):
    """The name of the cookie that holds the participant of the study STUDY_ID."""
    return f"sl-{study_id}"


def _keys():
    """The app's cookie serializer and form-token key, made once per secret."""
    secret = current_app.config["SECRET_KEY"]
    cached = current_app.extensions.get("sprintlab.participant_keys")
    if cached is None or cached[0] != secret:
        serializer = URLSafeTimedSerializer(secret, salt="participant")
        form_key = hmac.digest(secret.encode(), FORM_TOKEN_PURPOSE, hashlib.sha256)
        cached = (secret, serializer, form_key)
        current_app.extensions["sprintlab.participant_keys"] = cached
    return cached[1], cached[2]


def signed_cookie(token):
    """The cookie value that carries participant TOKEN."""
    return _keys()[0].dumps(token)


def token_from_cookie(raw):
    """The participant token in cookie value RAW; RefusedCookie when it is not ours.

    A participant sends the same cookie with every page, so a cookie whose
    signature checked out is kept with its age: a page later it only needs
    its age checked again. Only cookies that passed the full check are kept.
    """
    serializer = _keys()[0]
    verified = current_app.extensions.setdefault(
        "sprintlab.verified_cookies", OrderedDict()
    )
    kept = verified.get(raw)
    if kept is not None and kept[0] is serializer:
        if time.time() - kept[2] > COOKIE_AGE:
            raise RefusedCookie(410)
        return kept[1]
    try:
        token, signed = serializer.loads(raw, max_age=COOKIE_AGE, return_timestamp=True)
    except SignatureExpired:
        raise RefusedCookie(410) from None
    except BadSignature:
        raise RefusedCookie(403) from None
    with _verified_lock:
        verified[raw] = (serializer, token, signed.timestamp())
        while len(verified) > VERIFIED_KEPT:
            verified.popitem(last=False)
    return token


def form_token(token):
    """The form token for the participant with TOKEN: the same on every page."""
    return hmac.new(_keys()[1], token.encode(), hashlib.sha256).hexdigest()


def check_form_token(token, sent):
    """Raise CSRFError unless SENT is the form token of the participant with TOKEN."""
    if not sent:
        raise CSRFError("The CSRF token is missing.")
    if not hmac.compare_digest(form_token(token).encode(), sent.encode()):
        raise CSRFError("The CSRF token is invalid.")


def view_stamp(token, position, at):
    """When page POSITION was first shown to TOKEN's participant, signed for the form.

    Sent only when a busy write lock kept the view from being recorded: the
    answer then records it, in whichever server process receives it.
    """
    message = f"{token}|{position}|{at}".encode()
    return f"{at}|{hmac.new(_keys()[1], message, hashlib.sha256).hexdigest()}"


def shown_at(token, position, stamp):
    """The time in a view STAMP made for this participant and page, else None."""
    at, _, signature = (stamp or "").rpartition("|")
    if not at:
        return None
    expected = view_stamp(token, position, at).rpartition("|")[2]
    return at if hmac.compare_digest(expected, signature) else None
