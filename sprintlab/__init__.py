"""sprintlab: test proactive outreach messages with real people first."""

from pathlib import Path

from sprintlab.db import transactions as store_defaults

__version__ = "0.1.0"


def create_app(test_config=None):
    """Create and configure the sprintlab web app."""
    # Imported here, not above: the report worker imports this package and
    # needs no Flask (web/ and cli/ import it themselves).
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        DATABASE=str(Path(app.instance_path) / "sprintlab.db"),
        CONTENT_ROOT=None,
        PUBLIC_URL=None,
        TRUSTED_PROXIES=0,
        MAX_CONTENT_LENGTH=64 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        # Participants must never lose a page to a timer (WCAG 2.2.1): the CSRF
        # token lives as long as the session, not an hour.
        WTF_CSRF_TIME_LIMIT=None,
        # Seconds a write waits for the lock before the page says "try again".
        WRITE_WAIT_SECONDS=store_defaults.WRITE_WAIT_SECONDS,
    )
    # Any WSGI server (gunicorn) configures the app with SPRINTLAB_* variables
    # (SPRINTLAB_DATABASE, SPRINTLAB_PUBLIC_URL, ...), also when `serve` passes
    # its own; tests that say TESTING stay apart from the environment they run in.
    if not (test_config or {}).get("TESTING"):
        app.config.from_prefixed_env("SPRINTLAB")
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        from sprintlab.web.secret_key import secret_beside

        app.config["SECRET_KEY"] = secret_beside(
            app.config["DATABASE"], renew=app.config.pop("NEW_SECRET", False)
        )

    from flask_wtf.csrf import CSRFProtect

    from sprintlab.web import context, deployment, errors, security, sessions, settings

    settings.init_app(app)
    deployment.init_app(app)
    context.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    sessions.init_app(app)
    csrf = CSRFProtect(app)

    from sprintlab.web import auth, gallery, participant, research, studio, testday

    app.register_blueprint(auth.bp)
    app.register_blueprint(gallery.bp)
    app.register_blueprint(participant.bp)
    # Participant pages check their own form token (web/participant_session.py).
    csrf.exempt(participant.bp)
    app.register_blueprint(research.bp)
    app.register_blueprint(studio.bp)
    app.register_blueprint(testday.bp)
    app.add_url_rule("/", endpoint="index", view_func=gallery.index)
    return app
