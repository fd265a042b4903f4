"""Flask's signed-cookie sessions, with the signing serializer made once per key."""

from flask import request
from flask.sessions import SecureCookieSessionInterface


class SessionInterface(SecureCookieSessionInterface):
    """Flask's own session cookies, unchanged; only the serializer is kept.

    Flask builds a new itsdangerous serializer (and test-serializes a value)
    at the start of every request, whether or not a session cookie came
    along. Keeping it while the secret keys stay the same saves that on every
    page, answer submits included.
    """

    def __init__(self):
        self._kept = (None, None)

    def get_signing_serializer(self, app):
        """The serializer for APP's current secret keys, made when they change."""
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept_keys, serializer = self._kept
        if kept_keys != keys:
            serializer = super().get_signing_serializer(app)
            self._kept = (keys, serializer)
        return serializer

    def get_cookie_secure(self, app):
        """Secure when configured so, and always on a request that came over HTTPS."""
        return super().get_cookie_secure(app) or request.is_secure


def init_app(app):
    """Use the kept-serializer session interface for APP."""
    app.session_interface = SessionInterface()
