"""The request context: the only place that knows Flask holds a database."""

from flask import current_app, g

from sprintlab import db as store
from sprintlab.content import Content, find_content_root


def get_db():
    """The evidence store for this request, opened once per request."""
    if "db" not in g:
        g.db = store.connect(current_app.config["DATABASE"])
    return g.db


def get_content():
    """The studies and templates this app serves."""
    return current_app.extensions["sprintlab.content"]


def close_db(exception=None):
    """Close the request's database connection, if one was opened."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app):
    """Migrate the database, find the content and register teardown."""
    root = find_content_root(app.config.get("CONTENT_ROOT"))
    app.extensions["sprintlab.content"] = Content(root)
    migrated = store.open_db(app.config["DATABASE"])
    migrated.close()
    app.teardown_appcontext(close_db)
